"""整改 plans given as text — by ``answer import`` rows and ``rectification set`` — checked and
applied in the caller's transaction, by the same rules as the window's rectification form.

A plan belongs to a 不符合 item's entry (made when the answer became 不符合); its parts left
out keep what is stored; the due date is a real date not before the assessment was started
(``core.rectification_plan``); text is trimmed and bounded like the window's
(``rectifications.normalized``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wjself.core.assessment import AnswerRow
from wjself.core.errors import InputError, Problem
from wjself.core.rectification_plan import due_problems, read_date
from wjself.store.common import MAX_NAME, MAX_NOTE, clean_text
from wjself.store.models import AssessmentRecord, RectificationRecord
from wjself.store.rectifications import (
    apply_rectification,
    normalized,
    not_met_codes,
    rectification_from_record,
)


@dataclasses.dataclass(frozen=True, slots=True)
class Plan:
    """The parts of a 整改 plan that were given (None: keep what is stored)."""

    code: str
    measure: str | None = None
    owner: str | None = None
    due: dt.date | None = None
    problem: str | None = None
    at: dict[str, Any] = dataclasses.field(default_factory=dict)  # where it came from


def started_on(a: AssessmentRecord) -> dt.date:
    """The day the assessment was started (its due dates may not be earlier)."""
    return a.created_at.date()


def _given(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def plan_of(row: AnswerRow, code: str, started: dt.date, at: dict[str, Any]) -> Plan | None:
    """The plan a file row gives for ``code`` (None: none), or InputError located at ``at``."""
    if not row.has_plan:
        return None
    return read_plan(
        code,
        measure=row.measure if _given(row.measure) else None,
        owner=row.owner if _given(row.owner) else None,
        due=row.due if _given(row.due) else None,
        started=started,
        at=at,
    )


def read_plan(
    code: str,
    *,
    measure: str | None,
    owner: str | None,
    due: object,
    started: dt.date,
    problem: str | None = None,
    at: dict[str, Any] | None = None,
) -> Plan:
    """A plan with its text checked and its due date read, or InputError naming every fault."""
    at = at or {}
    problems: list[Problem] = []

    def checked(value: str | None, what: str, limit: int, field: str) -> str | None:
        if value is None:
            return None
        try:
            return clean_text(value, what, limit, field)
        except InputError as exc:
            problems.extend(_located(p, field, at) for p in exc.problems)
            return None

    texts = (
        checked(measure, "整改措施", MAX_NOTE, "measure"),
        checked(owner, "责任人", MAX_NAME, "owner"),
        checked(problem, "问题描述", MAX_NOTE, "problem"),
    )
    day: dt.date | None = None
    if due is not None:
        try:
            day = read_date(due, "整改期限", "due")
            problems += [_located(p, "due", at) for p in due_problems(day, started)]
        except InputError as exc:
            problems.extend(_located(p, "due", at) for p in exc.problems)
    if problems:
        raise InputError(problems)
    return Plan(code, texts[0], texts[1], day, texts[2], at)


def _located(p: Problem, field: str, at: dict[str, Any]) -> Problem:
    return dataclasses.replace(p, field=p.field or field, **at)


def apply_plans(
    s: Session, a: AssessmentRecord, plans: list[Plan], operator: str, today: dt.date
) -> set[str]:
    """Give the entries of ``a`` their plans (audited); the codes that changed.

    InputError, naming each, when a plan's item has no entry (it is not 不符合) — the caller's
    transaction then changes nothing.
    """
    s.flush()
    records = {
        r.code: r
        for r in s.scalars(
            select(RectificationRecord).where(RectificationRecord.assessment_id == a.id)
        )
    }
    failing = not_met_codes(s, a) if plans else set()
    problems: list[Problem] = []
    changed: set[str] = set()
    for plan in plans:
        record = records.get(plan.code)
        if record is None or plan.code not in failing:
            problems.append(
                Problem(
                    f"检查项 {plan.code} 的结果不是“不符合”，不能填写整改措施、责任人或整改期限"
                    "（整改只针对不符合项）",
                    field="code",
                    **plan.at,
                )
            )
            continue
        current = rectification_from_record(record, False)
        wanted = dataclasses.replace(
            current,
            measure=current.measure if plan.measure is None else plan.measure,
            owner=current.owner if plan.owner is None else plan.owner,
            due=current.due if plan.due is None else plan.due,
            problem=current.problem if plan.problem is None else plan.problem,
        )
        try:
            wanted = normalized(wanted, today)
        except InputError as exc:
            problems.extend(dataclasses.replace(p, **plan.at) for p in exc.problems)
            continue
        if apply_rectification(s, a, record, wanted, operator):
            changed.add(plan.code)
    if problems:
        raise InputError(problems)
    return changed
