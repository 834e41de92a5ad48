"""Print a blank checklist from the Templates page: ask where to save the PDF, write it off
the GUI thread (``ui.tasks``), then open it with the system's viewer to print.

When the data folder holds exactly one school (the usual case), only the items that apply to
it are listed; otherwise all of them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QPushButton

from wjself.core.school import School
from wjself.core.template import TemplateInfo
from wjself.ui import tasks
from wjself.ui.export import safe_name
from wjself.ui.feedback import open_with_system, show_failure
from wjself.ui.i18n import fill

if TYPE_CHECKING:
    from wjself.ui.templates_page import TemplatesPage


class BlankPrinter(QObject):
    """The 打印空白自查表… flow of one Templates page."""

    def __init__(self, page: TemplatesPage) -> None:
        super().__init__(page)
        self.page = page
        self.target: Path | None = None
        self.button = QPushButton(self.tr("Print &blank checklist…"))
        self.button.setObjectName("printBlank")
        self.button.clicked.connect(self.print_selected)

    def enable(self, why_not: str) -> None:
        """Enabled when a template is selected; ``why_not`` says why not otherwise."""
        self.button.setEnabled(not why_not)
        self.button.setToolTip(
            why_not or self.tr("A PDF of the checklist with answer boxes, to fill in on paper")
        )

    def print_selected(self) -> None:
        info = self.page.selected()
        if info is not None:
            self.start(info)

    def school(self) -> School | None:
        schools = self.page.window_.workspace.schools.list()
        return schools[0] if len(schools) == 1 else None

    def start(self, info: TemplateInfo) -> None:
        window = self.page.window_
        path = window.prompts.save_file(
            self.page,
            self.tr("Print blank checklist"),
            safe_name(f"{info.title}-{info.version}-空白自查表") + ".pdf",
            self.tr("PDF file (*.pdf)"),
        )
        if path is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        school = self.school()
        template = window.workspace.templates.get(info.id, info.version)
        self.page.say(fill(self.tr("Writing %1 …"), path.name))

        def work(_report: object) -> int:
            from wjself.report.blank import write_blank

            now = dt.datetime.now().astimezone()
            return write_blank(template, path, school=school, generated_at=now)

        def done(count: int) -> None:
            self.target = path
            self.page.say(
                fill(
                    self.tr("Saved the blank %1 (%2 items) to %3. Print it from the viewer."),
                    info.title,
                    count,
                    path,
                )
            )
            open_with_system(window, self.page, path)

        def failed(exc: BaseException, details: str) -> None:
            self.page.say("")
            title = self.tr("The blank checklist was not written")
            if isinstance(exc, OSError):
                text = fill(self.tr("Cannot write %1: %2"), path, exc.strerror or exc)
                window.prompts.warn(self.page, title, text)
            else:  # refused input and machine faults get their message, a bug the log
                show_failure(window, title, exc, details)

        tasks.start(work, done, failed)
