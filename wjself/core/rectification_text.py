"""The 存在问题 of a rectification as it reads beside its item.

Entries made automatically by earlier versions started with the item's whole text and
"存在问题：〈note〉"; every view shows the item next to the entry, so that prefix is dropped
when an entry is shown or printed (the stored text is left as it is).
"""

from __future__ import annotations

OLD_PREFIX = "存在问题："


def own_problem(problem: str, item_text: str) -> str:
    """``problem`` without a copy of ``item_text`` (and its "存在问题：") in front of it."""
    text = problem.strip()
    requirement = item_text.strip()
    if requirement and text.startswith(requirement):
        rest = text[len(requirement) :].lstrip()
        if not rest or rest.startswith(OLD_PREFIX):
            return rest.removeprefix(OLD_PREFIX).strip()
    return text
