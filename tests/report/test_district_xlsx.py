"""The district XLSX read back: one typed row per school × item, one per school × checklist."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import openpyxl

from tests.helpers.district_figures import make_figures
from tests.helpers.views import answer, sample_view
from wjself.report.district_xlsx import ITEM_COLUMNS, SUMMARY_COLUMNS, write_district_xlsx


def test_items_and_summary_are_typed(tmp_path: Path) -> None:
    view = sample_view(tmp_path / "ev")
    hostile = replace(
        view,
        answers={**view.answers, "A05": answer("A05", '=HYPERLINK("http://x")')},
    )
    figures = make_figures(schools=4, templates=2)
    target = tmp_path / "district.xlsx"
    rows = write_district_xlsx(figures, [view, hostile], target)
    wb = openpyxl.load_workbook(target)
    items, summary = wb["逐项"], wb["汇总"]
    head = [c.value for c in items[1]]
    assert head == [name for name, _ in ITEM_COLUMNS]
    body = [
        dict(zip(head, (c.value for c in row), strict=True)) for row in items.iter_rows(min_row=2)
    ]
    assert len(body) == rows == 2 * sum(1 for r in body[: len(body) // 2])
    by_code = {r["编号"]: r for r in body[: len(body) // 2]}
    assert by_code["A02"]["数值"] == 3 and isinstance(by_code["A02"]["数值"], int | float)
    assert by_code["B01"]["数值"] == 95.0 and by_code["B01"]["单位"] == "%"
    assert by_code["B04"]["日期"] == dt.datetime(2024, 4, 18)  # a date cell, read back as datetime
    assert by_code["A04"]["判定"] == "不符合"
    assert by_code["A04"]["整改状态"] == "整改中"
    assert by_code["A04"]["整改时限"] == dt.datetime(2024, 7, 1)
    assert isinstance(by_code["A01"]["得分"], int | float)
    assert isinstance(by_code["A01"]["分值"], int | float)
    assert by_code["A01"]["学校标识码"] == view.school.code and isinstance(
        by_code["A01"]["学校标识码"], str
    )
    formula = next(r for r in body[len(body) // 2 :] if r["编号"] == "A05")
    assert formula["文字答案"].startswith("=HYPERLINK")  # stays text, never a formula
    assert items.cell(row=2 + list(by_code).index("A05"), column=15).data_type == "s"
    shead = [c.value for c in summary[1]]
    assert shead == [name for name, _ in SUMMARY_COLUMNS]
    srows = [
        dict(zip(shead, (c.value for c in row), strict=True))
        for row in summary.iter_rows(min_row=2)
    ]
    assert len(srows) == len(figures.rows)
    first = next(
        r
        for r in srows
        if r["学校标识码"] == figures.rows[0].school_code
        and r["模板编号"] == figures.rows[0].template_id
    )
    assert first["得分率(%)"] == figures.rows[0].score
    assert isinstance(first["收到时间"], dt.datetime)
    open_count = sum(1 for r in figures.open_rects if r.received_id == figures.rows[0].id)
    assert first["未完成整改"] == open_count
