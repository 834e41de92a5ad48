"""The XLSX for the bureau: answers, rectifications and a summary, one row per record.

Every row carries the school code, template id and version, period and item code, so sheets
from many schools can be stacked and pivoted.  Text is always stored as text: a note that
begins with ``=``, ``+``, ``-`` or ``@`` stays a string (openpyxl would otherwise store "=…"
as a formula), and characters XML cannot hold are dropped.
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
from wjself.core.errors import InputError
from wjself.core.scoring import Tally
from wjself.report.rows import item_rows, rect_rows

MAX_CELL = 32_767  # Excel's limit on the characters in one cell

ANSWER_COLUMNS = (
    ("学校", 24), ("学校标识码", 13), ("模板编号", 14), ("模板版本", 10), ("检查表", 28),
    ("周期", 8), ("状态", 8), ("部分编号", 9), ("部分", 20), ("编号", 10), ("检查内容", 50),
    ("条款", 8), ("结果", 16), ("判定", 9), ("得分", 7), ("分值", 7), ("说明", 40),
    ("佐证数", 7),
)  # fmt: skip
RECT_COLUMNS = (
    ("学校", 24), ("学校标识码", 13), ("模板编号", 14), ("模板版本", 10), ("周期", 8),
    ("编号", 10), ("检查内容", 40), ("存在问题", 36), ("整改措施", 40), ("责任人", 10),
    ("完成时限", 12), ("状态", 10), ("是否逾期", 9), ("完成日期", 12), ("验收日期", 12),
    ("验收人", 10),
)  # fmt: skip
SUMMARY_COLUMNS = (
    ("学校", 24), ("学校标识码", 13), ("模板编号", 14), ("模板版本", 10), ("检查表", 28),
    ("周期", 8), ("状态", 8), ("部分编号", 9), ("部分", 20), ("题数", 7), ("适用", 7),
    ("已填", 7), ("符合", 7), ("基本符合", 9), ("不符合", 8), ("不适用", 8), ("得分", 8),
    ("满分", 8), ("得分率(%)", 10), ("评定等级", 9), ("指纹", 20),
)  # fmt: skip
HEAD_FONT = Font(bold=True, color="1F3A5F")
HEAD_FILL = PatternFill("solid", fgColor="E6EBF2")
DATE_FORMAT = "yyyy-mm-dd"


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


def build_xlsx(views: Sequence[AssessmentView], out: BinaryIO, today: dt.date) -> None:
    wb = Workbook()
    answers = wb.active
    assert answers is not None
    answers.title = "答案"
    rects = wb.create_sheet("整改")
    summary = wb.create_sheet("汇总")
    for ws, columns in (
        (answers, ANSWER_COLUMNS),
        (rects, RECT_COLUMNS),
        (summary, SUMMARY_COLUMNS),
    ):
        _header(ws, columns)
    for v in views:
        score = v.score()
        t = v.template
        school = [v.school.name, v.school.code]
        status = STATUS_LABELS[v.status]
        for row in item_rows(v, score):
            value = row.value_text
            _append(
                answers,
                [
                    *school, t.id, t.version, t.title, v.period, status, row.section.code,
                    row.section.title, row.item.code, row.item.text, row.item.clause, value,
                    row.outcome_label, row.earned, row.possible,
                    "\n".join(p for p in dict.fromkeys((row.na_reason, row.note)) if p),
                    len(row.evidence),
                ],
            )  # fmt: skip
        for r in rect_rows(v, score, today):
            rect = r.rect
            _append(
                rects,
                [
                    *school, t.id, t.version, v.period, r.code, r.item.text if r.item else "",
                    r.problem, r.measure, r.owner, r.due,
                    RECT_STATUS_LABELS[rect.status] if rect else "未制定整改计划",
                    "是" if r.overdue else "否", rect.done_on if rect else None,
                    rect.verified_on if rect else None, rect.verified_by if rect else "",
                ],
            )  # fmt: skip
        fp = v.signoff.fingerprint if v.finalized and v.signoff else ""
        head = [*school, t.id, t.version, t.title, v.period, status]
        for sec in score.sections:
            _append(summary, [*head, sec.code, sec.title, *_tally(sec.tally), "", fp])
        _append(summary, [*head, "", "合计", *_tally(score.overall), score.band, fp])
    for ws in (answers, rects, summary):
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
    wb.save(out)


def _tally(t: Tally) -> list[Any]:
    return [
        t.items, t.applicable, t.answered, t.met, t.partial, t.not_met, t.na,
        round(t.earned, 4), round(t.possible, 4), t.percent,
    ]  # fmt: skip


def _header(ws: Worksheet, columns: Sequence[tuple[str, int]]) -> None:
    ws.append([name for name, _ in columns])
    for index, (_, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
        cell = ws.cell(row=1, column=index)
        cell.font = HEAD_FONT
        cell.fill = HEAD_FILL
        cell.alignment = Alignment(vertical="center")


def _append(ws: Worksheet, values: list[Any]) -> None:
    ws.append([_clean(v) for v in values])
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # never a formula, whatever the text starts with
        elif isinstance(cell.value, dt.date):
            cell.number_format = DATE_FORMAT


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", value)
        text = "".join(ch for ch in text if not 0xD800 <= ord(ch) <= 0xDFFF)
        return text[:MAX_CELL]
    return value
