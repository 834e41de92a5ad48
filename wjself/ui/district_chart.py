"""A horizontal bar chart drawn with QPainter, for the bureau's comparisons.

PySide6-Essentials ships no QtCharts, and a few bars with their labels are all the district
pages need: average score by township, the items most often not met, open and overdue
rectifications by township.  Labels are Chinese and long, so the bars lie down: the label on
the left (elided, whole in the tooltip), the bar, and the value's text after it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from wjself.ui.widgets import ACCENT, INK, MUTED, RULE

ROW_HEIGHT = 22
LABEL_SHARE = 0.38  # of the width, for the labels on the left
VALUE_WIDTH = 64  # the value's text after the bar


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: its label, its length (``value`` of the chart's ``maximum``), the text after
    it, the tooltip, and its colour (one of the palette's)."""

    label: str
    value: float
    text: str
    tip: str = ""
    color: str = ACCENT


class BarChart(QWidget):
    """Bars one under another; ``set_bars`` replaces them.  Empty: says ``empty_text``."""

    def __init__(self, empty_text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: list[Bar] = []
        self._maximum = 1.0
        self.empty_text = empty_text
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_bars(self, bars: Sequence[Bar], maximum: float | None = None) -> None:
        """Show ``bars``; their lengths are relative to ``maximum`` (default: the longest)."""
        self._bars = list(bars)
        longest = max((b.value for b in self._bars), default=0.0)
        self._maximum = maximum if maximum and maximum > 0 else max(longest, 1.0)
        self.updateGeometry()
        self.update()

    def bars(self) -> list[Bar]:
        return list(self._bars)

    def sizeHint(self) -> QSize:
        return QSize(360, max(2, len(self._bars)) * ROW_HEIGHT + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, 2 * ROW_HEIGHT)

    def _row_rect(self, row: int) -> QRect:
        return QRect(0, 4 + row * ROW_HEIGHT, self.width(), ROW_HEIGHT)

    def bar_at(self, point: QPoint) -> Bar | None:
        row = (point.y() - 4) // ROW_HEIGHT
        return self._bars[row] if 0 <= row < len(self._bars) else None

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self._bars:
            painter.setPen(QColor(MUTED))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        metrics = painter.fontMetrics()
        label_width = int(self.width() * LABEL_SHARE)
        track = max(10, self.width() - label_width - VALUE_WIDTH - 12)
        for row, bar in enumerate(self._bars):
            rect = self._row_rect(row)
            if rect.top() > event.rect().bottom():
                break
            text_rect = QRect(0, rect.top(), label_width - 6, rect.height())
            painter.setPen(QColor(INK))
            painter.drawText(
                text_rect,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(bar.label, Qt.TextElideMode.ElideMiddle, text_rect.width()),
            )
            left = label_width
            painter.fillRect(QRect(left, rect.top() + 4, track, rect.height() - 8), QColor(RULE))
            length = int(track * min(max(bar.value, 0.0) / self._maximum, 1.0))
            painter.fillRect(
                QRect(left, rect.top() + 4, length, rect.height() - 8), QColor(bar.color)
            )
            painter.setPen(QColor(INK))
            painter.drawText(
                QRect(left + track + 6, rect.top(), VALUE_WIDTH, rect.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                bar.text,
            )

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            bar = self.bar_at(event.pos())
            if bar is not None:
                QToolTip.showText(event.globalPos(), bar.tip or f"{bar.label}：{bar.text}", self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
