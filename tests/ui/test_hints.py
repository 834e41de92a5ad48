"""The window words a problem's remedy as the button to use, never as a command to type."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from wjself.core.errors import Hint, Problem, Remedy
from wjself.ui.hints import problem_lines, problem_text


def test_a_remedy_names_the_button_not_the_command(qtbot: QtBot) -> None:
    problems = [
        Problem("自评 3 已定稿，不能修改。如确需修改，请先撤销定稿", hint=Hint(Remedy.REOPEN, 3)),
        Problem("自评 9 不存在", field="id", hint=Hint(Remedy.LIST_ASSESSMENTS)),
    ]
    text = problem_text(problems)
    assert "wjself" not in text and "--reason" not in text
    assert "Reopen…" in text or "重新打开…" in text
    assert text.splitlines()[1] == "自评 9 不存在"
    assert problem_lines(problems).splitlines()[1] == "id: 自评 9 不存在"
