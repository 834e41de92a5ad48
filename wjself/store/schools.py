"""Schools: add, update, list, get.  A data folder may hold several; the school code is unique."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from wjself.core.assessment import Status
from wjself.core.audit import AuditAction
from wjself.core.errors import InputError, Problem
from wjself.core.school import (
    School,
    normalize_facts,
    normalize_school_code,
    school_code_problem,
)
from wjself.core.stages import FACTS, STAGES, normalize_stage
from wjself.store.common import (
    MAX_NAME,
    Service,
    audit,
    clean_text,
    get_school,
    school_from_record,
)
from wjself.store.db import now_in
from wjself.store.models import AssessmentRecord, SchoolRecord
from wjself.store.rectifications import sync_rectifications

_TEXT_LIMITS = {"township": 100, "address": 200, "principal": 50, "contact": 50, "phone": 40}


def validated(school: School) -> School:
    """``school`` with trimmed text and canonical stages and facts, or InputError with every problem."""
    problems: list[Problem] = []

    def text(field: str, value: str, label: str, limit: int) -> str:
        try:
            return clean_text(value, label, limit, field)
        except InputError as exc:
            problems.extend(exc.problems)
            return value

    name = text("name", school.name, "学校名称", MAX_NAME)
    if not name:
        problems.append(Problem("缺少学校名称", field="name"))
    code = normalize_school_code(school.code)
    if (why := school_code_problem(code)) is not None:
        problems.append(Problem(why, field="code"))
    stages: list[str] = []
    for raw in school.stages:
        stage = normalize_stage(raw)
        if stage is None:
            problems.append(Problem(f"未知学段“{raw}”，可用：{'、'.join(STAGES)}", field="stages"))
        elif stage not in stages:
            stages.append(stage)
    if not school.stages:
        problems.append(Problem(f"至少选择一个学段（{'、'.join(STAGES)}）", field="stages"))
    for fact, _ in school.facts:
        if fact not in FACTS:
            problems.append(
                Problem(f"未知学校情况“{fact}”，可用：{'、'.join(FACTS)}", field="facts")
            )
    labels = {
        "township": "镇街",
        "address": "地址",
        "principal": "校长",
        "contact": "联系人",
        "phone": "电话",
    }
    cleaned = {f: text(f, getattr(school, f), labels[f], n) for f, n in _TEXT_LIMITS.items()}
    if problems:
        raise InputError(problems)
    return School(
        id=school.id,
        name=name,
        code=code,
        stages=tuple(sorted(stages, key=STAGES.index)),
        facts=normalize_facts(dict(school.facts)),
        **cleaned,
    )


class SchoolService(Service):
    """``workspace.schools``."""

    def add(self, school: School) -> School:
        """Register a school (``school.id`` is ignored); returns it with its new id."""
        school = validated(school)
        with self._db.write() as s:
            self._refuse_duplicate_code(s, school.code, None)
            stamp = now_in(s)
            record = SchoolRecord(
                name=school.name,
                code=school.code,
                stages=list(school.stages),
                township=school.township,
                address=school.address,
                principal=school.principal,
                contact=school.contact,
                phone=school.phone,
                facts=dict(school.facts),
                created_at=stamp,
                updated_at=stamp,
            )
            s.add(record)
            s.flush()
            audit(
                s, self._operator(), AuditAction.SCHOOL_ADD, new=f"{school.name}（{school.code}）"
            )
            return school_from_record(record)

    def update(self, school: School) -> School:
        """Replace the profile of school ``school.id``; draft assessments follow its facts."""
        school = validated(school)
        with self._db.write() as s:
            record = get_school(s, school.id)
            self._refuse_duplicate_code(s, school.code, school.id)
            before = school_from_record(record)
            record.name = school.name
            record.code = school.code
            record.stages = list(school.stages)
            record.township = school.township
            record.address = school.address
            record.principal = school.principal
            record.contact = school.contact
            record.phone = school.phone
            record.facts = dict(school.facts)
            after = school_from_record(record)
            if after == before:
                return after
            record.updated_at = now_in(s)
            audit(
                s,
                self._operator(),
                AuditAction.SCHOOL_UPDATE,
                old=_describe(before),
                new=_describe(after),
            )
            drafts = s.scalars(
                select(AssessmentRecord).where(
                    AssessmentRecord.school_id == school.id, AssessmentRecord.status == Status.DRAFT
                )
            )
            for assessment in drafts:
                sync_rectifications(s, assessment)
            return after

    def list(self) -> list[School]:
        with self._db.read() as s:
            return [
                school_from_record(r)
                for r in s.scalars(select(SchoolRecord).order_by(SchoolRecord.id))
            ]

    def get(self, school_id: int) -> School:
        with self._db.read() as s:
            return school_from_record(get_school(s, school_id))

    def find(self, code: str) -> School | None:
        """The school with this 学校标识码, if registered."""
        with self._db.read() as s:
            record = s.scalar(
                select(SchoolRecord).where(SchoolRecord.code == normalize_school_code(code))
            )
            return None if record is None else school_from_record(record)

    @staticmethod
    def _refuse_duplicate_code(s: Session, code: str, own_id: int | None) -> None:
        other = s.scalar(select(SchoolRecord).where(SchoolRecord.code == code))
        if other is not None and other.id != own_id:
            raise InputError(
                [
                    Problem(
                        f"学校标识码 {code} 已被“{other.name}”（学校 {other.id}）使用", field="code"
                    )
                ]
            )


def _describe(school: School) -> str:
    facts = "、".join(FACTS[f] for f, on in school.facts if on) or "无"
    return (
        f"{school.name}（{school.code}）；学段：{'、'.join(school.stages)}；"
        f"镇街：{school.township}；情况：{facts}"
    )
