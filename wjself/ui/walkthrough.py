"""逐项填写: the page where a checklist is worked through, item by item.

Master–detail: the sections down the side (answered/total, ✓ when complete), the items of the
chosen section in the middle (a model over the session, so 500 items open at once), and the
current item in a detail pane on the right.  Every change is stored as it is made (no Save
button); a note is stored while typing (debounced), on leaving the field, on switching items
and when the window closes.  Keys: 1–4 answer a compliance item in the list, Y/N a yes/no
item, 1–9 a single choice; F3 jumps to the next unanswered item; Ctrl+F searches; Ctrl+P
exports.  A finalized assessment opens read-only under a banner with 重新打开.

Parts: header (walkthrough_header), filter bar, section list and item pane (walkthrough_list),
detail (item_detail), banners and upgrade dialogs (walkthrough_upgrade), controllers storing
answers (walkthrough_answers), evidence (walkthrough_evidence) and the 自查报告 (narrative_panel).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QHideEvent, QIcon, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import QStackedWidget, QStyle, QVBoxLayout, QWidget

from wjself.core.errors import InputError
from wjself.core.scoring import Outcome
from wjself.core.template import Item
from wjself.ui.export import ExportDialog, open_export
from wjself.ui.feedback import guarded
from wjself.ui.finish import FinishDialog
from wjself.ui.history import HistoryDialog
from wjself.ui.icons import icon
from wjself.ui.item_detail import ItemDetail
from wjself.ui.narrative_panel import NarrativeOpener
from wjself.ui.page import Page
from wjself.ui.session import AssessmentSession
from wjself.ui.upgrade import UpgradeDialog
from wjself.ui.walkthrough_answers import AnswerController
from wjself.ui.walkthrough_evidence import EvidenceController
from wjself.ui.walkthrough_header import WalkthroughHeader, WalkthroughKeys
from wjself.ui.walkthrough_layout import PaneSplitter
from wjself.ui.walkthrough_list import (
    FilterBar,
    ItemPane,
    NothingOpen,
    SectionList,
    filter_counts,
    next_unanswered,
    scope_of,
)
from wjself.ui.walkthrough_models import ALL_SECTIONS, Filter
from wjself.ui.walkthrough_upgrade import FinalizedBanner, UpgradeBanner, UpgradeFlow
from wjself.ui.widgets import NoticeBar

if TYPE_CHECKING:
    from wjself.ui.main_window import MainWindow

Shown = FinishDialog | ExportDialog | UpgradeDialog | HistoryDialog
D = TypeVar("D", bound=Shown | None)

ASSESSMENT_KEY = "walkthrough/assessment"
ITEM_KEY = "walkthrough/item"
SPLITTER_KEY = "walkthrough/splitter"
GUIDANCE_KEY = "walkthrough/guidance"


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

        self.empty = NothingOpen()
        self.empty.home_requested.connect(
            lambda: self.window_.show_page("home") if "home" in self.window_.pages else None
        )

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
        self.narrative = NarrativeOpener(self.window_, self.session, self.header, self)
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

        self.sections = SectionList(self.session)
        self.section_model = self.sections.sections
        self.sections.selectionModel().currentRowChanged.connect(self._section_chosen)

        middle = self.item_pane = ItemPane(self.session)
        self.item_model = middle.model
        self.items = middle.items
        self.section_title = middle.section_title
        self.section_info = middle.section_info
        self.no_rows = middle.no_rows
        self.items.selectionModel().currentRowChanged.connect(self._item_chosen)
        self.item_model.rows_rebuilt.connect(self._rows_rebuilt)

        self.detail = ItemDetail()
        self.answers = AnswerController(
            self.window_, self.session, self.detail, self.notice, lambda: self._current, self
        )
        self.items.answer_key.connect(self.answers.key)
        self.detail.value_committed.connect(self.answers.commit_value)
        self.items.enter_pressed.connect(self.detail.focus_answer)
        self.detail.note_committed.connect(self.answers.commit_note)
        self.detail.rectification_committed.connect(self.answers.commit_rectification)
        self.evidence = EvidenceController(
            self.window_, self.session, self.detail.evidence, lambda: self._current, self
        )
        self.detail.evidence_add.connect(self.evidence.add)
        self.detail.evidence_pick.connect(self.evidence.pick)
        self.detail.evidence_remove.connect(self.evidence.remove)
        self.detail.evidence_open.connect(self.evidence.open)
        self.detail.confirm_requested.connect(self.confirm_answer)
        self.detail.history_requested.connect(self.show_history)
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.detail)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.focus_items)

        self.splitter = PaneSplitter(self.sections, middle, self.detail, self.width)
        self.work = self.splitter.work
        self.detail_scroll = self.splitter.detail_scroll
        self.middle = middle
        saved = self.window_.preferences.bytes_value(SPLITTER_KEY)
        if saved is not None:
            self.splitter.restoreState(saved)
        self.splitter.watch_detail()

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
        self.keys = WalkthroughKeys(self, self.window_)
        self.next_action = self.keys.next_action
        self.previous_action = self.keys.previous_action
        self.export_action = self.keys.export_action

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
        s, code = self.session, item.code
        self.detail.show_item(
            item, s.result(code), s.answer(code), s.rectification(code), s.finalized,
            s.template.partial_credit, stages=tuple(s.view.school.stages), view=s.view,
            **self.upgrades.item_info(code),
        )  # fmt: skip

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
        code = next_unanswered(self.session, self._current, backwards)
        if code is not None:
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
                    **self.upgrades.item_info(item.code),
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

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.splitter.arrange()

    def side_by_side(self) -> bool:  # layout: the splitter's
        return self.splitter.side_by_side()

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
                [(self.tr("Export…"), self.export)],
                once=True,
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
        if self.answers.confirm(code) and not self.session.reconfirm_codes():
            self.upgrade_banner.refresh()
