"""The inspector's answer to a received assessment: a comment per item, a verdict (通过 /
退回修改 with a reason) and the review file (``.wjsr``) the school imports.

Comments are stored as they are typed (``widgets.Debouncer``, and on leaving the field or the
item), like a school's notes; the verdict when 保存结论 is pressed; the review file is written
by the district service's ``export_review``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from wjself.core.review import Verdict
from wjself.district import export_review, review_of, set_comment, set_verdict
from wjself.ui.export import safe_name
from wjself.ui.feedback import guarded, reported
from wjself.ui.i18n import fill
from wjself.ui.widgets import Debouncer, FocusOutWatcher, error_label, label, show_error

if TYPE_CHECKING:
    from wjself.ui.main_window import MainWindow

PASSED, RETURNED = Verdict.PASSED.value, Verdict.RETURNED.value


class ReviewPanel(QWidget):
    """The verdict row (under the read page's item list); ``comment_box`` goes beside the item."""

    def __init__(self, window: MainWindow, file_stem: Callable[[], str]) -> None:
        """``file_stem``: the review file's suggested name (school, period, checklist)."""
        super().__init__()
        self.window_ = window
        self._file_stem = file_stem
        self.received_id: int | None = None
        self.current = True
        self.code: str | None = None
        self._comments: dict[str, str] = {}
        self._loading = False

        self.comment = QPlainTextEdit()
        self.comment.setObjectName("reviewComment")
        self.comment.setPlaceholderText(self.tr("Your comment on this item, for the school"))
        self.comment_error = error_label("reviewCommentError")
        self._typing = Debouncer(self.save_comment, parent=self)
        self.comment.textChanged.connect(self._typed)
        self.comment.installEventFilter(FocusOutWatcher(self.save_comment, self))
        self.comment_box = QGroupBox(self.tr("Inspector's comment"))
        box = QVBoxLayout(self.comment_box)
        box.addWidget(self.comment)
        box.addWidget(self.comment_error)

        self.passed = QRadioButton(self.tr("Passed (通过)"))
        self.passed.setObjectName("verdictPassed")
        self.returned = QRadioButton(self.tr("Returned for changes (退回修改)"))
        self.returned.setObjectName("verdictReturned")
        self.verdicts = QButtonGroup(self)
        self.verdicts.addButton(self.passed)
        self.verdicts.addButton(self.returned)
        self.returned.toggled.connect(lambda _on: self._enable())
        self.reason = QLineEdit()
        self.reason.setObjectName("verdictReason")
        self.reason.setPlaceholderText(self.tr("Why it goes back: what the school must change"))
        self.save_button = QPushButton(self.tr("Save verdict"))
        self.save_button.setObjectName("verdictSave")
        self.save_button.clicked.connect(self.save_verdict)
        self.export_button = QPushButton(self.tr("Export review…"))
        self.export_button.setObjectName("reviewExport")
        self.export_button.clicked.connect(self.export)
        self.state = label(name="verdictState", muted=True)
        self.error = error_label("verdictError")
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Verdict:")))
        row.addWidget(self.passed)
        row.addWidget(self.returned)
        row.addWidget(self.reason, 1)
        row.addWidget(self.save_button)
        row.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.state)
        layout.addWidget(self.error)
        window.closing.connect(self.save_comment)
        self._enable()

    # ------------------------------------------------------------ loading

    def show_received(self, received_id: int, *, current: bool = True) -> None:
        """The review of received bundle ``received_id``; only the current bundle of a school,
        checklist and period is answered (an older one is read-only here)."""
        self.save_comment()
        self.received_id = received_id
        self.current = current
        self.code = None
        review = review_of(self.window_.district, received_id)
        self._comments = {c.code: c.text for c in review.comments}
        verdict = review.verdict
        self._loading = True
        try:
            self.verdicts.setExclusive(False)
            self.passed.setChecked(verdict is Verdict.PASSED)
            self.returned.setChecked(verdict is Verdict.RETURNED)
            self.verdicts.setExclusive(True)
            self.reason.setText(review.reason)
            self.comment.setPlainText("")
        finally:
            self._loading = False
        if verdict is None:
            state = self.tr("No verdict yet.")
        else:
            state = fill(self.tr("Verdict saved: %1"), verdict.value)
            if review.decided_by:
                state += " · " + review.decided_by
        if not current:
            state += " · " + self.tr(
                "A newer bundle replaced this one: only the newest is answered."
            )
        self.state.setText(state)
        show_error(self.error, "")
        self._enable()

    def show_item(self, code: str | None) -> None:
        self.save_comment()
        self.code = code
        self._loading = True
        try:
            self.comment.setPlainText(self._comments.get(code, "") if code else "")
        finally:
            self._loading = False
        show_error(self.comment_error, "")
        self.comment.setEnabled(code is not None)
        self.comment.setReadOnly(not self.current)

    def comment_for(self, code: str) -> str:
        return self._comments.get(code, "")

    # ------------------------------------------------------------ storing

    def _typed(self) -> None:
        if not self._loading:
            self._typing.touch()

    def save_comment(self) -> None:
        """Store the comment being typed (a no-op when nothing changed)."""
        self._typing.cancel()
        if self.received_id is None or self.code is None:
            return
        text = self.comment.toPlainText().strip()
        if text == self._comments.get(self.code, ""):
            return
        received_id, code = self.received_id, self.code
        attempt = guarded(
            self.window_,
            self,
            lambda: set_comment(self.window_.district, received_id, code, text),
            problems=lambda message: show_error(self.comment_error, message),
        )
        if attempt.ok:
            show_error(self.comment_error, "")
            if text:
                self._comments[code] = text
            else:
                self._comments.pop(code, None)
            self.window_.mark_saved()
            self.window_.changes.review_saved.emit(received_id)

    def save_verdict(self) -> None:
        if self.received_id is None:
            return
        verdict = (
            PASSED if self.passed.isChecked() else RETURNED if self.returned.isChecked() else None
        )
        if verdict is None:
            show_error(self.error, self.tr("Choose passed or returned first."))
            return
        received_id, reason = self.received_id, self.reason.text().strip()
        attempt = guarded(
            self.window_,
            self,
            lambda: set_verdict(self.window_.district, received_id, verdict, reason),
            problems=lambda message: show_error(self.error, message),
        )
        if attempt.ok:
            show_error(self.error, "")
            self.state.setText(fill(self.tr("Verdict saved: %1"), verdict))
            self.window_.mark_saved()
            self.window_.changes.review_saved.emit(received_id)

    def export(self) -> None:
        """Write the review file for the school (its comments and verdict, signed)."""
        if self.received_id is None:
            return
        self.save_comment()
        target = self.window_.prompts.save_file(
            self,
            self.tr("Export review"),
            safe_name(self._file_stem() + "-审阅意见") + ".wjsr",
            self.tr("Review files (*.wjsr)"),
        )
        if target is None:
            return
        if target.suffix.lower() != ".wjsr":
            target = target.with_name(target.name + ".wjsr")
        received_id = self.received_id
        with reported(self.window_, self.tr("The review was not exported")) as outcome:
            export_review(self.window_.district, received_id, target)
        if outcome.ok:
            self.state.setText(fill(self.tr("Review written to %1"), target))
            self.window_.prompts.inform(
                self,
                self.tr("Review exported"),
                fill(
                    self.tr(
                        "%1\n\nSend this file to the school, which imports it into its wjself."
                    ),
                    target,
                ),
            )

    def _enable(self) -> None:
        loaded = self.received_id is not None and self.current
        for widget in (self.passed, self.returned, self.save_button, self.export_button):
            widget.setEnabled(loaded)
        self.reason.setEnabled(loaded and self.returned.isChecked())
        self.comment.setReadOnly(not loaded)
