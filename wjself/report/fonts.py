"""The fonts every PDF uses: the bundled WenQuanYi Micro Hei, embedded as a subset.

Only these two faces of the bundled TrueType collection are used (proportional and mono), so
no standard-14 font ever appears in a report.  ``has_glyph`` tells which characters the font
can draw; ``report.text`` replaces the others.
"""

from __future__ import annotations

import functools

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from wjself import resources
from wjself.core.errors import EnvironmentFault

SANS = "WQYMicroHei"
MONO = "WQYMicroHeiMono"


@functools.cache
def register() -> None:
    """Register both faces with reportlab once per process."""
    path = resources.font_file()
    try:
        pdfmetrics.registerFont(TTFont(SANS, str(path), subfontIndex=0))
        pdfmetrics.registerFont(TTFont(MONO, str(path), subfontIndex=1))
    except OSError as exc:
        raise EnvironmentFault(
            f"找不到或无法读取报告字体 {path}（{exc}）。安装不完整，请重新安装 wjself。"
        ) from exc
    # <b> and <i> in our own markup map to the same faces: the collection has no bold.
    pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=SANS, italic=SANS, boldItalic=SANS)
    pdfmetrics.registerFontFamily(MONO, normal=MONO, bold=MONO, italic=MONO, boldItalic=MONO)


@functools.cache
def _glyphs() -> frozenset[int]:
    register()
    font = pdfmetrics.getFont(SANS)
    assert isinstance(font, TTFont)
    return frozenset(font.face.charToGlyph)


def has_glyph(ch: str) -> bool:
    """Whether the bundled font draws ``ch`` (a single character)."""
    return ord(ch) in _glyphs()


@functools.cache
def _width_table(font: str, size: float) -> dict[str, float]:
    register()
    return {}


def char_width(ch: str, font: str, size: float) -> float:
    """Advance width of one character, cached: line breaking asks for every character."""
    table = _width_table(font, size)
    width = table.get(ch)
    if width is None:
        width = table[ch] = pdfmetrics.stringWidth(ch, font, size)
    return width
