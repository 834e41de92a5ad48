"""Every question the window asks the user goes through one Prompts object.

Widgets never call QMessageBox or QFileDialog directly; tests replace the Prompts object with
one that answers from a script, so no dialog ever blocks a test.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QPushButton, QWidget


class Prompts:
    """Modal questions and notices, shown with Qt's standard dialogs."""

    def confirm(
        self, parent: QWidget | None, title: str, text: str, *, destructive: bool = False
    ) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)  # fmt: skip
        box.setDefaultButton(
            QMessageBox.StandardButton.No if destructive else QMessageBox.StandardButton.Yes
        )
        return box.exec() == QMessageBox.StandardButton.Yes

    def choose(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        choices: list[str],
        *,
        details: str = "",
        warning: bool = True,
    ) -> int:
        """Ask with one button per choice; the index of the one pressed.  The last choice is the
        way out (Escape and closing the dialog pick it); the first is the default."""
        box, buttons = choice_box(parent, title, text, choices, details=details, warning=warning)
        box.exec()
        clicked = box.clickedButton()
        return buttons.index(clicked) if clicked in buttons else len(choices) - 1

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def warn(self, parent: QWidget | None, title: str, text: str, details: str = "") -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent
        )
        if details:
            box.setDetailedText(details)
        box.exec()

    def error(self, parent: QWidget | None, title: str, text: str, details: str = "") -> None:
        box = QMessageBox(
            QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, parent
        )
        if details:
            box.setDetailedText(details)
        box.exec()

    def ask_text(
        self, parent: QWidget | None, title: str, label: str, text: str = ""
    ) -> str | None:
        value, ok = QInputDialog.getText(parent, title, label, text=text)
        return value if ok else None

    def open_file(
        self, parent: QWidget | None, title: str, filters: str, folder: str = ""
    ) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, title, folder, filters)
        return Path(name) if name else None

    def open_files(
        self, parent: QWidget | None, title: str, filters: str, folder: str = ""
    ) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(parent, title, folder, filters)
        return [Path(n) for n in names]

    def open_folder(self, parent: QWidget | None, title: str, folder: str = "") -> Path | None:
        name = QFileDialog.getExistingDirectory(parent, title, folder)
        return Path(name) if name else None

    def save_file(
        self, parent: QWidget | None, title: str, suggested: str, filters: str
    ) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return Path(name) if name else None

    def open_path(self, path: Path) -> bool:
        """Open a file or folder with the program the system uses for it."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def choice_box(
    parent: QWidget | None,
    title: str,
    text: str,
    choices: list[str],
    *,
    details: str = "",
    warning: bool = True,
) -> tuple[QMessageBox, list[QPushButton]]:
    """The message box ``Prompts.choose`` shows (also used for screenshots): one button per
    choice, the first the default, the last the escape."""
    box = QMessageBox(
        QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Question, title, text,
        QMessageBox.StandardButton.NoButton, parent,
    )  # fmt: skip
    buttons = []
    for n, choice in enumerate(choices):
        last = n == len(choices) - 1
        role = QMessageBox.ButtonRole.RejectRole if last else QMessageBox.ButtonRole.AcceptRole
        buttons.append(box.addButton(choice, role))
    box.setDefaultButton(buttons[0])
    box.setEscapeButton(buttons[-1])
    if details:
        box.setDetailedText(details)
    return box, buttons
