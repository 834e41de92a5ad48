"""完成自评 and export: what is missing blocks finalizing and links to the item; sign-off;
PDF, XLSX and bundle written off the GUI thread and read back; errors shown plainly."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt

from tests.helpers.pdfcheck import Pdf
from tests.helpers.window import open_walkthrough, sample_assessment, stored, type_text
from wjself.formats.bundle import verify_bundle
from wjself.ui.export import ExportDialog
from wjself.ui.finish import FinishDialog

pytestmark = pytest.mark.gui


def answer_required(window, aid: int, skip: tuple[str, ...] = ()) -> None:
    for code, value in (("A01", "符合"), ("A02", "3"), ("A04", "符合"), ("B01", "100")):
        if code not in skip:
            window.workspace.answers.set(aid, code, value)


def test_missing_required_item_blocks_finalize_and_the_link_lands_on_it(window, qtbot) -> None:
    aid = sample_assessment(window)
    answer_required(window, aid, skip=("B01",))
    page = open_walkthrough(window, aid)
    assert page.current_item().code == "A01"
    dialog = page.finish()
    assert isinstance(dialog, FinishDialog) and dialog.isVisible()
    assert [p.field for p in dialog.missing] == ["B01"]
    assert "1 处" in dialog.heading.text()
    assert not dialog.finalize_button.isVisible() and not dialog.form.isVisible()
    entry = dialog.problems.item(0)
    assert entry.text().startswith("B01") and "必填项未作答" in entry.text()
    rect = dialog.problems.visualItemRect(entry)
    qtbot.mouseClick(dialog.problems.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert not dialog.isVisible()
    assert page.current_item().code == "B01"
    assert page.items.hasFocus()
    assert not window.workspace.assessments.view(aid).finalized


def test_a_not_met_item_without_a_plan_is_listed_too(window, qtbot) -> None:
    aid = sample_assessment(window)
    answer_required(window, aid)
    window.workspace.answers.set(aid, "A04", "不符合")
    page = open_walkthrough(window, aid)
    dialog = page.finish()
    assert [p.field for p in dialog.missing] == ["A04"]
    assert "整改措施" in dialog.problems.item(0).text()
    dialog.problems.itemActivated.emit(dialog.problems.item(0))
    assert page.current_item().code == "A04"
    assert page.detail.rectification.isVisible()


def test_finalize_with_names_prefilled_next_time(window, qtbot, prompts) -> None:
    aid = sample_assessment(window)
    answer_required(window, aid)
    page = open_walkthrough(window, aid)
    dialog = page.finish()
    assert not dialog.missing and dialog.finalize_button.isVisible()
    assert dialog.reviewed_by.text() == "王校长"  # the school's principal, the first time
    dialog.finalize_button.click()  # no 填表人: refused in the service's words, in the dialog
    assert dialog.isVisible() and "缺少填表人" in dialog.error.text()
    dialog.filled_by.clear()
    type_text(dialog.filled_by, "李娟")
    dialog.finalize_button.click()
    assert not dialog.isVisible()
    view = window.workspace.assessments.view(aid)
    assert (
        view.finalized and view.signoff.filled_by == "李娟" and view.signoff.reviewed_by == "王校长"
    )
    assert page.banner.isVisible() and "李娟" in page.banner.text.text()
    assert "导出" in page.notice.text.text()

    prompts.script("ask_text", "补充材料")
    page.reopen()
    again = page.finish()
    assert again.filled_by.text() == "李娟" and again.reviewed_by.text() == "王校长"
    again.reject()


def _click_where_drawn(qtbot, button) -> None:
    """A click at the point of the screen where the button is drawn (not at the widget)."""
    from PySide6.QtWidgets import QApplication

    centre = button.mapToGlobal(button.rect().center())
    target = QApplication.widgetAt(centre)
    assert target is button, f"{button.text()} is not under its own centre: {target}"
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=target.mapFromGlobal(centre))


def test_sign_off_buttons_stay_where_they_are_drawn_and_answer_clicks(window, qtbot) -> None:
    """Issue #14: a refusal grew the dialog, moving 定稿 and 关闭 from under the pointer."""
    aid = sample_assessment(window)
    answer_required(window, aid)
    page = open_walkthrough(window, aid)
    dialog = page.finish()
    qtbot.waitExposed(dialog)
    dialog.filled_by.clear()
    shown = dialog.geometry()
    drawn = dialog.finalize_button.mapToGlobal(dialog.finalize_button.rect().center())
    _click_where_drawn(qtbot, dialog.finalize_button)  # no 填表人: refused inside the dialog
    assert dialog.isVisible() and "缺少填表人" in dialog.error.text()
    dialog.reviewed_by.clear()
    _click_where_drawn(qtbot, dialog.finalize_button)  # two lines of refusal now
    assert "缺少审核人" in dialog.error.text()
    assert dialog.geometry() == shown
    for field in (dialog.filled_by, dialog.reviewed_by, dialog.error, dialog.finalize_button):
        assert field.height() >= field.sizeHint().height(), f"{field.objectName()} squashed"
    assert dialog.finalize_button.mapToGlobal(dialog.finalize_button.rect().center()) == drawn
    close = dialog.buttons.button(dialog.buttons.StandardButton.Close)
    _click_where_drawn(qtbot, close)
    assert not dialog.isVisible()

    again = page.finish()
    qtbot.waitExposed(again)
    type_text(again.filled_by, "李娟")
    type_text(again.reviewed_by, "王校长")
    _click_where_drawn(qtbot, again.finalize_button)
    assert not again.isVisible() and window.workspace.assessments.view(aid).finalized


def test_export_pdf_of_the_finalized_assessment_and_find_the_answers(
    window, qtbot, prompts, tmp_path: Path
) -> None:
    aid = sample_assessment(window)
    answer_required(window, aid)
    window.workspace.answers.set(aid, "B03", "仅有兼职教师", note="已招聘专职教师一名，9月到岗")
    window.workspace.assessments.finalize(aid, "李娟", "王校长")
    page = open_walkthrough(window, aid)
    target = tmp_path / "报告.pdf"
    prompts.script("save_file", target)
    qtbot.keyClick(page.items, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    assert isinstance(dialog, ExportDialog) and dialog.isVisible()
    assert dialog.chosen_format() == "pdf"
    dialog.export_button.click()
    suggested = prompts.asked[-1][2]
    assert Path(suggested).name == "武进区测试小学-2024-学校安全与心理健康工作自查报告（示例）.pdf"
    assert dialog.progress.isVisible() or dialog.target is not None
    qtbot.waitUntil(lambda: dialog.target is not None, timeout=20000)
    assert "已保存到" in dialog.status.text()
    text = Pdf(target).squashed
    for expected in (
        "武进区测试小学",
        "仅有兼职教师",
        "已招聘专职教师一名，9月到岗",
        "符合",
        "李娟",
        "王校长",
    ):
        assert expected in text, expected
    fingerprint = window.workspace.assessments.view(aid).signoff.fingerprint
    assert fingerprint[:8] in text
    dialog.open_file_button.click()
    dialog.open_folder_button.click()
    opened = [text for kind, text, _ in prompts.asked if kind == "open_path"]
    assert opened == [str(target), str(tmp_path)]
    assert window.preferences.value("export/folder") == str(tmp_path)


def test_export_error_is_shown_plainly(window, qtbot, prompts, tmp_path: Path) -> None:
    aid = sample_assessment(window)
    page = open_walkthrough(window, aid)
    dialog = page.export()
    prompts.script("save_file", tmp_path / "没有这个文件夹" / "报告.pdf")
    dialog.export_button.click()
    qtbot.waitUntil(dialog.problem.isVisible, timeout=20000)
    assert "不存在" in dialog.problem.text()
    assert dialog.export_button.isEnabled() and dialog.target is None
    assert not (tmp_path / "没有这个文件夹").exists()


def test_export_several_of_one_period_from_home_as_xlsx(
    window, qtbot, prompts, tmp_path: Path
) -> None:
    aid = sample_assessment(window)
    ws = window.workspace
    school = ws.schools.find("3204120001")
    other = ws.assessments.new(school.id, "wj2024-party", None, "2024")
    ws.answers.set(aid, "A01", "符合", note="台账齐全")
    home = window.pages["home"]
    home.activate()
    home.select_ids([aid, other])
    dialog = home.export_selected()
    assert not dialog.radios["wjsa"].isEnabled()  # a bundle holds one assessment
    dialog.choose("xlsx")
    target = tmp_path / "汇总.xlsx"
    prompts.script("save_file", target)
    dialog.export_button.click()
    assert Path(prompts.asked[-1][2]).name == "武进区测试小学-2024-自评数据.xlsx"
    qtbot.waitUntil(lambda: dialog.target is not None, timeout=20000)
    book = openpyxl.load_workbook(target, read_only=True)
    rows = list(book["答案"].iter_rows(values_only=True))
    notes = [r for r in rows if "台账齐全" in [str(c) for c in r]]
    assert len(notes) == 1
    templates = {r[rows[0].index("模板编号")] for r in rows[1:]}
    assert templates == {"wj-sample", "wj2024-party"}
    book.close()


def test_several_periods_cannot_be_exported_together(window, prompts) -> None:
    aid = sample_assessment(window)
    school = window.workspace.schools.find("3204120001")
    older = window.workspace.assessments.new(school.id, "wj-sample", None, "2023")
    home = window.pages["home"]
    home.activate()
    home.select_ids([aid, older])
    dialog = home.export_selected()
    assert dialog.problem.isVisible() and "同一周期" in dialog.problem.text()
    assert not dialog.export_button.isEnabled()
    dialog.reject()


def test_export_bundle_that_verifies(window, qtbot, prompts, tmp_path: Path) -> None:
    aid = sample_assessment(window)
    answer_required(window, aid)
    window.workspace.assessments.finalize(aid, "李娟", "王校长")
    page = open_walkthrough(window, aid)
    dialog = page.export()
    dialog.choose("wjsa")
    target = tmp_path / "数据包"
    prompts.script("save_file", target)
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.target is not None, timeout=20000)
    assert dialog.target == tmp_path / "数据包.wjsa"  # the extension is added
    report = verify_bundle(dialog.target)
    assert report.ok, report.lines()
    key_id = window.workspace.signing_key.key_id
    assert report.signature.valid and report.signature.key_id == key_id  # signed in the window
    assert f"已用本校密钥 {key_id} 签名" in dialog.status.text()
    assert stored(window, aid, "A01").value == "met"
