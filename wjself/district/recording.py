"""Recording a verified bundle: its row, its answers and rectifications, the school, and
which bundle of the school + checklist + period is current."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from wjself.core.scoring import Outcome, Score
from wjself.core.values import display
from wjself.district.prepare import Prepared
from wjself.store.db import now_in
from wjself.store.received import (
    DistrictSchoolRecord,
    ReceivedAnswerRecord,
    ReceivedRecord,
    ReceivedRectificationRecord,
    ReceivedTemplateRecord,
)


def record(s: Session, p: Prepared, *, trust: str, note: str, who: str) -> tuple[int, str]:
    """Insert ``p``; returns its id and how it stands: "current", "replaced" (it took the
    place of an older current bundle) or "history" (an older or identical one arrived late)."""
    view = p.view
    score = view.score()
    template = view.template
    if s.get(ReceivedTemplateRecord, p.template_sha256) is None:
        s.add(
            ReceivedTemplateRecord(
                sha256=p.template_sha256,
                template_id=template.id,
                version=template.version,
                title=template.title,
                content=p.template_content,
            )
        )
        s.flush()  # no relationship orders the inserts: the snapshot goes first
    signoff = view.signoff
    finalized = signoff.finalized_at if signoff is not None else None
    row = ReceivedRecord(
        sha256=p.sha256,
        size=p.size,
        file_name=p.source.name[:255],
        school_code=view.school.code,
        school_name=view.school.name,
        township=view.school.township,
        stages=list(view.school.stages),
        template_id=template.id,
        template_version=template.version,
        template_title=template.title,
        template_sha256=p.template_sha256,
        period=view.period,
        status=view.status.value,
        finalized_at=finalized,
        exported_at=_when(p.exported_at),
        fingerprint=(signoff.fingerprint if signoff is not None else "") or "",
        scheme=signoff.scheme if signoff is not None else 0,
        score=score.overall.earned,
        possible=score.overall.possible,
        percent=score.percent,
        rating=score.band,
        signature=p.seal.status,
        signer_key_id=p.seal.key_id if p.seal.valid else "",
        trust=trust,
        note=note,
        received_at=now_in(s),
        received_by=who,
        current=False,
        replaced_by=None,
        path=p.kept.name,
    )
    s.add(row)
    s.flush()
    _items(s, row.id, p, score)
    _school(s, p, row.received_at)
    return row.id, _settle(s, row)


def _items(s: Session, received_id: int, p: Prepared, score: Score) -> None:
    view = p.view
    for section in view.template.sections:
        for item in section.items:
            result = score.items.get(item.code)
            if result is None or result.outcome is Outcome.HIDDEN:
                continue
            answer = view.answers.get(item.code)
            scored = result.share is not None
            s.add(
                ReceivedAnswerRecord(
                    received_id=received_id,
                    code=item.code,
                    section=section.code,
                    outcome=result.outcome.value,
                    value=display(item, answer.value) if answer is not None else "",
                    points=result.earned if scored else None,
                    possible=result.possible if scored else None,
                )
            )
    for r in view.rectifications:
        s.add(
            ReceivedRectificationRecord(
                received_id=received_id,
                code=r.code,
                problem=r.problem,
                measure=r.measure,
                owner=r.owner,
                due=r.due,
                status=r.status.value,
                done_on=r.done_on,
                verified_on=r.verified_on,
            )
        )


def _school(s: Session, p: Prepared, at: dt.datetime) -> None:
    school = p.view.school
    known = s.get(DistrictSchoolRecord, school.code)
    if known is None:
        s.add(
            DistrictSchoolRecord(
                code=school.code,
                name=school.name,
                township=school.township,
                stages=list(school.stages),
                source="bundle",
                first_seen=at,
                last_seen=at,
            )
        )
        return
    known.last_seen = at
    if known.source == "bundle":  # a roster, kept by the bureau, wins over what schools say
        known.name, known.township = school.name, school.township
        known.stages = list(school.stages)


def _settle(s: Session, new: ReceivedRecord) -> str:
    """Make ``new`` current if it is newer than the slot's current bundle."""
    current = s.scalar(
        select(ReceivedRecord).where(
            ReceivedRecord.school_code == new.school_code,
            ReceivedRecord.template_id == new.template_id,
            ReceivedRecord.period == new.period,
            ReceivedRecord.current.is_(True),
            ReceivedRecord.id != new.id,
        )
    )
    if current is None:
        new.current = True
        return "current"
    if _recency(new) > _recency(current) and new.fingerprint != current.fingerprint:
        current.current = False
        current.replaced_by = new.id
        new.current = True
        return "replaced"
    new.replaced_by = current.id
    return "history"


def _recency(r: ReceivedRecord) -> tuple[dt.datetime, dt.datetime]:
    low = dt.datetime.min.replace(tzinfo=dt.UTC)
    return (r.finalized_at or low, r.exported_at or low)


def _when(text: str) -> dt.datetime | None:
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return when if when.tzinfo is not None else None
