"""One rounding rule (四舍五入, one decimal) for a score at a .x5 boundary: 81.25 reads 81.3%
in ``assessment list`` and ``show``, the PDF, the XLSX and the window — never 81.2% (Python's
round-half-even) nor 81.25%."""

from __future__ import annotations

import datetime as dt
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest

from tests.cli.results import ok
from tests.helpers.factory import item, template
from tests.helpers.pdfcheck import Pdf
from tests.helpers.window import add_school, open_walkthrough
from wjself.ui.home import HomePage

pytestmark = pytest.mark.gui


def test_a_score_at_a_half_reads_the_same_everywhere(window, cli, tmp_path: Path) -> None:
    ws = window.workspace
    ws.templates.install(template([item(f"A{n}") for n in range(1, 9)], title="四舍五入检查表"))
    school = add_school(ws)
    aid = ws.assessments.new(school.id, "t-test", None, "2024")
    for n in range(1, 7):
        ws.answers.set(aid, f"A{n}", "符合")
    ws.answers.set(aid, "A7", "基本符合")  # half credit: 6.5 of 8 = 81.25%
    ws.answers.set(aid, "A8", "不符合")
    due = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    ok(cli("rectification", "set", aid, "A8", "--measure", "整改", "--owner", "王", "--due", due))
    ok(cli("assessment", "finalize", aid, "--filled-by", "李", "--reviewed-by", "张"))
    assert ws.assessments.view(aid).score().percent == 81.25

    assert "\t81.3% " in ok(cli("assessment", "list"))
    assert "得分：81.3%（" in ok(cli("assessment", "show", aid))
    shown = json.loads(ok(cli("assessment", "show", aid, "--json")))["score"]
    assert (shown["percent"], shown["percent_display"]) == (81.25, "81.3%")

    pdf = tmp_path / "r.pdf"
    ok(cli("report", "pdf", aid, "-o", pdf))
    text = Pdf(pdf).squashed
    assert "总得分率81.3%" in text and "81.2%" not in text and "81.25" not in text

    sheet = tmp_path / "r.xlsx"
    ok(cli("report", "xlsx", aid, "-o", sheet))
    summary = openpyxl.load_workbook(sheet)["汇总"]
    head = [c.value for c in summary[1]]
    total = summary.cell(row=summary.max_row, column=head.index("得分率") + 1)
    assert total.number_format == "0.0%"  # what a spreadsheet shows: half up, one decimal
    shown_there = (Decimal(repr(total.value)) * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)
    assert f"{shown_there}%" == "81.3%"

    home = window.show_page("home")
    assert isinstance(home, HomePage)
    home.refresh()
    assert home.proxy.index(0, 5).data() == "81.3"
    page = open_walkthrough(window, aid)
    assert page.score_label.text().startswith("得分 81.3%")
