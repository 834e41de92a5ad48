"""The assessment read model: everything the window, the reports and bundles show of one assessment.

The store builds these from the database; they are plain, immutable values, never live ORM
objects, so reports and bundles can be made from them anywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from wjself.core.narrative import Narrative
from wjself.core.review import ReceivedReview
from wjself.core.school import School
from wjself.core.scoring import Score, score
from wjself.core.template import Item, Kind, Template
from wjself.core.values import AnswerValue, display


class Status(StrEnum):
    DRAFT = "draft"
    FINALIZED = "finalized"


CHOICE_KINDS = frozenset({Kind.SINGLE, Kind.MULTIPLE})

STATUS_LABELS: dict[Status, str] = {Status.DRAFT: "草稿", Status.FINALIZED: "已定稿"}


class RectStatus(StrEnum):
    """整改 moves open → done → verified."""

    OPEN = "open"
    DONE = "done"
    VERIFIED = "verified"


RECT_STATUS_LABELS: dict[RectStatus, str] = {
    RectStatus.OPEN: "整改中",
    RectStatus.DONE: "已整改",
    RectStatus.VERIFIED: "已验收",
}


@dataclass(frozen=True, slots=True)
class Evidence:
    """A file attached to an answer, kept in the data folder by content hash."""

    id: int
    code: str  # the item it belongs to
    sha256: str
    name: str  # the original file name, kept as a label
    size: int
    media_type: str
    path: str  # where the stored copy is, for reading it
    added_at: dt.datetime

    @property
    def is_image(self) -> bool:
        return self.media_type.startswith("image/")


@dataclass(frozen=True, slots=True)
class Answer:
    """The current answer to one item: value, note, evidence, and its standing after upgrades."""

    code: str
    value: AnswerValue
    note: str = ""
    updated_at: dt.datetime | None = None
    updated_by: str = ""
    evidence: tuple[Evidence, ...] = ()
    needs_reconfirm: bool = False  # the item was reworded by a template upgrade
    set_aside: AnswerValue = None  # a value that no longer fits after an upgrade


@dataclass(frozen=True, slots=True)
class Rectification:
    """整改: what was wrong with an item, what will be done, by whom and when."""

    id: int
    assessment_id: int
    code: str
    problem: str = ""
    measure: str = ""
    owner: str = ""
    due: dt.date | None = None
    status: RectStatus = RectStatus.OPEN
    done_on: dt.date | None = None
    verified_on: dt.date | None = None
    verified_by: str = ""
    # The item is no longer 不符合 (answer changed, or it became hidden or not applicable) but the
    # entry was kept because someone had already worked on it; the window offers to delete it.
    obsolete: bool = False

    def overdue(self, today: dt.date) -> bool:
        return self.status is RectStatus.OPEN and self.due is not None and self.due < today

    @property
    def planned(self) -> bool:
        """Whether it has what finalizing asks for: a measure, an owner and a due date."""
        return bool(self.measure.strip() and self.owner.strip() and self.due)


@dataclass(frozen=True, slots=True)
class SignOff:
    """Who filled in and who reviewed a finalized assessment, when, and its fingerprint."""

    filled_by: str
    reviewed_by: str
    finalized_at: dt.datetime
    fingerprint: str
    scheme: int = 1  # the fingerprint scheme (core.fingerprint); 1 for wjself 1.0's


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One recorded change: when, who, what, old → new."""

    at: dt.datetime
    who: str
    action: str  # a core.audit.AuditAction value (plain text: an old log reads whatever it holds)
    code: str = ""
    old: str = ""
    new: str = ""


class HistoryReason(StrEnum):
    """Why something of an answer was put in the history."""

    SET_ASIDE = "set_aside"  # the value no longer fits the new item
    REMOVED_ITEM = "removed_item"  # the item is not in the new version


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """An answer a template upgrade took out of use, kept so that nothing is lost.

    ``reason`` is ``set_aside`` (the value no longer fits the reworked item; it is also shown
    beside the item as ``Answer.set_aside`` until someone answers) or ``removed_item`` (the
    item is not in the new version; its rectifications are kept, detached, with the
    assessment).  ``shown`` is the value as it read in the old version.
    """

    id: int
    code: str
    reason: str
    item_text: str  # the item as it was, so the entry reads without the old template
    value: AnswerValue
    shown: str
    note: str
    evidence: tuple[Evidence, ...]
    rectification_ids: tuple[int, ...]
    message: str  # in Chinese: what happened and why
    from_version: str
    to_version: str
    at: dt.datetime
    who: str
    earlier_set_aside: AnswerValue = None  # what an earlier upgrade had set aside on the row


def set_aside_shown(
    code: str, value: AnswerValue, history: Iterable[HistoryEntry], item: Item | None = None
) -> str:
    """A set-aside ``value`` of item ``code`` as it read in the version it was given in.

    That is its history entry's ``shown`` (the newest for this code and value); a draft
    prefilled from a finalized assessment has no entry, so the value is read with ``item``
    (the item now) when given, else as plain text.
    """
    if value is None:
        return ""
    for entry in reversed(list(history)):
        if entry.code == code and entry.reason == HistoryReason.SET_ASIDE and entry.value == value:
            if entry.shown:
                return entry.shown
            break
    if item is not None and not (isinstance(value, list) and item.kind not in CHOICE_KINDS):
        return display(item, value)
    return "、".join(map(str, value)) if isinstance(value, list) else str(value)


@dataclass(frozen=True, slots=True)
class AssessmentSummary:
    """One line of an assessment list: which school and checklist, how far, how well."""

    id: int
    school_id: int
    school_name: str
    template_id: str
    template_version: str
    template_title: str
    period: str
    status: Status
    answered: int
    applicable: int
    percent: float | None  # None while nothing scored is answered
    band: str
    open_rectifications: int
    overdue_rectifications: int
    updated_at: dt.datetime

    @property
    def template_key(self) -> str:
        return f"{self.template_id}@{self.template_version}"


@dataclass(frozen=True, slots=True)
class AnswerRow:
    """One row of an answer file as read, before its value is checked against the item.

    ``value`` is what the file holds (text, number, date, list of names); ``None`` leaves the
    stored value as it is.  ``note`` ``None`` leaves the stored note as it is.
    """

    row: int  # where it is in the file: spreadsheet row number, or position in the JSON list
    code: str
    value: object = None
    note: str | None = None
    # The 整改 plan of a 不符合 item (整改措施, 责任人, 整改期限); None leaves what is stored.
    measure: str | None = None
    owner: str | None = None
    due: object = None

    @property
    def has_plan(self) -> bool:
        """Whether the row gives any part of a 整改 plan."""
        return any(
            x is not None and not (isinstance(x, str) and not x.strip())
            for x in (self.measure, self.owner, self.due)
        )


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an answer import did: rows read, answers changed, rows that changed nothing."""

    rows: int
    changed: int
    unchanged: int


@dataclass(frozen=True, slots=True)
class PreviousResult:
    """The result of the same school's finalized assessment of the same checklist (any
    version) in the latest earlier period: what the report shows beside this one."""

    assessment_id: int
    period: str
    template_version: str
    percent: float | None
    band: str


@dataclass(frozen=True, slots=True)
class AssessmentView:
    """One assessment with everything needed to show, score, report or bundle it."""

    id: int
    school: School
    template: Template  # the snapshot this assessment was started (or upgraded) on
    period: str
    status: Status
    created_at: dt.datetime
    updated_at: dt.datetime
    answers: Mapping[str, Answer] = field(default_factory=lambda: MappingProxyType({}))
    rectifications: tuple[Rectification, ...] = ()
    signoff: SignOff | None = None
    upgraded_from: str = ""  # template version it was upgraded from, if any
    # The bureau's latest review the school imported (outside the fingerprint: it is the
    # bureau's word about the assessment, not part of it).
    review: ReceivedReview | None = None
    narrative: Narrative = field(default_factory=Narrative)  # the written 自查报告 (基本情况 …)
    previous: PreviousResult | None = None  # the period before's result (the store fills it)

    def values(self) -> dict[str, AnswerValue]:
        return {code: a.value for code, a in self.answers.items() if a.value is not None}

    def score(self) -> Score:
        return score(self.template, self.values(), self.school.profile())

    @property
    def finalized(self) -> bool:
        return self.status is Status.FINALIZED

    def rectification_for(self, code: str) -> Rectification | None:
        return next((r for r in self.rectifications if r.code == code), None)

    def title(self) -> str:
        """The report title, e.g. ``XX学校2024年度校园安全自查报告`` (shown in 《》)."""
        match = _TITLE.match(self.template.title)
        if match:
            base, kind, note = match.group(1), match.group(2)[:2], match.group(3) or ""
        else:
            base, kind, note = self.template.title, "自查", ""
        return f"{self.school.name}{self.period}年度{base}{kind}报告{note}"


_TITLE = re.compile(r"^(.*?)(自查表|自评表|检查表)((?:（[^（）]*）|\([^()]*\))?)$")
