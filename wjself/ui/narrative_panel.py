"""自查报告: the school's written part of the report, opened from the walkthrough's header.

Four boxes — 基本情况, 主要做法与成效, 存在问题, 整改措施与下一步打算 — each stored as it is
typed (after a 400 ms pause, at the latest 1 s after the first change), on leaving a box and
on closing the dialog, like an item's note.  Read-only once the assessment is finalized.  A
refusal (a part too long, a control character) is said under the boxes and the text is kept
to be tried again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from wjself.core.narrative import MAX_PART, PARTS, Narrative
from wjself.ui.feedback import guarded
from wjself.ui.i18n import fill
from wjself.ui.widgets import (
    Debouncer,
    FocusOutWatcher,
    error_label,
    label,
    scaled_font,
    show_error,
)

if TYPE_CHECKING:
    from wjself.ui.main_window import MainWindow
    from wjself.ui.session import AssessmentSession
    from wjself.ui.walkthrough_header import WalkthroughHeader


class NarrativeDialog(QDialog):
    """The four parts of the 自查报告 of the open assessment, saved as they are typed."""

    def __init__(
        self, window: MainWindow, session: AssessmentSession, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._session = session
        self.setObjectName("narrativeDialog")
        self.setWindowTitle(self.tr("Self-check report"))
        self.resize(720, 680)
        view = session.view
        heading = QLabel(self.tr("Self-check report (自查报告)"))
        heading.setFont(scaled_font(heading, 1.2, bold=True))
        subtitle = label(f"{view.school.name} · {view.template.title} · {view.period}", muted=True)
        read_only = session.finalized
        self.explain = label(
            self.tr("Finalized: the report is read-only. Reopen the self-assessment to change it.")
            if read_only
            else fill(
                self.tr(
                    "Write in your own words. It is saved as you type and printed in the PDF "
                    "before the item tables. Each part up to %1 characters."
                ),
                MAX_PART,
            ),
            muted=True,
            wrap=True,
        )
        self._saver = Debouncer(self._save, parent=self)
        self._leaving = FocusOutWatcher(self.flush, self)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(subtitle)
        layout.addWidget(self.explain)
        self.boxes: dict[str, QPlainTextEdit] = {}
        for number, name in zip("一二三四", PARTS, strict=True):
            box = QPlainTextEdit(session.narrative.get(name))
            box.setObjectName(f"narrative{PARTS.index(name)}")
            box.setReadOnly(read_only)
            box.setTabChangesFocus(True)
            box.textChanged.connect(self._saver.touch)
            self._leaving.watch(box)
            caption = QLabel(f"{number}、{name}")
            caption.setFont(scaled_font(caption, 1.0, bold=True))
            caption.setBuddy(box)
            layout.addWidget(caption)
            layout.addWidget(box, 1)
            self.boxes[name] = box
        self.error = error_label("narrativeError")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.finished.connect(lambda _: self.flush())
        self.boxes[PARTS[0]].setFocus(Qt.FocusReason.OtherFocusReason)

    def narrative(self) -> Narrative:
        """What the boxes hold now."""
        return Narrative.of({name: box.toPlainText() for name, box in self.boxes.items()})

    def flush(self) -> None:
        """Store what is typed and not stored yet (on leaving a box, on closing)."""
        self._saver.flush()

    def _save(self) -> None:
        if self._session.finalized or not self._session.is_open:
            return
        done = guarded(
            self._window,
            self,
            lambda: self._session.set_narrative(self.narrative()),
            problems=lambda text: show_error(self.error, text),
            fault=lambda: setattr(self._saver, "pending", True),  # kept: tried again on closing
        )
        if done.ok:
            show_error(self.error, "")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush()
        super().closeEvent(event)


class NarrativeOpener(QObject):
    """Opens the 自查报告 dialog when the header's button is pressed."""

    def __init__(
        self,
        window: MainWindow,
        session: AssessmentSession,
        header: WalkthroughHeader,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._session = session
        self._parent = parent
        self.dialog: NarrativeDialog | None = None
        header.narrative_requested.connect(self.open)
        window.closing.connect(self.flush)  # typing in the dialog is stored before the window goes

    def flush(self) -> None:
        if self.dialog is not None:
            self.dialog.flush()

    def open(self) -> NarrativeDialog | None:
        if not self._session.is_open:
            return None
        dialog = NarrativeDialog(self._window, self._session, self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog
