"""The XLSX for the bureau: answers, rectifications and a summary, one row per record.

Every row of every sheet starts with the same keys — school, 学校标识码, 镇街, 学段, template
id, version and title, period, status, 填表人, 审核人, 定稿日期 — so the sheets of 50 schools'
files can be stacked and pivoted.  Figures are typed cells beside the text people read: the
answers sheet has 数值 (a number; a percent as a fraction with a percent format), 单位 and
日期 (a date cell) next to 结果, and 得分/满分 as numbers; the summary's 得分率 is a fraction
formatted as a percent to the precision of every other front end (``core.text``: 四舍五入,
one decimal, ``81.3%`` / ``100%``); its 行类型 column says 分项 or 合计.

Text is always stored as text: a note that begins with ``=``, ``+``, ``-`` or ``@`` stays a
string (openpyxl would otherwise store "=…" as a formula), and characters XML cannot hold are
dropped.  Multi-line and long text cells wrap.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from wjself.atomic import write_output
from wjself.core.assessment import RECT_STATUS_LABELS, STATUS_LABELS, AssessmentView
from wjself.core.counts import COLUMNS as COUNT_COLUMNS
from wjself.core.counts import Counts
from wjself.core.errors import InputError
from wjself.core.scoring import Tally
from wjself.core.template import Kind
from wjself.core.text import percent_number
from wjself.report.rows import ItemRow, item_rows, rect_rows

MAX_CELL = 32_767  # Excel's limit on the characters in one cell

HEAD_COLUMNS = (
    ("学校", 24), ("学校标识码", 13), ("镇街", 10), ("学段", 10), ("模板编号", 14),
    ("模板版本", 10), ("检查表", 28), ("周期", 8), ("状态", 8), ("填表人", 10),
    ("审核人", 10), ("定稿日期", 12),
)  # fmt: skip
ANSWER_COLUMNS = (
    *HEAD_COLUMNS, ("部分编号", 9), ("部分", 20), ("编号", 10), ("检查内容", 50), ("条款", 8),
    ("结果", 16), ("数值", 10), ("单位", 7), ("日期", 12), ("判定", 14), ("得分", 7),
    ("满分", 7), ("说明", 40), ("佐证数", 7), ("佐证文件", 36),
)  # fmt: skip
RECT_COLUMNS = (
    *HEAD_COLUMNS, ("编号", 10), ("检查内容", 40), ("存在问题", 36), ("整改措施", 40),
    ("责任人", 10), ("完成时限", 12), ("状态", 10), ("是否逾期", 9), ("完成日期", 12),
    ("验收日期", 12), ("验收人", 10),
)  # fmt: skip
SUMMARY_COLUMNS = (
    *HEAD_COLUMNS, ("行类型", 8), ("部分编号", 9), ("部分", 20),
    *zip(COUNT_COLUMNS, (7, 12, 7, 14, 8, 8, 7, 9, 8), strict=True),
    ("得分", 8), ("满分", 8), ("得分率", 10), ("评定等级", 9), ("指纹", 20),
)  # fmt: skip
# Columns whose text runs long: wrapped, as is any cell with a line break.
WRAPPED = frozenset({"检查内容", "说明", "佐证文件", "存在问题", "整改措施", "结果"})
HEAD_FONT = Font(bold=True, color="1F3A5F")
HEAD_FILL = PatternFill("solid", fgColor="E6EBF2")
WRAP = Alignment(wrap_text=True, vertical="top")
DATE_FORMAT = "yyyy-mm-dd"


class Percent(float):
    """A fraction written as a percent cell, with the number format it is shown in."""

    number_format: str

    def __new__(cls, fraction: float, number_format: str) -> Percent:
        self = super().__new__(cls, fraction)
        self.number_format = number_format
        return self


def score_cell(percent: float | None) -> Percent | None:
    """A 得分率 (in percent) as a fraction whose percent format shows what every front end
    shows: one decimal by 四舍五入, ``100%`` without ``.0`` (spreadsheets round half up too)."""
    if percent is None:
        return None
    shown = percent_number(percent)
    return Percent(percent / 100, "0.0%" if "." in shown else "0%")


def answer_percent(value: float) -> Percent:
    """A percent answer (``96.55`` for 96.55%) as a fraction shown with all its decimals."""
    shown = percent_number(value, digits=4)
    decimals = len(shown.partition(".")[2])
    return Percent(value / 100, "0" + ("." + "0" * decimals if decimals else "") + "%")


def write_xlsx(
    views: Sequence[AssessmentView],
    target: str | os.PathLike[str],
    *,
    today: dt.date | None = None,
) -> None:
    """Write the answers, rectifications and summary of ``views`` to ``target`` atomically."""
    views = list(views)
    if not views:
        raise InputError("没有要导出的自评：请至少指定一份自评")
    day = today or dt.date.today()
    write_output(target, lambda handle: build_xlsx(views, handle, day), "XLSX 文件")


def head_cells(v: AssessmentView) -> list[Any]:
    """The keys every row starts with (``HEAD_COLUMNS``)."""
    t, so = v.template, v.signoff if v.finalized else None
    return [
        v.school.name, v.school.code, v.school.township, "、".join(v.school.stages), t.id,
        t.version, t.title, v.period, STATUS_LABELS[v.status], so.filled_by if so else "",
        so.reviewed_by if so else "", so.finalized_at.date() if so else None,
    ]  # fmt: skip


def typed_value(row: ItemRow) -> tuple[Any, str, dt.date | None]:
    """The answer's 数值, 单位 and 日期 cells (empty where the answer is no number or date)."""
    value = row.answer.value if row.answer else None
    kind = row.item.kind
    if kind in (Kind.NUMBER, Kind.PERCENT) and isinstance(value, int | float):
        if kind is Kind.PERCENT:
            return answer_percent(float(value)), "", None
        return value, row.item.unit, None
    if kind is Kind.DATE and isinstance(value, str):
        try:
            return None, "", dt.date.fromisoformat(value)
        except ValueError:
            return None, "", None
    return None, "", None


def build_xlsx(views: Sequence[AssessmentView], out: BinaryIO, today: dt.date) -> None:
    wb = Workbook()
    answers = wb.active
    assert answers is not None
    answers.title = "答案"
    rects = wb.create_sheet("整改")
    summary = wb.create_sheet("汇总")
    sheets = ((answers, ANSWER_COLUMNS), (rects, RECT_COLUMNS), (summary, SUMMARY_COLUMNS))
    wrapped = {}
    for ws, columns in sheets:
        _header(ws, columns)
        wrapped[ws.title] = {i for i, (name, _) in enumerate(columns) if name in WRAPPED}
    for v in views:
        score = v.score()
        head = head_cells(v)
        for row in item_rows(v, score):
            number, unit, day = typed_value(row)
            _append(
                answers,
                [
                    *head, row.section.code, row.section.title, row.item.code, row.item.text,
                    row.item.clause, row.value_text, number, unit, day, row.verdict,
                    row.earned, row.possible, "\n".join(p for p in dict.fromkeys((row.na_reason, row.note)) if p),
                    len(row.evidence), "\n".join(e.name for e in row.evidence),
                ],
                wrapped[answers.title],
            )  # fmt: skip
        for r in rect_rows(v, score, today):
            rect = r.rect
            _append(
                rects,
                [
                    *head, r.code, r.item.text if r.item else "", r.problem, r.measure, r.owner,
                    r.due, RECT_STATUS_LABELS[rect.status] if rect else "未制定整改计划",
                    "是" if r.overdue else "否", rect.done_on if rect else None,
                    rect.verified_on if rect else None, rect.verified_by if rect else "",
                ],
                wrapped[rects.title],
            )  # fmt: skip
        fp = v.signoff.fingerprint if v.finalized and v.signoff else ""
        for sec in score.sections:
            values = [*head, "分项", sec.code, sec.title, *_tally(sec.tally), "", fp]
            _append(summary, values, wrapped[summary.title])
        values = [*head, "合计", "", "合计", *_tally(score.overall), score.band, fp]
        _append(summary, values, wrapped[summary.title])
    for ws, _ in sheets:
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
    wb.save(out)


def _tally(t: Tally) -> list[Any]:
    """The counts as the PDF's 总体情况 table gives them, which add up:
    题数 = 不适用于本校 + 适用; 适用 = 学校填报不适用 + 已作答 + 未作答."""
    return [
        *Counts.of(t).values(), round(t.earned, 4), round(t.possible, 4), score_cell(t.percent),
    ]  # fmt: skip


def _header(ws: Worksheet, columns: Sequence[tuple[str, int]]) -> None:
    ws.append([name for name, _ in columns])
    for index, (_, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
        cell = ws.cell(row=1, column=index)
        cell.font = HEAD_FONT
        cell.fill = HEAD_FILL
        cell.alignment = Alignment(vertical="center")


def _append(ws: Worksheet, values: list[Any], wrapped: set[int]) -> None:
    ws.append([_clean(v) for v in values])
    for index, cell in enumerate(ws[ws.max_row]):
        value = values[index] if index < len(values) else None
        if isinstance(cell.value, str):
            cell.data_type = "s"  # never a formula, whatever the text starts with
            if cell.value and (index in wrapped or "\n" in cell.value):
                cell.alignment = WRAP
        elif isinstance(value, Percent):
            cell.number_format = value.number_format
        elif isinstance(cell.value, dt.date):
            cell.number_format = DATE_FORMAT


def _clean(value: Any) -> Any:
    if isinstance(value, Percent):
        return float(value)
    if isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", value)
        text = "".join(ch for ch in text if not 0xD800 <= ord(ch) <= 0xDFFF)
        return text[:MAX_CELL]
    return value
