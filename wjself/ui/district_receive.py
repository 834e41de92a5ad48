"""The bureau's Receive page (接收): many school bundles at once, checked and kept.

Files come from the file picker (several at once), a folder (its ``*.wjsa``), or are dropped
onto the page.  ``wjself.district.import_bundles`` does the work off the GUI thread
(``ui.tasks``) with a progress bar and a Cancel button; it checks every bundle on its own, so
one bad file never stops the rest.  Afterwards a table says, file by file, what was accepted,
what replaced an older bundle, and what was refused and why, with the key id of a school seen
for the first time (to compare by phone before trusting it).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from wjself.district import ImportLine, ImportSummary, import_bundles
from wjself.ui import tasks
from wjself.ui.feedback import show_failure
from wjself.ui.i18n import fill
from wjself.ui.models import Column, RecordTableModel
from wjself.ui.page import Page
from wjself.ui.widgets import (
    ERROR,
    MUTED,
    SUCCESS,
    UPGRADE_INK,
    ink,
    label,
    scaled_font,
    table_view,
)

if TYPE_CHECKING:
    from wjself.ui.main_window import MainWindow

BUNDLE_SUFFIX = ".wjsa"
FOLDER_KEY = "district/receive_folder"
ACCEPTED, REPLACED, REFUSED, ALREADY = "accepted", "replaced", "refused", "already"


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """One file of the last import, with what happened to it."""

    outcome: str  # ACCEPTED, REPLACED, REFUSED or ALREADY
    line: ImportLine


def summary_rows(summary: ImportSummary) -> list[SummaryRow]:
    """The refused first (they need a call to the school), then replaced, accepted, already."""
    return [
        *(SummaryRow(REFUSED, line) for line in summary.refused),
        *(SummaryRow(REPLACED, line) for line in summary.replaced),
        *(SummaryRow(ACCEPTED, line) for line in summary.accepted),
        *(SummaryRow(ALREADY, line) for line in summary.already),
    ]


def dropped_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    """The local files and folders being dragged (anything else is not ours to take)."""
    data = event.mimeData()
    if not data.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]


class ReceivePage(Page):
    """接收: choose or drop bundles, watch them being checked, read what happened."""

    key = "district-receive"
    icon = QStyle.StandardPixmap.SP_ArrowDown

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setAcceptDrops(True)
        self._cancel = threading.Event()
        self._current = ""  # the file being checked, written by the worker
        self.running = False
        self.summary: ImportSummary | None = None

        heading = QLabel(self.tr("Receive bundles"))
        heading.setFont(scaled_font(heading, 1.2, bold=True))
        intro = label(
            self.tr(
                "Bundles (.wjsa) from the schools: choose them, choose a folder, or drop them "
                "onto this page. Each is checked (every file's hash, the fingerprint, the "
                "signature and the score) and kept read-only; a newer bundle of the same school, "
                "checklist and period replaces the older, which stays in the history."
            ),
            muted=True,
            wrap=True,
        )
        self.files_button = QPushButton(self.tr("Choose bundles…"))
        self.files_button.setObjectName("receiveFiles")
        self.files_button.clicked.connect(self.choose_files)
        self.folder_button = QPushButton(self.tr("Choose a folder…"))
        self.folder_button.setObjectName("receiveFolder")
        self.folder_button.clicked.connect(self.choose_folder)
        # Read out by phone when a school pins the bureau's key (its first review or template).
        self.own_key = label(
            fill(
                self.tr(
                    "This bureau's signing key: %1 (schools compare it when they import a review)"
                ),
                window.district.workspace.signing_key.key_id,
            ),
            muted=True,
            name="bureauKey",
        )
        self.own_key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        buttons.addWidget(self.files_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.own_key)

        self.drop_area = QLabel(self.tr("Drop bundles or folders here"))
        self.drop_area.setObjectName("receiveDrop")
        self.drop_area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_area.setFrameShape(QFrame.Shape.StyledPanel)
        self.drop_area.setMinimumHeight(56)
        self.drop_area.setStyleSheet(f"{ink(MUTED)}; border: 2px dashed; padding: 8px")

        self._build_progress()

        self.counts = label(name="receiveCounts", wrap=True)
        self.counts.setFont(scaled_font(self.counts, 1.05, bold=True))
        self.model: RecordTableModel[SummaryRow] = RecordTableModel(self._columns(), self)
        self.table = table_view(self.model, stretch=5)
        self.table.setObjectName("receiveTable")
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(self._open_row)

        self._build_menu_action()
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.drop_area)
        layout.addWidget(self.progress_row)
        layout.addWidget(self.progress_text)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)

    def _build_menu_action(self) -> None:
        """File → Receive bundles… (Ctrl+O), in the window's menu while this page exists."""
        # File → Receive bundles… (Ctrl+O) from any page; the action goes with the page (a
        # language change makes both again).
        self.receive_action = QAction(self.tr("&Receive bundles…"), self)
        self.receive_action.setShortcut(QKeySequence.StandardKey.Open)
        self.receive_action.triggered.connect(self._choose_from_anywhere)
        menu = self.window_.file_menu
        first = menu.actions()[0] if menu.actions() else None
        if first is None:
            menu.addAction(self.receive_action)
        else:
            menu.insertAction(first, self.receive_action)
        self.window_.register_shortcut(
            QKeySequence(QKeySequence.StandardKey.Open).toString(
                QKeySequence.SequenceFormat.NativeText
            ),
            self.tr("Receive bundles"),
        )

    def _build_progress(self) -> None:
        """The progress bar with Cancel, and the line naming the bundle being checked (both
        shown only while an import runs)."""
        self.progress = QProgressBar()
        self.progress.setObjectName("receiveProgress")
        self.progress_text = label(name="receiveStatus", muted=True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("receiveCancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.progress_row = QWidget()
        row = QHBoxLayout(self.progress_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        self.progress_row.hide()
        self.progress_text.hide()

    def title(self) -> str:
        return self.tr("Receive")

    def _columns(self) -> list[Column[SummaryRow]]:
        words = {
            ACCEPTED: self.tr("Accepted"),
            REPLACED: self.tr("Replaced an older one"),
            REFUSED: self.tr("Refused"),
            ALREADY: self.tr("Received before"),
        }
        colours = {ACCEPTED: SUCCESS, REPLACED: SUCCESS, REFUSED: ERROR, ALREADY: MUTED}

        return [
            Column(
                lambda: self.tr("Result"),
                lambda r: words[r.outcome],
                roles={Qt.ItemDataRole.ForegroundRole: lambda r: QColor(colours[r.outcome])},
            ),
            Column(lambda: self.tr("File"), lambda r: r.line.path.name),
            Column(
                lambda: self.tr("School"),
                lambda r: " ".join(p for p in (r.line.school_name, r.line.school_code) if p),
            ),
            Column(lambda: self.tr("Checklist"), lambda r: r.line.template_id),
            Column(lambda: self.tr("Period"), lambda r: r.line.period),
            Column(
                lambda: self.tr("Reason / what to know"),
                lambda r: r.line.reason,
                roles={Qt.ItemDataRole.ToolTipRole: lambda r: r.line.line()},
            ),
            Column(
                lambda: self.tr("Key id (compare by phone)"),
                lambda r: r.line.key_id,
                roles={Qt.ItemDataRole.ForegroundRole: lambda r: QColor(UPGRADE_INK)},
            ),
        ]

    # ------------------------------------------------------------ choosing

    def _folder(self) -> str:
        return str(self.window_.preferences.value(FOLDER_KEY, "") or "")

    def choose_files(self) -> None:
        paths = self.window_.prompts.open_files(
            self, self.tr("Choose bundles"), self.tr("Assessment bundles (*.wjsa)"), self._folder()
        )
        if paths:
            self.window_.preferences.set_value(FOLDER_KEY, str(paths[0].parent))
            self.receive(paths)

    def _choose_from_anywhere(self) -> None:
        if not self.running:
            self.window_.show_page(self.key)
            self.choose_files()

    def choose_folder(self) -> None:
        folder = self.window_.prompts.open_folder(
            self, self.tr("Choose a folder of bundles"), self._folder()
        )
        if folder is not None:
            self.window_.preferences.set_value(FOLDER_KEY, str(folder))
            self.receive([folder])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if not self.running and dropped_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_paths(event)
        if self.running or not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.receive(paths)

    # ------------------------------------------------------------ importing

    def receive(self, paths: Sequence[Path]) -> None:
        """Import ``paths`` (files, and folders standing for their bundles) in the background."""
        if self.running:
            return
        self.running = True
        self._cancel.clear()
        self._current = ""
        self._busy(True)
        self.progress.setRange(0, 0)  # until the first file is counted
        self.progress_text.setText(self.tr("Looking for bundles…"))
        district = self.window_.district
        files = list(paths)

        def work(report: object) -> ImportSummary:
            def progress(done: int, total: int, name: str) -> None:
                self._current = name
                assert callable(report)
                report(done, total)

            return import_bundles(district, files, progress, self._cancel.is_set)

        tasks.start(work, self._done, self._failed, self._progress)

    def cancel(self) -> None:
        """Stop after the bundle being checked (what is done stays done)."""
        self._cancel.set()
        self.cancel_button.setEnabled(False)
        self.progress_text.setText(self.tr("Stopping after the current bundle…"))

    def _progress(self, done: int, total: int) -> None:
        if not isValid(self):  # the pages were made again (a language change) meanwhile
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if not self._cancel.is_set():
            self.progress_text.setText(fill(self.tr("%1 of %2: %3"), done, total, self._current))

    def _busy(self, busy: bool) -> None:
        self.files_button.setEnabled(not busy)
        self.folder_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.progress_row.setVisible(busy)
        self.progress_text.setVisible(busy)

    def _done(self, summary: ImportSummary) -> None:
        if not isValid(self):
            return
        self.running = False
        self._busy(False)
        self.show_summary(summary)
        self.window_.mark_saved()
        self.window_.changes.bundles_received.emit()

    def _failed(self, exc: BaseException, details: str) -> None:
        if not isValid(self):
            return
        self.running = False
        self._busy(False)
        show_failure(self.window_, self.tr("The bundles were not received"), exc, details)

    def show_summary(self, summary: ImportSummary) -> None:
        self.summary = summary
        parts = [
            fill(self.tr("Accepted: %1"), len(summary.accepted)),
            fill(self.tr("Replaced an older one: %1"), len(summary.replaced)),
            fill(self.tr("Refused: %1"), len(summary.refused)),
        ]
        if summary.already:
            parts.append(fill(self.tr("Received before: %1"), len(summary.already)))
        text = " · ".join(parts)
        if summary.cancelled:
            text += " · " + self.tr("Stopped before the end: the rest was not looked at.")
        if summary.total == 0 and not summary.cancelled:
            text = self.tr("No bundle (.wjsa) was found in what was chosen.")
        self.counts.setText(text)
        self.counts.setStyleSheet(ink(ERROR) if summary.refused else "")
        self.model.set_records(summary_rows(summary))

    def _open_row(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        received = self.model.record(index.row()).line.received_id
        if received is not None:
            self.window_.open_received(received)
