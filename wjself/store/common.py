"""What the services share: their base class, loading records with plain messages, the audit log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from wjself.core.assessment import Status
from wjself.core.audit import AuditAction
from wjself.core.errors import Hint, InputError, Problem, Remedy
from wjself.core.school import School
from wjself.core.stages import FACTS
from wjself.core.template import Template
from wjself.core.values import SURROGATE_MESSAGE, has_surrogate, is_hidden_control
from wjself.store.db import Database, cached_template, now_in, template_from_content
from wjself.store.models import AssessmentRecord, AuditRecord, SchoolRecord

MAX_NAME = 100  # names of people and schools
MAX_NOTE = 4000  # notes, problems, measures


class Service:
    """Base of the services: the open database and who is making changes."""

    def __init__(self, db: Database, operator: Callable[[], str]) -> None:
        self._db = db
        self._operator = operator


def get_assessment(s: Session, assessment_id: int) -> AssessmentRecord:
    record = s.get(AssessmentRecord, assessment_id)
    if record is None:
        raise InputError(
            [Problem(f"自评 {assessment_id} 不存在", hint=Hint(Remedy.LIST_ASSESSMENTS))]
        )
    return record


def draft_assessment(s: Session, assessment_id: int) -> AssessmentRecord:
    """The assessment, if it may be changed; a finalized one is refused with what to do."""
    record = get_assessment(s, assessment_id)
    if record.status == Status.FINALIZED:
        raise InputError(
            [
                Problem(
                    f"自评 {assessment_id} 已定稿，不能修改。如确需修改，请先撤销定稿",
                    hint=Hint(Remedy.REOPEN, assessment_id),
                )
            ]
        )
    return record


def get_school(s: Session, school_id: int) -> SchoolRecord:
    record = s.get(SchoolRecord, school_id)
    if record is None:
        raise InputError([Problem(f"学校 {school_id} 不存在", hint=Hint(Remedy.LIST_SCHOOLS))])
    return record


def template_of(record: AssessmentRecord) -> Template:
    cached = cached_template(record.template_sha256)
    if cached is not None:
        return cached
    return template_from_content(record.template_sha256, record.template_content)


def school_from_record(record: SchoolRecord) -> School:
    return School(
        id=record.id,
        name=record.name,
        code=record.code,
        stages=tuple(record.stages),
        township=record.township,
        address=record.address,
        principal=record.principal,
        contact=record.contact,
        phone=record.phone,
        facts=_facts(record.facts),
    )


def school_to_snapshot(school: School) -> dict[str, Any]:
    return {
        "name": school.name,
        "code": school.code,
        "stages": list(school.stages),
        "township": school.township,
        "address": school.address,
        "principal": school.principal,
        "contact": school.contact,
        "phone": school.phone,
        "facts": dict(school.facts),
    }


def school_of(s: Session, record: AssessmentRecord) -> School:
    """The school as the assessment sees it: its snapshot once finalized, else the live profile."""
    snapshot = record.school_snapshot
    if record.status == Status.FINALIZED and snapshot:
        return School(
            id=record.school_id,
            name=str(snapshot.get("name", "")),
            code=str(snapshot.get("code", "")),
            stages=tuple(snapshot.get("stages", ())),
            township=str(snapshot.get("township", "")),
            address=str(snapshot.get("address", "")),
            principal=str(snapshot.get("principal", "")),
            contact=str(snapshot.get("contact", "")),
            phone=str(snapshot.get("phone", "")),
            facts=_facts(snapshot.get("facts", {})),
        )
    return school_from_record(get_school(s, record.school_id))


def _facts(raw: dict[str, Any]) -> tuple[tuple[str, bool], ...]:
    return tuple((name, bool(raw.get(name, False))) for name in FACTS)


def audit(
    s: Session,
    who: str,
    action: AuditAction,
    assessment_id: int | None = None,
    code: str = "",
    old: str = "",
    new: str = "",
    at: dt.datetime | None = None,
) -> None:
    """Add one audit row in the caller's transaction (so it commits with the change or not at
    all); ``at`` is now unless the change has its own time (an upgrade's one stamp)."""
    s.add(
        AuditRecord(
            at=at or now_in(s),
            who=who,
            assessment_id=assessment_id,
            action=action,
            code=code,
            old=old,
            new=new,
        )
    )


def clean_text(value: str, what: str, limit: int, field: str = "") -> str:
    """``value`` trimmed, or InputError when it is too long or holds control characters."""
    text = value.strip()
    if len(text) > limit:
        raise InputError([Problem(f"{what}过长（{len(text)} 字），上限 {limit} 字", field=field)])
    if any((ord(ch) < 32 and ch not in "\n\t") or is_hidden_control(ch) for ch in text):
        raise InputError([Problem(f"{what}中含有控制字符，请删除后重试", field=field)])
    if has_surrogate(text):
        raise InputError([Problem(f"{what}{SURROGATE_MESSAGE}", field=field)])
    return text
