"""The fonts every PDF uses, each embedded as a subset: a 黑体-like sans (WenQuanYi Micro
Hei, proportional and mono) for headings, labels and page furniture, and a 宋体-like serif
(Noto Serif CJK SC, bundled as a GB 2312 subset) for body and table text, as Chinese official
documents set them.

No standard-14 font ever appears in a report.  ``has_glyph`` tells which characters the sans
face can draw.  A character the serif subset lacks (a rare name character, a symbol such as
✘) is set in the sans face by ``sans_fallback``.  For characters the sans face lacks too
(Hebrew, Arabic, some symbols) a fallback font is used if the system has one
(``FALLBACK_FONTS``: DejaVu Sans on Linux, Segoe UI Symbol or Arial on Windows, Arial Unicode
on macOS); nothing that ships with reportlab covers them.  What no font draws,
``report.text`` replaces with a visible box and the report says so.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from wjself import resources
from wjself.core.errors import EnvironmentFault

SANS = "WQYMicroHei"
MONO = "WQYMicroHeiMono"
SERIF = "NotoSerifSC"
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
        path = resources.serif_font_file()
        pdfmetrics.registerFont(TTFont(SERIF, str(path)))
    except OSError as exc:
        raise EnvironmentFault(
            f"找不到或无法读取报告字体 {path}（{exc}）。安装不完整，请重新安装 wjself。"
        ) from exc
    # <b> and <i> in our own markup map to the same faces: the collection has no bold.
    pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=SANS, italic=SANS, boldItalic=SANS)
    pdfmetrics.registerFontFamily(MONO, normal=MONO, bold=MONO, italic=MONO, boldItalic=MONO)
    # In body text, <b> is the 黑体 face: how Chinese documents set emphasis without a bold 宋体.
    pdfmetrics.registerFontFamily(SERIF, normal=SERIF, bold=SANS, italic=SERIF, boldItalic=SANS)


@functools.cache
def glyphs() -> frozenset[int]:
    """The code points the bundled sans face draws."""
    register()
    font = pdfmetrics.getFont(SANS)
    assert isinstance(font, TTFont)
    return frozenset(font.face.charToGlyph)


def has_glyph(ch: str) -> bool:
    """Whether the bundled font draws ``ch`` (a single character)."""
    return ord(ch) in glyphs()


@functools.cache
def _serif_glyphs() -> frozenset[str]:
    register()
    font = pdfmetrics.getFont(SERIF)
    assert isinstance(font, TTFont)
    return frozenset(map(chr, font.face.charToGlyph))


_PIECES = re.compile(r"(<[^>]*>|&#?\w+;)")  # tags and entities pass through untouched


def serif_draws(text: str) -> bool:
    """Whether the serif face draws every character of ``text``."""
    return _serif_glyphs().issuperset(text)


def sans_fallback(markup: str) -> str:
    """Paragraph ``markup`` with each run of characters the serif face lacks set in the sans
    face (reportlab would print them as empty boxes).  Text inside a ``<font name=…>`` tag
    already has its face chosen and is left alone."""
    glyphs = _serif_glyphs()
    if glyphs.issuperset(markup):
        return markup
    out: list[str] = []
    named: list[bool] = []  # for each open <font>: whether it names a face
    for i, piece in enumerate(_PIECES.split(markup)):
        if i % 2:
            if piece.startswith("<font"):
                named.append(" name=" in piece)
            elif piece.startswith("</font") and named:
                named.pop()
            out.append(piece)
        elif any(named):
            out.append(piece)
        else:
            out.append(_sans_runs(piece, glyphs))
    return "".join(out)


def _sans_runs(text: str, glyphs: frozenset[str]) -> str:
    out: list[str] = []
    run: list[str] = []
    for ch in text:
        if ch in glyphs:
            if run:
                out.append(f'<font name="{SANS}">{"".join(run)}</font>')
                run = []
            out.append(ch)
        else:
            run.append(ch)
    if run:
        out.append(f'<font name="{SANS}">{"".join(run)}</font>')
    return "".join(out)


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


def text_widths(text: str, font: str, size: float) -> list[float]:
    """Advance width of each character of ``text``: one lookup per character once the
    characters have been measured (line breaking measures every paragraph)."""
    table = _width_table(font, size)
    try:
        return [table[ch] for ch in text]
    except KeyError:
        return [char_width(ch, font, size) for ch in text]


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
