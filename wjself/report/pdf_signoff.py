"""五、审核与签章: who filled in, who reviewed (the principal), the date, and room for the seal."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from wjself.core.assessment import AssessmentView
from wjself.report import fonts
from wjself.report.pdf_toc import Heading
from wjself.report.styles import ACCENT, FRAME_WIDTH, GRID, INK, para, styles, table_style
from wjself.report.text import markup

SEAL = 46 * mm  # a round school seal is 42 mm across


def signoff(view: AssessmentView, key: str, level: int) -> list[Flowable]:
    s = styles()
    head = Heading(markup("五、审核与签章"), s.h1, key=key, outline="五、审核与签章", level=level)
    statement = para(
        f"本校已对照《{view.template.title}》逐项开展自查，以上情况及所附佐证材料真实、准确。",
        s.body,
    )
    filled = reviewed = ""
    date = "　　　　年　　月　　日"
    if view.finalized and view.signoff is not None:
        filled = view.signoff.filled_by
        reviewed = view.signoff.reviewed_by
        d = view.signoff.finalized_at.date()
        date = f"{d.year} 年 {d.month} 月 {d.day} 日"
    label, value = s.cover_label, s.cover_value
    row_h = SEAL / 3
    seal = [para("学校（盖章）", label)]
    data = [
        [para("填表人", label), para(filled, value), seal],
        [para("审核人（校长）", label), para(reviewed, value), ""],
        [para("日期", label), para(date, value), ""],
    ]
    widths = [32 * mm, 56 * mm, FRAME_WIDTH - 88 * mm]
    table = Table(data, colWidths=widths, rowHeights=[row_h] * 3)
    table.setStyle(
        table_style(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.SANS),
                ("TEXTCOLOR", (0, 0), (-1, -1), INK),
                ("VALIGN", (0, 0), (1, -1), "BOTTOM"),
                ("VALIGN", (2, 0), (2, 0), "TOP"),
                ("SPAN", (2, 0), (2, 2)),
                ("LEFTPADDING", (2, 0), (2, 0), 8),
                ("TOPPADDING", (2, 0), (2, 0), 6),
                ("LINEBELOW", (1, 0), (1, 1), 0.6, GRID),
                ("LINEBEFORE", (2, 0), (2, 2), 0.6, GRID),
                ("LINEABOVE", (0, 0), (-1, 0), 0.9, ACCENT),
                ("LINEBELOW", (0, 2), (-1, 2), 0.9, ACCENT),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return [KeepTogether([head, statement, Spacer(1, 6 * mm), table])]
