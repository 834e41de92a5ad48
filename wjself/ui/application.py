"""Creates the QApplication, registers the font, shows the main window and runs the loop."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from wjself import __version__

if TYPE_CHECKING:
    from wjself.app import Context
from wjself.ui.fonts import install_cjk_font
from wjself.ui.main_window import MainWindow


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("wjself")
    app.setApplicationDisplayName("武进学校自评")
    app.setApplicationVersion(__version__)
    install_cjk_font(app)
    return app


def run(context: Context, exit_after_startup: bool = False) -> int:
    app = create_application()
    window = MainWindow(context)
    window.show()
    if exit_after_startup:
        QTimer.singleShot(0, app.quit)
    return app.exec()


def show_startup_error(message: str) -> int:
    """Tell the person why the window cannot open (data folder in use, damaged …); exit code 2."""
    create_application()
    QMessageBox.critical(None, "武进学校自评", message)
    return 2
