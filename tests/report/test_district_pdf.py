"""The district summary PDF read back: title, the five parts, counts equal to the figures."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from tests.helpers.district_figures import make_figures
from tests.helpers.pdfcheck import Pdf
from wjself.report.district_pdf import PARTS, write_district_pdf
from wjself.report.district_rows import summarize

WHEN = dt.datetime(2024, 12, 20, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def test_the_pdf_has_the_title_parts_and_the_figures_counts(tmp_path: Path) -> None:
    figures = make_figures(schools=30)
    target = tmp_path / "district.pdf"
    totals = write_district_pdf(figures, target, generated_at=WHEN)
    pdf = Pdf(target)
    text = pdf.squashed
    assert "武进区学校自查情况汇总（2024）" in text
    for part in PARTS:
        assert part in text
    schools = {r.school_code for r in figures.rows} | {m.school_code for m in figures.missing}
    lacking = {m.school_code for m in figures.missing}
    overdue = sum(1 for r in figures.open_rects if r.overdue)
    assert totals.schools == len(schools) == 30
    assert totals.assessments == len(figures.rows)
    assert f"应报送学校{len(schools)}所" in text
    assert f"已报送{len({r.school_code for r in figures.rows})}所" in text
    assert f"收到自查表{len(figures.rows)}份" in text
    assert f"尚有{len(lacking)}所学校未报送（缺{len(figures.missing)}份）" in text
    assert f"未完成{len(figures.open_rects)}项，其中逾期{overdue}项" in text
    mean = sum(r.score for r in figures.rows if r.score is not None) / len(figures.rows)
    assert f"平均得分率{mean:.1f}%" in text
    for m in figures.missing:  # 五、未报送学校 names each school
        assert m.school_name in text and m.school_code in text
    # 第 X 页 共 Y 页 on every page
    total = len(pdf.pages)
    for n, page in enumerate(pdf.pages, 1):
        assert re.search(rf"第\s*{n}\s*页\s*共\s*{total}\s*页", page)


def test_an_empty_district_says_so(tmp_path: Path) -> None:
    figures = make_figures(schools=0)
    target = tmp_path / "empty.pdf"
    totals = write_district_pdf(figures, target, generated_at=WHEN)
    assert totals.schools == 0
    text = Pdf(target).squashed
    assert "本期尚未收到任何学校的自查表" in text
    assert "应报送的学校均已报送" in text


def test_summary_counts_match_the_rows() -> None:
    figures = make_figures(schools=14, templates=2)
    totals = summarize(figures)
    assert totals.reported == len({r.school_code for r in figures.rows})
    assert sum(n for _, n in totals.ratings) == len(figures.rows)
    assert sum(t.assessments for t in totals.townships) == len(figures.rows)
    assert sum(t.schools for t in totals.townships) == totals.schools
