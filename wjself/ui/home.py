"""首页: the school's self-assessments, with what to do next.

A table (one row per assessment: checklist, version, period, status, progress, score and
rating, open and overdue rectifications), filters by period and status, a school selector when
the data folder holds several schools, and the actions 新建自评, 打开, 导出 and 删除草稿 as
buttons, context menu and keys.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QHideEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from wjself.core.assessment import AssessmentSummary, Status
from wjself.core.errors import EnvironmentFault, InputError
from wjself.core.school import School
from wjself.ui.assessment_table import AssessmentTable
from wjself.ui.export import ExportDialog, open_export
from wjself.ui.i18n import fill
from wjself.ui.icons import icon
from wjself.ui.labels import status_label
from wjself.ui.models import RECORD_ROLE
from wjself.ui.new_assessment import NewAssessmentDialog
from wjself.ui.page import Page
from wjself.ui.session import problem_text
from wjself.ui.widgets import (
    ERROR,
    MUTED,
    PRIMARY_BUTTON,
    NoticeBar,
    ink,
    label,
    scaled_font,
)
from wjself.ui.wizard import SchoolWizard, open_wizard

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

    from wjself.store.glance import Glance
    from wjself.ui.changes import Changes
    from wjself.ui.main_window import MainWindow

SCHOOL_KEY = "home/school"
ALL = ""


class HomePage(Page):
    """The list of self-assessments and the way into each."""

    key = "home"
    icon = QStyle.StandardPixmap.SP_DirHomeIcon

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.dialog: NewAssessmentDialog | ExportDialog | SchoolWizard | None = None
        self._schools: list[School] = []
        self._glance: Glance | None = None  # the last session's figures, until the store is open

        self.heading = QLabel(self.tr("Our self-assessments"))
        self.heading.setFont(scaled_font(self.heading, 1.5, bold=True))
        self.school_label = label(wrap=True, name="schoolName")
        self.school_label.setFont(scaled_font(self.school_label, 1.1))
        self.summary = label(muted=True, name="summary")
        self.overdue = label(name="overdueSummary")
        self.overdue.setStyleSheet(ink(ERROR))
        self.school_combo = QComboBox()
        self.school_combo.setObjectName("schoolSelector")
        self.school_combo.setMinimumWidth(180)
        self.school_combo.currentIndexChanged.connect(self._school_chosen)

        self._build_actions(window)

        self.period_filter = QComboBox()
        self.period_filter.setObjectName("periodFilter")
        self.period_filter.setMinimumWidth(110)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem(self.tr("All statuses"), ALL)
        self.status_filter.addItem(status_label(Status.DRAFT), Status.DRAFT.value)
        self.status_filter.addItem(status_label(Status.FINALIZED), Status.FINALIZED.value)
        self.period_filter.currentIndexChanged.connect(self._filter_chosen)
        self.status_filter.currentIndexChanged.connect(self._filter_chosen)

        self.table = AssessmentTable(self)
        # The table's parts, by the names the page's callers use.
        self.model = self.table.records
        self.proxy = self.table.proxy
        self.column_fitter = self.table.column_fitter
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.activated.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for action in (self.open_action, self.export_action, self.delete_action):
            self.table.addAction(action)
        self.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)

        self._build_empty_state()

        self.hint = label(muted=True, wrap=True, name="actionHint")
        self.notice = NoticeBar(self)
        self._all: list[AssessmentSummary] = []

        self._build_layout()

        self._follow(window.changes)

    def _build_actions(self, window: MainWindow) -> None:
        self.new_action = self._action(
            "new",
            self.tr("New self-assessment…"),
            QKeySequence.StandardKey.New,
            self.new_assessment,
        )
        self.open_action = self._action("open", self.tr("Open"), None, self.open_selected)
        self.export_action = self._action(
            "export", self.tr("Export…"), QKeySequence("Ctrl+P"), self.export_selected
        )
        self.delete_action = self._action(
            "delete",
            self.tr("Delete draft…"),
            QKeySequence.StandardKey.Delete,
            self.delete_selected,
        )
        window.register_shortcut("Ctrl+N", self.tr("Home: new self-assessment"))
        window.register_shortcut("Enter", self.tr("Home: open the selected self-assessment"))
        window.register_shortcut("Delete", self.tr("Home: delete the selected draft"))

    def _build_empty_state(self) -> None:
        self.empty = QLabel()
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setFont(scaled_font(self.empty, 1.2))
        self.empty.setStyleSheet(f"{ink(MUTED)}; padding: 40px 40px 16px 40px")
        # With no school, the way to register one is right here (the wizard may have been closed).
        self.register_button = QPushButton(icon("school"), self.tr("Register the school…"))
        self.register_button.setObjectName("registerSchoolButton")
        self.register_button.clicked.connect(self.register_school)
        self.empty_state = QWidget()
        empty_layout = QVBoxLayout(self.empty_state)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty)
        empty_layout.addWidget(self.register_button, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(2)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_state)

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.school_label)
        facts = QHBoxLayout()
        facts.addWidget(self.summary)
        facts.addWidget(self.overdue)
        facts.addStretch(1)
        titles.addLayout(facts)
        top.addLayout(titles, 1)
        top.addWidget(self.school_combo, 0, Qt.AlignmentFlag.AlignBottom)

        bar = QHBoxLayout()
        self.new_button = self._button(self.new_action, "newButton", primary=True)
        bar.addWidget(self.new_button)
        self.open_button = self._button(self.open_action, "openButton")
        self.export_button = self._button(self.export_action, "exportButton")
        self.delete_button = self._button(self.delete_action, "deleteButton")
        for button in (self.open_button, self.export_button, self.delete_button):
            bar.addWidget(button)
        bar.addStretch(1)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Period:")))
        filters.addWidget(self.period_filter)
        filters.addSpacing(8)
        filters.addWidget(QLabel(self.tr("Status:")))
        filters.addWidget(self.status_filter)
        top.addSpacing(12)
        top.addLayout(filters)
        top.setAlignment(filters, Qt.AlignmentFlag.AlignBottom)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 10)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.hint)

    def _follow(self, changes: Changes) -> None:
        """Refresh on the changes this page shows."""
        changes.school_saved.connect(self._school_saved)
        for signal in (
            changes.assessments_created,
            changes.assessment_deleted,
            changes.assessment_finalized,
            changes.assessment_reopened,
            changes.assessment_upgraded,
            changes.answers_changed,
            changes.templates_imported,
        ):
            signal.connect(self._data_changed)

    def title(self) -> str:
        return self.tr("Home")

    def navigation_icon(self) -> QIcon:
        return icon("home")

    def activate(self) -> None:
        self._load_schools()

    def hideEvent(self, event: QHideEvent) -> None:
        # A message about the last action does not outlive a visit to another page.
        self.notice.dismiss()
        super().hideEvent(event)

    def _school_saved(self, school_id: int) -> None:
        if self.current_school() is None:  # the first school: show it at once
            self.window_.preferences.set_value(SCHOOL_KEY, school_id)
        if self.isVisible():
            self._load_schools()

    def _data_changed(self, *_what: object) -> None:
        # A hidden page reloads when it is shown (activate); only the one on screen must follow.
        if self.isVisible():
            self.refresh()

    # ------------------------------------------------------------ building

    def _action(
        self,
        icon_name: str,
        text: str,
        keys: QKeySequence | QKeySequence.StandardKey | None,
        slot: Callable[[], object],
    ) -> QAction:
        action = QAction(icon(icon_name), text, self)
        if keys is not None:
            # Window-wide, but only while this page is shown: Qt ignores actions of hidden widgets.
            action.setShortcut(keys)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _button(self, action: QAction, name: str, primary: bool = False) -> QPushButton:
        button = QPushButton(action.icon(), action.text())
        button.setObjectName(name)
        button.clicked.connect(action.trigger)
        button.setEnabled(action.isEnabled())

        def follow() -> None:  # the button mirrors its action (enabled, and why not)
            button.setEnabled(action.isEnabled())
            button.setToolTip(action.toolTip())

        action.changed.connect(follow)
        if primary:
            button.setDefault(True)
            button.setStyleSheet(PRIMARY_BUTTON)
        return button

    # ------------------------------------------------------------ schools and rows

    def current_school(self) -> School | None:
        index = self.school_combo.currentIndex()
        if 0 <= index < len(self._schools):
            return self._schools[index]
        return None

    def show_glance(self, glance: Glance) -> None:
        """Show the figures the page showed when the window last closed (the database has not
        changed since); the actions wait for the store, and ``activate`` replaces them live."""
        self._glance = glance
        self._load_schools()

    def _live(self) -> bool:
        return self.window_.attached

    def _load_schools(self) -> None:
        if self._live():
            self._glance = None
            self._schools = self.window_.workspace.schools.list()
        else:
            self._schools = list(self._glance.schools) if self._glance else []
        wanted = self.window_.preferences.value(SCHOOL_KEY)
        current = self.current_school()
        keep = current.id if current is not None else wanted
        self.school_combo.blockSignals(True)
        self.school_combo.clear()
        for school in self._schools:
            self.school_combo.addItem(icon("school"), school.name, school.id)
        found = next((n for n, s in enumerate(self._schools) if str(s.id) == str(keep)), 0)
        self.school_combo.setCurrentIndex(found if self._schools else -1)
        self.school_combo.blockSignals(False)
        self.school_combo.setVisible(len(self._schools) > 1)
        self.refresh()

    def _filter_chosen(self, _index: int) -> None:
        self.notice.dismiss()
        self._show()

    def _school_chosen(self, _index: int) -> None:
        school = self.current_school()
        if school is not None:
            self.window_.preferences.set_value(SCHOOL_KEY, school.id)
        self.refresh()

    def set_filters(self, period: str = ALL, status: str = ALL) -> None:
        self.period_filter.setCurrentIndex(max(self.period_filter.findData(period), 0))
        self.status_filter.setCurrentIndex(max(self.status_filter.findData(status), 0))

    def refresh(self) -> None:
        """Read the school's assessments again (one service call), keeping filters and selection."""
        school = self.current_school()
        if not self._live():
            self._all = self._glance.of_school(school.id) if school and self._glance else []
            self.table.newer = (
                self._glance.newer_of_school(school.id) if school and self._glance else {}
            )
            self._fill_filters()
            return
        ws = self.window_.workspace
        self._all = ws.assessments.list(school.id) if school else []
        # Drafts whose checklist has a newer installed version (a finalized one is never upgraded).
        self.table.newer = (
            {o.assessment_id: o.newest for o in ws.upgrades.offers(school.id) if o.is_draft}
            if school
            else {}
        )
        self._fill_filters()

    def _fill_filters(self) -> None:
        periods = sorted({s.period for s in self._all}, reverse=True)
        current = self.period_filter.currentData()
        self.period_filter.blockSignals(True)
        self.period_filter.clear()
        self.period_filter.addItem(self.tr("All periods"), ALL)
        for period in periods:
            self.period_filter.addItem(period, period)
        self.period_filter.setCurrentIndex(max(self.period_filter.findData(current), 0))
        self.period_filter.blockSignals(False)
        self._show()

    def _show(self) -> None:
        """Show the rows that pass the filters."""
        school = self.current_school()
        self.school_label.setText(
            fill(self.tr("%1 · %2"), school.name, "、".join(school.stages)) if school else ""
        )
        chosen = set(self.selected_ids())
        period = self.period_filter.currentData() or None
        status = self.status_filter.currentData() or None
        records = [
            s for s in self._all
            if (period is None or s.period == period) and (status is None or s.status.value == status)
        ]  # fmt: skip
        self.model.set_records(records)
        self.register_button.setVisible(school is None)
        if school is None:
            self._show_empty(
                self.tr(
                    "No school is registered yet.\nRegister your school (name, school code, "
                    "stages); then start a self-assessment here."
                )
            )
        elif not records and self._all:
            self._show_empty(self.tr("No self-assessment matches these filters."))
        elif not records:
            self._show_empty(
                self.tr(
                    "No self-assessments yet.\nClick “New self-assessment…” and tick the "
                    "checklists your school works through this year."
                )
            )
        else:
            self.stack.setCurrentWidget(self.table)
        self._summarize()
        self.new_action.setEnabled(school is not None and self._live())
        self.new_action.setToolTip(
            self.tr("Start self-assessments of the chosen checklists")
            if school is not None
            else self.tr("Register the school first: click “Register the school…”.")
        )
        self.select_ids(chosen)
        self._update_actions()

    def _summarize(self) -> None:
        """One line on where the school stands: drafts, finalized, rectifications open and overdue."""
        drafts = sum(1 for s in self._all if s.status is Status.DRAFT)
        text = fill(
            self.tr("%1 self-assessments: %2 drafts, %3 finalized · %4 rectifications open"),
            len(self._all),
            drafts,
            len(self._all) - drafts,
            sum(s.open_rectifications for s in self._all),
        )
        overdue = sum(s.overdue_rectifications for s in self._all)
        self.summary.setText(text if self._all else "")
        self.overdue.setText(fill(self.tr("· %1 overdue"), overdue) if overdue else "")
        self.overdue.setVisible(bool(overdue))

    def _show_empty(self, text: str) -> None:
        self.empty.setText(text)
        self.stack.setCurrentWidget(self.empty_state)

    def records(self) -> list[AssessmentSummary]:
        return [self.proxy.index(r, 0).data(RECORD_ROLE) for r in range(self.proxy.rowCount())]

    def selected(self) -> list[AssessmentSummary]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.proxy.index(r, 0).data(RECORD_ROLE) for r in rows]

    def selected_ids(self) -> list[int]:
        return [s.id for s in self.selected()]

    def select_ids(self, ids: set[int] | list[int]) -> None:
        wanted = set(ids)
        selection = self.table.selectionModel()
        selection.clearSelection()
        first: QModelIndex | None = None
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(RECORD_ROLE).id in wanted:
                selection.select(
                    index,
                    QItemSelectionModel.SelectionFlag.Select
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                first = first or index
        if first is None and self.proxy.rowCount():
            first = self.proxy.index(0, 0)
            selection.select(
                first,
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )
        if first is not None:
            selection.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)

    def _update_actions(self) -> None:
        if not self._live():
            waiting = self.tr("Opening the data folder…")
            for action in (
                self.new_action,
                self.open_action,
                self.export_action,
                self.delete_action,
            ):
                action.setEnabled(False)
                action.setToolTip(waiting)
            self.hint.setText(waiting)
            return
        chosen = self.selected()
        self.open_action.setEnabled(len(chosen) == 1)
        self.export_action.setEnabled(bool(chosen))
        pick = self.tr("Select a self-assessment in the list first.")
        self.open_action.setToolTip(
            self.tr("Open the selected self-assessment")
            if len(chosen) == 1
            else pick
            if not chosen
            else self.tr("Several selected: select one to open.")
        )
        self.export_action.setToolTip(
            self.tr("Export the selected self-assessments") if chosen else pick
        )
        finalized = [s for s in chosen if s.status is Status.FINALIZED]
        self.delete_action.setEnabled(len(chosen) == 1 and not finalized)
        why = ""
        if finalized:
            why = self.tr(
                "A finalized self-assessment cannot be deleted; open it and reopen it first if it must change."
            )
        elif len(chosen) > 1:
            why = self.tr(
                "Several selected: export them together, or select one to open or delete."
            )
        self.delete_action.setToolTip(why or self.tr("Delete the selected draft"))
        self.hint.setText(why)

    # ------------------------------------------------------------ actions

    def register_school(self) -> SchoolWizard:
        """登记学校…: the school wizard (the first-start one while no school exists)."""
        self.notice.dismiss()
        first = not self.window_.workspace.schools.list()
        wizard = open_wizard(self.window_, first_start=first)
        self.dialog = wizard
        return wizard

    def new_assessment(self) -> NewAssessmentDialog | None:
        self.notice.dismiss()
        school = self.current_school()
        if school is None:
            self.notice.show_message(
                "info", self.tr("Register the school first: click “Register the school…”.")
            )
            return None
        dialog = NewAssessmentDialog(self.window_.workspace, school, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.created.connect(self._created)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _created(self, ids: list[int]) -> None:
        self.window_.mark_saved()
        self.set_filters()
        self.window_.changes.assessments_created.emit(ids)
        self.refresh()
        self.select_ids(ids)
        if len(ids) == 1:
            self.open_assessment(ids[0])
        else:
            self.notice.show_message(
                "success",
                fill(
                    self.tr("%1 self-assessments created. Select one and press Enter to start."),
                    len(ids),
                ),
            )

    def open_selected(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1:
            self.open_assessment(chosen[0].id)

    def open_assessment(self, assessment_id: int) -> None:
        self.notice.dismiss()
        if not self.window_.open_assessment(assessment_id):
            self.refresh()
            self.notice.show_message(
                "warning", self.tr("This self-assessment no longer exists; the list is updated.")
            )

    def export_selected(self) -> ExportDialog | None:
        self.notice.dismiss()
        ids = self.selected_ids()
        if not ids:
            return None
        self.dialog = open_export(self.window_, ids)
        return self.dialog

    def delete_selected(self) -> None:
        chosen = self.selected()
        if len(chosen) != 1 or chosen[0].status is Status.FINALIZED:
            return
        self.notice.dismiss()
        target = chosen[0]
        question = fill(
            self.tr(
                "Delete the draft “%1” (%2) with its answers, evidence files and rectifications?\n\n"
                "This cannot be undone."
            ),
            target.template_title,
            target.period,
        )
        if not self.window_.prompts.confirm(
            self, self.tr("Delete draft"), question, destructive=True
        ):
            return
        try:
            self.window_.workspace.assessments.delete(target.id)
        except InputError as exc:
            self.window_.prompts.warn(self, self.tr("Delete draft"), problem_text(exc.problems))
            return
        except EnvironmentFault as exc:
            self.window_.prompts.error(self, self.tr("Delete draft"), str(exc))
            return
        self.window_.mark_saved()
        self.window_.changes.assessment_deleted.emit(target.id)
        self.refresh()
        self.notice.show_message(
            "info", fill(self.tr("Draft “%1” deleted."), target.template_title)
        )
