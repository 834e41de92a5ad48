"""The Templates page: the installed checklists, importing a file (button or drag and drop), exporting.

Importing reads the file off the GUI thread, then shows either every problem found (in a
table; nothing is installed) or what the file is — and, when an older version of the same
template is installed, what changes — before installing it on confirmation.  The same content
again is reported as already installed; the same id and version with other content is
refused with the store's message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMimeData, QSortFilterProxyModel, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QGuiApplication,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wjself.core.codec import content_hash
from wjself.core.diff import TemplateDiff, diff_templates
from wjself.core.diff_report import format_diff
from wjself.core.errors import Problem
from wjself.core.stages import STAGES
from wjself.core.template import Template, TemplateInfo, version_key
from wjself.formats.templates import SUFFIXES, load_template, write_template
from wjself.ui import tasks
from wjself.ui.feedback import reported, show_failure
from wjself.ui.i18n import fill
from wjself.ui.models import RECORD_ROLE, SORT_ROLE, Column, RecordTableModel
from wjself.ui.page import Page
from wjself.ui.template_view import TemplateContents, TemplateDialog

if TYPE_CHECKING:
    from wjself.ui.main_window import MainWindow

PROBLEM_STYLE = "color: #b3261e"


def template_files(mime: QMimeData) -> list[Path]:
    """The local .json/.xlsx files among dragged URLs."""
    if not mime.hasUrls():
        return []
    paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
    return [p for p in paths if p.suffix.lower() in SUFFIXES]


def stages_text(stages: frozenset[str]) -> str:
    return "、".join(s for s in STAGES if s in stages)


def _table(model: Any, *, stretch: int = -1) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch >= 0:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def _bold(label: QLabel, scale: float = 1.0) -> QLabel:
    font = QFont(label.font())
    font.setBold(True)
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


@dataclass(frozen=True)
class Candidate:
    """A valid file waiting for confirmation: the template and the newest installed version."""

    path: Path
    template: Template
    older: TemplateInfo | None
    diff: TemplateDiff | None


class ImportPreview(QWidget):
    """What a valid file holds, and what changes against the installed version, before installing."""

    def __init__(self) -> None:
        super().__init__()
        self.heading = _bold(QLabel(), 1.3)
        self.heading.setWordWrap(True)
        self.file_label = QLabel()
        self.file_label.setStyleSheet("color: gray")
        self.file_label.setWordWrap(True)
        self.facts = QFormLayout()
        self.contents = TemplateContents()  # the items themselves, to read before installing
        self.diff_summary = QLabel()
        self.diff_summary.setObjectName("diffSummary")
        self.diff_summary.setWordWrap(True)
        self.diff_text = QPlainTextEdit()
        self.diff_text.setObjectName("diffText")
        self.diff_text.setReadOnly(True)
        self.diff_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.diff_box = QWidget()
        diff_layout = QVBoxLayout(self.diff_box)
        diff_layout.setContentsMargins(0, 0, 0, 0)
        diff_layout.addWidget(_bold(QLabel(self.tr("What changes"))))
        diff_layout.addWidget(self.diff_summary)
        diff_layout.addWidget(self.diff_text, 1)
        sections_box = QWidget()
        sections_layout = QVBoxLayout(sections_box)
        sections_layout.setContentsMargins(0, 0, 0, 0)
        sections_layout.addWidget(_bold(QLabel(self.tr("Groups and items"))))
        sections_layout.addWidget(self.contents, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(sections_box)
        split.addWidget(self.diff_box)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.install_button = QPushButton(self.tr("&Install"))
        self.install_button.setObjectName("installTemplate")
        self.install_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("&Cancel"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.install_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.file_label)
        layout.addLayout(self.facts)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)

    def show_candidate(self, c: Candidate) -> None:
        t = c.template
        self.heading.setText(self.tr("Import checklist: %1").replace("%1", f"《{t.title}》"))
        self.file_label.setText(self.tr("File: %1").replace("%1", str(c.path)))
        while self.facts.rowCount():
            self.facts.removeRow(0)
        if c.older is None:
            version = fill(self.tr("%1 (not installed yet)"), t.version)
        elif version_key(t.version) > version_key(c.older.version):
            version = fill(self.tr("%1 (newer than the installed %2)"), t.version, c.older.version)
        else:
            version = fill(self.tr("%1 (older than the installed %2)"), t.version, c.older.version)
        rows = [
            (self.tr("Template id"), t.id),
            (self.tr("Version"), version),
            (self.tr("Issued by"), t.issuer or "—"),
            (self.tr("Based on"), t.plan_ref or "—"),
            (self.tr("For stages"), stages_text(t.stages) or self.tr("all stages")),
            (
                self.tr("Content"),
                fill(self.tr("%1 items in %2 groups"), t.item_count(), len(t.sections)),
            ),
        ]
        if t.review_period:
            rows.insert(4, (self.tr("Self-check period"), t.review_period))
        for label, value in rows:
            field = QLabel(value)
            field.setWordWrap(True)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.facts.addRow(label, field)
        self.contents.show_template(t)
        self.diff_box.setVisible(c.diff is not None)
        if c.diff is not None and c.older is not None:
            n = c.diff.counts()
            self.diff_summary.setText(
                fill(
                    self.tr(
                        "Compared with the installed version %1: %2 kept, %3 reworded, "
                        "%4 changed in ways that affect answers, %5 added, %6 removed."
                    ),
                    c.older.version,
                    n["kept"],
                    n["reworded"],
                    n["changed"],
                    n["added"],
                    n["removed"],
                )
            )
            self.diff_text.setPlainText(format_diff(c.diff))
            self.note.setText(
                self.tr(
                    "Assessments already started keep their version; "
                    "a draft can be moved to the new one later."
                )
            )
        else:
            self.diff_text.clear()
            self.note.setText(self.tr("After installing, it can be used for new assessments."))
        self.install_button.setFocus()


class ProblemsView(QWidget):
    """Every problem of a file that cannot be imported, one row each."""

    def __init__(self) -> None:
        super().__init__()
        self.heading = _bold(QLabel(), 1.2)
        self.heading.setObjectName("problemsHeading")
        self.heading.setStyleSheet(PROBLEM_STYLE)
        self.heading.setWordWrap(True)
        advice = QLabel(
            self.tr(
                "Correct the file as listed below and import it again, or copy the list "
                "and send it to whoever wrote the file."
            )
        )
        advice.setWordWrap(True)
        self.model: RecordTableModel[Problem] = RecordTableModel(
            [
                Column(
                    lambda: self.tr("File"),
                    lambda p: Path(p.file).name,
                    roles={Qt.ItemDataRole.ToolTipRole: lambda p: p.file},
                ),
                Column(lambda: self.tr("Sheet / place"), lambda p: p.sheet),
                Column(
                    lambda: self.tr("Row"),
                    lambda p: "" if p.row is None else str(p.row),
                    sort_key=lambda p: p.row or 0,
                    align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                ),
                Column(lambda: self.tr("Field"), lambda p: p.field),
                Column(
                    lambda: self.tr("Problem"),
                    lambda p: p.message,
                    roles={Qt.ItemDataRole.ToolTipRole: lambda p: p.message},
                ),
            ],
            self,
        )
        self.view = _table(self.model, stretch=4)
        self.view.setObjectName("problemsTable")
        self.view.setWordWrap(True)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.copy_button = QPushButton(self.tr("C&opy the list"))
        self.copy_button.clicked.connect(self.copy)
        self.back_button = QPushButton(self.tr("&Back to the templates"))
        self.back_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(advice)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def show_problems(self, path: Path, problems: Sequence[Problem]) -> None:
        self.heading.setText(
            fill(
                self.tr("%1 cannot be imported: %2 problems found. Nothing was installed."),
                path.name,
                len(problems),
            )
        )
        # Settings first (they concern the whole file), then by sheet and row.
        ordered = sorted(
            problems, key=lambda p: (p.file, p.sheet != "settings", p.sheet, p.row or 0)
        )
        self.model.set_records(ordered)
        self.view.resizeRowsToContents()
        self.back_button.setFocus()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText("\n".join(str(p) for p in self.model.records()))


class TemplatesPage(Page):
    """Installed templates; import (button, drag and drop) with preview or problems; export."""

    key = "templates"
    icon = QStyle.StandardPixmap.SP_FileDialogDetailedView

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setAcceptDrops(True)
        self._queue: list[Path] = []
        self._busy = False
        self.candidate: Candidate | None = None
        self._newest_of: dict[str, str] = {}
        self._newest: set[str] = set()

        self.banner = QLabel()
        self.banner.setObjectName("templatesBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.model: RecordTableModel[TemplateInfo] = RecordTableModel(
            [
                Column(
                    lambda: self.tr("Title"),
                    lambda i: i.title,
                    roles={
                        Qt.ItemDataRole.ForegroundRole: self._superseded_colour,
                        Qt.ItemDataRole.ToolTipRole: self._superseded_tip,
                    },
                ),
                Column(lambda: self.tr("Id"), lambda i: i.id),
                Column(
                    lambda: self.tr("Version"),
                    lambda i: i.version,
                    sort_key=lambda i: version_key(i.version),
                ),
                Column(lambda: self.tr("Issued by"), lambda i: i.issuer),
                Column(
                    lambda: self.tr("Items"),
                    lambda i: str(i.items),
                    sort_key=lambda i: i.items,
                    align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                ),
                Column(lambda: self.tr("Based on"), lambda i: i.plan_ref),
                Column(
                    lambda: self.tr("Installed"),
                    lambda i: installed_at_text(i.installed_at),
                    sort_key=lambda i: i.installed_at,
                ),
            ],
            self,
        )
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = _table(self.proxy)
        self.table.setObjectName("templatesTable")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        # activated alone: it comes with a double-click (or a single click, as the platform
        # has it) and with Enter; doubleClicked as well opened the template twice under X11.
        self.table.activated.connect(lambda _index: self.view_selected())
        self.dialog: TemplateDialog | None = None

        self.import_button = QPushButton(self.tr("&Import template…"))
        self.import_button.setObjectName("importTemplate")
        self.import_button.clicked.connect(self.choose_files)
        self.export_button = QPushButton(self.tr("&Export…"))
        self.export_button.setObjectName("exportTemplate")
        self.export_button.clicked.connect(self.export_selected)
        self.view_button = QPushButton(self.tr("&View items…"))
        self.view_button.setObjectName("viewTemplate")
        self.view_button.clicked.connect(self.view_selected)
        hint = QLabel(
            self.tr(
                "You can also drag .json or .xlsx template files from the bureau onto this page."
            )
        )
        hint.setStyleSheet("color: gray")
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.view_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(hint, 1)
        heading = _bold(QLabel(self.tr("Installed checklist templates")), 1.2)
        list_view = QWidget()
        list_layout = QVBoxLayout(list_view)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(heading)
        list_layout.addWidget(self.banner)
        list_layout.addWidget(self.table, 1)
        list_layout.addLayout(buttons)

        self.preview = ImportPreview()
        self.preview.install_button.clicked.connect(self.install_candidate)
        self.preview.cancel_button.clicked.connect(self._done_with_file)
        self.problems = ProblemsView()
        self.problems.back_button.clicked.connect(self._done_with_file)
        self.stack = QStackedWidget()
        self.list_view = list_view
        for view in (list_view, self.preview, self.problems):
            self.stack.addWidget(view)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self._update_buttons()

    def title(self) -> str:
        return self.tr("Templates")

    def _superseded_colour(self, info: TemplateInfo) -> Any:
        return QBrush(QColor("gray")) if info.key not in self._newest else None

    def _superseded_tip(self, info: TemplateInfo) -> str | None:
        newest = self._newest_of.get(info.id)
        if newest is None or newest == info.version:
            return None
        return fill(self.tr("A newer version (%1) is installed."), newest)

    def activate(self) -> None:
        self.refresh()

    def reset(self) -> None:
        self._queue.clear()
        self.candidate = None
        if not self._busy:
            self.stack.setCurrentWidget(self.list_view)

    # ------------------------------------------------------------ the list

    def refresh(self, select: str | None = None) -> None:
        current = self.selected()
        keep = select or (current.key if current is not None else None)
        infos = self.window_.workspace.templates.list()  # by id, newest version last
        self._newest_of = {i.id: i.version for i in infos}
        self._newest = {f"{k}@{v}" for k, v in self._newest_of.items()}
        self.model.set_records(infos)
        if keep is not None:
            for row in range(self.proxy.rowCount()):
                info = self.proxy.index(row, 0).data(RECORD_ROLE)
                if info.key == keep:
                    self.table.selectRow(row)
                    self.table.scrollTo(self.proxy.index(row, 0))
                    break
        self._update_buttons()

    def selected(self) -> TemplateInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(RECORD_ROLE) if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.export_button.setEnabled(chosen)
        self.view_button.setEnabled(chosen)
        why = "" if chosen else self.tr("Select a template in the list first.")
        self.export_button.setToolTip(why)
        self.view_button.setToolTip(
            why or self.tr("Read the checklist's items (double-click a row)")
        )

    def view_selected(self) -> TemplateDialog | None:
        """The selected template's items, read-only; and, when an earlier version is installed
        too, what this version changes."""
        info = self.selected()
        if info is None:
            return None
        templates = self.window_.workspace.templates
        template = templates.get(info.id, info.version)
        earlier = [
            i
            for i in templates.list()
            if i.id == info.id and version_key(i.version) < version_key(info.version)
        ]
        older = max(earlier, key=lambda i: version_key(i.version)) if earlier else None
        diff = (
            diff_templates(templates.get(older.id, older.version), template)
            if older is not None
            else None
        )
        dialog = TemplateDialog(
            template, self, older_version=older.version if older else "", diff=diff
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def say(self, text: str, problem: bool = False) -> None:
        self.banner.setText(text)
        self.banner.setStyleSheet(PROBLEM_STYLE if problem else "color: #1b5e20")
        self.banner.setVisible(bool(text))

    # ------------------------------------------------------------ importing

    def choose_files(self) -> None:
        paths = self.window_.prompts.open_files(
            self,
            self.tr("Import checklist templates"),
            self.tr("Template files (*.json *.xlsx)"),
        )
        self.import_files(paths)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if template_files(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if template_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = template_files(event.mimeData())
        if files:
            event.acceptProposedAction()
            self.import_files(files)

    def import_files(self, paths: Sequence[Path]) -> None:
        """Read each file in turn (off the GUI thread) and show its preview or its problems."""
        self._queue.extend(paths)
        self._next_file()

    @property
    def busy(self) -> bool:
        """A file is being read or waits for the person's decision."""
        return self._busy

    def _next_file(self) -> None:
        if self._busy or not self._queue:
            return
        path = self._queue.pop(0)
        self._busy = True
        self.import_button.setEnabled(False)
        self.say(self.tr("Reading %1 …").replace("%1", path.name))
        tasks.start(
            lambda _report: load_template(path),
            lambda result: self._loaded(path, *result),
            self._failed,
        )

    def _failed(self, exc: BaseException, details: str) -> None:
        self.say("")
        show_failure(self.window_, self.tr("The template was not imported"), exc, details)
        self._done_with_file()

    def _loaded(self, path: Path, template: Template | None, problems: list[Problem]) -> None:
        self.say("")
        if problems or template is None:
            self.problems.show_problems(path, problems or [Problem("无法读取模板", str(path))])
            self.stack.setCurrentWidget(self.problems)
            return
        ws = self.window_.workspace
        installed = [i for i in ws.templates.list() if i.id == template.id]
        same = next((i for i in installed if i.version == template.version), None)
        if same is not None:
            if same.sha256 == content_hash(template):
                self.say(
                    fill(
                        self.tr("%1: %2 version %3 is already installed with the same content."),
                        path.name,
                        f"《{template.title}》",
                        template.version,
                    )
                )
                self.refresh(select=template.key)
            else:
                # The store refuses it and says why (its message names both hashes).
                with reported(self.window_, self.tr("The template was not imported")):
                    ws.templates.install(template)
            self._done_with_file()
            return
        older = max(installed, key=lambda i: version_key(i.version)) if installed else None
        diff = (
            diff_templates(ws.templates.get(older.id, older.version), template)
            if older is not None
            else None
        )
        self.candidate = Candidate(path, template, older, diff)
        self.preview.show_candidate(self.candidate)
        self.stack.setCurrentWidget(self.preview)

    def install_candidate(self) -> None:
        candidate = self.candidate
        if candidate is None:
            return
        with reported(self.window_, self.tr("The template was not installed")) as outcome:
            self.window_.workspace.templates.install(candidate.template)
        if outcome.ok:
            self.window_.mark_saved()
            self.window_.changes.templates_imported.emit(candidate.template.key)
            self._done_with_file()
            self.refresh(select=candidate.template.key)
            template = candidate.template
            text = fill(
                self.tr("Installed %1 version %2 (%3 items)."),
                f"《{template.title}》",
                template.version,
                template.item_count(),
            )
            drafts = self.upgradable_drafts(template)
            if drafts:
                text += " " + fill(
                    self.tr(
                        "%1 drafts of an earlier version can be upgraded to it: open one to see "
                        "the changes and upgrade."
                    ),
                    drafts,
                )
            self.say(text)

    def upgradable_drafts(self, template: Template) -> int:
        """Drafts of ``template``'s checklist on an earlier version than it (any school)."""
        mine = version_key(template.version)
        return sum(
            1
            for o in self.window_.workspace.upgrades.offers()
            if o.is_draft and o.template_id == template.id and version_key(o.version) < mine
        )

    def _done_with_file(self) -> None:
        self.candidate = None
        self._busy = False
        self.import_button.setEnabled(True)
        self.stack.setCurrentWidget(self.list_view)
        self.refresh()
        self._next_file()

    # ------------------------------------------------------------ exporting

    def export_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        target = self.window_.prompts.save_file(
            self,
            self.tr("Export template"),
            f"{info.id}-{info.version}.xlsx",
            self.tr("Excel workbook (*.xlsx);;JSON file (*.json)"),
        )
        if target is None:
            return
        if target.suffix.lower() not in SUFFIXES:
            target = target.with_name(target.name + ".xlsx")
        template = self.window_.workspace.templates.get(info.id, info.version)
        self.export_button.setEnabled(False)

        def done(_result: object) -> None:
            self._update_buttons()
            self.say(
                fill(self.tr("Exported %1 version %2 to %3."), info.title, info.version, target)
            )

        def failed(exc: BaseException, details: str) -> None:
            self._update_buttons()
            if isinstance(exc, OSError):
                self.window_.prompts.warn(
                    self,
                    self.tr("The template was not exported"),
                    fill(self.tr("Cannot write %1: %2"), target, exc.strerror or exc),
                )
            else:
                show_failure(self.window_, self.tr("The template was not exported"), exc, details)

        tasks.start(lambda _report: write_template(template, target), done, failed)


def installed_at_text(when: dt.datetime) -> str:
    return when.astimezone().strftime("%Y-%m-%d %H:%M")
