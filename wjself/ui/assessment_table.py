"""The home page's table of self-assessments: one row per assessment (checklist, version,
period, status, progress, score and rating, open and overdue rectifications), sortable, its
columns fitted to the screen."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from wjself.core.assessment import AssessmentSummary, Status
from wjself.core.text import percent_number
from wjself.ui.column_fit import ColumnFitter
from wjself.ui.i18n import fill
from wjself.ui.labels import band_label, status_label
from wjself.ui.models import SORT_ROLE, Column, RecordTableModel
from wjself.ui.widgets import ERROR, MUTED, SUCCESS, UPGRADE_INK, ProgressDelegate

PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 10


def _started(s: AssessmentSummary) -> bool:
    """Anything answered: before that, 0 % would read as a failed assessment."""
    return s.answered > 0


def _count(n: int) -> str:
    return str(n) if n else ""


class AssessmentTable(QTableView):
    """The school's self-assessments, sortable; ``newer`` marks drafts a newer checklist
    version is installed for."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.newer: dict[int, str] = {}  # draft id → newer installed version of its checklist
        self.records: RecordTableModel[AssessmentSummary] = RecordTableModel(self._columns(), self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.records)
        self.proxy.setSortRole(SORT_ROLE)
        self.setObjectName("assessmentTable")
        self.setModel(self.proxy)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setSortingEnabled(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(34)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(4, 150)
        header.setHighlightSections(False)
        # On a narrow screen the checklists' names stay whole; the last change, the version and
        # the rating (beside the score) give way, in that order.
        headings = [
            self.proxy.headerData(c, Qt.Orientation.Horizontal)
            for c in range(self.proxy.columnCount())
        ]
        optional = [self.tr("Last changed"), self.tr("Version"), self.tr("Rating")]
        self.column_fitter = ColumnFitter(
            self, main=0, optional=[headings.index(t) for t in optional if t in headings]
        )
        self.setItemDelegateForColumn(4, ProgressDelegate(PROGRESS_ROLE, self))

    def _columns(self) -> list[Column[AssessmentSummary]]:
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        center = Qt.AlignmentFlag.AlignCenter
        status_color = {Status.DRAFT: QColor(UPGRADE_INK), Status.FINALIZED: QColor(SUCCESS)}
        return [
            Column(lambda: self.tr("Checklist"), lambda s: s.template_title,
                   roles={Qt.ItemDataRole.ToolTipRole: lambda s: f"{s.template_title}\n{s.template_key}"}),
            Column(lambda: self.tr("Version"), self._version_text,
                   roles={Qt.ItemDataRole.ForegroundRole: self._version_color,
                          Qt.ItemDataRole.ToolTipRole: self._version_tip}),
            Column(lambda: self.tr("Period"), lambda s: s.period),
            Column(lambda: self.tr("Status"), lambda s: status_label(s.status), align=center,
                   roles={Qt.ItemDataRole.ForegroundRole: lambda s: status_color[s.status]}),
            Column(lambda: self.tr("Progress"), lambda s: f"{s.answered} / {s.applicable}",
                   sort_key=lambda s: s.answered / s.applicable if s.applicable else 1.0,
                   roles={PROGRESS_ROLE: lambda s: (s.answered, s.applicable)}),
            Column(lambda: self.tr("Score"), self._score_text, align=right,
                   sort_key=lambda s: s.percent if _started(s) and s.percent is not None else -1.0,
                   roles={Qt.ItemDataRole.ForegroundRole: self._score_color}),
            Column(lambda: self.tr("Rating"), lambda s: band_label(s.band) if _started(s) else "",
                   align=center),
            Column(lambda: self.tr("Open rectifications"), lambda s: _count(s.open_rectifications),
                   sort_key=lambda s: s.open_rectifications, align=center),
            Column(lambda: self.tr("Overdue"), lambda s: _count(s.overdue_rectifications),
                   sort_key=lambda s: s.overdue_rectifications, align=center,
                   roles={Qt.ItemDataRole.ForegroundRole: lambda s: QColor(ERROR)}),
            Column(lambda: self.tr("Last changed"), lambda s: s.updated_at.strftime("%Y-%m-%d %H:%M"),
                   sort_key=lambda s: s.updated_at, align=center),
        ]  # fmt: skip

    def _score_text(self, s: AssessmentSummary) -> str:
        if not _started(s):
            return self.tr("Not started")
        return "—" if s.percent is None else percent_number(s.percent)

    def _score_color(self, s: AssessmentSummary) -> QColor | None:
        return None if _started(s) else QColor(MUTED)

    def _version_text(self, s: AssessmentSummary) -> str:
        if s.id in self.newer:
            return fill(self.tr("%1 · new version"), s.template_version)
        return s.template_version

    def _version_color(self, s: AssessmentSummary) -> QColor | None:
        return QColor(UPGRADE_INK) if s.id in self.newer else None

    def _version_tip(self, s: AssessmentSummary) -> str | None:
        newer = self.newer.get(s.id)
        if newer is None:
            return None
        return fill(
            self.tr(
                "Version %1 of this checklist is installed: open the draft to see the changes and upgrade it."
            ),
            newer,
        )
