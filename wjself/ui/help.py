"""The user guide (docs/用户手册.md) shown inside the program, offline, on F1."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from wjself import resources
from wjself.ui.i18n import fill

GUIDE_NAME = "用户手册.md"


def guide_path() -> Path:
    """Where the guide is: ``docs/`` beside ``resources/`` (source checkout and the frozen build)."""
    return resources.root().parent / "docs" / GUIDE_NAME


def _anchor_key(text: str) -> str:
    # GitHub-style anchors drop punctuation and spaces; compare headings the same way.
    return re.sub(r"[\s\W_]+", "", text.lower())


class HelpWindow(QDialog):
    """A window with the user guide; the guide's own links (contents) jump within it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("User guide"))
        self.resize(900, 760)
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._follow)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        path = guide_path()
        if path.is_file():
            self.browser.setSource(
                QUrl.fromLocalFile(str(path)), QTextDocument.ResourceType.MarkdownResource
            )
        else:
            self.browser.setPlainText(fill(self.tr("The user guide was not found at %1."), path))

    def _follow(self, url: QUrl) -> None:
        if url.hasFragment() and (not url.path() or url.path().endswith(GUIDE_NAME)):
            self.jump_to(url.fragment(QUrl.ComponentFormattingOption.FullyDecoded))

    def jump_to(self, anchor: str) -> bool:
        """Scroll to the heading whose GitHub-style anchor is ``anchor``; False if none is."""
        wanted = _anchor_key(anchor)
        block = self.browser.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() and _anchor_key(block.text()) == wanted:
                cursor = QTextCursor(block)
                self.browser.setTextCursor(cursor)
                # Put the heading at the top rather than merely somewhere in view.
                bar = self.browser.verticalScrollBar()
                bar.setValue(bar.maximum())
                self.browser.ensureCursorVisible()
                return True
            block = block.next()
        return False
