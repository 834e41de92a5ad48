"""The bureau's comparisons beside the list of schools: charts of scores, the items most
often not met, open and overdue rectifications across schools, and the schools that have not
sent a checklist yet.

Each tab reads its service (``wjself.district``) for the compare page's filter when it is
shown, so a filter change costs only what is on screen.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from wjself.core.text import clip, percent_text
from wjself.district import (
    DistrictFilter,
    ItemFailure,
    Missing,
    OpenRect,
    ReceivedRow,
    import_roster,
    item_failures,
    missing,
    open_rectifications,
)
from wjself.ui import tasks
from wjself.ui.district_chart import Bar, BarChart
from wjself.ui.district_columns import DistrictWords
from wjself.ui.feedback import reported, show_failure
from wjself.ui.i18n import fill
from wjself.ui.labels import band_label
from wjself.ui.models import RECORD_ROLE, RecordTableModel
from wjself.ui.widgets import ACCENT, ERROR, SUCCESS, UPGRADE_INK, label, table_view

if TYPE_CHECKING:
    from wjself.ui.main_window import MainWindow

SAMPLE_ROWS = 60  # rows measured to fit a table's columns
TOP_ITEMS = 12  # the items drawn in the chart (the table lists them all)
RATING_COLOURS = {"优秀": SUCCESS, "良好": ACCENT, "合格": UPGRADE_INK, "不合格": ERROR}


def township_means(rows: Sequence[ReceivedRow]) -> list[tuple[str, float, int]]:
    """(township, mean score, schools scored) for the rows with a score, best first."""
    scores: dict[str, list[float]] = defaultdict(list)
    for row in rows:
        if row.score is not None:
            scores[row.township or "—"].append(row.score)
    means = [(t, sum(v) / len(v), len(v)) for t, v in scores.items()]
    return sorted(means, key=lambda m: (-m[1], m[0]))


SCORE_BINS = (
    (90.0, "90–100%"),
    (80.0, "80–90%"),
    (70.0, "70–80%"),
    (60.0, "60–70%"),
    (0.0, "< 60%"),
)


def score_bins(rows: Sequence[ReceivedRow]) -> list[tuple[str, int]]:
    """How many scored assessments fall in each ten-point band, highest band first."""
    counts = Counter(
        next(name for low, name in SCORE_BINS if row.score >= low)
        for row in rows
        if row.score is not None
    )
    return [(name, counts[name]) for _low, name in SCORE_BINS]


def checklist_means(rows: Sequence[ReceivedRow]) -> list[tuple[str, float, int]]:
    """(checklist title, mean score, assessments) for the scored rows, lowest mean first."""
    scores: dict[str, list[float]] = defaultdict(list)
    for row in rows:
        if row.score is not None:
            scores[row.template_title].append(row.score)
    means = [(t, sum(v) / len(v), len(v)) for t, v in scores.items()]
    return sorted(means, key=lambda m: (m[1], m[0]))


def rating_counts(rows: Sequence[ReceivedRow]) -> list[tuple[str, int]]:
    """How many assessments have each rating, in the order the ratings first appear best-first."""
    counts = Counter(row.rating for row in rows if row.rating)
    order = sorted(counts, key=lambda r: -max((x.score or 0) for x in rows if x.rating == r))
    return [(rating, counts[rating]) for rating in order]


def _titled(title: str, widget: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.addWidget(widget)
    return box


def _table(
    model: RecordTableModel[Any], name: str, stretch: int, fixed: dict[int, int] | None = None
) -> Any:
    """A list of the overview: column ``stretch`` takes what is left; ``fixed`` columns
    (column → width) hold long texts, whole in their tooltips, so nothing scrolls sideways."""
    view = table_view(model, stretch=stretch)
    view.setObjectName(name)
    view.setWordWrap(False)
    view.setSortingEnabled(False)
    header = view.horizontalHeader()
    header.setResizeContentsPrecision(SAMPLE_ROWS)  # not all 3,300 rows
    for column, width in (fixed or {}).items():
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, width)
    return view


class DistrictOverview(QTabWidget):
    """The list of schools (``schools``), then 图表, 不符合项, 整改, 未上报."""

    def __init__(
        self, window: MainWindow, schools: QWidget, open_received: Callable[[int], object]
    ) -> None:
        super().__init__()
        self.window_ = window
        self._open_received = open_received
        self.words = DistrictWords(self)
        self._filter = DistrictFilter()
        self._rows: list[ReceivedRow] = []
        self._stale: set[int] = set()
        self._generation = 0
        self.loading: set[int] = set()  # tabs whose figures are being read
        self.schools_index = self.addTab(schools, self.tr("Schools and scores"))

        self.charts_index = self.addTab(self._build_charts(), self.tr("Charts"))

        self.failure_chart = BarChart(self.tr("No item answered “not met”"))
        self.failure_chart.setObjectName("failureChart")
        self.failure_model: RecordTableModel[ItemFailure] = RecordTableModel(
            self.words.failure_columns(), self
        )
        self.failure_table = _table(self.failure_model, "failureTable", 2, {0: 110, 4: 140})
        failures = QSplitter(Qt.Orientation.Horizontal)
        failures.addWidget(_titled(self.tr("Items most often not met"), self.failure_chart))
        failures.addWidget(self.failure_table)
        failures.setStretchFactor(0, 2)
        failures.setStretchFactor(1, 3)
        self.failures_index = self.addTab(failures, self.tr("Items not met"))

        self.rect_counts = label(name="rectCounts")
        self.rect_chart = BarChart(self.tr("No open rectification"))
        self.rect_chart.setObjectName("rectChart")
        self.rect_model: RecordTableModel[OpenRect] = RecordTableModel(
            self.words.rect_columns(), self
        )
        self.rect_table = _table(self.rect_model, "openRectTable", 4, {0: 140, 2: 110})
        self.rect_table.doubleClicked.connect(self._open_rect)
        rects = QWidget()
        rects_layout = QVBoxLayout(rects)
        rects_layout.addWidget(self.rect_counts)
        rect_split = QSplitter(Qt.Orientation.Vertical)  # the list keeps the whole width
        rect_split.addWidget(self.rect_table)
        rect_split.addWidget(_titled(self.tr("Overdue by township"), self.rect_chart))
        rect_split.setStretchFactor(0, 3)
        rect_split.setStretchFactor(1, 1)
        rects_layout.addWidget(rect_split, 1)
        self.rects_index = self.addTab(rects, self.tr("Rectifications"))

        self.missing_counts = label(name="missingCounts")
        self.missing_model: RecordTableModel[Missing] = RecordTableModel(
            self.words.missing_columns(), self
        )
        self.missing_table = _table(self.missing_model, "missingTable", 4)
        self.roster_button = QPushButton(self.tr("Import the list of schools…"))
        self.roster_button.setObjectName("importRoster")
        self.roster_button.setToolTip(
            self.tr(
                "A CSV file with the columns 学校标识码, 学校名称, 镇街, 学段: the schools expected "
                "to report, also those that have sent nothing yet"
            )
        )
        self.roster_button.clicked.connect(self.import_roster)
        absent = QWidget()
        absent_layout = QVBoxLayout(absent)
        absent_top = QHBoxLayout()
        absent_top.addWidget(self.missing_counts, 1)
        absent_top.addWidget(self.roster_button)
        absent_layout.addLayout(absent_top)
        absent_layout.addWidget(self.missing_table, 1)
        self.missing_index = self.addTab(absent, self.tr("Not sent yet"))

        self._titles = [self.tabText(i) for i in range(self.count())]
        self.currentChanged.connect(lambda _i: self._refresh_current())

    def _build_charts(self) -> QWidget:
        """Average by township and by checklist, the score distribution, the ratings."""
        self.township_chart = BarChart(self.tr("No scored assessment shown"))
        self.township_chart.setObjectName("townshipChart")
        self.rating_chart = BarChart(self.tr("No rated assessment shown"))
        self.rating_chart.setObjectName("ratingChart")
        self.bins_chart = BarChart(self.tr("No scored assessment shown"))
        self.bins_chart.setObjectName("scoreBinsChart")
        self.checklist_chart = BarChart(self.tr("No scored assessment shown"))
        self.checklist_chart.setObjectName("checklistChart")
        charts = QWidget()
        charts_layout = QGridLayout(charts)
        charts_layout.addWidget(
            _titled(self.tr("Average score by township"), self.township_chart), 0, 0
        )
        charts_layout.addWidget(_titled(self.tr("Score distribution"), self.bins_chart), 0, 1)
        charts_layout.addWidget(
            _titled(self.tr("Average score by checklist (lowest first)"), self.checklist_chart),
            1,
            0,
        )
        charts_layout.addWidget(_titled(self.tr("Assessments by rating"), self.rating_chart), 1, 1)
        charts_layout.setColumnStretch(0, 3)
        charts_layout.setColumnStretch(1, 2)
        return charts

    def show_filter(self, flt: DistrictFilter, rows: Sequence[ReceivedRow]) -> None:
        """The compare page's filter and its rows changed: redraw what is on screen, the rest
        when its tab is shown."""
        self._filter = flt
        self._rows = list(rows)
        self._generation += 1
        self._stale = {self.charts_index, self.failures_index, self.rects_index, self.missing_index}
        self._refresh_current()

    def _refresh_current(self) -> None:
        index = self.currentIndex()
        if index not in self._stale or index in self.loading:
            return  # up to date, or read again when the read under way comes back
        self._stale.discard(index)
        if index == self.charts_index:
            self._show_charts()
            return
        district, flt, today = self.window_.district, self._filter, dt.date.today()
        readers: dict[int, tuple[Callable[[], Any], Callable[[Any], None]]] = {
            self.failures_index: (lambda: item_failures(district, flt), self._show_failures),
            self.rects_index: (lambda: open_rectifications(district, flt, today), self._show_rects),
            self.missing_index: (lambda: missing(district, flt), self._show_missing),
        }
        if index not in readers:
            return
        read, show = readers[index]
        # A district's items are read off the GUI thread (seconds for 3,300 assessments); a
        # result for a filter changed meanwhile is dropped (the tab is stale again then).
        generation = self._generation
        self.loading.add(index)
        self.setTabText(index, self._titles[index] + " …")
        self._show_reading(index)

        def done(result: Any) -> None:
            if not isValid(self):  # the pages were made again (a language change) meanwhile
                return
            self.loading.discard(index)
            self.setTabText(index, self._titles[index])
            if generation == self._generation:
                show(result)
            self._refresh_current()

        def failed(exc: BaseException, details: str) -> None:
            if not isValid(self):
                return
            self.loading.discard(index)
            self.setTabText(index, self._titles[index])
            self._stale.add(index)
            show_failure(self.window_, self.tr("The comparison could not be read"), exc, details)

        tasks.start(lambda _report: read(), done, failed)

    def _show_charts(self) -> None:
        self.township_chart.set_bars(
            [
                Bar(
                    township,
                    mean,
                    percent_text(mean),
                    fill(
                        self.tr("%1: average %2 over %3 assessments"),
                        township,
                        percent_text(mean),
                        n,
                    ),
                )
                for township, mean, n in township_means(self._rows)
            ],
            maximum=100.0,
        )
        self.rating_chart.set_bars(
            [
                Bar(band_label(rating), n, str(n), color=RATING_COLOURS.get(rating, ACCENT))
                for rating, n in rating_counts(self._rows)
            ]
        )
        bins = score_bins(self._rows)
        self.bins_chart.set_bars(
            [Bar(name, n, str(n), color=ERROR if name == SCORE_BINS[-1][1] else ACCENT)
             for name, n in bins] if any(n for _name, n in bins) else []
        )  # fmt: skip
        self.checklist_chart.set_bars(
            [
                Bar(
                    title,
                    mean,
                    percent_text(mean),
                    fill(
                        self.tr("%1: average %2 over %3 assessments"), title, percent_text(mean), n
                    ),
                )
                for title, mean, n in checklist_means(self._rows)
            ],
            maximum=100.0,
        )

    def _show_reading(self, index: int) -> None:
        """While a tab's figures are read: its lists empty and saying so, not "none"."""
        reading = self.tr("Reading the received assessments…")
        if index == self.failures_index:
            self.failure_model.set_records([])
            self.failure_chart.empty_text = reading
            self.failure_chart.set_bars([])
        elif index == self.rects_index:
            self.rect_model.set_records([])
            self.rect_counts.setText(reading)
            self.rect_chart.set_bars([])
        elif index == self.missing_index:
            self.missing_model.set_records([])
            self.missing_counts.setText(reading)

    def _show_failures(self, failures: list[ItemFailure]) -> None:
        self.failure_chart.empty_text = self.tr("No item answered “not met”")
        self.failure_model.set_records(failures)
        self.failure_chart.set_bars(
            [
                Bar(
                    f"{f.code} {clip(f.text, 24)}",
                    f.failed,
                    f"{f.failed}/{f.answered}",
                    f"{f.template_id} {f.code}\n{f.text}\n" + "、".join(f.schools),
                    ERROR,
                )
                for f in failures[:TOP_ITEMS]
            ]
        )

    def _show_rects(self, rects: list[OpenRect]) -> None:
        self.rect_model.set_records(rects)
        overdue = [r for r in rects if r.overdue]
        self.rect_counts.setText(
            fill(self.tr("Open rectifications: %1 · overdue: %2 · schools: %3"),
                 len(rects), len(overdue), len({r.school_code for r in rects}))
        )  # fmt: skip
        by_township = Counter(r.township or "—" for r in overdue)
        opened = Counter(r.township or "—" for r in rects)
        self.rect_chart.set_bars(
            [
                Bar(
                    t,
                    n,
                    f"{n}/{opened[t]}",
                    fill(self.tr("%1: %2 overdue of %3 open"), t, n, opened[t]),
                    ERROR,
                )
                for t, n in by_township.most_common()
            ]
        )

    def _show_missing(self, rows: list[Missing]) -> None:
        self.missing_model.set_records(rows)
        self.missing_counts.setText(
            fill(self.tr("%1 checklists not sent, from %2 schools"),
                 len(rows), len({m.school_code for m in rows}))
        )  # fmt: skip

    def import_roster(self) -> None:
        """Record the district's list of schools (``district.import_roster``): who should
        report, so a school that never sent anything is counted as not sent."""
        path = self.window_.prompts.open_file(
            self, self.tr("Import the list of schools"), self.tr("CSV files (*.csv)")
        )
        if path is None:
            return
        with reported(self.window_, self.tr("The list of schools was not imported")) as outcome:
            count = import_roster(self.window_.district, path)
        if not outcome.ok:
            return
        self.window_.mark_saved()
        self.window_.prompts.inform(
            self,
            self.tr("List of schools imported"),
            fill(self.tr("%1 schools are expected to report."), count),
        )
        self._stale.add(self.missing_index)
        self._refresh_current()

    def _open_rect(self) -> None:
        index = self.rect_table.currentIndex()
        if index.isValid():
            rect = self.rect_model.data(index, RECORD_ROLE)
            self._open_received(rect.received_id)
