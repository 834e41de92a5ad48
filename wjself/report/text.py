"""Turning whatever a user or a template wrote into text the PDF can print, and into markup.

Rules (documented in the report's README section of docs/development.md):

- Line breaks (``\\r\\n``, ``\\r``, U+2028/2029) become ``\\n``; a tab becomes a space.
- Control and format characters (C0/C1 controls, zero-width joiners, bidi overrides, BOMs,
  soft hyphens, variation selectors) are dropped: they draw nothing and some reorder text.
- Text is NFC-normalized, so a letter with a separate combining accent becomes one character.
- A character the bundled font cannot draw (emoji, CJK Extension B such as 𠀀, private-use
  code points, lone surrogates) is printed as □ (``MISSING``), unless a fallback font on the
  system draws it (``fonts.fallback_for``; paragraphs only, ``fallback=True``).  Every box
  is counted while ``counting`` is active, and the report says how many there are.  The
  XLSX and the bundle keep the original text; only the printed page shows the box.
- With a fallback font, Hebrew and Arabic are put in drawing order and Arabic is shaped
  (``report.bidi``).

``markup`` then escapes ``&``, ``<`` and ``>`` so reportlab's paragraph parser sees plain
text: a user's ``<font size=100>`` prints as those characters.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from xml.sax.saxutils import escape

from wjself.report import fonts
from wjself.report.bidi import RTL_BLOCKS as _RTL_BLOCKS
from wjself.report.bidi import has_rtl, visual
from wjself.report.fonts import fallback_for, has_glyph

MISSING = "□"
_NEWLINES = {"\r\n": "\n", "\r": "\n", "\u2028": "\n", "\u2029": "\n", "\t": " "}
_DROP_CATEGORIES = {"Cc", "Cf"}
_REPLACED: ContextVar[list[int] | None] = ContextVar("wj_replaced", default=None)
_FALLBACK_SEEN: set[str] = set()  # characters a fallback font has drawn so far


@functools.lru_cache(maxsize=65536)
def _char(ch: str) -> str:
    if ch == "\n":
        return ch
    category = unicodedata.category(ch)
    if category in _DROP_CATEGORIES:
        return ""
    if has_glyph(ch):
        return ch
    if category in ("Mn", "Me"):  # a combining mark the font lacks: the base stays readable
        return ""
    if category == "Zs":
        return " "
    return MISSING


@functools.lru_cache(maxsize=65536)
def _char_fallback(ch: str) -> str:
    if ch == "\n" or has_glyph(ch) or unicodedata.category(ch) in _DROP_CATEGORIES:
        return _char(ch)
    # Only the basic plane: reportlab writes a broken ToUnicode entry for astral characters
    # (most emoji), so their copied text would be lost; they are boxed instead.
    if ord(ch) <= 0xFFFF and fallback_for(ch) is not None:
        _FALLBACK_SEEN.add(ch)
        return ch
    return _char(ch)


@functools.cache
def _kept() -> frozenset[str]:
    """The characters ``printable`` passes through unchanged in either mode: the bundled
    font draws them, they are not dropped, and they are not right-to-left letters."""
    drawn = (chr(code) for code in fonts.glyphs())
    kept = {ch for ch in drawn if _char(ch) == ch and not _RTL_BLOCKS.match(ch)}
    return frozenset(kept | {"\n"})


def _forget() -> None:
    _char_fallback.cache_clear()
    _FALLBACK_SEEN.clear()


fonts.RESET_HOOKS.append(_forget)


@contextmanager
def counting() -> Iterator[list[int]]:
    """Count, in ``[n]``, the characters ``printable`` replaces with □ inside the block."""
    counter = [0]
    token = _REPLACED.set(counter)
    try:
        yield counter
    finally:
        _REPLACED.reset(token)


def note_replaced(n: int) -> None:
    """Add ``n`` boxes counted elsewhere (text measured in a block of its own, then printed)."""
    counter = _REPLACED.get()
    if counter is not None:
        counter[0] += n


def printable(text: object, fallback: bool = False) -> str:
    """``text`` as the PDF prints it (see the module's rules); ``fallback`` keeps characters
    a fallback font draws (for paragraphs, which switch fonts; not for one-font strings)."""
    s = "" if text is None else str(text)
    if not s:
        return s
    for old, new in _NEWLINES.items():
        if old in s:
            s = s.replace(old, new)
    s = unicodedata.normalize("NFC", s)  # lone surrogates pass through; _char boxes them
    if s.isascii() and s.isprintable():
        return s
    if _kept().issuperset(s):  # nearly all text: every character prints as it is
        return s
    if fallback and has_rtl(s) and (fallback_for("\u05d0") or fallback_for("\u0627")):
        s = visual(s)  # only worth it when a font will draw the letters
    out = "".join(map(_char_fallback if fallback else _char, s))
    counter = _REPLACED.get()
    if counter is not None and MISSING in out:
        counter[0] += out.count(MISSING) - s.count(MISSING)
    return out


def uses_fallback(printed: str) -> bool:
    """Whether printed text holds characters only a fallback font draws."""
    return (
        bool(_FALLBACK_SEEN)
        and not printed.isascii()
        and any(ch in _FALLBACK_SEEN for ch in printed)
    )


def markup(text: object) -> str:
    """Paragraph markup that prints ``text`` literally, line breaks kept."""
    return markup_printed(printable(text, fallback=True))


def markup_printed(printed: str) -> str:
    """Markup for text that is already ``printable``: escaped, fallback runs in their font."""
    if not uses_fallback(printed):
        return escape(printed).replace("\n", "<br/>")
    parts: list[str] = []
    run: list[str] = []
    font: str | None = None
    for ch in printed + "\n":
        want = fallback_for(ch) if ch in _FALLBACK_SEEN else None
        if want != font and run:
            body = escape("".join(run))
            parts.append(f'<font name="{font}">{body}</font>' if font else body)
            run = []
        font = want
        run.append(ch)
    return "".join(parts).replace("\n", "<br/>")


def size_text(size: int) -> str:
    """A file size as people read it: 812 B, 15.2 KB, 3.4 MB."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def fit_width(text: str, font: str, size: float, width: float, keep_last: bool = False) -> str:
    """``text`` on one line, cut with … so it fits ``width`` (keeping a closing 》 if asked)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = text.replace("\n", " ")
    if stringWidth(text, font, size) <= width:
        return text
    tail = text[-1] if keep_last else ""
    body = text[:-1] if keep_last else text
    body = body[: int(width / (size * 0.2)) + 1]  # no glyph is narrower than 0.2 em
    while body and stringWidth(body + "…" + tail, font, size) > width:
        body = body[:-1]
    return body + "…" + tail
