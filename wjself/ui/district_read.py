"""The bureau's Read page (查看): one received assessment exactly as the school sent it.

``wjself.district.received_view`` gives core's ``AssessmentView`` read back from the kept
bundle; the page lists every item (answer, standing, note, evidence, rectification) with the
selected one read in full beside it, the school's written report when there is one, and opens
the school's PDF (``wjself.district.received_pdf``, written off the GUI thread).  Nothing here
changes what was received; the inspector's comments and verdict are the review panel's
(``ui.district_review``).
"""

from __future__ import annotations

import datetime as dt
import html
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from wjself.core.assessment import AssessmentView
from wjself.core.scoring import OUTCOME_LABELS
from wjself.core.text import clip, percent_text
from wjself.district import ReceivedRow, history, received_view
from wjself.district.received_pdf import received_pdf
from wjself.ui import tasks
from wjself.ui.district_columns import DistrictWords
from wjself.ui.district_item import ItemReader, ReadRow, read_rows
from wjself.ui.district_review import ReviewPanel
from wjself.ui.export import safe_name
from wjself.ui.feedback import open_with_system, reported, show_failure
from wjself.ui.i18n import fill
from wjself.ui.labels import band_label
from wjself.ui.models import Column, RecordTableModel
from wjself.ui.page import Page
from wjself.ui.widgets import MUTED, OUTCOME_COLORS, label, scaled_font, table_view

if TYPE_CHECKING:
    from wjself.ui.main_window import MainWindow

SIDE_BY_SIDE_MIN = 1100  # the page's width from which the item pane goes beside the list


def narrative_html(view: AssessmentView) -> str:
    """The school's written 自查报告 as escaped paragraphs; "" when it wrote none (or the
    bundle is from before the written report)."""
    narrative: Any = getattr(view, "narrative", None)
    written = narrative.written() if narrative is not None else []
    return "".join(
        f"<h3>{html.escape(name)}</h3><p>{html.escape(text).replace(chr(10), '<br>')}</p>"
        for name, text in written
    )


class ReadPage(Page):
    """查看: a received assessment's items, read-only, with its PDF and the review."""

    key = "district-read"
    icon = QStyle.StandardPixmap.SP_FileDialogContentsView

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.words = DistrictWords(self)
        self.received_id: int | None = None
        self.view: AssessmentView | None = None
        self.row: ReceivedRow | None = None
        self.pdf_running = False
        top = self._build_top()

        self.model: RecordTableModel[ReadRow] = RecordTableModel(self._columns(), self)
        self.table = table_view(self.model, stretch=1)
        self.table.setObjectName("readItems")
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        # The requirement takes what is left; the school's and the inspector's words are
        # whole in their tooltips and in the item pane.
        for column, width in ((2, 110), (4, 150), (6, 110)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._on_row())
        self.reader = ItemReader(window)
        self.review = ReviewPanel(window, self.file_stem)
        # A bound method, not a lambda: Qt drops it with the page (a language change remakes it).
        window.changes.review_saved.connect(self._review_saved)
        item_tab = QWidget()
        item_layout = QVBoxLayout(item_tab)
        item_layout.setContentsMargins(0, 0, 0, 0)
        item_layout.addWidget(self.reader, 3)
        item_layout.addWidget(self.review.comment_box, 1)
        self.narrative = QTextBrowser()
        self.narrative.setObjectName("readNarrative")
        self.tabs = QTabWidget()
        self.tabs.addTab(item_tab, self.tr("Item"))
        self.narrative_index = self.tabs.addTab(self.narrative, self.tr("Written report"))
        self.split = split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("readSplit")
        split.addWidget(self.table)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addLayout(top)
        body_layout.addWidget(split, 1)
        body_layout.addWidget(self.review)
        self.placeholder = label(
            self.tr("Open a received assessment from Schools and scores (double-click a row)."),
            muted=True,
            wrap=True,
            name="readPlaceholder",
        )
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)

    def _build_top(self) -> QHBoxLayout:
        """The heading (school, checklist, period), the facts line, history, PDF, back."""
        self.heading = QLabel()
        self.heading.setObjectName("readHeading")
        self.heading.setFont(scaled_font(self.heading, 1.2, bold=True))
        self.heading.setWordWrap(True)
        self.info = label(name="readInfo", muted=True, wrap=True)
        self.pdf_button = QPushButton(self.tr("Open PDF"))
        self.pdf_button.setObjectName("readPdf")
        self.pdf_button.clicked.connect(self.open_pdf)
        self.back_button = QPushButton(self.tr("Back to the list"))
        self.back_button.setObjectName("readBack")
        self.back_button.clicked.connect(lambda: self.window_.show_page("district-compare"))
        self.history_box = QComboBox()
        self.history_box.setObjectName("readHistory")
        self.history_box.setToolTip(
            self.tr("Every bundle received for this school, checklist and period, newest first")
        )
        self.history_box.activated.connect(self._history_chosen)
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.info)
        top.addLayout(titles, 1)
        top.addWidget(self.history_box, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.pdf_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        return top

    def title(self) -> str:
        return self.tr("Read")

    def file_stem(self) -> str:
        """What files about this assessment are named after: school, period, checklist."""
        view = self.view
        if view is None:
            return "wjself"
        return f"{view.school.name}-{view.period}-{view.template.title}"

    def _columns(self) -> list[Column[ReadRow]]:
        def colour(row: ReadRow) -> QBrush | None:
            shown = OUTCOME_COLORS.get(row.outcome)
            return QBrush(QColor(shown)) if shown else None

        return [
            Column(lambda: self.tr("Item"), lambda r: r.item.code),
            Column(
                lambda: self.tr("Requirement"),
                lambda r: clip(r.item.text, 80),
                roles={Qt.ItemDataRole.ToolTipRole: lambda r: r.item.text},
            ),
            Column(lambda: self.tr("Answer"), lambda r: clip(r.answer_text, 24)),
            Column(
                lambda: self.tr("Result"),
                lambda r: OUTCOME_LABELS.get(r.outcome, ""),
                roles={Qt.ItemDataRole.ForegroundRole: colour},
            ),
            Column(
                lambda: self.tr("Note"),
                lambda r: clip(r.answer.note, 24) if r.answer else "",
                roles={Qt.ItemDataRole.ToolTipRole: lambda r: r.answer.note if r.answer else ""},
            ),
            Column(
                lambda: self.tr("Evidence"),
                lambda r: str(len(r.evidence)) if r.evidence else "",
                align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            ),
            Column(
                lambda: self.tr("Comment"),
                lambda r: clip(self.review.comment_for(r.item.code), 24),
                roles={Qt.ItemDataRole.ToolTipRole: lambda r: self.review.comment_for(r.item.code)},
            ),
        ]

    # ------------------------------------------------------------ loading

    def open_received(self, received_id: int) -> bool:
        """Show received assessment ``received_id``; False (with the reason shown) if it
        cannot be read."""
        district = self.window_.district
        with reported(self.window_, self.tr("The assessment cannot be read")) as outcome:
            view = received_view(district, received_id)
            rows = history(district, received_id)
        if not outcome.ok:
            return False
        self.received_id = received_id
        self.view = view
        self.row = next((r for r in rows if r.id == received_id), None)
        self._show_history(rows)
        self.review.show_received(received_id, current=self.row is None or self.row.current)
        self._show()
        return True

    def _show(self) -> None:
        view = self.view
        if view is None:
            self.stack.setCurrentWidget(self.placeholder)
            return
        self.stack.setCurrentIndex(1)
        score = view.score()
        self.heading.setText(f"{view.school.name} · {view.template.title} · {view.period}")
        facts = [
            fill(self.tr("Score %1"), percent_text(score.percent)),
            band_label(score.band) if score.band else "",
            self.words.status_text(view.status.value),
        ]
        if self.row is not None:
            facts.append(self.words.signature_text(self.row))
            if self.row.key_id:
                facts.append(fill(self.tr("Key id: %1"), self.row.key_id))
            facts.append(
                fill(self.tr("Received %1"), self.row.received_at.strftime("%Y-%m-%d %H:%M"))
            )
            if not self.row.current:
                facts.append(self.tr("A newer bundle replaced this one"))
        if view.signoff is not None:
            facts.append(fill(self.tr("Fingerprint %1"), view.signoff.fingerprint[:16]))
        self.info.setText(" · ".join(f for f in facts if f))
        self.model.set_records(read_rows(view))
        written = narrative_html(view)
        self.narrative.setHtml(
            written
            or f"<p style='color:{MUTED}'>"
            + html.escape(self.tr("The school sent no written report with this checklist."))
            + "</p>"
        )
        self.tabs.setTabEnabled(self.narrative_index, bool(written))
        if self.model.rowCount():
            self.table.selectRow(0)
        self.pdf_button.setEnabled(not self.pdf_running)

    def _show_history(self, rows: list[ReceivedRow]) -> None:
        """The bundles of the same school, checklist and period (shown when more than one)."""
        self.history_box.clear()
        for row in rows:
            when = row.received_at.astimezone().strftime("%Y-%m-%d %H:%M")
            text = fill(
                self.tr("Received %1 (current)")
                if row.current
                else self.tr("Received %1 (replaced)"),
                when,
            )
            self.history_box.addItem(text, row.id)
        self.history_box.setCurrentIndex(max(0, self.history_box.findData(self.received_id)))
        self.history_box.setVisible(len(rows) > 1)

    def _history_chosen(self, index: int) -> None:
        chosen = self.history_box.itemData(index)
        if isinstance(chosen, int) and chosen != self.received_id:
            self.open_received(chosen)

    def _review_saved(self, received_id: int) -> None:
        if received_id == self.received_id:
            self.refresh_comments()

    def refresh_comments(self) -> None:
        """The comment column after the review panel stored one."""
        if self.model.rowCount():
            top = self.model.index(0, self.model.columnCount() - 1)
            bottom = self.model.index(self.model.rowCount() - 1, self.model.columnCount() - 1)
            self.model.dataChanged.emit(top, bottom)

    def _on_row(self) -> None:
        index = self.table.currentIndex()
        row = self.model.record(index.row()) if index.isValid() else None
        self.reader.show_row(row)
        self.review.show_item(row.item.code if row is not None else None)
        self.tabs.setCurrentIndex(0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The item pane beside the list on a wide window, under it on a narrow one (1024
        pixels): the list's columns never scroll sideways."""
        super().resizeEvent(event)
        wide = self.width() >= SIDE_BY_SIDE_MIN
        self.split.setOrientation(Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical)

    def activate(self) -> None:
        if self.view is None:
            self.stack.setCurrentWidget(self.placeholder)

    def reset(self) -> None:
        self.received_id = None
        self.view = None
        self.row = None
        self.model.set_records([])
        self.stack.setCurrentWidget(self.placeholder)

    # ------------------------------------------------------------ the school's PDF

    def open_pdf(self) -> None:
        """Write the school's PDF of this assessment to the temporary folder and open it."""
        view, received_id = self.view, self.received_id
        if view is None or received_id is None or self.pdf_running:
            return
        district = self.window_.district
        folder = Path(tempfile.mkdtemp(prefix="wjself-received-"))
        target = folder / (safe_name(self.file_stem()) + ".pdf")
        self.pdf_running = True
        self.pdf_button.setEnabled(False)
        self.pdf_button.setText(self.tr("Writing the PDF…"))

        def work(_report: object) -> Path:
            return received_pdf(district, received_id, target, now=dt.datetime.now().astimezone())

        tasks.start(work, self._pdf_done, self._pdf_failed)

    def _pdf_finished(self) -> None:
        self.pdf_running = False
        self.pdf_button.setEnabled(True)
        self.pdf_button.setText(self.tr("Open PDF"))

    def _pdf_done(self, path: Path) -> None:
        if not isValid(self):  # the pages were made again (a language change) meanwhile
            return
        self._pdf_finished()
        open_with_system(self.window_, self, path)

    def _pdf_failed(self, exc: BaseException, details: str) -> None:
        if not isValid(self):
            return
        self._pdf_finished()
        show_failure(self.window_, self.tr("The PDF was not written"), exc, details)
