"""The walkthrough's list side: the filter chips and the search above the lists, and the pane
with the items of the chosen section under its title and tally."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from wjself.core.scoring import Outcome
from wjself.core.template import Item
from wjself.core.text import percent_number
from wjself.ui.i18n import fill
from wjself.ui.icons import icon
from wjself.ui.labels import band_label
from wjself.ui.session import AssessmentSession
from wjself.ui.walkthrough_models import (
    ALL_SECTIONS,
    TEXT,
    Filter,
    ItemListView,
    ItemModel,
    SectionDelegate,
    SectionModel,
)
from wjself.ui.widgets import ACCENT, CHIP_FRAME, MUTED, label, scaled_font

ITEM_TEXT_MIN = 180  # the 检查内容 column at its narrowest: a dozen characters a line
MIN_ITEM_ROWS = 3  # the item list is never squeezed below this many rows


def scope_of(session: AssessmentSession, row: int) -> list[Item]:
    """The items of section list row ``row``: all of them, or one section's."""
    if row <= ALL_SECTIONS:
        return list(session.template.items())
    return list(session.sections()[row - 1].items)


def next_unanswered(session: AssessmentSession, current: str | None, backwards: bool) -> str | None:
    """The next (or previous) unanswered item after ``current`` in checklist order, wrapping
    around; None when every item that needs an answer has one."""
    order = [i.code for i in session.template.items()]
    start = order.index(current) if current in order else -1
    step = -1 if backwards else 1
    for n in range(1, len(order) + 1):
        code = order[(start + step * n) % len(order)]
        if session.result(code).outcome is Outcome.UNANSWERED:
            return code
    return None


def filter_counts(session: AssessmentSession, scope: list[Item]) -> dict[Filter, int]:
    """How many of ``scope`` each filter shows."""
    outcomes = [(i, session.result(i.code).outcome) for i in scope]
    return {
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
            and (a := session.answer(i.code)) is not None
            and a.needs_reconfirm
        ),
    }


class SectionList(QListView):
    """The sections down the side, answered/total and ✓ when complete; row 0 is all items."""

    def __init__(self, session: AssessmentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sections = SectionModel(session)
        self.setObjectName("sectionList")
        self.setModel(self.sections)
        self.setItemDelegate(SectionDelegate(self))
        self.setMinimumWidth(140)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)


class FilterBar(QWidget):
    """One chip per filter, with its count, and the search field."""

    filter_chosen = Signal(object)  # Filter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.buttons: dict[Filter, QToolButton] = {}
        for kind in Filter:
            button = QToolButton()
            button.setObjectName(f"filter_{kind.value}")
            button.setCheckable(True)
            button.setAutoRaise(False)
            button.setStyleSheet(
                f"QToolButton {{ border: 1px solid {CHIP_FRAME}; border-radius: 12px;"
                " padding: 3px 10px; background: white; }"
                f"QToolButton:checked {{ background: {ACCENT}; color: white;"
                f" border-color: {ACCENT}; }}"
            )
            button.clicked.connect(lambda _=False, k=kind: self.filter_chosen.emit(k))
            self.group.addButton(button)
            self.buttons[kind] = button
            layout.addWidget(button)
        self.buttons[Filter.ALL].setChecked(True)
        layout.addStretch(1)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search items (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumWidth(160)
        self.search.setMaximumWidth(360)
        layout.addWidget(self.search)

    def show_counts(self, counts: dict[Filter, int], reconfirm: bool) -> None:
        """Each chip with its count; 待复核 only while ``reconfirm``."""
        names = {
            Filter.ALL: self.tr("All"),
            Filter.UNANSWERED: self.tr("Unanswered"),
            Filter.NOT_MET: self.tr("Not met"),
            Filter.REQUIRED_MISSING: self.tr("Required, missing"),
            Filter.RECONFIRM: self.tr("To re-confirm"),
        }
        for kind, button in self.buttons.items():
            button.setText(f"{names[kind]} {counts[kind]}")
        self.buttons[Filter.RECONFIRM].setVisible(reconfirm)


class ItemPane(QWidget):
    """The chosen section's title, tally and description over its items (a model over the
    session, so 500 items open at once); a line instead when no item matches."""

    def __init__(self, session: AssessmentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ItemModel(session)
        self.items = ItemListView()
        self.items.setModel(self.model)
        self.items.setup_header()
        header = self.items.header()
        fixed = sum(header.sectionSize(c) for c in range(header.count()) if c != TEXT)
        scroll_bar = self.items.verticalScrollBar().sizeHint().width()
        self.items.setMinimumWidth(fixed + ITEM_TEXT_MIN + scroll_bar + 2 * self.items.frameWidth())
        # Three two-line rows at least: a checklist's long description above the list (全部检查项)
        # left one row at 1366×768 with the panes stacked, and clicks meant for it hit the text.
        row = 2 * self.items.fontMetrics().lineSpacing() + 12  # as the item delegate draws one
        self.items.setMinimumHeight(
            header.sizeHint().height() + MIN_ITEM_ROWS * row + 2 * self.items.frameWidth()
        )
        self.section_title = QLabel()
        self.section_title.setObjectName("sectionTitle")
        self.section_title.setFont(scaled_font(self.section_title, 1.1, bold=True))
        self.section_title.setWordWrap(True)
        self.section_info = label(muted=True, wrap=True, name="sectionInfo")
        self.no_rows = label(muted=True, wrap=True, name="noRows")
        self.no_rows.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_rows.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 0)
        layout.addWidget(self.section_title)
        layout.addWidget(self.section_info)
        layout.addWidget(self.items, 1)
        layout.addWidget(self.no_rows)
        self.section_info.installEventFilter(self)  # rewrapped: the item rows keep their room

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.section_info and event.type() is QEvent.Type.Resize:
            self.keep_item_rows()
        return super().eventFilter(watched, event)

    def keep_item_rows(self) -> None:
        """The item list keeps its least rows below however long a description: a layout does
        not count a wrapped label's height in its least size, so the splitter is told here."""
        layout = self.layout()
        if layout is None:
            return
        margins = layout.contentsMargins()
        need = margins.top() + margins.bottom() + self.items.minimumHeight()
        for text in (self.section_title, self.section_info):
            if not text.isHidden():
                need += text.heightForWidth(max(text.width(), 1)) + layout.spacing()
        self.setMinimumHeight(need)

    def show_empty(self, empty: bool) -> None:
        self.no_rows.setVisible(empty)
        self.no_rows.setText(self.tr("No items here match the filter or search.") if empty else "")

    def show_section(self, session: AssessmentSession, sections: SectionModel, row: int) -> None:
        """Row ``row`` of the section list: its title, answered and score, and description."""
        tally = sections.tally(row)
        self.section_title.setText(sections.section_title(row))
        info = fill(self.tr("Answered %1 of %2"), tally.answered, tally.applicable)
        if tally.percent is not None and tally.answered:
            band = session.template.band_for(tally.percent)
            info += fill(
                self.tr(" · score %1% (%2)"), percent_number(tally.percent), band_label(band)
            )
        if tally.not_met:
            info += fill(self.tr(" · %1 not met"), tally.not_met)
        if row != ALL_SECTIONS:
            description = session.sections()[row - 1].description
        else:  # the whole checklist: the bureau's instructions for filling it in
            description = session.template.description
        self.section_info.setText(info + (f"\n{description}" if description else ""))
        self.keep_item_rows()


class NothingOpen(QWidget):
    """What the page shows while no assessment is open: where to open one."""

    home_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
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
        go_home.clicked.connect(self.home_requested)
        layout.addWidget(message)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(go_home)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
