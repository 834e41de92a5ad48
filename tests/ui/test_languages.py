"""Both interface languages all through: Qt's own dialogs in Chinese, and the English interface
with English badges, ratings, item kinds and whole column headers (checklist content stays
Chinese: it is data)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QLabel, QWidget

from tests.conftest import REPO
from wjself.core.assessment import Status
from wjself.demo import create_demo
from wjself.ui.application import create_application
from wjself.ui.i18n import CHINESE, ENGLISH, qt_catalog, qt_catalog_files
from wjself.ui.main_window import MainWindow
from wjself.ui.preferences import Preferences
from wjself.ui.walkthrough import WalkthroughPage
from wjself.ui.walkthrough_models import EVIDENCE, NOTE, RECT

pytestmark = pytest.mark.gui

ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


def _english_on(dialog: QWidget) -> list[str]:
    texts = []
    for widget in dialog.findChildren(QWidget):
        if isinstance(widget, (QLabel, QAbstractButton)) and widget.text():
            texts.append(widget.text())
        if widget.toolTip():
            texts.append(widget.toolTip())
    texts += [action.text() for action in dialog.findChildren(QAction) if action.text()]
    return [t for t in texts if ENGLISH_WORD.search(t.replace("&", ""))]


def test_qt_file_dialog_speaks_chinese(qtbot: Any, tmp_path: Path) -> None:
    """Issue #14: "Look in:" and "Files of type:" were English (Qt's catalogue lacks them)."""
    create_application(CHINESE)
    dialog = QFileDialog(None, "添加佐证材料", str(tmp_path), "图片 (*.png);;所有文件 (*)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert _english_on(dialog) == []
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert "查找范围(&L)：" in labels and "文件类型(&T)：" in labels
    assert QCoreApplication.translate("QAbstractFileIconProvider", "Folder") == "文件夹"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # qtbase's own
    dialog.reject()


def test_qt_catalogue_is_found_where_the_standalone_build_puts_it(tmp_path: Path) -> None:
    found = qt_catalog_files()
    assert [p.name for p in found] == ["qtbase_zh_CN.qm"]
    bundle = tmp_path / "resources" / "i18n" / "qt"
    bundle.mkdir(parents=True)
    shutil.copy(found[0], bundle)
    missing = tmp_path / "qt-translations-not-bundled"
    assert qt_catalog("qtbase", CHINESE, [missing, bundle]) == bundle / "qtbase_zh_CN.qm"
    assert qt_catalog("qtbase", CHINESE, [missing]) is None
    spec = (REPO / "packaging" / "wjself.spec").read_text(encoding="utf-8")
    assert "qt_catalog_files()" in spec and '"resources/i18n/qt"' in spec


@pytest.fixture
def english(qtbot: Any, context: Any, prompts: Any) -> Iterator[MainWindow]:
    create_demo(context.workspace)
    preferences = Preferences(context.paths.root)
    preferences.language = ENGLISH
    create_application(ENGLISH)
    try:
        window = MainWindow(context, prompts, preferences)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        yield window
    finally:
        create_application(CHINESE)


def _draft(window: MainWindow) -> int:
    return next(s.id for s in window.workspace.assessments.list() if s.status is Status.DRAFT)


def test_english_interface_shows_its_own_badges_ratings_and_kinds(english: MainWindow) -> None:
    page = english.pages["walkthrough"]
    assert isinstance(page, WalkthroughPage)
    assert page.open_assessment(_draft(english))
    english.show_page("walkthrough")
    assert page.status_chip.text() == "Draft"
    rating = page.score_label.text().rsplit("·", 1)[-1].strip()
    assert rating in {"Excellent", "Good", "Pass", "Fail"}, page.score_label.text()
    page._select_section(1)
    assert re.search(r"\((Excellent|Good|Pass|Fail)\)", page.section_info.text())
    compliance = next(i.code for i in page.session.template.items() if i.kind.value == "compliance")
    page.jump_to(compliance)
    assert "Compliance" in page.detail.meta.text()
    assert page.detail.requirement.text() == page.session.template.item(compliance).text  # data

    header = page.items.header()
    for column, title in ((NOTE, "Note"), (EVIDENCE, "Evidence"), (RECT, "Rectification")):
        assert page.item_model.headerData(column, Qt.Orientation.Horizontal) == title
        assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(title) + 4

    home = english.show_page("home")
    model = home.table.model()
    columns = {
        model.headerData(c, Qt.Orientation.Horizontal): c for c in range(model.columnCount())
    }
    statuses = {model.index(r, columns["Status"]).data() for r in range(model.rowCount())}
    assert statuses == {"Draft", "Finalized"}
    ratings = {model.index(r, columns["Rating"]).data() for r in range(model.rowCount())}
    assert ratings and ratings <= {"Excellent", "Good", "Pass", "Fail", "", None}
    assert [home.status_filter.itemText(i) for i in range(1, 3)] == ["Draft", "Finalized"]


def test_chinese_interface_keeps_the_bureaus_terms(window: MainWindow) -> None:
    create_demo(window.workspace)
    page = window.pages["walkthrough"]
    assert isinstance(page, WalkthroughPage)
    assert page.open_assessment(_draft(window))
    window.show_page("walkthrough")
    assert page.status_chip.text() == "草稿"
    assert page.score_label.text().rsplit("·", 1)[-1].strip() in {"优秀", "良好", "合格", "不合格"}
    compliance = next(i.code for i in page.session.template.items() if i.kind.value == "compliance")
    page.jump_to(compliance)
    assert "符合度" in page.detail.meta.text()
    QApplication.processEvents()


def test_language_changes_at_once_keeping_the_place_and_what_was_typed(
    window: MainWindow, qtbot: Any
) -> None:
    create_demo(window.workspace)
    aid = _draft(window)
    page = window.pages["walkthrough"]
    assert isinstance(page, WalkthroughPage)
    assert page.open_assessment(aid)
    window.show_page("walkthrough")
    code = page.current_item().code
    page.detail.note.setPlainText("换语言前写的备注")  # typed, not stored yet (debounced)
    shortcuts = len(window.shortcuts)
    try:
        window.change_language(ENGLISH)
        qtbot.waitUntil(lambda: window.current_page() is window.pages["walkthrough"])
        QApplication.processEvents()
        again = window.pages["walkthrough"]
        assert isinstance(again, WalkthroughPage) and again is not page
        assert again.session.assessment_id == aid and again.current_item().code == code
        assert again.status_chip.text() == "Draft"
        assert again.detail.note.toPlainText() == "换语言前写的备注"
        assert window.workspace.answers.get(aid, code).note == "换语言前写的备注"
        assert window.navigation.item(1).text() == "Fill in"
        assert window.navigation.width() >= window.navigation.sizeHintForColumn(0)
        assert len(window.shortcuts) == shortcuts  # listed once, in English
        assert ("F1", "Help") in window.shortcuts
    finally:
        create_application(CHINESE)


def test_chinese_labels_are_the_terms_the_data_and_reports_use(qapp: Any) -> None:
    """In Chinese the window's labels are exactly core's (the PDF and the CLI print those)."""
    from wjself.core.assessment import STATUS_LABELS
    from wjself.core.template import DEFAULT_BANDS, KIND_LABELS, Kind
    from wjself.ui.labels import band_label, kind_label, status_label

    create_application(CHINESE)
    assert {k: kind_label(k) for k in Kind} == KIND_LABELS
    assert {s: status_label(s) for s in Status} == STATUS_LABELS
    assert [band_label(b.label) for b in DEFAULT_BANDS] == [b.label for b in DEFAULT_BANDS]
    assert band_label("甲等") == "甲等"  # a checklist's own rating name is data
    try:
        create_application(ENGLISH)
        assert [band_label(b.label) for b in DEFAULT_BANDS] == ["Excellent", "Good", "Pass", "Fail"]
        assert kind_label(Kind.YES_NO) == "Yes/no" and status_label(Status.FINALIZED) == "Finalized"
    finally:
        create_application(CHINESE)
