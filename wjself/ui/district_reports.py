"""The district summary report (区级汇总报告) from the Compare page: PDF (公文 form) or XLSX
(one row per school × item) for the period and filter shown.

The figures are the district service's (``district_figures``) and the files its report
generators' (``wjself.district.reports``); the writing happens off the GUI thread, and the
file is offered to open afterwards.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget
from shiboken6 import isValid

from wjself.district import DistrictFilter
from wjself.district.reports import write_district_report
from wjself.ui import tasks
from wjself.ui.export import safe_name
from wjself.ui.feedback import open_with_system, show_failure
from wjself.ui.i18n import fill

if TYPE_CHECKING:
    from wjself.ui.main_window import MainWindow

PDF, XLSX = "pdf", "xlsx"
FOLDER_KEY = "district/report_folder"


class DistrictReportButtons(QWidget):
    """区级汇总报告 (PDF) and (XLSX), for the period chosen in ``current_filter``."""

    def __init__(self, window: MainWindow, current_filter: Callable[[], DistrictFilter]) -> None:
        super().__init__()
        self.window_ = window
        self._filter = current_filter
        self.running = False
        self.pdf_button = QPushButton(self.tr("District report (PDF)…"))
        self.pdf_button.setObjectName("districtPdf")
        self.pdf_button.clicked.connect(lambda: self.write(PDF))
        self.xlsx_button = QPushButton(self.tr("District report (XLSX)…"))
        self.xlsx_button.setObjectName("districtXlsx")
        self.xlsx_button.clicked.connect(lambda: self.write(XLSX))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pdf_button)
        layout.addWidget(self.xlsx_button)
        self._available = False
        for button in (self.pdf_button, self.xlsx_button):  # until the page shows its rows
            button.setEnabled(False)

    def set_available(self, rows: bool) -> None:
        """Enabled when the filter shows assessments of one period; the tooltip says why not."""
        self._available = rows
        period = self._filter().period
        ready = rows and bool(period) and not self.running
        why = (
            self.tr("A report is being written…")
            if self.running
            else self.tr("Choose a period first: the district report covers one period.")
            if not period
            else self.tr("No received assessment matches the filter.")
            if not rows
            else fill(self.tr("The summary of %1 for the schools shown"), period)
        )
        for button in (self.pdf_button, self.xlsx_button):
            button.setEnabled(ready)
            button.setToolTip(why)

    def write(self, fmt: str) -> None:
        flt = self._filter()
        if not flt.period or self.running:
            return
        folder = str(self.window_.preferences.value(FOLDER_KEY, "") or "")
        suggested = safe_name(f"武进区-{flt.period}-学校自查汇总报告") + f".{fmt}"
        target = self.window_.prompts.save_file(
            self,
            self.tr("Save the district report"),
            str(Path(folder) / suggested) if folder else suggested,
            self.tr("PDF files (*.pdf)") if fmt == PDF else self.tr("Excel workbooks (*.xlsx)"),
        )
        if target is None:
            return
        if target.suffix.lower() != f".{fmt}":
            target = target.with_name(target.name + f".{fmt}")
        self.window_.preferences.set_value(FOLDER_KEY, str(target.parent))
        district = self.window_.district
        self.running = True
        self.set_available(self._available)

        def work(_report: object) -> Path:
            now = dt.datetime.now().astimezone()
            return write_district_report(district, flt, fmt, target, now=now)

        tasks.start(work, self._done, self._failed)

    def _finished(self) -> None:
        self.running = False
        self.set_available(self._available)

    def _done(self, path: Path) -> None:
        if not isValid(self):  # the pages were made again (a language change) meanwhile
            return
        self._finished()
        choice = self.window_.prompts.choose(
            self,
            self.tr("District report written"),
            fill(self.tr("The district report was saved as\n%1"), path),
            [self.tr("Open"), self.tr("Close")],
            warning=False,
        )
        if choice == 0:
            open_with_system(self.window_, self, path)

    def _failed(self, exc: BaseException, details: str) -> None:
        if not isValid(self):
            return
        self._finished()
        show_failure(self.window_, self.tr("The district report was not written"), exc, details)
