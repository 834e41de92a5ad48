"""三、逐项自查情况: one table per section with code, requirement, result, note and evidence.

Not-met rows stand out three ways: a tinted row, a dark bar at the left edge, and ✘ before the
result, so they are found on a colour screen and on a grey photocopy alike.  Items hidden by
their show-if condition are left out (a line under the table says how many).
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table

from wjself.core.assessment import AssessmentView
from wjself.core.scoring import Outcome, Score
from wjself.core.template import Kind
from wjself.report.cell_text import Piece, cell
from wjself.report.keep import Tail, lead
from wjself.report.long_text import wide_pieces
from wjself.report.numbering import numbered
from wjself.report.pdf_review import COMMENT_PREFIX, review_comments
from wjself.report.pdf_toc import Heading
from wjself.report.rows import ItemRow, item_rows
from wjself.report.styles import (
    BAD,
    BAD_FILL,
    FRAME_WIDTH,
    SUBTLE_FILL,
    RowTable,
    grid_table_style,
    para,
    para_printed,
    styles,
    table_style,
)
from wjself.report.text import markup

COLUMNS = ("编号", "检查内容", "结果", "说明", "佐证材料")
WIDTHS = (18 * mm, 62 * mm, 24 * mm, 40 * mm, FRAME_WIDTH - 144 * mm)
CELL_PADDING = 8  # left + right padding of grid_table_style
MARKERS = {Outcome.NOT_MET: "✘ ", Outcome.PARTIAL: "△ ", Outcome.UNANSWERED: "○ "}


def details(view: AssessmentView, score: Score, key: str, level: int) -> list[Flowable]:
    s = styles()
    part = Heading(
        markup("三、逐项自查情况"), s.h1, key=key, outline="三、逐项自查情况", level=level
    )
    comments = review_comments(view)
    by_section: dict[int, list[ItemRow]] = {}
    for row in item_rows(view, score):
        by_section.setdefault(id(row.section), []).append(row)
    out: list[Flowable] = []
    for index, section in enumerate(view.template.sections):
        in_section = by_section.get(id(section), [])
        shown = [r for r in in_section if not r.hidden]
        title = numbered(2, index + 1, section.title)
        heads: list[Flowable] = [
            Heading(markup(title), s.h2, key=f"{key}.{index}", outline=title, level=level + 1)
        ]
        if section.description:
            heads.append(para(section.description, s.muted))
        empty = "本部分没有需要填写的项目。"
        body: Flowable = _table(shown, title, comments) if shown else para(empty, s.muted)
        hidden = len(in_section) - len(shown)
        if hidden:
            # Kept with the table's last rows: never a line alone at the top of a page.
            note = para(f"本部分另有 {hidden} 项因前置条件未满足而无需填写，未列出。", s.cell_muted)
            body = Tail(body, note)
        out += lead(heads, [body])
    return lead([part], out) if out else [part]


def _table(rows: list[ItemRow], title: str, comments: dict[str, str]) -> Table:
    s = styles()
    data: list[list[Any]] = [[cell([(h, s.head)]) for h in COLUMNS]]
    commands = grid_table_style()
    for row in rows:
        i = len(data)
        long_text = _long_text(row)
        data.append(
            [
                cell(_code(row)),
                cell([(row.item.text, s.cell)]),
                cell(_result(row)),
                cell(_note(row, comments.get(row.item.code, ""), moved=bool(long_text))),
                cell(_evidence(row)),
            ]
        )
        for n, chunk in enumerate(long_text):
            # A long note gets the table's full width under its item, a few lines per row,
            # instead of stretching one row of the narrow 说明 column over several pages.
            label = "说明" if n == 0 else "说明（续）"
            data.append([para(label, s.cell_muted), para_printed(chunk, s.cell), "", "", ""])
            commands.append(("SPAN", (1, len(data) - 1), (-1, len(data) - 1)))
        if long_text:
            commands.append(("LINEBELOW", (0, i), (-1, len(data) - 2), 0.4, SUBTLE_FILL))
        if row.outcome is Outcome.NOT_MET:
            last = len(data) - 1
            commands += [
                ("BACKGROUND", (0, i), (-1, last), BAD_FILL),
                ("LINEBEFORE", (0, i), (0, last), 2.5, BAD),
            ]
    table = RowTable(data, colWidths=list(WIDTHS), continued=title)
    table.setStyle(table_style(commands))
    return table


def _long_text(row: ItemRow) -> list[str]:
    """The answer text and note of ``row`` in full-width pieces, if too long for 说明."""
    parts = [row.value_text] if row.item.kind is Kind.TEXT and row.value_text else []
    if row.note:
        parts.append(row.note)
    wide = FRAME_WIDTH - WIDTHS[0] - CELL_PADDING
    return wide_pieces("\n".join(parts), styles().cell, WIDTHS[3] - CELL_PADDING, wide)


def _code(row: ItemRow) -> list[Piece]:
    """Code, then the plan clause and a weight other than 1 in small grey type."""
    s = styles()
    item = row.item
    pieces: list[Piece] = [(item.code, s.cell)]
    if item.clause:
        pieces.append((item.clause, s.cell_muted))
    if item.weight is not None and item.is_scored and item.weight != 1:
        pieces.append((f"权重 {item.weight:g}", s.cell_muted))
    return pieces


def target_text(row: ItemRow) -> str:
    """The target that applies to the school as a person reads it: 目标 ≥ 90%, 应为“否”."""
    item = row.item
    if item.kind is Kind.YES_NO:
        target = item.target
        return "" if target is None else f"应为“{'是' if target.value else '否'}”"
    words = row.target_words
    return f"目标 {words}" if words else ""


def _outcome(row: ItemRow) -> Piece:
    s = styles()
    style = {
        Outcome.NOT_MET: s.cell_bad,
        Outcome.PARTIAL: s.cell_warn,
        Outcome.UNANSWERED: s.cell_warn,
        Outcome.NA: s.cell_na,
        Outcome.EXCLUDED: s.cell_na,
        Outcome.MET: s.cell_good,
    }.get(row.outcome, s.cell)
    return (MARKERS.get(row.outcome, "") + row.outcome_label, style)


def _result(row: ItemRow) -> list[Piece]:
    s = styles()
    outcome = row.outcome
    kind = row.item.kind
    if outcome in (Outcome.UNANSWERED, Outcome.NA, Outcome.EXCLUDED) or kind is Kind.COMPLIANCE:
        return [_outcome(row)]
    pieces: list[Piece] = [("见说明" if kind is Kind.TEXT else row.value_text, s.cell)]
    target = target_text(row)
    if target:
        pieces.append((target, s.cell_muted))
    if outcome in (Outcome.MET, Outcome.PARTIAL, Outcome.NOT_MET):
        pieces.append(_outcome(row))
    return pieces


def _note(row: ItemRow, comment: str = "", moved: bool = False) -> list[Piece]:
    s = styles()
    pieces: list[Piece] = []
    if moved:
        pieces.append(("见下方说明", s.cell_muted))
    elif row.item.kind is Kind.TEXT and row.value_text:
        pieces.append((row.value_text, s.cell))
    if row.outcome is Outcome.EXCLUDED:
        pieces.append(("不适用于本校（按学校情况）：" + row.na_reason, s.cell_na))
    if row.declared_na and not moved:  # the note of a 不适用 answer is its reason
        pieces.append(("学校填报不适用，原因：" + (row.na_reason or "未说明"), s.cell_na))
    elif row.note and not moved:
        pieces.append((row.note, s.cell))
    if row.answer is not None and row.answer.needs_reconfirm:
        pieces.append(("模板已修订，本项待重新确认", s.small_warn))
    if row.answer is not None and row.answer.set_aside is not None and row.answer.value is None:
        pieces.append(
            ("模板已修订，原答案不再适用（已存入历史，不计分），待重新作答", s.small_warn)
        )
    if row.outcome is Outcome.NOT_MET:
        pieces.append(("→ 见整改清单", s.small_bad))
    if comment:
        pieces.append((COMMENT_PREFIX + comment, s.small_warn))
    return pieces


def _evidence(row: ItemRow) -> list[Piece]:
    s = styles()
    return [("· " + e.name, s.cell_muted) for e in row.evidence]
