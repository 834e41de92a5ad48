"""Importing a checklist file: what a valid file holds (and what changes against the
installed version) before installing it, or every problem of a file that cannot be imported."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from wjself.core.diff import TemplateDiff, format_diff
from wjself.core.errors import Problem
from wjself.core.signing import UNSIGNED, SignatureCheck
from wjself.core.stages import STAGES
from wjself.core.template import Template, TemplateInfo, version_key
from wjself.ui.i18n import fill
from wjself.ui.models import Column, RecordTableModel
from wjself.ui.template_view import TemplateContents
from wjself.ui.widgets import MUTED, PROBLEM_INK, ink, scaled_font, table_view


def stages_text(stages: frozenset[str]) -> str:
    return "、".join(s for s in STAGES if s in stages)


def bold(label: QLabel, scale: float = 1.0) -> QLabel:
    label.setFont(scaled_font(label, scale, bold=True))
    return label


@dataclass(frozen=True)
class Candidate:
    """A valid file waiting for confirmation: the template and the newest installed version."""

    path: Path
    template: Template
    older: TemplateInfo | None
    diff: TemplateDiff | None
    signature: SignatureCheck = UNSIGNED
    trust: str = ""  # store.keys.Trust.status for a valid signature
    accept_key: bool = False  # another bureau key, accepted after a phone check


class ImportPreview(QWidget):
    """What a valid file holds, and what changes against the installed version, before installing."""

    def __init__(self) -> None:
        super().__init__()
        self.heading = bold(QLabel(), 1.3)
        self.heading.setWordWrap(True)
        self.file_label = QLabel()
        self.file_label.setStyleSheet(ink(MUTED))
        self.file_label.setWordWrap(True)
        self.facts = QFormLayout()
        self.contents = TemplateContents()  # the items themselves, to read before installing
        self.diff_summary = QLabel()
        self.diff_summary.setObjectName("diffSummary")
        self.diff_summary.setWordWrap(True)
        self.diff_text = QPlainTextEdit()
        self.diff_text.setObjectName("diffText")
        self.diff_text.setReadOnly(True)
        self.diff_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.diff_box = QWidget()
        diff_layout = QVBoxLayout(self.diff_box)
        diff_layout.setContentsMargins(0, 0, 0, 0)
        diff_layout.addWidget(bold(QLabel(self.tr("What changes"))))
        diff_layout.addWidget(self.diff_summary)
        diff_layout.addWidget(self.diff_text, 1)
        sections_box = QWidget()
        sections_layout = QVBoxLayout(sections_box)
        sections_layout.setContentsMargins(0, 0, 0, 0)
        sections_layout.addWidget(bold(QLabel(self.tr("Groups and items"))))
        sections_layout.addWidget(self.contents, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(sections_box)
        split.addWidget(self.diff_box)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.install_button = QPushButton(self.tr("&Install"))
        self.install_button.setObjectName("installTemplate")
        self.install_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("&Cancel"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.install_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.file_label)
        layout.addLayout(self.facts)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)

    def signature_text(self, c: Candidate) -> str:
        """The signature row: whose key, and what importing will do about it."""
        kid = c.signature.key_id
        if c.signature.status == "absent":
            return self.tr("Not signed: it cannot be confirmed that it comes from the bureau")
        if c.accept_key:
            return fill(self.tr("Valid, another bureau key %1 (accepted after a phone check)"), kid)
        if c.trust == "first-seen":
            return fill(
                self.tr(
                    "Valid, bureau key %1: recorded on import; compare it with the bureau by phone"
                ),
                kid,
            )
        return fill(self.tr("Valid (bureau key %1)"), kid)

    def show_candidate(self, c: Candidate) -> None:
        t = c.template
        self.heading.setText(fill(self.tr("Import checklist: %1"), f"《{t.title}》"))
        self.file_label.setText(fill(self.tr("File: %1"), c.path))
        while self.facts.rowCount():
            self.facts.removeRow(0)
        if c.older is None:
            version = fill(self.tr("%1 (not installed yet)"), t.version)
        elif version_key(t.version) > version_key(c.older.version):
            version = fill(self.tr("%1 (newer than the installed %2)"), t.version, c.older.version)
        else:
            version = fill(self.tr("%1 (older than the installed %2)"), t.version, c.older.version)
        rows = [
            (self.tr("Template id"), t.id),
            (self.tr("Version"), version),
            (self.tr("Issued by"), t.issuer or "—"),
            (self.tr("Based on"), t.plan_ref or "—"),
            (self.tr("For stages"), stages_text(t.stages) or self.tr("all stages")),
            (
                self.tr("Content"),
                fill(self.tr("%1 items in %2 groups"), t.item_count(), len(t.sections)),
            ),
        ]
        if t.review_period:
            rows.insert(4, (self.tr("Self-check period"), t.review_period))
        rows.append((self.tr("Signature"), self.signature_text(c)))
        for label, value in rows:
            field = QLabel(value)
            field.setWordWrap(True)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.facts.addRow(label, field)
        self.contents.show_template(t)
        self.diff_box.setVisible(c.diff is not None)
        if c.diff is not None and c.older is not None:
            n = c.diff.counts()
            self.diff_summary.setText(
                fill(
                    self.tr(
                        "Compared with the installed version %1: %2 kept, %3 reworded, "
                        "%4 changed in ways that affect answers, %5 added, %6 removed."
                    ),
                    c.older.version,
                    n["kept"],
                    n["reworded"],
                    n["changed"],
                    n["added"],
                    n["removed"],
                )
            )
            self.diff_text.setPlainText(format_diff(c.diff))
            self.note.setText(
                self.tr(
                    "Assessments already started keep their version; "
                    "a draft can be moved to the new one later."
                )
            )
        else:
            self.diff_text.clear()
            self.note.setText(self.tr("After installing, it can be used for new assessments."))
        self.install_button.setFocus()


class ProblemsView(QWidget):
    """Every problem of a file that cannot be imported, one row each."""

    def __init__(self) -> None:
        super().__init__()
        self.heading = bold(QLabel(), 1.2)
        self.heading.setObjectName("problemsHeading")
        self.heading.setStyleSheet(ink(PROBLEM_INK))
        self.heading.setWordWrap(True)
        advice = QLabel(
            self.tr(
                "Correct the file as listed below and import it again, or copy the list "
                "and send it to whoever wrote the file."
            )
        )
        advice.setWordWrap(True)
        self.model: RecordTableModel[Problem] = RecordTableModel(
            [
                Column(
                    lambda: self.tr("File"),
                    lambda p: Path(p.file).name,
                    roles={Qt.ItemDataRole.ToolTipRole: lambda p: p.file},
                ),
                Column(lambda: self.tr("Sheet / place"), lambda p: p.sheet),
                Column(
                    lambda: self.tr("Row"),
                    lambda p: "" if p.row is None else str(p.row),
                    sort_key=lambda p: p.row or 0,
                    align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                ),
                Column(lambda: self.tr("Field"), lambda p: p.field),
                Column(
                    lambda: self.tr("Problem"),
                    lambda p: p.message,
                    roles={Qt.ItemDataRole.ToolTipRole: lambda p: p.message},
                ),
            ],
            self,
        )
        self.view = table_view(self.model, stretch=4, alternate=True)
        self.view.setObjectName("problemsTable")
        self.view.setWordWrap(True)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.copy_button = QPushButton(self.tr("C&opy the list"))
        self.copy_button.clicked.connect(self.copy)
        self.back_button = QPushButton(self.tr("&Back to the templates"))
        self.back_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(advice)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def show_problems(self, path: Path, problems: Sequence[Problem]) -> None:
        self.heading.setText(
            fill(
                self.tr("%1 cannot be imported: %2 problems found. Nothing was installed."),
                path.name,
                len(problems),
            )
        )
        # Settings first (they concern the whole file), then by sheet and row.
        ordered = sorted(
            problems, key=lambda p: (p.file, p.sheet != "settings", p.sheet, p.row or 0)
        )
        self.model.set_records(ordered)
        self.view.resizeRowsToContents()
        self.back_button.setFocus()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText("\n".join(str(p) for p in self.model.records()))
