"""The items that do not apply, two lists apart: those the school's profile excludes (with the
rule that excludes them) and those the school itself answered 不适用 (with its own reason).

An inspector checks the second list: it is the school's claim.  Printed in 一、总体情况, after
the counts they add up to.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from wjself.core.assessment import AssessmentView
from wjself.core.scoring import Outcome, Score
from wjself.report.cell_text import cell
from wjself.report.rows import ItemRow, item_rows
from wjself.report.styles import (
    FRAME_WIDTH,
    RowTable,
    grid_table_style,
    para,
    styles,
    table_style,
)

TITLE = "不适用的项目"
WIDTHS = (18 * mm, 92 * mm, FRAME_WIDTH - 110 * mm)
NO_REASON = "（未说明原因）"


def not_applicable(view: AssessmentView, score: Score) -> list[Flowable]:
    """Both lists under one heading; each says "无" when empty."""
    s = styles()
    rows = [r for r in item_rows(view, score) if not r.hidden]
    excluded = [r for r in rows if r.outcome is Outcome.EXCLUDED]
    declared = [r for r in rows if r.outcome is Outcome.NA]
    out: list[Flowable] = [Spacer(1, 4 * mm)]
    blocks = (
        (f"1. 按学校情况不适用于本校的项目（{len(excluded)} 项）", "不适用的依据", excluded),
        (f"2. 学校填报不适用的项目（{len(declared)} 项）", "学校说明的原因", declared),
    )
    for index, (label, reason_head, listed) in enumerate(blocks):
        head: list[Flowable] = [para(TITLE, s.h2)] if index == 0 else [Spacer(1, 3 * mm)]
        head.append(para(label, s.body))
        if not listed:
            out.append(KeepTogether([*head, para("无。", s.muted)]))
            continue
        out.append(KeepTogether([*head, _table(listed, reason_head)]))
    return out


def _table(rows: list[ItemRow], reason_head: str) -> RowTable:
    s = styles()
    data: list[list[object]] = [[cell([(h, s.head)]) for h in ("编号", "检查项目", reason_head)]]
    for row in rows:
        data.append(
            [para(row.item.code, s.cell), para(row.item.text, s.cell), para(_reason(row), s.cell)]
        )
    table = RowTable(data, colWidths=list(WIDTHS), repeatRows=1)
    table.setStyle(table_style(grid_table_style()))
    return table


def _reason(row: ItemRow) -> str:
    return row.na_reason or NO_REASON
