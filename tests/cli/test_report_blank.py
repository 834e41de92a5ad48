"""``wjself report blank TEMPLATE[@VERSION] [--school ID] -o OUT.pdf``: the paper checklist."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

from tests.cli.results import ok, refused
from tests.helpers.pdfcheck import Pdf
from wjself.cli.main import main
from wjself.core.template import Kind
from wjself.paths import DataPaths
from wjself.report.styles import MARGIN_BOTTOM, MARGIN_TOP, PAGE_HEIGHT, styles
from wjself.store import Workspace

TEMPLATE = "wj2024-safety"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("blank") / "data"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--data-dir", str(data), "demo"]) == 0
    return data


def listed(pdf: Pdf, code: str) -> bool:
    """Whether ``code`` stands in the code column (a line of its own), not just in a text."""
    return any(re.search(rf"^{re.escape(code)}$", page, re.M) for page in pdf.pages)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_a_schools_blank_checklist_lists_its_items_with_boxes_and_blanks(
    folder: Path, cli, tmp_path: Path
) -> None:
    target = tmp_path / "blank.pdf"
    out = ok(cli("--data-dir", folder, "report", "blank", TEMPLATE, "--school", "1", "-o", target))
    with Workspace.open(DataPaths(folder), automatic_backup=False) as ws:
        template = ws.templates.get(TEMPLATE)
        school = ws.schools.get(1)
    facts = dict(school.facts)
    items = list(template.items())
    applies = [i for i in items if i.applies.reason_not_applicable(school.stages, facts) is None]
    assert 0 < len(applies) < len(items)  # the demo school has no boarding, no school bus …
    assert f"（{len(applies)} 个检查项，适用于{school.name}）" in out
    pdf = Pdf(target)
    text = pdf.squashed
    first = squash(pdf.pages[0])
    for blank in ("学校", school.name, "检查人", "检查日期", "年＿＿月＿＿日"):
        assert blank in first
    assert f"另有{len(items) - len(applies)}项不适用于本校，未列出" in first
    for item in items:
        assert listed(pdf, item.code) == (item in applies), item.code
    assert text.count("□符合□基本符合□不符合□不适用") == sum(
        1 for i in applies if i.kind is Kind.COMPLIANCE
    )
    assert text.count("情况记录：") == len(applies)
    sample = next(i for i in applies if i.method and i.evidence)
    assert squash(f"检查方法：{sample.method}") in text
    assert squash(f"佐证材料：{sample.evidence}") in text
    for section in template.sections:
        if any(i in applies for i in section.items):
            assert squash(section.title) in text


def test_without_a_school_every_item_is_listed(folder: Path, cli, tmp_path: Path) -> None:
    target = tmp_path / "all.pdf"
    with Workspace.open(DataPaths(folder), automatic_backup=False) as ws:
        template = ws.templates.get(TEMPLATE)
    ref = f"{TEMPLATE}@{template.version}"
    out = ok(cli("--data-dir", folder, "report", "blank", ref, "-o", target))
    assert f"（{template.item_count()} 个检查项）" in out
    text = Pdf(target).squashed
    pdf = Pdf(target)
    assert all(listed(pdf, item.code) for item in template.items())
    assert f"本表列出全部{template.item_count()}个检查项" in text


@pytest.mark.reliability(
    fault="Unknown template, version or school for the blank checklist",
    method="report blank with wrong references and output names (CLI tests)",
)
def test_bad_references_are_refused_and_write_nothing(folder: Path, cli, tmp_path: Path) -> None:
    target = tmp_path / "x.pdf"
    base = ("--data-dir", folder, "report", "blank")
    refused(cli(*base, "no-such-template", "-o", target), "模板 no-such-template 未安装")
    refused(cli(*base, f"{TEMPLATE}@1999.9", "-o", target), "没有版本 1999.9")
    refused(cli(*base, TEMPLATE, "--school", "99", "-o", target))
    refused(cli(*base, TEMPLATE, "-o", tmp_path / "x.docx"), "输出文件应以 .pdf 结尾")
    # The demo school is a primary school: nothing of the kindergarten checklist applies.
    refused(cli(*base, "wj2024-preschool", "--school", "1", "-o", target), "没有适用于")
    assert not target.exists() and not (tmp_path / "x.docx").exists()


def test_no_page_of_the_demo_reports_or_the_blank_ends_with_a_heading(
    folder: Path, cli, tmp_path: Path
) -> None:
    ids = [str(i) for i in range(1, 5)]
    ok(cli("--data-dir", folder, "report", "pdf", *ids, "-o", tmp_path / "demo.pdf"))
    ok(cli("--data-dir", folder, "report", "blank", TEMPLATE, "-o", tmp_path / "blank.pdf"))
    top, bottom = MARGIN_TOP - 4, PAGE_HEIGHT - MARGIN_BOTTOM + 4
    for name in ("demo.pdf", "blank.pdf"):
        pdf = Pdf(tmp_path / name)
        assert not pdf.stranded_headings(styles().h2.fontSize, top, bottom), name
