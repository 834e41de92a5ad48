"""The walkthrough's header: which assessment, its status, how far it is, its score, and the
next-unanswered / export / finish buttons; and the page's keyboard shortcuts."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from wjself.core.scoring import Score
from wjself.core.text import percent_text
from wjself.ui.i18n import fill
from wjself.ui.icons import icon
from wjself.ui.labels import band_label, status_label
from wjself.ui.review_note import import_review, verdict_text
from wjself.ui.session import AssessmentSession
from wjself.ui.widgets import (
    CHUNK,
    CHUNK_DONE,
    DRAFT,
    DRAFT_TINT,
    FRAME,
    GOOD,
    GOOD_HOVER,
    GOOD_PRESSED,
    GOOD_TINT,
    INK,
    ink,
    label,
    scaled_font,
)

if TYPE_CHECKING:
    from wjself.ui.main_window import MainWindow
    from wjself.ui.walkthrough import WalkthroughPage

NEXT_KEYS = "F3"
PREVIOUS_KEYS = "Shift+F3"


class WalkthroughHeader(QWidget):
    """Title and actions on one row, where and how far on the next (fits a narrow window)."""

    next_requested = Signal()
    export_requested = Signal()
    finish_requested = Signal()
    narrative_requested = Signal()  # 自查报告: the school's written part

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("walkthroughHeader")
        self.title_label = QLabel()
        self.title_label.setObjectName("assessmentTitle")
        self.title_label.setFont(scaled_font(self.title_label, 1.4, bold=True))
        self.title_label.setWordWrap(True)
        self.subtitle = label(muted=True, wrap=True, name="assessmentSubtitle")
        self.status_chip = QLabel()
        self.status_chip.setObjectName("statusChip")
        self.progress = QProgressBar()
        self.progress.setObjectName("overallProgress")
        self.progress.setMinimumWidth(120)
        self.progress.setMaximumWidth(240)
        self.progress.setFormat(self.tr("Answered %v of %m"))
        self.progress.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.score_label = QLabel()
        self.score_label.setObjectName("overallScore")
        self.score_label.setFont(scaled_font(self.score_label, 1.3, bold=True))
        self.score_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.next_button = QPushButton(icon("next"), self.tr("Next unanswered"))
        self.next_button.setObjectName("nextUnanswered")
        self.next_button.setToolTip(NEXT_KEYS)
        self.next_button.clicked.connect(self.next_requested)
        self.export_button = QPushButton(icon("export"), self.tr("Export…"))
        self.export_button.setObjectName("exportButton")
        self.export_button.setToolTip("Ctrl+P")
        self.export_button.clicked.connect(self.export_requested)
        self.narrative_button = QPushButton(icon("note"), self.tr("Self-check report…"))
        self.narrative_button.setObjectName("narrativeButton")
        self.narrative_button.setToolTip(
            self.tr("The written part of the report: situation, practice, problems, measures")
        )
        self.narrative_button.clicked.connect(self.narrative_requested)
        self.finish_button = QPushButton(icon("finish", "white"), self.tr("Finish…"))
        self.finish_button.setObjectName("finishButton")
        self.finish_button.setStyleSheet(
            f"QPushButton {{ background: {GOOD}; color: white; border: 1px solid {GOOD_PRESSED};"
            " border-radius: 4px; padding: 5px 14px; font-weight: bold; }"
            f"QPushButton:hover {{ background: {GOOD_HOVER}; }}"
            f" QPushButton:pressed {{ background: {GOOD_PRESSED}; }}"
        )
        self.finish_button.clicked.connect(self.finish_requested)
        self.review_button = QPushButton(self.tr("Import review…"))
        self.review_button.setObjectName("importReview")
        self.review_button.setToolTip(
            self.tr("Import the district bureau's comments and verdict (a .wjsr file)")
        )
        self.review_button.clicked.connect(self._import_review)
        self.review_label = label(wrap=True, name="reviewVerdict")
        self.review_label.setVisible(False)

        top = QHBoxLayout()
        top.addWidget(self.title_label)
        top.addSpacing(6)
        top.addWidget(self.status_chip, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addStretch(1)
        top.addSpacing(12)
        buttons = (
            self.next_button,
            self.narrative_button,
            self.review_button,
            self.export_button,
            self.finish_button,
        )
        for button in buttons:
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        bottom = QHBoxLayout()
        bottom.addWidget(self.subtitle, 1)
        bottom.addWidget(self.score_label)
        bottom.addSpacing(8)
        bottom.addWidget(self.progress)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 4)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(bottom)
        layout.addWidget(self.review_label)

    def show_assessment(self, session: AssessmentSession) -> None:
        """Title, school, period and versions, the status chip; no finishing when finalized."""
        view = session.view
        self.title_label.setText(view.template.title)
        subtitle = fill(
            self.tr("%1 · period %2 · checklist version %3"),
            view.school.name,
            view.period,
            view.template.version,
        )
        if view.template.review_period:
            subtitle += fill(self.tr(" · self-check period %1"), view.template.review_period)
        self.subtitle.setText(subtitle)
        finalized = session.finalized
        color, background = (GOOD, GOOD_TINT) if finalized else (DRAFT, DRAFT_TINT)
        self.status_chip.setText(status_label(view.status))
        self.status_chip.setStyleSheet(
            f"color: {color}; background: {background}; border: 1px solid {color};"
            " border-radius: 9px; padding: 1px 8px;"
        )
        self.finish_button.setVisible(not finalized)
        self.next_button.setVisible(not finalized)
        text, colour = verdict_text(view)
        self.review_label.setText(text)
        self.review_label.setStyleSheet(ink(colour))
        self.review_label.setVisible(bool(text))

    def _import_review(self) -> None:
        from wjself.ui.main_window import MainWindow

        window = self.window()
        if isinstance(window, MainWindow):
            import_review(window)

    def show_score(self, score: Score) -> None:
        """How many answered of how many apply, and the score with its band."""
        overall = score.overall
        self.progress.setMaximum(max(overall.applicable, 1))
        self.progress.setValue(overall.answered)
        chunk = CHUNK_DONE if overall.complete else CHUNK
        self.progress.setStyleSheet(
            f"QProgressBar {{ border: 1px solid {FRAME}; border-radius: 3px; background: white;"
            f" text-align: center; color: {INK}; }} QProgressBar::chunk {{ background: {chunk}; }}"
        )
        if overall.answered == 0:  # 0 % of nothing answered is no verdict yet
            self.score_label.setText(self.tr("Not started"))
        elif score.percent is None:
            self.score_label.setText(self.tr("Score —"))
        else:
            self.score_label.setText(
                fill(self.tr("Score %1 · %2"), percent_text(score.percent), band_label(score.band))
            )


class WalkthroughKeys(QObject):
    """The walkthrough's keyboard shortcuts, each also listed in the window's list of keys."""

    def __init__(self, page: WalkthroughPage, window: MainWindow) -> None:
        super().__init__(page)
        self._page = page
        self._window = window
        window.register_shortcut("1 – 4", self.tr("Item list: 符合 / 基本符合 / 不符合 / 不适用"))
        window.register_shortcut("Y / N", self.tr("Item list: 是 / 否 for a yes/no item"))
        window.register_shortcut(
            "1 – 9", self.tr("Item list: choose that option of a single-choice item")
        )
        window.register_shortcut("↑ / ↓", self.tr("Item list: previous / next item"))
        window.register_shortcut("Enter", self.tr("Item list: go to the answer of the item"))
        window.register_shortcut("Esc", self.tr("Detail pane: back to the item list"))
        self.next_action = self._action(
            NEXT_KEYS,
            self.tr("Next unanswered item"),
            lambda: page.next_unanswered(backwards=False),
        )
        self.previous_action = self._action(
            PREVIOUS_KEYS,
            self.tr("Previous unanswered item"),
            lambda: page.next_unanswered(backwards=True),
        )
        self._action("Ctrl+F", self.tr("Search the items"), page.focus_search)
        self._action("Ctrl+E", self.tr("Write the note of the current item"), page.focus_note)
        self._action("Ctrl+PgDown", self.tr("Next section"), lambda: page.step_section(1))
        self._action("Ctrl+PgUp", self.tr("Previous section"), lambda: page.step_section(-1))
        self.export_action = self._action(
            "Ctrl+P", self.tr("Export the open self-assessment"), page.export
        )
        window.register_shortcut(
            "Ctrl+V", self.tr("Evidence list: paste a picture or copied files")
        )

    def _action(self, keys: str, text: str, slot: Callable[[], object]) -> QAction:
        act = QAction(text, self._page)
        act.setShortcut(QKeySequence(keys))
        act.triggered.connect(slot)
        self._page.addAction(act)
        self._window.register_shortcut(keys, text)
        return act
