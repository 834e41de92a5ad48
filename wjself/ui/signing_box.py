"""The settings page's signing key box: this installation's key id (read out over the phone
to the bureau) and exporting the public key to a ``.pub`` file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from wjself.core.errors import EnvironmentFault
from wjself.key_export import export_public_key
from wjself.ui.feedback import reported
from wjself.ui.i18n import fill
from wjself.ui.widgets import DONE_INK, MUTED, ink, scaled_font

if TYPE_CHECKING:
    from wjself.ui.main_window import MainWindow


class SigningBox(QGroupBox):
    """The key id, when it was made, and 导出公钥…; bundles exported here are signed with it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(self.tr("Signing key"))
        self.window_ = window
        self.key_label = QLabel()
        self.key_label.setObjectName("signingKeyId")
        self.key_label.setFont(scaled_font(self.key_label, 1.1, bold=True))
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.created_label = QLabel()
        self.created_label.setStyleSheet(ink(MUTED))
        note = QLabel(
            self.tr(
                "Bundles exported from this computer are signed with this key. Give the bureau "
                "the public key and read the key id to them by phone, so they can tell your "
                "bundles from anyone else's. The key is kept in the data folder and in backups."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet(ink(MUTED))
        self.export_button = QPushButton(self.tr("E&xport public key…"))
        self.export_button.setObjectName("exportPublicKey")
        self.export_button.clicked.connect(self.export_key)
        self.done_label = QLabel()
        self.done_label.setWordWrap(True)
        self.done_label.setStyleSheet(ink(DONE_INK))
        self.done_label.hide()
        line = QHBoxLayout()
        line.addWidget(self.key_label, 1)
        line.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(line)
        layout.addWidget(self.created_label)
        layout.addWidget(note)
        layout.addWidget(self.done_label)
        self.refresh()

    def refresh(self) -> None:
        try:
            key = self.window_.workspace.signing_key
        except EnvironmentFault as exc:  # damaged or unreadable: say so, the rest still works
            self.key_label.setText(self.tr("No usable signing key"))
            self.created_label.setText(str(exc))
            self.created_label.setWordWrap(True)
            self.export_button.setEnabled(False)
            return
        self.export_button.setEnabled(True)
        self.key_label.setText(fill(self.tr("Key id: %1"), key.key_id))
        created = key.created.strftime("%Y-%m-%d") if key.created else "—"
        self.created_label.setText(fill(self.tr("Made on %1"), created))

    def export_key(self) -> Path | None:
        """Ask where, then write the .pub file; returns where it was written."""
        with reported(self.window_, self.tr("The public key was not exported")) as outcome:
            key = self.window_.workspace.signing_key
        if not outcome.ok:
            return None
        schools = self.window_.workspace.schools.list()
        stem = schools[0].name if len(schools) == 1 else "wjself"
        target = self.window_.prompts.save_file(
            self,
            self.tr("Export public key"),
            f"{stem}-{key.key_id}.pub",
            self.tr("Public key (*.pub)"),
        )
        if target is None:
            return None
        if target.suffix.lower() != ".pub":
            target = target.with_name(target.name + ".pub")
        with reported(self.window_, self.tr("The public key was not exported")) as outcome:
            export_public_key(self.window_.workspace, target)
        if not outcome.ok:
            return None
        self.done_label.setText(
            fill(
                self.tr("Written to %1. Read the key id %2 to the bureau by phone."),
                target,
                key.key_id,
            )
        )
        self.done_label.show()
        return target
