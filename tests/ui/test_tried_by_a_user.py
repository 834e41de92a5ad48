"""What a new user still found rough after issue #14, trying the real window under X11 at school
laptop sizes: a template opened twice by one double-click, stage targets missing where a
checklist is read before starting it, the 责任人 field squeezed to two characters (then the due
date), the item list squeezed to one row under a checklist's long description, and the export
offer after sign-off outliving the export."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.helpers.window import open_walkthrough, sample_assessment, type_text
from tests.ui.test_finish_export import answer_required
from wjself.core.assessment import Status
from wjself.core.scoring import Outcome
from wjself.demo import create_demo
from wjself.ui.export import ExportDialog
from wjself.ui.main_window import MainWindow
from wjself.ui.models import RECORD_ROLE
from wjself.ui.template_view import TemplateDialog
from wjself.ui.walkthrough import WalkthroughPage

pytestmark = pytest.mark.gui


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def test_one_double_click_opens_the_template_once(window: MainWindow, qtbot: Any) -> None:
    """Under X11 a double-click emits both doubleClicked and activated: two stacked dialogs,
    and 关闭 seemed not to work (the second one showed)."""
    page = window.show_page("templates")
    row = next(
        r
        for r in range(page.proxy.rowCount())
        if page.proxy.index(r, 0).data(RECORD_ROLE).key == "wj2024-safety@2024.2"
    )
    index = page.proxy.index(row, 0)
    page.table.scrollTo(index)
    where = page.table.visualRect(index).center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    settle()
    shown = [d for d in page.findChildren(TemplateDialog) if d.isVisible()]
    assert len(shown) == 1
    shown[0].reject()
    settle()
    assert not [d for d in page.findChildren(TemplateDialog) if d.isVisible()]
    # Enter on the row still opens it (activated alone).
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    settle()
    shown = [d for d in page.findChildren(TemplateDialog) if d.isVisible()]
    assert len(shown) == 1
    shown[0].reject()


def test_reading_a_checklist_shows_its_stage_targets(window: MainWindow) -> None:
    """AQ7.05 (演练次数) asks 幼儿园 ≥ 4 次, other stages ≥ 10 次: the template view left the
    target column empty, and printed a percent target as ``>= 100`` without its %."""
    page = window.show_page("templates")
    row = next(
        r
        for r in range(page.proxy.rowCount())
        if page.proxy.index(r, 0).data(RECORD_ROLE).key == "wj2024-safety@2024.2"
    )
    page.table.selectRow(row)
    dialog = page.view_selected()
    assert dialog is not None
    contents = dialog.contents
    rows = {item.code: tree_row for item, tree_row in contents._rows}
    drills = rows["AQ7.05"].text(3)
    assert "幼儿园 ≥ 4 次" in drills and "≥ 10 次" in drills
    assert rows["AQ2.04"].text(3) == "≥ 100%"
    contents.select("AQ7.05")
    assert "幼儿园 ≥ 4 次" in contents.details_text()
    dialog.reject()


@pytest.fixture
def finalized_canteen(window: MainWindow) -> WalkthroughPage:
    """The demo's finalized canteen checklist open at a 不符合 item with its rectification."""
    create_demo(window.context.workspace)
    page = window.pages["walkthrough"]
    assert isinstance(page, WalkthroughPage)
    done = next(
        s.id for s in window.context.workspace.assessments.list() if s.status is Status.FINALIZED
    )
    assert page.open_assessment(done)
    window.show_page("walkthrough")
    scores = page.session.score.items
    page.jump_to(next(c for c, r in scores.items() if r.outcome is Outcome.NOT_MET))
    return page


@pytest.mark.parametrize("size", [(1300, 810), (1366, 768), (1600, 900)])
def test_the_owner_field_is_never_squeezed(
    window: MainWindow, finalized_canteen: WalkthroughPage, size: tuple[int, int]
) -> None:
    """Under a 1440×900 screen the read-only detail sat beside the items and 责任人 showed
    two characters (``k晓东``) between its label and the due date; given room, the due date
    was the one cut (``7-01-25``)."""
    window.resize(*size)
    settle()
    owner = finalized_canteen.detail.rectification.owner
    assert owner.isVisible()
    assert owner.text()  # the demo names one
    least = owner.fontMetrics().horizontalAdvance("总务处 王建国")
    assert owner.width() >= least, (owner.width(), least)
    due = finalized_canteen.detail.rectification.due.line
    assert due.text()  # and a due date, shown whole beside the clear button
    assert due.width() >= due.fontMetrics().horizontalAdvance(due.text()) + 36, due.width()


def test_the_item_list_keeps_rows_under_a_long_description(window: MainWindow) -> None:
    """On 全部检查项 the checklist's description (five lines) left the item list one row high
    at 1366×768 when the panes are stacked: a click meant for an item hit the description."""
    create_demo(window.context.workspace)
    page = window.pages["walkthrough"]
    assert isinstance(page, WalkthroughPage)
    draft = next(
        s.id
        for s in window.context.workspace.assessments.list()
        if s.status is Status.DRAFT and s.template_id == "wj2024-safety"
    )
    assert page.open_assessment(draft)
    window.show_page("walkthrough")
    for size in ((1230, 690), (1024, 700)):
        window.resize(*size)
        settle()
        page.sections.setCurrentIndex(page.sections.model().index(0, 0))  # 全部检查项
        settle()
        assert page.section_info.text().count("\n") >= 1  # the description is shown
        assert not page.side_by_side()  # stacked: the item list above the detail
        row = page.items.sizeHintForRow(0)
        box = page.items.geometry()
        seen = min(box.bottom(), page.middle.height()) - box.top()  # not hidden under the pane
        header = page.items.header().height()
        assert seen - header >= 3 * row, (size, seen, header, row)


def test_the_export_offer_after_sign_off_goes_once_taken(window: MainWindow) -> None:
    """The offer 已定稿。现在导出 PDF 报告交责任督学吗？ stayed above the items after the PDF
    was exported from it."""

    aid = sample_assessment(window)
    answer_required(window, aid)
    page = open_walkthrough(window, aid)
    dialog = page.finish()
    assert dialog is not None
    dialog.filled_by.clear()
    type_text(dialog.filled_by, "李娟")
    dialog.finalize_button.click()
    assert page.notice.isVisible() and "导出" in page.notice.text.text()
    page.notice.buttons()[0].click()
    assert isinstance(page.dialog, ExportDialog) and page.dialog.isVisible()
    assert not page.notice.isVisible()
    page.dialog.reject()
