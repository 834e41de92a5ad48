"""Storing what is entered in the walkthrough: answers (from the detail pane or a key in the
item list), notes, rectifications and confirmations — each as it is made, a refusal said
under its field, a disk fault in a dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from wjself.core.assessment import Rectification
from wjself.core.counts import reason_missing
from wjself.core.scoring import Outcome
from wjself.core.template import Item, Kind
from wjself.core.values import NO, YES, ValueProblem, coerce
from wjself.ui.answer_editor import COMPLIANCE_KEYS
from wjself.ui.feedback import guarded
from wjself.ui.i18n import fill
from wjself.ui.widgets import show_error

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QWidget

    from wjself.ui.item_detail import ItemDetail
    from wjself.ui.main_window import MainWindow
    from wjself.ui.session import AssessmentSession
    from wjself.ui.widgets import NoticeBar


def answer_for_key(item: Item, key: str) -> str | None:
    """The value a key pressed in the item list gives ``item``: 1–4 a compliance answer, Y/N
    (or 1/2) yes or no, 1–9 an option of a single choice; None when the key means nothing."""
    if item.kind is Kind.COMPLIANCE and key in "1234":
        return COMPLIANCE_KEYS[int(key) - 1]
    if item.kind is Kind.YES_NO and key in ("Y", "N", "1", "2"):
        return YES if key in ("Y", "1") else NO
    if item.kind is Kind.SINGLE and key.isdigit() and 0 < int(key) <= len(item.options):
        return item.options[int(key) - 1].name
    return None


class SessionController(QObject):
    """A part of the walkthrough page acting on the open assessment for it: the window (for
    its prompts and workspace), the session, and the page as the parent of its dialogs."""

    def __init__(self, window: MainWindow, session: AssessmentSession, parent: QWidget) -> None:
        super().__init__(parent)
        self._window = window
        self._session = session
        self._parent = parent


class AnswerController(SessionController):
    """Stores the changes made to the items of ``session``; ``current`` says which item the
    ``detail`` pane shows (a refusal is said there only for that item)."""

    def __init__(
        self,
        window: MainWindow,
        session: AssessmentSession,
        detail: ItemDetail,
        notice: NoticeBar,
        current: Callable[[], str | None],
        parent: QWidget,
    ) -> None:
        super().__init__(window, session, parent)
        self._detail = detail
        self._notice = notice
        self._current = current

    def key(self, key: str) -> None:
        """A key pressed in the item list: answer the current item with it."""
        session = self._session
        code = self._current()
        item = None if code is None else session.item(code)
        if item is None:
            return
        if session.finalized:
            self._notice.show_message(
                "locked",
                self.tr(
                    "This self-assessment is finalized and read-only. Reopen it to change answers."
                ),
            )
            return
        if session.result(item.code).outcome is Outcome.EXCLUDED:
            return
        raw = answer_for_key(item, key)
        if raw is None:
            return
        self._detail.flush()
        answer = session.answer(item.code)
        # The same value again on an item waiting for re-confirmation confirms it.
        if session.value(item.code) != raw or (answer is not None and answer.needs_reconfirm):
            self.commit_value(item.code, raw)

    def _problem(self, code: str, field: QLabel, text: str, reject: bool = False) -> None:
        """A refused change of item ``code``: said under its field while the item is shown."""
        if code == self._current():
            show_error(field, text)
            if reject:
                self._detail.answer.reject_text()

    def commit_value(self, code: str, raw: object) -> None:
        detail = self._detail
        note: str | None = None
        if code == self._current():
            detail.flush_note()  # a reason typed in the note first is the reason
        if self._needs_reason(code, raw):
            note = self._ask_reason(code)
            if note is None:  # no reason, no 不适用: the editor shows the stored answer again
                if code == self._current():
                    detail.answer.set_value(self._session.value(code))
                return
        done = guarded(
            self._window,
            self._parent,
            lambda: self._session.set_value(code, raw, note),
            problems=lambda text: self._problem(code, detail.answer_error, text, reject=True),
        )
        if done.ok and code == self._current():
            show_error(detail.answer_error, "")
            if note is not None:
                detail.show_note(note)

    def _needs_reason(self, code: str, raw: object) -> bool:
        """不适用 chosen on an item that applies to the school, with no note to be its reason."""
        session = self._session
        item = session.item(code)
        if item is None or session.result(code).outcome is Outcome.EXCLUDED:
            return False
        try:
            value = coerce(item, raw)
        except ValueProblem:
            return False  # the service refuses it with its own message
        answer = session.answer(code)
        return reason_missing(item, value, answer.note if answer else "", session.school.profile())

    def _ask_reason(self, code: str) -> str | None:
        """The reason, asked in a dialog until given; None when the person cancels."""
        while True:
            reason = self._window.prompts.ask_text(
                self._parent,
                self.tr("Why does this item not apply?"),
                fill(
                    self.tr(
                        "Item %1 applies to this school by its profile. Say why it does not "
                        "apply (kept as the item's note; inspectors read it):"
                    ),
                    code,
                ),
            )
            if reason is None:
                return None
            if reason.strip():
                return reason.strip()

    def commit_note(self, code: str, note: str) -> None:
        detail = self._detail

        def keep() -> None:
            if code == self._current():
                detail.note_saver.pending = True  # kept: tried again on leaving or closing

        done = guarded(
            self._window,
            self._parent,
            lambda: self._session.set_note(code, note),
            problems=lambda text: self._problem(code, detail.note_error, text),
            fault=keep,
        )
        if done.ok and code == self._current():
            show_error(detail.note_error, "")

    def commit_rectification(self, rect: Rectification) -> None:
        detail = self._detail
        done = guarded(
            self._window,
            self._parent,
            lambda: self._session.save_rectification(rect),
            problems=lambda text: self._problem(rect.code, detail.rectification.error, text),
        )
        if done.ok and done.value is not None and rect.code == self._current():
            detail.rectification.saved(done.value)

    def confirm(self, code: str) -> bool:
        """确认无误: the answer of an item revised by a checklist update still holds."""
        session = self._session
        if not session.is_open or session.finalized:
            return False
        self._detail.flush()
        return guarded(
            self._window,
            self._parent,
            lambda: session.confirm(code),
            problems=lambda text: self._problem(code, self._detail.answer_error, text),
        ).ok
