"""整改 of a not-met item: problem, measure, owner and due date, saved as they are typed.

The entry itself is made by the store when an item becomes 不符合; this form edits a copy
(``dataclasses.replace``) and hands it to ``rectifications.save`` through the session.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from wjself.core.assessment import Rectification
from wjself.core.template import Item, Kind
from wjself.core.values import ValueProblem, coerce
from wjself.ui.answer_editor import DateField
from wjself.ui.widgets import MUTED, Debouncer, FocusOutWatcher, error_label, ink, show_error

_DUE = Item(code="due", text="整改期限", kind=Kind.DATE)


class RectificationForm(QWidget):
    """Edits one rectification entry; ``save_requested`` carries the edited copy."""

    save_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rectificationForm")
        self._rect: Rectification | None = None
        self._read_only = False
        self._debouncer = Debouncer(self._save, parent=self)
        self._leaving = FocusOutWatcher(self.flush, self)

        self.problem = QPlainTextEdit()
        self.problem.setObjectName("rectProblem")
        self.problem.setMaximumHeight(64)
        self.problem.setTabChangesFocus(True)
        self.measure = QPlainTextEdit()
        self.measure.setObjectName("rectMeasure")
        self.measure.setMaximumHeight(64)
        self.measure.setTabChangesFocus(True)
        self.measure.setPlaceholderText(self.tr("What will be done, step by step"))
        self.owner = QLineEdit()
        self.owner.setObjectName("rectOwner")
        self.owner.setPlaceholderText(self.tr("e.g. 总务处 王建国"))
        # A line edit's own least width is two characters: beside the due date in a narrow
        # detail pane the name was cut to "k晓东".  This keeps an office and a name readable.
        self.owner.setMinimumWidth(self.owner.fontMetrics().horizontalAdvance("总务处 王建国") + 16)
        self.due = DateField()
        self.due.setObjectName("rectDue")
        for widget in (self.problem, self.measure):
            widget.textChanged.connect(self._debouncer.touch)
            self._leaving.watch(widget)
        self.owner.textEdited.connect(self._debouncer.touch)
        self.owner.editingFinished.connect(self.flush)
        self.due.edited.connect(self._due_edited)

        self.obsolete = QLabel(
            self.tr(
                "This item is no longer 不符合; the entry is kept because it was edited. It can be deleted on the rectifications page."
            )
        )
        self.obsolete.setObjectName("rectObsolete")
        self.obsolete.setWordWrap(True)
        self.obsolete.setStyleSheet(ink(MUTED))
        self.error = error_label("rectError")

        form = QFormLayout()
        form.addRow(self.tr("Problem:"), self.problem)
        form.addRow(self.tr("Measure:"), self.measure)
        who_when = QHBoxLayout()  # one row, so the whole plan fits beside the item
        who_when.addWidget(self.owner, 1)
        who_when.addSpacing(12)
        who_when.addWidget(QLabel(self.tr("Due date:")))
        who_when.addWidget(self.due)
        form.addRow(self.tr("Owner:"), who_when)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.obsolete)
        layout.addLayout(form)
        layout.addWidget(self.error)

    def show_rectification(self, rect: Rectification | None, read_only: bool) -> None:
        """Show ``rect`` (pending typing must be flushed first)."""
        self._debouncer.cancel()
        self._rect, self._read_only = rect, read_only
        show_error(self.error, "")
        if rect is None:
            return
        self._fill(rect)
        self.obsolete.setVisible(rect.obsolete)
        for widget in (self.problem, self.measure):
            widget.setReadOnly(read_only)
        self.owner.setReadOnly(read_only)
        self.due.set_read_only(read_only)

    def update_rectification(self, rect: Rectification) -> None:
        """The stored entry changed (its problem follows the note): show it unless being typed in."""
        self._rect = rect
        if (
            not self._debouncer.pending
            and self.problem.toPlainText() != rect.problem
            and not self.problem.hasFocus()
        ):
            self.problem.blockSignals(True)
            self.problem.setPlainText(rect.problem)
            self.problem.blockSignals(False)

    def _fill(self, rect: Rectification) -> None:
        for widget, text in ((self.problem, rect.problem), (self.measure, rect.measure)):
            widget.blockSignals(True)
            widget.setPlainText(text)
            widget.blockSignals(False)
        self.owner.setText(rect.owner)
        self.due.set_text(rect.due.isoformat() if rect.due else "")

    def _due_edited(self) -> None:
        self._debouncer.touch()
        self.flush()

    def edited(self) -> Rectification | None:
        """The entry with the form's values, or None (message shown) when the due date is unreadable."""
        if self._rect is None:
            return None
        due: dt.date | None = None
        text = self.due.text()
        if text:
            try:
                due = dt.date.fromisoformat(str(coerce(_DUE, text)))
            except ValueProblem as exc:
                show_error(self.error, str(exc))
                return None
        return dataclasses.replace(
            self._rect,
            problem=self.problem.toPlainText(),
            measure=self.measure.toPlainText(),
            owner=self.owner.text(),
            due=due,
        )

    def _save(self) -> None:
        wanted = self.edited()
        if wanted is None or self._read_only:
            return
        if wanted != self._rect:
            self.save_requested.emit(wanted)

    def flush(self) -> None:
        if self._read_only:
            return
        self._debouncer.flush()

    def pending(self) -> bool:
        return self._debouncer.pending

    def saved(self, rect: Rectification) -> None:
        self._rect = rect
        show_error(self.error, "")
        if self.due.text() and rect.due is not None:
            self.due.set_text(rect.due.isoformat())
