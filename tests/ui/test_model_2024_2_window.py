"""The window with the 2024.2 model: 不适用 on allow_na items, the school's own target, and the
self-check period in the walkthrough header."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.helpers.factory import item, template
from tests.helpers.window import add_school, open_walkthrough, select, stored
from wjself.core.values import NA

pytestmark = pytest.mark.gui

PERIOD = "2024年1月1日至2024年12月31日"


def _assessment(window, stages: tuple[str, ...]) -> int:
    ws = window.workspace
    ws.templates.install(
        template(
            [
                item(
                    "D1",
                    "number",
                    unit="次",
                    target=">= 2",
                    stage_targets={"幼儿园": ">= 4", "小学 初中": ">= 10"},
                    allow_na=True,
                ),
                item("Y", "yes_no", allow_na=True),
                item("P", "yes_no"),
            ],
            review_period=PERIOD,
        )
    )
    school = add_school(ws, stages=stages)
    return int(ws.assessments.new(school.id, "t-test", None, "2024"))


def test_na_button_target_of_the_school_and_period(window, qtbot, prompts) -> None:
    aid = _assessment(window, ("幼儿园",))
    prompts.script("ask_text", "本园未开展此项", "本园无校车")  # each 不适用 asks its reason
    page = open_walkthrough(window, aid)
    assert PERIOD in page.subtitle.text() and "自查时段" in page.subtitle.text()

    select(page, "D1")
    editor = page.detail.answer
    target = page.detail.findChild(QLabel, "targetLabel")
    assert target is not None and target.text() == "达标要求：≥ 4 次"  # the kindergarten's
    na = editor.buttons[NA]
    assert na.isVisible() and na.text() == "不适用"
    qtbot.waitUntil(lambda: na.height() > 0)  # laid out: a click lands on it
    qtbot.mouseClick(na, Qt.MouseButton.LeftButton)
    assert stored(window, aid, "D1").value == NA and na.isChecked()
    # Typing a number replaces 不适用.
    assert editor.line is not None
    editor.line.setFocus()
    qtbot.keyClicks(editor.line, "5")
    qtbot.keyClick(editor.line, Qt.Key.Key_Return)
    assert stored(window, aid, "D1").value == 5.0 and not na.isChecked()
    assert page.session.result("D1").outcome.value == "met"

    select(page, "Y")
    na = page.detail.answer.buttons[NA]
    qtbot.waitUntil(lambda: na.height() > 0)
    qtbot.mouseClick(na, Qt.MouseButton.LeftButton)
    assert stored(window, aid, "Y").value == NA
    assert page.session.result("Y").outcome.value == "na"

    select(page, "P")  # no allow_na: only 是 and 否
    assert NA not in page.detail.answer.buttons


def test_a_primary_school_sees_its_own_target(window, qtbot) -> None:
    page = open_walkthrough(window, _assessment(window, ("九年一贯制",)))
    select(page, "D1")
    target = page.detail.findChild(QLabel, "targetLabel")
    assert target is not None and target.text() == "达标要求：≥ 10 次"
