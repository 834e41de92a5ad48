"""The overview table on a combined report's contents page: one row per assessment."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Table

from wjself.core.assessment import STATUS_LABELS, AssessmentView
from wjself.core.text import percent_text
from wjself.report.cell_text import cell
from wjself.report.styles import BAD, FRAME_WIDTH, RowTable, grid_table_style, para, styles
from wjself.report.styles import table_style as make_style

COLUMNS = ("自查表", "时段", "状态", "得分", "等级", "不符合项数")


def overview(views: list[AssessmentView]) -> Table:
    """自查表, 时段, 状态, 得分, 等级, 不符合项数 of each assessment, in contents order."""
    s = styles()
    schools = {v.school.name for v in views}
    data: list[list[object]] = [
        [cell([(h, s.head if i == 0 else s.head_center)]) for i, h in enumerate(COLUMNS)]
    ]
    commands = grid_table_style()
    for row, v in enumerate(views, start=1):
        score = v.score()
        title = v.template.title if len(schools) == 1 else f"{v.school.name}　{v.template.title}"
        period = f"{v.period} 年度"  # the exact 自查时段 is on each report's cover
        not_met = score.overall.not_met
        data.append(
            [
                para(f"{row}. {title}", s.cell),
                para(period, s.cell_center),
                para(STATUS_LABELS[v.status], s.cell_center),
                para(percent_text(score.percent), s.cell_center),
                para(score.band or "—", s.cell_center),
                para(str(not_met), s.cell_center),
            ]
        )
        if not_met:
            commands.append(("TEXTCOLOR", (5, row), (5, row), BAD))
    widths = [0.0, 22 * mm, 15 * mm, 17 * mm, 15 * mm, 24 * mm]
    widths[0] = FRAME_WIDTH - sum(widths)
    table = RowTable(data, colWidths=widths, continued="总览")
    table.setStyle(make_style(commands))
    return table
