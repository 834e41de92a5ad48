"""Models and views of the walkthrough's two lists: the sections, and the items of one section.

Both read from the ``AssessmentSession``; nothing is computed here that core does not give
(outcomes, tallies, reasons come from ``core.scoring``).  The item model lists the items in
scope that are visible (show-if) and match the filter and search; items that do not apply to
the school are listed greyed with the reason.  With 500 items a rebuild is a list comprehension
and ``data`` is a dictionary look-up, so a section opens at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import ClassVar

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextLayout,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from wjself.core.scoring import OUTCOME_LABELS, Outcome, Tally
from wjself.core.template import Item, Kind
from wjself.core.text import clip, percent_number
from wjself.core.values import display
from wjself.ui.i18n import fill
from wjself.ui.icons import icon
from wjself.ui.session import AssessmentSession
from wjself.ui.widgets import (
    ACCENT,
    ERROR,
    GOOD,
    GREY,
    NOTE_TINT,
    OUTCOME_COLORS,
    RULE,
    UPGRADE_INK,
)

Index = QModelIndex | QPersistentModelIndex
CODE_ROLE = Qt.ItemDataRole.UserRole + 20
TALLY_ROLE = Qt.ItemDataRole.UserRole + 21
INK_ROLE = Qt.ItemDataRole.UserRole + 22  # the text colour, always a name (never None: see paint)
ALL_SECTIONS = 0  # row 0 of the section list: every item of the checklist


class Filter(StrEnum):
    ALL = "all"
    UNANSWERED = "unanswered"
    NOT_MET = "not_met"
    REQUIRED_MISSING = "required_missing"
    RECONFIRM = "reconfirm"  # reworded by a template upgrade, answer not confirmed yet


def _one_line(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- sections


class SectionModel(QAbstractListModel):
    """Row 0 is the whole checklist; then one row per section with its tally."""

    def __init__(self, session: AssessmentSession) -> None:
        super().__init__(session)
        self._session = session
        session.loaded.connect(self._reset)
        session.items_changed.connect(self._counts_changed)
        session.visibility_changed.connect(lambda: self._counts_changed([]))

    def _reset(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def _counts_changed(self, _codes: list[str]) -> None:
        if self.rowCount():
            self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        if parent.isValid() or not self._session.is_open:
            return 0
        return 1 + len(self._session.sections())

    def tally(self, row: int) -> Tally:
        score = self._session.score
        return score.overall if row == ALL_SECTIONS else score.sections[row - 1].tally

    def section_title(self, row: int) -> str:
        if row == ALL_SECTIONS:
            return self.tr("All items")
        return self._session.sections()[row - 1].title

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.section_title(row)
        if role == TALLY_ROLE:
            return self.tally(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            tally = self.tally(row)
            text = fill(
                self.tr("%1\nAnswered %2 of %3"),
                self.section_title(row),
                tally.answered,
                tally.applicable,
            )
            if tally.percent is not None and tally.answered:
                text += "\n" + fill(self.tr("Score %1%"), percent_number(tally.percent))
            return text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            tally = self.tally(row)
            return f"{self.section_title(row)} {tally.answered}/{tally.applicable}"
        if role == Qt.ItemDataRole.FontRole and row == ALL_SECTIONS:
            font = QFont()
            font.setBold(True)
            return font
        return None


class SectionDelegate(QStyledItemDelegate):
    """A section row: the title, then a slim progress bar with ``answered/applicable`` or ✓."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = option.fontMetrics.height()
        return QSize(0, line * 2 + 18)  # as wide as the list: long titles elide, never scroll

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        tally: Tally | None = index.data(TALLY_ROLE)
        style = option.widget.style() if option.widget is not None else QApplication.style()
        text = option.text
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        if tally is None:
            return
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        ink = option.palette.color(
            QPalette.ColorGroup.Normal,
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text,
        )
        rect = option.rect.adjusted(10, 6, -10, -6)
        line = option.fontMetrics.height()
        complete = tally.applicable > 0 and tally.complete
        count = "✓" if complete else f"{tally.answered}/{tally.applicable}"
        if tally.applicable == 0:
            count = "—"
        metrics = option.fontMetrics
        count_width = metrics.horizontalAdvance(count) + 6
        title_rect = QRect(rect.left(), rect.top(), rect.width() - count_width, line)
        painter.setFont(option.font)
        painter.setPen(ink)
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(text, Qt.TextElideMode.ElideRight, title_rect.width()))  # fmt: skip
        painter.setPen(QColor(GOOD) if complete and not selected else ink)
        painter.drawText(QRect(rect.right() - count_width, rect.top(), count_width, line),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, count)  # fmt: skip
        bar = QRect(rect.left(), rect.top() + line + 6, rect.width(), 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(RULE))
        painter.drawRoundedRect(bar, 2, 2)
        if tally.applicable:
            done = bar.adjusted(0, 0, -round(bar.width() * (1 - tally.progress)), 0)
            painter.setBrush(QColor(GOOD if complete else ACCENT))
            painter.drawRoundedRect(done, 2, 2)
        painter.restore()


# ---------------------------------------------------------------- items

CODE, TEXT, RESULT, NOTE, EVIDENCE, RECT = range(6)


class ItemModel(QAbstractTableModel):
    """The items of the current scope that are shown, with their answers and marks."""

    rows_rebuilt = Signal()

    def __init__(self, session: AssessmentSession) -> None:
        super().__init__(session)
        self._session = session
        self._scope: list[Item] = []
        self._rows: list[Item] = []
        self._row_of: dict[str, int] = {}
        self._filter = Filter.ALL
        self._search = ""
        session.loaded.connect(lambda: self.set_scope([]))
        session.items_changed.connect(self._items_changed)
        session.visibility_changed.connect(lambda: self.rebuild(keep=self._row_of))
        self._headers = {
            CODE: self.tr("Code"),
            TEXT: self.tr("Requirement"),
            RESULT: self.tr("Result"),
            NOTE: self.tr("Note"),
            EVIDENCE: self.tr("Evidence"),
            RECT: self.tr("Rectification"),
        }

    # ------------------------------------------------------------ what is listed

    def set_scope(self, items: Iterable[Item]) -> None:
        self._scope = list(items)
        self.rebuild()

    def set_filter(self, kind: Filter) -> None:
        self._filter = Filter(kind)
        self.rebuild()

    @property
    def filter(self) -> Filter:
        return self._filter

    def set_search(self, text: str) -> None:
        self._search = text.strip().lower()
        self.rebuild()

    def matches(self, item: Item) -> bool:
        """Whether ``item`` is listed under the current filter and search (shown or not)."""
        outcome = self._session.result(item.code).outcome
        if outcome is Outcome.HIDDEN:
            return False
        f = self._filter
        if f is Filter.UNANSWERED and outcome is not Outcome.UNANSWERED:
            return False
        if f is Filter.NOT_MET and outcome is not Outcome.NOT_MET:
            return False
        if f is Filter.REQUIRED_MISSING and not (item.required and outcome is Outcome.UNANSWERED):
            return False
        answer = self._session.answer(item.code)
        if f is Filter.RECONFIRM and not (answer is not None and answer.needs_reconfirm):
            return False
        if self._search:
            note = answer.note if answer is not None else ""
            haystack = f"{item.code}\n{item.text}\n{note}".lower()
            if self._search not in haystack:
                return False
        return True

    def rebuild(self, keep: Iterable[str] = ()) -> None:
        """List the scope again; items in ``keep`` stay listed while visible even if the filter
        no longer matches them (answering an item under 未填 does not make it vanish)."""
        kept = set(keep)
        if not self._session.is_open:
            rows: list[Item] = []
        else:
            rows = [
                i for i in self._scope
                if self.matches(i)
                or (i.code in kept and self._session.result(i.code).outcome is not Outcome.HIDDEN)
            ]  # fmt: skip
        if [i.code for i in rows] == [i.code for i in self._rows]:
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, RECT))
            return
        self.beginResetModel()
        self._rows = rows
        self._row_of = {item.code: n for n, item in enumerate(rows)}
        self.endResetModel()
        self.rows_rebuilt.emit()

    def _items_changed(self, codes: list[str]) -> None:
        for code in codes:
            row = self._row_of.get(code)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, RECT))

    def item_at(self, row: int) -> Item:
        return self._rows[row]

    def row_of(self, code: str) -> int | None:
        return self._row_of.get(code)

    def codes(self) -> list[str]:
        return [i.code for i in self._rows]

    # ------------------------------------------------------------ Qt model

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else RECT + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        item = self._rows[index.row()]
        column = index.column()
        if role == CODE_ROLE:
            return item.code
        result = self._session.result(item.code)
        excluded = result.outcome is Outcome.EXCLUDED
        if role == INK_ROLE:
            return GREY if excluded else ""
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column, result.outcome, result.reason)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == RESULT:
                return QBrush(QColor(OUTCOME_COLORS[result.outcome]))
            if column == RECT:
                rect = self._session.rectification(item.code)
                planned = rect is not None and rect.planned
                return QBrush(QColor(GOOD if planned else ERROR))
            if excluded:
                return QBrush(QColor(GREY))
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            answer = self._session.answer(item.code)
            if answer is not None and (answer.needs_reconfirm or answer.set_aside is not None):
                return QBrush(QColor(NOTE_TINT))
            return None
        if role == Qt.ItemDataRole.DecorationRole and column == CODE:
            return self._mark(item.code)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, column, result.outcome, result.reason)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (NOTE, EVIDENCE, RECT):
            return int(Qt.AlignmentFlag.AlignCenter)
        if (
            role == Qt.ItemDataRole.FontRole
            and column == RESULT
            and result.outcome is Outcome.NOT_MET
        ):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _mark(self, code: str) -> QIcon | None:
        """The sign of an item a template upgrade touched (never colour alone)."""
        answer = self._session.answer(code)
        if answer is None:
            return None
        if answer.needs_reconfirm:
            return icon("revised", UPGRADE_INK)
        if answer.set_aside is not None:
            return icon("history", UPGRADE_INK)
        return None

    def _text(self, item: Item, column: int, outcome: Outcome, reason: str) -> str:
        if column == CODE:
            return item.code + (" *" if item.required else "")
        if column == TEXT:
            return _one_line(item.text)
        answer = self._session.answer(item.code)
        if column == RESULT:
            return self.result_text(item, outcome, reason)
        if column == NOTE:
            return "✎" if answer is not None and answer.note.strip() else ""
        if column == EVIDENCE:
            count = len(answer.evidence) if answer is not None else 0
            return str(count) if count else ""
        if column == RECT:
            rect = self._session.rectification(item.code)
            return "⚑" if rect is not None and not rect.obsolete else ""
        return ""

    def result_text(self, item: Item, outcome: Outcome, reason: str = "") -> str:
        if outcome is Outcome.EXCLUDED:
            return fill(self.tr("N/A: %1"), reason) if reason else OUTCOME_LABELS[outcome]
        if outcome is Outcome.UNANSWERED:
            return self.tr("Not answered")
        value = self._session.value(item.code)
        if item.kind is Kind.COMPLIANCE or value is None:
            return OUTCOME_LABELS[outcome]
        shown = clip(display(item, value), 24)
        if (
            outcome in (Outcome.MET, Outcome.NOT_MET, Outcome.PARTIAL)
            and item.kind is not Kind.YES_NO
        ):
            return f"{shown} · {OUTCOME_LABELS[outcome]}"
        return shown

    def _tooltip(self, item: Item, column: int, outcome: Outcome, reason: str) -> str | None:
        answer = self._session.answer(item.code)
        if column == CODE:
            tips = [self.tr("Required item")] if item.required else []
            if answer is not None and answer.needs_reconfirm:
                tips.append(self.tr("Revised by a checklist update: check and confirm the answer"))
            elif answer is not None and answer.set_aside is not None:
                tips.append(
                    self.tr(
                        "The answer given before the checklist update was set aside: answer again"
                    )
                )
            return "\n".join(tips) or None
        if column == TEXT:
            tip = item.text
            if answer is not None and answer.needs_reconfirm:
                tip += "\n\n" + self.tr(
                    "Reworded by a checklist update: please confirm the answer again."
                )
            return tip
        if column == RESULT and outcome is Outcome.EXCLUDED:
            return reason
        if column == NOTE and answer is not None and answer.note.strip():
            return answer.note
        if column == EVIDENCE and answer is not None and answer.evidence:
            return "\n".join(e.name for e in answer.evidence)
        if column == RECT:
            rect = self._session.rectification(item.code)
            if rect is None or rect.obsolete:
                return None
            if rect.planned:
                return fill(
                    self.tr("Rectification: %1 (%2, due %3)"),
                    rect.measure,
                    rect.owner,
                    rect.due.isoformat() if rect.due else "",
                )
            return self.tr(
                "Not met: the rectification still needs a measure, an owner and a due date"
            )
        return None


def two_lines(text: str, font: QFont, width: int) -> list[str]:
    """``text`` wrapped to ``width`` (CJK breaks anywhere, Latin between words), at most two
    lines, the second elided."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    lines = []
    for _ in range(2):
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        lines.append(line)
    layout.endLayout()
    if not lines:
        return []
    first = text[lines[0].textStart() : lines[0].textStart() + lines[0].textLength()]
    if len(lines) == 1:
        return [first.rstrip()]
    rest = text[lines[1].textStart() :]
    second = QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width)
    return [first.rstrip(), second]


class RequirementDelegate(QStyledItemDelegate):
    """The requirement in two lines (every row the same height, so long lists stay fast)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(200, option.fontMetrics.lineSpacing() * 2 + 12)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        text = option.text
        option.text = ""
        style = option.widget.style() if option.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        rect = option.rect.adjusted(4, 4, -4, -4)
        lines = two_lines(text, option.font, rect.width())
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setFont(option.font)
        if selected:
            painter.setPen(option.palette.color(QPalette.ColorRole.HighlightedText))
        else:
            # INK_ROLE, not ForegroundRole: PySide6 6.12 on Python 3.11 drops a reference to None
            # each time a call from Python returns None, and paint runs for every visible row.
            ink = index.data(INK_ROLE)
            painter.setPen(QColor(ink) if ink else option.palette.color(QPalette.ColorRole.Text))
        painter.drawText(
            rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, "\n".join(lines)
        )
        painter.restore()


class ItemListView(QTreeView):
    """The item list: a flat, fast table; digit and letter keys answer the focused item."""

    answer_key = Signal(str)  # "1"… "9", "Y", "N"
    enter_pressed = Signal()

    KEYS: ClassVar[dict[Qt.Key, str]] = {
        Qt.Key.Key_1: "1", Qt.Key.Key_2: "2", Qt.Key.Key_3: "3", Qt.Key.Key_4: "4",
        Qt.Key.Key_5: "5", Qt.Key.Key_6: "6", Qt.Key.Key_7: "7", Qt.Key.Key_8: "8",
        Qt.Key.Key_9: "9", Qt.Key.Key_Y: "Y", Qt.Key.Key_N: "N",
    }  # fmt: skip

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("itemList")
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setUniformRowHeights(True)  # lets Qt lay out 500 rows without measuring each
        self.setAlternatingRowColors(True)
        self.setAllColumnsShowFocus(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setWordWrap(False)
        self.setItemDelegateForColumn(TEXT, RequirementDelegate(self))

    def setup_header(self) -> None:
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        metrics = self.fontMetrics()
        model = self.model()

        def title(column: int) -> int:  # the header's own label, whole in either language
            text = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            return header.fontMetrics().horizontalAdvance(text) + 12

        # Room for the code and the sign of an item a template upgrade touched.
        header.resizeSection(
            CODE, max(metrics.horizontalAdvance("AQ1.01 *") + 16 + 22, title(CODE))
        )
        header.resizeSection(
            RESULT, max(metrics.horizontalAdvance("95.5% · 不符合") + 12, title(RESULT))
        )
        for column in (NOTE, EVIDENCE, RECT):
            header.resizeSection(column, max(metrics.horizontalAdvance("整改") + 12, title(column)))
        header.setMinimumSectionSize(24)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        key = Qt.Key(event.key())
        if modifiers == Qt.KeyboardModifier.NoModifier and key in self.KEYS:
            self.answer_key.emit(self.KEYS[key])
            event.accept()
            return
        if modifiers == Qt.KeyboardModifier.NoModifier and key in (
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
        ):
            self.enter_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)
