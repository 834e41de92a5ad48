"""The bureau's Compare page (学校与得分): every current received assessment, filtered by
township, stage, checklist, period and text, with the comparisons in tabs beside it.

Everything received is read once when the page is shown (``list_received``); the filter
choices come from it, and a filter change selects from it with ``district.matching`` (the
rule ``list_received(dws, DistrictFilter)`` and ``district list`` apply), so a district's
3,300 rows filter as a person types.  Double-clicking a row opens the
assessment as the school saw it; the district report buttons write the summary for the
period chosen.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from wjself.district import DistrictFilter, ReceivedRow, list_received
from wjself.district.matching import select_rows
from wjself.district.queries import period_key
from wjself.ui.district_columns import DistrictWords
from wjself.ui.district_overview import DistrictOverview
from wjself.ui.district_reports import DistrictReportButtons
from wjself.ui.i18n import fill
from wjself.ui.models import RECORD_ROLE, SORT_ROLE, RecordTableModel
from wjself.ui.page import Page
from wjself.ui.widgets import Debouncer, label, scaled_font, table_view

if TYPE_CHECKING:
    from wjself.ui.main_window import MainWindow

ANY = ""  # the filter combos' "all" entry
SAMPLE_ROWS = 60  # rows measured to fit the columns
CHECKLIST_COLUMN = 3  # takes the width the others leave


def _distinct(values: Iterable[str]) -> list[str]:
    return sorted({v for v in values if v})


class ComparePage(Page):
    """学校与得分: the filtered list, its comparisons, and the district report."""

    key = "district-compare"
    icon = QStyle.StandardPixmap.SP_FileDialogDetailedView

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.words = DistrictWords(self)
        self.everything: list[ReceivedRow] = []  # read when the page is shown
        self._newest_chosen = False  # the newest period is chosen once, when there is one
        self.rows: list[ReceivedRow] = []  # what the filter selects of it
        self._filling = False

        heading = QLabel(self.tr("Schools and scores"))
        heading.setFont(scaled_font(heading, 1.2, bold=True))
        self.counts = label(name="compareCounts", muted=True)
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setObjectName("compareOpen")
        self.open_button.setToolTip(self.tr("Read the selected assessment as the school sent it"))
        self.open_button.clicked.connect(self.open_selected)
        self.reports = DistrictReportButtons(window, self.current_filter)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addWidget(self.counts, 1)
        top.addWidget(self.open_button)
        top.addWidget(self.reports)

        self.township_box = self._combo("filterTownship", self.tr("All townships"))
        self.stage_box = self._combo("filterStage", self.tr("All stages"))
        self.template_box = self._combo("filterTemplate", self.tr("All checklists"))
        self.period_box = self._combo("filterPeriod", self.tr("All periods"))
        self.search = QLineEdit()
        self.search.setObjectName("filterText")
        self.search.setPlaceholderText(self.tr("School name or code"))
        self.search.setClearButtonEnabled(True)
        self._typing = Debouncer(self.apply_filter, idle_ms=200, max_ms=600, parent=self)
        self.search.textChanged.connect(lambda _t: self._typing.touch())
        filters = QHBoxLayout()
        for box in (self.township_box, self.stage_box, self.template_box, self.period_box):
            filters.addWidget(box)
        filters.addWidget(self.search, 1)

        self.overview = DistrictOverview(window, self._build_table(), window.open_received)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.overview, 1)
        window.changes.bundles_received.connect(self._received)
        self._enable()

    def _build_table(self) -> QWidget:
        """The list of received assessments (sorted by a click on a header), and the line
        saying why it is empty."""
        self.model: RecordTableModel[ReceivedRow] = RecordTableModel(
            self.words.received_columns(), self
        )
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = table_view(self.proxy, stretch=CHECKLIST_COLUMN)
        self.table.setObjectName("compareTable")
        self.table.setWordWrap(False)
        self.table.setSortingEnabled(True)
        # Columns are fitted when the page is shown, from its first rows, not on each filter
        # change: measuring 3,300 rows as a person types costs more than the rest together.
        header = self.table.horizontalHeader()
        header.setResizeContentsPrecision(SAMPLE_ROWS)
        for column in range(self.model.columnCount()):
            if column != CHECKLIST_COLUMN:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the service's order first
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        enter = QShortcut(QKeySequence(Qt.Key.Key_Return), self.table)
        enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        enter.activated.connect(self.open_selected)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._enable())
        self.empty = label(name="compareEmpty", muted=True, wrap=True)
        schools = QWidget()
        schools_layout = QVBoxLayout(schools)
        schools_layout.setContentsMargins(0, 0, 0, 0)
        schools_layout.addWidget(self.empty)
        schools_layout.addWidget(self.table, 1)
        return schools

    def title(self) -> str:
        return self.tr("Schools and scores")

    def _combo(self, name: str, everything: str) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        box.addItem(everything, ANY)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        box.currentIndexChanged.connect(lambda _i: self.apply_filter())
        return box

    def activate(self) -> None:
        """Reload what was received: the filter choices, then the rows they select."""
        self.everything = everything = list_received(self.window_.district, DistrictFilter())
        self._filling = True
        try:
            self._fill(
                self.township_box, [(t, t) for t in _distinct(r.township for r in everything)]
            )
            self._fill(
                self.stage_box, [(s, s) for s in _distinct(s for r in everything for s in r.stages)]
            )
            titles = {r.template_id: r.template_title for r in everything}
            self._fill(self.template_box, sorted(((t, i) for i, t in titles.items())))
            periods = sorted(_distinct(r.period for r in everything), key=period_key, reverse=True)
            self._fill(self.period_box, [(p, p) for p in periods])
            if periods and not self._newest_chosen:
                # The bureau compares one period (and reports on one): the newest, to start.
                self._newest_chosen = True
                self.period_box.setCurrentIndex(1)
        finally:
            self._filling = False
        self.apply_filter()
        for column in range(self.model.columnCount()):
            if column != CHECKLIST_COLUMN:
                self.table.resizeColumnToContents(column)

    def reset(self) -> None:
        self.everything = []
        self.rows = []
        self.model.set_records([])

    def _fill(self, box: QComboBox, entries: list[tuple[str, str]]) -> None:
        """Replace ``box``'s choices by ``entries`` (text, value), keeping the one chosen."""
        chosen = box.currentData()
        while box.count() > 1:
            box.removeItem(1)
        for text, value in entries:
            box.addItem(text, value)
        index = box.findData(chosen)
        box.setCurrentIndex(max(index, 0))

    def current_filter(self) -> DistrictFilter:
        def value(box: QComboBox) -> str | None:
            data = box.currentData()
            return str(data) if data else None

        return DistrictFilter(
            township=value(self.township_box),
            stage=value(self.stage_box),
            template_id=value(self.template_box),
            period=value(self.period_box),
            text=self.search.text().strip(),
        )

    def apply_filter(self) -> None:
        if self._filling or not self.window_.attached:
            return
        self._typing.cancel()
        flt = self.current_filter()
        self.rows = select_rows(flt, self.everything)
        self.model.set_records(self.rows)
        scored = [r.score for r in self.rows if r.score is not None]
        mean = sum(scored) / len(scored) if scored else None
        self.counts.setText(
            fill(self.tr("%1 assessments from %2 schools · average %3"),
                 len(self.rows), len({r.school_code for r in self.rows}),
                 "—" if mean is None else f"{mean:.1f}%")
        )  # fmt: skip
        self.empty.setText(
            self.tr("Nothing received yet: bundles are imported on the Receive page.")
            if not self.rows and flt == DistrictFilter()
            else self.tr("No received assessment matches the filter.")
        )
        self.empty.setVisible(not self.rows)
        self.overview.show_filter(flt, self.rows)
        self.reports.set_available(bool(self.rows))
        self._enable()

    def selected(self) -> ReceivedRow | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        row = self.proxy.data(index, RECORD_ROLE)
        return row if isinstance(row, ReceivedRow) else None

    def open_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.window_.open_received(row.id)

    def _enable(self) -> None:
        self.open_button.setEnabled(self.selected() is not None)

    def _received(self) -> None:
        if self.isVisible():
            self.activate()
