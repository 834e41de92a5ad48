"""Targets as people read them: ``≥ 4 次``, ``= 是``, and the stage targets of an item.

One wording for the window, the command line and the PDF, so a school sees the same target
everywhere — the one that applies to it (``Item.targets_for``).
"""

from __future__ import annotations

from collections.abc import Iterable

from wjself.core.numbers import display_number
from wjself.core.targets import Target
from wjself.core.template import Item, Kind

SYMBOLS: dict[str, str] = {">=": "≥", "<=": "≤", "!=": "≠", "=": "=", ">": ">", "<": "<"}


def target_words(item: Item, target: Target) -> str:
    """One target: ``≥ 90%``, ``≥ 4 次``, ``= 是``."""
    symbol = SYMBOLS.get(target.op, target.op)
    if item.kind is Kind.YES_NO:
        return f"{symbol} {'是' if target.value else '否'}"
    unit = "%" if item.kind is Kind.PERCENT else (f" {item.unit}" if item.unit else "")
    return f"{symbol} {display_number(target.value)}{unit}"


def school_target_words(item: Item, stages: Iterable[str]) -> str:
    """The target(s) a school of ``stages`` must reach, ``""`` when none (compliance, text …).

    A school of several stages with different targets must meet each: ``≥ 2 次；≥ 4 次``.
    """
    if item.kind is Kind.YES_NO:
        return "" if item.target is None else target_words(item, item.target)
    if item.kind not in (Kind.NUMBER, Kind.PERCENT):
        return ""
    return "；".join(target_words(item, t) for t in item.targets_for(stages))


def all_target_words(item: Item) -> str:
    """Every target of the item, for a page without a school: ``幼儿园 ≥ 2 次；小学 初中 ≥ 4 次``.

    The item's plain ``target`` is listed last, as 其他学段 when stage targets exist.
    """
    if not item.stage_targets:
        return "" if item.target is None else target_words(item, item.target)
    parts = [f"{e.stages_text()} {target_words(item, e.target)}" for e in item.stage_targets]
    if item.target is not None:
        parts.append(f"其他学段 {target_words(item, item.target)}")
    return "；".join(parts)
