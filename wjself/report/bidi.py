"""Right-to-left text (Hebrew, Arabic) in the order a left-to-right PDF line draws it.

reportlab lays text out left to right and does not shape Arabic.  For the odd name or phrase
in a note this is enough: Arabic letters take their joined presentation forms (isolated,
initial, medial, final; lam-alef ligatures), and each right-to-left run is reversed with its
numbers kept in reading order and its brackets mirrored.  A run that wraps over two lines
reads its lines top to bottom (a full bidi layout is out of scope).
"""

from __future__ import annotations

import functools
import re
import unicodedata

_FORM_NAMES = {" ISOLATED FORM": 0, " FINAL FORM": 1, " INITIAL FORM": 2, " MEDIAL FORM": 3}
_ALEFS = {"\u0627": 0xFEFB, "\u0623": 0xFEF7, "\u0625": 0xFEF9, "\u0622": 0xFEF5}
_LAM = "\u0644"
_MIRROR = {"(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{", "<": ">", ">": "<"}
_MIRROR.update({"«": "»", "»": "«", "（": "）", "）": "（"})


@functools.cache
def _forms() -> dict[str, tuple[str | None, ...]]:
    """Each Arabic letter's presentation forms (isolated, final, initial, medial), read from
    the names of the Arabic Presentation Forms-B block."""
    forms: dict[str, list[str | None]] = {}
    for code in range(0xFE70, 0xFEFD):
        name = unicodedata.name(chr(code), "")
        for suffix, index in _FORM_NAMES.items():
            if name.startswith("ARABIC LETTER ") and name.endswith(suffix):
                try:
                    base = unicodedata.lookup(name[: -len(suffix)])
                except KeyError:
                    continue
                forms.setdefault(base, [None] * 4)[index] = chr(code)
    return {k: tuple(v) for k, v in forms.items()}


def _joins_forward(ch: str) -> bool:
    """Whether ``ch`` connects to the letter after it (a dual-joining letter)."""
    f = _forms().get(ch)
    return f is not None and f[2] is not None


def _joins(ch: str) -> bool:
    return ch in _forms() or ch == "\u0640"  # tatweel joins both ways


def shape(text: str) -> str:
    """Arabic letters of ``text`` in their contextual presentation forms."""
    forms = _forms()
    out: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        f = forms.get(ch)
        if f is None:
            out.append(ch)
            i += 1
            continue
        j = i - 1
        while j >= 0 and unicodedata.category(text[j]) == "Mn":
            j -= 1
        after_joiner = j >= 0 and _joins_forward(text[j])
        k = i + 1
        while k < n and unicodedata.category(text[k]) == "Mn":
            k += 1
        if ch == _LAM and k < n and text[k] in _ALEFS:
            out.append(chr(_ALEFS[text[k]] + (1 if after_joiner else 0)))
            i = k + 1
            continue
        before_joiner = k < n and _joins(text[k]) and _joins_forward(ch)
        index = (3 if before_joiner else 1) if after_joiner else (2 if before_joiner else 0)
        out.append(f[index] or f[1 if after_joiner else 0] or ch)
        i += 1
    return "".join(out)


def _rtl(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("R", "AL")


RTL_BLOCKS = re.compile("[\u0590-\u08ff\ufb1d-\ufefc]")


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds any Hebrew or Arabic letter (a quick test before ``visual``)."""
    return RTL_BLOCKS.search(text) is not None and any(_rtl(ch) for ch in text)


def visual(text: str) -> str:
    """``text`` with Arabic shaped and every right-to-left run in drawing order."""
    out: list[str] = []
    for line in shape(text).split("\n"):
        out.append(_reorder(line))
    return "\n".join(out)


def _reorder(line: str) -> str:
    result: list[str] = []
    i = 0
    n = len(line)
    while i < n:
        if not _rtl(line[i]):
            result.append(line[i])
            i += 1
            continue
        # The run goes on over numbers and neutrals as long as another RTL letter follows
        # before any left-to-right letter.
        end = i + 1
        last = i
        while end < n and unicodedata.bidirectional(line[end]) != "L":
            if _rtl(line[end]):
                last = end
            end += 1
        run = line[i : last + 1]
        result.append(_reverse(run))
        i = last + 1
    return "".join(result)


def _reverse(run: str) -> str:
    tokens: list[str] = []
    for ch in run:
        number = unicodedata.bidirectional(ch) in ("EN", "AN") or (
            ch in ".,:" and tokens and tokens[-1][-1:].isdigit()
        )
        if number and tokens and tokens[-1][:1].isdigit():
            tokens[-1] += ch
        else:
            tokens.append(ch)
    return "".join(_MIRROR.get(t, t) for t in reversed(tokens))
