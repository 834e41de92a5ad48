"""The look of the PDF: page geometry, colours, paragraph and table styles, and ``para``.

Colours are chosen to stay apart when printed in grey: the not-met red prints dark, its row
fill prints as a light grey band, and every colour-coded result also carries a marker (✘, △,
○) that survives black-and-white printing.
"""

from __future__ import annotations

from typing import Any

from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Table, TableStyle

from wjself.report import fonts
from wjself.report.text import markup, printable
from wjself.report.wrap import CJKParagraph, plain_paragraph

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = MARGIN_RIGHT = 20 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 20 * mm
FRAME_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
HEADER_Y = PAGE_HEIGHT - 14 * mm  # baseline of the running header
FOOTER_Y = 11 * mm  # baseline of the running footer

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#5f6368")
ACCENT = colors.HexColor("#1f3a5f")
RULE = colors.HexColor("#9aa5b1")
GRID = colors.HexColor("#c3cad3")
HEAD_FILL = colors.HexColor("#e6ebf2")
SUBTLE_FILL = colors.HexColor("#f5f7fa")
BAD = colors.HexColor("#b3261e")
BAD_FILL = colors.HexColor("#f9e3e1")
WARN = colors.HexColor("#8a5300")
WARN_FILL = colors.HexColor("#fdf1dc")
GOOD = colors.HexColor("#1e6b3a")
NA_INK = colors.HexColor("#6b7280")
WATERMARK = colors.HexColor("#c8cdd3")
BAR = colors.HexColor("#4a6f9a")


def _style(name: str, **kw: Any) -> ParagraphStyle:
    base: dict[str, Any] = {
        "fontName": fonts.SANS,
        "fontSize": 10,
        "leading": 15,
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
        self.body = _style("body")
        self.muted = _style("muted", fontSize=9, leading=13.5, textColor=MUTED)
        self.cell = _style("cell", fontSize=9, leading=13)
        self.cell_muted = _style("cell_muted", fontSize=8, leading=11.5, textColor=MUTED)
        self.cell_center = _style("cell_center", fontSize=9, leading=13, alignment=TA_CENTER)
        self.cell_right = _style("cell_right", fontSize=9, leading=13, alignment=TA_RIGHT)
        self.head = _style("head", fontSize=9, leading=12, textColor=ACCENT)
        self.head_center = _style(
            "head_center", fontSize=9, leading=12, textColor=ACCENT, alignment=TA_CENTER
        )
        self.mono = _style("mono", fontName=fonts.MONO, fontSize=8, leading=11)
        self.h1 = _style(
            "h1", fontSize=15, leading=21, textColor=ACCENT, spaceBefore=4, spaceAfter=8
        )
        self.h2 = _style(
            "h2", fontSize=11.5, leading=16, textColor=ACCENT, spaceBefore=10, spaceAfter=5
        )
        self.caption = _style(
            "caption", fontSize=8, leading=11, textColor=MUTED, alignment=TA_CENTER
        )
        self.cover_kicker = _style(
            "cover_kicker", fontSize=12, leading=18, textColor=MUTED, alignment=TA_CENTER
        )
        self.cover_title = _style(
            "cover_title", fontSize=21, leading=31, textColor=ACCENT, alignment=TA_CENTER
        )
        self.cover_sub = _style(
            "cover_sub", fontSize=11, leading=17, textColor=MUTED, alignment=TA_CENTER
        )
        self.cover_label = _style("cover_label", fontSize=10.5, leading=16, textColor=MUTED)
        self.cover_value = _style("cover_value", fontSize=10.5, leading=16)
        self.toc = _style("toc", fontSize=10.5, leading=16)
        self.toc_sub = _style("toc_sub", fontSize=9.5, leading=14, leftIndent=14, textColor=MUTED)
        self.cell_bad = _style("cell_bad", fontSize=9, leading=13, textColor=BAD)
        self.cell_warn = _style("cell_warn", fontSize=9, leading=13, textColor=WARN)
        self.cell_good = _style("cell_good", fontSize=9, leading=13, textColor=GOOD)
        self.cell_na = _style("cell_na", fontSize=9, leading=13, textColor=NA_INK)
        self.small_bad = _style("small_bad", fontSize=8, leading=11.5, textColor=BAD)
        self.small_warn = _style("small_warn", fontSize=8, leading=11.5, textColor=WARN)
        self.sign_label = _style("sign_label", fontSize=10.5, leading=16)
        self.sign_name = _style("sign_name", fontSize=9, leading=12, textColor=MUTED)


_STYLES: Styles | None = None


def styles() -> Styles:
    global _STYLES  # noqa: PLW0603 - built once, after the font is registered
    if _STYLES is None:
        _STYLES = Styles()
    return _STYLES


def para(text: object, style: ParagraphStyle) -> CJKParagraph:
    """A paragraph that prints ``text`` literally (user text is never markup)."""
    printed = printable(text)
    if "\n" in printed:
        return CJKParagraph(markup(printed), style)
    return plain_paragraph(printed, style)


def rich(markup_text: str, style: ParagraphStyle) -> CJKParagraph:
    """A paragraph from markup this package wrote, with user parts passed through ``markup``."""
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
        ("FONTSIZE", (0, 0), (-1, -1), 9),
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


class RowTable(Table):  # type: ignore[misc]
    """A data table that breaks between rows, and inside a row only when the row is too tall
    to move to the next page whole.

    reportlab's ``splitInRow`` splits the first row that does not fit whatever its size, so a
    three-line item could start at the foot of one page and end under the repeated header of
    the next, its code on one page and its result on the other.
    """

    MOVE_WHOLE = FRAME_HEIGHT / 3  # rows up to this tall go to the next page whole

    def __init__(self, data: Any, **kwargs: Any) -> None:
        kwargs.setdefault("repeatRows", 1)
        kwargs.setdefault("splitInRow", 1)
        super().__init__(data, **kwargs)

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        self._calc(availWidth, availHeight)
        parts: list[Any] = self._splitRows(availHeight, doInRowSplit=0)
        if parts:
            return parts
        first = self.repeatRows if isinstance(self.repeatRows, int) else max(self.repeatRows) + 1
        if first < len(self._rowHeights) and self._rowHeights[first] <= self.MOVE_WHOLE:
            return []
        return list(self._splitRows(availHeight, doInRowSplit=1))
