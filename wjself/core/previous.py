"""This period's score beside the period before's: which earlier period counts, and the words.

Periods are free text (``2024``, ``2024学年``, ``2024-2025``): they are ordered by the numbers
in them, then by the text, so ``2023`` < ``2024`` < ``2024-2025``.  The change is the
difference of the two figures as printed (四舍五入, one decimal), so the three numbers on the
line always agree: ``85.2% → 89.7%（+4.5）``.
"""

from __future__ import annotations

import re

from wjself.core.assessment import PreviousResult
from wjself.core.scoring import Score
from wjself.core.text import percent_text, rounded, signed_points

_NUMBER = re.compile(r"\d+")


def period_key(period: str) -> tuple[tuple[int, ...], str]:
    """The order of periods: by the numbers in them, then by the text."""
    return tuple(int(n) for n in _NUMBER.findall(period)[:6]), period


def is_earlier(period: str, than: str) -> bool:
    return period_key(period) < period_key(than)


def period_words(period: str) -> str:
    """A period as the report names it (as the cover does): ``2023 年度`` for a bare year, else
    as written."""
    return f"{period} 年度" if period.isdigit() else period


def comparison(previous: PreviousResult, score: Score) -> str:
    """``上期（2023 年度）：85.2% 良好 → 本期 89.7% 良好（+4.5）``."""
    before = f"{percent_text(previous.percent)} {previous.band}".strip()
    now = f"{percent_text(score.percent)} {score.band}".strip()
    text = f"上期（{period_words(previous.period)}）：{before} → 本期 {now}"
    if previous.percent is not None and score.percent is not None:
        change = float(rounded(score.percent) - rounded(previous.percent))
        text += f"（{signed_points(change)}）"
    return text
