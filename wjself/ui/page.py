"""The base of the window's pages (home, walkthrough, rectifications, templates, settings)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QStyle, QWidget

if TYPE_CHECKING:
    from wjself.ui.main_window import MainWindow


class Page(QWidget):
    """One page of the main window, shown in the navigation list on the left.

    Subclasses set ``key`` and ``icon`` and implement ``title`` (translated at run time) and
    ``activate`` (refresh from the services when the page is shown).
    """

    key = ""
    icon = QStyle.StandardPixmap.SP_FileIcon

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window

    def title(self) -> str:
        raise NotImplementedError

    def navigation_icon(self) -> QIcon:
        """The icon in the navigation list (Qt's standard ``icon`` unless a page draws its own)."""
        return self.style().standardIcon(self.icon)

    def activate(self) -> None:
        """Called each time the page is shown; reload what may have changed."""

    def reset(self) -> None:
        """The data was replaced (a restore): forget any record held; the next activate reloads."""
