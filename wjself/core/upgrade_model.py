"""What an upgrade plan is made of: the records ``core/upgrade.py`` decides and the store writes.

``UpgradePlan`` holds, for every answer row of a draft, an ``AnswerOutcome`` (the disposition
and why), the ``AnswerRow`` the upgraded draft gets and the ``HistoryRecord`` kept of what
moved; the module docstring of ``core/upgrade.py`` tells the rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from wjself.core.assessment import AuditEntry, Evidence, HistoryReason, Rectification, Status
from wjself.core.audit import AuditAction
from wjself.core.diff import ItemDiff, TemplateDiff
from wjself.core.values import AnswerValue


class PlanMode(StrEnum):
    """What a plan is for: moving a draft (``upgrade``) or starting one from a finalized
    assessment (``prefill``)."""

    UPGRADE = "upgrade"
    PREFILL = "prefill"


class Disposition(StrEnum):
    """What an upgrade does with one answer row."""

    CARRIED = "carried"
    RECONFIRM = "reconfirm"
    SET_ASIDE = "set_aside"
    REMOVED = "removed"


@dataclass(frozen=True, slots=True)
class AnswerOutcome:
    """What happens to one answer row, for the report: before, after, and why."""

    code: str
    text: str  # the item's text in the new version (the old one for removed items)
    disposition: Disposition
    old_value: AnswerValue
    value: AnswerValue  # what the item holds afterwards (None when set aside or removed)
    old_display: str  # the old value as a person reads it, in the old item's terms
    reasons: tuple[str, ...] = ()  # why re-confirm / set aside, and remarks for carried ones
    note: str = ""
    evidence: tuple[Evidence, ...] = ()
    rectifications: tuple[Rectification, ...] = ()


@dataclass(frozen=True, slots=True)
class AnswerRow:
    """The answer row the upgraded (or prefilled) draft holds for one item.

    ``changed`` says whether it differs from the row before (value or flags), so the store
    can skip rows that stay as they are.
    """

    code: str
    value: AnswerValue
    note: str
    needs_reconfirm: bool
    set_aside: AnswerValue
    evidence_ids: tuple[int, ...]
    changed: bool


@dataclass(frozen=True, slots=True)
class HistoryRecord:
    """What the store keeps in the answer history: nothing an upgrade moves is lost."""

    code: str
    reason: HistoryReason
    item_text: str  # so the history reads without the old template
    value: AnswerValue
    set_aside: AnswerValue  # what an earlier upgrade had set aside on this row, if anything
    note: str
    evidence_ids: tuple[int, ...]
    rectification_ids: tuple[int, ...]
    message: str  # in Chinese: what happened and why


@dataclass(frozen=True, slots=True)
class PlanCounts:
    """The figures of a plan; each is the length of the matching list."""

    answered: int  # answer rows looked at (plus rectifications of removed items without one)
    carried: int
    reconfirm: int
    set_aside: int
    removed: int
    added_unanswered: int
    removed_evidence: int
    removed_rectifications: int


@dataclass(frozen=True, slots=True)
class UpgradePlan:
    """The complete, I/O-free decision for moving a draft from one version to another."""

    mode: PlanMode
    template_id: str
    from_version: str
    to_version: str
    title: str
    diff: TemplateDiff
    carried: tuple[AnswerOutcome, ...] = ()
    reconfirm: tuple[AnswerOutcome, ...] = ()
    set_aside: tuple[AnswerOutcome, ...] = ()
    removed: tuple[AnswerOutcome, ...] = ()
    added_unanswered: tuple[ItemDiff, ...] = ()
    rows: tuple[AnswerRow, ...] = ()
    history: tuple[HistoryRecord, ...] = ()
    detached_rectifications: tuple[Rectification, ...] = ()  # of removed items; keep them
    score_before: float | None = None
    band_before: str = ""
    score_after: float | None = None
    band_after: str = ""
    scored: bool = False  # whether the scores above were computed (a profile was given)
    basis: str = ""  # SHA-256 of the inputs; equal bases mean equal plans

    @property
    def counts(self) -> PlanCounts:
        return PlanCounts(
            answered=len(self.carried)
            + len(self.reconfirm)
            + len(self.set_aside)
            + len(self.removed),
            carried=len(self.carried),
            reconfirm=len(self.reconfirm),
            set_aside=len(self.set_aside),
            removed=len(self.removed),
            added_unanswered=len(self.added_unanswered),
            removed_evidence=sum(len(o.evidence) for o in self.removed),
            removed_rectifications=len(self.detached_rectifications),
        )

    def outcomes(self) -> tuple[AnswerOutcome, ...]:
        return self.carried + self.reconfirm + self.set_aside + self.removed

    def outcome(self, code: str) -> AnswerOutcome | None:
        return next((o for o in self.outcomes() if o.code == code), None)

    def row(self, code: str) -> AnswerRow | None:
        return next((r for r in self.rows if r.code == code), None)

    def audit(
        self, at: dt.datetime, who: str, source_id: int | None = None
    ) -> tuple[AuditEntry, ...]:
        """The audit-log entries the store records with the plan, as people read them.

        ``source_id``: the finalized assessment a prefilled draft was started from.
        """
        c = self.counts
        old = f"{self.template_id}@{self.from_version}"
        if self.mode is PlanMode.PREFILL:
            action = AuditAction.ASSESSMENT_PREFILL
            if source_id is not None:
                old = f"自评 {source_id}（{old}，已定稿）"
            new = (
                f"{self.template_id}@{self.to_version}；预填 {c.carried + c.reconfirm} 项"
                f"（其中需重新确认 {c.reconfirm} 项），不预填 {c.set_aside + c.removed} 项"
            )
        else:
            action = AuditAction.ASSESSMENT_UPGRADE
            new = (
                f"{self.template_id}@{self.to_version}；沿用 {c.carried} 项，需重新确认 "
                f"{c.reconfirm} 项，暂存 {c.set_aside} 项，移入历史 {c.removed} 项"
            )
        out = [AuditEntry(at, who, action, "", old, new)]
        for o in self.reconfirm:
            out.append(
                AuditEntry(
                    at,
                    who,
                    AuditAction.ANSWER_NEEDS_RECONFIRM,
                    o.code,
                    o.old_display,
                    o.old_display,
                )
            )
        for o in self.set_aside:
            out.append(AuditEntry(at, who, AuditAction.ANSWER_SET_ASIDE, o.code, o.old_display, ""))
        if self.mode is PlanMode.UPGRADE:
            for o in self.removed:
                out.append(
                    AuditEntry(at, who, AuditAction.ANSWER_ITEM_REMOVED, o.code, o.old_display, "")
                )
        return tuple(out)


@dataclass(frozen=True, slots=True)
class AppliedPlan:
    """A plan the store has carried out: the assessment upgraded (or newly prefilled) and the
    database backup taken just before an upgrade (empty for a prefill)."""

    assessment_id: int
    plan: UpgradePlan
    backup: str = ""


@dataclass(frozen=True, slots=True)
class UpgradeOffer:
    """A newer installed version of an assessment's template.

    A draft can be moved to ``newest`` (``plan_upgrade``); a finalized assessment never is, but
    a draft of ``newest`` can be started from it (``prefill_from``) — unless ``successor``, a
    later-version assessment of the same school, template and period, already exists.
    """

    assessment_id: int
    status: Status
    template_id: str
    version: str  # the assessment's own
    newest: str  # the newest installed version, newer than ``version``
    successor: int | None = None

    @property
    def is_draft(self) -> bool:
        return self.status is Status.DRAFT
