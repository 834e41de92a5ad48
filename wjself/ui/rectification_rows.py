"""The rows of the Rectifications page: one entry with its assessment and item text, the
list's columns and the words for an entry's status and progress, and the date fields."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QObject, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QApplication, QDateEdit, QStyle

from wjself.core.assessment import AssessmentSummary, Rectification, RectStatus
from wjself.core.errors import InputError
from wjself.core.rectification_text import own_problem
from wjself.ui.i18n import fill
from wjself.ui.models import Column
from wjself.ui.widgets import MUTED, OVERDUE_TINT, PROBLEM_INK

if TYPE_CHECKING:
    from wjself.store.workspace import Workspace

OVERDUE_BACKGROUND = QColor(OVERDUE_TINT)
OVERDUE_TEXT = QColor(PROBLEM_INK)
NO_DATE = QDate(2000, 1, 1)  # the date edit's "not set" value, shown as its special text


@dataclass(frozen=True)
class RectRow:
    """One line of the list: the entry and the assessment it belongs to."""

    rect: Rectification
    assessment: AssessmentSummary | None
    overdue: bool
    item_text: str = ""  # the requirement the entry is about ("" when the item is gone)

    @property
    def problem(self) -> str:
        """The entry's own 存在问题 (the item is shown beside it, never repeated in it)."""
        return own_problem(self.rect.problem, self.item_text)


class ItemTexts:
    """The text of each item of the assessments' checklists, read once per checklist version."""

    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace
        self._texts: dict[tuple[str, str], dict[str, str]] = {}

    def of(self, assessment: AssessmentSummary | None, code: str) -> str:
        if assessment is None:
            return ""
        key = (assessment.template_id, assessment.template_version)
        if key not in self._texts:
            try:
                template = self._ws.templates.get(*key)
            except InputError:  # the version is no longer installed: the code alone
                self._texts[key] = {}
            else:
                self._texts[key] = {i.code: i.text for i in template.items()}
        return self._texts[key].get(code, "")


def first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


def qdate(value: dt.date | None) -> QDate:
    return NO_DATE if value is None else QDate(value.year, value.month, value.day)


def pydate(value: QDate) -> dt.date | None:
    return None if value == NO_DATE else dt.date(value.year(), value.month(), value.day())


def date_edit(unset_text: str = "") -> QDateEdit:
    """A date field with a calendar; with ``unset_text`` it can also be "not set" (None)."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(NO_DATE)
    if unset_text:
        edit.setSpecialValueText(unset_text)
    edit.setDate(QDate.currentDate())
    return edit


class RectColumns(QObject):
    """The list's columns, and how an entry's status, progress and assessment read."""

    def columns(self) -> list[Column[RectRow]]:
        def shade(row: RectRow) -> Any:
            return QBrush(OVERDUE_BACKGROUND) if row.overdue else None

        def status_colour(row: RectRow) -> Any:
            return QBrush(OVERDUE_TEXT) if row.overdue else None

        base: dict[int, Callable[[RectRow], Any]] = {Qt.ItemDataRole.BackgroundRole: shade}
        return [
            Column(
                lambda: self.tr("Status"),
                self.status_text,
                roles={
                    **base,
                    Qt.ItemDataRole.ForegroundRole: status_colour,
                    Qt.ItemDataRole.DecorationRole: self.status_icon,
                },
            ),
            Column(lambda: self.tr("Item"), lambda r: r.rect.code, roles=base),
            Column(
                lambda: self.tr("Problem"),
                lambda r: first_line(r.problem) or first_line(r.item_text),
                roles={
                    **base,
                    Qt.ItemDataRole.ToolTipRole: lambda r: "\n\n".join(
                        t for t in (r.item_text, r.problem) if t
                    ),
                    Qt.ItemDataRole.ForegroundRole: lambda r: (
                        None if r.problem else QBrush(QColor(MUTED))
                    ),
                },
            ),
            Column(
                lambda: self.tr("Measure"),
                lambda r: first_line(r.rect.measure) or self.tr("(none yet)"),
                roles={**base, Qt.ItemDataRole.ToolTipRole: lambda r: r.rect.measure},
            ),
            Column(lambda: self.tr("Responsible"), lambda r: r.rect.owner, roles=base),
            Column(
                lambda: self.tr("Due"),
                lambda r: r.rect.due.isoformat() if r.rect.due else "—",
                roles=base,
            ),
            Column(lambda: self.tr("Progress"), self.progress_text, roles=base),
            Column(
                lambda: self.tr("Assessment"),
                self.assessment_text,
                roles={**base, Qt.ItemDataRole.ToolTipRole: self.assessment_text},
            ),
        ]

    def status_icon(self, row: RectRow) -> Any:
        # An icon stays visible on a selected row, where the background colour does not.
        if row.overdue:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return None

    def status_text(self, row: RectRow) -> str:
        if row.overdue:
            return self.tr("Overdue")
        return {
            RectStatus.OPEN: self.tr("Open"),
            RectStatus.DONE: self.tr("Done"),
            RectStatus.VERIFIED: self.tr("Verified"),
        }[row.rect.status]

    def progress_text(self, row: RectRow) -> str:
        r = row.rect
        if r.status is RectStatus.VERIFIED and r.verified_on is not None:
            return fill(self.tr("verified %1 by %2"), r.verified_on.isoformat(), r.verified_by)
        if r.done_on is not None:
            return fill(self.tr("done %1"), r.done_on.isoformat())
        return ""

    @staticmethod
    def assessment_text(row: RectRow) -> str:
        a = row.assessment
        if a is None:
            return str(row.rect.assessment_id)
        return f"《{a.template_title}》{a.period}"
