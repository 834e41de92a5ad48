"""Short forms of text and numbers that every front end shows the same way.

``clip`` shortens a text for a line of a report, a message or a caption; ``head`` makes an
item's text the head of a report line; ``percent_text`` writes a score.  The command line, the
window, the PDF and the store's messages all use these, so a text is cut by one rule
everywhere.
"""

from __future__ import annotations

ELLIPSIS = "…"
# Punctuation that would read oddly before the ：that follows a line head.
_CLOSING = "。.；;，,：:"


def clip(text: str, n: int = 30) -> str:
    """``text`` on one line and at most ``n`` characters, ending in … when cut."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: max(1, n - 1)] + ELLIPSIS


def head(text: str, n: int = 30) -> str:
    """An item's text as the head of a report line: clipped, without closing punctuation."""
    return clip(text, n).rstrip(_CLOSING)


def percent_text(
    value: float | None, *, digits: int = 1, trim: bool = True, none: str = "—"
) -> str:
    """A score in percent: ``87.5%`` (``digits`` decimals; ``trim`` drops trailing zeros, so
    ``100%``), or ``none`` when nothing was scored."""
    if value is None:
        return none
    text = f"{value:.{digits}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text + "%"


def quoted(text: str, n: int = 40) -> str:
    """``text`` clipped to ``n`` characters inside Chinese quotation marks: “…”."""
    return f"“{clip(text, n)}”"
