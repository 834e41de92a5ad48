"""The district PDF's chart: the mean score of each township's schools, one bar each."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.units import mm

from wjself.core.text import percent_text
from wjself.report import fonts
from wjself.report.district_rows import TownshipLine
from wjself.report.styles import FRAME_WIDTH, MUTED, percent_bars
from wjself.report.styles import drawing as new_drawing
from wjself.report.text import fit_width, printable

ROW_HEIGHT = 15.0
LABEL_WIDTH = 36 * mm


def township_chart(lines: Sequence[TownshipLine]) -> Drawing:
    """Bars of the townships' mean score (0–100 %), top to bottom in the order given."""
    n = len(lines)
    drawing = new_drawing(FRAME_WIDTH, n * ROW_HEIGHT + 30)
    chart = percent_bars(
        LABEL_WIDTH,
        18,
        FRAME_WIDTH - LABEL_WIDTH - 80,  # room for "100%（12/15 校）"
        n * ROW_HEIGHT,
        label_size=8,
        value_size=7.5,
    )
    ordered = list(reversed(lines))  # the chart draws its first category at the bottom
    chart.data = [[line.mean or 0 for line in ordered]]
    chart.categoryAxis.categoryNames = [
        fit_width(printable(line.township), fonts.SANS, 8, LABEL_WIDTH - 8) for line in ordered
    ]
    chart.barWidth = ROW_HEIGHT * 0.6
    chart.groupSpacing = ROW_HEIGHT * 0.4
    drawing.add(chart)
    step = chart.height / max(n, 1)
    for i, line in enumerate(ordered):
        x = chart.x + chart.width * (line.mean or 0) / 100 + 3
        text = f"{percent_text(line.mean)}（{line.reported}/{line.schools} 校）"
        label = String(x, chart.y + (i + 0.5) * step - 2.5, text)
        label.fontName = fonts.SANS
        label.fontSize = 7.5
        label.fillColor = MUTED
        drawing.add(label)
    return drawing
