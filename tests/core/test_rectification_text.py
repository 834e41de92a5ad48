"""存在问题 beside its item: an earlier version's copy of the item text is not shown again."""

from __future__ import annotations

import pytest

from wjself.core.rectification_text import own_problem

ITEM = "实验室危险化学品实行“双人双锁”管理。"


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        (f"{ITEM}\n存在问题：危化品柜只有一把锁", "危化品柜只有一把锁"),  # an earlier prefill
        (ITEM, ""),  # an earlier prefill without a note
        ("危化品柜只有一把锁", "危化品柜只有一把锁"),  # today's prefill, or typed
        ("", ""),
        # Written by a person, starting with the requirement but going on: kept whole.
        (f"{ITEM}未落实，柜锁损坏", f"{ITEM}未落实，柜锁损坏"),
    ],
)
def test_own_problem(stored: str, shown: str) -> None:
    assert own_problem(stored, ITEM) == shown


def test_an_entry_whose_item_is_gone_is_shown_as_stored() -> None:
    assert own_problem(f"{ITEM}\n存在问题：x", "") == f"{ITEM}\n存在问题：x"
