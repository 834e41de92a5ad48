"""One item of a received assessment, read-only, as the school answered it: the requirement,
the answer and its standing, the note, the evidence (opened from the kept bundle), and the
rectification — the bureau's reading pane.

Everything is text the school or the checklist wrote, so it is escaped, never markup.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from wjself.atomic import write_bytes
from wjself.core.assessment import Answer, AssessmentView, Evidence, Rectification
from wjself.core.scoring import OUTCOME_LABELS, Outcome
from wjself.core.template import Item
from wjself.core.values import display
from wjself.regular_files import read_regular, safe_file_name
from wjself.ui.feedback import open_with_system
from wjself.ui.i18n import fill
from wjself.ui.walkthrough_evidence import open_folder
from wjself.ui.widgets import error_label, show_error

if TYPE_CHECKING:
    from wjself.ui.main_window import MainWindow


@dataclass(frozen=True, slots=True)
class ReadRow:
    """One item of the received assessment, with what the school gave for it."""

    section: str
    item: Item
    outcome: Outcome
    answer: Answer | None
    rect: Rectification | None
    reason: str = ""  # why the item does not apply / is hidden

    @property
    def answer_text(self) -> str:
        return "" if self.answer is None else display(self.item, self.answer.value)

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        return () if self.answer is None else self.answer.evidence


def read_rows(view: AssessmentView) -> list[ReadRow]:
    """Every item of the checklist in order, with its standing as scored for the school."""
    results = view.score().items
    rows = []
    for section in view.template.sections:
        for item in section.items:
            result = results.get(item.code)
            rows.append(
                ReadRow(
                    section=section.title,
                    item=item,
                    outcome=result.outcome if result else Outcome.UNANSWERED,
                    answer=view.answers.get(item.code),
                    rect=view.rectification_for(item.code),
                    reason=result.reason if result else "",
                )
            )
    return rows


def _block(title: str, text: str) -> str:
    if not text.strip():
        return ""
    body = html.escape(text).replace("\n", "<br>")
    return f"<p><b>{html.escape(title)}</b><br>{body}</p>"


class ItemReader(QWidget):
    """The selected item of a received assessment, read-only, with its evidence to open."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window_ = window
        self.row: ReadRow | None = None
        self.text = QTextBrowser()
        self.text.setObjectName("readItemText")
        self.text.setOpenLinks(False)
        self.evidence = QListWidget()
        self.evidence.setObjectName("readEvidence")
        self.evidence.setMaximumHeight(72)
        self.evidence.itemDoubleClicked.connect(lambda _i: self.open_selected())
        self.open_button = QPushButton(self.tr("Open evidence"))
        self.open_button.setObjectName("readOpenEvidence")
        self.open_button.clicked.connect(self.open_selected)
        self.error = error_label("readEvidenceError")
        files = QHBoxLayout()
        files.addWidget(self.evidence, 1)
        files.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addLayout(files)
        layout.addWidget(self.error)
        self.show_row(None)

    def show_row(self, row: ReadRow | None) -> None:
        self.row = row
        show_error(self.error, "")
        self.evidence.clear()
        if row is None:
            self.text.setHtml(html.escape(self.tr("Choose an item to read it.")))
            self.open_button.setEnabled(False)
            return
        self.text.setHtml(self._html(row))
        for evidence in row.evidence:
            entry = QListWidgetItem(f"{evidence.name}（{evidence.size // 1024 + 1} KB）")
            entry.setData(Qt.ItemDataRole.UserRole, evidence)
            self.evidence.addItem(entry)
        if not row.evidence:
            self.evidence.addItem(self.tr("(no evidence attached)"))
        else:
            self.evidence.setCurrentRow(0)
        self.open_button.setEnabled(bool(row.evidence))

    def _html(self, row: ReadRow) -> str:
        item = row.item
        outcome = OUTCOME_LABELS.get(row.outcome, str(row.outcome))
        answer = row.answer_text or self.tr("(not answered)")
        if outcome != answer and row.answer_text:
            answer = f"{answer}（{outcome}）"
        parts = [
            f"<h3>{html.escape(item.code)} {html.escape(item.text)}</h3>",
            _block(self.tr("Section"), row.section),
            _block(self.tr("Answer"), answer),
            _block(self.tr("Does not apply because"), row.reason),
            _block(self.tr("School's note"), row.answer.note if row.answer else ""),
            _block(self.tr("How to check"), item.method),
            _block(self.tr("Evidence asked for"), item.evidence),
        ]
        if row.answer is not None and row.answer.needs_reconfirm:
            parts.append(
                _block(self.tr("Note"), self.tr("Revised checklist item, not confirmed again"))
            )
        if row.rect is not None:
            rect = row.rect
            plan = "\n".join(
                t
                for t in (
                    fill(self.tr("Problem: %1"), rect.problem),
                    fill(self.tr("Measure: %1"), rect.measure),
                    fill(self.tr("Responsible: %1"), rect.owner),
                    fill(self.tr("Due: %1"), rect.due.isoformat() if rect.due else "—"),
                    fill(self.tr("Status: %1"), rect.status.value),
                )
            )
            parts.append(_block(self.tr("Rectification"), plan))
        return "".join(parts)

    def selected_evidence(self) -> Evidence | None:
        entry = self.evidence.currentItem()
        value = entry.data(Qt.ItemDataRole.UserRole) if entry is not None else None
        return value if isinstance(value, Evidence) else None

    def open_selected(self) -> None:
        """Open a copy of the evidence named as the school named it (read from the kept
        bundle's evidence; the copy's folder is named by the bytes' hash)."""
        evidence = self.selected_evidence()
        if evidence is None:
            return
        try:
            data = read_regular(evidence.path, max(0, evidence.size))
            folder = open_folder() / hashlib.sha256(data).hexdigest()[:16]
            target = folder / safe_file_name(evidence.name, "evidence")
            folder.mkdir(parents=True, exist_ok=True)
            write_bytes(target, data)
        except OSError as exc:
            show_error(
                self.error,
                fill(self.tr("Cannot open %1: %2"), evidence.name, exc.strerror or str(exc)),
            )
            return
        open_with_system(self.window_, self, target)
