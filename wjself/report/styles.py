"""The look of the PDF: page geometry, colours, paragraph and table styles, and ``para``.

Type follows Chinese official documents (GB/T 9704) scaled to a report of many tables:
headings in the 黑体-like sans, 一、 at 三号 (16 pt) and （一） at 四号 (14 pt); body text in
the 宋体-like serif at 小四 (12 pt); table text at 五号 (10.5 pt); notes, captions and the page
header and footer at 小五 (9 pt).  公文's own 三号仿宋 body (16 pt) would spread a 300-item
checklist over three times the pages; 小四/五号 is how such 自查报告 are printed.

Headings and rules are black; colour is kept for results.  Colours are chosen to stay apart
when printed in grey: the not-met red prints dark, its row fill prints as a light grey band,
and every colour-coded result also carries a marker (✘, △, ○) that survives black-and-white
printing.
"""

from __future__ import annotations

from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Table, TableStyle

from wjself.report import fonts
from wjself.report.keep import Lead
from wjself.report.text import markup, markup_printed, printable, uses_fallback
from wjself.report.wrap import CJKParagraph, plain_paragraph

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = MARGIN_RIGHT = 20 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 20 * mm
FRAME_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
HEADER_Y = PAGE_HEIGHT - 14 * mm  # baseline of the running header
FOOTER_Y = 11 * mm  # baseline of the running footer

INK = colors.HexColor("#000000")
MUTED = colors.HexColor("#4d4d4d")  # dark enough to print crisply at 9 pt
ACCENT = INK  # headings, title and table rules: black, as an official document prints them
RULE = colors.HexColor("#8c8c8c")
GRID = colors.HexColor("#b3b3b3")
HEAD_FILL = colors.HexColor("#e8e8e8")
SUBTLE_FILL = colors.HexColor("#f4f4f4")
BAD = colors.HexColor("#b3261e")
BAD_FILL = colors.HexColor("#f9e3e1")
WARN = colors.HexColor("#8a5300")
WARN_FILL = colors.HexColor("#fdf1dc")
GOOD = colors.HexColor("#1e6b3a")
NA_INK = colors.HexColor("#6b7280")
WATERMARK = colors.HexColor("#c8cdd3")
BAR = colors.HexColor("#6e6e6e")


BODY_SIZE = 12.0  # 小四
TABLE_SIZE = 10.5  # 五号
NOTE_SIZE = 9.0  # 小五
H1_SIZE = 16.0  # 三号
H2_SIZE = 14.0  # 四号


def _style(name: str, **kw: Any) -> ParagraphStyle:
    base: dict[str, Any] = {
        "fontName": fonts.SERIF,
        "fontSize": BODY_SIZE,
        "leading": 20,
        "textColor": INK,
        "wordWrap": "CJK",
        "alignment": TA_LEFT,
        "bulletFontName": fonts.SANS,
    }
    base.update(kw)
    return ParagraphStyle(name, **base)


class Styles:
    """Every paragraph style of the report, made once the font is registered."""

    def __init__(self) -> None:
        fonts.register()
        sans = fonts.SANS
        t, n = TABLE_SIZE, NOTE_SIZE
        self.body = _style("body")
        self.muted = _style("muted", fontSize=n + 1, leading=15, textColor=MUTED)
        self.cell = _style("cell", fontSize=t, leading=14)
        self.cell_muted = _style("cell_muted", fontSize=n, leading=12.5, textColor=MUTED)
        self.cell_grey = _style("cell_grey", fontSize=t, leading=14, textColor=MUTED)
        self.cell_center = _style("cell_center", fontSize=t, leading=14, alignment=TA_CENTER)
        self.cell_right = _style("cell_right", fontSize=t, leading=14, alignment=TA_RIGHT)
        self.head = _style("head", fontName=sans, fontSize=t, leading=13.5)
        self.head_center = _style(
            "head_center", fontName=sans, fontSize=t, leading=13.5, alignment=TA_CENTER
        )
        self.mono = _style("mono", fontName=fonts.MONO, fontSize=n, leading=12)
        self.h1 = _style(
            "h1", fontName=sans, fontSize=H1_SIZE, leading=24, spaceBefore=6, spaceAfter=8
        )
        self.h2 = _style(
            "h2", fontName=sans, fontSize=H2_SIZE, leading=20, spaceBefore=10, spaceAfter=5
        )
        self.caption = _style(
            "caption", fontSize=n, leading=12.5, textColor=MUTED, alignment=TA_CENTER
        )
        self.cover_kicker = _style(
            "cover_kicker", fontName=sans, fontSize=14, leading=20, alignment=TA_CENTER
        )
        self.cover_title = _style(
            "cover_title", fontName=sans, fontSize=22, leading=32, alignment=TA_CENTER
        )
        self.cover_sub = _style(
            "cover_sub", fontSize=12, leading=18, textColor=MUTED, alignment=TA_CENTER
        )
        self.cover_label = _style("cover_label", fontName=sans, fontSize=t, leading=16)
        self.cover_value = _style("cover_value", fontSize=11, leading=15)
        self.toc = _style("toc", fontName=sans, fontSize=t, leading=16)
        self.toc_sub = _style(
            "toc_sub", fontName=sans, fontSize=9.5, leading=14, leftIndent=14, textColor=MUTED
        )
        self.cell_bad = _style("cell_bad", fontSize=t, leading=14, textColor=BAD)
        self.cell_warn = _style("cell_warn", fontSize=t, leading=14, textColor=WARN)
        self.cell_good = _style("cell_good", fontSize=t, leading=14, textColor=GOOD)
        self.cell_na = _style("cell_na", fontSize=t, leading=14, textColor=NA_INK)
        self.small_bad = _style("small_bad", fontSize=n, leading=12.5, textColor=BAD)
        self.small_warn = _style("small_warn", fontSize=n, leading=12.5, textColor=WARN)
        self.sign_label = _style("sign_label", fontName=sans, fontSize=12, leading=18)
        self.sign_name = _style("sign_name", fontSize=n, leading=12, textColor=MUTED)
        self.continued = _style(
            "continued", fontSize=n, leading=12.5, textColor=MUTED, spaceAfter=2
        )


_STYLES: Styles | None = None


def styles() -> Styles:
    global _STYLES  # noqa: PLW0603 - built once, after the font is registered
    if _STYLES is None:
        _STYLES = Styles()
    return _STYLES


def para(text: object, style: ParagraphStyle) -> CJKParagraph:
    """A paragraph that prints ``text`` literally (user text is never markup)."""
    return para_printed(printable(text, fallback=True), style)


def para_printed(printed: str, style: ParagraphStyle) -> CJKParagraph:
    """``para`` for text that is already ``printable(…, fallback=True)``."""
    if needs_markup(printed, style):
        text_markup = markup_printed(printed)
        serif = style.fontName == fonts.SERIF
        return CJKParagraph(fonts.sans_fallback(text_markup) if serif else text_markup, style)
    return plain_paragraph(printed, style)


def needs_markup(printed: str, style: ParagraphStyle) -> bool:
    """Whether ``printed`` (``printable(…, fallback=True)``) cannot be set as one line of
    plain text in ``style``'s face: a line break, a fallback font, or a character the serif
    face lacks (set in the sans)."""
    if "\n" in printed or uses_fallback(printed):
        return True
    return style.fontName == fonts.SERIF and not fonts.serif_draws(printed)


def rich(markup_text: str, style: ParagraphStyle) -> CJKParagraph:
    """A paragraph from markup this package wrote, with user parts passed through ``markup``."""
    if style.fontName == fonts.SERIF:
        markup_text = fonts.sans_fallback(markup_text)
    return CJKParagraph(markup_text, style)


def span(text: object, color: colors.Color | None = None, size: float | None = None) -> str:
    """Markup for a piece of text in another colour or size; ``text`` is escaped."""
    attrs = []
    if color is not None:
        attrs.append(f'color="{color.hexval()}"')
    if size is not None:
        attrs.append(f'size="{size:g}"')
    return f"<font {' '.join(attrs)}>{markup(text)}</font>" if attrs else markup(text)


def grid_table_style(header_rows: int = 1) -> list[tuple[Any, ...]]:
    """The common look of every data table: fonts, padding, light grid, tinted header."""
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.SANS),
        ("FONTSIZE", (0, 0), (-1, -1), TABLE_SIZE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID),
        ("LINEABOVE", (0, 0), (-1, 0), 0.9, ACCENT),
        ("LINEBELOW", (0, -1), (-1, -1), 0.9, ACCENT),
    ]
    if header_rows:
        commands += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_FILL),
            ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.7, ACCENT),
            ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"),
        ]
    return commands


def table_style(commands: list[tuple[Any, ...]]) -> TableStyle:
    return TableStyle(commands)


def drawing(width: float, height: float, **kwargs: Any) -> Drawing:
    """A graphics drawing whose default font is ours (reportlab's default is Helvetica)."""
    d = Drawing(width, height, **kwargs)
    d.initialFontName = fonts.SANS
    d.initialFontSize = 8
    return d


def percent_bars(
    x: float, y: float, width: float, height: float, *, label_size: float, value_size: float
) -> HorizontalBarChart:
    """A horizontal bar chart of percentages in the report's look: category labels set right
    against the axis, a 0–100 % scale in steps of 20 over light grid lines, grey bars.  The
    caller gives the data, the category names and the bar spacing."""
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = x, y, width, height
    chart.categoryAxis.labels.fontName = fonts.SANS
    chart.categoryAxis.labels.fontSize = label_size
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = GRID
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = 100
    chart.valueAxis.valueStep = 20
    chart.valueAxis.labels.fontName = fonts.SANS
    chart.valueAxis.labels.fontSize = value_size
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.valueAxis.strokeColor = GRID
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = HEAD_FILL
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    return chart


class RowTable(Table):  # type: ignore[misc]
    """A data table that breaks between rows, and inside a row only when the row is too tall
    to move to the next page whole.

    reportlab's ``splitInRow`` splits the first row that does not fit whatever its size, so a
    three-line item could start at the foot of one page and end under the repeated header of
    the next, its code on one page and its result on the other.

    The part that continues on the next page opens with a small "……（续）" line (``continued``
    names the table) above its repeated header row.
    """

    MOVE_WHOLE = FRAME_HEIGHT / 3  # rows up to this tall go to the next page whole

    def __init__(self, data: Any, *, continued: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("repeatRows", 1)
        kwargs.setdefault("splitInRow", 1)
        super().__init__(data, **kwargs)
        self.wj_continued = continued

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        parts = self._split(availWidth, availHeight)
        if len(parts) == 2 and self.wj_continued:
            parts[1].wj_continued = self.wj_continued
            mark = para(f"{self.wj_continued}（续）", styles().continued)
            return [parts[0], Lead(mark, parts[1])]
        return parts

    def _split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        self._calc(availWidth, availHeight)
        parts: list[Any] = self._splitRows(availHeight, doInRowSplit=0)
        if parts:
            return parts
        first = self.repeatRows if isinstance(self.repeatRows, int) else max(self.repeatRows) + 1
        if first < len(self._rowHeights) and self._rowHeights[first] <= self.MOVE_WHOLE:
            return []
        return list(self._splitRows(availHeight, doInRowSplit=1))
