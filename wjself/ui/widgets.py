"""Small widgets and helpers the pages share: colours, a debounced saver, a notice bar, a
progress-bar delegate for tables."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QTreeWidget,
    QWidget,
)

from wjself.core.scoring import Outcome
from wjself.ui.icons import icon

# Outcome colours: text on white, and the tint of a chosen answer button.  Not-met is also
# marked by words and a flag, never by colour alone.
OUTCOME_COLORS: dict[Outcome, str] = {
    Outcome.MET: "#2e7d32",
    Outcome.PARTIAL: "#a15c00",
    Outcome.NOT_MET: "#c62828",
    Outcome.NA: "#616161",
    Outcome.EXCLUDED: "#9e9e9e",
    Outcome.HIDDEN: "#9e9e9e",
    Outcome.UNANSWERED: "#9e9e9e",
    Outcome.ANSWERED: "#1f4e79",
}
TINTS: dict[Outcome, str] = {
    Outcome.MET: "#e6f4ea",
    Outcome.PARTIAL: "#fff4e0",
    Outcome.NOT_MET: "#fdecea",
    Outcome.NA: "#eeeeee",
}
ACCENT = "#1f5f99"
UPGRADE_INK = "#a15c00"  # items a template upgrade touched: re-confirm, set aside
MUTED = "#6b7280"
ERROR = "#c62828"
# The walkthrough's own shades (header, chips, section list, detail pane).
GOOD = OUTCOME_COLORS[Outcome.MET]  # finished, complete, planned
GOOD_TINT = TINTS[Outcome.MET]
GOOD_HOVER = "#338a38"
GOOD_PRESSED = "#23612a"
DRAFT = UPGRADE_INK  # a draft's status chip
DRAFT_TINT = TINTS[Outcome.PARTIAL]
GREY = OUTCOME_COLORS[Outcome.EXCLUDED]  # excluded, disabled
INK = "#263238"  # body text on white
RULE = "#dfe3e8"  # separators, the empty part of a bar
FRAME = "#b0b7c3"  # borders of buttons and bars
CHIP_FRAME = "#c3cad3"
CHUNK = "#cfe0f3"  # a progress bar's done part
CHUNK_DONE = "#c8e6c9"
NOTE_TINT = "#fff8e1"  # a cell that wants attention
QUOTE_TINT = "#f6f8fa"  # the bureau's text, quoted
QUOTE_FRAME = "#e1e4e8"
INFO_TINT = "#e8f0fe"
DISABLED_TINT = "#f5f5f5"

# The pages' other inks: a finished step, a problem with an imported file, overdue work,
# a superseded entry.  Pages name these rather than writing colour literals.
SUCCESS = "#2e7d32"  # finished, complete, carried over
DONE_INK = "#1b5e20"  # a step confirmed (saved, installed, code accepted)
PROBLEM_INK = "#b3261e"  # a file or entry that needs fixing
OVERDUE_TINT = "#fde2e1"  # background of an overdue row
NEUTRAL = "#616161"  # taken out of use, not applicable
OBSOLETE_INK = "#8a6d00"  # an entry whose item the checklist no longer has
HINT_INK = "gray"  # a hint under a field while it is being filled in
PRIMARY_BUTTON = (
    "QPushButton { background: #1f5f99; color: white; border: 1px solid #174a78;"
    " border-radius: 4px; padding: 5px 14px; font-weight: bold; }"
    "QPushButton:hover { background: #246cae; } QPushButton:pressed { background: #174a78; }"
    # Disabled must look disabled: a blue button that does nothing reads as broken.
    "QPushButton:disabled { background: #c5d3e0; color: #f4f7fa; border-color: #b4c4d4; }"
)


def ink(color: str) -> str:
    """The style sheet of a label written in ``color``."""
    return f"color: {color}"


def scaled_font(widget: QWidget, factor: float, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    size = font.pointSizeF()
    if size > 0:
        font.setPointSizeF(size * factor)
    font.setBold(bold)
    return font


def label(text: str = "", *, muted: bool = False, wrap: bool = False, name: str = "") -> QLabel:
    widget = QLabel(text)
    if muted:
        widget.setStyleSheet(ink(MUTED))
    widget.setWordWrap(wrap)
    if name:
        widget.setObjectName(name)
    return widget


def error_label(name: str) -> QLabel:
    """A red line under a field for the service's message; hidden while empty."""
    widget = QLabel()
    widget.setObjectName(name)
    widget.setWordWrap(True)
    widget.setStyleSheet(ink(ERROR))
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    widget.hide()
    return widget


def show_error(widget: QLabel, text: str) -> None:
    widget.setText(text)
    widget.setVisible(bool(text))


def table_view(
    model: QAbstractItemModel,
    *,
    stretch: int | None = None,
    stretch_last: bool = False,
    alternate: bool = False,
) -> QTableView:
    """A read-only table of whole-row single selection, columns fitted to their contents;
    column ``stretch`` (or, with ``stretch_last``, the last one) takes the remaining width."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(alternate)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(stretch_last)
    return view


def tree_widget(columns: list[str], name: str) -> QTreeWidget:
    """A read-only tree of single selection with the given column headers."""
    tree = QTreeWidget()
    tree.setObjectName(name)
    tree.setColumnCount(len(columns))
    tree.setHeaderLabels(columns)
    tree.setAlternatingRowColors(True)
    tree.setUniformRowHeights(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    tree.setTextElideMode(Qt.TextElideMode.ElideRight)
    return tree


class Debouncer(QObject):
    """Calls ``save`` once typing pauses, and at the latest ``max_ms`` after the first change.

    ``touch()`` after each edit; ``flush()`` saves at once if anything is pending (on leaving
    the field, switching items, closing the window).  The save itself takes a few ms, so it
    runs in pauses rather than on every keystroke.
    """

    def __init__(
        self,
        save: Callable[[], None],
        idle_ms: int = 400,
        max_ms: int = 1000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._idle = QTimer(self, singleShot=True, interval=idle_ms)
        self._max = QTimer(self, singleShot=True, interval=max_ms)
        self._idle.timeout.connect(self.flush)
        self._max.timeout.connect(self.flush)
        self.pending = False

    def touch(self) -> None:
        self.pending = True
        self._idle.start()
        if not self._max.isActive():
            self._max.start()

    def cancel(self) -> None:
        self.pending = False
        self._idle.stop()
        self._max.stop()

    def flush(self) -> None:
        if not self.pending:
            return
        self.cancel()
        self._save()


class FocusOutWatcher(QObject):
    """Calls ``on_leave`` when a watched widget loses the keyboard focus."""

    def __init__(self, on_leave: Callable[[], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_leave = on_leave

    def watch(self, widget: QWidget) -> None:
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self._on_leave()
        return False


class NoticeBar(QFrame):
    """A line across the top of a page: a message, optional buttons, and a close button."""

    closed = Signal()

    STYLES: ClassVar[dict[str, tuple[str, str, str]]] = {
        "info": ("#e8f0fe", ACCENT, "info"),
        "success": (TINTS[Outcome.MET], SUCCESS, "finish"),
        "warning": (TINTS[Outcome.PARTIAL], UPGRADE_INK, "warning"),
        "error": (TINTS[Outcome.NOT_MET], ERROR, "warning"),
        "locked": ("#eef2f7", "#37474f", "lock"),
    }

    def __init__(self, parent: QWidget | None = None, closable: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self._icon = QLabel()
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._buttons: list[QPushButton] = []
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(10, 6, 6, 6)
        self._layout.addWidget(self._icon)
        self._layout.addWidget(self.text, 1)
        self._close = QToolButton()
        self._close.setIcon(icon("clear"))
        self._close.setAutoRaise(True)
        self._close.setToolTip(QApplication.translate("NoticeBar", "Close"))
        self._close.clicked.connect(self.dismiss)
        self._close.setVisible(closable)
        self._layout.addWidget(self._close)
        self.hide()

    def show_message(
        self,
        kind: str,
        text: str,
        buttons: list[tuple[str, Callable[[], object]]] | None = None,
        *,
        once: bool = False,
    ) -> None:
        """Show ``text`` with ``buttons``; with ``once``, a button taken also closes the notice
        (an offer must not outlive what it led to)."""
        background, color, icon_name = self.STYLES[kind]
        self.setStyleSheet(
            f"QFrame#{self.objectName()} {{ background: {background}; border: 1px solid {color};"
            " border-radius: 4px; }"
        )
        self.text.setStyleSheet(f"color: {color}")
        self._icon.setPixmap(icon(icon_name, color).pixmap(20, 20))
        self.text.setText(text)
        for button in self._buttons:
            self._layout.removeWidget(button)
            button.deleteLater()
        self._buttons = []
        for n, (caption, action) in enumerate(buttons or []):
            button = QPushButton(caption)
            if once:
                button.clicked.connect(self.dismiss)
            button.clicked.connect(action)
            self._layout.insertWidget(2 + n, button)
            self._buttons.append(button)
        self.show()

    def buttons(self) -> list[QPushButton]:
        return list(self._buttons)

    def dismiss(self) -> None:
        self.hide()
        self.closed.emit()


class ProgressDelegate(QStyledItemDelegate):
    """Draws a cell as a progress bar: ``(done, total)`` from ``role``, its text as the label."""

    def __init__(self, role: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._role = role

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        value = index.data(self._role)
        if not value:
            super().paint(painter, option, index)
            return
        done, total = value
        if option.state & QStyle.StateFlag.State_Selected:  # keep the selection visible
            painter.fillRect(option.rect, option.palette.highlight())
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(4, 5, -4, -5)
        bar.minimum = 0
        bar.maximum = max(total, 1)
        bar.progress = min(done, bar.maximum) if total else bar.maximum
        bar.text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        bar.textVisible = True
        bar.textAlignment = Qt.AlignmentFlag.AlignCenter
        bar.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Horizontal
        bar.palette = QPalette(option.palette)
        complete = total > 0 and done >= total
        bar.palette.setColor(QPalette.ColorRole.Highlight, QColor(SUCCESS if complete else ACCENT))
        style = option.widget.style() if option.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, option.widget)
