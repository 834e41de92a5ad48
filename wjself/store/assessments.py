"""Assessments: start one, list, view, delete a draft, finalize, reopen, history.

- An assessment keeps its own snapshot of the template content it started on; installing a
  new template version never touches it.
- A template whose stages do not concern the school is refused; one assessment per school,
  template id and period (delete the draft to start again).
- Finalizing is refused with the full list of what is missing (required items unanswered
  among the applicable, visible ones; not-met items without measure, owner and due date);
  it records who filled in and who reviewed, the time, the fingerprint and a snapshot of the
  school, and makes the assessment read-only.  Reopening needs a reason and is audited; the
  old fingerprint stays in the audit history.
"""

from __future__ import annotations

import builtins
import datetime as dt
import re
from collections import defaultdict
from types import MappingProxyType

from sqlalchemy import select
from sqlalchemy.orm import Session

from wjself.core.assessment import (
    Answer,
    AssessmentSummary,
    AssessmentView,
    AuditEntry,
    PreviousResult,
    RectStatus,
    SignOff,
    Status,
)
from wjself.core.audit import AuditAction
from wjself.core.errors import Hint, InputError, Problem, Remedy
from wjself.core.finalize import missing_for_finalize
from wjself.core.fingerprint import FINGERPRINT_VERSION, assessment_fingerprint
from wjself.core.narrative import Narrative
from wjself.core.previous import is_earlier, period_key
from wjself.core.scoring import Outcome, score
from wjself.core.stages import STAGES, stages_overlap
from wjself.core.template import Template, version_key
from wjself.core.text import clip
from wjself.core.values import AnswerValue
from wjself.paths import DataPaths
from wjself.store.answers import answer_from_record
from wjself.store.common import (
    MAX_NAME,
    Service,
    audit,
    clean_text,
    draft_assessment,
    get_assessment,
    get_school,
    school_from_record,
    school_of,
    school_to_snapshot,
    template_of,
)
from wjself.store.db import now_in, template_from_content
from wjself.store.evidence import collect_blobs, evidence_from_record
from wjself.store.models import (
    AnswerHistoryEvidenceRecord,
    AnswerHistoryRecord,
    AnswerRecord,
    AssessmentRecord,
    AuditRecord,
    EvidenceRecord,
    RectificationRecord,
    TemplateRecord,
)
from wjself.store.narratives import narrative_of, write_narrative
from wjself.store.rectifications import rectification_from_record, sync_rectifications
from wjself.store.review_records import latest_review

PERIOD = re.compile(r"^\d{4}\S{0,28}$")


def build_view(s: Session, a: AssessmentRecord, paths: DataPaths) -> AssessmentView:
    """Everything about assessment ``a`` as plain values (in the caller's transaction)."""
    school = school_of(s, a)
    template = template_of(a)
    evidence: dict[str, list[EvidenceRecord]] = defaultdict(list)
    for e in s.scalars(
        select(EvidenceRecord)
        .where(EvidenceRecord.assessment_id == a.id)
        .order_by(EvidenceRecord.id)
    ):
        evidence[e.code].append(e)
    answers: dict[str, Answer] = {}
    for r in s.scalars(select(AnswerRecord).where(AnswerRecord.assessment_id == a.id)):
        answers[r.code] = answer_from_record(
            r, [evidence_from_record(e, paths) for e in evidence.pop(r.code, [])]
        )
    for code, files in evidence.items():  # evidence on an item not answered yet
        answers[code] = Answer(
            code=code, value=None, evidence=tuple(evidence_from_record(e, paths) for e in files)
        )
    order = {item.code: i for i, item in enumerate(template.items())}
    ordered = dict(sorted(answers.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))
    values = {code: x.value for code, x in ordered.items() if x.value is not None}
    result = score(template, values, school.profile())
    rects = sorted(
        s.scalars(select(RectificationRecord).where(RectificationRecord.assessment_id == a.id)),
        key=lambda r: (order.get(r.code, len(order)), r.code),
    )
    failing = {c for c, r in result.items.items() if r.outcome is Outcome.NOT_MET}
    signoff = None
    if a.status == Status.FINALIZED and a.finalized_at is not None:
        signoff = SignOff(
            a.filled_by, a.reviewed_by, a.finalized_at, a.fingerprint, a.fingerprint_scheme
        )
    return AssessmentView(
        id=a.id,
        school=school,
        template=template,
        period=a.period,
        status=Status(a.status),
        created_at=a.created_at,
        updated_at=a.updated_at,
        answers=MappingProxyType(ordered),
        rectifications=tuple(rectification_from_record(r, r.code not in failing) for r in rects),
        signoff=signoff,
        upgraded_from=a.upgraded_from,
        review=latest_review(s, a.id),
        narrative=narrative_of(a),
        previous=previous_result(s, a),
    )


def reopen_record(s: Session, who: str, a: AssessmentRecord, why: str) -> None:
    """Make the finalized ``a`` a draft again in the caller's transaction, audited with ``why``
    and the old fingerprint (a reopen by hand, or a review that returned the assessment)."""
    audit(
        s,
        who,
        AuditAction.ASSESSMENT_REOPEN,
        a.id,
        old=f"指纹 {a.fingerprint}；定稿于 {a.finalized_at.isoformat() if a.finalized_at else ''}",
        new=f"原因：{why}",
    )
    a.status = Status.DRAFT.value
    a.finalized_at = None
    a.fingerprint = ""
    a.fingerprint_scheme = 1
    a.school_snapshot = None
    a.updated_at = now_in(s)
    s.flush()
    sync_rectifications(s, a)


def answered_values(s: Session, assessment_id: int) -> dict[str, AnswerValue]:
    """The stored values of an assessment's answered items, by code (what scoring reads)."""
    query = select(AnswerRecord.code, AnswerRecord.value).where(
        AnswerRecord.assessment_id == assessment_id
    )
    return {code: value for code, value in s.execute(query).all() if value is not None}


def previous_result(s: Session, a: AssessmentRecord) -> PreviousResult | None:
    """The result of the school's finalized assessment of ``a``'s checklist (any version) in
    the latest period before ``a``'s; the latest finalized when a period has several."""
    earlier = [
        r
        for r in s.scalars(
            select(AssessmentRecord).where(
                AssessmentRecord.school_id == a.school_id,
                AssessmentRecord.template_id == a.template_id,
                AssessmentRecord.status == Status.FINALIZED.value,
                AssessmentRecord.id != a.id,
            )
        )
        if is_earlier(r.period, a.period)
    ]
    if not earlier:
        return None
    best = max(earlier, key=lambda r: (period_key(r.period), r.finalized_at or r.updated_at, r.id))
    result = score(template_of(best), answered_values(s, best.id), school_of(s, best).profile())
    return PreviousResult(best.id, best.period, best.template_version, result.percent, result.band)


def installed_template(s: Session, template_id: str, version: str | None) -> TemplateRecord:
    """The installed version (the newest when None), or InputError naming what is installed."""
    candidates = list(
        s.scalars(select(TemplateRecord).where(TemplateRecord.template_id == template_id))
    )
    if not candidates:
        raise InputError(
            [
                Problem(
                    f"模板 {template_id} 未安装",
                    field="template",
                    hint=Hint(Remedy.LIST_TEMPLATES),
                )
            ]
        )
    if version is None:
        return max(candidates, key=lambda r: version_key(r.version))
    found = [r for r in candidates if r.version == version]
    if not found:
        have = "、".join(sorted((r.version for r in candidates), key=version_key))
        raise InputError(
            [
                Problem(
                    f"模板 {template_id} 没有版本 {version}（已安装：{have}）",
                    field="template",
                )
            ]
        )
    return found[0]


def create_assessment(
    s: Session, who: str, school_id: int, template_id: str, version: str | None, period: str
) -> AssessmentRecord:
    """Add a new draft in the caller's transaction (with its audit row), after every check.

    One assessment per school, template and period, except that a finalized one on an older
    version leaves room for a draft on a newer version (a finalized assessment cannot be
    upgraded; its successor is started beside it, prefilled or not).
    """
    period = period.strip()
    if not PERIOD.match(period):
        raise InputError(
            [
                Problem(
                    f"期间“{clip(period, 41)}”无效：以四位年份开头，如 2024、2024-2025学年、2024春",
                    field="period",
                )
            ]
        )
    school = school_from_record(get_school(s, school_id))
    record = installed_template(s, template_id, version)
    template = template_from_content(record.sha256, record.content)
    if not stages_overlap(template.stages, school.stages):
        raise InputError(
            [
                Problem(
                    f"模板《{template.title}》只适用于{'、'.join(sorted(template.stages, key=STAGES.index))}，"
                    f"而“{school.name}”的学段是{'、'.join(school.stages)}",
                    field="template",
                )
            ]
        )
    for same in s.scalars(
        select(AssessmentRecord).where(
            AssessmentRecord.school_id == school_id,
            AssessmentRecord.template_id == template_id,
            AssessmentRecord.period == period,
        )
    ):
        if same.status == Status.FINALIZED and version_key(same.template_version) < version_key(
            template.version
        ):
            continue
        draft = same.status == Status.DRAFT
        what = "请继续填写它，或先删除该草稿再新建" if draft else "它已定稿；如需修改，请先撤销定稿"
        raise InputError(
            [
                Problem(
                    f"“{school.name}”{period} 已有《{template.title}》自评（自评 {same.id}，"
                    f"{same.template_version} 版）；{what}",
                    field="period",
                    hint=None if draft else Hint(Remedy.REOPEN, same.id),
                )
            ]
        )
    stamp = now_in(s)
    a = AssessmentRecord(
        school_id=school_id,
        template_id=template.id,
        template_version=template.version,
        template_sha256=record.sha256,
        template_content=record.content,
        period=period,
        status=Status.DRAFT.value,
        created_at=stamp,
        updated_at=stamp,
        filled_by="",
        reviewed_by="",
        finalized_at=None,
        fingerprint="",
        upgraded_from="",
    )
    s.add(a)
    s.flush()
    audit(s, who, AuditAction.ASSESSMENT_NEW, a.id, new=f"{template.key} {period}")
    return a


class AssessmentService(Service):
    """``workspace.assessments``."""

    def new(self, school_id: int, template_id: str, version: str | None, period: str) -> int:
        """Start an assessment of school ``school_id`` on a template (newest version if None).

        To start one from a finalized assessment's answers, see ``upgrades.new_prefilled``.
        """
        with self._db.write() as s:
            return create_assessment(
                s, self._operator(), school_id, template_id, version, period
            ).id

    def list(
        self,
        school_id: int | None = None,
        period: str | None = None,
        status: Status | None = None,
        today: dt.date | None = None,
    ) -> list[AssessmentSummary]:
        """Assessments (filtered), newest period first, then by school and template."""
        today = today or dt.date.today()
        stmt = select(AssessmentRecord)
        if school_id is not None:
            stmt = stmt.where(AssessmentRecord.school_id == school_id)
        if period is not None:
            stmt = stmt.where(AssessmentRecord.period == period)
        if status is not None:
            stmt = stmt.where(AssessmentRecord.status == Status(status).value)
        out: list[AssessmentSummary] = []
        with self._db.read() as s:
            for a in s.scalars(stmt.order_by(AssessmentRecord.id)):
                out.append(self._summary(s, a, today))
        out.sort(key=lambda x: (_desc(x.period), x.school_name, x.template_id, x.id))
        return out

    def view(self, assessment_id: int) -> AssessmentView:
        with self._db.read() as s:
            return build_view(s, get_assessment(s, assessment_id), self._db.paths)

    def template(self, assessment_id: int) -> Template:
        """The template snapshot assessment ``assessment_id`` is on (without loading its answers)."""
        with self._db.read() as s:
            return template_of(get_assessment(s, assessment_id))

    def narrative(self, assessment_id: int) -> Narrative:
        """The written 自查报告 (four empty parts until written)."""
        with self._db.read() as s:
            return narrative_of(get_assessment(s, assessment_id))

    def set_narrative(self, assessment_id: int, narrative: Narrative) -> Narrative:
        """Store the written 自查报告 (drafts only; one audit row per part changed)."""
        with self._db.write() as s:
            return write_narrative(s, self._operator(), assessment_id, narrative)

    def missing(self, assessment_id: int) -> builtins.list[Problem]:
        """What finalizing would refuse for now (empty when it can be finalized)."""
        return missing_for_finalize(self.view(assessment_id))

    def delete(self, assessment_id: int) -> None:
        """Delete a draft with its answers, evidence and rectifications (the audit log stays)."""
        with self._db.write() as s:
            a = draft_assessment(s, assessment_id)
            hashes = list(
                s.scalars(select(EvidenceRecord.sha256).where(EvidenceRecord.assessment_id == a.id))
            )
            hashes += s.scalars(
                select(AnswerHistoryEvidenceRecord.sha256)
                .join(AnswerHistoryRecord)
                .where(AnswerHistoryRecord.assessment_id == a.id)
            )
            school = get_school(s, a.school_id)
            audit(
                s,
                self._operator(),
                AuditAction.ASSESSMENT_DELETE,
                a.id,
                old=f"{school.name} {a.template_id}@{a.template_version} {a.period}",
            )
            s.flush()
            s.delete(a)
        collect_blobs(self._db, hashes)

    def finalize(self, assessment_id: int, filled_by: str, reviewed_by: str) -> SignOff:
        """Finalize (定稿) or raise InputError listing everything that is missing."""
        filled = clean_text(filled_by, "填表人", MAX_NAME, "filled_by")
        reviewed = clean_text(reviewed_by, "审核人", MAX_NAME, "reviewed_by")
        with self._db.write() as s:
            a = draft_assessment(s, assessment_id)
            view = build_view(s, a, self._db.paths)
            problems = missing_for_finalize(view)
            if not filled:
                problems.append(Problem("缺少填表人", field="filled_by"))
            if not reviewed:
                problems.append(Problem("缺少审核人（校长）", field="reviewed_by"))
            if problems:
                raise InputError(problems)
            stamp = now_in(s)
            fp = assessment_fingerprint(
                view, filled, reviewed, scheme=FINGERPRINT_VERSION, finalized_on=stamp.date()
            )
            a.status = Status.FINALIZED.value
            a.filled_by = filled
            a.reviewed_by = reviewed
            a.finalized_at = stamp
            a.fingerprint = fp
            a.fingerprint_scheme = FINGERPRINT_VERSION
            a.school_snapshot = school_to_snapshot(view.school)
            a.updated_at = stamp
            audit(
                s,
                self._operator(),
                AuditAction.ASSESSMENT_FINALIZE,
                a.id,
                new=f"指纹 {fp}；填表人 {filled}；审核人 {reviewed}",
            )
            return SignOff(filled, reviewed, stamp, fp, FINGERPRINT_VERSION)

    def reopen(self, assessment_id: int, reason: str) -> None:
        """Make a finalized assessment a draft again; the reason and old fingerprint are audited."""
        why = clean_text(reason, "撤销定稿的原因", 500, "reason")
        if not why:
            raise InputError([Problem("撤销定稿须说明原因（--reason）", field="reason")])
        with self._db.write() as s:
            a = get_assessment(s, assessment_id)
            if a.status != Status.FINALIZED:
                raise InputError([Problem(f"自评 {assessment_id} 是草稿，无需撤销定稿")])
            reopen_record(s, self._operator(), a, why)

    def fingerprint(self, assessment_id: int) -> str:
        """The fingerprint recomputed from what is stored now (equals the recorded one if intact)."""
        view = self.view(assessment_id)
        if view.signoff is None:
            raise InputError([Problem(f"自评 {assessment_id} 尚未定稿，没有指纹")])
        return assessment_fingerprint(view)

    def history(self, assessment_id: int) -> builtins.list[AuditEntry]:
        """The audit log of one assessment, oldest first."""
        with self._db.read() as s:
            get_assessment(s, assessment_id)
            rows = s.scalars(
                select(AuditRecord)
                .where(AuditRecord.assessment_id == assessment_id)
                .order_by(AuditRecord.id)
            )
            return [AuditEntry(r.at, r.who, r.action, r.code, r.old, r.new) for r in rows]

    @staticmethod
    def _summary(s: Session, a: AssessmentRecord, today: dt.date) -> AssessmentSummary:
        school = school_of(s, a)
        template = template_of(a)
        result = score(template, answered_values(s, a.id), school.profile())
        dues = list(
            s.execute(
                select(RectificationRecord.due).where(
                    RectificationRecord.assessment_id == a.id,
                    RectificationRecord.status == RectStatus.OPEN.value,
                )
            ).scalars()
        )
        return AssessmentSummary(
            id=a.id,
            school_id=a.school_id,
            school_name=school.name,
            template_id=a.template_id,
            template_version=a.template_version,
            template_title=template.title,
            period=a.period,
            status=Status(a.status),
            answered=result.overall.answered,
            applicable=result.overall.applicable,
            percent=result.percent,
            band=result.band,
            open_rectifications=len(dues),
            overdue_rectifications=sum(1 for d in dues if d is not None and d < today),
            updated_at=a.updated_at,
        )


def _desc(period: str) -> tuple[int, ...]:
    return tuple(-ord(ch) for ch in period)
