"""The window on school laptops' screens: at 1366×768 everything fits with no sideways scrolling
and no clipped text; at 1024×700 still usable (the walkthrough's panes stack); the first window
is sized to the screen, and a remembered size from another screen is not restored."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QByteArray, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QHeaderView,
    QLabel,
    QWidget,
)

from wjself.core.assessment import Status
from wjself.core.scoring import Outcome
from wjself.demo import create_demo
from wjself.ui.application import create_application
from wjself.ui.i18n import CHINESE, ENGLISH
from wjself.ui.main_window import LARGEST_FIRST, MainWindow, first_geometry
from wjself.ui.preferences import Preferences
from wjself.ui.walkthrough import WalkthroughPage
from wjself.ui.walkthrough_list import ITEM_TEXT_MIN
from wjself.ui.walkthrough_models import TEXT

pytestmark = pytest.mark.gui

LAPTOP = (1366, 768)
SMALL = (1024, 700)
PAGES = ("home", "walkthrough", "rectifications", "templates", "settings")


@pytest.fixture(params=[CHINESE, ENGLISH])
def demo_window(request: Any, qtbot: Any, context: Any, prompts: Any) -> Iterator[MainWindow]:
    """The real window in either language on the demo data, the safety checklist open at a
    不符合 item (its rectification fields showing)."""
    create_demo(context.workspace)
    preferences = Preferences(context.paths.root)
    preferences.language = request.param
    create_application(request.param)
    try:
        window = MainWindow(context, prompts, preferences)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        page = window.pages["walkthrough"]
        assert isinstance(page, WalkthroughPage)
        draft = next(
            s.id
            for s in context.workspace.assessments.list()
            if s.status is Status.DRAFT and s.template_id == "wj2024-safety"
        )
        assert page.open_assessment(draft)
        scores = page.session.score.items
        page.jump_to(next(c for c, r in scores.items() if r.outcome is Outcome.NOT_MET))
        yield window
    finally:
        create_application(CHINESE)


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def problems(window: MainWindow) -> list[str]:
    """What does not fit: a sideways scroll bar, a label or button cut, a header cut."""
    found = []
    for area in window.findChildren(QAbstractScrollArea):
        if area.isVisible() and area.horizontalScrollBar().isVisible():
            found.append(f"sideways scroll bar on {type(area).__name__} {area.objectName()}")
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue
        if isinstance(widget, QLabel) and widget.text() and not widget.wordWrap():
            if widget.sizeHint().width() > widget.width() + 1:
                found.append(f"label cut: {widget.text()[:30]!r} {widget.width()}")
        elif isinstance(widget, QAbstractButton) and widget.text():
            if widget.sizeHint().width() > widget.width() + 1:
                found.append(f"button cut: {widget.text()[:30]!r} {widget.width()}")
        elif isinstance(widget, QHeaderView) and widget.orientation() is Qt.Orientation.Horizontal:
            model = widget.model()
            metrics = widget.fontMetrics()
            for column in range(widget.count()):
                if widget.isSectionHidden(column):
                    continue
                text = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
                if metrics.horizontalAdvance(text) + 4 > widget.sectionSize(
                    column
                ):  # Qt's own hint
                    found.append(f"header cut: {text!r} {widget.sectionSize(column)}")
    navigation = window.navigation
    if navigation.sizeHintForColumn(0) > navigation.viewport().width():
        found.append("side bar labels cut")
    return found


@pytest.mark.parametrize("size", [LAPTOP, SMALL], ids=["1366x768", "1024x700"])
def test_every_page_fits_the_screens_of_school_laptops(demo_window: MainWindow, size) -> None:
    window = demo_window
    window.resize(*size)
    settle()
    assert (window.width(), window.height()) == size  # no page holds the window wider
    for key in PAGES:
        page = window.show_page(key)
        settle()
        assert page.isVisible()
        assert problems(window) == [], key
    home = window.show_page("home")
    settle()
    table = home.table
    names = [table.model().index(r, 0).data() for r in range(table.model().rowCount())]
    widest = max(table.fontMetrics().horizontalAdvance(name) for name in names)
    assert table.columnWidth(0) >= widest + 8, "checklist names cut (食堂管理…)"
    walkthrough = window.pages["walkthrough"]
    assert isinstance(walkthrough, WalkthroughPage)
    window.show_page("walkthrough")
    settle()
    assert walkthrough.items.columnWidth(TEXT) >= ITEM_TEXT_MIN  # never one character wide
    answers = walkthrough.detail.answer.buttons
    assert answers and all(button.isVisible() for button in answers.values())  # 4 不适用 too
    rectification = walkthrough.detail.rectification
    assert rectification.isVisible()
    # The rectification fields lie within the detail pane's width: reached by scrolling down only.
    pane = walkthrough.detail_scroll.viewport()
    for field in (rectification.problem, rectification.measure, rectification.owner):
        right = field.mapTo(pane, field.rect().topRight()).x()
        assert right <= pane.width(), field.objectName()
    if size == LAPTOP:
        assert walkthrough.side_by_side()  # room for items and detail side by side
    else:
        assert not walkthrough.side_by_side()  # stacked: the item list keeps its columns


def test_the_panes_go_back_side_by_side_when_the_window_widens(demo_window: MainWindow) -> None:
    page = demo_window.show_page("walkthrough")
    assert isinstance(page, WalkthroughPage)
    demo_window.resize(*SMALL)
    settle()
    assert not page.side_by_side()
    home = demo_window.pages["home"]
    demo_window.resize(1600, 900)
    settle()
    assert page.side_by_side()
    assert problems(demo_window) == []
    demo_window.show_page("home")
    settle()
    assert len(home.column_fitter.optional) == 3  # last change, version, rating found by title
    assert home.column_fitter.hidden() == []  # every column back on a wide window


@pytest.mark.parametrize(
    ("available", "maximized"),
    [
        (QRect(0, 0, 1366, 728), True),  # a school laptop, task bar at the bottom
        (QRect(0, 0, 1024, 668), True),
        (QRect(0, 0, 1440, 860), True),
        (QRect(0, 0, 1440, 900), False),
        (QRect(0, 0, 1920, 1040), False),
        (QRect(1920, 0, 2560, 1400), False),  # a second, larger screen to the right
    ],
)
def test_the_first_window_suits_the_screen(available: QRect, maximized: bool) -> None:
    place, maximize = first_geometry(available)
    assert maximize is maximized
    assert available.contains(place)  # also the size a maximized window returns to
    assert place.width() >= min(available.width() * 85 // 100, LARGEST_FIRST.width())
    assert place.height() >= min(available.height() * 85 // 100, LARGEST_FIRST.height())
    assert place.width() <= LARGEST_FIRST.width() and place.height() <= LARGEST_FIRST.height()
    assert abs(place.center().x() - available.center().x()) <= 1


def test_first_window_under_a_1440x900_screen_is_not_tiny() -> None:
    """Issue #14: it opened at about 785×415 with the side bar's labels cut."""
    place, maximize = first_geometry(QRect(0, 0, 1440, 900))
    assert not maximize and place.width() >= 1280 and place.height() >= 800


def test_a_remembered_geometry_from_another_screen_is_not_restored(
    qtbot: Any, context: Any, prompts: Any
) -> None:
    preferences = Preferences(context.paths.root)
    first = MainWindow(context, prompts, preferences)
    qtbot.addWidget(first)
    first.setGeometry(QRect(2400, 1300, 1800, 1000))  # on a projector, now unplugged
    preferences.set_value("window/geometry", QByteArray(first.saveGeometry()))
    first.setGeometry(QRect(100, 100, 785, 415))
    small = QByteArray(first.saveGeometry())
    again = MainWindow(context, prompts, preferences)
    qtbot.addWidget(again)
    screen = again.screen().availableGeometry()
    assert screen.contains(again.geometry())
    assert again.width() >= 1280
    preferences.set_value("window/geometry", small)  # too small to use: start afresh too
    third = MainWindow(context, prompts, preferences)
    qtbot.addWidget(third)
    assert third.width() >= 1280 and third.height() >= 800


def test_a_remembered_geometry_that_fits_is_restored(qtbot: Any, context: Any, prompts) -> None:
    preferences = Preferences(context.paths.root)
    first = MainWindow(context, prompts, preferences)
    qtbot.addWidget(first)
    first.setGeometry(QRect(50, 60, 1300, 760))
    preferences.set_value("window/geometry", QByteArray(first.saveGeometry()))
    again = MainWindow(context, prompts, preferences)
    qtbot.addWidget(again)
    assert again.geometry() == QRect(50, 60, 1300, 760)
