"""The school wizard: first start on an empty data folder, editing a school, refusals."""

from __future__ import annotations

import contextlib
import sqlite3

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from tests.helpers.keyboard import type_text
from tests.store.conftest import primary_school
from tests.ui.test_rough_edges import leave
from wjself import resources
from wjself.ui.wizard import first_start

pytestmark = pytest.mark.gui


def closed(wizard) -> bool:
    """Closed (the wizard deletes itself once closed, so it may be gone already)."""
    return not shiboken6.isValid(wizard) or not wizard.isVisible()


def press(qtbot, widget, key=Qt.Key.Key_Return) -> None:
    qtbot.keyClick(widget, key)


def test_first_start_registers_the_school_filled_by_keyboard(window, qtbot) -> None:
    ws = window.workspace
    assert ws.schools.list() == []
    wizard = first_start(window)
    assert wizard is not None
    qtbot.waitExposed(wizard)
    bundled = len(resources.bundled_templates())
    assert f"共 {bundled} 份" in wizard.welcome.installed_label.text()
    assert wizard.welcome.templates_list.count() == bundled

    press(qtbot, wizard)  # Next
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.identity)
    identity = wizard.identity
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    type_text(identity.name_edit, "常州市武进区湖塘实验小学")
    qtbot.keyClicks(identity.code_edit, "320412345")
    assert "10 位" in identity.code_note.text() and "gray" in identity.code_note.styleSheet()
    leave(identity.code_edit)  # leaving the field: now the problem is said
    assert "应为 10 位数字" in identity.code_note.text()
    qtbot.keyClick(identity.stage_boxes["小学"], Qt.Key.Key_Space)
    assert identity.stage_boxes["小学"].isChecked()
    assert not next_button.isEnabled()  # the code is one digit short
    qtbot.keyClicks(identity.code_edit, "6")
    assert "格式正确" in identity.code_note.text() and next_button.isEnabled()

    press(qtbot, identity.code_edit)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.contact)
    type_text(wizard.contact.township_edit, "湖塘镇")
    type_text(wizard.contact.principal_edit, "张明")
    qtbot.keyClicks(wizard.contact.phone_edit, "0519-86301234")
    press(qtbot, wizard.contact.phone_edit)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.facts)
    assert "哪些检查项适用" in wizard.facts.subTitle()
    qtbot.keyClick(wizard.facts.fact_boxes["has_canteen"], Qt.Key.Key_Space)
    # The facts of the 2024.2 checklists are asked too.
    assert "校外供餐" in wizard.facts.fact_boxes["outsourced_meals"].text()
    assert "独立党组织" in wizard.facts.fact_boxes["party_org"].text()
    qtbot.keyClick(wizard.facts.fact_boxes["party_org"], Qt.Key.Key_Space)
    press(qtbot, wizard.facts.fact_boxes["has_canteen"])  # Finish

    qtbot.waitUntil(lambda: closed(wizard))
    (school,) = ws.schools.list()
    assert (school.name, school.code, school.stages) == (
        "常州市武进区湖塘实验小学",
        "3204123456",
        ("小学",),
    )
    assert (school.township, school.principal, school.phone) == ("湖塘镇", "张明", "0519-86301234")
    assert dict(school.facts) == {
        "has_canteen": True,
        "has_labs": False,
        "boarding": False,
        "school_bus": False,
        "outsourced_meals": False,
        "party_org": True,
    }
    assert "所有修改已保存" in window.save_label.text()
    assert first_start(window) is None  # a school exists: no wizard next time


def test_a_code_used_by_another_school_is_caught_while_typing(window, qtbot) -> None:
    window.workspace.schools.add(primary_school(name="武进区第一小学", code="3204120001"))
    page = window.show_page("settings")
    wizard = page.add_school()
    qtbot.waitExposed(wizard)
    assert wizard.welcome is None  # not the first start: straight to the school
    qtbot.keyClicks(wizard.identity.code_edit, "3204120001")
    assert "武进区第一小学" in wizard.identity.code_note.text()
    assert not wizard.identity.isComplete()
    wizard.reject()


def test_editing_a_school_through_settings(window, qtbot) -> None:
    ws = window.workspace
    school = ws.schools.add(primary_school())
    page = window.show_page("settings")
    wizard = page.edit_school()
    assert wizard is not None
    qtbot.waitExposed(wizard)
    assert wizard.identity.name_edit.text() == school.name
    assert wizard.identity.code_note.text().startswith("✓")  # its own code is not "used by another"
    assert wizard.facts.fact_boxes["has_canteen"].isChecked()
    wizard.contact.township_edit.setText("牛塘镇")
    wizard.facts.fact_boxes["boarding"].setChecked(True)
    wizard.facts.fact_boxes["outsourced_meals"].setChecked(True)
    wizard.accept()
    stored = ws.schools.get(school.id)
    assert stored.township == "牛塘镇" and stored.fact("boarding")
    assert stored.fact("outsourced_meals") and not stored.fact("party_org")
    assert closed(wizard)
    assert page.schools_model.record(0).township == "牛塘镇"
    with contextlib.closing(sqlite3.connect(window.context.paths.database)) as db:
        rows = db.execute(
            "SELECT old, new FROM audit_log WHERE action = 'school.update'"
        ).fetchall()
    assert len(rows) == 1 and "湖塘镇" in rows[0][0] and "牛塘镇" in rows[0][1]


def test_a_refused_profile_keeps_the_wizard_open(window, qtbot, prompts) -> None:
    wizard = first_start(window)
    assert wizard is not None
    qtbot.waitExposed(wizard)
    wizard.next()
    wizard.identity.name_edit.setText("很长的校名" * 30)  # over the store's 100 characters
    wizard.identity.code_edit.setText("3204123456")
    wizard.identity.stage_boxes["初中"].setChecked(True)
    wizard.accept()
    assert "学校名称过长" in prompts.messages("warn")[-1]
    assert wizard.isVisible()
    assert window.workspace.schools.list() == []
    wizard.reject()
