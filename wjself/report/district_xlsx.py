"""The district XLSX: one row per school × item (typed columns) and one per school × checklist.

Sheet 逐项 holds every item of every received assessment with its school (code, name,
township, stages), checklist (id, version), period, section, outcome, the value typed as what
it is (a number with its unit, a date as a date, text as text), the score earned and possible,
and the item's 整改 status and due date.  Sheet 汇总 holds one row per school × checklist:
score, rating, the previous period's score, signature, dates, counts.  Numbers are numbers and
dates are dates, so the bureau can filter, sort and pivot without converting anything; text
never becomes a formula.

The workbook is written in openpyxl's write-only mode (rows streamed to disk), so 3,300
assessments of a hundred items each need no more memory than one.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from wjself.atomic import write_output
from wjself.core.assessment import RECT_STATUS_LABELS, AssessmentView
from wjself.core.scoring import Outcome
from wjself.core.template import Kind
from wjself.report.district_rows import township
from wjself.report.rows import ItemRow, item_rows

MAX_CELL = 32_767
ITEM_COLUMNS = (
    ("学校标识码", 13), ("学校", 24), ("镇街", 12), ("学段", 14), ("模板编号", 14),
    ("模板版本", 10), ("周期", 8), ("编号", 10), ("部分", 20), ("检查内容", 50),
    ("判定", 14), ("数值", 10), ("单位", 8), ("日期", 12), ("文字答案", 30), ("得分", 8),
    ("分值", 8), ("整改状态", 10), ("整改时限", 12), ("整改逾期", 9),
)  # fmt: skip
SUMMARY_COLUMNS = (
    ("学校标识码", 13), ("学校", 24), ("镇街", 12), ("学段", 14), ("模板编号", 14),
    ("模板版本", 10), ("检查表", 28), ("周期", 8), ("状态", 8), ("得分率(%)", 10),
    ("评定等级", 9), ("上期", 8), ("上期得分率(%)", 12), ("变化", 8), ("签名", 10),
    ("定稿时间", 18), ("收到时间", 18), ("未完成整改", 10), ("逾期整改", 9),
)  # fmt: skip
HEAD_FONT = Font(bold=True, color="1F3A5F")
HEAD_FILL = PatternFill("solid", fgColor="E6EBF2")
DATE_FORMAT = "yyyy-mm-dd"
TIME_FORMAT = "yyyy-mm-dd hh:mm"
SIGNATURE_WORDS = {"valid": "有效", "absent": "未签名", "invalid": "无效", "malformed": "无效"}


def write_district_xlsx(
    figures: Any,
    views: Iterable[AssessmentView],
    target: str | os.PathLike[str],
) -> int:
    """Write ``figures`` (summary) and ``views`` (every item) to ``target``; returns item rows.

    ``views`` are the received assessments of ``figures.rows`` as the school saw them, taken
    one at a time (a generator keeps memory flat).
    """
    written = [0]

    def produce(handle: BinaryIO) -> None:
        written[0] = _build(figures, views, handle)

    write_output(target, produce, "区级汇总 XLSX")
    return written[0]


def _build(figures: Any, views: Iterable[AssessmentView], out: BinaryIO) -> int:
    wb = Workbook(write_only=True)
    items = wb.create_sheet("逐项")
    summary = wb.create_sheet("汇总")
    _header(items, ITEM_COLUMNS)
    _header(summary, SUMMARY_COLUMNS)
    count = 0
    for view in views:
        count += _view_rows(items, view, figures.today)
    open_by: dict[int, list[Any]] = {}
    for r in figures.open_rects:
        open_by.setdefault(r.received_id, []).append(r)
    for row in sorted(
        figures.rows, key=lambda r: (township(r.township), r.school_name, r.template_id)
    ):
        rects = open_by.get(row.id, [])
        _append(
            summary,
            [
                row.school_code, row.school_name, row.township, "、".join(row.stages),
                row.template_id, row.template_version, row.template_title, row.period,
                "已定稿" if row.status == "finalized" else "草稿", row.score, row.rating,
                row.previous_period or "", row.previous_score, row.change,
                SIGNATURE_WORDS.get(row.signature, row.signature), _naive(row.finalized_at),
                _naive(row.received_at), len(rects), sum(1 for r in rects if r.overdue),
            ],
        )  # fmt: skip
    wb.save(out)
    return count


def _view_rows(ws: WriteOnlyWorksheet, view: AssessmentView, today: dt.date) -> int:
    score = view.score()
    s, t = view.school, view.template
    head = [s.code, s.name, s.township, "、".join(s.stages), t.id, t.version, view.period]
    rects = {r.code: r for r in view.rectifications}
    count = 0
    for row in item_rows(view, score):
        if row.hidden:
            continue
        rect = rects.get(row.item.code)
        number, unit, date, text = typed_value(row)
        _append(
            ws,
            [
                *head, row.item.code, row.section.title, row.item.text, row.verdict,
                number, unit, date, text, row.earned, row.possible,
                RECT_STATUS_LABELS[rect.status] if rect else "",
                rect.due if rect else None,
                ("是" if rect.overdue(today) else "否") if rect else "",
            ],
        )  # fmt: skip
        count += 1
    return count


def typed_value(row: ItemRow) -> tuple[float | None, str, dt.date | None, str]:
    """The answer as (number, unit, date, text): only the one its kind gives is filled."""
    answer = row.answer
    value = answer.value if answer is not None else None
    kind = row.item.kind
    if value is None or (row.outcome in (Outcome.NA, Outcome.EXCLUDED) and kind is not Kind.TEXT):
        return None, "", None, row.value_text if value is not None else ""
    if kind in (Kind.NUMBER, Kind.PERCENT) and isinstance(value, int | float):
        return float(value), "%" if kind is Kind.PERCENT else row.item.unit, None, ""
    if kind is Kind.DATE and isinstance(value, str):
        try:
            return None, "", dt.date.fromisoformat(value), ""
        except ValueError:
            return None, "", None, value
    return None, "", None, row.value_text


def _naive(when: dt.datetime | None) -> dt.datetime | None:
    """Excel has no time zones: the local wall time as recorded."""
    return None if when is None else when.replace(tzinfo=None)


def _header(ws: WriteOnlyWorksheet, columns: tuple[tuple[str, int], ...]) -> None:
    from openpyxl.utils import get_column_letter

    for index, (_, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    cells = []
    for name, _ in columns:
        cell = WriteOnlyCell(ws, value=name)
        cell.font = HEAD_FONT
        cell.fill = HEAD_FILL
        cells.append(cell)
    ws.append(cells)


def _append(ws: WriteOnlyWorksheet, values: list[Any]) -> None:
    cells: list[Any] = []
    for value in values:
        if isinstance(value, str):
            cell = WriteOnlyCell(ws, value=_clean(value))
            cell.data_type = "s"  # never a formula, whatever the text starts with
            cells.append(cell)
        elif isinstance(value, dt.datetime):
            cell = WriteOnlyCell(ws, value=value)
            cell.number_format = TIME_FORMAT
            cells.append(cell)
        elif isinstance(value, dt.date):
            cell = WriteOnlyCell(ws, value=value)
            cell.number_format = DATE_FORMAT
            cells.append(cell)
        else:
            cells.append(value)
    ws.append(cells)


def _clean(text: str) -> str:
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    text = "".join(ch for ch in text if not 0xD800 <= ord(ch) <= 0xDFFF)
    return text[:MAX_CELL]
