"""Creates the QApplication (font, translations, crash handling), shows the main window, runs the loop."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from wjself import __version__, resources
from wjself.ui.crash import install_excepthook
from wjself.ui.fonts import install_cjk_font
from wjself.ui.i18n import CHINESE, install_translators
from wjself.ui.main_window import MainWindow
from wjself.ui.none_guard import protect_none
from wjself.ui.preferences import Preferences
from wjself.ui.prompts import Prompts

if TYPE_CHECKING:
    from wjself.app import Context


def create_application(language: str = CHINESE, argv: list[str] | None = None) -> QApplication:
    protect_none()  # before the first widget: PySide6 6.12 on Python 3.11 would abort in time
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("wjself")
    app.setApplicationDisplayName("武进学校自评")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    install_cjk_font(app)
    install_translators(app, language)
    return app


def app_icon() -> QIcon:
    icon = QIcon()
    for px in (16, 32, 48, 64, 128, 256):
        icon.addFile(str(resources.path("icons", f"wjself-{px}.png")))
    return icon


def run(context: Context, exit_after_startup: bool = False) -> int:
    preferences = Preferences(context.paths.root)
    app = create_application(preferences.language)
    window = MainWindow(context, Prompts(), preferences)
    install_crash_dialog(window)
    window.show()
    if exit_after_startup:
        QTimer.singleShot(0, app.quit)
    else:
        from wjself.ui.wizard import first_start

        QTimer.singleShot(0, lambda: first_start(window))
    return app.exec()


def install_crash_dialog(window: MainWindow) -> None:
    """A bug anywhere in the window is logged and shown with the log file's path."""
    install_excepthook(
        window.context.log_file,
        lambda title, text, details: window.prompts.error(window, title, text, details),
    )


def show_startup_error(message: str, prompts: Prompts | None = None) -> int:
    """Tell the person why the window cannot open (data folder in use, damaged …); exit code 2."""
    create_application()
    title = QCoreApplication.translate("Startup", "wjself cannot open")
    text = (
        message
        + "\n\n"
        + QCoreApplication.translate(
            "Startup", "Nothing in the data folder was changed. This window will now close."
        )
    )
    (prompts or Prompts()).error(None, title, text)
    return 2
