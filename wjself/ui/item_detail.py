"""The detail pane of the walkthrough: everything about the current item, and where it is answered.

Code and clause, the full requirement, how to check it and what proves it (folded away until
wanted), the answer control for its kind with the service's message under it, the note (saved
while typing), the evidence files, and — when the item is 不符合 — its rectification.  Items
that a template upgrade reworded or whose old value no longer fits say so at the top.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from wjself.core.assessment import Answer, AssessmentView, Rectification
from wjself.core.scoring import ItemResult, Outcome
from wjself.core.template import Item
from wjself.core.values import display
from wjself.ui.answer_editor import AnswerEditor
from wjself.ui.evidence_panel import EvidencePanel, local_files
from wjself.ui.i18n import fill
from wjself.ui.labels import kind_label
from wjself.ui.rectification_form import RectificationForm
from wjself.ui.review_note import ReviewNote
from wjself.ui.widgets import (
    ERROR,
    INK,
    MUTED,
    QUOTE_FRAME,
    QUOTE_TINT,
    RULE,
    Debouncer,
    FocusOutWatcher,
    NoticeBar,
    error_label,
    scaled_font,
    show_error,
)


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setFont(scaled_font(label, 1.0, bold=True))
    label.setStyleSheet(f"color: {INK}; padding-top: 6px;")
    return label


def _rule() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setStyleSheet(f"color: {RULE}")
    return line


class ItemDetail(QWidget):
    """Shows one item; emits what the person did, the page stores it."""

    value_committed = Signal(str, object)  # code, raw value
    note_committed = Signal(str, str)  # code, note
    rectification_committed = Signal(object)  # Rectification
    evidence_pick = Signal(str)  # code: choose files to attach
    evidence_add = Signal(str, list, bool)  # code, paths, temporary copies
    evidence_remove = Signal(str, object)  # code, Evidence
    evidence_open = Signal(object)  # Evidence
    guidance_toggled = Signal(bool)
    back_to_list = Signal()
    confirm_requested = Signal(str)  # code: the answer still holds after a checklist update
    history_requested = Signal(str)  # code: show what upgrades took out of use

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("itemDetail")
        self.setAcceptDrops(True)
        self.code: str | None = None
        self._read_only = False

        self.meta = QLabel()
        self.meta.setObjectName("itemMeta")
        self.meta.setStyleSheet(f"color: {MUTED}")
        self.requirement = QLabel()
        self.requirement.setObjectName("itemRequirement")
        self.requirement.setWordWrap(True)
        self.requirement.setFont(scaled_font(self.requirement, 1.25))
        self.requirement.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice = NoticeBar(self, closable=False)
        self.review_note = ReviewNote(self)
        self.notice.setObjectName("itemNotice")

        self.guidance_toggle = QToolButton()
        self.guidance_toggle.setObjectName("guidanceToggle")
        self.guidance_toggle.setText(self.tr("How to check, and what proves it"))
        self.guidance_toggle.setCheckable(True)
        self.guidance_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.guidance_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.guidance_toggle.setAutoRaise(True)
        self.guidance_toggle.toggled.connect(self._toggle_guidance)
        self.guidance = QLabel()
        self.guidance.setObjectName("guidance")
        self.guidance.setWordWrap(True)
        self.guidance.setTextFormat(Qt.TextFormat.RichText)
        self.guidance.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.guidance.setStyleSheet(
            f"QLabel {{ background: {QUOTE_TINT}; border: 1px solid {QUOTE_FRAME};"
            " border-radius: 4px; padding: 8px; }"
        )
        self.guidance.hide()

        self.answer = AnswerEditor()
        self.answer.commit.connect(self._answer_committed)
        self.answer_error = error_label("answerError")

        self.note = QPlainTextEdit()
        self.note.setObjectName("noteEdit")
        self.note.setPlaceholderText(
            self.tr("What was found, what is missing … (saved as you type)")
        )
        self.note.setMinimumHeight(56)
        self.note.setMaximumHeight(96)
        self.note.setTabChangesFocus(True)
        self.note_error = error_label("noteError")
        self.note_saver = Debouncer(self._save_note, parent=self)
        self.note.textChanged.connect(self._note_typed)
        self._leaving = FocusOutWatcher(self.flush_note, self)
        self._leaving.watch(self.note)

        self.evidence = EvidencePanel()
        self.evidence.add_requested.connect(self._add_evidence)
        self.evidence.pick_requested.connect(
            lambda: self.code and not self._read_only and self.evidence_pick.emit(self.code)
        )
        self.evidence.remove_requested.connect(
            lambda e: self.code and self.evidence_remove.emit(self.code, e)
        )
        self.evidence.open_requested.connect(self.evidence_open)
        self.evidence_heading = _heading(self.tr("Evidence"))

        self.rect_heading = _heading(self.tr("Rectification (required for 不符合)"))
        self.rect_heading.setStyleSheet(f"color: {ERROR}; padding-top: 6px;")
        self.rectification = RectificationForm()
        self.rectification.save_requested.connect(self.rectification_committed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(8)
        layout.addWidget(self.meta)
        layout.addWidget(self.requirement)
        layout.addWidget(self.notice)
        layout.addWidget(self.review_note)
        guidance_row = QHBoxLayout()
        guidance_row.addWidget(self.guidance_toggle)
        guidance_row.addStretch(1)
        layout.addLayout(guidance_row)
        layout.addWidget(self.guidance)
        layout.addWidget(_rule())
        layout.addWidget(_heading(self.tr("Result")))
        layout.addWidget(self.answer)
        layout.addWidget(self.answer_error)
        layout.addWidget(_heading(self.tr("Note")))
        layout.addWidget(self.note)
        layout.addWidget(self.note_error)
        layout.addWidget(self.evidence_heading)
        layout.addWidget(self.evidence)
        layout.addWidget(self.rect_heading)
        layout.addWidget(self.rectification)
        layout.addStretch(1)
        self._editables: list[QWidget] = [self.answer, self.note, self.evidence, self.rectification]

    # ------------------------------------------------------------ showing

    def show_item(
        self,
        item: Item,
        result: ItemResult,
        answer: Answer | None,
        rect: Rectification | None,
        read_only: bool,
        partial_credit: float,
        *,
        aside: str = "",
        history: int = 0,
        revision: str = "",
        stages: tuple[str, ...] = (),
        view: AssessmentView | None = None,
    ) -> None:
        """Show ``item``; anything typed for the previous item is stored first.

        ``aside``: the set-aside answer as it read in its version; ``history``: how many
        entries template upgrades left in the item's history; ``revision``: what the last
        upgrade changed in the item, in words; ``stages``: the school's (its target is shown);
        ``view``: the assessment, for the bureau's comment on the item (督学意见).
        """
        self.flush()
        self.code = item.code
        self._read_only = read_only
        parts = [item.code]
        if item.clause:
            parts.append(item.clause)
        parts.append(kind_label(item.kind))
        if item.required:
            parts.append(self.tr("required"))
        if item.is_scored:
            parts.append(fill(self.tr("weight %1"), f"{item.effective_weight:g}"))
        self.meta.setText("  ·  ".join(parts))
        self.requirement.setText(item.text)
        self._show_guidance_text(item)
        excluded = result.outcome is Outcome.EXCLUDED
        self.answer.show_item(
            item, answer.value if answer else None, read_only or excluded, partial_credit, stages
        )
        show_error(self.answer_error, "")
        self.note_saver.cancel()
        self.note.blockSignals(True)
        self.note.setPlainText(answer.note if answer else "")
        self.note.blockSignals(False)
        self.note.setReadOnly(read_only)
        self.note.setPlaceholderText(
            "" if read_only else self.tr("What was found, what is missing … (saved as you type)")
        )
        show_error(self.note_error, "")
        show_error(self.evidence.error, "")
        self.evidence.show_evidence(answer.evidence if answer else (), read_only)
        self._show_rectification(result, rect)
        self._show_notice(item, result, answer, aside, history, revision)
        self.review_note.show_for(item.code, view)
        self.answer.confirming = bool(answer and answer.needs_reconfirm)

    def refresh(
        self,
        item: Item,
        result: ItemResult,
        answer: Answer | None,
        rect: Rectification | None,
        *,
        aside: str = "",
        history: int = 0,
        revision: str = "",
        stages: tuple[str, ...] = (),
    ) -> None:
        """The stored state of the shown item changed: show it without disturbing typing."""
        if self.answer.pending():
            pass  # the person is typing the value; the field keeps their text
        else:
            self.answer.set_value(answer.value if answer else None)
        self.evidence.show_evidence(answer.evidence if answer else (), self._read_only)
        if rect is not None and self.rectification.isVisible() and self.code == rect.code:
            self.rectification.update_rectification(rect)
        self._show_rectification(result, rect, keep=True)
        self._show_notice(item, result, answer, aside, history, revision)
        self.answer.confirming = bool(answer and answer.needs_reconfirm)

    def _show_rectification(
        self, result: ItemResult, rect: Rectification | None, keep: bool = False
    ) -> None:
        wanted = rect is not None and (result.outcome is Outcome.NOT_MET or rect.obsolete)
        if wanted and rect is not None and not (keep and self.rectification.isVisibleTo(self)):
            self.rectification.show_rectification(rect, self._read_only)
        self.rect_heading.setVisible(wanted)
        self.rectification.setVisible(wanted)

    def _show_notice(
        self,
        item: Item,
        result: ItemResult,
        answer: Answer | None,
        aside: str,
        history: int,
        revision: str,
    ) -> None:
        lines = []
        kind = "info"
        buttons: list[tuple[str, Callable[[], object]]] = []
        names = []
        if result.outcome is Outcome.EXCLUDED:
            lines.append(
                self.tr("Not applicable to this school (%1); nothing to fill in.").replace(
                    "%1", result.reason
                )
            )
        code = item.code
        if answer is not None and answer.needs_reconfirm:
            kind = "warning"
            lines.append(
                self.tr(
                    "This item was revised: check the answer, then confirm it (answering again also confirms it)."
                )
            )
            if revision:
                lines.append(revision)
            if not self._read_only:
                buttons.append(
                    (self.tr("Confirm, still right"), lambda: self.confirm_requested.emit(code))
                )
                names.append("confirmAnswer")
        if answer is not None and answer.set_aside is not None:
            kind = "warning"
            shown = aside or display(item, answer.set_aside)
            lines.append(
                fill(
                    self.tr(
                        "Answer given on the earlier version: “%1”, set aside and not counted. Please answer the revised item."
                    ),
                    shown,
                )
            )
        if history:
            buttons.append((self.tr("History…"), lambda: self.history_requested.emit(code)))
            names.append("itemHistory")
            if not lines:
                lines.append(
                    self.tr(
                        "A checklist update moved an earlier answer of this item to its history."
                    )
                )
        if lines:
            self.notice.show_message(kind, "\n".join(lines), buttons)
            for button, name in zip(self.notice.buttons(), names, strict=True):
                button.setObjectName(name)
        else:
            self.notice.hide()

    def _show_guidance_text(self, item: Item) -> None:
        from html import escape

        rows = []
        for title, text in (
            (self.tr("How to check"), item.method),
            (self.tr("Evidence"), item.evidence),
            (self.tr("Guidance"), item.guidance),
        ):
            if text.strip():
                rows.append(f"<p><b>{escape(title)}：</b>{escape(text)}</p>")
        self.guidance.setText(
            "".join(rows) or escape(self.tr("This item has no further guidance."))
        )
        self.guidance_toggle.setEnabled(bool(rows))

    def set_guidance_open(self, on: bool) -> None:
        self.guidance_toggle.setChecked(on)

    def _toggle_guidance(self, on: bool) -> None:
        self.guidance_toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.guidance.setVisible(on)
        self.guidance_toggled.emit(on)

    # ------------------------------------------------------------ what the person did

    def _answer_committed(self, raw: object) -> None:
        if self.code is not None:
            self.value_committed.emit(self.code, raw)

    def _note_typed(self) -> None:
        self.note_saver.touch()

    def _save_note(self) -> None:
        if self.code is not None and not self._read_only:
            self.note_committed.emit(self.code, self.note.toPlainText())

    def show_note(self, note: str) -> None:
        """The note was stored with the answer (the reason of a 不适用): show it as stored."""
        self.note_saver.cancel()
        self.note.blockSignals(True)
        self.note.setPlainText(note)
        self.note.blockSignals(False)

    def flush_note(self) -> None:
        self.note_saver.flush()

    def flush(self) -> None:
        """Store whatever is typed but not stored yet: the value, the note, the rectification."""
        self.answer.flush()
        self.note_saver.flush()
        self.rectification.flush()

    def pending(self) -> bool:
        return self.note_saver.pending or self.answer.pending() or self.rectification.pending()

    def _add_evidence(self, paths: list[Path], temporary: bool) -> None:
        if self.code is not None and not self._read_only:
            self.evidence_add.emit(self.code, paths, temporary)

    def focus_answer(self) -> None:
        self.answer.focus_editor()

    # ------------------------------------------------------------ drag and drop

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if not self._read_only and self.code is not None and local_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = local_files(event.mimeData())
        if files and not self._read_only and self.code is not None:
            event.acceptProposedAction()
            self.evidence_add.emit(self.code, files, False)
