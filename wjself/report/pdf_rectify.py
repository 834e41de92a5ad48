"""四、整改清单: problem, measure, who, by when, where it stands; overdue entries marked."""

from __future__ import annotations

import datetime as dt
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table

from wjself.core.assessment import AssessmentView, RectStatus
from wjself.core.scoring import Score
from wjself.report.cell_text import Piece, cell
from wjself.report.keep import lead
from wjself.report.long_text import wide_pieces
from wjself.report.pdf_toc import Heading
from wjself.report.rows import RectRow, rect_rows
from wjself.report.styles import (
    BAD,
    BAD_FILL,
    FRAME_WIDTH,
    RowTable,
    grid_table_style,
    para,
    para_printed,
    styles,
    table_style,
)
from wjself.report.text import markup, printable

COLUMNS = ("编号", "存在问题", "整改措施", "责任人", "完成时限", "状态")
# 责任人 is wide enough for "部门 姓名" of six or seven characters on one line.
WIDTHS = (15 * mm, 41 * mm, 40 * mm, 26 * mm, 25 * mm, FRAME_WIDTH - 147 * mm)
CELL_PADDING = 8  # left + right padding of grid_table_style


def rectifications(
    view: AssessmentView, score: Score, today: dt.date, key: str, level: int
) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [
        Heading(markup("四、整改清单"), s.h1, key=key, outline="四、整改清单", level=level)
    ]
    rows = rect_rows(view, score, today)
    if not rows:
        return lead(out, [para("本次自评没有需要整改的项目。", s.body)])
    # The heading and the sentence stay with the table's first rows.
    return lead([out[0], para(_sentence(rows, today), s.body)], [_table(rows)])


def _sentence(rows: list[RectRow], today: dt.date) -> str:
    done = sum(1 for r in rows if r.rect and r.rect.status is not RectStatus.OPEN)
    open_ = sum(1 for r in rows if r.rect and r.rect.status is RectStatus.OPEN)
    overdue = sum(1 for r in rows if r.overdue)
    unplanned = sum(1 for r in rows if r.rect is None)
    text = f"共 {len(rows)} 项：已整改 {done} 项，整改中 {open_} 项"
    if overdue:
        text += f"（其中已逾期 {overdue} 项）"
    if unplanned:
        text += f"，尚未制定整改计划 {unplanned} 项"
    return text + f"。逾期按 {today.isoformat()} 计。"


def _table(rows: list[RectRow]) -> Table:
    s = styles()
    data: list[list[Any]] = [[cell([(h, s.head)]) for h in COLUMNS]]
    commands = grid_table_style()
    wide = FRAME_WIDTH - WIDTHS[0] - CELL_PADDING
    for row in rows:
        i = len(data)
        due = row.due.isoformat() if row.due else ""
        due_pieces: list[Piece] = [(due or "—", s.cell)]
        if row.overdue:
            due_pieces.append(("▲ 已逾期", s.small_bad))
        # A long 存在问题 or 整改措施 gets full-width rows under the entry (see long_text).
        problem = wide_pieces(row.problem, s.cell, WIDTHS[1] - CELL_PADDING, wide)
        measure = wide_pieces(row.measure, s.cell, WIDTHS[2] - CELL_PADDING, wide)
        status = (
            s.cell_bad
            if row.rect is None
            else (s.cell_warn if row.rect.status is RectStatus.OPEN else s.cell_good)
        )
        data.append(
            [
                cell([(row.code, s.cell)]),
                _problem_cell(row, bool(problem)),
                cell(
                    [("见下方整改措施", s.cell_muted) if measure else (row.measure or "—", s.cell)]
                ),
                cell([(_owner(row.owner, WIDTHS[3] - CELL_PADDING, s.cell) or "—", s.cell)]),
                cell(due_pieces),
                cell([(row.status_label, status)]),
            ]
        )
        for label, pieces in (("问题", problem), ("措施", measure)):  # narrow: 15 mm
            for n, piece in enumerate(pieces):
                name = label if n == 0 else f"{label}（续）"
                data.append([para(name, s.cell_muted), para_printed(piece, s.cell), *[""] * 4])
                commands.append(("SPAN", (1, len(data) - 1), (-1, len(data) - 1)))
        if row.overdue:
            commands += [
                ("BACKGROUND", (0, i), (-1, len(data) - 1), BAD_FILL),
                ("LINEBEFORE", (0, i), (0, len(data) - 1), 2.5, BAD),
            ]
    table = RowTable(data, colWidths=list(WIDTHS), continued="四、整改清单")
    table.setStyle(table_style(commands))
    return table


def _problem_cell(row: RectRow, moved: bool) -> Any:
    """The requirement once, muted, then what was found (the entry's own text, or a pointer to
    the rows below when it is long)."""
    s = styles()
    problem = row.problem
    found: list[Piece] = []
    if problem:
        found = [("见下方存在问题", s.cell_muted) if moved else (problem, s.cell)]
    if row.item is not None:
        return cell([("未达到：" + row.item.text, s.cell_grey), *found])
    if row.rect is not None:
        # Kept from an item a template upgrade removed: shown, marked, never counted.
        return cell([*(found or [("—", s.cell)]), ("（模板修订后已无此检查项）", s.cell_muted)])
    return cell([(problem or "—", s.cell)])


def _owner(owner: str, width: float, style: ParagraphStyle) -> str:
    """ "安全办 陈晓东" as it fits: one line, or one line per space-separated part, so a
    person's name is never broken in the middle."""
    text = " ".join(printable(owner).split())
    if " " not in text or stringWidth(text, style.fontName, style.fontSize) <= width:
        return text
    return "\n".join(text.split(" "))
