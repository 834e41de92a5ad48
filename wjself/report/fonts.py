"""The fonts every PDF uses: the bundled WenQuanYi Micro Hei, embedded as a subset.

Only these two faces of the bundled TrueType collection are used (proportional and mono), so
no standard-14 font ever appears in a report.  ``has_glyph`` tells which characters the font
can draw.  For the others (Hebrew, Arabic, some symbols and emoji) a fallback font is used if
the system has one (``FALLBACK_FONTS``: DejaVu Sans on Linux, Segoe UI Symbol or Arial on
Windows, Arial Unicode on macOS); nothing ships with reportlab that covers them.  What no
font draws, ``report.text`` replaces with a visible box and the report says so.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from wjself import resources
from wjself.core.errors import EnvironmentFault

SANS = "WQYMicroHei"
MONO = "WQYMicroHeiMono"
FALLBACK_FONTS: tuple[str, ...] = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",  # Debian, Ubuntu
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",  # Fedora
    "/usr/share/fonts/TTF/DejaVuSans.ttf",  # Arch
    "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
    "C:\\Windows\\Fonts\\seguisym.ttf",
    "C:\\Windows\\Fonts\\arial.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
)
_fallback_paths: tuple[str, ...] = FALLBACK_FONTS


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


@functools.cache
def _fallbacks() -> tuple[tuple[str, frozenset[int]], ...]:
    """The fallback fonts present on this machine, registered on first need."""
    register()
    found = []
    for path in _fallback_paths:
        if not os.path.isfile(path):
            continue
        name = "WJFallback" + hashlib.sha256(path.encode()).hexdigest()[:8]
        try:
            font = TTFont(name, path)
            pdfmetrics.registerFont(font)
        except (OSError, TTFError, ValueError, KeyError):
            continue  # an unreadable or unusual system font is skipped, never fatal
        found.append((name, frozenset(font.face.charToGlyph)))
    return tuple(found)


@functools.cache
def fallback_for(ch: str) -> str | None:
    """The registered fallback font that draws ``ch``, or None."""
    code = ord(ch)
    return next((name for name, glyphs in _fallbacks() if code in glyphs), None)


@contextmanager
def fallbacks(paths: Sequence[str]) -> Iterator[None]:
    """Use only ``paths`` as fallback fonts inside the block (tests; ``()`` for none)."""
    global _fallback_paths  # noqa: PLW0603 - a process-wide setting, restored on exit
    saved = _fallback_paths
    _fallback_paths = tuple(paths)
    _reset()
    try:
        yield
    finally:
        _fallback_paths = saved
        _reset()


def _reset() -> None:
    _fallbacks.cache_clear()
    fallback_for.cache_clear()
    for hook in RESET_HOOKS:
        hook()


RESET_HOOKS: list[Callable[[], None]] = []  # caches elsewhere that depend on the fallbacks
