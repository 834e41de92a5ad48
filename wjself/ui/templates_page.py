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
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMimeData, QSortFilterProxyModel, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from wjself.core.codec import content_hash
from wjself.core.diff import diff_templates
from wjself.core.errors import Problem
from wjself.core.signing import SignatureCheck
from wjself.core.template import Template, TemplateInfo, version_key
from wjself.formats.templates import SUFFIXES, write_template
from wjself.template_trust import (
    BUREAU,
    BUREAU_CODE,
    install_signed,
    load_signed_template,
    signature_refusal,
)
from wjself.ui import tasks
from wjself.ui.blank_print import BlankPrinter
from wjself.ui.feedback import reported, show_failure
from wjself.ui.i18n import fill
from wjself.ui.models import RECORD_ROLE, SORT_ROLE, Column, RecordTableModel
from wjself.ui.page import Page
from wjself.ui.template_import import Candidate, ImportPreview, ProblemsView, bold
from wjself.ui.template_view import TemplateDialog
from wjself.ui.widgets import DONE_INK, MUTED, PROBLEM_INK, ink, table_view

if TYPE_CHECKING:
    from wjself.ui.main_window import MainWindow


def template_files(mime: QMimeData) -> list[Path]:
    """The local .json/.xlsx files among dragged URLs."""
    if not mime.hasUrls():
        return []
    paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
    return [p for p in paths if p.suffix.lower() in SUFFIXES]


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
        self.model: RecordTableModel[TemplateInfo] = RecordTableModel(self._columns(), self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = table_view(self.proxy, stretch=5, alternate=True)
        self.table.setObjectName("templatesTable")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
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
        self.blank_printer = BlankPrinter(self)
        self.view_button = QPushButton(self.tr("&View items…"))
        self.view_button.setObjectName("viewTemplate")
        self.view_button.clicked.connect(self.view_selected)
        hint = QLabel(
            self.tr(
                "You can also drag .json or .xlsx template files from the bureau onto this page."
            )
        )
        hint.setStyleSheet(ink(MUTED))
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.view_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.blank_printer.button)
        buttons.addWidget(hint, 1)
        heading = bold(QLabel(self.tr("Installed checklist templates")), 1.2)
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

    def _columns(self) -> list[Column[TemplateInfo]]:
        return [
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
        ]

    def _superseded_colour(self, info: TemplateInfo) -> Any:
        return QBrush(QColor(MUTED)) if info.key not in self._newest else None

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
        self.blank_printer.enable(why)
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
        self.banner.setStyleSheet(ink(PROBLEM_INK if problem else DONE_INK))
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
        self.say(fill(self.tr("Reading %1 …"), path.name))
        tasks.start(
            lambda _report: load_signed_template(path),
            lambda result: self._loaded(path, *result),
            self._failed,
        )

    def _failed(self, exc: BaseException, details: str) -> None:
        self.say("")
        show_failure(self.window_, self.tr("The template was not imported"), exc, details)
        self._done_with_file()

    def _loaded(
        self,
        path: Path,
        template: Template | None,
        problems: list[Problem],
        check: SignatureCheck | None = None,
    ) -> None:
        self.say("")
        check = check or SignatureCheck("absent")
        refused = signature_refusal(path, check)
        if refused is not None:
            problems = [*problems, refused]
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
        accept_key = self._accept_other_key(check)
        if accept_key is None:
            self._done_with_file()
            return
        older = max(installed, key=lambda i: version_key(i.version)) if installed else None
        diff = (
            diff_templates(ws.templates.get(older.id, older.version), template)
            if older is not None
            else None
        )
        trust = ws.keys.judge(BUREAU, BUREAU_CODE, check) if check.valid else None
        self.candidate = Candidate(
            path, template, older, diff, check, trust.status if trust else "", accept_key
        )
        self.preview.show_candidate(self.candidate)
        self.stack.setCurrentWidget(self.preview)

    def install_candidate(self) -> None:
        candidate = self.candidate
        if candidate is None:
            return
        with reported(self.window_, self.tr("The template was not installed")) as outcome:
            done = install_signed(
                self.window_.workspace,
                candidate.path,
                candidate.template,
                candidate.signature,
                accept_key=candidate.accept_key,
            )
            said = " ".join([*done.lines, *done.warnings])
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
            self.say(f"{text} {said}".strip())

    def _accept_other_key(self, check: SignatureCheck) -> bool | None:
        """False when the signature needs no decision; for a bureau key other than the pinned
        one, whether the person accepts it after a phone check (None: they do not)."""
        if not check.valid:
            return False
        trust = self.window_.workspace.keys.judge(BUREAU, BUREAU_CODE, check)
        if trust.status != "other-key":
            return False
        known = "、".join(k.key_id for k in trust.pinned)
        accepted = self.window_.prompts.confirm(
            self,
            self.tr("Another bureau key"),
            fill(
                self.tr(
                    "This checklist is signed with the key %1, but the bureau key recorded here "
                    "is %2. Call the bureau and compare the key id. Accept the new key and "
                    "import the checklist only if the bureau confirms it changed its key."
                ),
                check.key_id,
                known,
            ),
            destructive=True,
        )
        if not accepted:
            self.say(
                fill(self.tr("Not imported: signed with another key (%1)."), check.key_id),
                problem=True,
            )
            return None
        return True

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
