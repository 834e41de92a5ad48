"""逐项填写: the page where a checklist is worked through, item by item.

Master–detail: the sections down the side (answered/total, ✓ when complete), the items of the
chosen section in the middle (a model over the session, so 500 items open at once), and the
current item in a detail pane on the right.  Every change is stored as it is made (no Save
button); a note is stored while typing (debounced), on leaving the field, on switching items
and when the window closes.  Keys: 1–4 answer a compliance item in the list, Y/N a yes/no
item, 1–9 a single choice; F3 jumps to the next unanswered item; Ctrl+F searches; Ctrl+P
exports.  A finalized assessment opens read-only under a banner with 重新打开.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QHideEvent, QIcon, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from wjself.core.assessment import Rectification
from wjself.core.errors import InputError
from wjself.core.scoring import Outcome
from wjself.core.template import Item, Kind
from wjself.core.values import NO, YES
from wjself.ui.answer_editor import COMPLIANCE_KEYS
from wjself.ui.export import ExportDialog, open_export
from wjself.ui.feedback import guarded
from wjself.ui.finish import FinishDialog
from wjself.ui.i18n import fill
from wjself.ui.icons import icon
from wjself.ui.item_detail import ItemDetail
from wjself.ui.page import Page
from wjself.ui.session import AssessmentSession
from wjself.ui.upgrade import HistoryDialog, UpgradeDialog
from wjself.ui.walkthrough_evidence import EvidenceController
from wjself.ui.walkthrough_header import NEXT_KEYS, PREVIOUS_KEYS, WalkthroughHeader
from wjself.ui.walkthrough_list import FilterBar, ItemPane, filter_counts, scope_of
from wjself.ui.walkthrough_models import (
    ALL_SECTIONS,
    Filter,
    SectionDelegate,
    SectionModel,
)
from wjself.ui.walkthrough_upgrade import FinalizedBanner, UpgradeBanner, UpgradeFlow
from wjself.ui.widgets import MUTED, NoticeBar, scaled_font, show_error

if TYPE_CHECKING:
    from wjself.ui.main_window import MainWindow

Shown = FinishDialog | ExportDialog | UpgradeDialog | HistoryDialog
D = TypeVar("D", bound=Shown | None)

ASSESSMENT_KEY = "walkthrough/assessment"
ITEM_KEY = "walkthrough/item"
SPLITTER_KEY = "walkthrough/splitter"
GUIDANCE_KEY = "walkthrough/guidance"
SECTIONS_WIDTH = 230


class WalkthroughPage(Page):
    """Work through one assessment; ``open_assessment`` chooses which."""

    key = "walkthrough"
    icon = QStyle.StandardPixmap.SP_FileDialogDetailedView

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.dialog: Shown | None = None
        self.session = AssessmentSession(window.workspace, self)
        self.session.saved.connect(window.mark_saved)
        self._announce(window)
        self._current: str | None = None  # the code shown in the detail pane
        # Where the person is: (assessment, section row or -1 for "the item's section", item).
        self._place: tuple[int, int, str | None] | None = None
        self._fresh = False  # loaded since the page was last shown

        self._build_header()
        self._build_body()  # the models connect to the session first: reset before _loaded
        self._build_actions()
        self._connect_upgrades()
        self.session.loaded.connect(self._loaded)
        self.session.items_changed.connect(self._items_changed)

        self.empty = QWidget()
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(1)
        message = QLabel(
            self.tr(
                "No self-assessment is open.\nOn the home page, double-click one to work through it."
            )
        )
        message.setObjectName("walkthroughEmpty")
        message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        message.setFont(scaled_font(message, 1.2))
        message.setStyleSheet(f"color: {MUTED}")
        go_home = QPushButton(icon("home"), self.tr("Go to the home page"))
        go_home.clicked.connect(
            lambda: self.window_.show_page("home") if "home" in self.window_.pages else None
        )
        empty_layout.addWidget(message)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(go_home)
        row.addStretch(1)
        empty_layout.addLayout(row)
        empty_layout.addStretch(2)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        window.closing.connect(self._window_closing)
        guidance = window.preferences.value(GUIDANCE_KEY, False)
        self.detail.set_guidance_open(str(guidance).lower() == "true")
        self.detail.guidance_toggled.connect(
            lambda on: window.preferences.set_value(GUIDANCE_KEY, on)
        )
        last = window.preferences.value(ASSESSMENT_KEY)
        if last:
            # Once the window is built and shown; cancelled if the page goes first.
            QTimer.singleShot(0, self, lambda: self._reopen_last(str(last)))

    # ------------------------------------------------------------ building

    def _build_header(self) -> None:
        self.header = WalkthroughHeader()
        self.header.next_requested.connect(lambda: self.next_unanswered())  # noqa: PLW0108 - no args
        self.header.export_requested.connect(self.export)
        self.header.finish_requested.connect(self.finish)
        # The header's parts, by the names the page has always had.
        self.title_label = self.header.title_label
        self.subtitle = self.header.subtitle
        self.status_chip = self.header.status_chip
        self.progress = self.header.progress
        self.score_label = self.header.score_label
        self.next_button = self.header.next_button
        self.export_button = self.header.export_button
        self.finish_button = self.header.finish_button

        self.banner = FinalizedBanner(self)
        self.notice = NoticeBar(self)
        self.notice.setObjectName("walkthroughNotice")
        self.upgrade_banner = UpgradeBanner(self.session, self)

    def _build_body(self) -> None:
        self.filter_bar = FilterBar()
        self.filter_bar.filter_chosen.connect(self.set_filter)
        self.filter_buttons = self.filter_bar.group
        self._filter_button = self.filter_bar.buttons
        self.search = self.filter_bar.search
        self.search.textChanged.connect(self._search_changed)

        self.section_model = SectionModel(self.session)
        self.sections = QListView()
        self.sections.setObjectName("sectionList")
        self.sections.setModel(self.section_model)
        self.sections.setItemDelegate(SectionDelegate(self.sections))
        self.sections.setMinimumWidth(140)
        self.sections.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sections.selectionModel().currentRowChanged.connect(self._section_chosen)

        middle = self.item_pane = ItemPane(self.session)
        self.item_model = middle.model
        self.items = middle.items
        self.section_title = middle.section_title
        self.section_info = middle.section_info
        self.no_rows = middle.no_rows
        self.items.selectionModel().currentRowChanged.connect(self._item_chosen)
        self.items.answer_key.connect(self._answer_key)
        self.item_model.rows_rebuilt.connect(self._rows_rebuilt)

        self.detail = ItemDetail()
        self.detail.value_committed.connect(self._commit_value)
        self.items.enter_pressed.connect(self.detail.focus_answer)
        self.detail.note_committed.connect(self._commit_note)
        self.detail.rectification_committed.connect(self._commit_rectification)
        self.evidence = EvidenceController(
            self.window_, self.session, self.detail.evidence, lambda: self._current, self
        )
        self.detail.evidence_add.connect(self.evidence.add)
        self.detail.evidence_pick.connect(self.evidence.pick)
        self.detail.evidence_remove.connect(self.evidence.remove)
        self.detail.evidence_open.connect(self.evidence.open)
        self.detail.confirm_requested.connect(self.confirm_answer)
        self.detail.history_requested.connect(self.show_history)
        self.detail_scroll = QScrollArea()
        self.detail_scroll.setObjectName("detailScroll")
        self.detail_scroll.setWidgetResizable(True)
        self.detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.detail_scroll.setWidget(self.detail)
        self.detail_scroll.setMinimumWidth(280)
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.detail)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.focus_items)

        # The item list and the detail side by side when both fit whole, else one above the
        # other (a 1024-wide laptop): never a column squeezed to a character, never a pane
        # scrolled sideways.  The sections list may be dragged shut.
        self.middle = middle
        self.work = QSplitter(Qt.Orientation.Horizontal)
        self.work.setObjectName("itemsAndDetail")
        self.work.addWidget(middle)
        self.work.addWidget(self.detail_scroll)
        self.work.setStretchFactor(0, 3)
        self.work.setStretchFactor(1, 2)
        self.work.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("walkthroughSplitter")
        self.splitter.addWidget(self.sections)
        self.splitter.addWidget(self.work)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([SECTIONS_WIDTH, 1000])
        saved = self.window_.preferences.bytes_value(SPLITTER_KEY)
        if saved is not None:
            self.splitter.restoreState(saved)
        self.detail.installEventFilter(self)  # its content changes with the item: refit
        self._fit_detail()

        self.content = QWidget()
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.header)
        bars = QVBoxLayout()
        bars.setContentsMargins(16, 0, 16, 0)
        bars.addWidget(self.banner)
        bars.addWidget(self.upgrade_banner)
        bars.addWidget(self.notice)
        bars.addWidget(self.filter_bar)
        layout.addLayout(bars)
        layout.addWidget(self.splitter, 1)

    def _build_actions(self) -> None:
        window = self.window_

        def action(keys: str, text: str, slot: Callable[[], object]) -> QAction:
            act = QAction(text, self)
            act.setShortcut(QKeySequence(keys))
            act.triggered.connect(slot)
            self.addAction(act)
            window.register_shortcut(keys, text)
            return act

        window.register_shortcut("1 – 4", self.tr("Item list: 符合 / 基本符合 / 不符合 / 不适用"))
        window.register_shortcut("Y / N", self.tr("Item list: 是 / 否 for a yes/no item"))
        window.register_shortcut(
            "1 – 9", self.tr("Item list: choose that option of a single-choice item")
        )
        window.register_shortcut("↑ / ↓", self.tr("Item list: previous / next item"))
        window.register_shortcut("Enter", self.tr("Item list: go to the answer of the item"))
        window.register_shortcut("Esc", self.tr("Detail pane: back to the item list"))
        self.next_action = action(
            NEXT_KEYS,
            self.tr("Next unanswered item"),
            lambda: self.next_unanswered(backwards=False),
        )
        self.previous_action = action(
            PREVIOUS_KEYS,
            self.tr("Previous unanswered item"),
            lambda: self.next_unanswered(backwards=True),
        )
        action("Ctrl+F", self.tr("Search the items"), self.focus_search)
        action("Ctrl+E", self.tr("Write the note of the current item"), self.focus_note)
        action("Ctrl+PgDown", self.tr("Next section"), lambda: self.step_section(1))
        action("Ctrl+PgUp", self.tr("Previous section"), lambda: self.step_section(-1))
        self.export_action = action(
            "Ctrl+P", self.tr("Export the open self-assessment"), self.export
        )
        window.register_shortcut(
            "Ctrl+V", self.tr("Evidence list: paste a picture or copied files")
        )

    def _announce(self, window: MainWindow) -> None:
        """Tell the other pages what changed here, and follow what changed elsewhere."""
        changes = window.changes
        self.session.saved.connect(
            lambda: (
                changes.answers_changed.emit(self.session.assessment_id)
                if self.session.is_open
                else None
            )
        )
        self.session.signed_off.connect(changes.assessment_finalized)
        self.session.reopened.connect(changes.assessment_reopened)
        changes.assessment_deleted.connect(self.forget_assessment)

    def title(self) -> str:
        return self.tr("Fill in")

    def navigation_icon(self) -> QIcon:
        return icon("checklist")

    # ------------------------------------------------------------ opening

    def activate(self) -> None:
        if not self.session.is_open:
            self.stack.setCurrentWidget(self.empty)
            return
        if not self._fresh:
            # Another page may have changed it (rectification progress …): read it again, in place.
            self.flush()
            self.session.reload()
        self._fresh = False

    def _reopen_last(self, value: str) -> None:
        if self.session.is_open or not value.isdigit():
            return
        if self.open_assessment(int(value)):
            self.window_.show_page(self.key)

    def open_assessment(self, assessment_id: int, code: str | None = None) -> bool:
        """Show assessment ``assessment_id`` at item ``code`` (else where the person left it)."""
        self.flush()
        if code is None:
            remembered = str(self.window_.preferences.value(ITEM_KEY, "") or "")
            aid, _, where = remembered.partition(":")
            code = where if aid == str(assessment_id) and where else None
        self._place = (assessment_id, -1, code)
        try:
            self.session.load(assessment_id)
        except InputError:
            self.forget_assessment(assessment_id)
            return False
        self._fresh = True
        self.window_.preferences.set_value(ASSESSMENT_KEY, assessment_id)
        self.focus_items()
        return True

    def forget_assessment(self, assessment_id: int) -> None:
        """The assessment is gone (deleted): close it if open, and do not reopen it on start."""
        if str(self.window_.preferences.value(ASSESSMENT_KEY, "")) == str(assessment_id):
            self.window_.preferences.set_value(ASSESSMENT_KEY, "")
        if self.session.is_open and self.session.assessment_id == assessment_id:
            self._current = None
            self._place = None
            self.session.close()

    def _loaded(self) -> None:
        self._current = None
        if not self.session.is_open:
            self.stack.setCurrentWidget(self.empty)
            return
        self.stack.setCurrentWidget(self.content)
        self.header.show_assessment(self.session)
        self.banner.show_for(self.session)
        self.upgrade_banner.refresh()
        self.notice.hide()
        self._update_figures()
        self._restore_place()

    def _restore_place(self) -> None:
        """After (re)loading: back to the section and item the person was at."""
        aid, section, code = self._place or (self.session.assessment_id, -1, None)
        if aid != self.session.assessment_id:
            section, code = -1, None
        if code is not None and self.session.item(code) is None:
            code = None
        if section < 0 or section >= self.section_model.rowCount():
            # The item's section, else the first section (a short list to start with).
            first = 1 if self.section_model.rowCount() > 1 else ALL_SECTIONS
            section = first if code is None else self.session.section_index(code) + 1
        self._select_section(section)
        if code is not None:
            self.jump_to(code, focus=False)

    # ------------------------------------------------------------ sections and items

    def _select_section(self, row: int) -> None:
        index = self.section_model.index(row)
        if self.sections.currentIndex() == index:
            self._section_chosen(index, index)
        else:
            self.sections.setCurrentIndex(index)

    def step_section(self, step: int) -> None:
        rows = self.section_model.rowCount()
        if rows:
            self._select_section((self.sections.currentIndex().row() + step) % rows)

    def _section_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self.session.is_open or not current.isValid():
            return
        self.flush()
        row = current.row()
        if row == ALL_SECTIONS:
            items: list[Item] = list(self.session.template.items())
        else:
            items = list(self.session.sections()[row - 1].items)
        if row != ALL_SECTIONS and self.search.text():
            self.search.blockSignals(True)
            self.search.clear()
            self.item_model.set_search("")
            self.search.blockSignals(False)
        self.item_model.set_scope(items)
        self._update_section_header()
        self._update_filter_counts()
        self._place = (self.session.assessment_id, row, None)
        if self.item_model.rowCount():
            self._set_current_row(0)

    def _rows_rebuilt(self) -> None:
        empty = self.item_model.rowCount() == 0
        self.item_pane.show_empty(empty)
        if empty:
            self._show_nothing()
        elif self._current is not None and self.item_model.row_of(self._current) is not None:
            self._set_current_row(self.item_model.row_of(self._current) or 0)

    def _set_current_row(self, row: int) -> None:
        index = self.item_model.index(row, 0)
        self.items.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.items.scrollTo(index)
        if self.item_model.item_at(row).code != self._current:
            self._item_chosen(index, QModelIndex())

    def current_item(self) -> Item | None:
        return None if self._current is None else self.session.item(self._current)

    def _item_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        item = self.item_model.item_at(current.row())
        if item.code == self._current:
            return
        self.detail.flush()
        self._current = item.code
        self._show_detail(item)
        self._place = (self.session.assessment_id, self.sections.currentIndex().row(), item.code)
        self.window_.preferences.set_value(ITEM_KEY, f"{self.session.assessment_id}:{item.code}")

    def _show_detail(self, item: Item) -> None:
        self.detail.setVisible(True)
        self.detail.show_item(
            item,
            self.session.result(item.code),
            self.session.answer(item.code),
            self.session.rectification(item.code),
            self.session.finalized,
            self.session.template.partial_credit,
            stages=tuple(self.session.view.school.stages),
            **self._upgrade_info(item.code),
        )

    def _upgrade_info(self, code: str) -> dict[str, Any]:
        """What the detail pane says about an item a checklist upgrade touched."""
        answer = self.session.answer(code)
        revision = ""
        if answer is not None and answer.needs_reconfirm:
            changes = self.session.revision(code)
            if changes:
                revision = fill(
                    self.tr("Changed since version %1: %2"),
                    self.session.view.upgraded_from,
                    "；".join(c.text for c in changes[:4]) + ("…" if len(changes) > 4 else ""),
                )
        return {
            "aside": self.session.set_aside_shown(code),
            "history": len(self.session.history(code)),
            "revision": revision,
        }

    def _show_nothing(self) -> None:
        self.detail.flush()
        self._current = None
        self.detail.setVisible(False)

    def focus_items(self) -> None:
        self.items.setFocus()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def focus_note(self) -> None:
        if self._current is not None:
            self.detail.note.setFocus()

    def jump_to(self, code: str, focus: bool = True) -> bool:
        """Show item ``code``: its section (or the whole list), the filter cleared if it hides it."""
        item = self.session.item(code)
        if item is None or self.session.result(code).outcome is Outcome.HIDDEN:
            return False
        if (
            self.item_model.row_of(code) is None
            and self.sections.currentIndex().row() != ALL_SECTIONS
        ):
            self._select_section(self.session.section_index(code) + 1)
        if self.item_model.row_of(code) is None:
            self.set_filter(Filter.ALL)
            if self.search.text():
                self.search.clear()
        row = self.item_model.row_of(code)
        if row is None:
            return False
        self._set_current_row(row)
        if focus:
            self.focus_items()
        return True

    def next_unanswered(self, backwards: bool = False) -> str | None:
        """Go to the next (or previous) unanswered item in checklist order, wrapping around."""
        if not self.session.is_open:
            return None
        self.flush()
        order = [i.code for i in self.session.template.items()]
        start = order.index(self._current) if self._current in order else -1
        step = -1 if backwards else 1
        for n in range(1, len(order) + 1):
            code = order[(start + step * n) % len(order)]
            if self.session.result(code).outcome is Outcome.UNANSWERED:
                self.jump_to(code)
                return code
        self.notice.show_message("success", self.tr("Every item that needs an answer has one."))
        return None

    def set_filter(self, kind: Filter) -> None:
        self._filter_button[kind].setChecked(True)
        if self.item_model.filter is not kind:
            self.item_model.set_filter(kind)
            self._after_list_change()

    def _search_changed(self, text: str) -> None:
        if text and self.sections.currentIndex().row() != ALL_SECTIONS:
            self.sections.blockSignals(True)
            self.sections.selectionModel().blockSignals(True)
            self.sections.setCurrentIndex(self.section_model.index(ALL_SECTIONS))
            self.sections.selectionModel().blockSignals(False)
            self.sections.blockSignals(False)
            self.item_model.set_scope(list(self.session.template.items()))
            self._update_section_header()
        self.item_model.set_search(text)
        self._after_list_change()

    def _after_list_change(self) -> None:
        if self.item_model.rowCount() and (
            self._current is None or self.item_model.row_of(self._current) is None
        ):
            self._set_current_row(0)
        self._update_filter_counts()

    # ------------------------------------------------------------ figures

    def _items_changed(self, codes: list[str]) -> None:
        if self._current is not None and self._current in codes:
            item = self.session.item(self._current)
            if item is not None:
                self.detail.refresh(
                    item,
                    self.session.result(item.code),
                    self.session.answer(item.code),
                    self.session.rectification(item.code),
                    **self._upgrade_info(item.code),
                )
        self._update_figures()

    def _update_figures(self) -> None:
        if not self.session.is_open:
            return
        self.header.show_score(self.session.score)
        self._update_section_header()
        self._update_filter_counts()

    def _update_section_header(self) -> None:
        row = self.sections.currentIndex().row()
        if self.session.is_open and row >= 0:
            self.item_pane.show_section(self.session, self.section_model, row)

    def _update_filter_counts(self) -> None:
        if not self.session.is_open:
            return
        scope = scope_of(self.session, self.sections.currentIndex().row())
        # 待复核 shown only while some answer waits for re-confirmation (or the filter is on).
        self.filter_bar.show_counts(
            filter_counts(self.session, scope),
            bool(self.session.reconfirm_codes()) or self.item_model.filter is Filter.RECONFIRM,
        )

    # ------------------------------------------------------------ changing answers

    def _answer_key(self, key: str) -> None:
        item = self.current_item()
        if item is None:
            return
        if self.session.finalized:
            self.notice.show_message(
                "locked",
                self.tr(
                    "This self-assessment is finalized and read-only. Reopen it to change answers."
                ),
            )
            return
        if self.session.result(item.code).outcome is Outcome.EXCLUDED:
            return
        raw: str | None = None
        if item.kind is Kind.COMPLIANCE and key in "1234":
            raw = COMPLIANCE_KEYS[int(key) - 1]
        elif item.kind is Kind.YES_NO and key in ("Y", "N", "1", "2"):
            raw = YES if key in ("Y", "1") else NO
        elif item.kind is Kind.SINGLE and key.isdigit() and 0 < int(key) <= len(item.options):
            raw = item.options[int(key) - 1].name
        if raw is None:
            return
        self.detail.flush()
        answer = self.session.answer(item.code)
        # The same value again on an item waiting for re-confirmation confirms it.
        if self.session.value(item.code) != raw or (answer is not None and answer.needs_reconfirm):
            self._commit_value(item.code, raw)

    def _field_problem(self, code: str, field: QLabel, text: str, reject: bool = False) -> None:
        """A refused change of item ``code``: said under its field while the item is shown."""
        if code == self._current:
            show_error(field, text)
            if reject:
                self.detail.answer.reject_text()

    def _commit_value(self, code: str, raw: object) -> None:
        done = guarded(
            self.window_,
            self,
            lambda: self.session.set_value(code, raw),
            problems=lambda text: self._field_problem(code, self.detail.answer_error, text, True),
        )
        if done.ok and code == self._current:
            show_error(self.detail.answer_error, "")

    def _commit_note(self, code: str, note: str) -> None:
        def keep() -> None:
            if code == self._current:
                self.detail.note_saver.pending = True  # kept: tried again on leaving or closing

        done = guarded(
            self.window_,
            self,
            lambda: self.session.set_note(code, note),
            problems=lambda text: self._field_problem(code, self.detail.note_error, text),
            fault=keep,
        )
        if done.ok and code == self._current:
            show_error(self.detail.note_error, "")

    def _commit_rectification(self, rect: Rectification) -> None:
        done = guarded(
            self.window_,
            self,
            lambda: self.session.save_rectification(rect),
            problems=lambda text: self._field_problem(
                rect.code, self.detail.rectification.error, text
            ),
        )
        if done.ok and done.value is not None and rect.code == self._current:
            self.detail.rectification.saved(done.value)

    def flush(self) -> None:
        """Store anything typed but not stored yet."""
        if self.session.is_open and not self.session.finalized:
            self.detail.flush()

    def _window_closing(self) -> None:
        self.flush()
        self.window_.preferences.set_value(SPLITTER_KEY, QByteArray(self.splitter.saveState()))

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()
        super().hideEvent(event)

    # ------------------------------------------------------------ layout

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.detail and event.type() is QEvent.Type.LayoutRequest:
            self._fit_detail()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _fit_detail(self) -> None:
        """The detail pane never narrower than its content: no sideways scrolling in it."""
        content = self.detail.minimumSizeHint().width()
        scroll_bar = self.detail_scroll.verticalScrollBar().sizeHint().width()
        self.detail_scroll.setMinimumWidth(
            content + scroll_bar + 2 * self.detail_scroll.frameWidth()
        )
        # What the panes need stacked, not side by side: the window may be made narrower than
        # both together, and _arrange then stacks them.
        self.work.setMinimumWidth(
            max(self.middle.minimumSizeHint().width(), self.detail_scroll.minimumWidth())
        )
        self._arrange()

    def side_by_side(self) -> bool:
        return self.work.orientation() is Qt.Orientation.Horizontal

    def _arrange(self) -> None:
        """Items beside the detail when both fit at their least, else the items above it."""
        sections = self.sections.width() if self.sections.isVisible() else 0
        room = self.width() - sections - 2 * self.splitter.handleWidth()
        need = (
            self.middle.minimumSizeHint().width()
            + self.detail_scroll.minimumWidth()
            + self.work.handleWidth()
        )
        orientation = Qt.Orientation.Horizontal if room >= need else Qt.Orientation.Vertical
        if orientation is self.work.orientation():
            return
        self.work.setOrientation(orientation)
        if orientation is Qt.Orientation.Horizontal:
            detail = max(self.detail_scroll.minimumWidth(), room * 2 // 5)
            self.work.setSizes([room - detail, detail])
        else:
            height = max(self.work.height(), 400)
            self.work.setSizes([height * 2 // 5, height - height * 2 // 5])

    # ------------------------------------------------------------ finish, reopen, export

    def finish(self) -> FinishDialog | None:
        if not self.session.is_open or self.session.finalized:
            return None
        self.flush()
        dialog = FinishDialog(self.session, self.window_.preferences, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.jump.connect(self.jump_to)
        dialog.accepted.connect(self._after_finish)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _after_finish(self) -> None:
        if self.session.is_open and self.session.finalized:
            self.notice.show_message(
                "success",
                self.tr("Finalized. Export the PDF report for the inspectors now?"),
                [(self.tr("Export…"), lambda: self.export())],  # noqa: PLW0108
            )

    def reopen(self) -> None:
        if not self.session.is_open or not self.session.finalized:
            return
        reason = self.window_.prompts.ask_text(
            self,
            self.tr("Reopen the self-assessment"),
            self.tr(
                "Why must it change? The reason and the old fingerprint are kept in the history."
            ),
        )
        if reason is None:
            return
        title = self.tr("Reopen the self-assessment")
        guarded(
            self.window_,
            self,
            lambda: self.session.reopen(reason),
            problems=lambda text: self.window_.prompts.warn(self, title, text),
        )

    def export(self) -> ExportDialog | None:
        if not self.session.is_open:
            return None
        self.flush()
        self.dialog = open_export(self.window_, [self.session.assessment_id])
        return self.dialog

    # ------------------------------------------------------------ checklist upgrades

    def _connect_upgrades(self) -> None:
        self.upgrades = UpgradeFlow(
            self.window_, self.session, self.notice, self.flush, self.evidence.open, self
        )
        self.upgrades.open_requested.connect(self.open_assessment)
        self.banner.reopen_requested.connect(self.reopen)
        self.banner.successor_requested.connect(self.upgrades.open_successor)
        self.banner.new_draft_requested.connect(self.new_draft)
        self.upgrade_banner.upgrade_requested.connect(self.upgrade)
        self.upgrade_banner.reconfirm_requested.connect(lambda: self.set_filter(Filter.RECONFIRM))
        self.upgrade_banner.history_requested.connect(lambda: self.show_history(None))

    def _opened(self, dialog: D) -> D:
        if dialog is not None:
            self.dialog = dialog
        return dialog

    def upgrade(self) -> UpgradeDialog | None:
        """查看变化并升级: the plan for the open draft, and upgrading it."""
        return self._opened(self.upgrades.upgrade())

    def new_draft(self) -> UpgradeDialog | None:
        """以新版本新建草稿 from the finalized assessment shown."""
        return self._opened(self.upgrades.new_draft())

    def show_history(self, code: str | None = None) -> HistoryDialog | None:
        """What checklist upgrades took out of use: of item ``code``, or of the whole assessment."""
        return self._opened(self.upgrades.show_history(code))

    def confirm_answer(self, code: str) -> None:
        """确认无误: the answer of an item revised by a checklist update still holds."""
        if not self.session.is_open or self.session.finalized:
            return
        self.detail.flush()
        done = guarded(
            self.window_,
            self,
            lambda: self.session.confirm(code),
            problems=lambda text: self._field_problem(code, self.detail.answer_error, text),
        )
        if done.ok and not self.session.reconfirm_codes():
            self.upgrade_banner.refresh()
