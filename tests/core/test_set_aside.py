"""How a set-aside answer reads: one rule for the window and the command line."""

from __future__ import annotations

import datetime as dt

from wjself.core.assessment import HistoryEntry, set_aside_shown
from wjself.core.template import Item, Kind, Option
from wjself.core.values import AnswerValue

AT = dt.datetime(2024, 6, 1, 9, 0, tzinfo=dt.UTC)
CHOICE = Item(
    "B03",
    "心理健康教育教师配备情况",
    Kind.SINGLE,
    options=(Option("full", "专职教师"), Option("part", "仅有兼职教师")),
)


def entry(value: AnswerValue, shown: str, reason: str = "set_aside") -> HistoryEntry:
    return HistoryEntry(
        1, "B03", reason, CHOICE.text, value, shown, "", (), (), "", "2024.1", "2024.2", AT, "王"
    )


def test_reads_as_it_did_in_the_version_it_was_given_in() -> None:
    history = [entry("part", "仅有兼职教师（旧版）"), entry("none", "未配备")]
    assert set_aside_shown("B03", "part", history, CHOICE) == "仅有兼职教师（旧版）"
    assert set_aside_shown("B03", "none", history) == "未配备"


def test_without_history_it_reads_with_the_item_now() -> None:
    assert set_aside_shown("B03", "part", [], CHOICE) == "仅有兼职教师"
    assert set_aside_shown("B03", ["a", "b"], []) == "a、b"
    assert set_aside_shown("B03", None, [entry("part", "x")], CHOICE) == ""
    # An entry of a removed item, or of another value, is not this answer's reading.
    assert set_aside_shown("B03", "part", [entry("part", "x", "removed_item")], CHOICE) == (
        "仅有兼职教师"
    )
