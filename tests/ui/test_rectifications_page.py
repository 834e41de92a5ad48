"""The Rectifications page: every entry of the school, overdue first; plan saved as edited; done, verified."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt

from tests.helpers.keyboard import type_text
from tests.store.conftest import primary_school
from wjself.core.assessment import RectStatus
from wjself.ui.rectification_rows import OVERDUE_BACKGROUND

pytestmark = pytest.mark.gui

TODAY = dt.date.today()


@pytest.fixture
def entries(window, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """A school with two assessments and three 不符合 items; returns rectification ids by code."""
    monkeypatch.setenv("WJSELF_USER", "安全办 陈老师")
    ws = window.workspace
    school = ws.schools.add(primary_school())
    safety = ws.assessments.new(school.id, "wj2024-safety", None, "2024")
    canteen = ws.assessments.new(school.id, "wj2024-canteen", None, "2024")
    ws.answers.set(safety, "AQ3.01", "不符合", note="危化品柜只有一把锁")
    ws.answers.set(safety, "AQ4.04", "不符合")
    ws.answers.set(canteen, "ST1.01", "不符合")
    rects = {r.code: r for a in (safety, canteen) for r in ws.assessments.view(a).rectifications}
    ws.rectifications.save(
        dataclasses.replace(
            rects["AQ4.04"], measure="排定护学岗轮值表", due=TODAY - dt.timedelta(days=3)
        )
    )
    ws.rectifications.save(dataclasses.replace(rects["AQ3.01"], due=TODAY + dt.timedelta(days=30)))
    return {code: r.id for code, r in rects.items()}


def shown(page) -> list[tuple[str, str]]:
    return [(page.model.index(r, 0).data(), page.model.index(r, 1).data()) for r in range(page.model.rowCount())]  # fmt: skip


def test_overdue_first_and_highlighted(window, entries) -> None:
    page = window.show_page("rectifications")
    assert shown(page) == [("已逾期", "AQ4.04"), ("整改中", "AQ3.01"), ("整改中", "ST1.01")]
    overdue = page.model.index(0, 2).data(Qt.ItemDataRole.BackgroundRole)
    assert overdue is not None and overdue.color() == OVERDUE_BACKGROUND
    assert page.model.index(1, 2).data(Qt.ItemDataRole.BackgroundRole) is None
    assert page.model.index(0, 7).data() == "《校园安全自查表》2024"
    assert page.model.index(2, 7).data() == "《食堂管理与学生用餐自查表》2024"
    assert page.model.index(1, 2).data(Qt.ItemDataRole.ToolTipRole).endswith("危化品柜只有一把锁")
    # 存在问题 is the note alone; the requirement is shown beside it (muted when no note).
    assert page.model.index(1, 2).data() == "危化品柜只有一把锁"
    requirement = window.workspace.templates.get("wj2024-safety").item("AQ4.04")
    assert page.model.index(0, 2).data() == requirement.text.splitlines()[0]
    assert page.model.index(0, 2).data(Qt.ItemDataRole.ForegroundRole) is not None
    page.table.selectRow(0)
    assert page.item_text.isVisible() and requirement.text in page.item_text.text()
    assert page.counts.text() == "共 3 条：逾期 1，整改中 3，已整改 0，已验收 0"
    assert not page.school_box.isVisible()  # one school: nothing to choose


def test_mark_done_then_verified_reaches_the_store(window, qtbot, entries) -> None:
    ws = window.workspace
    page = window.show_page("rectifications")
    rect_id = entries["AQ3.01"]
    page.select(rect_id)
    assert page.current() is not None and page.current().id == rect_id
    assert page.progress.currentIndex() == 0
    done_on = TODAY - dt.timedelta(days=2)
    page.done_date.setDate(QDate(done_on.year, done_on.month, done_on.day))
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    stored = ws.rectifications.get(rect_id)
    assert (stored.status, stored.done_on) == (RectStatus.DONE, done_on)
    assert page.progress.currentIndex() == 1 and done_on.isoformat() in page.done_label.text()

    assert not page.verify_button.isEnabled()  # a verifier's name is needed first
    type_text(page.verifier_edit, "张校长")
    assert page.verify_button.isEnabled()
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    stored = ws.rectifications.get(rect_id)
    assert (stored.status, stored.verified_by, stored.verified_on) == (
        RectStatus.VERIFIED,
        "张校长",
        TODAY,
    )
    assert page.progress.currentIndex() == 2
    row = next(n for n, r in enumerate(page.model.records()) if r.rect.id == rect_id)
    assert page.model.index(row, 0).data() == "已验收"
    assert page.model.index(row, 6).data() == f"{TODAY.isoformat()} 由 张校长 验收"

    history = [e for e in ws.assessments.history(stored.assessment_id) if e.code == "AQ3.01"]
    updates = [e for e in history if e.action == "rectification.update"]
    assert updates[-2].new.startswith("状态：已整改") and updates[-1].new.startswith("状态：已验收")
    assert {e.who for e in updates} == {"安全办 陈老师"}

    page.filter_box.setCurrentIndex(page.filter_box.findData("verified"))
    assert shown(page) == [("已验收", "AQ3.01")]
    page.filter_box.setCurrentIndex(page.filter_box.findData("overdue"))
    assert shown(page) == [("已逾期", "AQ4.04")]


def test_the_plan_is_saved_as_it_is_edited(window, qtbot, entries) -> None:
    ws = window.workspace
    page = window.show_page("rectifications")
    page.select(entries["ST1.01"])
    type_text(page.owner_edit, "总务处 王强")
    qtbot.keyClick(page.owner_edit, Qt.Key.Key_Return)
    assert ws.rectifications.get(entries["ST1.01"]).owner == "总务处 王强"
    assert "所有修改已保存" in window.save_label.text()
    page.measure_edit.setPlainText("成立食堂管理小组，每月例会")
    page.select(entries["AQ3.01"])  # moving to another entry stores what was typed
    assert ws.rectifications.get(entries["ST1.01"]).measure == "成立食堂管理小组，每月例会"
    assert page.current() is not None and page.current().id == entries["AQ3.01"]


def test_what_is_typed_is_stored_when_the_window_closes(window, entries) -> None:
    page = window.show_page("rectifications")
    page.select(entries["AQ3.01"])
    page.measure_edit.setPlainText("加装第二把锁")
    window.close()
    assert window.workspace.rectifications.get(entries["AQ3.01"]).measure == "加装第二把锁"


def test_a_refused_edit_keeps_the_entry_and_says_why(window, qtbot, prompts, entries) -> None:
    page = window.show_page("rectifications")
    page.select(entries["ST1.01"])
    page.owner_edit.setText("很长的名字" * 30)
    other = next(n for n, r in enumerate(page.model.records()) if r.rect.code == "AQ3.01")
    cell = page.table.visualRect(page.model.index(other, 1)).center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert "责任人过长" in prompts.messages("warn")[-1]
    assert page.current() is not None and page.current().id == entries["ST1.01"]

    def selected() -> list[str]:
        rows = page.table.selectionModel().selectedRows()
        return [page.model.record(i.row()).rect.code for i in rows]

    qtbot.waitUntil(lambda: selected() == ["ST1.01"])
    assert page.owner_edit.text() == "很长的名字" * 30  # what was typed is still there to fix
    assert window.workspace.rectifications.get(entries["ST1.01"]).owner == ""


def test_no_entries_says_where_they_come_from(window) -> None:
    window.workspace.schools.add(primary_school())
    page = window.show_page("rectifications")
    assert page.list_stack.currentWidget() is page.empty
    assert "不符合" in page.empty.text()
    assert not page.editor.isEnabled()
