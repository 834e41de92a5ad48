"""Keeps a table's main column whole on a narrow screen by hiding its least needed columns.

A list of checklists at 1024 pixels wide cut every name to "食堂管理…" while the date of the
last change took the room; the fitter hides such columns, in the order given, while the main
column could not show its longest text, and shows them again once there is room.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QTableView

PADDING = 16  # the cell's margins and a little air


class ColumnFitter(QObject):
    """Hides ``optional`` columns of ``view`` (least needed first) while column ``main`` would
    have to elide its text; every column's data stays in the model, and on a wider window."""

    def __init__(self, view: QTableView, main: int, optional: Sequence[int]) -> None:
        super().__init__(view)
        self._view = view
        self._main = main
        self._optional = list(optional)
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self.fit)
        view.viewport().installEventFilter(self)
        model = view.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted):
            signal.connect(self._pending.start)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() is QEvent.Type.Resize:
            self.fit()
        return False

    @property
    def optional(self) -> tuple[int, ...]:
        return tuple(self._optional)

    def hidden(self) -> list[int]:
        header = self._view.horizontalHeader()
        return [c for c in self._optional if header.isSectionHidden(c)]

    def fit(self) -> None:
        header = self._view.horizontalHeader()
        room = self._view.viewport().width()
        need = self._needed()
        for column in self._optional:  # show all, then hide from the first while it is short
            header.setSectionHidden(column, False)
        for column in self._optional:
            if room - self._others() >= need:
                break
            header.setSectionHidden(column, True)

    def _others(self) -> int:
        header = self._view.horizontalHeader()
        total = 0
        for column in range(header.count()):
            if column == self._main or header.isSectionHidden(column):
                continue
            if header.sectionResizeMode(column) is header.ResizeMode.ResizeToContents:
                total += max(self._view.sizeHintForColumn(column), header.sectionSizeHint(column))
            else:
                total += header.sectionSize(column)
        return total

    def _needed(self) -> int:
        model = self._view.model()
        metrics = self._view.fontMetrics()
        widest = max(
            (
                metrics.horizontalAdvance(str(model.index(row, self._main).data() or ""))
                for row in range(model.rowCount())
            ),
            default=0,
        )
        title = model.headerData(self._main, Qt.Orientation.Horizontal)
        heading = self._view.horizontalHeader().fontMetrics().horizontalAdvance(str(title or ""))
        return max(widest, heading) + PADDING
