"""查看变化并升级: moving a draft to a newer checklist version, and its history.

``UpgradeDialog`` shows the plan the store makes for THIS draft (``ws.upgrades.plan``): the
counts (沿用 / 需重新确认 / 暂存 / 移入历史 / 新增待填) and, per group, every item with its code,
text, old answer, what it becomes and why.  升级 applies exactly that plan — the previewed
``basis`` goes with it, so a draft changed since the preview is refused (the dialog says so and
offers to preview again) — off the GUI thread; the store takes a backup first.  For a
finalized assessment, which is never upgraded, the same dialog previews and starts a new draft
of the newer version prefilled from it (``prefill_plan`` / ``new_prefilled``).

The assessment's history (``HistoryDialog``) is in ``ui/history.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QCloseEvent, QColor, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from wjself.core.errors import EnvironmentFault, InputError
from wjself.core.template import Template
from wjself.core.text import clip, head, percent_text
from wjself.core.upgrade import (
    AnswerOutcome,
    AppliedPlan,
    UpgradeOffer,
    UpgradePlan,
    format_plan,
)
from wjself.core.values import display
from wjself.ui import tasks
from wjself.ui.feedback import show_failure
from wjself.ui.i18n import fill
from wjself.ui.icons import icon
from wjself.ui.labels import band_label
from wjself.ui.widgets import (
    ACCENT,
    NEUTRAL,
    PRIMARY_BUTTON,
    SUCCESS,
    UPGRADE_INK,
    error_label,
    label,
    scaled_font,
    show_error,
    tree_widget,
)

if TYPE_CHECKING:
    from wjself.ui.main_window import MainWindow

# The plan's groups, in the order shown; "added" holds the new items nobody has answered.
GROUPS = ("reconfirm", "set_aside", "removed", "added", "carried")
GROUP_COLORS = {
    "carried": SUCCESS,
    "reconfirm": UPGRADE_INK,
    "set_aside": UPGRADE_INK,
    "removed": NEUTRAL,
    "added": ACCENT,
}
CODE, TEXT, BEFORE, AFTER, WHY = range(5)


def _chip(text: str, color: str) -> QLabel:
    chip = QLabel(text)
    chip.setStyleSheet(
        f"color: {color}; border: 1px solid {color}; border-radius: 10px; padding: 2px 10px;"
        " background: white;"
    )
    return chip


class UpgradeDialog(QDialog):
    """The plan for one draft (or for a new draft prefilled from a finalized assessment), and
    carrying it out."""

    applied = Signal(object)  # AppliedPlan, once the store has done it
    previewed = Signal()  # the plan is shown (tests wait for it)

    def __init__(
        self,
        window: MainWindow,
        offer: UpgradeOffer,
        *,
        school_id: int,
        period: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self.offer = offer
        self._school_id = school_id
        self.prefill = not offer.is_draft
        self.plan: UpgradePlan | None = None
        self.outcome: AppliedPlan | None = None  # what the store did
        self._template: Template | None = None
        self.working = False
        self._applying = False
        self.setWindowTitle(
            self.tr("New draft from the newer version")
            if self.prefill
            else self.tr("Changes in the new version")
        )
        self.setMinimumSize(760, 520)

        self.heading = QLabel()
        self.heading.setObjectName("upgradeHeading")
        self.heading.setWordWrap(True)
        self.heading.setFont(scaled_font(self.heading, 1.2, bold=True))
        self.status = label(muted=True, wrap=True, name="upgradeStatus")
        self.chips = QHBoxLayout()
        self.chips.setSpacing(6)
        self.summary = label(wrap=True, name="upgradeSummary")
        self.score = label(muted=True, wrap=True, name="upgradeScore")
        self.tree = tree_widget(
            [
                self.tr("Code"),
                self.tr("Item"),
                self.tr("Answer before"),
                self.tr("Afterwards"),
                self.tr("Why"),
            ],
            "planTree",
        )
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.resizeSection(CODE, 130)
        header.resizeSection(TEXT, 260)
        header.resizeSection(BEFORE, 130)
        header.resizeSection(AFTER, 130)
        self.groups: dict[str, QTreeWidgetItem] = {}
        self.note = label(muted=True, wrap=True, name="upgradeNote")
        self._build_period_row(period)
        self.error = error_label("upgradeError")
        self.again_button = QPushButton(icon("revised"), self.tr("Preview again"))
        self.again_button.setObjectName("previewAgain")
        self.again_button.clicked.connect(self.preview)
        self.again_button.hide()

        self._build_buttons()

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.status)
        layout.addLayout(self.chips)
        layout.addWidget(self.summary)
        layout.addWidget(self.score)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.period_row)
        layout.addWidget(self.note)
        error_row = QHBoxLayout()
        error_row.addWidget(self.error, 1)
        error_row.addWidget(self.again_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(error_row)
        layout.addWidget(self.buttons)
        self.resize(920, 640)
        self.preview()

    def _build_period_row(self, period: str) -> None:
        # The new draft's period: the finalized one's by default (a newer version leaves room
        # for it), or the next year's when last year's assessment is the starting point.
        self.period_edit = QLineEdit(period)
        self.period_edit.setObjectName("newPeriod")
        self.period_edit.setMaximumWidth(160)
        self.period_row = QWidget()
        period_layout = QHBoxLayout(self.period_row)
        period_layout.setContentsMargins(0, 0, 0, 0)
        period_layout.addWidget(QLabel(self.tr("Period of the new draft:")))
        period_layout.addWidget(self.period_edit)
        period_layout.addWidget(
            label(self.tr("e.g. 2024, or 2025 to start next year's from it"), muted=True)
        )
        period_layout.addStretch(1)
        self.period_row.setVisible(self.prefill)

    def _build_buttons(self) -> None:
        self.buttons = QDialogButtonBox()
        self.apply_button = self.buttons.addButton(
            self.tr("Start the draft") if self.prefill else self.tr("Upgrade"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.apply_button.setObjectName("applyUpgrade")
        self.apply_button.setIcon(icon("new" if self.prefill else "upgrade", "white"))
        self.apply_button.setStyleSheet(PRIMARY_BUTTON)
        self.copy_button = self.buttons.addButton(
            self.tr("Copy as text"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.setObjectName("copyPlan")
        self.copy_button.setToolTip(self.tr("Copy the full report, to paste into a message"))
        self.copy_button.clicked.connect(self.copy_report)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)

    # ------------------------------------------------------------ preview

    def preview(self) -> None:
        """Ask the store for the plan (off the GUI thread) and show it."""
        if self.working:
            return
        self.working = True
        self.plan = None
        self.apply_button.setEnabled(False)
        self.copy_button.setEnabled(False)
        self.again_button.hide()
        show_error(self.error, "")
        self.status.setText(self.tr("Working out what changes …"))
        ws = self._window.workspace
        offer = self.offer

        def work(_report: object) -> tuple[UpgradePlan, Template]:
            if self.prefill:
                plan = ws.upgrades.prefill_plan(
                    offer.assessment_id, offer.template_id, offer.newest
                )
            else:
                plan = ws.upgrades.plan(offer.assessment_id, offer.newest)
            return plan, ws.templates.get(offer.template_id, offer.newest)

        tasks.start(work, self._previewed, self._failed)

    def _previewed(self, result: tuple[UpgradePlan, Template]) -> None:
        if not isValid(self):  # closed while the preview was being made
            return
        self.working = False
        self.plan, self._template = result
        self._show_plan(self.plan)
        self.apply_button.setEnabled(True)
        self.copy_button.setEnabled(True)
        self.apply_button.setFocus()
        self.previewed.emit()

    def _show_plan(self, plan: UpgradePlan) -> None:
        c = plan.counts
        self.heading.setText(
            fill(self.tr("《%1》 %2 → %3"), plan.title, plan.from_version, plan.to_version)
        )
        if self.prefill:
            self.status.setText(
                fill(
                    self.tr(
                        "A finalized self-assessment is never changed. A new draft of version %1 "
                        "starts with its answers, where they fit:"
                    ),
                    plan.to_version,
                )
            )
        else:
            self.status.setText(
                fill(
                    self.tr("What moving this draft to version %1 does to its %2 answers:"),
                    plan.to_version,
                    c.answered,
                )
            )
        while self.chips.count():
            taken = self.chips.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.deleteLater()
        sizes = self.sizes(plan)
        for group in ("carried", "reconfirm", "set_aside", "removed", "added"):
            chip = _chip(f"{self.group_name(group)} {sizes[group]}", GROUP_COLORS[group])
            chip.setObjectName(f"chip_{group}")
            self.chips.addWidget(chip)
        self.chips.addStretch(1)
        self.summary.setText(self._summary(plan))
        if plan.scored:
            self.score.setText(
                fill(
                    self.tr("Score %1 → %2 (set-aside and new unanswered items do not count)"),
                    _percent(plan.score_before, plan.band_before),
                    _percent(plan.score_after, plan.band_after),
                )
            )
        self.score.setVisible(plan.scored)
        self._filltree_widget(plan)
        if self.prefill:
            self.note.setText(
                self.tr(
                    "Rectifications and history stay with the finalized self-assessment; the new "
                    "draft opens when it has been created."
                )
            )
        else:
            self.note.setText(
                self.tr(
                    "A backup of the database is taken first. Nothing is deleted: set-aside answers "
                    "and the answers, notes, evidence and rectifications of removed items stay in "
                    "the history (查看升级记录)."
                )
            )

    def _summary(self, plan: UpgradePlan) -> str:
        if not (plan.reconfirm or plan.set_aside or plan.removed):
            return self.tr("Every answer carries over as it is.")
        parts = []
        if plan.reconfirm:
            parts.append(
                self.tr("Revised items keep their answer, marked for you to check and confirm.")
            )
        if plan.set_aside:
            parts.append(
                self.tr(
                    "Answers that no longer fit are set aside: shown beside the item, not counted."
                )
            )
        if plan.removed:
            parts.append(self.tr("Answers of removed items go to the history."))
        return " ".join(parts)

    @staticmethod
    def sizes(plan: UpgradePlan) -> dict[str, int]:
        """The number of items in each group of the plan, as shown."""
        return {
            "carried": len(plan.carried),
            "reconfirm": len(plan.reconfirm),
            "set_aside": len(plan.set_aside),
            "removed": len(plan.removed),
            "added": len(plan.added_unanswered),
        }

    def group_name(self, group: str) -> str:
        if self.prefill:
            names = {
                "carried": self.tr("Prefilled"),
                "reconfirm": self.tr("Prefilled, to re-confirm"),
                "set_aside": self.tr("Not prefilled (no longer fits)"),
                "removed": self.tr("Not prefilled (item removed)"),
                "added": self.tr("New, to fill in"),
            }
        else:
            names = {
                "carried": self.tr("Carried over"),
                "reconfirm": self.tr("To re-confirm"),
                "set_aside": self.tr("Set aside"),
                "removed": self.tr("Moved to history"),
                "added": self.tr("New, to fill in"),
            }
        return names[group]

    def _group_hint(self, group: str) -> str:
        if self.prefill:
            hints = {
                "reconfirm": self.tr("the item was revised: check the answer"),
                "set_aside": self.tr("shown beside the item for reference; answer again"),
                "removed": self.tr("not in the new version"),
            }
        else:
            hints = {
                "reconfirm": self.tr("the answer stays; check the revised item and confirm"),
                "set_aside": self.tr("kept in the history and shown beside the item, not counted"),
                "removed": self.tr("the item is not in the new version"),
            }
        return hints.get(group, "")

    def _filltree_widget(self, plan: UpgradePlan) -> None:
        self.tree.clear()
        self.groups = {}
        outcomes: dict[str, tuple[AnswerOutcome, ...]] = {
            "carried": plan.carried,
            "reconfirm": plan.reconfirm,
            "set_aside": plan.set_aside,
            "removed": plan.removed,
        }
        for group in GROUPS:
            count = self.sizes(plan)[group]
            title = fill(self.tr("%1 — %2 items"), self.group_name(group), count)
            hint = self._group_hint(group)
            if hint and count:
                title += f"（{hint}）"
            top = QTreeWidgetItem([title])
            font = QFont(self.tree.font())
            font.setBold(True)
            top.setFont(0, font)
            top.setForeground(0, QBrush(QColor(GROUP_COLORS[group])))
            top.setData(0, Qt.ItemDataRole.UserRole, group)
            self.tree.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)  # only takes once the item is in the tree
            self.groups[group] = top
            if group == "added":
                for d in plan.added_unanswered:
                    self._row(
                        top,
                        d.code,
                        d.text,
                        "",
                        self.tr("to fill in"),
                        fill(self.tr("in “%1”"), clip(d.section_title, 24)),
                    )
            else:
                for o in outcomes[group]:
                    self._outcome_row(top, group, o)
            # Everything that needs a look is open; a long list of plain carry-overs is not.
            top.setExpanded(count > 0 and (group != "carried" or count <= 12))

    def _outcome_row(self, top: QTreeWidgetItem, group: str, o: AnswerOutcome) -> None:
        item = self._template.item(o.code) if self._template is not None else None
        before = o.old_display or self.tr("(no answer)")
        if group == "set_aside":
            after = self.tr("set aside, not counted")
        elif group == "removed":
            after = self.tr("to the history")
        elif item is not None and o.value is not None:
            after = display(item, o.value)
        else:
            after = self.tr("(no answer)")
        why = list(o.reasons)
        if o.note:
            why.append(fill(self.tr("note “%1”"), clip(o.note, 30)))
        if group == "removed":
            if o.evidence:
                why.append(
                    fill(
                        self.tr("%1 evidence files (%2)"),
                        len(o.evidence),
                        "、".join(clip(e.name, 20) for e in o.evidence),
                    )
                )
            if o.rectifications:
                why.append(
                    fill(self.tr("%1 rectifications, kept in the list"), len(o.rectifications))
                )
        self._row(top, o.code, o.text, before, after, "；".join(why))

    def _row(
        self, top: QTreeWidgetItem, code: str, text: str, before: str, after: str, why: str
    ) -> None:
        row = QTreeWidgetItem([code, head(text, 60), before, after, why])
        row.setToolTip(TEXT, text)
        row.setToolTip(WHY, why)
        row.setToolTip(BEFORE, before)
        row.setToolTip(AFTER, after)
        top.addChild(row)

    def rows(self, group: str) -> list[list[str]]:
        """The rows of a group as shown (code, item, before, after, why)."""
        top = self.groups[group]
        children = [top.child(n) for n in range(top.childCount())]
        return [[row.text(c) for c in range(5)] for row in children if row is not None]

    def copy_report(self) -> None:
        if self.plan is not None:
            QGuiApplication.clipboard().setText(format_plan(self.plan))
            self.status.setText(self.tr("The report is on the clipboard."))

    # ------------------------------------------------------------ doing it

    def apply(self) -> None:
        """Carry out the previewed plan (in the background); refused if the draft changed since."""
        plan = self.plan
        if plan is None or self.working:
            return
        self.working = self._applying = True
        self.period_edit.setEnabled(False)
        self.apply_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        show_error(self.error, "")
        self.status.setText(
            self.tr("Starting the new draft …") if self.prefill else self.tr("Upgrading …")
        )
        ws = self._window.workspace
        offer = self.offer
        school_id, period = self._school_id, self.period_edit.text().strip()

        def work(_report: object) -> AppliedPlan:
            if self.prefill:
                return ws.upgrades.new_prefilled(
                    school_id, offer.template_id, offer.newest, period, offer.assessment_id
                )
            return ws.upgrades.apply(offer.assessment_id, offer.newest, basis=plan.basis)

        tasks.start(work, self._applied, self._failed)

    def reject(self) -> None:
        """Cancel, except while the upgrade is being carried out (it finishes in moments, and
        the walkthrough must then show the upgraded draft)."""
        if self._applying:
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._applying:
            event.ignore()
            return
        super().closeEvent(event)

    def _applied(self, result: AppliedPlan) -> None:
        self._applying = False
        self.working = False
        self.outcome = result
        self.applied.emit(result)
        self.accept()

    def _failed(self, exc: BaseException, details: str) -> None:
        if not isValid(self):
            return
        self.working = self._applying = False
        self.cancel_button.setEnabled(True)
        self.period_edit.setEnabled(True)
        if isinstance(exc, InputError):
            stale = any(p.field == "basis" for p in exc.problems)
            show_error(self.error, "\n".join(p.message for p in exc.problems))
            self.again_button.setVisible(stale)
            self.apply_button.setEnabled(self.plan is not None and not stale)
            if stale:
                self.status.setText(
                    self.tr("Nothing was changed. Preview again to see what would happen now.")
                )
                self.again_button.setFocus()
            else:
                self.status.setText(self.tr("Nothing was changed."))
            return
        if isinstance(exc, EnvironmentFault):
            show_error(self.error, str(exc))
            self.apply_button.setEnabled(self.plan is not None)
            self.status.setText(self.tr("Nothing was changed."))
            return
        self.apply_button.setEnabled(self.plan is not None)
        show_failure(self._window, self.windowTitle(), exc, details)


def _percent(value: float | None, band: str) -> str:
    text = percent_text(value)
    return f"{text}（{band_label(band)}）" if value is not None and band else text
