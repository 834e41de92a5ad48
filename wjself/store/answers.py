"""Answers: set, note, clear and import, each in one transaction with its audit rows.

- A value is read with ``core.values.coerce`` against the item's kind (符合, 是, ``95%``,
  ``2024/3/5``, an option's label …) and stored in canonical form.
- ``set`` and ``clear`` change one answer in ONE transaction with ONE audit row (when, who,
  old → new as people read them); a change that changes nothing records nothing.
- ``import_rows`` applies a whole file or nothing: every bad row is reported with its row
  number and then nothing is changed.  In a file an empty value or note leaves what is stored.
- An answer to an item hidden by its show-if condition is kept; scoring ignores it.
- Rectification entries follow in the same transaction (see ``rectifications``).
- Giving a value clears the item's ``needs_reconfirm`` (left by a template upgrade), and a
  value replaces one the upgrade set aside (``set_aside``; the old value stays in the answer
  history).  ``confirm`` says "the answer is still right" without changing it.  A note alone
  does neither.
- ``history`` lists the answers upgrades took out of use (``answer_history``).
- A row may carry its item's 整改 plan (measure, owner, due), checked like the window's form
  and applied in the same transaction (``rect_plans``).
- A finalized assessment refuses every change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from wjself.core.assessment import Answer, AnswerRow, Evidence, HistoryEntry, ImportResult
from wjself.core.audit import AuditAction
from wjself.core.counts import NA_REASON_MESSAGE, reason_missing
from wjself.core.errors import Hint, InputError, Problem, Remedy
from wjself.core.stages import Profile
from wjself.core.template import Item, Template
from wjself.core.values import AnswerValue, ValueProblem, coerce, display
from wjself.store.common import (
    MAX_NOTE,
    Service,
    audit,
    clean_text,
    draft_assessment,
    get_assessment,
    school_of,
    template_of,
)
from wjself.store.db import now_in
from wjself.store.evidence import evidence_from_record, history_evidence
from wjself.store.models import (
    AnswerHistoryEvidenceRecord,
    AnswerHistoryRecord,
    AnswerRecord,
    AssessmentRecord,
    EvidenceRecord,
)
from wjself.store.rect_plans import Plan, apply_plans, plan_of, started_on
from wjself.store.rectifications import sync_rectifications


class _Keep:
    """Marker: leave this part of the answer as stored."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Final = _Keep()


def describe(item: Item | None, value: AnswerValue, note: str) -> str:
    """An answer as the audit log shows it: the value as people read it, and the note."""
    shown = (
        (display(item, value) if item is not None else str(value))
        if value is not None
        else "（未填）"
    )
    return f"{shown}；备注：{note}" if note else shown


def answer_from_record(record: AnswerRecord, evidence: Sequence[Evidence] = ()) -> Answer:
    return Answer(
        code=record.code,
        value=record.value,
        note=record.note,
        updated_at=record.updated_at,
        updated_by=record.updated_by,
        evidence=tuple(evidence),
        needs_reconfirm=record.needs_reconfirm,
        set_aside=record.set_aside,
    )


def _item(template: Template, code: str, problem_at: dict[str, Any] | None = None) -> Item:
    item = template.item(code)
    if item is None:
        raise InputError(
            [
                Problem(
                    f"检查项“{code}”不在模板 {template.key} 中",
                    field="code",
                    **(problem_at or {}),
                )
            ]
        )
    return item


def _coerce(item: Item, raw: object, problem_at: dict[str, Any] | None = None) -> AnswerValue:
    try:
        return coerce(item, raw)
    except ValueProblem as exc:
        if problem_at is None:
            raise InputError([Problem(str(exc), field=item.code)]) from None
        raise InputError([Problem(f"{item.code}：{exc}", field="value", **problem_at)]) from None


def _reason_missing(
    item: Item,
    value: AnswerValue | _Keep,
    note: str | _Keep,
    record: AnswerRecord | None,
    profile: Profile,
) -> bool:
    """Whether the answer as it would be after a change is a 不适用 without its reason."""
    stored_value = None if record is None else record.value
    stored_note = "" if record is None else record.note
    return reason_missing(
        item,
        stored_value if isinstance(value, _Keep) else value,
        stored_note if isinstance(note, _Keep) else note,
        profile,
    )


def _check_reason(
    s: Session, a: AssessmentRecord, item: Item, value: AnswerValue | _Keep, note: str | _Keep
) -> None:
    """Refuse a 不适用 on an applicable item left without a reason (its note)."""
    record = _stored(s, a, item.code, None)
    if _reason_missing(item, value, note, record, school_of(s, a).profile()):
        raise InputError(
            [Problem(NA_REASON_MESSAGE, field=item.code, hint=Hint(Remedy.NA_REASON, a.id))]
        )


class AnswerService(Service):
    """``workspace.answers``."""

    def set(self, assessment_id: int, code: str, value: object, note: str | None = None) -> Answer:
        """Set the answer to item ``code`` (value as a person writes it; "" or None clears it).

        ``note`` None leaves the note as it is; a string replaces it.  Returns the stored answer.
        """
        with self._db.write() as s:
            a = draft_assessment(s, assessment_id)
            item = _item(template_of(a), code)
            canonical = _coerce(item, value)
            new_note = KEEP if note is None else clean_text(note, "备注", MAX_NOTE, code)
            _check_reason(s, a, item, canonical, new_note)
            self._change(
                s,
                a,
                item,
                canonical,
                new_note,
                AuditAction.ANSWER_SET if canonical is not None else AuditAction.ANSWER_CLEAR,
            )
            return self._answer(s, a.id, code)

    def set_note(self, assessment_id: int, code: str, note: str) -> Answer:
        """Replace the note of item ``code``, leaving its value."""
        with self._db.write() as s:
            a = draft_assessment(s, assessment_id)
            item = _item(template_of(a), code)
            new_note = clean_text(note, "备注", MAX_NOTE, code)
            _check_reason(s, a, item, KEEP, new_note)
            self._change(s, a, item, KEEP, new_note, AuditAction.ANSWER_NOTE)
            return self._answer(s, a.id, code)

    def clear(self, assessment_id: int, code: str) -> Answer:
        """Remove the value and the note of item ``code`` (evidence files stay)."""
        with self._db.write() as s:
            a = draft_assessment(s, assessment_id)
            item = _item(template_of(a), code)
            self._change(s, a, item, None, "", AuditAction.ANSWER_CLEAR)
            return self._answer(s, a.id, code)

    def confirm(self, assessment_id: int, code: str) -> Answer:
        """ "The answer is still right": clear ``needs_reconfirm`` of item ``code`` (audited).

        Nothing happens when the item is not waiting to be re-confirmed.  An item whose old
        value was set aside has no answer to confirm: it must be answered anew.
        """
        with self._db.write() as s:
            a = draft_assessment(s, assessment_id)
            item = _item(template_of(a), code)
            record = s.scalar(
                select(AnswerRecord).where(
                    AnswerRecord.assessment_id == a.id, AnswerRecord.code == code
                )
            )
            if record is not None and record.value is None and record.set_aside is not None:
                raise InputError(
                    [
                        Problem(
                            "模板修订后原答案已暂存（不适合新题目），没有可确认的答案；请重新作答",
                            field=code,
                        )
                    ]
                )
            if record is None or not record.needs_reconfirm:
                return self._answer(s, a.id, code)
            who = self._operator()
            record.needs_reconfirm = False
            a.updated_at = now_in(s)
            shown = describe(item, record.value, record.note)
            audit(
                s,
                who,
                AuditAction.ANSWER_CONFIRM,
                a.id,
                code,
                old=f"{shown}（待重新确认）",
                new=shown,
            )
            return self._answer(s, a.id, code)

    def history(self, assessment_id: int, code: str | None = None) -> list[HistoryEntry]:
        """Answers template upgrades took out of use (set aside, or item removed), oldest first;
        only those of item ``code`` when given."""
        with self._db.read() as s:
            get_assessment(s, assessment_id)
            query = select(AnswerHistoryRecord).where(
                AnswerHistoryRecord.assessment_id == assessment_id
            )
            if code is not None:
                query = query.where(AnswerHistoryRecord.code == code)
            records = list(s.scalars(query.order_by(AnswerHistoryRecord.id)))
            files: dict[int, list[Evidence]] = {}
            if records:
                for e in s.scalars(
                    select(AnswerHistoryEvidenceRecord)
                    .where(AnswerHistoryEvidenceRecord.history_id.in_([r.id for r in records]))
                    .order_by(AnswerHistoryEvidenceRecord.id)
                ):
                    files.setdefault(e.history_id, []).append(
                        history_evidence(
                            e, code_of={r.id: r.code for r in records}, paths=self._db.paths
                        )
                    )
            return [
                HistoryEntry(
                    id=r.id,
                    code=r.code,
                    reason=r.reason,
                    item_text=r.item_text,
                    value=r.value,
                    shown=r.shown,
                    note=r.note,
                    evidence=tuple(files.get(r.id, ())),
                    rectification_ids=tuple(r.rectification_ids),
                    message=r.message,
                    from_version=r.from_version,
                    to_version=r.to_version,
                    at=r.at,
                    who=r.who,
                    earlier_set_aside=r.earlier_set_aside,
                )
                for r in records
            ]

    def get(self, assessment_id: int, code: str) -> Answer:
        with self._db.read() as s:
            return self._answer(s, assessment_id, code)

    def import_rows(
        self, assessment_id: int, rows: Sequence[AnswerRow], source: str = ""
    ) -> ImportResult:
        """Apply answer rows read from a file: all of them, or none with every bad row reported.

        A row may carry the 整改 plan of its item (measure, owner, due): applied after the
        answers, to items that are 不符合 once the file is in (``rect_plans``).
        """
        with self._db.write() as s:
            a = draft_assessment(s, assessment_id)
            template = template_of(a)
            problems: list[Problem] = []
            planned: list[tuple[Item, AnswerValue | _Keep, str | _Keep]] = []
            plans: list[Plan] = []
            seen: dict[str, int] = {}
            existing = {
                r.code: r
                for r in s.scalars(select(AnswerRecord).where(AnswerRecord.assessment_id == a.id))
            }
            profile = school_of(s, a).profile()
            for row in rows:
                at: dict[str, Any] = {"file": source, "sheet": f"row {row.row}"}
                try:
                    item = self._import_item(template, row, seen, at)
                    seen[item.code] = row.row
                    value: AnswerValue | _Keep = (
                        KEEP if _blank(row.value) else _coerce(item, row.value, at)
                    )
                    note = _import_note(row, at)
                    if _reason_missing(item, value, note, existing.get(item.code), profile):
                        raise InputError(
                            [Problem(f"{item.code}：{NA_REASON_MESSAGE}", field="note", **at)]
                        )
                    planned.append((item, value, note))
                    plan = plan_of(row, item.code, started_on(a), at)
                    if plan is not None:
                        plans.append(plan)
                except InputError as exc:
                    problems.extend(exc.problems)
            # The good rows are applied even when others are bad, so that plans are checked
            # against the answers as the file leaves them and every bad row is reported; any
            # problem then rolls the whole transaction back.
            changed_codes = {
                item.code
                for item, value, note in planned
                if self._change(
                    s, a, item, value, note, AuditAction.ANSWER_IMPORT, existing, sync=False
                )
            }
            if changed_codes or plans:
                sync_rectifications(s, a)
            try:
                changed_codes |= apply_plans(s, a, plans, self._operator(), dt.date.today())
            except InputError as exc:
                problems.extend(exc.problems)
            if problems:
                problems.sort(key=lambda p: _row_of(p.sheet))
                raise InputError(problems)
            changed = len(changed_codes)
            return ImportResult(rows=len(rows), changed=changed, unchanged=len(rows) - changed)

    @staticmethod
    def _import_item(
        template: Template, row: AnswerRow, seen: dict[str, int], at: dict[str, Any]
    ) -> Item:
        code = row.code.strip()
        if not code:
            raise InputError([Problem("缺少检查项代码（code）", field="code", **at)])
        if code in seen:
            raise InputError(
                [Problem(f"检查项“{code}”重复（已在第 {seen[code]} 行）", field="code", **at)]
            )
        return _item(template, code, at)

    # ------------------------------------------------------------ internals

    def _change(
        self,
        s: Session,
        a: AssessmentRecord,
        item: Item,
        value: AnswerValue | _Keep,
        note: str | _Keep,
        action: AuditAction,
        existing: dict[str, AnswerRecord] | None = None,
        sync: bool = True,
    ) -> bool:
        """Apply one answer change with its audit row; False when nothing would change."""
        record = _stored(s, a, item.code, existing)
        old_value = None if record is None else record.value
        old_note = "" if record is None else record.note
        old_reconfirm = record is not None and record.needs_reconfirm
        old_aside = None if record is None else record.set_aside
        new_value = old_value if isinstance(value, _Keep) else value
        new_note = old_note if isinstance(note, _Keep) else note
        # Giving a value is touching the item: it is no longer waiting to be re-confirmed, and
        # an answer replaces the value an upgrade set aside (which stays in the history).
        touched = not isinstance(value, _Keep)
        new_reconfirm = old_reconfirm and not touched
        new_aside = None if touched and new_value is not None else old_aside
        if (new_value, new_note, new_reconfirm, new_aside) == (
            old_value,
            old_note,
            old_reconfirm,
            old_aside,
        ):
            return False
        who = self._operator()
        stamp = now_in(s)
        if record is None:
            record = AnswerRecord(
                assessment_id=a.id,
                code=item.code,
                value=new_value,
                note=new_note,
                updated_at=stamp,
                updated_by=who,
                needs_reconfirm=False,
                set_aside=None,
            )
            s.add(record)
            if existing is not None:
                existing[item.code] = record
        elif new_value is None and not new_note and not new_reconfirm and new_aside is None:
            s.delete(record)
            if existing is not None:
                del existing[item.code]
        else:
            record.value = new_value
            record.note = new_note
            record.needs_reconfirm = new_reconfirm
            record.set_aside = new_aside
            record.updated_at = stamp
            record.updated_by = who
        a.updated_at = stamp
        old_text = describe(item, old_value, old_note)
        if (new_value, new_note) == (old_value, old_note):
            action, old_text = AuditAction.ANSWER_CONFIRM, f"{old_text}（待重新确认）"
        audit(
            s,
            who,
            action,
            a.id,
            item.code,
            old=old_text,
            new=describe(item, new_value, new_note),
        )
        if sync:
            s.flush()
            sync_rectifications(s, a, changed=item.code)
        return True

    def _answer(self, s: Session, assessment_id: int, code: str) -> Answer:
        s.flush()
        record = s.scalar(
            select(AnswerRecord).where(
                AnswerRecord.assessment_id == assessment_id, AnswerRecord.code == code
            )
        )
        evidence = [
            evidence_from_record(e, self._db.paths)
            for e in s.scalars(
                select(EvidenceRecord)
                .where(EvidenceRecord.assessment_id == assessment_id, EvidenceRecord.code == code)
                .order_by(EvidenceRecord.id)
            )
        ]
        if record is None:
            return Answer(code=code, value=None, evidence=tuple(evidence))
        return answer_from_record(record, evidence)


def _import_note(row: AnswerRow, at: dict[str, Any]) -> str | _Keep:
    if row.note is None or not row.note.strip():
        return KEEP
    try:
        return clean_text(row.note, "备注", MAX_NOTE, "note")
    except InputError as exc:
        raise InputError([Problem(p.message, field="note", **at) for p in exc.problems]) from None


def _row_of(sheet: str) -> int:
    """The row number of an import problem's ``row N`` (problems are listed in file order)."""
    number = sheet.removeprefix("row ")
    return int(number) if number.isdigit() else 0


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def _stored(
    s: Session, a: AssessmentRecord, code: str, existing: dict[str, AnswerRecord] | None
) -> AnswerRecord | None:
    """The answer row of ``code`` in ``a``: from ``existing`` (an import's rows) when given."""
    if existing is not None:
        return existing.get(code)
    return s.scalar(
        select(AnswerRecord).where(AnswerRecord.assessment_id == a.id, AnswerRecord.code == code)
    )
