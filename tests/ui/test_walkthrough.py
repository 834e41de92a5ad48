"""The walkthrough as a school administrator uses it: keys and mouse, notes that survive closing,
show-if, not-applicable items, inline messages, evidence, rectifications, read-only drafts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QImage
from sqlalchemy import update

from tests.helpers.window import (
    listed,
    open_walkthrough,
    sample_assessment,
    select,
    stored,
    type_text,
)
from wjself.core.values import MET, NA, NOT_MET, PARTIAL
from wjself.store.models import AnswerRecord
from wjself.ui.main_window import MainWindow
from wjself.ui.preferences import Preferences
from wjself.ui.walkthrough_models import Filter

pytestmark = pytest.mark.gui


def test_keys_answer_the_focused_item_and_move(window, qtbot, prompts) -> None:
    aid = sample_assessment(window)
    page = open_walkthrough(window, aid)
    prompts.script("ask_text", "本校无危化品")  # 不适用 asks for its reason
    assert page.current_item().code == "A01"
    assert all(b.isVisible() for b in page.detail.answer.buttons.values())
    for key, expected in (
        (Qt.Key.Key_1, MET),
        (Qt.Key.Key_2, PARTIAL),
        (Qt.Key.Key_3, NOT_MET),
        (Qt.Key.Key_4, NA),
    ):
        qtbot.keyClick(page.items, key)
        assert stored(window, aid, "A01").value == expected
        assert page.detail.answer.buttons[expected].isChecked()
    qtbot.keyClick(page.items, Qt.Key.Key_1)
    qtbot.keyClick(page.items, Qt.Key.Key_Down)
    assert page.current_item().code == "A02"
    qtbot.keyClick(page.items, Qt.Key.Key_1)  # a number item: digit keys do not answer it
    assert stored(window, aid, "A02").value is None
    # The saved indicator says it was stored.
    assert "已保存" in window.save_label.text()


def test_next_unanswered_key_crosses_sections_and_says_when_done(window, qtbot) -> None:
    aid = sample_assessment(window)
    page = open_walkthrough(window, aid)
    qtbot.keyClick(page.items, Qt.Key.Key_1)  # A01 符合
    qtbot.keyClick(page.items, Qt.Key.Key_F3)
    assert page.current_item().code == "A02"
    qtbot.keyClick(page.items, Qt.Key.Key_F3)
    # A03 does not apply (no school bus), A04 is next; A05 is hidden until A04 is 不符合.
    assert page.current_item().code == "A04"
    qtbot.keyClick(page.items, Qt.Key.Key_F3)
    assert page.current_item().code == "B01"  # the next section
    assert page.sections.currentIndex().row() in (0, 2)
    qtbot.keyClick(page.items, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert page.current_item().code == "A04"


def test_every_item_answered_by_keyboard_and_mouse(window, qtbot, prompts) -> None:
    aid = sample_assessment(window)
    page = open_walkthrough(window, aid)
    qtbot.keyClick(page.items, Qt.Key.Key_1)  # A01
    qtbot.keyClick(page.items, Qt.Key.Key_F3)  # A02: number of drills, unit 次, target ≥ 2
    assert "≥ 2" in page.detail.findChild(type(page.detail.meta), "targetLabel").text()
    qtbot.keyClick(page.items, Qt.Key.Key_Return)
    line = page.detail.answer.line
    assert line is not None and line.hasFocus()
    qtbot.keyClicks(line, "3")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert stored(window, aid, "A02").value == 3.0
    qtbot.keyClick(page.detail, Qt.Key.Key_Escape)
    assert page.items.hasFocus()

    select(page, "A04")
    qtbot.mouseClick(page.detail.answer.buttons[MET], Qt.MouseButton.LeftButton)
    assert stored(window, aid, "A04").value == MET

    page.step_section(1)  # section B
    assert page.current_item().code == "B01"
    page.detail.answer.focus_editor()
    qtbot.keyClicks(page.detail.answer.line, "100")
    page.detail.answer.flush()
    assert stored(window, aid, "B01").value == 100.0

    select(page, "B02")  # multiple choice
    page.detail.answer.checks["offline"].click()
    page.detail.answer.checks["visit"].click()
    assert stored(window, aid, "B02").value == ["offline", "visit"]
    page.detail.answer.checks["offline"].click()
    assert stored(window, aid, "B02").value == ["visit"]

    select(page, "B03")  # single choice: digit keys choose the option
    page.focus_items()
    qtbot.keyClick(page.items, Qt.Key.Key_2)
    assert stored(window, aid, "B03").value == "part"
    assert page.detail.answer.buttons["part"].isChecked()

    select(page, "B04")  # a date, typed as people write it
    qtbot.keyClicks(page.detail.answer.date.line, "2024/3/5")
    qtbot.keyClick(page.detail.answer.date.line, Qt.Key.Key_Return)
    assert stored(window, aid, "B04").value == "2024-03-05"
    assert page.detail.answer.date.text() == "2024-03-05"

    assert page.progress.value() == page.progress.maximum() == 7
    assert page.score_label.text().startswith("得分 ")
    assert page.next_unanswered() is None
    assert "都已作答" in page.notice.text.text()


def test_bad_value_shows_the_service_message_inline(window, qtbot, prompts) -> None:
    aid = sample_assessment(window)
    page = open_walkthrough(window, aid)
    page.step_section(1)
    assert page.current_item().code == "B01"  # a percentage
    line = page.detail.answer.line
    qtbot.keyClicks(line, "120")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert page.detail.answer_error.isVisible()
    assert "百分比应在 0 到 100 之间" in page.detail.answer_error.text()
    assert stored(window, aid, "B01").value is None
    assert not prompts.asked  # no dialog
    line.clear()
    qtbot.keyClicks(line, "95%")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert stored(window, aid, "B01").value == 95.0
    assert not page.detail.answer_error.isVisible()
    # 95 misses the target ≥ 100: the list says so, in words
    row = page.item_model.row_of("B01")
    assert row is not None
    assert page.item_model.index(row, 2).data() == "95% · 不符合"


def test_show_if_items_appear_and_disappear(window, qtbot) -> None:
    aid = sample_assessment(window)
    page = open_walkthrough(window, aid)
    page.step_section(1)
    page.step_section(-1)  # section A alone
    assert "A05" not in listed(page)
    select(page, "A04")
    qtbot.keyClick(page.items, Qt.Key.Key_3)  # 不符合: its follow-up question appears
    assert listed(page) == ["A01", "A02", "A03", "A04", "A05"]
    assert page.current_item().code == "A04"
    assert page.detail.rectification.isVisible()
    qtbot.keyClick(page.items, Qt.Key.Key_1)  # 符合: the follow-up goes again
    assert "A05" not in listed(page)
    assert page.current_item().code == "A04"
    assert not page.detail.rectification.isVisible()


def test_not_applicable_item_is_greyed_with_its_reason_and_cannot_be_answered(
    window, qtbot
) -> None:
    aid = sample_assessment(window)
    page = open_walkthrough(window, aid)
    select(page, "A03")
    row = page.item_model.row_of("A03")
    assert row is not None
    assert page.item_model.index(row, 2).data() == "不适用：仅适用于运营校车的学校"
    assert page.detail.notice.isVisible() and "无需填写" in page.detail.notice.text.text()
    assert not any(b.isEnabled() for b in page.detail.answer.buttons.values())
    page.focus_items()
    qtbot.keyClick(page.items, Qt.Key.Key_Y)
    assert stored(window, aid, "A03").value is None


def test_note_is_stored_while_typing(window, qtbot) -> None:
    aid = sample_assessment(window)
    page = open_walkthrough(window, aid)
    page.focus_note()
    type_text(page.detail.note, "演练记录缺照片")
    assert stored(window, aid, "A01").note == ""  # not on every keystroke …
    qtbot.waitUntil(lambda: stored(window, aid, "A01").note == "演练记录缺照片", timeout=3000)
    row = page.item_model.row_of("A01")
    assert row is not None
    assert page.item_model.index(row, 3).data() == "✎"  # … and the list shows the mark


def test_closing_the_window_mid_typing_keeps_every_keystroke(
    window, qtbot, context, prompts
) -> None:
    aid = sample_assessment(window)
    page = open_walkthrough(window, aid)
    select(page, "A04")
    page.focus_note()
    type_text(page.detail.note, "危化品台账")
    window.close()  # no pause: the note has not been stored by the debounce yet
    assert stored(window, aid, "A04").note == "危化品台账"

    again = MainWindow(context, prompts, Preferences(context.paths.root))
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.current_page() is again.pages["walkthrough"])
    reopened = again.pages["walkthrough"]
    assert reopened.session.assessment_id == aid  # the last assessment, at the last item
    assert reopened.current_item().code == "A04"
    assert reopened.detail.note.toPlainText() == "危化品台账"


def test_switching_items_stores_the_note_of_the_one_left(window, qtbot) -> None:
    aid = sample_assessment(window)
    page = open_walkthrough(window, aid)
    page.focus_note()
    type_text(page.detail.note, "制度未公示")
    page.focus_items()
    qtbot.keyClick(page.items, Qt.Key.Key_Down)
    assert stored(window, aid, "A01").note == "制度未公示"
    assert stored(window, aid, "A02").note == ""
    assert page.detail.note.toPlainText() == ""


def test_rectification_of_a_not_met_item(window, qtbot) -> None:
    aid = sample_assessment(window)
    page = open_walkthrough(window, aid)
    page.focus_note()
    type_text(page.detail.note, "未按每日要求开展")
    page.focus_items()
    qtbot.keyClick(page.items, Qt.Key.Key_3)
    form = page.detail.rectification
    assert form.isVisible()
    assert form.problem.toPlainText() == "未按每日要求开展"  # the note alone, not the item again
    row = page.item_model.row_of("A01")
    assert row is not None
    assert page.item_model.index(row, 5).data() == "⚑"
    type_text(form.measure, "建立每日安全提醒记录制度")
    type_text(form.owner, "安全办 陈晓东")
    form.owner.editingFinished.emit()
    qtbot.keyClicks(form.due.line, "2024-12-31")
    qtbot.keyClick(form.due.line, Qt.Key.Key_Return)
    rect = window.workspace.assessments.view(aid).rectification_for("A01")
    assert rect is not None
    assert (rect.measure, rect.owner, rect.due) == (
        "建立每日安全提醒记录制度",
        "安全办 陈晓东",
        dt.date(2024, 12, 31),
    )
    form.due.line.clear()
    type_text(form.due.line, "明年")
    qtbot.keyClick(form.due.line, Qt.Key.Key_Return)
    assert form.error.isVisible() and "不是有效日期" in form.error.text()


def test_filters_and_search(window, qtbot) -> None:
    aid = sample_assessment(window)
    page = open_walkthrough(window, aid)
    qtbot.keyClick(page.items, Qt.Key.Key_3)  # A01 不符合
    page.set_filter(Filter.UNANSWERED)
    assert listed(page) == ["A02", "A04"]  # in the first section
    page.sections.setCurrentIndex(page.section_model.index(0))  # 全部检查项
    page.set_filter(Filter.REQUIRED_MISSING)
    assert listed(page) == ["A02", "B01"]
    assert page._filter_button[Filter.REQUIRED_MISSING].text() == "必填未填 2"
    page.set_filter(Filter.NOT_MET)
    assert listed(page) == ["A01"]
    page.set_filter(Filter.UNANSWERED)
    assert listed(page) == ["A02", "A04", "B01", "B02", "B03", "B04"]
    qtbot.keyClick(page.items, Qt.Key.Key_F3)
    # Answering under 未填 does not make the row vanish under the cursor.
    select(page, "A04")
    qtbot.keyClick(page.items, Qt.Key.Key_1)
    assert "A04" in listed(page)
    page.set_filter(Filter.ALL)
    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    type_text(page.search, "心理")
    assert listed(page) == ["B01", "B03", "B04"]
    page.search.clear()
    assert len(listed(page)) == 8  # all but the hidden A05


def test_evidence_by_picker_drop_and_paste_then_open_and_remove(
    window, qtbot, prompts, tmp_path: Path
) -> None:
    aid = sample_assessment(window)
    page = open_walkthrough(window, aid)
    photo = tmp_path / "演练照片.png"
    Image.new("RGB", (64, 48), (200, 40, 40)).save(photo)
    record = tmp_path / "记录.txt"
    record.write_text("应急演练记录", "utf-8")

    prompts.script("open_files", [photo])
    page.detail.evidence.add_button.click()
    qtbot.waitUntil(lambda: page.detail.evidence.list.count() == 1)

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(record))])
    args = (
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # QDragEnterEvent takes a QPoint, QDropEvent a QPointF.
    enter = QDragEnterEvent(QPoint(10, 10), *args[1:])
    QGuiApplication.sendEvent(page.detail, enter)  # the pane takes files, so it becomes the target
    assert enter.isAccepted()
    QGuiApplication.sendEvent(page.detail, QDropEvent(*args))
    qtbot.waitUntil(lambda: page.detail.evidence.list.count() == 2)

    image = QImage(80, 60, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkGreen)
    QGuiApplication.clipboard().setImage(image)
    page.detail.evidence.paste_button.click()
    qtbot.waitUntil(lambda: page.detail.evidence.list.count() == 3)

    files = stored(window, aid, "A01").evidence
    assert [e.name for e in files][:2] == ["演练照片.png", "记录.txt"]
    assert files[2].name.startswith("粘贴的图片-") and files[2].media_type == "image/png"
    row = page.item_model.row_of("A01")
    assert row is not None
    assert page.item_model.index(row, 4).data() == "3"

    page.detail.evidence.list.setCurrentRow(1)
    page.detail.evidence.open_button.click()
    opened = [text for kind, text, _ in prompts.asked if kind == "open_path"]
    assert opened and opened[-1].endswith("记录.txt")
    assert Path(opened[-1]).read_text("utf-8") == "应急演练记录"

    prompts.script("confirm", True)
    page.detail.evidence.remove_button.click()
    assert [e.name for e in stored(window, aid, "A01").evidence] == ["演练照片.png", files[2].name]
    assert page.detail.evidence.list.count() == 2


def test_a_file_the_store_refuses_is_reported_under_the_list(
    window, qtbot, prompts, tmp_path: Path
) -> None:
    aid = sample_assessment(window)
    page = open_walkthrough(window, aid)
    fake = tmp_path / "照片.jpg"
    fake.write_text("这不是图片", "utf-8")
    prompts.script("open_files", [fake])
    page.detail.evidence.add_button.click()
    qtbot.waitUntil(page.detail.evidence.error.isVisible)
    assert "照片.jpg" in page.detail.evidence.error.text()
    assert stored(window, aid, "A01").evidence == ()


def test_items_to_reconfirm_and_set_aside_values_say_so(window, qtbot) -> None:
    aid = sample_assessment(window)
    window.workspace.answers.set(aid, "A01", "符合")
    window.workspace.answers.set(aid, "A02", "2")
    # What a template upgrade leaves behind (that feature comes later): written as it would be.
    with window.workspace._db.write() as s:
        s.execute(
            update(AnswerRecord).where(AnswerRecord.code == "A01").values(needs_reconfirm=True)
        )
        s.execute(
            update(AnswerRecord).where(AnswerRecord.code == "A02").values(set_aside="每学期两次")
        )
    page = open_walkthrough(window, aid)
    assert page.detail.notice.isVisible()
    assert "重新作答" in page.detail.notice.text.text()
    select(page, "A02")
    assert "每学期两次" in page.detail.notice.text.text()
    row = page.item_model.row_of("A01")
    assert row is not None
    assert page.item_model.index(row, 1).data(Qt.ItemDataRole.BackgroundRole) is not None


def test_finalized_assessment_is_read_only_and_reopen_asks_why(window, qtbot, prompts) -> None:
    aid = sample_assessment(window)
    ws = window.workspace
    for code, value in (("A01", "符合"), ("A02", "3"), ("A04", "符合"), ("B01", "100")):
        ws.answers.set(aid, code, value, note="已核实" if code == "A01" else None)
    ws.assessments.finalize(aid, "李老师", "王校长")
    page = open_walkthrough(window, aid)
    assert page.banner.isVisible()
    banner = page.banner.text.text()
    fingerprint = ws.assessments.view(aid).signoff.fingerprint
    assert "李老师" in banner and "王校长" in banner and fingerprint[:4] in banner
    assert not page.finish_button.isVisible()
    assert not any(b.isEnabled() for b in page.detail.answer.buttons.values())
    assert page.detail.note.isReadOnly()
    assert not page.detail.evidence.add_button.isVisible()
    qtbot.keyClick(page.items, Qt.Key.Key_3)
    assert stored(window, aid, "A01").value == MET
    assert "只读" in page.notice.text.text()

    reopen = page.banner.buttons()[0]
    prompts.script("ask_text", None)  # cancelled: nothing happens
    reopen.click()
    assert ws.assessments.view(aid).finalized
    prompts.script("ask_text", "  ")  # no reason: the service says one is needed
    reopen.click()
    assert ws.assessments.view(aid).finalized
    assert any("原因" in m for m in prompts.messages("warn"))
    prompts.script("ask_text", "督学要求补充佐证材料")
    page.banner.buttons()[0].click()
    assert not ws.assessments.view(aid).finalized
    assert any(
        "督学要求补充佐证材料" in e.new
        for e in ws.assessments.history(aid)
        if e.action == "assessment.reopen"
    )
    assert not page.banner.isVisible()
    assert page.current_item().code == "A01"  # still where the person was
    qtbot.keyClick(page.items, Qt.Key.Key_3)
    assert stored(window, aid, "A01").value == NOT_MET


def test_splitter_and_place_are_remembered(window, qtbot, context, prompts) -> None:
    aid = sample_assessment(window)
    page = open_walkthrough(window, aid)
    page.splitter.setSizes([150, 500, 400])
    page.jump_to("B03")
    sizes = page.splitter.sizes()
    window.close()
    again = MainWindow(context, prompts, Preferences(context.paths.root))
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.pages["walkthrough"].session.is_open)
    reopened = again.pages["walkthrough"]
    assert reopened.current_item().code == "B03"
    assert reopened.splitter.sizes()[0] == sizes[0]


def test_help_lists_the_keys(window, prompts) -> None:
    window.show_shortcuts()
    listing = prompts.messages("inform")[-1]
    for expected in (
        "F3\t下一个未填项",
        "1 – 4\t检查项列表：符合",
        "Y / N",
        "Ctrl+F",
        "Ctrl+P",
        "Ctrl+N",
    ):
        assert expected in listing, expected
    assert listing.count("F1") == 1 and "F1\t帮助" in listing  # F1 is help, and only help


def test_closing_keeps_a_typed_value_and_a_rectification_being_written(window, qtbot) -> None:
    aid = sample_assessment(window)
    page = open_walkthrough(window, aid)
    qtbot.keyClick(page.items, Qt.Key.Key_3)  # A01 不符合
    type_text(page.detail.rectification.measure, "每日放学前由班主任提醒并记录")
    page.step_section(1)  # switching items stores the measure of the one left
    assert (
        window.workspace.assessments.view(aid).rectification_for("A01").measure
        == "每日放学前由班主任提醒并记录"
    )
    qtbot.keyClick(page.items, Qt.Key.Key_Return)
    qtbot.keyClicks(page.detail.answer.line, "88")  # B01, no Enter, no leaving the field
    window.close()
    assert stored(window, aid, "B01").value == 88.0


def test_the_checklist_and_its_sections_show_their_instructions(window) -> None:
    page = open_walkthrough(window, sample_assessment(window))
    page._select_section(0)  # 全部检查项: the bureau's instructions for the whole checklist
    assert "演示各种题型的小型示例模板" in page.section_info.text()
    page._select_section(1)
    assert "演示各种题型" not in page.section_info.text()
