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

import hashlib
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from wjself.atomic import write_bytes
from wjself.core.assessment import Evidence, Rectification
from wjself.core.errors import EnvironmentFault, InputError
from wjself.core.fingerprint import short
from wjself.core.scoring import Outcome
from wjself.core.template import Item, Kind
from wjself.core.upgrade import AppliedPlan
from wjself.core.values import NO, YES
from wjself.regular_files import read_regular, safe_file_name
from wjself.store.evidence import TYPES as EVIDENCE_TYPES
from wjself.ui import tasks
from wjself.ui.answer_editor import COMPLIANCE_KEYS
from wjself.ui.export import ExportDialog, open_export
from wjself.ui.feedback import open_with_system
from wjself.ui.finish import FinishDialog
from wjself.ui.i18n import fill
from wjself.ui.icons import icon
from wjself.ui.item_detail import ItemDetail
from wjself.ui.labels import band_label, status_label
from wjself.ui.page import Page
from wjself.ui.session import AssessmentSession, problem_text
from wjself.ui.upgrade import HistoryDialog, UpgradeDialog
from wjself.ui.walkthrough_models import (
    ALL_SECTIONS,
    TEXT,
    Filter,
    ItemListView,
    ItemModel,
    SectionDelegate,
    SectionModel,
)
from wjself.ui.widgets import MUTED, NoticeBar, label, scaled_font, show_error

if TYPE_CHECKING:
    from wjself.ui.main_window import MainWindow

ASSESSMENT_KEY = "walkthrough/assessment"
ITEM_KEY = "walkthrough/item"
SPLITTER_KEY = "walkthrough/splitter"
GUIDANCE_KEY = "walkthrough/guidance"
SECTIONS_WIDTH = 230
ITEM_TEXT_MIN = 180  # the 检查内容 column at its narrowest: a dozen characters a line
NEXT_KEYS = "F3"
PREVIOUS_KEYS = "Shift+F3"


class WalkthroughPage(Page):
    """Work through one assessment; ``open_assessment`` chooses which."""

    key = "walkthrough"
    icon = QStyle.StandardPixmap.SP_FileDialogDetailedView

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.dialog: FinishDialog | ExportDialog | UpgradeDialog | HistoryDialog | None = None
        self._dismissed: set[tuple[int, str]] = set()  # upgrade banners closed, by assessment
        self.session = AssessmentSession(window.workspace, self)
        self.session.saved.connect(window.mark_saved)
        self._announce(window)
        self._current: str | None = None  # the code shown in the detail pane
        # Where the person is: (assessment, section row or -1 for "the item's section", item).
        self._place: tuple[int, int, str | None] | None = None
        self._fresh = False  # loaded since the page was last shown
        self._evidence_tasks = 0

        self._build_header()
        self._build_body()  # the models connect to the session first: reset before _loaded
        self._build_actions()
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
        self.title_label = QLabel()
        self.title_label.setObjectName("assessmentTitle")
        self.title_label.setFont(scaled_font(self.title_label, 1.4, bold=True))
        self.title_label.setWordWrap(True)
        self.subtitle = label(muted=True, wrap=True, name="assessmentSubtitle")
        self.status_chip = QLabel()
        self.status_chip.setObjectName("statusChip")
        self.progress = QProgressBar()
        self.progress.setObjectName("overallProgress")
        self.progress.setMinimumWidth(120)
        self.progress.setMaximumWidth(240)
        self.progress.setFormat(self.tr("Answered %v of %m"))
        self.progress.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.score_label = QLabel()
        self.score_label.setObjectName("overallScore")
        self.score_label.setFont(scaled_font(self.score_label, 1.3, bold=True))
        self.score_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.next_button = QPushButton(icon("next"), self.tr("Next unanswered"))
        self.next_button.setObjectName("nextUnanswered")
        self.next_button.setToolTip(NEXT_KEYS)
        self.next_button.clicked.connect(lambda: self.next_unanswered())  # noqa: PLW0108 - drop clicked's bool
        self.export_button = QPushButton(icon("export"), self.tr("Export…"))
        self.export_button.setObjectName("exportButton")
        self.export_button.setToolTip("Ctrl+P")
        self.export_button.clicked.connect(lambda: self.export())  # noqa: PLW0108 - drop clicked's bool
        self.finish_button = QPushButton(icon("finish", "white"), self.tr("Finish…"))
        self.finish_button.setObjectName("finishButton")
        self.finish_button.setStyleSheet(
            "QPushButton { background: #2e7d32; color: white; border: 1px solid #23612a;"
            " border-radius: 4px; padding: 5px 14px; font-weight: bold; }"
            "QPushButton:hover { background: #338a38; } QPushButton:pressed { background: #23612a; }"
        )
        self.finish_button.clicked.connect(lambda: self.finish())  # noqa: PLW0108 - drop clicked's bool

        # Two rows, so the header fits a narrow window: title and actions; where and how far.
        top = QHBoxLayout()
        top.addWidget(self.title_label)
        top.addSpacing(6)
        top.addWidget(self.status_chip, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addStretch(1)
        top.addSpacing(12)
        for button in (self.next_button, self.export_button, self.finish_button):
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        bottom = QHBoxLayout()
        bottom.addWidget(self.subtitle, 1)
        bottom.addWidget(self.score_label)
        bottom.addSpacing(8)
        bottom.addWidget(self.progress)
        self.header = QWidget()
        self.header.setObjectName("walkthroughHeader")
        header = QVBoxLayout(self.header)
        header.setContentsMargins(16, 12, 16, 4)
        header.setSpacing(4)
        header.addLayout(top)
        header.addLayout(bottom)

        self.banner = NoticeBar(self, closable=False)
        self.banner.setObjectName("finalizedBanner")
        self.notice = NoticeBar(self)
        self.notice.setObjectName("walkthroughNotice")
        self.upgrade_banner = NoticeBar(self)
        self.upgrade_banner.setObjectName("upgradeBanner")
        self.upgrade_banner.closed.connect(self._upgrade_banner_closed)
        self._upgrade_banner_key = ""

    def _build_body(self) -> None:
        self.filter_buttons = QButtonGroup(self)
        self.filter_buttons.setExclusive(True)
        filters = QHBoxLayout()
        filters.setSpacing(4)
        self._filter_button: dict[Filter, QToolButton] = {}
        for kind in Filter:
            button = QToolButton()
            button.setObjectName(f"filter_{kind.value}")
            button.setCheckable(True)
            button.setAutoRaise(False)
            button.setStyleSheet(
                "QToolButton { border: 1px solid #c3cad3; border-radius: 12px; padding: 3px 10px;"
                " background: white; }"
                "QToolButton:checked { background: #1f5f99; color: white; border-color: #1f5f99; }"
            )
            button.clicked.connect(lambda _=False, k=kind: self.set_filter(k))
            self.filter_buttons.addButton(button)
            self._filter_button[kind] = button
            filters.addWidget(button)
        self._filter_button[Filter.ALL].setChecked(True)
        filters.addStretch(1)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search items (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumWidth(160)
        self.search.setMaximumWidth(360)
        self.search.textChanged.connect(self._search_changed)
        filters.addWidget(self.search)

        self.section_model = SectionModel(self.session)
        self.sections = QListView()
        self.sections.setObjectName("sectionList")
        self.sections.setModel(self.section_model)
        self.sections.setItemDelegate(SectionDelegate(self.sections))
        self.sections.setMinimumWidth(140)
        self.sections.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sections.selectionModel().currentRowChanged.connect(self._section_chosen)

        self.item_model = ItemModel(self.session)
        self.items = ItemListView()
        self.items.setModel(self.item_model)
        self.items.setup_header()
        header = self.items.header()
        fixed = sum(header.sectionSize(c) for c in range(header.count()) if c != TEXT)
        scroll_bar = self.items.verticalScrollBar().sizeHint().width()
        self.items.setMinimumWidth(fixed + ITEM_TEXT_MIN + scroll_bar + 2 * self.items.frameWidth())
        self.items.selectionModel().currentRowChanged.connect(self._item_chosen)
        self.items.answer_key.connect(self._answer_key)
        self.item_model.rows_rebuilt.connect(self._rows_rebuilt)
        self.section_title = QLabel()
        self.section_title.setObjectName("sectionTitle")
        self.section_title.setFont(scaled_font(self.section_title, 1.1, bold=True))
        self.section_title.setWordWrap(True)
        self.section_info = label(muted=True, wrap=True, name="sectionInfo")
        self.no_rows = label(muted=True, wrap=True, name="noRows")
        self.no_rows.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_rows.hide()
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(8, 4, 8, 0)
        middle_layout.addWidget(self.section_title)
        middle_layout.addWidget(self.section_info)
        middle_layout.addWidget(self.items, 1)
        middle_layout.addWidget(self.no_rows)

        self.detail = ItemDetail()
        self.detail.value_committed.connect(self._commit_value)
        self.items.enter_pressed.connect(self.detail.focus_answer)
        self.detail.note_committed.connect(self._commit_note)
        self.detail.rectification_committed.connect(self._commit_rectification)
        self.detail.evidence_add.connect(self.add_evidence)
        self.detail.evidence_pick.connect(self.pick_evidence)
        self.detail.evidence_remove.connect(self.remove_evidence)
        self.detail.evidence_open.connect(self.open_evidence)
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
        bars.addLayout(filters)
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
        view = self.session.view
        self.title_label.setText(view.template.title)
        subtitle = (
            self.tr("%1 · period %2 · checklist version %3").replace("%1", view.school.name)
            .replace("%2", view.period).replace("%3", view.template.version)
        )  # fmt: skip
        if view.template.review_period:
            subtitle += self.tr(" · self-check period %1").replace(
                "%1", view.template.review_period
            )
        self.subtitle.setText(subtitle)
        finalized = self.session.finalized
        chip = status_label(view.status)
        color, background = ("#2e7d32", "#e6f4ea") if finalized else ("#a15c00", "#fff4e0")
        self.status_chip.setText(chip)
        self.status_chip.setStyleSheet(
            f"color: {color}; background: {background}; border: 1px solid {color};"
            " border-radius: 9px; padding: 1px 8px;"
        )
        self.finish_button.setVisible(not finalized)
        self.next_button.setVisible(not finalized)
        signoff = self.session.signoff
        if finalized and signoff is not None:
            text = self.tr(
                "Finalized %1 · filled in by %2 · reviewed by %3 · fingerprint %4. Read-only."
            )
            text = text.replace("%1", signoff.finalized_at.strftime("%Y-%m-%d %H:%M"))
            text = text.replace("%2", signoff.filled_by).replace("%3", signoff.reviewed_by)
            text = text.replace("%4", short(signoff.fingerprint))
            buttons: list[tuple[str, Callable[[], object]]] = [(self.tr("Reopen…"), self.reopen)]
            names = ["reopenButton"]
            offer = self.session.offer
            if offer is not None and offer.successor is not None:
                text += " " + fill(
                    self.tr(
                        "Version %1 of the checklist is installed; its self-assessment is started."
                    ),
                    offer.newest,
                )
                buttons.append((self.tr("Open it"), self.open_successor))
                names.append("openSuccessor")
            elif offer is not None:
                text += " " + fill(
                    self.tr("Version %1 of the checklist is installed."), offer.newest
                )
                buttons.append(
                    (
                        self.tr("New draft from version %1…").replace("%1", offer.newest),
                        self.new_draft,
                    )
                )
                names.append("newDraftButton")
            self.banner.show_message("locked", text, buttons)
            for button, name in zip(self.banner.buttons(), names, strict=True):
                button.setObjectName(name)
        else:
            self.banner.hide()
        self._show_upgrade_banner()
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
        self.no_rows.setVisible(empty)
        self.no_rows.setText(self.tr("No items here match the filter or search.") if empty else "")
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
        score = self.session.score
        overall = score.overall
        self.progress.setMaximum(max(overall.applicable, 1))
        self.progress.setValue(overall.answered)
        chunk = "#c8e6c9" if overall.complete else "#cfe0f3"
        self.progress.setStyleSheet(
            "QProgressBar { border: 1px solid #b0b7c3; border-radius: 3px; background: white;"
            f" text-align: center; color: #263238; }} QProgressBar::chunk {{ background: {chunk}; }}"
        )
        if overall.answered == 0:  # 0 % of nothing answered is no verdict yet
            self.score_label.setText(self.tr("Not started"))
        elif score.percent is None:
            self.score_label.setText(self.tr("Score —"))
        else:
            self.score_label.setText(
                self.tr("Score %1 · %2")
                .replace("%1", f"{score.percent:.1f}")
                .replace("%2", band_label(score.band))
            )
        self._update_section_header()
        self._update_filter_counts()

    def _update_section_header(self) -> None:
        row = self.sections.currentIndex().row()
        if not self.session.is_open or row < 0:
            return
        tally = self.section_model.tally(row)
        self.section_title.setText(self.section_model.section_title(row))
        info = (
            self.tr("Answered %1 of %2")
            .replace("%1", str(tally.answered))
            .replace("%2", str(tally.applicable))
        )
        if tally.percent is not None and tally.answered:
            band = self.session.template.band_for(tally.percent)
            info += (
                self.tr(" · score %1% (%2)")
                .replace("%1", f"{tally.percent:.1f}")
                .replace("%2", band_label(band))
            )
        if tally.not_met:
            info += self.tr(" · %1 not met").replace("%1", str(tally.not_met))
        if row != ALL_SECTIONS:
            description = self.session.sections()[row - 1].description
        else:  # the whole checklist: the bureau's instructions for filling it in
            description = self.session.template.description
        self.section_info.setText(info + (f"\n{description}" if description else ""))

    def _update_filter_counts(self) -> None:
        if not self.session.is_open:
            return
        row = self.sections.currentIndex().row()
        scope = (
            list(self.session.template.items())
            if row <= ALL_SECTIONS
            else list(self.session.sections()[row - 1].items)
        )
        outcomes = [(i, self.session.result(i.code).outcome) for i in scope]
        counts = {
            Filter.ALL: sum(1 for _, o in outcomes if o is not Outcome.HIDDEN),
            Filter.UNANSWERED: sum(1 for _, o in outcomes if o is Outcome.UNANSWERED),
            Filter.NOT_MET: sum(1 for _, o in outcomes if o is Outcome.NOT_MET),
            Filter.REQUIRED_MISSING: sum(
                1 for i, o in outcomes if i.required and o is Outcome.UNANSWERED
            ),
            Filter.RECONFIRM: sum(
                1
                for i, o in outcomes
                if o is not Outcome.HIDDEN
                and (a := self.session.answer(i.code)) is not None
                and a.needs_reconfirm
            ),
        }
        names = {
            Filter.ALL: self.tr("All"),
            Filter.UNANSWERED: self.tr("Unanswered"),
            Filter.NOT_MET: self.tr("Not met"),
            Filter.REQUIRED_MISSING: self.tr("Required, missing"),
            Filter.RECONFIRM: self.tr("To re-confirm"),
        }
        for kind, button in self._filter_button.items():
            button.setText(f"{names[kind]} {counts[kind]}")
        # Shown only while some answer waits for re-confirmation (or the filter is on).
        reconfirm = self._filter_button[Filter.RECONFIRM]
        reconfirm.setVisible(
            bool(self.session.reconfirm_codes()) or self.item_model.filter is Filter.RECONFIRM
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

    def _commit_value(self, code: str, raw: object) -> None:
        try:
            self.session.set_value(code, raw)
        except InputError as exc:
            if code == self._current:
                show_error(self.detail.answer_error, problem_text(exc.problems))
                self.detail.answer.reject_text()
            return
        except EnvironmentFault as exc:
            self.window_.prompts.error(self, self.tr("Could not save"), str(exc))
            return
        if code == self._current:
            show_error(self.detail.answer_error, "")

    def _commit_note(self, code: str, note: str) -> None:
        try:
            self.session.set_note(code, note)
        except InputError as exc:
            if code == self._current:
                show_error(self.detail.note_error, problem_text(exc.problems))
            return
        except EnvironmentFault as exc:
            if code == self._current:
                self.detail.note_saver.pending = True  # kept: tried again on leaving or closing
            self.window_.prompts.error(self, self.tr("Could not save"), str(exc))
            return
        if code == self._current:
            show_error(self.detail.note_error, "")

    def _commit_rectification(self, rect: Rectification) -> None:
        try:
            stored = self.session.save_rectification(rect)
        except InputError as exc:
            if rect.code == self._current:
                show_error(self.detail.rectification.error, problem_text(exc.problems))
            return
        except EnvironmentFault as exc:
            self.window_.prompts.error(self, self.tr("Could not save"), str(exc))
            return
        if rect.code == self._current:
            self.detail.rectification.saved(stored)

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

    # ------------------------------------------------------------ evidence

    def pick_evidence(self, code: str) -> None:
        """Ask for files to attach to item ``code``."""
        patterns = " ".join(f"*{ext}" for ext in EVIDENCE_TYPES)
        filters = self.tr("Evidence files (%1);;All files (*)").replace("%1", patterns)
        paths = self.window_.prompts.open_files(
            self, self.tr("Add evidence to %1").replace("%1", code), filters
        )
        if paths:
            self.add_evidence(code, paths)

    def add_evidence(self, code: str, paths: list[Path], temporary: bool = False) -> None:
        """Attach files to item ``code`` in the background (they are checked and copied in)."""
        if not self.session.is_open or self.session.finalized:
            return
        workspace = self.window_.workspace
        assessment_id = self.session.assessment_id
        files = [Path(p) for p in paths]
        self.detail.evidence.set_busy(True)
        show_error(self.detail.evidence.error, "")
        self._evidence_tasks += 1

        def work(report: object) -> tuple[list[Evidence], list[str]]:
            added: list[Evidence] = []
            problems: list[str] = []
            for path in files:
                try:
                    added.append(workspace.evidence.add(assessment_id, code, path))
                except InputError as exc:
                    problems.append(f"{path.name}：{problem_text(exc.problems)}")
                except EnvironmentFault as exc:
                    problems.append(str(exc))
            return added, problems

        def finished() -> None:
            self._evidence_tasks -= 1
            self.detail.evidence.set_busy(self._evidence_tasks > 0)
            if temporary:
                for path in files:
                    shutil.rmtree(path.parent, ignore_errors=True)

        def done(result: tuple[list[Evidence], list[str]]) -> None:
            finished()
            added, problems = result
            if self.session.is_open and self.session.assessment_id == assessment_id:
                for evidence in added:
                    self.session.add_evidence(code, evidence)
            if problems and code == self._current:
                show_error(self.detail.evidence.error, "\n".join(problems))

        def failed(exc: BaseException, details: str) -> None:
            finished()
            raise exc

        tasks.start(work, done, failed)

    def remove_evidence(self, code: str, evidence: Evidence) -> None:
        question = (
            self.tr("Remove “%1” from item %2?").replace("%1", evidence.name).replace("%2", code)
        )
        if not self.window_.prompts.confirm(
            self, self.tr("Remove evidence"), question, destructive=True
        ):
            return
        try:
            self.session.remove_evidence(code, evidence.id)
        except InputError as exc:
            show_error(self.detail.evidence.error, problem_text(exc.problems))
        except EnvironmentFault as exc:
            self.window_.prompts.error(self, self.tr("Could not save"), str(exc))

    def open_evidence(self, evidence: Evidence) -> None:
        """Open a copy named as the original (the stored file is named by its hash, without extension).

        The copy's folder is named by the hash of the bytes read and its name is the label made
        harmless: what the database says is display text, never part of a path.
        """
        try:
            data = read_regular(evidence.path, max(0, evidence.size))
            folder = (
                Path(tempfile.gettempdir()) / "wjself-open" / hashlib.sha256(data).hexdigest()[:16]
            )
            target = folder / safe_file_name(evidence.name, "evidence")
            if not target.exists():
                folder.mkdir(parents=True, exist_ok=True)
                write_bytes(target, data)
        except OSError as exc:
            show_error(
                self.detail.evidence.error,
                self.tr("Cannot open %1: %2")
                .replace("%1", evidence.name)
                .replace("%2", exc.strerror or str(exc)),
            )
            return
        open_with_system(self.window_, self, target)

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
        try:
            self.session.reopen(reason)
        except InputError as exc:
            self.window_.prompts.warn(
                self, self.tr("Reopen the self-assessment"), problem_text(exc.problems)
            )
            return
        except EnvironmentFault as exc:
            self.window_.prompts.error(self, self.tr("Could not save"), str(exc))

    def export(self) -> ExportDialog | None:
        if not self.session.is_open:
            return None
        self.flush()
        self.dialog = open_export(self.window_, [self.session.assessment_id])
        return self.dialog

    # ------------------------------------------------------------ checklist upgrades

    def _show_upgrade_banner(self) -> None:
        """A newer checklist version to move to, and what an upgrade left to look at."""
        if not self.session.is_open:
            self.upgrade_banner.hide()
            return
        view = self.session.view
        offer = self.session.offer
        pending = len(self.session.reconfirm_codes())
        aside = sum(1 for a in view.answers.values() if a.set_aside is not None)
        history = self.session.history()
        lines: list[str] = []
        buttons: list[tuple[str, Callable[[], object]]] = []
        names: list[str] = []
        if offer is not None and offer.is_draft:
            lines.append(
                fill(self.tr("A new version of this checklist is installed: %1."), offer.newest)
            )
            buttons.append((self.tr("See the changes and upgrade…"), self.upgrade))
            names.append("upgradeButton")
        if pending or aside or history or view.upgraded_from:
            if view.upgraded_from:
                done = fill(
                    self.tr("Upgraded from version %1 to %2."),
                    view.upgraded_from,
                    view.template.version,
                )
            else:
                done = self.tr("Started from a finalized self-assessment of an earlier version.")
            if pending:
                done += " " + fill(self.tr("%1 revised items to check and confirm."), pending)
            if aside:
                done += " " + fill(self.tr("%1 earlier answers set aside: answer again."), aside)
            lines.append(done)
            if pending and not self.session.finalized:
                buttons.append((self.tr("Show them"), lambda: self.set_filter(Filter.RECONFIRM)))
                names.append("showReconfirm")
            if view.upgraded_from or history:
                buttons.append((self.tr("Upgrade records…"), lambda: self.show_history(None)))
                names.append("upgradeRecords")
        # Closed, it stays closed for this draft until another version is offered or applied
        # (confirming items one by one must not bring it back).
        newest = offer.newest if offer is not None and offer.is_draft else ""
        key = f"{view.template.version}>{newest}"
        if not lines or (view.id, key) in self._dismissed:
            self.upgrade_banner.hide()
            return
        self._upgrade_banner_key = key
        kind = "warning" if (offer is not None and offer.is_draft) or pending or aside else "info"
        self.upgrade_banner.show_message(kind, "\n".join(lines), buttons)
        for button, name in zip(self.upgrade_banner.buttons(), names, strict=True):
            button.setObjectName(name)

    def _upgrade_banner_closed(self) -> None:
        if self.session.is_open:
            self._dismissed.add((self.session.assessment_id, self._upgrade_banner_key))

    def _open_upgrade_dialog(self) -> UpgradeDialog | None:
        offer = self.session.offer if self.session.is_open else None
        if offer is None:
            return None
        self.flush()
        view = self.session.view
        dialog = UpgradeDialog(
            self.window_, offer, school_id=view.school.id, period=view.period, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def upgrade(self) -> UpgradeDialog | None:
        """查看变化并升级: the plan for the open draft, and upgrading it."""
        if not self.session.is_open or self.session.finalized:
            return None
        dialog = self._open_upgrade_dialog()
        if dialog is not None:
            dialog.applied.connect(self._upgraded)
        return dialog

    def _upgraded(self, applied: AppliedPlan) -> None:
        self.window_.mark_saved()
        self.window_.changes.assessment_upgraded.emit(applied.assessment_id)
        if self.session.is_open and self.session.assessment_id == applied.assessment_id:
            self.session.reload()
        c = applied.plan.counts
        text = fill(
            self.tr(
                "Upgraded to version %1: %2 carried over, %3 to re-confirm, %4 set aside, "
                "%5 moved to the history, %6 new to fill in.\nThe database as it was before is "
                "backed up in %7"
            ),
            applied.plan.to_version,
            c.carried,
            c.reconfirm,
            c.set_aside,
            c.removed,
            c.added_unanswered,
            applied.backup,
        )
        self.notice.show_message("success", text)

    def new_draft(self) -> UpgradeDialog | None:
        """以新版本新建草稿: a finalized assessment is never upgraded; preview and start a draft
        of the newer version prefilled from it."""
        if not self.session.is_open or not self.session.finalized:
            return None
        dialog = self._open_upgrade_dialog()
        if dialog is not None:
            dialog.applied.connect(self._prefilled)
        return dialog

    def _prefilled(self, applied: AppliedPlan) -> None:
        self.window_.mark_saved()
        self.window_.changes.assessments_created.emit([applied.assessment_id])
        self.open_assessment(applied.assessment_id)
        c = applied.plan.counts
        self.notice.show_message(
            "success",
            fill(
                self.tr(
                    "New draft of version %1 started: %2 answers prefilled (%3 of them to "
                    "re-confirm). The finalized self-assessment is unchanged."
                ),
                applied.plan.to_version,
                c.carried + c.reconfirm,
                c.reconfirm,
            ),
        )

    def open_successor(self) -> None:
        offer = self.session.offer if self.session.is_open else None
        if offer is not None and offer.successor is not None:
            self.open_assessment(offer.successor)

    def confirm_answer(self, code: str) -> None:
        """确认无误: the answer of an item revised by a checklist update still holds."""
        if not self.session.is_open or self.session.finalized:
            return
        self.detail.flush()
        try:
            self.session.confirm(code)
        except InputError as exc:
            if code == self._current:
                show_error(self.detail.answer_error, problem_text(exc.problems))
            return
        except EnvironmentFault as exc:
            self.window_.prompts.error(self, self.tr("Could not save"), str(exc))
            return
        if not self.session.reconfirm_codes():
            self._show_upgrade_banner()

    def show_history(self, code: str | None = None) -> HistoryDialog | None:
        """What checklist upgrades took out of use: of item ``code``, or of the whole assessment."""
        if not self.session.is_open:
            return None
        item = self.session.item(code) if code else None
        dialog = HistoryDialog(
            self.window_,
            self.session.assessment_id,
            code,
            item.text if item is not None else "",
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.evidence_open.connect(self.open_evidence)
        self.dialog = dialog
        dialog.open()
        return dialog
