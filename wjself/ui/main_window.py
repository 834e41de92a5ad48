"""The main window (for now: which data folder is in use)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from wjself import __version__

if TYPE_CHECKING:
    from wjself.app import Context


class MainWindow(QMainWindow):
    """Top-level window of wjself."""

    def __init__(self, context: Context) -> None:
        super().__init__()
        self.context = context
        self.setWindowTitle(self.tr("Wujin School Self-Assessment") + f" {__version__}")
        central = QWidget(self)
        layout = QVBoxLayout(central)
        self.data_label = QLabel(self.tr("Data folder: %1").replace("%1", str(context.paths.root)))
        self.data_label.setObjectName("dataFolder")
        layout.addWidget(self.data_label)
        self.setCentralWidget(central)
        self.resize(900, 600)
