"""Short forms of text and numbers that every front end shows the same way.

``clip`` shortens a text for a line of a report, a message or a caption; ``head`` makes an
item's text the head of a report line; ``percent_text`` writes a score.  The command line, the
window, the PDF and the store's messages all use these, so a text is cut by one rule
everywhere.

Scores are shown by ONE rule: 四舍五入 (round half up, as people and spreadsheets round, not
Python's round-half-even of binary floats) to ``PERCENT_DIGITS`` decimal, trailing zeros
dropped (``81.25`` → ``81.3%``, ``100.0`` → ``100%``).  One decimal because a 得分率 is quoted
so in 督导 reports, it tells apart scores a band boundary separates, and it fits the narrow
columns of the PDF; the exact figure (two decimals) stays in JSON and in the XLSX cells.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

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


PERCENT_DIGITS = 1


def rounded(value: float, digits: int = PERCENT_DIGITS) -> Decimal:
    """``value`` rounded half up (四舍五入) to ``digits`` decimals, from its shortest decimal
    form (so ``81.25`` and ``2.675`` round as written, not as their binary approximations)."""
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)


def percent_number(value: float, *, digits: int = PERCENT_DIGITS, trim: bool = True) -> str:
    """The number part of ``percent_text``: ``81.3`` for 81.25 (where the % is written apart)."""
    text = f"{rounded(value, digits):f}"
    if text.startswith("-") and not rounded(value, digits):
        text = text[1:]  # -0.04 shows as 0, not -0
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def percent_text(
    value: float | None, *, digits: int = PERCENT_DIGITS, trim: bool = True, none: str = "—"
) -> str:
    """A score in percent: ``87.5%`` (``digits`` decimals, 四舍五入; ``trim`` drops trailing
    zeros, so ``100%``), or ``none`` when nothing was scored."""
    if value is None:
        return none
    return percent_number(value, digits=digits, trim=trim) + "%"


def signed_points(value: float, *, digits: int = PERCENT_DIGITS) -> str:
    """A change of score in percentage points, signed: ``+4.5``, ``-1``, ``±0``."""
    text = percent_number(value, digits=digits)
    if text == "0":
        return "±0"
    return text if text.startswith("-") else "+" + text


def quoted(text: str, n: int = 40) -> str:
    """``text`` clipped to ``n`` characters inside Chinese quotation marks: “…”."""
    return f"“{clip(text, n)}”"
