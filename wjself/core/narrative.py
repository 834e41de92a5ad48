"""The written part of a 自查报告: 基本情况, 主要做法与成效, 存在问题, 整改措施与下一步打算.

A school writes it per assessment, in the window or from a file.  It is plain text, each part at
most ``MAX_PART`` characters, without control characters (the same rule as answers' notes).
The PDF prints it before the item tables; bundles carry it and fingerprint scheme 3 covers it.

The one reading of it from outside (a stored JSON object, a bundle's ``narrative.json``, a
file a person wrote) is here: ``narrative_problems`` says what is wrong with a dict,
``parse_narrative_text`` reads a text or Markdown file whose parts are headed "一、基本情况"
(or "## 基本情况").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from wjself.core.errors import InputError, Problem
from wjself.core.values import SURROGATE_MESSAGE, has_surrogate, is_hidden_control

PARTS: tuple[str, ...] = ("基本情况", "主要做法与成效", "存在问题", "整改措施与下一步打算")
MAX_PART = 20_000
_NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True, slots=True)
class Narrative:
    """The four parts of the written report, in ``PARTS`` order (each ``""`` until written)."""

    parts: tuple[str, str, str, str] = ("", "", "", "")

    @classmethod
    def of(cls, mapping: Mapping[str, str]) -> Narrative:
        """From a part name → text mapping (parts not named are empty); names are not checked."""
        a, b, c, d = (str(mapping.get(name, "") or "") for name in PARTS)
        return cls((a, b, c, d))

    def as_dict(self) -> dict[str, str]:
        return dict(zip(PARTS, self.parts, strict=True))

    def get(self, name: str) -> str:
        return self.parts[PARTS.index(name)]

    def replace(self, name: str, text: str) -> Narrative:
        parts = list(self.parts)
        parts[PARTS.index(name)] = text
        a, b, c, d = parts
        return Narrative((a, b, c, d))

    @property
    def empty(self) -> bool:
        return not any(p.strip() for p in self.parts)

    def missing(self) -> list[str]:
        """The parts not written yet."""
        return [name for name, text in zip(PARTS, self.parts, strict=True) if not text.strip()]

    def written(self) -> list[tuple[str, str]]:
        """(part name, text) of the parts that have text, in order."""
        return [(n, t) for n, t in zip(PARTS, self.parts, strict=True) if t.strip()]


def text_problem(text: str) -> str | None:
    """Why ``text`` cannot be a part of the narrative, or None."""
    if len(text) > MAX_PART:
        return f"过长（{len(text)} 字），每部分上限 {MAX_PART} 字"
    if has_surrogate(text):
        return SURROGATE_MESSAGE
    if any((ord(ch) < 32 and ch not in "\n\r\t") or is_hidden_control(ch) for ch in text):
        return "含有控制字符，请删除后重试"
    return None


def narrative_problems(data: object) -> list[tuple[str, str]]:
    """(field, message) for everything wrong with ``data`` as a stored or sent narrative:
    an object whose keys are part names and whose values are text within the limits."""
    if not isinstance(data, dict):
        return [("", "自查报告应为 JSON 对象（键为各部分名称）")]
    out: list[tuple[str, str]] = []
    for key, value in data.items():
        name = str(key)[:20]
        if key not in PARTS:
            out.append((name, f"未知的部分“{name}”，应为：{'、'.join(PARTS)}"))
        elif not isinstance(value, str):
            out.append((name, "应为文字"))
        elif (why := text_problem(value)) is not None:
            out.append((name, why))
    return out


def checked(data: object, where: str = "") -> Narrative:
    """``data`` as a Narrative, or InputError naming every bad part."""
    problems = narrative_problems(data)
    if problems:
        raise InputError([Problem(f"自查报告：{msg}", where, field=f) for f, msg in problems])
    assert isinstance(data, dict)
    return Narrative.of({k: v.strip() for k, v in data.items()})


# "## 基本情况" (one or two #: deeper headings are the school's own, inside a part) or
# "一、基本情况" when short and not a sentence (a numbered line of prose stays text).
_HEADING = re.compile(
    rf"^\s*(?:#{{1,2}}(?!#)\s*(?P<md>.+?)|(?P<num>[{_NUMERALS}]+)\s*[、.．]\s*(?P<text>[^。；，,;]{{1,20}}?))\s*#*\s*$"
)


def parse_narrative_text(text: str, where: str) -> Narrative:
    """A text/Markdown file with parts headed "一、基本情况" or "## 基本情况".

    Text before the first heading is refused (it would be lost), and so is a heading that is
    not one of the four parts, naming its line; a part given twice is refused too.
    """
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = _HEADING.match(line)
        if match:
            title = (match.group("md") or match.group("text") or "").strip()
            title = re.sub(r"^[一二三四五六七八九十]+\s*[、.．]\s*", "", title).rstrip("：:")
            if title not in PARTS:
                problems.append(
                    Problem(
                        f"未知的标题“{title[:30]}”：各部分应为 {'、'.join(PARTS)}",
                        where,
                        row=number,
                    )
                )
                current = None
                continue
            if title in found:
                problems.append(Problem(f"“{title}”出现了两次", where, row=number))
                current = None
                continue
            current = found[title] = []
            continue
        if current is None:
            if line.strip() and not problems:
                problems.append(
                    Problem(
                        "第一个标题之前有文字：请以“一、基本情况”或“## 基本情况”这样的标题开始",
                        where,
                        row=number,
                    )
                )
            continue
        current.append(line)
    if not found and not problems:
        problems.append(Problem(f"没有找到任何部分标题（{'、'.join(PARTS)}）", where))
    if problems:
        raise InputError(problems)
    return checked({name: "\n".join(lines).strip() for name, lines in found.items()}, where)


def narrative_text(narrative: Narrative) -> str:
    """The narrative as the text file ``parse_narrative_text`` reads back (every part headed)."""
    blocks = [
        f"{_NUMERALS[i]}、{name}\n\n{text.strip()}\n"
        if text.strip()
        else f"{_NUMERALS[i]}、{name}\n"
        for i, (name, text) in enumerate(zip(PARTS, narrative.parts, strict=True))
    ]
    return "\n".join(blocks)
