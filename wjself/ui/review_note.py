"""The bureau's word in the school's window: the 督学意见 block of an item, the verdict line
of the walkthrough's header, and the import of a review file (``.wjsr``).

The block sits in the item's detail pane under the requirement, quoted in the bureau's tint;
a comment on an earlier version of the assessment (the school changed it after sending it)
says so.  Importing goes through the store's ``reviews.receive`` (signature, pinned bureau
key, matching, reopening a returned assessment) and then opens the assessment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from wjself.core.assessment import AssessmentView
from wjself.core.review import ReceivedReview, Verdict
from wjself.ui.i18n import fill
from wjself.ui.widgets import ERROR, MUTED, QUOTE_FRAME, QUOTE_TINT, SUCCESS, UPGRADE_INK, ink

if TYPE_CHECKING:
    from wjself.ui.main_window import MainWindow


class ReviewNote(QFrame):
    """督学意见: the inspector's comment on the item shown, hidden when there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewNote")
        self.setStyleSheet(
            f"#reviewNote {{ background: {QUOTE_TINT}; border: 1px solid {QUOTE_FRAME};"
            " border-radius: 4px; }"
        )
        self.heading = QLabel(QCoreApplication.translate("ReviewNote", "Inspector's comment"))
        self.heading.setStyleSheet(f"font-weight: bold; {ink(UPGRADE_INK)}")
        self.text = QLabel()
        self.text.setObjectName("reviewComment")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.source.setStyleSheet(ink(MUTED))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addWidget(self.source)
        self.setVisible(False)

    def show_for(self, code: str, view: AssessmentView | None) -> None:
        """Show the comment on item ``code`` of ``view``'s latest review, or hide."""
        received = view.review if view is not None else None
        comment = received.review.comment_for(code) if received is not None else ""
        self.setVisible(bool(comment))
        if received is None or not comment:
            return
        self.text.setText(comment)
        who = received.review.reviewer or QCoreApplication.translate(
            "ReviewNote", "the district bureau"
        )
        source = fill(
            QCoreApplication.translate("ReviewNote", "%1, %2 · verdict: %3"),
            who,
            received.review.reviewed_at.strftime("%Y-%m-%d"),
            received.review.verdict_line(),
        )
        if not received.for_fingerprint(_fingerprint(view)):
            source += "\n" + QCoreApplication.translate(
                "ReviewNote", "This comment is on an earlier version of the self-assessment."
            )
        self.source.setText(source)


def verdict_text(view: AssessmentView) -> tuple[str, str]:
    """The header's line about the bureau's latest review and its colour ("" when none)."""
    received: ReceivedReview | None = view.review
    if received is None:
        return "", MUTED
    review = received.review
    text = fill(
        QCoreApplication.translate("ReviewNote", "District review %1: %2"),
        review.reviewed_at.strftime("%Y-%m-%d"),
        review.verdict_line(),
    )
    if not received.for_fingerprint(_fingerprint(view)):
        text += QCoreApplication.translate("ReviewNote", " (on an earlier version)")
    return text, SUCCESS if review.verdict is Verdict.PASSED else ERROR


def _fingerprint(view: AssessmentView | None) -> str | None:
    if view is None or not view.finalized or view.signoff is None:
        return None
    return view.signoff.fingerprint


def import_review(window: MainWindow) -> int | None:
    """Ask for a ``.wjsr`` file, import it, say what happened, open the assessment; its id."""
    from wjself.formats.review_file import read_review
    from wjself.ui.feedback import reported

    title = QCoreApplication.translate("ReviewNote", "Import review")
    path = window.prompts.open_file(
        window, title, QCoreApplication.translate("ReviewNote", "Review files (*.wjsr)")
    )
    if path is None:
        return None
    result = None
    with reported(window, title) as outcome:
        found = read_review(path)
        result = window.workspace.reviews.receive(found.review, found.signature, found.sha256)
    if not outcome.ok or result is None:
        return None
    window.mark_saved()
    if result.reopened:
        window.changes.assessment_reopened.emit(result.assessment_id)
    window.prompts.inform(window, title, "\n".join(result.lines()))
    window.open_assessment(result.assessment_id)
    return result.assessment_id
