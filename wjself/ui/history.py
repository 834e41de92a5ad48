"""History of an assessment: what template upgrades took out of use (``ws.answers.history``):
set-aside answers and the answers of removed items, with note, evidence and rectifications —
for one item (with its change log) or for the whole assessment (with the upgrade records)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wjself.core.assessment import AuditEntry, Evidence, HistoryEntry, HistoryReason
from wjself.core.audit import VERSION_MOVES, AuditAction
from wjself.core.text import clip, head
from wjself.ui.i18n import fill
from wjself.ui.icons import icon
from wjself.ui.widgets import MUTED, label, scaled_font, tree_widget

if TYPE_CHECKING:
    from wjself.ui.main_window import MainWindow

EVIDENCE_ROLE = Qt.ItemDataRole.UserRole + 30


class HistoryDialog(QDialog):
    """What template upgrades took out of use — of one item (with its change log), or of the
    whole assessment (with the upgrade records)."""

    evidence_open = Signal(object)  # Evidence, double-clicked

    def __init__(
        self,
        window: MainWindow,
        assessment_id: int,
        code: str | None = None,
        item_text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        ws = window.workspace
        self.code = code
        self.entries: list[HistoryEntry] = ws.answers.history(assessment_id, code)
        audit = ws.assessments.history(assessment_id)
        self.upgrades = [e for e in audit if e.action in VERSION_MOVES]
        self.changes = [e for e in audit if code is not None and e.code == code]
        self.setWindowTitle(
            fill(self.tr("History of %1"), code) if code else self.tr("Checklist upgrades")
        )
        self.setMinimumSize(720, 420)

        heading = QLabel(
            fill(self.tr("%1 %2"), code, clip(item_text, 60))
            if code
            else self.tr("Checklist upgrades of this self-assessment")
        )
        heading.setFont(scaled_font(heading, 1.15, bold=True))
        heading.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)

        if code is None:
            lines = [
                f"{e.at.astimezone():%Y-%m-%d %H:%M} · {e.who} · {e.old} → {e.new}"
                for e in self.upgrades
            ]
            records = label(
                "\n".join(lines) or self.tr("No checklist upgrade has been made."),
                wrap=True,
                name="upgradeRecords",
            )
            records.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(records)

        layout.addWidget(
            label(
                self.tr(
                    "Answers taken out of use by checklist upgrades (double-click a file to open it)"
                ),
                name="historyHeading",
            )
        )
        self.tree = self._entries_tree()
        for entry in self.entries:
            self._entry_row(entry)
        self.tree.expandAll()
        self.tree.itemDoubleClicked.connect(self._open)
        if not self.entries:
            self.tree.hide()
            layout.addWidget(label(self.tr("Nothing was taken out of use."), muted=True))
        layout.addWidget(self.tree, 2)

        if code is not None:
            layout.addWidget(label(self.tr("Changes to this item"), name="changesHeading"))
            self.change_tree = self._changes_tree()
            for change in reversed(self.changes):  # newest first
                self._change_row(change)
            layout.addWidget(self.change_tree, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(940, 560 if code is None else 620)

    def _entries_tree(self) -> QTreeWidget:
        tree = tree_widget(
            [
                self.tr("When"),
                self.tr("Versions"),
                self.tr("Code"),
                self.tr("Item (as it was)"),
                self.tr("Answer"),
                self.tr("What happened"),
            ],
            "historyTree",
        )
        tree.setUniformRowHeights(False)
        tree.header().setStretchLastSection(True)
        for column, width in enumerate((120, 110, 80, 220, 140)):
            tree.header().resizeSection(column, width)
        return tree

    def _changes_tree(self) -> QTreeWidget:
        tree = tree_widget(
            [
                self.tr("When"),
                self.tr("Who"),
                self.tr("What"),
                self.tr("Before"),
                self.tr("After"),
            ],
            "changesTree",
        )
        tree.setRootIsDecorated(False)
        tree.header().setStretchLastSection(True)
        for column, width in enumerate((120, 90, 120, 180)):
            tree.header().resizeSection(column, width)
        return tree

    def _reason(self, entry: HistoryEntry) -> str:
        if entry.reason == HistoryReason.REMOVED_ITEM:
            return self.tr("item removed")
        return self.tr("set aside")

    def _entry_row(self, entry: HistoryEntry) -> None:
        when = f"{entry.at.astimezone():%Y-%m-%d %H:%M}"
        row = QTreeWidgetItem(
            [
                when,
                f"{entry.from_version} → {entry.to_version}",
                entry.code,
                head(entry.item_text, 60),
                entry.shown or self.tr("(no answer)"),
                entry.message or self._reason(entry),
            ]
        )
        row.setToolTip(3, entry.item_text)
        row.setToolTip(5, entry.message)
        row.setForeground(5, QBrush(QColor(MUTED)))
        self.tree.addTopLevelItem(row)
        if entry.note:
            note = QTreeWidgetItem(["", "", "", self.tr("Note"), entry.note])
            note.setToolTip(4, entry.note)
            row.addChild(note)
        for evidence in entry.evidence:
            child = QTreeWidgetItem(["", "", "", self.tr("Evidence"), evidence.name])
            child.setIcon(4, icon("attach"))
            child.setData(4, EVIDENCE_ROLE, evidence)
            child.setToolTip(4, self.tr("Double-click to open"))
            row.addChild(child)
        if entry.rectification_ids:
            row.addChild(
                QTreeWidgetItem(
                    [
                        "",
                        "",
                        "",
                        self.tr("Rectifications"),
                        fill(
                            self.tr("%1, still in the rectification list"),
                            len(entry.rectification_ids),
                        ),
                    ]
                )
            )

    def _change_row(self, change: AuditEntry) -> None:
        self.change_tree.addTopLevelItem(
            QTreeWidgetItem(
                [
                    f"{change.at.astimezone():%Y-%m-%d %H:%M}",
                    change.who,
                    self.action_text(change.action),
                    change.old,
                    change.new,
                ]
            )
        )

    def action_text(self, action: str) -> str:
        names: dict[str, Any] = {
            AuditAction.ANSWER_SET: self.tr("answered"),
            AuditAction.ANSWER_CLEAR: self.tr("answer cleared"),
            AuditAction.ANSWER_NOTE: self.tr("note"),
            AuditAction.ANSWER_IMPORT: self.tr("imported"),
            AuditAction.ANSWER_CONFIRM: self.tr("confirmed after an update"),
            AuditAction.ANSWER_NEEDS_RECONFIRM: self.tr("update: to re-confirm"),
            AuditAction.ANSWER_SET_ASIDE: self.tr("update: set aside"),
            AuditAction.ANSWER_ITEM_REMOVED: self.tr("update: item removed"),
            AuditAction.EVIDENCE_ADD: self.tr("evidence added"),
            AuditAction.EVIDENCE_REMOVE: self.tr("evidence removed"),
            AuditAction.RECTIFICATION_UPDATE: self.tr("rectification"),
            AuditAction.RECTIFICATION_DELETE: self.tr("rectification deleted"),
        }
        return str(names.get(action, action))

    def listed(self) -> list[tuple[str, str, str]]:
        """(code, answer as shown, reason) of every entry listed."""
        out = []
        for n in range(self.tree.topLevelItemCount()):
            row = self.tree.topLevelItem(n)
            if row is not None:
                out.append((row.text(2), row.text(4), row.text(5)))
        return out

    def _open(self, row: QTreeWidgetItem, column: int) -> None:
        evidence = row.data(4, EVIDENCE_ROLE)
        if isinstance(evidence, Evidence):
            self.evidence_open.emit(evidence)
