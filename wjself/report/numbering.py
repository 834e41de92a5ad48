"""Heading numbers as in 公文 (GB/T 9704-2012): 一、 → （一） → 1. → （1）.

Checklists number their own sections ("一、组织领导…") because the window lists them on their
own; inside the report they stand one level down, under "三、逐项自查情况", so ``numbered``
drops whatever number a title brings and prints the one its level and position call for.
"""

from __future__ import annotations

import re

DIGITS = "〇一二三四五六七八九"

# A leading number of any of the four levels, or 第X部分/第X章, with the gap after it.
_LEADING = re.compile(
    r"^\s*(?:"
    r"[一二三四五六七八九十百〇零]+\s*[、.．]"
    r"|[（(]\s*[一二三四五六七八九十百〇零]+\s*[）)]"
    r"|[0-9０-９]+\s*[、.．](?![0-9０-９])"
    r"|[（(]\s*[0-9０-９]+\s*[）)]"
    r"|第[一二三四五六七八九十百〇零0-9]+(?:部分|章|节)"
    r")[\s　]*"
)


def chinese(n: int) -> str:
    """``n`` (1–999) in Chinese numerals as a heading counts: 1 一, 10 十, 12 十二, 20 二十."""
    if not 0 < n < 1000:
        return str(n)
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = f"{DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        if hundreds or tens > 1:
            out += DIGITS[tens]
        out += "十"
    elif hundreds and ones:
        out += "零"
    if ones:
        out += DIGITS[ones]
    return out


def number(level: int, n: int) -> str:
    """The number of the ``n``-th heading (from 1) at ``level`` 1–4: 一、 （一） 1. （1）."""
    if level == 1:
        return f"{chinese(n)}、"
    if level == 2:
        return f"（{chinese(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    raise ValueError(f"heading level {level} is not one of 1–4")


def bare(title: str) -> str:
    """``title`` without a number it starts with ("一、安全" → "安全"); never empty."""
    rest = _LEADING.sub("", title, count=1)
    return rest if rest.strip() else title


def numbered(level: int, n: int, title: str) -> str:
    """``title`` numbered for ``level``: (2, 3, "三、校车安全") → "（三）校车安全"."""
    return f"{number(level, n)}{bare(title)}"
