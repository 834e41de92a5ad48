"""Turning whatever a user or a template wrote into text the PDF can print, and into markup.

Rules (documented in the report's README section of docs/development.md):

- Line breaks (``\\r\\n``, ``\\r``, U+2028/2029) become ``\\n``; a tab becomes a space.
- Control and format characters (C0/C1 controls, zero-width joiners, bidi overrides, BOMs,
  soft hyphens, variation selectors) are dropped: they draw nothing and some reorder text.
- Text is NFC-normalized, so a letter with a separate combining accent becomes one character.
- A character the bundled font cannot draw (emoji, CJK Extension B such as 𠀀, private-use
  code points, lone surrogates) is printed as □ (``MISSING``).  The XLSX and the bundle keep
  the original text; only the printed page shows the box.

``markup`` then escapes ``&``, ``<`` and ``>`` so reportlab's paragraph parser sees plain
text: a user's ``<font size=100>`` prints as those characters.
"""

from __future__ import annotations

import functools
import unicodedata
from xml.sax.saxutils import escape

from wjself.report.fonts import has_glyph

MISSING = "□"
_NEWLINES = {"\r\n": "\n", "\r": "\n", "\u2028": "\n", "\u2029": "\n", "\t": " "}
_DROP_CATEGORIES = {"Cc", "Cf"}


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


def printable(text: object) -> str:
    """``text`` as the PDF prints it (see the module's rules)."""
    s = "" if text is None else str(text)
    if not s:
        return s
    for old, new in _NEWLINES.items():
        if old in s:
            s = s.replace(old, new)
    s = unicodedata.normalize("NFC", s)  # lone surrogates pass through; _char boxes them
    if s.isascii() and s.isprintable():
        return s
    return "".join(_char(ch) for ch in s)


def markup(text: object) -> str:
    """Paragraph markup that prints ``text`` literally, line breaks kept."""
    return escape(printable(text)).replace("\n", "<br/>")


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
