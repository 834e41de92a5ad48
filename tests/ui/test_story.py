"""One week of a school's safety office, start to finish, as the person at the keyboard does it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from tests.helpers.pdfcheck import Pdf
from tests.helpers.window import add_school, listed, sample_template, select, stored, type_text
from wjself.ui.main_window import MainWindow
from wjself.ui.preferences import Preferences

pytestmark = pytest.mark.gui


def test_from_new_assessment_to_the_signed_pdf(
    window, qtbot, context, prompts, tmp_path: Path
) -> None:
    ws = window.workspace
    add_school(ws)  # what the first-start wizard does
    ws.templates.install(sample_template())  # a checklist the bureau sent

    # Monday: a new self-assessment from the home page.
    home = window.pages["home"]
    home.activate()
    qtbot.keyClick(home, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    home.dialog.period.setCurrentText("2024")
    home.dialog.check("wj-sample")
    qtbot.mouseClick(home.dialog.create_button, Qt.MouseButton.LeftButton)
    page = window.pages["walkthrough"]
    assert window.current_page() is page
    aid = page.session.assessment_id

    # Answering with the keyboard: 1–4 in the list, F3 to the next unanswered item.
    qtbot.keyClick(page.items, Qt.Key.Key_1)
    qtbot.keyClick(page.items, Qt.Key.Key_F3)
    qtbot.keyClick(page.items, Qt.Key.Key_Return)
    qtbot.keyClicks(page.detail.answer.line, "2")
    qtbot.keyClick(page.detail.answer.line, Qt.Key.Key_Return)
    qtbot.keyClick(page.detail, Qt.Key.Key_Escape)
    qtbot.keyClick(page.items, Qt.Key.Key_F3)
    assert page.current_item().code == "A04"
    qtbot.keyClick(page.items, Qt.Key.Key_3)  # 不符合: the follow-up question appears
    assert "A05" in listed(page)
    form = page.detail.rectification
    type_text(form.measure, "危化品柜加装双锁，台账每周核对")
    type_text(form.owner, "总务处 王建国")
    form.owner.editingFinished.emit()
    qtbot.keyClicks(form.due.line, "2024-09-30")
    qtbot.keyClick(form.due.line, Qt.Key.Key_Return)
    qtbot.keyClick(page.items, Qt.Key.Key_Down)
    assert page.current_item().code == "A05"
    qtbot.keyClick(page.items, Qt.Key.Key_Return)
    assert page.detail.answer.text_edit.hasFocus()
    type_text(page.detail.answer.text_edit, "台账缺 3 月记录")
    qtbot.keyClick(page.detail.answer.text_edit, Qt.Key.Key_Escape)  # leaving the field stores it
    assert page.items.hasFocus()
    assert stored(window, aid, "A05").value == "台账缺 3 月记录"
    # … and with the mouse: the second section, an item, an option.
    second = page.sections.visualRect(page.section_model.index(2))
    qtbot.mouseClick(page.sections.viewport(), Qt.MouseButton.LeftButton, pos=second.center())
    assert page.current_item().code == "B01"
    select(page, "B03")
    option = page.detail.answer.buttons["full"]
    qtbot.mouseClick(option, Qt.MouseButton.LeftButton, pos=QPoint(12, option.height() // 2))
    assert stored(window, aid, "B03").value == "full"

    # Interrupted: a note half typed when the window is closed.
    page.jump_to("A04")
    page.focus_note()
    type_text(page.detail.note, "危化品台账账物不符")
    window.close()

    # Tuesday: the window opens where she left off, the note whole.
    window = MainWindow(context, prompts, Preferences(context.paths.root))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.current_page() is window.pages["walkthrough"])
    page = window.pages["walkthrough"]
    assert page.current_item().code == "A04"
    assert page.detail.note.toPlainText() == "危化品台账账物不符"

    # 完成自评: a required item is missing; its link leads to it.
    dialog = page.finish()
    assert [p.field for p in dialog.missing] == ["B01"]
    dialog.problems.itemClicked.emit(dialog.problems.item(0))
    assert page.current_item().code == "B01"
    qtbot.keyClick(page.items, Qt.Key.Key_Return)
    qtbot.keyClicks(page.detail.answer.line, "100")
    qtbot.keyClick(page.detail.answer.line, Qt.Key.Key_Return)

    dialog = page.finish()
    assert not dialog.missing
    type_text(dialog.filled_by, "李娟")
    dialog.finalize_button.click()
    assert page.session.finalized and page.banner.isVisible()

    # The PDF for the principal to sign.
    target = tmp_path / "自查报告.pdf"
    prompts.script("save_file", target)
    qtbot.keyClick(page.items, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    page.dialog.export_button.click()
    qtbot.waitUntil(lambda: page.dialog.target is not None, timeout=20000)
    text = Pdf(target).squashed
    for expected in (
        "危化品台账账物不符",
        "危化品柜加装双锁，台账每周核对",
        "总务处王建国",
        "台账缺3月记录",
        "李娟",
        "王校长",
    ):
        assert expected in text, expected
