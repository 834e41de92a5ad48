"""Export one or several assessments: the inspector's PDF, the XLSX, or the ``.wjsa`` bundle.

The dialog suggests a file name (``学校-2024-校园安全自查报告.pdf``), asks where to save it, does
the writing off the GUI thread (``ui.tasks``) with a progress bar, and then offers to open the
file or its folder.  Problems (a folder that cannot be written …) are shown in the dialog in
the reports' own words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from wjself.core.assessment import AssessmentView
from wjself.core.errors import EnvironmentFault, InputError
from wjself.core.periods import by_period
from wjself.ui import tasks
from wjself.ui.feedback import open_with_system
from wjself.ui.i18n import fill
from wjself.ui.icons import icon
from wjself.ui.labels import status_label
from wjself.ui.widgets import ERROR, SUCCESS, ink, label, scaled_font

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from wjself.ui.main_window import MainWindow

PDF, XLSX, BUNDLE = "pdf", "xlsx", "wjsa"
FORMATS = (PDF, XLSX, BUNDLE)
FOLDER_KEY = "export/folder"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_name(text: str) -> str:
    """``text`` usable as a file name on Windows (no reserved characters, no trailing dots)."""
    return _UNSAFE.sub("_", text).strip(" .") or "wjself"


def report_name(view: AssessmentView) -> str:
    """``校园安全自查报告`` for an assessment whose report is titled ``XX学校2024年度校园安全自查报告``."""
    title = view.title()
    prefix = f"{view.school.name}{view.period}年度"
    return title[len(prefix) :] if title.startswith(prefix) else view.template.title


def suggested_name(views: Sequence[AssessmentView], fmt: str) -> str:
    """The file name offered for exporting ``views`` as ``fmt``."""
    first = views[0]
    schools = {v.school.name for v in views}
    school = first.school.name if len(schools) == 1 else "多校"
    if len(views) == 1:
        what = report_name(first) if fmt == PDF else first.template.title
    else:
        what = "自评报告汇编" if fmt == PDF else "自评数据"
    return safe_name(f"{school}-{first.period}-{what}") + f".{fmt}"


def export(
    views: Sequence[AssessmentView],
    fmt: str,
    target: Path,
    signing_key: Ed25519PrivateKey | None = None,
) -> Path:
    """Write ``views`` to ``target`` (runs in a worker thread: plain data in, a path out); a
    bundle is signed with ``signing_key``."""
    now = dt.datetime.now().astimezone()
    if fmt == PDF:
        from wjself.report.pdf import write_pdf

        write_pdf(views, target, generated_at=now, today=now.date())
    elif fmt == XLSX:
        from wjself.report.xlsx import write_xlsx

        write_xlsx(views, target, today=now.date())
    else:
        from wjself.formats.bundle import export_bundle

        export_bundle(views[0], target, generated_at=now, signing_key=signing_key)
    return target


class ExportDialog(QDialog):
    """Choose the format, save, watch the progress, open the result."""

    exported = Signal(str)  # the file written

    def __init__(self, window: MainWindow, assessment_ids: Sequence[int]) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle(self.tr("Export"))
        self.setMinimumWidth(520)
        self.views = [window.workspace.assessments.view(i) for i in assessment_ids]
        self.target: Path | None = None
        self._running = False

        heading = QLabel(
            self.tr("Export")
            if len(self.views) == 1
            else fill(self.tr("Export %1 self-assessments"), len(self.views))
        )
        heading.setFont(scaled_font(heading, 1.2, bold=True))
        listing = "\n".join(
            f"{v.school.name} · {v.template.title} · {v.period} · {status_label(v.status)}"
            for v in self.views
        )

        options = self._build_formats()

        periods = by_period(self.views)
        self.problem = QLabel()
        self.problem.setObjectName("exportProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ink(ERROR))
        self.problem.hide()
        drafts = [v for v in self.views if not v.finalized]
        note = label(
            self.tr("Drafts are exported with a 草稿 watermark and no fingerprint.")
            if drafts
            else "",
            muted=True,
            wrap=True,
        )
        note.setVisible(bool(drafts))

        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.hide()

        buttons = self._build_buttons()

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(label(listing, muted=True, wrap=True))
        layout.addSpacing(6)
        layout.addLayout(options)
        layout.addWidget(note)
        layout.addWidget(self.problem)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addLayout(buttons)
        if len(periods) > 1:
            self._fail(self.tr("Choose self-assessments of one period to export them together."))
            self.export_button.setEnabled(False)

    def _build_formats(self) -> QVBoxLayout:
        """One radio button per format, with what the file holds."""
        self.formats = QButtonGroup(self)
        choices = (
            (
                PDF,
                self.tr("PDF report for the inspectors"),
                self.tr("Cover, summary, every item, rectifications, sign-off, evidence"),
            ),
            (
                XLSX,
                self.tr("Excel workbook"),
                self.tr("Answers, rectifications and a summary, one row each"),
            ),
            (
                BUNDLE,
                self.tr("Data bundle (.wjsa) for the bureau"),
                self.tr("Answers, evidence files and the fingerprint; one self-assessment only"),
            ),
        )
        options = QVBoxLayout()
        self.radios: dict[str, QRadioButton] = {}
        for n, (fmt, title, hint) in enumerate(choices):
            radio = QRadioButton(title)
            radio.setObjectName(f"format_{fmt}")
            self.formats.addButton(radio, n)
            self.radios[fmt] = radio
            options.addWidget(radio)
            options.addWidget(label("    " + hint, muted=True))
        self.radios[PDF].setChecked(True)
        if len(self.views) > 1:
            self.radios[BUNDLE].setEnabled(False)
        return options

    def _build_buttons(self) -> QHBoxLayout:
        self.export_button = QPushButton(icon("export"), self.tr("Export…"))
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.choose_file)
        self.open_file_button = QPushButton(icon("launch"), self.tr("Open file"))
        self.open_file_button.setObjectName("openFileButton")
        self.open_file_button.clicked.connect(lambda: self._open(self.target))
        self.open_folder_button = QPushButton(icon("folder"), self.tr("Open folder"))
        self.open_folder_button.setObjectName("openFolderButton")
        self.open_folder_button.clicked.connect(
            lambda: self._open(self.target.parent if self.target else None)
        )
        for button in (self.open_file_button, self.open_folder_button):
            button.hide()
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_file_button)
        buttons.addWidget(self.open_folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        return buttons

    # ------------------------------------------------------------ flow

    def chosen_format(self) -> str:
        return next(fmt for fmt, radio in self.radios.items() if radio.isChecked())

    def choose(self, fmt: str) -> None:
        self.radios[fmt].setChecked(True)

    def choose_file(self) -> None:
        fmt = self.chosen_format()
        folder = Path(str(self.window_.preferences.value(FOLDER_KEY, "") or _documents()))
        filters = {
            PDF: self.tr("PDF report (*.pdf)"),
            XLSX: self.tr("Excel workbook (*.xlsx)"),
            BUNDLE: self.tr("wjself data bundle (*.wjsa)"),
        }[fmt]
        path = self.window_.prompts.save_file(
            self, self.tr("Export"), str(folder / suggested_name(self.views, fmt)), filters
        )
        if path is None:
            return
        path = Path(path)
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(path.name + f".{fmt}")
        self.window_.preferences.set_value(FOLDER_KEY, str(path.parent))
        self.start(fmt, path)

    def start(self, fmt: str, path: Path) -> None:
        self._running = True
        self.target = None
        self.problem.hide()
        for button in (self.open_file_button, self.open_folder_button):
            button.hide()
        self.export_button.setEnabled(False)
        self.close_button.setEnabled(False)
        self.progress.show()
        self.status.setStyleSheet("")
        self.status.setText(fill(self.tr("Writing %1 …"), path.name))
        self.status.show()
        views = list(self.views)
        key = self.window_.workspace.signing_key.private_key
        self._task = tasks.start(
            lambda report: export(views, fmt, path, key), self._done, self._failed
        )

    def _done(self, path: Path) -> None:
        self._running = False
        self.target = path
        self.progress.hide()
        self.status.setStyleSheet(ink(SUCCESS))
        self.status.setText(fill(self.tr("Saved to %1"), path))
        self.open_file_button.show()
        self.open_folder_button.show()
        self.open_file_button.setFocus()
        self.export_button.setEnabled(True)
        self.close_button.setEnabled(True)
        self.exported.emit(str(path))

    def _failed(self, exc: BaseException, details: str) -> None:
        self._running = False
        self.progress.hide()
        self.status.hide()
        self.export_button.setEnabled(True)
        self.close_button.setEnabled(True)
        if isinstance(exc, InputError):
            self._fail("\n".join(str(p) for p in exc.problems))
        elif isinstance(exc, EnvironmentFault | OSError):
            self._fail(str(exc))
        else:  # a bug: tell the person plainly, keep the details for the log
            self._fail(
                fill(
                    self.tr("The export failed unexpectedly. Details are in the log file:\n%1"),
                    self.window_.context.log_file,
                )
            )
            import logging

            logging.getLogger(__name__).error("export failed\n%s", details)

    def _fail(self, text: str) -> None:
        self.problem.setText(text.strip())
        self.problem.show()

    def _open(self, path: Path | None) -> None:
        if path is not None:
            open_with_system(self.window_, self, path)

    @property
    def running(self) -> bool:
        return self._running

    def reject(self) -> None:
        if not self._running:  # the file is being written; closing waits for it
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._running:
            event.ignore()
            return
        super().closeEvent(event)


def _documents() -> str:
    return QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation
    ) or str(Path.home())


def open_export(window: MainWindow, assessment_ids: Sequence[int]) -> ExportDialog:
    """Show the export dialog (window-modal, not blocking) and return it."""
    dialog = ExportDialog(window, assessment_ids)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
