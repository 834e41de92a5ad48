"""Template upgrades applied: a draft moved to a newer template version, or a new draft prefilled.

``core.upgrade`` decides what happens to every answer; this module carries the decision out.

- ``plan`` is the preview (a read transaction); ``apply`` recomputes the plan inside ONE write
  transaction, compares its ``basis`` with the previewed one when given (the draft must not
  have changed in between), takes a database backup (``backups/pre-upgrade-ID-…``) while it
  holds the write lock, and writes everything: the new answer rows with ``needs_reconfirm``
  and ``set_aside``; a history entry (``answer_history``, with note and evidence) for every
  set-aside answer and every answer of a removed item; the removed items' answers and evidence
  rows taken out of the current answers (their files stay, the history refers to them); their
  rectifications kept, detached; the assessment's template snapshot moved to the new version
  with ``upgraded_from``; and the audit rows.  A failure anywhere leaves nothing changed.
- Finalized assessments, the same or a lower version and another template id are refused
  (``core.upgrade.upgrade_problems`` says why); so is a version that is not installed.
- ``new_prefilled`` starts a draft on a (usually newer) version from a finalized assessment's
  answers by item code: values, notes and evidence carry over, a value that does not fit is put
  beside the item (``set_aside``), rectifications stay with the finalized assessment.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wjself.core.assessment import Status
from wjself.core.audit import AuditAction
from wjself.core.errors import Hint, InputError, Problem, Remedy
from wjself.core.template import Template, version_key
from wjself.core.upgrade import (
    AppliedPlan,
    UpgradeOffer,
    UpgradePlan,
    plan_upgrade,
    prefill_from,
)
from wjself.paths import DataPaths
from wjself.store import backup
from wjself.store.assessments import build_view, create_assessment, installed_template
from wjself.store.common import Service, audit, get_assessment, get_school, school_from_record
from wjself.store.db import now_in, template_from_content
from wjself.store.models import (
    AnswerHistoryEvidenceRecord,
    AnswerHistoryRecord,
    AnswerRecord,
    AssessmentRecord,
    EvidenceRecord,
    TemplateRecord,
)
from wjself.store.rectifications import sync_rectifications


class UpgradeService(Service):
    """``workspace.upgrades``."""

    def offers(self, school_id: int | None = None) -> list[UpgradeOffer]:
        """The assessments (of ``school_id``, else all) whose template has a newer installed
        version than their own, by assessment id; for a finalized one, ``successor`` is the
        assessment of a later version already started for the same school, template and period."""
        with self._db.read() as s:
            newest: dict[str, str] = {}
            for template_id, version in s.execute(
                select(TemplateRecord.template_id, TemplateRecord.version)
            ):
                if template_id not in newest or version_key(version) > version_key(
                    newest[template_id]
                ):
                    newest[template_id] = version
            stmt = select(
                AssessmentRecord.id,
                AssessmentRecord.school_id,
                AssessmentRecord.template_id,
                AssessmentRecord.template_version,
                AssessmentRecord.period,
                AssessmentRecord.status,
            )
            if school_id is not None:
                stmt = stmt.where(AssessmentRecord.school_id == school_id)
            rows = list(s.execute(stmt.order_by(AssessmentRecord.id)))
        offers = []
        for aid, school, template_id, version, period, status in rows:
            top = newest.get(template_id)
            if top is None or version_key(top) <= version_key(version):
                continue
            successor = None
            if status == Status.FINALIZED:
                successor = next(
                    (
                        other
                        for other, o_school, o_template, o_version, o_period, _ in rows
                        if other != aid
                        and (o_school, o_template, o_period) == (school, template_id, period)
                        and version_key(o_version) > version_key(version)
                    ),
                    None,
                )
            offers.append(UpgradeOffer(aid, Status(status), template_id, version, top, successor))
        return offers

    def offer(self, assessment_id: int) -> UpgradeOffer | None:
        """The newer version assessment ``assessment_id`` could move to (or start a prefilled
        draft of, when finalized); None when its version is the newest installed."""
        with self._db.read() as s:
            school_id = get_assessment(s, assessment_id).school_id
        return next((o for o in self.offers(school_id) if o.assessment_id == assessment_id), None)

    def plan(self, assessment_id: int, version: str) -> UpgradePlan:
        """What moving draft ``assessment_id`` to ``version`` of its template would do.

        Raises InputError (nothing changes) when it may not: finalized, same or lower version,
        version not installed.
        """
        with self._db.read() as s:
            a = get_assessment(s, assessment_id)
            return _plan(s, a, _target(s, a, version), self._db.paths)

    def apply(self, assessment_id: int, version: str, *, basis: str | None = None) -> AppliedPlan:
        """Move draft ``assessment_id`` to ``version`` in one transaction; returns what was done
        and the backup taken first.  ``basis``: the previewed plan's; if the draft changed since,
        InputError and nothing changes."""
        with self._db.write() as s:
            a = get_assessment(s, assessment_id)
            record = _target(s, a, version)
            plan = _plan(s, a, record, self._db.paths)
            if basis is not None and basis != plan.basis:
                raise InputError(
                    [
                        Problem(
                            f"自评 {assessment_id} 在预览之后有改动（答案、佐证或整改），预览已不准确；"
                            "请重新预览后再升级",
                            field="basis",
                        )
                    ]
                )
            # Taken while this transaction holds the write lock and has written nothing: the
            # backup is exactly the state the plan was made from.
            saved = backup.pre_upgrade_backup(self._db.paths, a.id)
            write_plan(s, a, plan, record, self._operator(), now_in(s))
        return AppliedPlan(assessment_id, plan, str(saved))

    def prefill_plan(
        self, source_id: int, template_id: str, version: str | None = None
    ) -> UpgradePlan:
        """What a new draft of ``template_id`` (newest version if None) would get from finalized
        assessment ``source_id``."""
        with self._db.read() as s:
            source = _finalized_source(s, source_id)
            record = installed_template(s, template_id, version)
            return _prefill(s, source, record, self._db.paths)

    def new_prefilled(
        self, school_id: int, template_id: str, version: str | None, period: str, source_id: int
    ) -> AppliedPlan:
        """Start a draft (as ``assessments.new``) prefilled from finalized ``source_id``'s
        answers by item code, in one transaction; the source is not changed."""
        who = self._operator()
        with self._db.write() as s:
            source = _finalized_source(s, source_id)
            if source.school_id != school_id:
                raise InputError(
                    [
                        Problem(
                            f"自评 {source_id} 属于另一所学校，只能用本校的定稿自评预填",
                            field="prefill_from",
                        )
                    ]
                )
            if source.template_id != template_id:
                raise InputError(
                    [
                        Problem(
                            f"自评 {source_id} 用的是模板 {source.template_id}，"
                            f"不能用它的答案预填模板 {template_id} 的自评",
                            field="prefill_from",
                        )
                    ]
                )
            a = create_assessment(s, who, school_id, template_id, version, period)
            record = installed_template(s, template_id, a.template_version)
            plan = _prefill(s, source, record, self._db.paths)
            stamp = now_in(s)
            _write_rows(s, a, plan, who, stamp, copy_from=source.id)
            _write_audit(s, a, plan, who, stamp, source=source)
            s.flush()
            sync_rectifications(s, a)
            return AppliedPlan(a.id, plan)


# ---------------------------------------------------------------- planning


def _target(s: Session, a: AssessmentRecord, version: str) -> TemplateRecord:
    return installed_template(s, a.template_id, version.strip())


def _plan(s: Session, a: AssessmentRecord, record: TemplateRecord, paths: DataPaths) -> UpgradePlan:
    view = build_view(s, a, paths)
    new = template_from_content(record.sha256, record.content)
    # Entries an earlier upgrade detached are already listed and in the history; this upgrade
    # does not remove their items again (one whose item comes back is attached again by sync).
    codes = {item.code for item in view.template.items()}
    attached = [r for r in view.rectifications if r.code in codes]
    return plan_upgrade(
        view.template,
        new,
        view.answers,
        attached,
        status=view.status,
        profile=view.school.profile(),
    )


def _finalized_source(s: Session, source_id: int) -> AssessmentRecord:
    source = get_assessment(s, source_id)
    if source.status != Status.FINALIZED:
        raise InputError(
            [
                Problem(
                    f"自评 {source_id} 是草稿，只能用已定稿的自评预填；草稿可以直接升级到新版本",
                    field="prefill_from",
                    hint=Hint(Remedy.UPGRADE, source_id),
                )
            ]
        )
    return source


def _prefill(
    s: Session, source: AssessmentRecord, record: TemplateRecord, paths: DataPaths
) -> UpgradePlan:
    view = build_view(s, source, paths)
    new: Template = template_from_content(record.sha256, record.content)
    # The new draft is scored with the school as it is now (the source keeps its snapshot).
    school = school_from_record(get_school(s, source.school_id))
    return prefill_from(view.answers, new, view.template, profile=school.profile())


# ---------------------------------------------------------------- writing


def write_plan(
    s: Session,
    a: AssessmentRecord,
    plan: UpgradePlan,
    record: TemplateRecord,
    who: str,
    stamp: dt.datetime,
) -> None:
    """Carry out an upgrade plan on draft ``a`` in the caller's transaction."""
    _write_history(s, a, plan, who, stamp)
    _write_rows(s, a, plan, who, stamp)
    a.template_version = record.version
    a.template_sha256 = record.sha256
    a.template_content = record.content
    a.upgraded_from = plan.from_version
    a.updated_at = stamp
    _write_audit(s, a, plan, who, stamp)
    s.flush()
    sync_rectifications(s, a)


def _write_history(
    s: Session, a: AssessmentRecord, plan: UpgradePlan, who: str, stamp: dt.datetime
) -> None:
    """History entries with their evidence; answers and evidence rows of removed items go."""
    evidence = {
        e.id: e
        for e in s.scalars(select(EvidenceRecord).where(EvidenceRecord.assessment_id == a.id))
    }
    answers = {
        r.code: r for r in s.scalars(select(AnswerRecord).where(AnswerRecord.assessment_id == a.id))
    }
    removed = {o.code for o in plan.removed}
    shown = {o.code: o.old_display for o in plan.outcomes()}
    entries = []
    for h in plan.history:
        entry = AnswerHistoryRecord(
            assessment_id=a.id,
            code=h.code,
            reason=h.reason.value,
            item_text=h.item_text,
            value=h.value,
            shown=shown.get(h.code, ""),
            earlier_set_aside=h.set_aside,
            note=h.note,
            rectification_ids=list(h.rectification_ids),
            message=h.message,
            from_version=plan.from_version,
            to_version=plan.to_version,
            at=stamp,
            who=who,
        )
        entries.append(entry)
    s.add_all(entries)
    s.flush()  # one flush gives every entry its id
    for h, entry in zip(plan.history, entries, strict=True):
        for evidence_id in h.evidence_ids:
            e = evidence[evidence_id]
            s.add(AnswerHistoryEvidenceRecord(history_id=entry.id, **_evidence_fields(e)))
            if h.code in removed:
                s.delete(e)
        if h.code in removed and h.code in answers:
            s.delete(answers.pop(h.code))


def _write_rows(
    s: Session,
    a: AssessmentRecord,
    plan: UpgradePlan,
    who: str,
    stamp: dt.datetime,
    copy_from: int | None = None,
) -> None:
    """The answer rows of the plan that differ from what is stored (all of them for a prefill,
    whose evidence rows are copied from assessment ``copy_from``)."""
    answers = {
        r.code: r for r in s.scalars(select(AnswerRecord).where(AnswerRecord.assessment_id == a.id))
    }
    sources = {}
    if copy_from is not None:
        sources = {
            e.id: e
            for e in s.scalars(
                select(EvidenceRecord).where(EvidenceRecord.assessment_id == copy_from)
            )
        }
    for row in plan.rows:
        if copy_from is not None:
            for evidence_id in row.evidence_ids:
                e = sources[evidence_id]
                s.add(EvidenceRecord(assessment_id=a.id, code=row.code, **_evidence_fields(e)))
        if not row.changed:
            continue
        record = answers.get(row.code)
        empty = row.value is None and not row.note and not row.needs_reconfirm
        if record is None:
            if empty and row.set_aside is None:
                continue
            s.add(
                AnswerRecord(
                    assessment_id=a.id,
                    code=row.code,
                    value=row.value,
                    note=row.note,
                    updated_at=stamp,
                    updated_by=who,
                    needs_reconfirm=row.needs_reconfirm,
                    set_aside=row.set_aside,
                )
            )
            continue
        if record.value != row.value or record.note != row.note:
            record.updated_at = stamp
            record.updated_by = who
        record.value = row.value
        record.note = row.note
        record.needs_reconfirm = row.needs_reconfirm
        record.set_aside = row.set_aside


def _write_audit(
    s: Session,
    a: AssessmentRecord,
    plan: UpgradePlan,
    who: str,
    stamp: dt.datetime,
    source: AssessmentRecord | None = None,
) -> None:
    for entry in plan.audit(stamp, who, source.id if source is not None else None):
        action = AuditAction(entry.action)
        audit(s, entry.who, action, a.id, entry.code, entry.old, entry.new, at=entry.at)


def _evidence_fields(e: EvidenceRecord) -> dict[str, Any]:
    """What an evidence row says of its file, to copy it to history or to another assessment."""
    return {
        "sha256": e.sha256,
        "name": e.name,
        "size": e.size,
        "media_type": e.media_type,
        "added_at": e.added_at,
        "added_by": e.added_by,
    }
