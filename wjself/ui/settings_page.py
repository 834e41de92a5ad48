"""The Settings page: schools, who changes are recorded as, language, data folder, backups, about.

Backing up runs off the GUI thread (a consistent copy by SQLite's backup API).  Restoring
replaces the whole database after a clear warning — the current data is backed up first — and
then every page reloads from the restored data.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from wjself import __version__
from wjself.core.school import School
from wjself.core.stages import FACTS
from wjself.store.backup import backup_time
from wjself.store.lock import current_user
from wjself.store.workspace import ENV_USER, OPERATOR_SETTING
from wjself.ui import tasks
from wjself.ui.feedback import reported, show_failure
from wjself.ui.i18n import LANGUAGES, fill
from wjself.ui.models import RECORD_ROLE, Column, RecordTableModel
from wjself.ui.page import Page
from wjself.ui.signing_box import SigningBox
from wjself.ui.widgets import DONE_INK, MUTED, ink, table_view
from wjself.ui.wizard import SchoolWizard, open_wizard

if TYPE_CHECKING:
    from wjself.ui.main_window import MainWindow

NOTE_STYLE = ink(MUTED)
DONE_STYLE = ink(DONE_INK)


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def _note(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(NOTE_STYLE)
    return label


class SettingsPage(Page):
    """Schools, operator, language, data folder and log, backup and restore, about."""

    key = "settings"
    icon = QStyle.StandardPixmap.SP_FileDialogContentsView

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.wizard: SchoolWizard | None = None
        grid = QGridLayout()
        grid.addWidget(self._school_box(), 0, 0)
        grid.addWidget(self._operator_box(), 1, 0)
        grid.addWidget(self._language_box(), 2, 0)
        grid.addWidget(self._about_box(), 3, 0)
        grid.addWidget(self._backup_box(), 0, 1, 3, 1)
        grid.addWidget(self._folder_box(), 3, 1)
        self.signing_box = SigningBox(window)
        grid.addWidget(self.signing_box, 4, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(5, 1)
        inner = QWidget()
        inner.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def title(self) -> str:
        return self.tr("Settings")

    def activate(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        self.refresh_schools()
        self.refresh_operator()
        self.refresh_backups()
        self.signing_box.refresh()  # a restore may have brought another key back

    # ------------------------------------------------------------ schools

    def _school_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("School"))
        self.schools_model: RecordTableModel[School] = RecordTableModel(
            [
                Column(lambda: self.tr("Name"), lambda s: s.name),
                Column(lambda: self.tr("School code"), lambda s: s.code),
                Column(lambda: self.tr("Stages"), lambda s: "、".join(s.stages)),
                Column(
                    lambda: self.tr("Facts"),
                    lambda s: "、".join(self._fact_labels(s)) or "—",
                ),
            ],
            self,
        )
        self.schools_view = table_view(self.schools_model, stretch_last=True)
        self.schools_view.setObjectName("schoolsTable")
        self.schools_view.setMaximumHeight(120)
        self.schools_view.doubleClicked.connect(lambda _i: self.edit_school())
        self.edit_school_button = QPushButton(self.tr("&Edit school…"))
        self.edit_school_button.setObjectName("editSchool")
        self.edit_school_button.clicked.connect(self.edit_school)
        self.add_school_button = QPushButton(self.tr("Add another school…"))
        self.add_school_button.setObjectName("addSchool")
        self.add_school_button.clicked.connect(self.add_school)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_school_button)
        buttons.addWidget(self.add_school_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addWidget(self.schools_view)
        layout.addLayout(buttons)
        layout.addWidget(
            _note(
                self.tr(
                    "The stages and facts decide which checklist items apply; drafts follow "
                    "changes, finalized assessments keep the profile they were signed with."
                )
            )
        )
        return box

    @staticmethod
    def _fact_labels(school: School) -> list[str]:
        return [label for fact, label in FACTS.items() if school.fact(fact)]

    def refresh_schools(self) -> None:
        selected = self.selected_school()
        schools = self.window_.workspace.schools.list()
        self.schools_model.set_records(schools)
        row = next(
            (n for n, s in enumerate(schools) if selected and s.id == selected.id),
            0 if schools else -1,
        )
        if row >= 0:
            self.schools_view.selectRow(row)
        self.edit_school_button.setEnabled(bool(schools))
        self.add_school_button.setText(
            self.tr("Add another school…") if schools else self.tr("&Register the school…")
        )

    def selected_school(self) -> School | None:
        rows = self.schools_view.selectionModel().selectedRows()
        return rows[0].data(RECORD_ROLE) if rows else None

    def edit_school(self) -> SchoolWizard | None:
        school = self.selected_school()
        if school is None:
            return None
        return self._open_wizard(school)

    def add_school(self) -> SchoolWizard:
        first = not self.window_.workspace.schools.list()
        return self._open_wizard(None, first_start=first)

    def _open_wizard(self, school: School | None, first_start: bool = False) -> SchoolWizard:
        self.wizard = open_wizard(self.window_, school, first_start=first_start)
        self.wizard.saved.connect(lambda _school: self.refresh_schools())
        return self.wizard

    # ------------------------------------------------------------ operator

    def _operator_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Changes are recorded as"))
        self.operator_edit = QLineEdit()
        self.operator_edit.setObjectName("operator")
        self.operator_edit.setPlaceholderText(
            fill(self.tr("the computer's login name (%1)"), current_user())
        )
        self.operator_button = QPushButton(self.tr("Save name"))
        self.operator_button.setObjectName("saveOperator")
        self.operator_button.clicked.connect(self.save_operator)
        self.operator_edit.returnPressed.connect(self.save_operator)
        line = QHBoxLayout()
        line.addWidget(self.operator_edit, 1)
        line.addWidget(self.operator_button)
        self.operator_note = _note()
        self.operator_note.setObjectName("operatorNote")
        layout = QVBoxLayout(box)
        layout.addWidget(
            _note(
                self.tr(
                    "Every change (answers, rectifications, school) is recorded with this "
                    "name in the history, e.g. 安全办 陈老师."
                )
            )
        )
        layout.addLayout(line)
        layout.addWidget(self.operator_note)
        return box

    def refresh_operator(self) -> None:
        ws = self.window_.workspace
        self.operator_edit.setText(ws.setting(OPERATOR_SETTING) or "")
        note = fill(self.tr("Changes are now recorded as: %1"), ws.operator)
        if os.environ.get(ENV_USER, "").strip():
            note += "\n" + fill(
                self.tr("(set by the environment variable %1, which takes precedence)"), ENV_USER
            )
        self.operator_note.setText(note)

    def save_operator(self) -> None:
        with reported(self.window_, self.tr("The name was not saved")) as outcome:
            self.window_.workspace.set_operator(self.operator_edit.text())
        if outcome.ok:
            self.window_.mark_saved()
            self.refresh_operator()

    # ------------------------------------------------------------ language

    def _language_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Language"))
        self.language_box = QComboBox()
        self.language_box.setObjectName("language")
        for code, name in LANGUAGES.items():
            self.language_box.addItem(name, code)
        self.language_box.setCurrentIndex(
            max(0, self.language_box.findData(self.window_.preferences.language))
        )
        self.language_box.currentIndexChanged.connect(self._language_chosen)
        line = QHBoxLayout()
        line.addWidget(QLabel(self.tr("Interface language")))
        line.addWidget(self.language_box)
        line.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addLayout(line)
        layout.addWidget(
            _note(self.tr("Checklists, reports and messages from the data stay in Chinese."))
        )
        return box

    def _language_chosen(self) -> None:
        code = str(self.language_box.currentData())
        preferences = self.window_.preferences
        preferences.language = code
        preferences.sync()
        # At once, not on the next start: the window makes its pages again in the new language
        # (this page too, so once this slot has returned).
        window = self.window_
        QTimer.singleShot(0, window, lambda: window.change_language(code))

    # ------------------------------------------------------------ data folder

    def _folder_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Data folder and log"))
        paths = self.window_.context.paths
        form = QFormLayout()
        for label, value in (
            (self.tr("Data folder"), str(paths.root)),
            (self.tr("Database"), str(paths.database)),
            (self.tr("Log file"), str(self.window_.context.log_file)),
        ):
            field = QLabel(value)
            field.setWordWrap(True)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, field)
        open_button = QPushButton(self.tr("&Open the data folder"))
        open_button.setObjectName("openDataFolder")
        open_button.clicked.connect(self.open_data_folder)
        copy_button = QPushButton(self.tr("Copy the log file's path"))
        copy_button.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(str(self.window_.context.log_file))
        )
        buttons = QHBoxLayout()
        buttons.addWidget(open_button)
        buttons.addWidget(copy_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addLayout(form)
        layout.addLayout(buttons)
        return box

    def open_data_folder(self) -> None:
        root = self.window_.context.paths.root
        if not self.window_.prompts.open_path(root):
            self.window_.prompts.warn(
                self,
                self.tr("Cannot open the folder"),
                fill(self.tr("Open this folder in the file manager yourself:\n%1"), root),
            )

    # ------------------------------------------------------------ backup and restore

    def _backup_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Backup and restore"))
        self.backup_button = QPushButton(self.tr("&Back up now…"))
        self.backup_button.setObjectName("backupNow")
        self.backup_button.clicked.connect(self.backup_now)
        self.backup_note = QLabel()
        self.backup_note.setObjectName("backupNote")
        self.backup_note.setWordWrap(True)
        self.backups_model: RecordTableModel[Path] = RecordTableModel(
            [
                Column(lambda: self.tr("Taken"), self._backup_when),
                Column(lambda: self.tr("Kind"), self._backup_kind),
                Column(
                    lambda: self.tr("Size"),
                    lambda p: size_text(p.stat().st_size) if p.exists() else "—",
                    align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                ),
                Column(lambda: self.tr("File"), lambda p: p.name),
            ],
            self,
        )
        self.backups_view = table_view(self.backups_model, stretch_last=True)
        self.backups_view.setObjectName("backupsTable")
        self.backups_view.setMinimumHeight(220)
        self.restore_button = QPushButton(self.tr("&Restore the selected backup…"))
        self.restore_button.setObjectName("restoreSelected")
        self.restore_button.clicked.connect(self.restore_selected)
        restore_file = QPushButton(self.tr("Restore from a &file…"))
        restore_file.setObjectName("restoreFile")
        restore_file.clicked.connect(self.restore_from_file)
        self.backups_view.selectionModel().selectionChanged.connect(
            lambda *_: self.restore_button.setEnabled(self.selected_backup() is not None)
        )
        line = QHBoxLayout()
        line.addWidget(self.backup_button)
        line.addWidget(self.backup_note, 1)
        restore_line = QHBoxLayout()
        restore_line.addWidget(self.restore_button)
        restore_line.addWidget(restore_file)
        restore_line.addStretch(1)
        heading = QLabel(self.tr("Backups in the data folder (newest first)"))
        font = QFont(heading.font())
        font.setBold(True)
        heading.setFont(font)
        layout = QVBoxLayout(box)
        layout.addWidget(
            _note(
                self.tr(
                    "wjself backs up the database and evidence files automatically the first "
                    "time it opens each day and keeps a week of daily and a month of weekly "
                    'copies. For safety keep a copy elsewhere too: "Back up now" writes one '
                    "file holding the database and every evidence file; copy it to a USB stick."
                )
            )
        )
        layout.addLayout(line)
        layout.addWidget(heading)
        layout.addWidget(self.backups_view, 1)
        layout.addLayout(restore_line)
        return box

    def _backup_when(self, path: Path) -> str:
        when = backup_time(path)
        return when.strftime("%Y-%m-%d %H:%M:%S") if when else ""

    def _backup_kind(self, path: Path) -> str:
        name = path.name
        if name.startswith("auto-"):
            return self.tr("automatic (daily)")
        if name.startswith("pre-migration-"):
            return self.tr("before an upgrade of wjself")
        if name.startswith("pre-restore-"):
            return self.tr("before a restore")
        return self.tr("by hand")

    def refresh_backups(self) -> None:
        self.backups_model.set_records(self.window_.workspace.backups())
        if self.backups_model.rowCount():
            self.backups_view.selectRow(0)
        self.restore_button.setEnabled(self.selected_backup() is not None)

    def selected_backup(self) -> Path | None:
        rows = self.backups_view.selectionModel().selectedRows()
        return rows[0].data(RECORD_ROLE) if rows else None

    def backup_now(self) -> None:
        ws = self.window_.workspace
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.window_.prompts.save_file(
            self,
            self.tr("Back up now"),
            str(ws.paths.backups / f"manual-{stamp}.wjbak"),
            self.tr("wjself backup (*.wjbak)"),
        )
        if target is None:
            return
        if not target.suffix:
            target = target.with_name(target.name + ".wjbak")
        self.backup_button.setEnabled(False)
        self.backup_note.setStyleSheet(NOTE_STYLE)
        self.backup_note.setText(self.tr("Backing up …"))

        def work(_report: object) -> tuple[Path, int]:
            written = ws.backup_to(target)  # its own SQLite connection: safe off the GUI thread
            return written, written.stat().st_size

        def done(result: tuple[Path, int]) -> None:
            path, size = result
            self.backup_button.setEnabled(True)
            self.backup_note.setStyleSheet(DONE_STYLE)
            self.backup_note.setText(fill(self.tr("Backed up to %1 (%2)."), path, size_text(size)))
            self.refresh_backups()

        def failed(exc: BaseException, details: str) -> None:
            self.backup_button.setEnabled(True)
            self.backup_note.setText("")
            show_failure(self.window_, self.tr("The backup was not made"), exc, details)

        tasks.start(work, done, failed)

    def restore_selected(self) -> None:
        path = self.selected_backup()
        if path is not None:
            self.restore(path)

    def restore_from_file(self) -> None:
        path = self.window_.prompts.open_file(
            self,
            self.tr("Restore from a backup file"),
            self.tr("wjself backup (*.wjbak *.db);;All files (*)"),
            str(self.window_.context.paths.backups),
        )
        if path is not None:
            self.restore(path)

    def restore(self, path: Path) -> bool:
        """Replace the data with the backup ``path`` after a warning; True when restored."""
        when = backup_time(path)
        taken = (
            when.strftime("%Y-%m-%d %H:%M")
            if when
            else dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
            if path.exists()
            else "?"
        )
        if not self.window_.prompts.confirm(
            self,
            self.tr("Restore from a backup"),
            fill(
                self.tr(
                    "Replace ALL current data with the backup %1 (taken %2)?\n\n"
                    "Every change made after that time — answers, rectifications, schools, "
                    "templates — will be replaced by the backup's content.\n\n"
                    "The current data is backed up first (pre-restore-…), so this can be "
                    "undone by restoring that copy. The backup's evidence files come back "
                    "with it; evidence files already here are kept."
                ),
                path.name,
                taken,
            ),
            destructive=True,
        ):
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            with reported(self.window_, self.tr("Nothing was restored")) as outcome:
                saved = self.window_.workspace.restore(path, window_lock=self.window_.context.lock)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if not outcome.ok:
            return False
        self.window_.reload_pages()
        self.refresh()
        self.window_.prompts.inform(
            self,
            self.tr("Restored"),
            fill(self.tr("The data of %1 has been restored."), taken)
            + (
                "\n" + fill(self.tr("The data as it was before is kept as %1."), saved.name)
                if saved is not None
                else ""
            ),
        )
        return True

    # ------------------------------------------------------------ about

    def _about_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("About"))
        text = QLabel(
            fill(self.tr("Wujin School Self-Assessment %1"), __version__)
            + "\n"
            + self.tr(
                "Works offline: everything stays in the data folder on this computer. "
                "Checklists follow the Wujin education bureau's 2024 work plan."
            )
        )
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        help_button = QPushButton(self.tr("Help (F1)"))
        help_button.clicked.connect(self.window_.show_help)
        layout = QVBoxLayout(box)
        layout.addWidget(text)
        line = QHBoxLayout()
        line.addWidget(help_button)
        line.addStretch(1)
        layout.addLayout(line)
        return box
