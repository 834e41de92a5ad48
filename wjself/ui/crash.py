"""What happens on a bug in the window: log it, tell the user where the log is, keep the data."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication

from wjself.ui.i18n import fill

log = logging.getLogger("wjself.crash")


def bug_message(log_file: Path) -> tuple[str, str]:
    """The title and text of the dialog shown for a bug: the data is safe, where the log is."""
    title = QCoreApplication.translate("Crash", "Unexpected error")
    text = fill(
        QCoreApplication.translate(
            "Crash",
            "wjself ran into an unexpected error. Your answers saved so far are safe.\n\n"
            "Please send the log file to support:\n%1",
        ),
        log_file,
    )
    return title, text


def log_bug(details: str) -> None:
    log.error("unexpected error\n%s", details)


def install_excepthook(log_file: Path, show: Callable[[str, str, str], None]) -> None:
    """Route uncaught exceptions (including those in Qt slots) to the log and a dialog.

    ``show(title, text, details)`` displays the message; the window stays usable, and since
    every answer is committed as it is made, nothing typed before the error is lost.
    """
    showing = False

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            QCoreApplication.quit()
            return
        details = "".join(traceback.format_exception(kind, value, tb))
        log_bug(details)
        if showing:  # an error while the dialog is up must not stack dialogs
            return
        showing = True
        try:
            title, text = bug_message(log_file)
            show(title, text, details)
        finally:
            showing = False

    sys.excepthook = hook
