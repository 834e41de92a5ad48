"""完成自评: what is still missing (each a link to the item), or the sign-off names and 定稿.

The list comes from ``assessments.missing`` (the same check ``finalize`` makes); finalizing
goes through the session, and a refusal is shown in the dialog in the service's words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wjself.core.counts import Counts
from wjself.core.errors import EnvironmentFault, InputError, Problem
from wjself.ui.i18n import fill
from wjself.ui.icons import icon
from wjself.ui.session import AssessmentSession, problem_text
from wjself.ui.widgets import (
    ACCENT,
    SUCCESS,
    UPGRADE_INK,
    error_label,
    ink,
    label,
    scaled_font,
    show_error,
)

if TYPE_CHECKING:
    from wjself.ui.preferences import Preferences

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
FILLED_KEY = "finish/filled_by"
REVIEWED_KEY = "finish/reviewed_by"


class FinishDialog(QDialog):
    """Lists what is missing with jumps to it, or takes the names and finalizes."""

    jump = Signal(str)  # an item code to show in the walkthrough

    def __init__(
        self, session: AssessmentSession, preferences: Preferences, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._preferences = preferences
        self.setWindowTitle(self.tr("Finish the self-assessment"))
        self.setMinimumWidth(560)
        self.missing: list[Problem] = session.missing()
        view = session.view

        self.heading = QLabel()
        self.heading.setObjectName("finishHeading")
        self.heading.setWordWrap(True)
        self.heading.setFont(scaled_font(self.heading, 1.2, bold=True))
        subtitle = label(f"{view.school.name} · {view.template.title} · {view.period}", muted=True)
        # The counts as the PDF prints them: the profile's and the school's own 不适用 apart.
        self.counts = label(Counts.of(session.score.overall).sentence(), wrap=True, name="counts")
        self.narrative_warning = label(wrap=True, name="narrativeWarning")
        self.narrative_warning.setStyleSheet(ink(UPGRADE_INK))
        unwritten = session.narrative.missing()
        if unwritten:  # allowed: the PDF says which parts were not written
            self.narrative_warning.setText(
                fill(
                    self.tr(
                        "The self-check report (自查报告) has parts not written: %1. You may "
                        "finalize without them; the PDF will say they were not written."
                    ),
                    "、".join(unwritten),
                )
            )
        self.narrative_warning.setVisible(bool(unwritten))

        self._build_problems()

        self.filled_by = QLineEdit()
        self.filled_by.setObjectName("filledBy")
        self.reviewed_by = QLineEdit()
        self.reviewed_by.setObjectName("reviewedBy")
        self.filled_by.setText(str(preferences.value(FILLED_KEY, "") or ""))
        self.reviewed_by.setText(str(preferences.value(REVIEWED_KEY, "") or view.school.principal))
        self.form = QWidget()
        form = QFormLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Filled in by (填表人):"), self.filled_by)
        form.addRow(self.tr("Reviewed by (审核人，校长):"), self.reviewed_by)
        self.explain = label(
            self.tr(
                "Finalizing makes this self-assessment read-only and records its fingerprint, "
                "which the PDF and the data bundle carry. It can be reopened later, with a reason."
            ),
            muted=True,
            wrap=True,
        )
        self.error = error_label("finishError")

        self.buttons = QDialogButtonBox()
        self.finalize_button = self.buttons.addButton(
            self.tr("Finalize"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.finalize_button.setObjectName("finalizeButton")
        self.finalize_button.setIcon(icon("finish"))
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.finalize)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(subtitle)
        layout.addWidget(self.counts)
        layout.addWidget(self.narrative_warning)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.form)
        layout.addWidget(self.explain)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        if self.missing:
            self.heading.setText(
                fill(
                    self.tr("%1 things still stop this self-assessment from being finalized"),
                    len(self.missing),
                )
            )
            hint = label(self.tr("Click an entry to go to the item."), muted=True)
            layout.insertWidget(4, hint)
            self.form.hide()
            self.explain.hide()
            self.finalize_button.hide()
            self.resize(640, 480)
        else:
            self.heading.setText(self.tr("Everything is answered. Sign off to finalize."))
            self.problems.hide()
            self.heading.setStyleSheet(ink(SUCCESS))
            self._keep_room_for_the_error()
            self.filled_by.setFocus()

    def _build_problems(self) -> None:
        """What is missing, each entry a jump to its item."""
        self.problems = QListWidget()
        self.problems.setObjectName("missingList")
        self.problems.setWordWrap(True)
        self.problems.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.problems.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.problems.setStyleSheet("QListWidget::item { padding: 4px; }")
        for problem in self.missing:
            entry = QListWidgetItem(icon("arrow", ACCENT), f"{problem.field}　{problem.message}")
            entry.setData(CODE_ROLE, problem.field)
            entry.setForeground(QColor(ACCENT))
            entry.setToolTip(fill(self.tr("Go to item %1"), problem.field))
            self.problems.addItem(entry)
        self.problems.itemActivated.connect(self._jump)
        self.problems.itemClicked.connect(self._jump)
        self.problems.setCursor(Qt.CursorShape.PointingHandCursor)

    def _keep_room_for_the_error(self) -> None:
        """The refusal (缺少填表人 / 缺少审核人) fills room kept for it from the start.

        Shown in a dialog that then grew, it moved 定稿 and 关闭 down under the pointer, away
        from where they had just been drawn; the dialog's geometry now stays as first shown.
        """
        self.error.setText("缺\n缺")  # both names missing: two lines
        self.error.setMinimumHeight(self.error.sizeHint().height())
        self.error.clear()
        policy = self.error.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.error.setSizePolicy(policy)

    def _jump(self, entry: QListWidgetItem) -> None:
        code = entry.data(CODE_ROLE)
        if code:
            self.accept()
            self.jump.emit(str(code))

    def finalize(self) -> None:
        filled, reviewed = self.filled_by.text().strip(), self.reviewed_by.text().strip()
        try:
            self._session.finalize(filled, reviewed)
        except InputError as exc:
            show_error(self.error, problem_text(exc.problems))
            return
        except EnvironmentFault as exc:
            show_error(self.error, str(exc))
            return
        self._preferences.set_value(FILLED_KEY, filled)
        self._preferences.set_value(REVIEWED_KEY, reviewed)
        self.accept()
