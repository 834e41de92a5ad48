"""佐证材料 of one item: the list of files, and adding (picker, drag and drop, clipboard), opening, removing.

The panel only shows and asks; the walkthrough page attaches files through the evidence
service (off the GUI thread: images are checked and scaled there) and removes them.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QIcon, QImageReader, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wjself.core.assessment import Evidence
from wjself.regular_files import read_regular
from wjself.ui.icons import icon
from wjself.ui.widgets import MUTED, error_label, show_error

EVIDENCE_ROLE = Qt.ItemDataRole.UserRole + 1
THUMB = 40


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def local_files(mime: QMimeData) -> list[Path]:
    """The local files (not folders) among dropped or pasted URLs."""
    if not mime.hasUrls():
        return []
    paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
    return [p for p in paths if p.is_file()]


def clipboard_image_file() -> Path | None:
    """Save the clipboard's image as a PNG in a new temporary folder; None when it holds none.

    The caller deletes the folder once the file has been attached (the store keeps a copy).
    """
    image = QGuiApplication.clipboard().image()
    if image.isNull():
        return None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = Path(tempfile.mkdtemp(prefix="wjself-paste-")) / f"粘贴的图片-{stamp}.png"
    if not image.save(str(path)):  # PNG, from the suffix
        return None
    return path


class EvidencePanel(QWidget):
    """The files attached to one item."""

    pick_requested = Signal()  # the person wants to choose files
    add_requested = Signal(list, bool)  # paths to attach; True: temporary copies to delete after
    remove_requested = Signal(object)  # Evidence
    open_requested = Signal(object)  # Evidence

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidencePanel")
        self.list = QListWidget()
        self.list.setObjectName("evidenceList")
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setMaximumHeight(150)
        self.list.setMinimumHeight(60)
        self.list.itemActivated.connect(lambda _item: self.open_current())
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.hint = QLabel(
            self.tr("No files yet. Add files, drop them here, or paste a picture (Ctrl+V).")
        )
        self.hint.setObjectName("evidenceHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {MUTED}")

        self.add_button = QPushButton(icon("attach"), self.tr("Add files…"))
        self.add_button.setObjectName("addEvidence")
        self.paste_button = QPushButton(icon("paste"), self.tr("Paste picture"))
        self.paste_button.setObjectName("pasteEvidence")
        self.paste_button.setToolTip(
            self.tr("Attach the picture on the clipboard (Ctrl+V in the list)")
        )
        self.open_button = QPushButton(icon("launch"), self.tr("Open"))
        self.open_button.setObjectName("openEvidence")
        self.remove_button = QPushButton(icon("delete"), self.tr("Remove"))
        self.remove_button.setObjectName("removeEvidence")
        self.add_button.clicked.connect(self.pick_requested)
        self.open_button.clicked.connect(self.open_current)
        self.remove_button.clicked.connect(self.remove_current)
        self.paste_button.clicked.connect(self.paste)
        paste = QShortcut(QKeySequence.StandardKey.Paste, self.list)
        paste.setContext(Qt.ShortcutContext.WidgetShortcut)
        paste.activated.connect(self.paste)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.list)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_current)

        self.busy = QProgressBar()
        self.busy.setObjectName("evidenceBusy")
        self.busy.setRange(0, 0)
        self.busy.setMaximumHeight(6)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.error = error_label("evidenceError")

        buttons = QHBoxLayout()
        for button in (self.add_button, self.paste_button, self.open_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addWidget(self.hint)
        layout.addWidget(self.busy)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self._read_only = False

    def show_evidence(self, files: Sequence[Evidence], read_only: bool) -> None:
        self._read_only = read_only
        keep = self.list.currentRow()
        self.list.clear()
        for evidence in files:
            item = QListWidgetItem(
                self._icon(evidence), f"{evidence.name}    {size_text(evidence.size)}"
            )
            item.setData(EVIDENCE_ROLE, evidence)
            item.setToolTip(
                self.tr("%1\nadded %2")
                .replace("%1", evidence.name)
                .replace("%2", evidence.added_at.strftime("%Y-%m-%d %H:%M"))
            )
            self.list.addItem(item)
        self.list.setVisible(bool(files))
        self.hint.setVisible(not files)
        if files:
            self.list.setCurrentRow(min(max(keep, 0), len(files) - 1))
        self.add_button.setVisible(not read_only)
        self.paste_button.setVisible(not read_only)
        self.remove_button.setVisible(not read_only)
        if read_only:
            self.hint.setText(self.tr("No files attached."))
        else:
            self.hint.setText(
                self.tr("No files yet. Add files, drop them here, or paste a picture (Ctrl+V).")
            )
        self._update_buttons()

    def _icon(self, evidence: Evidence) -> QIcon:
        if evidence.is_image:
            try:
                # Read as an ordinary file of the recorded size: a FIFO or device must not hang.
                data = read_regular(evidence.path, max(0, evidence.size))
            except OSError:
                return icon("warning", "#c62828")
            buffer = QBuffer()
            buffer.setData(QByteArray(data))
            reader = QImageReader(buffer)
            size = reader.size()
            if size.isValid() and size.width() > 0 and size.height() > 0:
                reader.setScaledSize(size.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio))
            image = reader.read()
            if not image.isNull():
                return QIcon(QPixmap.fromImage(image))
            return icon("warning", "#c62828")
        return icon("new")

    def _update_buttons(self) -> None:
        chosen = self.current() is not None
        self.open_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen and not self._read_only)

    def current(self) -> Evidence | None:
        row = (
            self.list.currentRow()
        )  # asked first: currentItem() returning None costs (PySide6 6.12)
        evidence = self.list.item(row).data(EVIDENCE_ROLE) if row >= 0 else None
        return evidence if isinstance(evidence, Evidence) else None

    def open_current(self) -> None:
        evidence = self.current()
        if evidence is not None:
            self.open_requested.emit(evidence)

    def remove_current(self) -> None:
        evidence = self.current()
        if evidence is not None and not self._read_only:
            self.remove_requested.emit(evidence)

    def paste(self) -> None:
        """Attach what the clipboard holds: copied files, or a picture (saved as PNG)."""
        if self._read_only:
            return
        files = local_files(QGuiApplication.clipboard().mimeData())
        if files:
            self.add_requested.emit(files, False)
            return
        picture = clipboard_image_file()
        if picture is None:
            show_error(self.error, self.tr("The clipboard holds no picture or file to attach."))
            return
        self.add_requested.emit([picture], True)

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.add_button.setEnabled(not busy)
        self.paste_button.setEnabled(not busy)
