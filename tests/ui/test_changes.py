"""Pages learn of changes when they happen: the first minute of a new user (issue #14)."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from tests.helpers.keyboard import type_text
from tests.helpers.window import add_school, sample_assessment
from wjself.ui.home import HomePage
from wjself.ui.new_assessment import NewAssessmentDialog
from wjself.ui.wizard import SchoolWizard, first_start

pytestmark = pytest.mark.gui


def home_of(window) -> HomePage:
    page = window.pages["home"]
    assert isinstance(page, HomePage)
    return page


def closed(wizard) -> bool:
    return not shiboken6.isValid(wizard) or not wizard.isVisible()


def fill_and_finish(qtbot, wizard: SchoolWizard) -> None:
    """Name, code and stage by keyboard, then Finish (Next/Finish with Enter)."""
    if wizard.welcome is not None:
        qtbot.keyClick(wizard, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.identity)
    type_text(wizard.identity.name_edit, "常州市武进区湖塘实验小学")
    qtbot.keyClicks(wizard.identity.code_edit, "3204123456")
    wizard.identity.stage_boxes["小学"].setChecked(True)
    while wizard.currentPage() is not wizard.facts:
        wizard.button(QWizard.WizardButton.NextButton).click()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: closed(wizard))


def test_after_the_wizard_the_home_page_shows_the_school_and_ctrl_n_works(window, qtbot) -> None:
    home = home_of(window)
    assert window.current_page() is home
    assert "还没有登记学校" in home.empty.text()
    wizard = first_start(window)
    assert wizard is not None
    fill_and_finish(qtbot, wizard)

    # Without leaving the page: the school is shown and 新建自评… works, by button and by key.
    assert window.current_page() is home
    assert "湖塘实验小学" in home.school_label.text()
    assert "新建自评" in home.empty.text() and not home.register_button.isVisible()
    assert home.new_action.isEnabled() and home.new_button.isEnabled()
    qtbot.mouseClick(home.new_button, Qt.MouseButton.LeftButton)
    clicked = home.dialog
    assert isinstance(clicked, NewAssessmentDialog) and clicked.isVisible()
    clicked.reject()
    qtbot.waitUntil(lambda: closed(clicked))
    qtbot.keyClick(home, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = home.dialog
    assert isinstance(dialog, NewAssessmentDialog) and dialog.isVisible()
    dialog.check("wj2024-safety")
    dialog.create_button.click()
    qtbot.waitUntil(lambda: window.current_page() is window.pages["walkthrough"])


def test_cancelling_the_wizard_leaves_a_visible_way_to_register(window, qtbot) -> None:
    home = home_of(window)
    wizard = first_start(window)
    assert wizard is not None
    wizard.reject()
    qtbot.waitUntil(lambda: closed(wizard))
    assert home.stack.currentWidget() is home.empty_state
    assert home.register_button.isVisible() and home.register_button.text() == "登记学校…"
    # 新建自评… cannot run yet: it looks disabled (not the primary blue) and says why.
    assert not home.new_button.isEnabled() and ":disabled" in home.new_button.styleSheet()
    assert "登记学校" in home.new_button.toolTip()

    home.register_button.click()
    again = home.dialog
    assert isinstance(again, SchoolWizard) and again.isVisible()
    assert again.welcome is not None  # still the first start
    fill_and_finish(qtbot, again)
    assert "湖塘实验小学" in home.school_label.text() and home.new_button.isEnabled()


def test_the_created_banner_goes_with_the_next_action_or_page(window, qtbot) -> None:
    add_school(window.workspace)
    home = home_of(window)
    window.show_page("home")
    home.new_assessment()
    dialog = home.dialog
    assert isinstance(dialog, NewAssessmentDialog)
    dialog.check("wj2024-safety")
    dialog.check("wj2024-lab")
    dialog.create_button.click()
    qtbot.waitUntil(home.notice.isVisible)
    assert "已新建 2 份自评" in home.notice.text.text()
    home.status_filter.setCurrentIndex(1)  # the next action
    assert not home.notice.isVisible()

    home.new_assessment()
    dialog = home.dialog
    assert isinstance(dialog, NewAssessmentDialog)
    dialog.period.setCurrentText("2023")
    dialog.check("wj2024-safety")
    dialog.check("wj2024-lab")
    dialog.create_button.click()
    qtbot.waitUntil(home.notice.isVisible)
    window.show_page("templates")  # another page
    window.show_page("home")
    assert not home.notice.isVisible()


def test_answers_and_sign_off_in_the_walkthrough_show_on_the_home_page_at_once(
    window, qtbot
) -> None:
    aid = sample_assessment(window)
    home = home_of(window)
    window.show_page("home")
    (row,) = home.records()
    assert row.answered == 0
    # The walkthrough's session stores while the home page is on screen (a second view of it).
    session = window.pages["walkthrough"].session
    session.load(aid)
    session.set_value("A01", "符合")
    (row,) = home.records()
    assert row.answered == 1
    for code, value in (("A02", "3"), ("A04", "符合"), ("B01", "100")):
        session.set_value(code, value)
    session.finalize("李娟", "王校长")
    (row,) = home.records()
    assert row.status.value == "finalized"


def test_deleting_announces_and_the_walkthrough_closes_it(window, prompts) -> None:
    aid = sample_assessment(window)
    walkthrough = window.pages["walkthrough"]
    assert window.open_assessment(aid) and walkthrough.session.is_open
    window.changes.assessment_deleted.emit(aid)
    assert not walkthrough.session.is_open
