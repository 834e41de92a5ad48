"""The Templates page: importing by drag and drop or the button, problems, preview and diff, export."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QPushButton

from tests.helpers.template_files import SAFETY, broken_xlsx, bundled, newer_version
from wjself import resources
from wjself.core.codec import content_hash, template_from_dict_strict, template_to_dict
from wjself.core.template import KIND_LABELS
from wjself.formats.templates import read_template, write_template
from wjself.ui.models import RECORD_ROLE
from wjself.ui.template_view import TemplateDialog

pytestmark = pytest.mark.gui


def installed_rows(window) -> list[tuple[str, str, str]]:
    """What the database holds, read past the services."""
    with contextlib.closing(sqlite3.connect(window.context.paths.database)) as db:
        return sorted(db.execute("SELECT template_id, version, sha256 FROM templates"))


def form_texts(form) -> dict[str, str]:
    role = form.ItemRole
    return {
        form.itemAt(r, role.LabelRole).widget().text(): form.itemAt(r, role.FieldRole)
        .widget()
        .text()
        for r in range(form.rowCount())
    }


def drag(page, *paths: Path) -> bool:
    """Drag files onto the page and drop them; True when the page accepted the drag."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    action = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(QPoint(20, 20), action, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    enter.ignore()
    QApplication.sendEvent(page, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(20, 20), action, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(page, drop)
    return True


def test_installed_templates_are_listed(window) -> None:
    page = window.show_page("templates")
    keys = [(i.id, i.version) for i in page.model.records()]
    assert len(keys) == len(resources.bundled_templates())
    assert ("wj2024-safety", "2024.2") in keys
    safety = next(n for n, i in enumerate(page.model.records()) if i.id == "wj2024-safety")
    cells = [page.model.index(safety, c).data() for c in range(page.model.columnCount())]
    assert cells[:5] == ["校园安全自查表", "wj2024-safety", "2024.2", "常州市武进区教育局", "45"]
    assert cells[5].startswith("《2024年武进教育工作要点》")


def test_a_broken_file_dropped_shows_every_problem_and_installs_nothing(
    window, qtbot, tmp_path: Path
) -> None:
    before = installed_rows(window)
    page = window.show_page("templates")
    bad = broken_xlsx(tmp_path / "校园安全自查表-有错误.xlsx")
    assert drag(page, bad)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.problems)
    shown = [
        (
            page.problems.model.index(r, 0).data(),
            page.problems.model.index(r, 1).data(),
            page.problems.model.index(r, 2).data(),
            page.problems.model.index(r, 3).data(),
        )
        for r in range(page.problems.model.rowCount())
    ]
    name = bad.name
    assert shown == [
        (name, "settings", "2", "version"),
        (name, "survey", "3", "type"),
        (name, "survey", "4", "weight"),
        (name, "survey", "5", "name"),
    ]
    messages = [page.problems.model.index(r, 4).data() for r in range(4)]
    assert "geopoint" in messages[1] and "很重要" in messages[2]
    assert "发现 4 个问题" in page.problems.heading.text()
    assert "未安装任何内容" in page.problems.heading.text()
    assert installed_rows(window) == before
    page.problems.copy()
    assert (
        QApplication.clipboard().text().splitlines()[0].endswith("version: 缺少版本号（version）")
    )
    qtbot.mouseClick(page.problems.back_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.list_view and not page.busy


def test_other_files_are_not_taken(window, tmp_path: Path) -> None:
    page = window.show_page("templates")
    note = tmp_path / "说明.txt"
    note.write_text("不是模板", encoding="utf-8")
    assert not drag(page, note)


def test_a_newer_version_shows_the_diff_and_installs_on_confirmation(
    window, qtbot, prompts, tmp_path: Path
) -> None:
    page = window.show_page("templates")
    newer = newer_version(tmp_path / "wj2024-safety-2024.3.json")
    prompts.script("open_files", [tmp_path / "wj2024-safety-2024.3.json"])
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.preview)
    preview = page.preview
    assert "《校园安全自查表》" in preview.heading.text()
    facts = form_texts(preview.facts)
    assert facts["模板编号"] == "wj2024-safety"
    assert facts["版本"] == "2024.3（比已安装的 2024.2 版新）"
    assert facts["发布单位"] == "常州市武进区教育局"
    assert facts["自查时段"] == "2024年1月1日至2024年12月31日"
    assert facts["内容"] == "7 个分组，共 45 个检查项"
    # The items themselves, to read before installing: seven groups, 45 items.
    assert preview.contents.tree.topLevelItemCount() == 7
    assert len(preview.contents.items()) == 45
    first = preview.contents.items()[0]
    assert first.text in preview.contents.details_text()
    assert preview.diff_box.isVisible()
    assert "新增 1 项，删除 1 项" in preview.diff_summary.text()
    diff = preview.diff_text.toPlainText()
    assert "wj2024-safety 2024.2 → wj2024-safety 2024.3" in diff
    assert "AQ1.99" in diff and "AQ7.07" in diff and "AQ1.03" in diff
    assert ("wj2024-safety", "2024.3") not in [r[:2] for r in installed_rows(window)]

    qtbot.mouseClick(preview.install_button, Qt.MouseButton.LeftButton)
    assert ("wj2024-safety", "2024.3", content_hash(newer)) in installed_rows(window)
    assert page.stack.currentWidget() is page.list_view
    assert page.selected() is not None and page.selected().key == "wj2024-safety@2024.3"
    assert "已安装《校园安全自查表》2024.3 版" in page.banner.text()
    older = next(n for n, i in enumerate(page.model.records()) if i.key == "wj2024-safety@2024.2")
    assert (
        page.model.index(older, 0).data(Qt.ItemDataRole.ToolTipRole)
        == "已安装更新的版本（2024.3）。"
    )


def test_cancel_installs_nothing(window, qtbot, tmp_path: Path) -> None:
    before = installed_rows(window)
    page = window.show_page("templates")
    newer_version(tmp_path / "new.json")
    page.import_files([tmp_path / "new.json"])
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.preview)
    qtbot.mouseClick(page.preview.cancel_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.list_view
    assert installed_rows(window) == before


def test_the_same_content_again_is_already_installed(window, qtbot, tmp_path: Path) -> None:
    before = installed_rows(window)
    page = window.show_page("templates")
    again = tmp_path / "again.xlsx"
    write_template(bundled(), again)  # the same content in the other format
    page.import_files([again])
    qtbot.waitUntil(lambda: not page.busy)
    assert "已经安装，内容相同" in page.banner.text()
    assert page.stack.currentWidget() is page.list_view
    assert installed_rows(window) == before


def test_same_version_with_other_content_is_refused(window, qtbot, prompts, tmp_path) -> None:
    before = installed_rows(window)
    page = window.show_page("templates")
    data = template_to_dict(bundled())
    data["title"] = "校园安全自查表（改）"
    write_template(template_from_dict_strict(data), tmp_path / "same-version.json")
    page.import_files([tmp_path / "same-version.json"])
    qtbot.waitUntil(lambda: not page.busy)
    (warning,) = prompts.messages("warn")
    assert "已安装，但内容不同" in warning and "提高版本号" in warning
    assert installed_rows(window) == before


def test_files_dropped_together_are_taken_one_after_another(window, qtbot, tmp_path: Path) -> None:
    page = window.show_page("templates")
    bad = broken_xlsx(tmp_path / "bad.xlsx")
    newer_version(tmp_path / "new.json")
    assert drag(page, bad, tmp_path / "new.json")
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.problems)
    page.problems.back_button.click()
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.preview)
    page.preview.install_button.click()
    assert ("wj2024-safety", "2024.3") in [r[:2] for r in installed_rows(window)]


def test_export_writes_the_selected_template(window, qtbot, prompts, tmp_path: Path) -> None:
    page = window.show_page("templates")
    row = next(
        n for n in range(page.proxy.rowCount()) if page.proxy.index(n, 1).data() == "wj2024-safety"
    )
    page.table.selectRow(row)
    prompts.script("save_file", tmp_path / "导出")
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert prompts.asked[-1][2] == "wj2024-safety-2024.2.xlsx"  # the suggested name
    target = tmp_path / "导出.xlsx"
    qtbot.waitUntil(lambda: "已将《校园安全自查表》2024.2 版导出到" in page.banner.text())
    assert content_hash(read_template(target)) == content_hash(
        read_template(resources.path("templates", SAFETY))
    )


def row_of(page, key: str) -> int:
    return next(
        r
        for r in range(page.proxy.rowCount())
        if page.proxy.index(r, 0).data(RECORD_ROLE).key == key
    )


def test_double_click_reads_the_items_of_an_installed_template(window, qtbot) -> None:
    page = window.show_page("templates")
    assert not page.view_button.isEnabled() and "选中" in page.view_button.toolTip()
    row = row_of(page, "wj2024-safety@2024.2")
    index = page.proxy.index(row, 0)
    page.table.scrollTo(index)
    where = page.table.visualRect(index).center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    dialog = page.dialog
    assert isinstance(dialog, TemplateDialog) and dialog.isVisible()
    template = window.workspace.templates.get("wj2024-safety", "2024.2")
    contents = dialog.contents
    assert [i.code for i in contents.items()] == [i.code for i in template.items()]
    assert contents.tree.topLevelItemCount() == len(template.sections)
    item = next(i for i in template.items() if i.method and i.evidence and i.guidance)
    contents.select(item.code)
    details = contents.details_text()
    for part in (item.code, item.text, item.method, item.evidence, item.guidance):
        assert part.splitlines()[0] in details, part
    assert "适用" in details and KIND_LABELS[item.kind] in details
    assert dialog.changes is None  # no earlier version installed: nothing to compare
    dialog.reject()
    # The button does the same for the selected row.
    page.view_button.click()
    assert isinstance(page.dialog, TemplateDialog) and page.dialog.isVisible()
    page.dialog.reject()


def test_a_newer_installed_version_shows_what_it_changes(window, qtbot, tmp_path: Path) -> None:
    window.workspace.templates.install(newer_version(tmp_path / "newer.json"))
    page = window.show_page("templates")
    page.table.selectRow(row_of(page, "wj2024-safety@2024.3"))
    dialog = page.view_selected()
    assert dialog is not None and dialog.changes is not None
    assert dialog.tabs.tabText(1) == "相对 2024.2 版的变化"
    text = dialog.changes.toPlainText()
    assert "wj2024-safety 2024.2 → wj2024-safety 2024.3" in text and "AQ1.99" in text
    assert "AQ1.99" in [i.code for i in dialog.contents.items()]
    dialog.reject()


def test_print_blank_checklist_writes_the_pdf_off_the_gui_thread_and_opens_it(
    window, qtbot, prompts, tmp_path: Path
) -> None:
    from tests.helpers.pdfcheck import Pdf

    page = window.show_page("templates")
    button = page.findChild(QPushButton, "printBlank")
    assert button.text() == "打印空白自查表(&B)…"
    page.table.clearSelection()
    assert not button.isEnabled()
    row = next(
        n for n in range(page.proxy.rowCount()) if page.proxy.index(n, 1).data() == "wj2024-safety"
    )
    page.table.selectRow(row)
    assert button.isEnabled()
    prompts.script("save_file", tmp_path / "空白")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert prompts.asked[-1][2] == "校园安全自查表-2024.2-空白自查表.pdf"
    target = tmp_path / "空白.pdf"
    qtbot.waitUntil(lambda: ("open_path", str(target), "") in prompts.asked, timeout=30_000)
    assert "已将空白《校园安全自查表》" in page.banner.text()
    text = Pdf(target).squashed
    assert "校园安全自查表（空白自查表）" in text and "□符合□基本符合□不符合□不适用" in text
    assert "检查人" in text


def test_the_blank_checklist_lists_the_one_schools_items_or_says_none_apply(
    window, qtbot, prompts, tmp_path: Path
) -> None:
    from tests.helpers.pdfcheck import Pdf
    from tests.helpers.window import add_school

    add_school(window.workspace)  # a primary school without a school bus
    page = window.show_page("templates")
    button = page.findChild(QPushButton, "printBlank")
    page.table.selectRow(row_of(page, "wj2024-safety@2024.2"))
    prompts.script("save_file", tmp_path / "安全.pdf")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    target = tmp_path / "安全.pdf"
    qtbot.waitUntil(lambda: ("open_path", str(target), "") in prompts.asked, timeout=30_000)
    text = Pdf(target).squashed
    assert "武进区测试小学" in text and "不适用于本校，未列出" in text
    page.table.selectRow(row_of(page, "wj2024-preschool@2024.2"))
    prompts.script("save_file", tmp_path / "幼儿园.pdf")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(prompts.messages("warn")), timeout=30_000)
    assert "没有适用于武进区测试小学的检查项" in prompts.messages("warn")[0]
    assert not (tmp_path / "幼儿园.pdf").exists()
