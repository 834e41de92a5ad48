"""The test double for dialogs holds tests to their script: no unscripted question, no answer
left over."""

from __future__ import annotations

import pytest

from tests.helpers.prompts import ScriptedPrompts


def test_an_answer_never_asked_for_fails_the_check() -> None:
    told = ScriptedPrompts()
    told.script("confirm", True, False)
    assert told.confirm(None, "删除", "确定删除？") is True
    assert told.unused() == {"confirm": [False]}
    with pytest.raises(AssertionError, match="never asked for"):
        told.assert_all_used()
    assert told.confirm(None, "删除", "再删一个？") is False
    told.assert_all_used()


def test_a_question_without_a_scripted_answer_fails() -> None:
    told = ScriptedPrompts()
    with pytest.raises(AssertionError, match="unexpected ask_text prompt"):
        told.ask_text(None, "原因", "请填写原因")
