"""二、逐项自查情况: one table per section with code, requirement, result, note and evidence.

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
from wjself.core.template import Item, Kind
from wjself.report.pdf_toc import Heading
from wjself.report.rows import ItemRow, item_rows
from wjself.report.styles import (
    BAD,
    BAD_FILL,
    FRAME_WIDTH,
    GOOD,
    MUTED,
    NA_INK,
    WARN,
    grid_table_style,
    para,
    rich,
    span,
    styles,
    table_style,
)
from wjself.report.text import markup

COLUMNS = ("编号", "检查内容", "结果", "说明", "佐证材料")
WIDTHS = (16 * mm, 64 * mm, 24 * mm, 40 * mm, FRAME_WIDTH - 144 * mm)
MARKERS = {Outcome.NOT_MET: "✘ ", Outcome.PARTIAL: "△ ", Outcome.UNANSWERED: "○ "}
_OPS = {">=": "≥", "<=": "≤", "!=": "≠", "=": "=", ">": ">", "<": "<"}


def details(view: AssessmentView, score: Score, key: str, level: int) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [
        Heading(markup("二、逐项自查情况"), s.h1, key=key, outline="二、逐项自查情况", level=level)
    ]
    by_section: dict[int, list[ItemRow]] = {}
    for row in item_rows(view, score):
        by_section.setdefault(id(row.section), []).append(row)
    for index, section in enumerate(view.template.sections):
        in_section = by_section.get(id(section), [])
        shown = [r for r in in_section if not r.hidden]
        out.append(
            Heading(
                markup(section.title),
                s.h2,
                key=f"{key}.{index}",
                outline=section.title,
                level=level + 1,
            )
        )
        if section.description:
            out.append(para(section.description, s.muted))
        if shown:
            out.append(_table(shown))
        else:
            out.append(para("本部分没有需要填写的项目。", s.muted))
        hidden = len(in_section) - len(shown)
        if hidden:
            out.append(
                para(f"本部分另有 {hidden} 项因前置条件未满足而无需填写，未列出。", s.cell_muted)
            )
    return out


def _table(rows: list[ItemRow]) -> Table:
    s = styles()
    data: list[list[Any]] = [[para(h, s.head) for h in COLUMNS]]
    commands = grid_table_style()
    for i, row in enumerate(rows, start=1):
        data.append(
            [
                para(row.item.code, s.cell),
                rich(_requirement(row), s.cell),
                rich(_result(row), s.cell),
                rich(_note(row), s.cell),
                rich(_evidence(row), s.cell_muted),
            ]
        )
        if row.outcome is Outcome.NOT_MET:
            commands += [
                ("BACKGROUND", (0, i), (-1, i), BAD_FILL),
                ("LINEBEFORE", (0, i), (0, i), 2.5, BAD),
            ]
    table = Table(data, colWidths=list(WIDTHS), repeatRows=1, splitInRow=1)
    table.setStyle(table_style(commands))
    return table


def _requirement(row: ItemRow) -> str:
    item = row.item
    text = markup(item.text)
    extras = []
    if item.clause:
        extras.append(f"〔{item.clause}〕")
    if item.weight is not None and item.is_scored and item.weight != 1:
        extras.append(f"权重 {item.weight:g}")
    if extras:
        text += " " + span("　".join(extras), MUTED, 8)
    return text


def target_text(item: Item) -> str:
    """The target as a person reads it: ≥ 90%, 应为“否”."""
    target = item.target
    if target is None:
        return ""
    if item.kind is Kind.YES_NO:
        return f"应为“{'是' if target.value else '否'}”"
    number = f"{target.value:g}"
    unit = "%" if item.kind is Kind.PERCENT else (f" {item.unit}" if item.unit else "")
    return f"目标 {_OPS.get(target.op, target.op)} {number}{unit}"


def _outcome(row: ItemRow, size: float | None = None) -> str:
    outcome = row.outcome
    label = MARKERS.get(outcome, "") + row.outcome_label
    color = {
        Outcome.NOT_MET: BAD,
        Outcome.PARTIAL: WARN,
        Outcome.UNANSWERED: WARN,
        Outcome.NA: NA_INK,
        Outcome.EXCLUDED: NA_INK,
        Outcome.MET: GOOD,
    }.get(outcome)
    return span(label, color, size)


def _result(row: ItemRow) -> str:
    outcome = row.outcome
    kind = row.item.kind
    if outcome in (Outcome.UNANSWERED, Outcome.NA, Outcome.EXCLUDED) or kind is Kind.COMPLIANCE:
        return _outcome(row)
    value = "见说明" if kind is Kind.TEXT else row.value_text
    parts = [markup(value)]
    target = target_text(row.item)
    if target:
        parts.append(span(target, MUTED, 8))
    if outcome in (Outcome.MET, Outcome.PARTIAL, Outcome.NOT_MET):
        parts.append(_outcome(row, 8.5))
    return "<br/>".join(parts)


def _note(row: ItemRow) -> str:
    parts = []
    if row.item.kind is Kind.TEXT and row.value_text:
        parts.append(markup(row.value_text))
    if row.na_reason:
        parts.append(span("不适用原因：" + row.na_reason, NA_INK))
    if row.note:
        parts.append(markup(row.note))
    if row.answer is not None and row.answer.needs_reconfirm:
        parts.append(span("模板已修订，本项待重新确认", WARN, 8))
    if row.outcome is Outcome.NOT_MET:
        parts.append(span("→ 见整改清单", BAD, 8))
    return "<br/>".join(parts)


def _evidence(row: ItemRow) -> str:
    if not row.evidence:
        return ""
    return "<br/>".join("· " + markup(e.name) for e in row.evidence)
