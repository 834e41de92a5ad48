"""The main window: navigation on the left, pages on the right, menus, and the save indicator.

Pages (``wjself.ui.page.Page``) are made by the factories in ``wjself.ui.pages``; they talk to
the services of ``context.workspace``, tell the window when they saved something, so the
status bar can say so quietly, and announce what changed on ``changes`` (``wjself.ui.changes``)
so the other pages refresh what they show.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
)

from wjself import __version__
from wjself.context import DistrictContext
from wjself.ui import tasks
from wjself.ui.changes import Changes
from wjself.ui.i18n import fill
from wjself.ui.page import Page
from wjself.ui.preferences import Preferences
from wjself.ui.prompts import Prompts
from wjself.ui.widgets import MUTED, ink

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from wjself.context import Context
    from wjself.district import DistrictWorkspace
    from wjself.paths import DataPaths
    from wjself.store.glance import Glance
    from wjself.store.workspace import Workspace
    from wjself.ui.help import HelpWindow


NAVIGATION_MIN_WIDTH = 96
LARGEST_FIRST = QSize(1600, 1000)  # a first window larger than this only spreads the pages thin
SMALL_SCREEN = QSize(1440, 900)  # below this (school laptops, 1366×768), the first window fills it


def first_geometry(available: QRect) -> tuple[QRect, bool]:
    """Where the first window goes on a screen whose free area is ``available``, and whether
    to maximize it: the whole screen of a small laptop, else nine tenths of it up to a limit."""
    small = available.width() < SMALL_SCREEN.width() or available.height() < SMALL_SCREEN.height()
    # Also the size a maximized window returns to: its title bar on the screen, not above it.
    size = QSize(
        min(available.width() * 9 // 10, LARGEST_FIRST.width()),
        min(available.height() * 9 // 10, LARGEST_FIRST.height()),
    )
    place = QRect(0, 0, size.width(), size.height())
    place.moveCenter(available.center())
    return place, small


def fits(window: QMainWindow, available: QRect) -> bool:
    """Whether the window's restored frame lies on the free area of the screen, whole enough to
    use: at least 800×500 of it, and its title bar on the screen."""
    frame = window.frameGeometry() if window.isVisible() else window.geometry()
    if window.isMaximized() or window.isFullScreen():
        return True
    return (
        available.contains(frame.topLeft())
        and frame.width() >= 800
        and frame.height() >= 500
        and frame.width() <= available.width()
        and frame.height() <= available.height()
        and available.intersected(frame).width() >= min(frame.width(), 800)
    )


class MainWindow(QMainWindow):
    """Top-level window of wjself."""

    closing = Signal()  # flush anything pending (a note being typed) before the window goes

    def __init__(
        self,
        context: Context | DistrictContext | None,
        prompts: Prompts | None = None,
        preferences: Preferences | None = None,
        *,
        paths: DataPaths | None = None,
        log_file: Path | None = None,
        district: bool = False,
    ) -> None:
        """The window on an opened ``context``; or, with ``context`` None and ``paths`` and
        ``log_file`` given, the window while the data folder is being opened (``attach``
        adds the pages once it is).  ``district``: the bureau's window (区教育局端) is being
        opened (a ``DistrictContext`` is attached)."""
        super().__init__()
        if context is not None:
            paths, log_file = context.paths, context.log_file
            district = isinstance(context, DistrictContext)
        assert paths is not None and log_file is not None, "a context, or paths and log_file"
        self.paths = paths
        self.log_file = log_file
        self._context: Context | None = None
        self.district_context: DistrictContext | None = None
        self.is_district = district
        # How the first-start wizard opens this folder as the bureau's (set by application.run).
        self.district_loader: Callable[[], DistrictContext] | None = None
        self.prompts = prompts or Prompts()
        self.preferences = preferences or Preferences(paths.root)
        self.shortcuts: list[tuple[str, str]] = []
        self.help_window: HelpWindow | None = None  # made on the first F1
        self.changes = Changes(self)
        self.setWindowTitle(self.title_text())

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self.pages: dict[str, Page] = {}
        self.opening_label = QLabel(self.tr("Opening the data folder…"))
        self.opening_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.opening_label.setStyleSheet(f"{ink(MUTED)}; font-size: 14pt")
        self.stack.addWidget(self.opening_label)

        self.save_label = QLabel()
        self.save_label.setObjectName("saveIndicator")
        self.statusBar().addWidget(self.save_label)
        self.data_label = QLabel(fill(self.tr("Data folder: %1"), paths.root))
        self.data_label.setObjectName("dataFolder")
        self.data_label.setStyleSheet(ink(MUTED))
        self.statusBar().addPermanentWidget(self.data_label)

        self._build_menus()
        self._restore_state()
        if context is not None:
            self.attach(context)

    def show_glance(self, glance: Glance) -> None:
        """Before the data folder is open: the home page with the last session's figures."""
        if self.attached or self.pages:
            return
        from wjself.ui.home import HomePage

        home = HomePage(self)
        self.add_page(home)
        self.stack.setCurrentWidget(home)
        self.navigation.setCurrentRow(0)
        home.show_glance(glance)

    def title_text(self) -> str:
        """The window's title: the program, its version, and 区教育局端 in the bureau's mode."""
        title = self.tr("Wujin School Self-Assessment") + f" {__version__}"
        if not self.is_district:
            return title
        return title + " · " + self.tr("District bureau")

    def page_factories(self) -> list[type[Page]]:
        from wjself.ui.pages import district_page_factories, page_factories

        return district_page_factories() if self.is_district else page_factories()

    def attach(self, context: Context | DistrictContext) -> None:
        """The data folder is open: make the pages and show the first one (live)."""
        if isinstance(context, DistrictContext):
            self.district_context = context
            self.is_district = True
            self.setWindowTitle(self.title_text())
        else:
            self._context = context
        self.stack.removeWidget(self.opening_label)
        self.opening_label.deleteLater()

        glanced = self.current_page()  # the home page of the glance, kept and made live
        for factory in self.page_factories():
            if factory.key not in self.pages:
                self.add_page(factory(self))
        self.navigation.currentRowChanged.connect(self._on_navigate)
        if glanced is not None:
            glanced.activate()
        elif self.pages:
            self.navigation.setCurrentRow(0)

    def change_language(self, language: str) -> None:
        """Show the window in ``language`` at once, on the same page and assessment.

        Each page builds its words when it is made, so the pages are made again in the new
        language (what they show is all in the database and the preferences); the menus too.
        """
        from wjself.ui.i18n import install_translators

        current = self.current_page()
        key = current.key if current is not None else None
        self.closing.emit()  # a note being typed is stored before its page goes
        tasks.wait_all()
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        install_translators(app, language)
        if self.help_window is not None:
            self.help_window.close()
            self.help_window.deleteLater()
            self.help_window = None
        self.shortcuts.clear()
        for action in self.menuBar().actions():
            menu = action.menu()
            if menu is not None:
                menu.deleteLater()
        self.menuBar().clear()
        self._build_menus()
        self.setWindowTitle(self.title_text())
        self.data_label.setText(fill(self.tr("Data folder: %1"), self.paths.root))
        self.save_label.clear()
        if not self.attached:
            return
        self.navigation.currentRowChanged.disconnect(self._on_navigate)
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()
        self.navigation.clear()
        for factory in self.page_factories():
            self.add_page(factory(self))
        self.navigation.currentRowChanged.connect(self._on_navigate)
        self.show_page(key if key in self.pages else next(iter(self.pages)))
        if key is not None:  # after the walkthrough has reopened its assessment (a zero timer)
            QTimer.singleShot(0, self, lambda: self.show_page(key))

    def show_opening(self, text: str) -> None:
        """Say what the window is doing while the data folder is not open yet (restoring …)."""
        if not self.attached:
            self.opening_label.setText(text)

    @property
    def attached(self) -> bool:
        return self._context is not None or self.district_context is not None

    @property
    def context(self) -> Context:
        if self._context is None:
            raise RuntimeError("the data folder is not open yet")
        return self._context

    # ------------------------------------------------------------ services

    @property
    def workspace(self) -> Workspace:
        return self.context.workspace

    @property
    def district(self) -> DistrictWorkspace:
        """The bureau's services (区教育局端 only)."""
        if self.district_context is None:
            raise RuntimeError("not the bureau's window")
        return self.district_context.district

    def become_district(self) -> bool:
        """Chosen at first start: close the (empty) school data and open this folder as the
        bureau's, with the bureau's pages; remembered for the folder.  False, with the reason
        shown, when the folder cannot be the bureau's (nothing changed then)."""
        from wjself.core.errors import EnvironmentFault, InputError
        from wjself.store.mode import DISTRICT, MODE_SETTING, SCHOOL

        if self.district_loader is None or self._context is None:
            return False
        workspace = self._context.workspace
        if workspace.schools.list() or workspace.assessments.list():
            self.prompts.warn(
                self,
                self.tr("Cannot open as the district bureau"),
                self.tr(
                    "This data folder already holds a school's data; the bureau needs a folder of its own."
                ),
            )
            return False
        # Opening marked the new folder as a school's; it holds nothing of one yet.
        workspace.set_setting(MODE_SETTING, DISTRICT)
        try:
            district = self.district_loader()
        except (InputError, EnvironmentFault) as exc:
            workspace.set_setting(MODE_SETTING, SCHOOL)
            self.prompts.warn(self, self.tr("Cannot open as the district bureau"), str(exc))
            return False
        workspace.close()  # the lock stays: the district context holds it
        self.preferences.district = True
        self.preferences.sync()
        self.navigation.currentRowChanged.disconnect(self._on_navigate)
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()
        self.navigation.clear()
        self._context = None
        self.district_context = district
        self.is_district = True
        self.setWindowTitle(self.title_text())
        for factory in self.page_factories():
            self.add_page(factory(self))
        self.navigation.currentRowChanged.connect(self._on_navigate)
        self.show_page(next(iter(self.pages)))
        return True

    def open_received(self, received_id: int) -> bool:
        """Show received assessment ``received_id`` on the bureau's reading page."""
        from wjself.ui.district_read import ReadPage

        page = self.pages.get(ReadPage.key)
        if not isinstance(page, ReadPage) or not page.open_received(received_id):
            return False
        self.show_page(page.key)
        return True

    # ------------------------------------------------------------ pages

    def add_page(self, page: Page) -> None:
        self.pages[page.key] = page
        self.stack.addWidget(page)
        item = QListWidgetItem(page.navigation_icon(), page.title())
        item.setData(Qt.ItemDataRole.UserRole, page.key)
        self.navigation.addItem(item)
        self.fit_navigation()

    def fit_navigation(self) -> None:
        """The side bar as wide as its longest label, whole, and no wider: the pages need the room."""
        widest = self.navigation.sizeHintForColumn(0)
        frame = 2 * self.navigation.frameWidth()
        width = max(NAVIGATION_MIN_WIDTH, widest + frame + 16)
        self.navigation.setFixedWidth(width)
        self.splitter.setSizes([width, max(1, self.width() - width)])

    def show_page(self, key: str) -> Page:
        """Show page ``key``, reloaded (also when it is already the current page)."""
        page = self.pages[key]
        row = list(self.pages).index(key)
        if self.navigation.currentRow() == row:
            page.activate()
        else:
            self.navigation.setCurrentRow(row)
        return page

    def open_assessment(self, assessment_id: int) -> bool:
        """Show assessment ``assessment_id`` on the walkthrough page; False when it is gone."""
        from wjself.ui.walkthrough import WalkthroughPage

        page = self.pages.get(WalkthroughPage.key)
        if not isinstance(page, WalkthroughPage) or not page.open_assessment(assessment_id):
            return False
        self.show_page(page.key)
        return True

    def current_page(self) -> Page | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, Page) else None

    def _on_navigate(self, row: int) -> None:
        if row < 0:
            return
        page = list(self.pages.values())[row]
        self.stack.setCurrentWidget(page)
        page.activate()

    def reload_pages(self) -> None:
        """The whole database was replaced (a restore): every page drops what it holds."""
        for page in self.pages.values():
            page.reset()
        current = self.current_page()
        if current is not None:
            current.activate()
        self.changes.data_replaced.emit()

    # ------------------------------------------------------------ saving indicator

    def mark_saved(self, when: dt.datetime | None = None) -> None:
        """Say quietly when the last change was stored (every change is saved as it is made)."""
        moment = (when or dt.datetime.now()).strftime("%H:%M:%S")
        self.save_label.setText(fill(self.tr("All changes saved · %1"), moment))

    # ------------------------------------------------------------ menus

    def _build_menus(self) -> None:
        self.file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.help_menu = self.menuBar().addMenu(self.tr("&Help"))
        quit_action = QAction(self.tr("E&xit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        if quit_action.shortcut().isEmpty():  # Windows has no standard key for quitting
            quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        self.file_menu.addAction(quit_action)

        help_action = QAction(self.tr("&Help contents"), self)
        help_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        help_action.triggered.connect(self.show_help)
        self.help_menu.addAction(help_action)
        self.register_shortcut("F1", self.tr("Help"))
        shortcuts = QAction(self.tr("&Keyboard shortcuts"), self)
        shortcuts.triggered.connect(self.show_shortcuts)
        self.help_menu.addAction(shortcuts)
        about = QAction(self.tr("&About"), self)
        about.triggered.connect(self.show_about)
        self.help_menu.addAction(about)

    def register_shortcut(self, keys: str, description: str) -> None:
        """List a shortcut in Help → Keyboard shortcuts."""
        self.shortcuts.append((keys, description))

    def show_shortcuts(self) -> None:
        lines = [f"{keys}\t{text}" for keys, text in self.shortcuts]
        self.prompts.inform(self, self.tr("Keyboard shortcuts"), "\n".join(lines))

    def show_help(self) -> None:
        """The user guide in a window of its own (kept, so F1 again brings it back)."""
        from wjself.ui.help import HelpWindow

        if self.help_window is None:
            self.help_window = HelpWindow(self)
        self.help_window.show()
        self.help_window.raise_()
        self.help_window.activateWindow()

    def about_text(self) -> str:
        return (
            self.tr("Wujin School Self-Assessment")
            + f" {__version__}\n\n"
            + fill(self.tr("Data folder: %1"), self.paths.root)
            + "\n"
            + fill(self.tr("Log file: %1"), self.log_file)
        )

    def show_about(self) -> None:
        self.prompts.inform(self, self.tr("About wjself"), self.about_text())

    # ------------------------------------------------------------ state

    def _restore_state(self) -> None:
        screen = QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)
        geometry = self.preferences.bytes_value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry) or not fits(self, available):
            # Remembered from another screen (a projector, a larger monitor): start afresh.
            place, maximize = first_geometry(available)
            self.setGeometry(place)
            if maximize:
                self.setWindowState(Qt.WindowState.WindowMaximized)

    def save_state(self) -> None:
        self.preferences.set_value("window/geometry", QByteArray(self.saveGeometry()))
        self.preferences.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        tasks.wait_all()
        if self.attached:  # a window that never opened the data leaves the folder as it was
            self.save_state()
        super().closeEvent(event)
