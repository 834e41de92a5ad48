"""The walkthrough and checklist versions: the banner over a finalized assessment, the banner
about an upgrade (offered, or done and leaving items to look at), and the upgrade and history
dialogs opened from them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal

from wjself.core.assessment import Evidence
from wjself.core.fingerprint import short
from wjself.core.upgrade import AppliedPlan
from wjself.ui.history import HistoryDialog
from wjself.ui.i18n import fill
from wjself.ui.upgrade import UpgradeDialog
from wjself.ui.walkthrough_answers import SessionController
from wjself.ui.widgets import NoticeBar

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from wjself.ui.main_window import MainWindow
    from wjself.ui.session import AssessmentSession

Buttons = list[tuple[str, Callable[[], object]]]


def _name_buttons(bar: NoticeBar, names: list[str]) -> None:
    for button, name in zip(bar.buttons(), names, strict=True):
        button.setObjectName(name)


class FinalizedBanner(NoticeBar):
    """Over a finalized assessment: who signed it off, read-only, 重新打开 — and, when a newer
    checklist version is installed, its draft to open or to start."""

    reopen_requested = Signal()
    successor_requested = Signal()
    new_draft_requested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, closable=False)
        self.setObjectName("finalizedBanner")

    def show_for(self, session: AssessmentSession) -> None:
        signoff = session.signoff
        if not session.finalized or signoff is None:
            self.hide()
            return
        text = fill(
            self.tr("Finalized %1 · filled in by %2 · reviewed by %3 · fingerprint %4. Read-only."),
            signoff.finalized_at.strftime("%Y-%m-%d %H:%M"),
            signoff.filled_by,
            signoff.reviewed_by,
            short(signoff.fingerprint),
        )
        buttons: Buttons = [(self.tr("Reopen…"), self.reopen_requested.emit)]
        names = ["reopenButton"]
        offer = session.offer
        if offer is not None and offer.successor is not None:
            text += " " + fill(
                self.tr(
                    "Version %1 of the checklist is installed; its self-assessment is started."
                ),
                offer.newest,
            )
            buttons.append((self.tr("Open it"), self.successor_requested.emit))
            names.append("openSuccessor")
        elif offer is not None:
            text += " " + fill(self.tr("Version %1 of the checklist is installed."), offer.newest)
            buttons.append(
                (
                    fill(self.tr("New draft from version %1…"), offer.newest),
                    self.new_draft_requested.emit,
                )
            )
            names.append("newDraftButton")
        self.show_message("locked", text, buttons)
        _name_buttons(self, names)


class UpgradeBanner(NoticeBar):
    """A newer checklist version to move to, and what an upgrade left to look at. Closed, it
    stays closed for that draft until another version is offered or applied."""

    upgrade_requested = Signal()
    reconfirm_requested = Signal()
    history_requested = Signal()

    def __init__(self, session: AssessmentSession, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("upgradeBanner")
        self._session = session
        self._dismissed: set[tuple[int, str]] = set()  # banners closed, by assessment
        self._key = ""
        self.closed.connect(self._closed)

    def _lines(self) -> tuple[list[str], Buttons, list[str]]:
        session = self._session
        view = session.view
        offer = session.offer
        pending = len(session.reconfirm_codes())
        aside = sum(1 for a in view.answers.values() if a.set_aside is not None)
        history = session.history()
        lines: list[str] = []
        buttons: Buttons = []
        names: list[str] = []
        if offer is not None and offer.is_draft:
            lines.append(
                fill(self.tr("A new version of this checklist is installed: %1."), offer.newest)
            )
            buttons.append((self.tr("See the changes and upgrade…"), self.upgrade_requested.emit))
            names.append("upgradeButton")
        if pending or aside or history or view.upgraded_from:
            if view.upgraded_from:
                done = fill(
                    self.tr("Upgraded from version %1 to %2."),
                    view.upgraded_from,
                    view.template.version,
                )
            else:
                done = self.tr("Started from a finalized self-assessment of an earlier version.")
            if pending:
                done += " " + fill(self.tr("%1 revised items to check and confirm."), pending)
            if aside:
                done += " " + fill(self.tr("%1 earlier answers set aside: answer again."), aside)
            lines.append(done)
            if pending and not session.finalized:
                buttons.append((self.tr("Show them"), self.reconfirm_requested.emit))
                names.append("showReconfirm")
            if view.upgraded_from or history:
                buttons.append((self.tr("Upgrade records…"), self.history_requested.emit))
                names.append("upgradeRecords")
        return lines, buttons, names

    def refresh(self) -> None:
        session = self._session
        if not session.is_open:
            self.hide()
            return
        view = session.view
        offer = session.offer
        lines, buttons, names = self._lines()
        # Confirming items one by one must not bring a closed banner back.
        newest = offer.newest if offer is not None and offer.is_draft else ""
        key = f"{view.template.version}>{newest}"
        if not lines or (view.id, key) in self._dismissed:
            self.hide()
            return
        self._key = key
        pending = bool(session.reconfirm_codes())
        aside = any(a.set_aside is not None for a in view.answers.values())
        offered = offer is not None and offer.is_draft
        kind = "warning" if offered or pending or aside else "info"
        self.show_message(kind, "\n".join(lines), buttons)
        _name_buttons(self, names)

    def _closed(self) -> None:
        if self._session.is_open:
            self._dismissed.add((self._session.assessment_id, self._key))


class UpgradeFlow(SessionController):
    """Opens the upgrade and history dialogs of the open assessment and reports what an upgrade
    did; ``open_requested`` asks the page to show another assessment (the new draft)."""

    open_requested = Signal(int)

    def __init__(
        self,
        window: MainWindow,
        session: AssessmentSession,
        notice: NoticeBar,
        flush: Callable[[], None],
        open_evidence: Callable[[Evidence], None],
        parent: QWidget,
    ) -> None:
        super().__init__(window, session, parent)
        self._notice = notice
        self._flush = flush
        self._open_evidence = open_evidence

    def _open_dialog(self) -> UpgradeDialog | None:
        offer = self._session.offer if self._session.is_open else None
        if offer is None:
            return None
        self._flush()
        view = self._session.view
        dialog = UpgradeDialog(
            self._window, offer, school_id=view.school.id, period=view.period, parent=self._parent
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def upgrade(self) -> UpgradeDialog | None:
        """查看变化并升级: the plan for the open draft, and upgrading it."""
        if not self._session.is_open or self._session.finalized:
            return None
        dialog = self._open_dialog()
        if dialog is not None:
            dialog.applied.connect(self._upgraded)
        return dialog

    def _upgraded(self, applied: AppliedPlan) -> None:
        self._window.mark_saved()
        self._window.changes.assessment_upgraded.emit(applied.assessment_id)
        if self._session.is_open and self._session.assessment_id == applied.assessment_id:
            self._session.reload()
        c = applied.plan.counts
        text = fill(
            self.tr(
                "Upgraded to version %1: %2 carried over, %3 to re-confirm, %4 set aside, "
                "%5 moved to the history, %6 new to fill in.\nThe database as it was before is "
                "backed up in %7"
            ),
            applied.plan.to_version,
            c.carried,
            c.reconfirm,
            c.set_aside,
            c.removed,
            c.added_unanswered,
            applied.backup,
        )
        self._notice.show_message("success", text)

    def new_draft(self) -> UpgradeDialog | None:
        """以新版本新建草稿: a finalized assessment is never upgraded; preview and start a draft
        of the newer version prefilled from it."""
        if not self._session.is_open or not self._session.finalized:
            return None
        dialog = self._open_dialog()
        if dialog is not None:
            dialog.applied.connect(self._prefilled)
        return dialog

    def _prefilled(self, applied: AppliedPlan) -> None:
        self._window.mark_saved()
        self._window.changes.assessments_created.emit([applied.assessment_id])
        self.open_requested.emit(applied.assessment_id)
        c = applied.plan.counts
        self._notice.show_message(
            "success",
            fill(
                self.tr(
                    "New draft of version %1 started: %2 answers prefilled (%3 of them to "
                    "re-confirm). The finalized self-assessment is unchanged."
                ),
                applied.plan.to_version,
                c.carried + c.reconfirm,
                c.reconfirm,
            ),
        )

    def open_successor(self) -> None:
        offer = self._session.offer if self._session.is_open else None
        if offer is not None and offer.successor is not None:
            self.open_requested.emit(offer.successor)

    def item_info(self, code: str) -> dict[str, Any]:
        """What the detail pane says about an item a checklist upgrade touched."""
        session = self._session
        answer = session.answer(code)
        revision = ""
        if answer is not None and answer.needs_reconfirm:
            changes = session.revision(code)
            if changes:
                revision = fill(
                    self.tr("Changed since version %1: %2"),
                    session.view.upgraded_from,
                    "；".join(c.text for c in changes[:4]) + ("…" if len(changes) > 4 else ""),
                )
        return {
            "aside": session.set_aside_shown(code),
            "history": len(session.history(code)),
            "revision": revision,
        }

    def show_history(self, code: str | None = None) -> HistoryDialog | None:
        """What checklist upgrades took out of use: of item ``code``, or of the whole assessment."""
        if not self._session.is_open:
            return None
        item = self._session.item(code) if code else None
        dialog = HistoryDialog(
            self._window,
            self._session.assessment_id,
            code,
            item.text if item is not None else "",
            parent=self._parent,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.evidence_open.connect(self._open_evidence)
        dialog.open()
        return dialog
