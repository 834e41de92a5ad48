"""The window: the 自查报告 dialog from the walkthrough's header (autosaved, read-only once
finalized), the reason asked when 不适用 is chosen, and the finish page's counts and warning."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit

from tests.helpers.keyboard import type_text
from tests.helpers.window import open_walkthrough, sample_assessment, select, stored
from tests.ui.test_finish_export import answer_required
from wjself.core.narrative import MAX_PART, Narrative
from wjself.core.values import NA, NOT_MET
from wjself.ui.narrative_panel import NarrativeDialog

pytestmark = pytest.mark.gui


def _open(page) -> NarrativeDialog:
    page.header.narrative_button.click()
    dialog = page.narrative.dialog
    assert isinstance(dialog, NarrativeDialog) and dialog.isVisible()
    return dialog


def test_the_report_is_written_in_the_window_and_saved_as_typed(window, qtbot) -> None:
    aid = sample_assessment(window)
    page = open_walkthrough(window, aid)
    assert page.header.narrative_button.isVisible()
    dialog = _open(page)
    boxes = dialog.findChildren(QPlainTextEdit)
    assert len(boxes) == 4 and all(not b.isReadOnly() for b in boxes)
    type_text(dialog.boxes["基本情况"], "本校有 24 个班")
    # saved after a pause in typing, without closing
    qtbot.waitUntil(
        lambda: window.workspace.assessments.narrative(aid).get("基本情况") == "本校有 24 个班",
        timeout=3000,
    )
    dialog.boxes["存在问题"].setPlainText("台账不全")
    dialog.reject()  # closing stores what is pending at once
    assert window.workspace.assessments.narrative(aid) == Narrative.of(
        {"基本情况": "本校有 24 个班", "存在问题": "台账不全"}
    )
    again = _open(page)
    assert again.boxes["存在问题"].toPlainText() == "台账不全"
    again.reject()


def test_a_part_too_long_is_refused_under_the_boxes_and_kept(window, qtbot) -> None:
    aid = sample_assessment(window)
    page = open_walkthrough(window, aid)
    dialog = _open(page)
    dialog.boxes["主要做法与成效"].setPlainText("长" * (MAX_PART + 1))
    dialog.flush()
    assert "过长" in dialog.error.text() and dialog.error.isVisible()
    assert window.workspace.assessments.narrative(aid).empty
    dialog.boxes["主要做法与成效"].setPlainText("一是健全制度")
    dialog.flush()
    assert not dialog.error.isVisible()
    assert window.workspace.assessments.narrative(aid).get("主要做法与成效") == "一是健全制度"
    dialog.reject()


def test_a_finalized_report_is_read_only(window, qtbot) -> None:
    aid = sample_assessment(window)
    answer_required(window, aid)
    window.workspace.assessments.set_narrative(aid, Narrative.of({"基本情况": "已写"}))
    window.workspace.assessments.finalize(aid, "李娟", "王校长")
    page = open_walkthrough(window, aid)
    dialog = _open(page)
    assert all(box.isReadOnly() for box in dialog.boxes.values())
    assert dialog.boxes["基本情况"].toPlainText() == "已写"
    assert "只读" in dialog.explain.text()
    dialog.reject()


def test_choosing_na_asks_for_the_reason_and_keeps_it_as_the_note(window, qtbot, prompts) -> None:
    aid = sample_assessment(window)
    page = open_walkthrough(window, aid)
    select(page, "A01")
    prompts.script("ask_text", None)  # cancelled: nothing stored, the editor shows the answer
    qtbot.keyClick(page.items, Qt.Key.Key_4)
    assert stored(window, aid, "A01").value is None
    assert not page.detail.answer.buttons[NA].isChecked()
    prompts.script("ask_text", "  ", "本校区尚未启用")  # a blank reason is asked again
    qtbot.keyClick(page.items, Qt.Key.Key_4)
    answer = stored(window, aid, "A01")
    assert (answer.value, answer.note) == (NA, "本校区尚未启用")
    assert page.detail.note.toPlainText() == "本校区尚未启用"
    asked = [a for a in prompts.asked if a[0] == "ask_text"]
    assert len(asked) == 3 and "A01" in asked[0][2]
    # a note already there is the reason: no question
    select(page, "A04")
    qtbot.keyClick(page.items, Qt.Key.Key_3)
    assert stored(window, aid, "A04").value == NOT_MET
    page.detail.note.setPlainText("危化品已全部移交")
    page.detail.flush_note()
    qtbot.keyClick(page.items, Qt.Key.Key_4)
    assert stored(window, aid, "A04").value == NA
    assert len([a for a in prompts.asked if a[0] == "ask_text"]) == 3


def test_the_finish_page_counts_both_kinds_and_warns_of_an_unwritten_report(
    window, qtbot, prompts
) -> None:
    aid = sample_assessment(window)
    answer_required(window, aid)
    window.workspace.answers.set(aid, "A01", "不适用", note="本校区尚未启用")
    page = open_walkthrough(window, aid)
    dialog = page.finish()
    counts = dialog.counts.text()
    assert "不适用于本校 1 项（按学校情况）" in counts and "学校填报不适用 1 项" in counts
    assert dialog.narrative_warning.isVisible()
    assert "基本情况" in dialog.narrative_warning.text()
    assert dialog.finalize_button.isVisible()  # allowed all the same
    dialog.reject()
    window.workspace.assessments.set_narrative(aid, Narrative(("情况", "做法", "问题", "措施")))
    page.session.reload()
    again = page.finish()
    assert not again.narrative_warning.isVisible()
    again.reject()


def test_typing_is_stored_when_the_window_closes(window, qtbot) -> None:
    aid = sample_assessment(window)
    page = open_walkthrough(window, aid)
    dialog = _open(page)
    dialog.boxes["存在问题"].setPlainText("消防通道堵塞")  # not stored yet: waits for a pause
    assert window.workspace.assessments.narrative(aid).empty
    window.closing.emit()
    assert window.workspace.assessments.narrative(aid).get("存在问题") == "消防通道堵塞"
    dialog.reject()
