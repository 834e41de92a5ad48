"""``feedback.guarded``: the one way the window tries a service call and says what went wrong."""

from __future__ import annotations

import pytest

from tests.ui.conftest import ScriptedPrompts
from wjself.core.errors import EnvironmentFault, InputError, Problem
from wjself.ui.feedback import guarded
from wjself.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def refuse() -> None:
    raise InputError([Problem("备注太长"), Problem("请缩短后再保存")])


def disk_full() -> None:
    raise EnvironmentFault("磁盘已满，无法写入数据库")


def test_a_call_that_goes_through_gives_its_value(
    window: MainWindow, prompts: ScriptedPrompts
) -> None:
    done = guarded(window, window, lambda: 42)
    assert done.ok
    assert done.value == 42
    assert prompts.asked == []


def test_a_refusal_is_said_where_the_caller_asks(
    window: MainWindow, prompts: ScriptedPrompts
) -> None:
    said: list[str] = []
    done = guarded(window, window, refuse, problems=said.append)
    assert not done.ok
    assert done.value is None
    assert said == ["备注太长\n请缩短后再保存"]
    assert prompts.asked == []


def test_a_refusal_without_a_field_is_a_warning(
    window: MainWindow, prompts: ScriptedPrompts
) -> None:
    done = guarded(window, window, refuse, title="Reopen")
    assert not done.ok
    assert prompts.asked == [("warn", "Reopen", "备注太长\n请缩短后再保存")]


@pytest.mark.reliability(
    fault="the disk fails while the window saves a change",
    method="guarded call raising EnvironmentFault; the error dialog is recorded",
)
def test_a_disk_fault_is_an_error_dialog_after_the_fault_hook(
    window: MainWindow, prompts: ScriptedPrompts
) -> None:
    seen_before: list[int] = []
    done = guarded(window, window, disk_full, fault=lambda: seen_before.append(len(prompts.asked)))
    assert not done.ok
    assert seen_before == [0]  # the hook ran before the dialog
    assert prompts.asked == [("error", "无法保存", "磁盘已满，无法写入数据库")]


def test_a_bug_is_not_caught(window: MainWindow, prompts: ScriptedPrompts) -> None:
    with pytest.raises(ZeroDivisionError):
        guarded(window, window, lambda: 1 / 0)
    assert prompts.asked == []
