"""The Rectifications page (整改跟踪): every 整改 entry of a school's assessments, overdue first.

The list comes from ``workspace.rectifications.for_school``; filtering by status is only a
view of it.  Below the list, the selected entry: the plan (problem, measure, owner, due
date) is saved as it is edited, like answers; progress moves by explicit steps that carry
their data — done (with its date), verified (verifier and date), or back.  Every change goes
through ``workspace.rectifications.save``, which audits it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from wjself.core import rectification_status as status_steps
from wjself.core.assessment import Rectification, RectStatus
from wjself.core.school import School
from wjself.ui.feedback import reported
from wjself.ui.i18n import fill
from wjself.ui.models import RECORD_ROLE, RecordTableModel
from wjself.ui.page import Page
from wjself.ui.rectification_rows import (
    NO_DATE,
    ItemTexts,
    RectColumns,
    RectRow,
    date_edit,
    pydate,
    qdate,
)
from wjself.ui.widgets import MUTED, OBSOLETE_INK, FocusOutWatcher, ink, label, table_view

if TYPE_CHECKING:
    from wjself.ui.main_window import MainWindow

# Filter keys of the status combo box.
ALL, OPEN, OVERDUE, DONE, VERIFIED = "all", "open", "overdue", "done", "verified"


class RectificationsPage(Page):
    """整改跟踪 across the school's assessments; the selected entry's plan and progress."""

    key = "rectifications"
    icon = QStyle.StandardPixmap.SP_MessageBoxWarning

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._rows: list[RectRow] = []
        self._current: Rectification | None = None
        self._loading = False
        self._selecting = False
        self.texts = RectColumns(self)

        heading = QLabel(self.tr("Rectifications"))
        font = QFont(heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        heading.setFont(font)
        self.school_box = QComboBox()
        self.school_box.setObjectName("rectSchool")
        self.school_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.filter_box = QComboBox()
        self.filter_box.setObjectName("rectFilter")
        for key, text in (
            (ALL, self.tr("All")),
            (OPEN, self.tr("Open (incl. overdue)")),
            (OVERDUE, self.tr("Overdue")),
            (DONE, self.tr("Done, awaiting verification")),
            (VERIFIED, self.tr("Verified")),
        ):
            self.filter_box.addItem(text, key)
        self.filter_box.currentIndexChanged.connect(lambda _i: self._show_rows())
        self.counts = QLabel()
        self.counts.setObjectName("rectCounts")
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(16)
        top.addWidget(self.school_box)
        top.addWidget(QLabel(self.tr("Show:")))
        top.addWidget(self.filter_box)
        top.addWidget(self.counts, 1)

        self.model: RecordTableModel[RectRow] = RecordTableModel(self.texts.columns(), self)
        # The long texts share what the short columns leave, so every column shows on a 1024-wide
        # screen without scrolling sideways (each is whole in its tooltip and the editor below).
        self.table = table_view(self.model, stretch=2)
        self.table.setObjectName("rectTable")
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for long_text in (3, 7):
            header.setSectionResizeMode(long_text, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._on_row)
        self.empty = QLabel()
        self.empty.setObjectName("rectEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(ink(MUTED))
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty)

        self.editor = self._build_editor()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.list_stack)
        split.addWidget(self.editor)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

        window.closing.connect(self.save_plan)
        window.navigation.currentRowChanged.connect(lambda _row: self.save_plan())
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save_plan)
        window.register_shortcut(
            QKeySequence(QKeySequence.StandardKey.Save).toString(
                QKeySequence.SequenceFormat.NativeText
            ),
            self.tr("Rectifications: store the entry being edited (also stored when leaving it)"),
        )
        self._show_entry(None)

    def title(self) -> str:
        return self.tr("Rectifications")

    # ------------------------------------------------------------ the list

    def activate(self) -> None:
        self.refresh()

    def reset(self) -> None:
        self._current = None
        self._rows = []

    def school(self) -> School | None:
        school_id = self.school_box.currentData()
        if school_id is None:
            return None
        return next((s for s in self.window_.workspace.schools.list() if s.id == school_id), None)

    def _fill_schools(self) -> None:
        schools = self.window_.workspace.schools.list()
        keep = self.school_box.currentData()
        self.school_box.blockSignals(True)
        self.school_box.clear()
        for s in schools:
            self.school_box.addItem(s.name, s.id)
        index = self.school_box.findData(keep)
        self.school_box.setCurrentIndex(index if index >= 0 else 0)
        self.school_box.blockSignals(False)
        self.school_box.setVisible(len(schools) > 1)

    def refresh(self) -> None:
        """Reload the entries from the store (keeps the selected one selected)."""
        self.save_plan()
        self._fill_schools()
        school_id = self.school_box.currentData()
        ws = self.window_.workspace
        today = dt.date.today()
        if school_id is None:
            self._rows = []
        else:
            assessments = {a.id: a for a in ws.assessments.list(school_id=school_id)}
            texts = ItemTexts(ws)
            self._rows = [
                RectRow(
                    r,
                    assessments.get(r.assessment_id),
                    r.overdue(today),
                    texts.of(assessments.get(r.assessment_id), r.code),
                )
                for r in ws.rectifications.for_school(school_id, today=today)
            ]
        self._show_rows()

    def visible_rows(self) -> list[RectRow]:
        wanted = self.filter_box.currentData()
        if wanted == OPEN:
            return [r for r in self._rows if r.rect.status is RectStatus.OPEN]
        if wanted == OVERDUE:
            return [r for r in self._rows if r.overdue]
        if wanted == DONE:
            return [r for r in self._rows if r.rect.status is RectStatus.DONE]
        if wanted == VERIFIED:
            return [r for r in self._rows if r.rect.status is RectStatus.VERIFIED]
        return list(self._rows)

    def _show_rows(self) -> None:
        keep = self._current.id if self._current is not None else None
        rows = self.visible_rows()
        self.model.set_records(rows)
        overdue = sum(r.overdue for r in self._rows)
        by_status = {s: sum(r.rect.status is s for r in self._rows) for s in RectStatus}
        self.counts.setText(
            fill(
                self.tr("%1 entries: %2 overdue, %3 open, %4 done, %5 verified"),
                len(self._rows),
                overdue,
                by_status[RectStatus.OPEN],
                by_status[RectStatus.DONE],
                by_status[RectStatus.VERIFIED],
            )
        )
        if not self._rows:
            self.empty.setText(
                self.tr(
                    "No rectifications. An item answered 不符合 in an assessment "
                    "gets an entry here automatically."
                )
                if self.school_box.count()
                else self.tr("No school is registered yet: register it under Settings.")
            )
        elif not rows:
            self.empty.setText(self.tr("No entries with this status."))
        self.list_stack.setCurrentWidget(self.table if rows else self.empty)
        ids = [r.rect.id for r in rows]
        if keep in ids:
            self.select(keep)
        elif rows:
            self.select(rows[0].rect.id)
        else:
            self._show_entry(None)

    def select(self, rect_id: int) -> bool:
        """Show entry ``rect_id``; False when the current one's edits were refused (it stays)."""
        if self._current is not None and self._current.id != rect_id and not self.save_plan():
            return False
        for n, row in enumerate(self.model.records()):
            if row.rect.id == rect_id:
                self._select_row(n)
                self.table.scrollTo(self.model.index(n, 0))
                self._show_entry(row)
                return True
        return False

    def _select_row(self, n: int) -> None:
        """Select row ``n`` without treating it as the person moving to another entry."""
        self._selecting = True
        try:
            self.table.selectRow(n)
        finally:
            self._selecting = False

    def _on_row(self, current: Any, previous: Any) -> None:
        if self._selecting or not current.isValid():
            return
        row: RectRow = self.model.index(current.row(), 0).data(RECORD_ROLE)
        if self._current is not None and row.rect.id == self._current.id:
            return
        if not self.save_plan():
            # After the click has finished selecting, or the view would undo this.
            QTimer.singleShot(0, self._reselect_current)
            return
        self._show_entry(row)

    def _reselect_current(self) -> None:
        if self._current is None:
            return
        for n, row in enumerate(self.model.records()):
            if row.rect.id == self._current.id:
                self._select_row(n)
                return

    # ------------------------------------------------------------ the selected entry

    def _build_editor(self) -> QGroupBox:
        box = QGroupBox(self.tr("Selected entry"))
        self.entry_heading = QLabel()
        self.entry_heading.setObjectName("rectHeading")
        self.entry_heading.setWordWrap(True)
        font = QFont(self.entry_heading.font())
        font.setBold(True)
        self.entry_heading.setFont(font)
        self.item_text = label(muted=True, wrap=True, name="rectItemText")
        self.item_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.obsolete_note = QLabel(
            self.tr(
                "This item is no longer 不符合; the entry was kept because it had been "
                "worked on. Delete it if it is no longer needed."
            )
        )
        self.obsolete_note.setWordWrap(True)
        self.obsolete_note.setStyleSheet(ink(OBSOLETE_INK))
        self.delete_button = QPushButton(self.tr("Delete entry"))
        self.delete_button.clicked.connect(self.delete_current)
        obsolete = QHBoxLayout()
        obsolete.addWidget(self.obsolete_note, 1)
        obsolete.addWidget(self.delete_button)
        self.obsolete_row = QWidget()
        self.obsolete_row.setLayout(obsolete)
        obsolete.setContentsMargins(0, 0, 0, 0)

        self.problem_edit = QPlainTextEdit()
        self.problem_edit.setObjectName("rectProblem")
        self.measure_edit = QPlainTextEdit()
        self.measure_edit.setObjectName("rectMeasure")
        self.measure_edit.setPlaceholderText(self.tr("What will be done, step by step"))
        leaving = FocusOutWatcher(self.save_plan, box)
        for edit in (self.problem_edit, self.measure_edit):
            edit.setTabChangesFocus(True)
            edit.setMaximumHeight(72)
            leaving.watch(edit)
        self.owner_edit = QLineEdit()
        self.owner_edit.setObjectName("rectOwner")
        self.owner_edit.editingFinished.connect(self.save_plan)
        self.due_edit = date_edit(self.tr("not set"))
        self.due_edit.setObjectName("rectDue")
        self.due_edit.editingFinished.connect(self.save_plan)
        plan = QFormLayout()
        plan.addRow(self.tr("Problem"), self.problem_edit)
        plan.addRow(self.tr("Measure"), self.measure_edit)
        owner_due = QHBoxLayout()
        owner_due.addWidget(self.owner_edit, 1)
        owner_due.addWidget(QLabel(self.tr("Due")))
        owner_due.addWidget(self.due_edit)
        plan.addRow(self.tr("Responsible"), owner_due)

        self._build_progress()
        plan.addRow(self.tr("Progress"), self.progress)

        layout = QVBoxLayout(box)
        layout.addWidget(self.entry_heading)
        layout.addWidget(self.item_text)
        layout.addWidget(self.obsolete_row)
        layout.addLayout(plan)
        layout.addStretch(1)
        return box

    def _build_progress(self) -> None:
        """Progress: one row per status, each with the step it allows."""
        self.progress = QStackedWidget()
        self.progress.setObjectName("rectProgress")
        self.progress.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        open_row = QWidget()
        self.done_date = date_edit()
        self.done_date.setObjectName("rectDoneDate")
        self.done_button = QPushButton(self.tr("Mark as done"))
        self.done_button.setObjectName("rectMarkDone")
        self.done_button.clicked.connect(self.mark_done)
        line = QHBoxLayout(open_row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(QLabel(self.tr("Completed on")))
        line.addWidget(self.done_date)
        line.addWidget(self.done_button)
        line.addStretch(1)
        done_row = QWidget()
        self.done_label = QLabel()
        self.verifier_edit = QLineEdit()
        self.verifier_edit.setObjectName("rectVerifier")
        self.verifier_edit.setPlaceholderText(self.tr("Name of who checked it"))
        self.verified_date = date_edit()
        self.verified_date.setObjectName("rectVerifiedDate")
        self.verify_button = QPushButton(self.tr("Verified"))
        self.verify_button.setObjectName("rectVerify")
        self.verify_button.clicked.connect(self.mark_verified)
        self.verifier_edit.textChanged.connect(
            lambda text: self.verify_button.setEnabled(bool(text.strip()))
        )
        self.reopen_button = QPushButton(self.tr("Back to open"))
        self.reopen_button.clicked.connect(self.reopen)
        line = QHBoxLayout(done_row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.done_label)
        line.addSpacing(12)
        line.addWidget(QLabel(self.tr("Verified by")))
        line.addWidget(self.verifier_edit)
        line.addWidget(QLabel(self.tr("on")))
        line.addWidget(self.verified_date)
        line.addWidget(self.verify_button)
        line.addWidget(self.reopen_button)
        line.addStretch(1)
        verified_row = QWidget()
        self.verified_label = QLabel()
        self.unverify_button = QPushButton(self.tr("Undo verification"))
        self.unverify_button.clicked.connect(self.unverify)
        line = QHBoxLayout(verified_row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.verified_label)
        line.addWidget(self.unverify_button)
        line.addStretch(1)
        for row in (open_row, done_row, verified_row):
            self.progress.addWidget(row)

    def _show_entry(self, row: RectRow | None) -> None:
        self._loading = True
        try:
            self._current = row.rect if row is not None else None
            self.editor.setEnabled(row is not None)
            if row is None:
                self.entry_heading.setText(self.tr("Select an entry above."))
                self.item_text.clear()
                self.obsolete_row.hide()
                for edit in (self.problem_edit, self.measure_edit):
                    edit.clear()
                self.owner_edit.clear()
                self.due_edit.setDate(NO_DATE)
                self.progress.setCurrentIndex(0)
                return
            r = row.rect
            self.entry_heading.setText(
                fill(
                    self.tr("%1 · %2 · %3"),
                    r.code,
                    self.texts.assessment_text(row),
                    self.texts.status_text(row),
                )
            )
            self.item_text.setText(
                fill(self.tr("Requirement: %1"), row.item_text) if row.item_text else ""
            )
            self.item_text.setVisible(bool(row.item_text))
            self.obsolete_row.setVisible(r.obsolete)
            self.problem_edit.setPlainText(r.problem)
            self.measure_edit.setPlainText(r.measure)
            self.owner_edit.setText(r.owner)
            self.due_edit.setDate(qdate(r.due))
            today = QDate.currentDate()
            self.done_date.setMaximumDate(today)
            self.verified_date.setMaximumDate(today)
            self.done_date.setDate(qdate(r.done_on) if r.done_on else today)
            self.verified_date.setDate(qdate(r.verified_on) if r.verified_on else today)
            self.verifier_edit.setText(r.verified_by)
            self.verify_button.setEnabled(bool(r.verified_by.strip()))
            if r.status is RectStatus.OPEN:
                self.progress.setCurrentIndex(0)
            elif r.status is RectStatus.DONE:
                self.done_label.setText(
                    fill(self.tr("Done on %1."), r.done_on.isoformat() if r.done_on else "")
                )
                self.progress.setCurrentIndex(1)
            else:
                self.verified_label.setText(
                    fill(
                        self.tr("Done on %1, verified on %2 by %3."),
                        r.done_on.isoformat() if r.done_on else "",
                        r.verified_on.isoformat() if r.verified_on else "",
                        r.verified_by,
                    )
                )
                self.progress.setCurrentIndex(2)
        finally:
            self._loading = False

    def current(self) -> Rectification | None:
        return self._current

    def _plan_edited(self, r: Rectification) -> Rectification:
        return dataclasses.replace(
            r,
            problem=self.problem_edit.toPlainText(),
            measure=self.measure_edit.toPlainText(),
            owner=self.owner_edit.text(),
            due=pydate(self.due_edit.date()),
        )

    def save_plan(self) -> bool:
        """Store the plan fields if they were changed; False when the store refused them."""
        r = self._current
        if self._loading or r is None:
            return True
        wanted = self._plan_edited(r)
        if (wanted.problem.strip(), wanted.measure.strip(), wanted.owner.strip(), wanted.due) == (
            r.problem,
            r.measure,
            r.owner,
            r.due,
        ):
            return True
        return self._store(wanted, reload=False)

    def _store(self, wanted: Rectification, *, reload: bool = True) -> bool:
        with reported(self.window_, self.tr("The rectification was not saved")) as outcome:
            saved = self.window_.workspace.rectifications.save(wanted)
        if not outcome.ok:
            return False
        self._current = saved
        self.window_.mark_saved()
        self.window_.changes.answers_changed.emit(saved.assessment_id)
        if reload:
            self.refresh()
        else:
            self._replace_row(saved)
        return True

    def _replace_row(self, saved: Rectification) -> None:
        """Show a saved plan in the list without reloading (the editor keeps the focus)."""
        today = dt.date.today()
        self._rows = [
            dataclasses.replace(row, rect=saved, overdue=saved.overdue(today))
            if row.rect.id == saved.id
            else row
            for row in self._rows
        ]
        rows = self.visible_rows()
        self.model.set_records(rows)
        for n, row in enumerate(rows):
            if row.rect.id == saved.id:
                self._select_row(n)

    def _step(self, move: Callable[[Rectification], Rectification]) -> None:
        r = self._current
        if r is None:
            return
        self._store(move(self._plan_edited(r)))

    # The transitions and what each clears are core's (core.rectification_status).
    def mark_done(self) -> None:
        self._step(lambda r: status_steps.mark_done(r, pydate(self.done_date.date())))

    def mark_verified(self) -> None:
        self._step(
            lambda r: status_steps.mark_verified(
                r, self.verifier_edit.text(), pydate(self.verified_date.date())
            )
        )

    def reopen(self) -> None:
        self._step(status_steps.reopen)

    def unverify(self) -> None:
        self._step(status_steps.unverify)

    def delete_current(self) -> None:
        r = self._current
        if r is None:
            return
        if not self.window_.prompts.confirm(
            self,
            self.tr("Delete entry"),
            fill(self.tr("Delete the rectification entry of item %1?"), r.code),
            destructive=True,
        ):
            return
        with reported(self.window_, self.tr("The entry was not deleted")) as outcome:
            self.window_.workspace.rectifications.delete(r.id)
        if outcome.ok:
            self._current = None
            self.window_.mark_saved()
            self.window_.changes.answers_changed.emit(r.assessment_id)
            self.refresh()
