"""整改 (rectification): entries follow the not-met items; people fill in and progress them.

Rules:
- An item whose outcome is 不符合 gets an entry automatically, its problem prefilled from the
  answer's note alone (the item is shown beside it everywhere; kept in step with the note
  until someone edits the entry).
- When the item stops being 不符合 (answer changed, item hidden or no longer applicable), an
  entry nobody has edited is removed; an edited one is kept and shows as ``obsolete`` so the
  person decides (``delete`` then removes it).
- An entry whose item a template upgrade removed is kept, detached: listed (``obsolete``),
  never created or removed automatically; ``delete`` removes it.
- Status moves open → done → verified (``core.rectification_status``), with the completion date, the verification date and
  the verifier; progress may be recorded after the assessment is finalized (it is follow-up
  work, outside the fingerprint), and every change is audited.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wjself.core import expressions
from wjself.core.assessment import RECT_STATUS_LABELS, Rectification, RectStatus
from wjself.core.audit import AuditAction
from wjself.core.errors import InputError, Problem
from wjself.core.rectification_status import settled
from wjself.core.scoring import Outcome, score
from wjself.core.template import Item, Section, Template
from wjself.store.common import (
    MAX_NAME,
    MAX_NOTE,
    Service,
    audit,
    clean_text,
    get_assessment,
    school_of,
    template_of,
)
from wjself.store.db import now_in
from wjself.store.models import AnswerRecord, AssessmentRecord, RectificationRecord


def problem_text(note: str) -> str:
    """The problem an automatic entry starts with: the answer's note, or nothing.

    Not the item's text: every view shows the item beside the entry (the walkthrough's
    detail, the rectifications page, the report's 整改清单), so repeating it would print it twice.
    """
    return note.strip()


def not_met_codes(s: Session, a: AssessmentRecord) -> set[str]:
    """Codes of the items of ``a`` whose outcome is 不符合 now."""
    return _failing(s, a, _values_and_notes(s, a)[0])


def _values_and_notes(s: Session, a: AssessmentRecord) -> tuple[dict[str, Any], dict[str, str]]:
    values: dict[str, Any] = {}
    notes: dict[str, str] = {}
    query = select(AnswerRecord.code, AnswerRecord.value, AnswerRecord.note).where(
        AnswerRecord.assessment_id == a.id
    )
    for code, value, note in s.execute(query):
        notes[code] = note
        if value is not None:
            values[code] = value
    return values, notes


def _failing(s: Session, a: AssessmentRecord, values: dict[str, Any]) -> set[str]:
    result = score(template_of(a), values, school_of(s, a).profile())
    return {code for code, r in result.items.items() if r.outcome is Outcome.NOT_MET}


def sync_rectifications(s: Session, a: AssessmentRecord, changed: str | None = None) -> None:
    """Make the entries of draft ``a`` follow its not-met items (in the caller's transaction).

    ``changed``: the one item whose answer just changed.  When no show-if condition involves
    it, only its own entry can change, and only it is scored (big checklists stay quick);
    otherwise, and when None, the whole assessment is scored.
    """
    template = template_of(a)
    item = template.item(changed) if changed is not None else None
    if item is not None and not item.show_if and changed not in _show_if_refs(a, template):
        _sync_one(s, a, template, item)
        return
    values, notes = _values_and_notes(s, a)
    failing = _failing(s, a, values)
    existing = {
        r.code: r
        for r in s.scalars(
            select(RectificationRecord).where(RectificationRecord.assessment_id == a.id)
        )
    }
    for each in template.items():
        _follow(
            s,
            a,
            each,
            each.code in failing,
            notes.get(each.code, ""),
            existing.pop(each.code, None),
        )
    # What is left in ``existing`` belongs to items a template upgrade removed: kept, detached
    # (listed with the assessment, never counted) until a person deletes them.


def _sync_one(s: Session, a: AssessmentRecord, template: Template, item: Item) -> None:
    answer = s.execute(
        select(AnswerRecord.value, AnswerRecord.note).where(
            AnswerRecord.assessment_id == a.id, AnswerRecord.code == item.code
        )
    ).first()
    value, note = (answer[0], answer[1]) if answer is not None else (None, "")
    # Scored as a one-item checklist: with no show-if involved its outcome is the same there.
    alone = dataclasses.replace(template, sections=(Section(item.code, item.text, (item,)),))
    result = score(alone, {} if value is None else {item.code: value}, school_of(s, a).profile())
    record = s.scalar(
        select(RectificationRecord).where(
            RectificationRecord.assessment_id == a.id, RectificationRecord.code == item.code
        )
    )
    _follow(s, a, item, result.items[item.code].outcome is Outcome.NOT_MET, note, record)


def _follow(
    s: Session,
    a: AssessmentRecord,
    item: Item,
    failing: bool,
    note: str,
    record: RectificationRecord | None,
) -> None:
    """Create, update or remove the entry of one item by the rules of this module."""
    if failing:
        text = problem_text(note)
        if record is None:
            s.add(
                RectificationRecord(
                    assessment_id=a.id,
                    code=item.code,
                    problem=text,
                    measure="",
                    owner="",
                    status=RectStatus.OPEN.value,
                    verified_by="",
                    touched=False,
                )
            )
        elif not record.touched and record.problem != text:
            record.problem = text
    elif record is not None and not record.touched:
        s.delete(record)


_refs_cache: dict[str, frozenset[str]] = {}


def _show_if_refs(a: AssessmentRecord, template: Template) -> frozenset[str]:
    """Every item code some show-if condition of the template looks at."""
    if a.template_sha256 not in _refs_cache:
        refs: set[str] = set()
        for each in template.items():
            if each.show_if:
                try:
                    refs |= expressions.references(expressions.parse(each.show_if))
                except expressions.ExpressionError:
                    refs |= {i.code for i in template.items()}  # unreadable: assume all
        _refs_cache[a.template_sha256] = frozenset(refs)
    return _refs_cache[a.template_sha256]


def rectification_from_record(r: RectificationRecord, obsolete: bool) -> Rectification:
    return Rectification(
        id=r.id,
        assessment_id=r.assessment_id,
        code=r.code,
        problem=r.problem,
        measure=r.measure,
        owner=r.owner,
        due=r.due,
        status=RectStatus(r.status),
        done_on=r.done_on,
        verified_on=r.verified_on,
        verified_by=r.verified_by,
        obsolete=obsolete,
    )


_LABELS = {
    "problem": "问题",
    "measure": "整改措施",
    "owner": "责任人",
    "due": "整改期限",
    "status": "状态",
    "done_on": "完成日期",
    "verified_on": "验收日期",
    "verified_by": "验收人",
}


def _show(field: str, value: object) -> str:
    if value is None or value == "":
        return "（空）"
    if field == "status":
        return RECT_STATUS_LABELS[RectStatus(str(value))]
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def normalized(r: Rectification, today: dt.date) -> Rectification:
    """``r`` with trimmed text and dates consistent with its status (core's state machine),
    or InputError."""
    trimmed = dataclasses.replace(
        r,
        problem=clean_text(r.problem, "问题描述", MAX_NOTE, "problem"),
        measure=clean_text(r.measure, "整改措施", MAX_NOTE, "measure"),
        owner=clean_text(r.owner, "责任人", MAX_NAME, "owner"),
        verified_by=clean_text(r.verified_by, "验收人", MAX_NAME, "verified_by"),
    )
    return settled(trimmed, today)


def apply_rectification(
    s: Session,
    a: AssessmentRecord,
    record: RectificationRecord,
    wanted: Rectification,
    operator: str,
) -> bool:
    """Give ``record`` the editable fields of ``wanted`` (already ``normalized``) in the
    caller's transaction, with one audit row naming what changed; False when nothing did."""
    changed = {
        f: (getattr(record, f), _stored(getattr(wanted, f)))
        for f in _LABELS
        if getattr(record, f) != _stored(getattr(wanted, f))
    }
    if not changed:
        return False
    for f, (_, new) in changed.items():
        setattr(record, f, new)
    record.touched = True
    a.updated_at = now_in(s)
    audit(
        s,
        operator,
        AuditAction.RECTIFICATION_UPDATE,
        a.id,
        record.code,
        old="；".join(f"{_LABELS[f]}：{_show(f, old)}" for f, (old, _) in changed.items()),
        new="；".join(f"{_LABELS[f]}：{_show(f, new)}" for f, (_, new) in changed.items()),
    )
    return True


class RectificationService(Service):
    """``workspace.rectifications``."""

    def save(self, rectification: Rectification, today: dt.date | None = None) -> Rectification:
        """Store the editable fields of ``rectification`` (found by its id); audited.

        Editable: problem, measure, owner, due, status, done_on, verified_on, verified_by.
        Status ``done`` without a date gets today; ``verified`` needs a verifier.  Allowed
        after finalization.
        """
        today = today or dt.date.today()
        wanted = normalized(rectification, today)
        with self._db.write() as s:
            record = self._record(s, rectification.id)
            a = get_assessment(s, record.assessment_id)
            apply_rectification(s, a, record, wanted, self._operator())
            s.flush()
            return rectification_from_record(record, record.code not in not_met_codes(s, a))

    def delete(self, rectification_id: int) -> None:
        """Remove an entry whose item is no longer 不符合 (an ``obsolete`` one); audited."""
        with self._db.write() as s:
            record = self._record(s, rectification_id)
            a = get_assessment(s, record.assessment_id)
            if record.code in not_met_codes(s, a):
                raise InputError(
                    [Problem(f"检查项 {record.code} 仍为不符合，须保留整改记录", field=record.code)]
                )
            audit(
                s,
                self._operator(),
                AuditAction.RECTIFICATION_DELETE,
                a.id,
                record.code,
                old=f"{record.measure or '（无措施）'}；{_show('status', record.status)}",
            )
            s.delete(record)

    def get(self, rectification_id: int) -> Rectification:
        with self._db.read() as s:
            record = self._record(s, rectification_id)
            a = get_assessment(s, record.assessment_id)
            return rectification_from_record(record, record.code not in not_met_codes(s, a))

    def open_for_school(self, school_id: int, today: dt.date | None = None) -> list[Rectification]:
        """Entries still open across the school's assessments: overdue first, then by due date."""
        return self.for_school(school_id, {RectStatus.OPEN}, today)

    def for_school(
        self,
        school_id: int,
        statuses: Collection[RectStatus] | None = None,
        today: dt.date | None = None,
    ) -> list[Rectification]:
        """Entries across the school's assessments with one of ``statuses`` (None: all).

        Overdue first, then open, done and verified ones, each by due date.
        """
        today = today or dt.date.today()
        wanted = [RectStatus(x).value for x in (statuses if statuses is not None else RectStatus)]
        out: list[Rectification] = []
        with self._db.read() as s:
            assessments = s.scalars(
                select(AssessmentRecord).where(AssessmentRecord.school_id == school_id)
            )
            for a in assessments:
                records = list(
                    s.scalars(
                        select(RectificationRecord).where(
                            RectificationRecord.assessment_id == a.id,
                            RectificationRecord.status.in_(wanted),
                        )
                    )
                )
                if records:
                    failing = not_met_codes(s, a)
                    out += [rectification_from_record(r, r.code not in failing) for r in records]
        far = dt.date.max
        order = list(RectStatus)
        return sorted(
            out,
            key=lambda r: (
                not r.overdue(today),
                order.index(r.status),
                r.due or far,
                r.assessment_id,
                r.code,
            ),
        )

    @staticmethod
    def _record(s: Session, rectification_id: int) -> RectificationRecord:
        record = s.get(RectificationRecord, rectification_id)
        if record is None:
            raise InputError([Problem(f"整改记录 {rectification_id} 不存在")])
        return record


def _stored(value: object) -> object:
    return value.value if isinstance(value, RectStatus) else value
