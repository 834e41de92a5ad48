"""The bureau's School keys page (学校密钥): every signing key it has pinned, and recording
or replacing keys from a file.

The table lists each pin (``wjself.key_trust.pin_rows``): whose, which key id, how it was
recorded, when, and whether it is still current or was replaced.  "Record keys from file…"
takes a school's ``.pub`` or a key list (CSV/JSON) as ``wjself keys trust`` does
(``wjself.key_trust``): a ``.pub`` naming no school asks for its code; schools whose current
key is another one are named with both key ids and replaced only when the user agrees (a lost
key: new computer, no backup).  The bureau's own key id and 导出公钥… are at the top, for the
schools to pin it.  A receive pins first-seen schools, so the page refreshes after one.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
)

from wjself.core.errors import EnvironmentFault, InputError
from wjself.core.signing import ROLE_WORDS, key_id, owner_words
from wjself.district.queries import school_names
from wjself.key_export import export_public_key
from wjself.key_trust import (
    SOURCE_WORDS,
    Conflict,
    PinRow,
    conflicts,
    needs_code,
    pin_rows,
    read_requests,
)
from wjself.store.keys import PinOutcome, PinRequest
from wjself.ui.feedback import problem_lines, reported
from wjself.ui.i18n import fill
from wjself.ui.models import Column, RecordTableModel
from wjself.ui.page import Page
from wjself.ui.widgets import DONE_INK, ERROR, MUTED, ink, label, scaled_font, table_view

if TYPE_CHECKING:
    from wjself.ui.main_window import MainWindow

FOLDER_KEY = "district/keys_folder"


class KeysPage(Page):
    """学校密钥: the pinned keys, recording keys from a file, the bureau's own key."""

    key = "district-keys"
    icon = QStyle.StandardPixmap.SP_FileDialogInfoView

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        heading = QLabel(self.tr("School keys"))
        heading.setFont(scaled_font(heading, 1.2, bold=True))
        intro = label(
            self.tr(
                "Each school's bundles are signed with its key. A school's key is recorded "
                "with its first bundle, or here from its public key (.pub) or a key list "
                "(CSV/JSON). A school that lost its key (new computer, no backup) sends its new "
                "public key: compare the key id by phone, then record it here to replace the "
                "old one, which stays listed as replaced."
            ),
            muted=True,
            wrap=True,
        )
        self.record_button = QPushButton(self.tr("Record keys from file…"))
        self.record_button.setObjectName("recordKeys")
        self.record_button.clicked.connect(self.record_from_file)
        self.export_button = QPushButton(self.tr("Export public key…"))
        self.export_button.setObjectName("exportBureauKey")
        self.export_button.clicked.connect(self.export_key)
        self.own_key = label(name="bureauOwnKey", muted=True)
        self.own_key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addStretch(1)
        buttons.addWidget(self.own_key)
        buttons.addWidget(self.export_button)

        self.result = label(name="keysResult", wrap=True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.hide()
        self.filter = QLineEdit()
        self.filter.setObjectName("keysFilter")
        self.filter.setPlaceholderText(self.tr("Filter by school code or name"))
        self.filter.setClearButtonEnabled(True)
        self.model: RecordTableModel[PinRow] = RecordTableModel(self._columns(), self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = table_view(self.proxy, stretch=3)
        self.table.setObjectName("keysTable")
        self.table.setWordWrap(False)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        window.changes.bundles_received.connect(self.refresh)
        window.changes.data_replaced.connect(self.refresh)
        self.refresh()

    def title(self) -> str:
        return self.tr("School keys")

    def activate(self) -> None:
        self.refresh()

    def _columns(self) -> list[Column[PinRow]]:
        def status(r: PinRow) -> str:
            return self.tr("Current") if r.key.current else SOURCE_WORDS["replaced"]

        def how(r: PinRow) -> str:
            if r.key.current:
                return SOURCE_WORDS.get(r.key.source, r.key.source)
            return ""  # a replaced pin no longer says how it came (its note does)

        return [
            Column(
                lambda: self.tr("Status"),
                status,
                roles={
                    Qt.ItemDataRole.ForegroundRole: lambda r: QColor(
                        DONE_INK if r.key.current else MUTED
                    )
                },
            ),
            Column(lambda: self.tr("Role"), lambda r: ROLE_WORDS.get(r.key.role, r.key.role)),
            Column(lambda: self.tr("School code"), lambda r: r.key.school_code),
            Column(lambda: self.tr("School"), lambda r: r.name),
            Column(lambda: self.tr("Key id"), lambda r: r.key.key_id),
            Column(lambda: self.tr("Recorded from"), how),
            Column(
                lambda: self.tr("Recorded on"),
                lambda r: r.key.pinned_at.date().isoformat(),
                roles={Qt.ItemDataRole.ToolTipRole: lambda r: r.key.note},
            ),
        ]

    def refresh(self) -> None:
        workspace = self.window_.district.workspace
        self.model.set_records(pin_rows(workspace, school_names(self.window_.district)))
        try:
            own = workspace.signing_key.key_id
        except EnvironmentFault:  # damaged: exporting says why; the list still works
            self.own_key.setText(self.tr("No usable signing key"))
            return
        self.own_key.setText(
            fill(self.tr("This bureau's key: %1 (schools compare it by phone)"), own)
        )

    # ------------------------------------------------------------ recording

    def _say(self, text: str, *, problem: bool = False) -> None:
        self.result.setText(text)
        self.result.setStyleSheet(ink(ERROR) if problem else "")
        self.result.show()

    def record_from_file(self) -> list[PinOutcome] | None:
        """Choose a .pub or key list and record its keys (asking before replacing any);
        the outcomes, or None when nothing was recorded."""
        folder = str(self.window_.preferences.value(FOLDER_KEY, "") or "")
        path = self.window_.prompts.open_file(
            self,
            self.tr("Record keys from file"),
            self.tr("Public keys and key lists (*.pub *.csv *.json);;All files (*)"),
            folder,
        )
        if path is None:
            return None
        self.window_.preferences.set_value(FOLDER_KEY, str(path.parent))
        try:
            read = self._read(path)
            if read is None:
                return None
            requests, source = read
            replace = False
            found = conflicts(self.window_.district.workspace, requests)
            if found:
                if not self._confirm_replace(found):
                    self._say(self.tr("Nothing was recorded: the keys on record stay as they are."))
                    return None
                replace = True
            outcomes = self.window_.district.workspace.keys.pin_many(
                requests, source, replace=replace
            )
        except (InputError, EnvironmentFault) as exc:  # a bad file, or the disk: nothing kept
            why = problem_lines(exc) if isinstance(exc, InputError) else str(exc)
            self._say(fill(self.tr("Nothing was recorded: %1"), why), problem=True)
            return None
        self._say(self._outcome_text(outcomes))
        self.refresh()
        return outcomes

    def _read(self, path: Path) -> tuple[list[PinRequest], str] | None:
        """The file's pin requests; a ``.pub`` naming no school asks for the code (None when
        the user gives none)."""
        try:
            return read_requests(path)
        except InputError as exc:
            if not needs_code(exc):
                raise
        code = self.window_.prompts.ask_text(
            self,
            self.tr("School code"),
            fill(
                self.tr(
                    "%1 names no school. Enter the code of the school it belongs to (or use a "
                    "key list with a school code column):"
                ),
                path.name,
            ),
        )
        if code is None or not code.strip():
            self._say(self.tr("Nothing was recorded: no school code was given."))
            return None
        return read_requests(path, code=code.strip())

    def _confirm_replace(self, found: list[Conflict]) -> bool:
        names = school_names(self.window_.district)
        lines = [
            fill(
                self.tr("%1: on record %2, in the file %3"),
                " ".join(
                    p for p in (conflict.owner(), names.get(conflict.request.school_code)) if p
                ),
                "、".join(k.key_id for k in conflict.current),
                key_id(conflict.request.public_key),
            )
            for conflict in found
        ]
        text = fill(
            self.tr(
                "These schools already have another key on record:\n%1\n\nReplace them? After "
                "replacing, the school's earlier key stays on record as replaced, and new "
                "bundles signed with the old key are refused. Replace only after comparing the "
                "new key id with the school by phone."
            ),
            "\n".join(lines),
        )
        return self.window_.prompts.confirm(
            self, self.tr("Replace school keys"), text, destructive=True
        )

    def _outcome_text(self, outcomes: list[PinOutcome]) -> str:
        lines = []
        for o in outcomes:
            owner, kid = owner_words(o.key.role, o.key.school_code), o.key.key_id
            if o.change == "same":
                lines.append(fill(self.tr("%1: key %2 was already on record"), owner, kid))
            elif o.change == "replaced":
                old = "、".join(e.key_id for e in o.earlier)
                lines.append(fill(self.tr("%1: key %2 replaces %3"), owner, kid, old))
            else:
                lines.append(fill(self.tr("%1: key %2 recorded"), owner, kid))
        return "\n".join(lines)

    # ------------------------------------------------------------ the bureau's own key

    def export_key(self) -> Path | None:
        """Write the bureau's public key (.pub) for the schools; where it was written."""
        workspace = self.window_.district.workspace
        with reported(self.window_, self.tr("The public key was not exported")) as outcome:
            key = workspace.signing_key
        if not outcome.ok:
            return None
        target = self.window_.prompts.save_file(
            self,
            self.tr("Export public key"),
            f"bureau-{key.key_id}.pub",
            self.tr("Public key (*.pub)"),
        )
        if target is None:
            return None
        if target.suffix.lower() != ".pub":
            target = target.with_name(target.name + ".pub")
        with reported(self.window_, self.tr("The public key was not exported")) as outcome:
            export_public_key(workspace, target, "bureau")
        if not outcome.ok:
            return None
        self._say(
            fill(
                self.tr("Written to %1. Read the key id %2 to the schools by phone."),
                target,
                key.key_id,
            )
        )
        return target
