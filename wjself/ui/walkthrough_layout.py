"""How the walkthrough's three panes share the width: the sections, then the items beside the
detail when both fit whole, else one above the other (a 1024-wide laptop) — never a column
squeezed to a character, never a pane scrolled sideways.  The sections list may be dragged shut."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QWidget

SECTIONS_WIDTH = 230
DETAIL_MIN = 280


class PaneSplitter(QSplitter):
    """``sections`` | ``middle`` and ``detail`` (in a scroll area) in the inner ``work``
    splitter, arranged for the room ``width()`` gives."""

    def __init__(
        self, sections: QWidget, middle: QWidget, detail: QWidget, width: Callable[[], int]
    ) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.setObjectName("walkthroughSplitter")
        self._width = width
        self.middle = middle
        self.detail = detail
        self.detail_scroll = QScrollArea()
        self.detail_scroll.setObjectName("detailScroll")
        self.detail_scroll.setWidgetResizable(True)
        self.detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.detail_scroll.setWidget(detail)
        self.detail_scroll.setMinimumWidth(DETAIL_MIN)
        self.sections = sections
        self.work = QSplitter(Qt.Orientation.Horizontal)
        self.work.setObjectName("itemsAndDetail")
        self.work.addWidget(middle)
        self.work.addWidget(self.detail_scroll)
        self.work.setStretchFactor(0, 3)
        self.work.setStretchFactor(1, 2)
        self.work.setChildrenCollapsible(False)
        self.addWidget(sections)
        self.addWidget(self.work)
        self.setStretchFactor(1, 1)
        self.setCollapsible(1, False)
        self.setSizes([SECTIONS_WIDTH, 1000])

    def watch_detail(self) -> None:
        """Refit whenever the detail's content changes (another item shown)."""
        self.detail.installEventFilter(self)
        self.fit_detail()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.detail and event.type() is QEvent.Type.LayoutRequest:
            self.fit_detail()
        return super().eventFilter(watched, event)

    def fit_detail(self) -> None:
        """The detail pane never narrower than its content: no sideways scrolling in it."""
        content = self.detail.minimumSizeHint().width()
        scroll_bar = self.detail_scroll.verticalScrollBar().sizeHint().width()
        self.detail_scroll.setMinimumWidth(
            content + scroll_bar + 2 * self.detail_scroll.frameWidth()
        )
        # What the panes need stacked, not side by side: the window may be made narrower than
        # both together, and arrange then stacks them.
        self.work.setMinimumWidth(
            max(self.middle.minimumSizeHint().width(), self.detail_scroll.minimumWidth())
        )
        self.arrange()

    def side_by_side(self) -> bool:
        return self.work.orientation() is Qt.Orientation.Horizontal

    def arrange(self) -> None:
        """Items beside the detail when both fit at their least, else the items above it."""
        sections = self.sections.width() if self.sections.isVisible() else 0
        room = self._width() - sections - 2 * self.handleWidth()
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
