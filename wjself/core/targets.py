"""Targets such as ``>= 90`` that a number, percent or yes/no answer must reach to count as met."""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass

from wjself.core.numbers import number_text

_OPS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
    "=": operator.eq,
    "!=": operator.ne,
}
_ALIASES = {"≥": ">=", "≤": "<=", "==": "=", "＝": "=", "≠": "!=", "＞": ">", "＜": "<"}
_YES = {"yes", "是", "true", "1"}
_NO = {"no", "否", "false", "0"}
_PATTERN = re.compile(r"^\s*(>=|<=|==|!=|≥|≤|≠|＝|＞|＜|>|<|=)\s*(\S+)\s*$")


@dataclass(frozen=True, slots=True)
class Target:
    """A comparison with a constant; for yes/no items the constant is 1 (是) or 0 (否)."""

    op: str
    value: float

    def met_by(self, value: float) -> bool:
        return _OPS[self.op](value, self.value)

    def to_text(self, yes_no: bool = False) -> str:
        if yes_no:
            return f"{self.op} {'yes' if self.value else 'no'}"
        return f"{self.op} {number_text(float(self.value))}"


class TargetSyntaxError(ValueError):
    """A target that cannot be read; the message says what a target looks like."""


def parse_target(text: str, yes_no: bool = False) -> Target:
    """Read ``>= 90`` (or ``= no`` for yes/no items); raise TargetSyntaxError if malformed."""
    match = _PATTERN.match(text)
    if not match:
        example = "“= yes” 或 “= no”" if yes_no else "“>= 90”、“= 100”、“<= 0”"
        raise TargetSyntaxError(f"目标“{text}”无法识别，应写作{example}")
    op = _ALIASES.get(match.group(1), match.group(1))
    raw = match.group(2).rstrip("%")
    if yes_no:
        word = raw.lower()
        if op not in ("=", "!=") or word not in _YES | _NO:
            raise TargetSyntaxError(f"是/否题的目标“{text}”应写作“= yes”或“= no”")
        return Target(op, 1.0 if word in _YES else 0.0)
    try:
        value = float(raw)
    except ValueError:
        raise TargetSyntaxError(f"目标“{text}”中的“{raw}”不是数字") from None
    if not math.isfinite(value):
        raise TargetSyntaxError(f"目标“{text}”中的数字无效")
    return Target(op, value)
