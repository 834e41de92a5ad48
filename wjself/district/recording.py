"""Recording a verified bundle: its row, its answers and rectifications, the school, and
which bundle of the school + checklist + period is current."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import case, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from wjself.core.scoring import Outcome, Score
from wjself.core.values import display
from wjself.district.prepare import Prepared
from wjself.store.db import now_in
from wjself.store.models import Base
from wjself.store.received import (
    ReceivedRecord,
)

# The tables themselves: plain inserts of many rows skip the ORM's per-object bookkeeping.
_TEMPLATES = Base.metadata.tables["received_templates"]
_RECEIVED = Base.metadata.tables["received"]
_ANSWERS = Base.metadata.tables["received_answers"]
_RECTS = Base.metadata.tables["received_rectifications"]
_SCHOOLS = Base.metadata.tables["district_schools"]


def record(s: Session, p: Prepared, *, trust: str, note: str, who: str) -> tuple[int, str]:
    """Insert ``p``; returns its id and how it stands: "current", "replaced" (it took the
    place of an older current bundle) or "history" (an older or identical one arrived late).

    Plain statements rather than ORM objects: a district imports thousands at a time."""
    view = p.view
    score = view.score()
    template = view.template
    s.execute(
        insert(_TEMPLATES).prefix_with("OR IGNORE"),
        {"sha256": p.template_sha256, "template_id": template.id, "version": template.version,
         "title": template.title, "content": p.template_content},
    )  # fmt: skip
    signoff = view.signoff
    assert signoff is not None  # only finalized bundles are received
    finalized, exported = signoff.finalized_at, _when(p.exported_at)
    slot = (view.school.code, template.id, view.period)
    kind, older = _settle(s, slot, (finalized, exported or _LOW), signoff.fingerprint)
    at = now_in(s)
    received_id = s.execute(
        insert(_RECEIVED).returning(_RECEIVED.c.id),
        {
            "sha256": p.sha256, "size": p.size, "file_name": p.source.name[:255],
            "school_code": view.school.code, "school_name": view.school.name,
            "township": view.school.township, "stages": list(view.school.stages),
            "template_id": template.id, "template_version": template.version,
            "template_title": template.title, "template_sha256": p.template_sha256,
            "period": view.period, "status": view.status.value, "finalized_at": finalized,
            "exported_at": exported, "fingerprint": signoff.fingerprint,
            "scheme": signoff.scheme, "score": score.overall.earned,
            "possible": score.overall.possible, "percent": score.percent,
            "rating": score.band, "signature": p.seal.status,
            "signer_key_id": p.seal.key_id if p.seal.valid else "", "trust": trust,
            "note": note, "received_at": at, "received_by": who,
            "current": kind != "history", "replaced_by": older if kind == "history" else None,
            "path": p.kept.name,
        },
    ).scalar_one()  # fmt: skip
    if kind == "replaced":
        s.execute(
            update(_RECEIVED)
            .where(_RECEIVED.c.id == older)
            .values(current=False, replaced_by=received_id)
        )
    _items(s, received_id, p, score)
    _school(s, p, at)
    return received_id, kind


def _items(s: Session, received_id: int, p: Prepared, score: Score) -> None:
    # Plain multi-row inserts: a bundle has dozens of items and a district thousands of bundles.
    view = p.view
    answers = []
    for section in view.template.sections:
        for item in section.items:
            result = score.items.get(item.code)
            if result is None or result.outcome is Outcome.HIDDEN:
                continue
            answer = view.answers.get(item.code)
            scored = result.share is not None
            answers.append(
                {
                    "received_id": received_id,
                    "code": item.code,
                    "section": section.code,
                    "outcome": result.outcome.value,
                    "value": display(item, answer.value) if answer is not None else "",
                    "points": result.earned if scored else None,
                    "possible": result.possible if scored else None,
                }
            )
    if answers:
        s.execute(insert(_ANSWERS), answers)
    rects = [
        {
            "received_id": received_id,
            "code": r.code,
            "problem": r.problem,
            "measure": r.measure,
            "owner": r.owner,
            "due": r.due,
            "status": r.status.value,
            "done_on": r.done_on,
            "verified_on": r.verified_on,
        }
        for r in view.rectifications
    ]
    if rects:
        s.execute(insert(_RECTS), rects)


def _school(s: Session, p: Prepared, at: dt.datetime) -> None:
    """Add the school to those the district knows, or update what its bundles say of it (a
    roster, kept by the bureau, wins over what schools say): one upsert."""
    school = p.view.school
    table = _SCHOOLS
    upsert = sqlite_insert(table).values(
        code=school.code, name=school.name, township=school.township,
        stages=list(school.stages), source="bundle", first_seen=at, last_seen=at,
    )  # fmt: skip
    from_bundle = table.c.source == "bundle"
    s.execute(
        upsert.on_conflict_do_update(
            index_elements=[table.c.code],
            set_={
                "last_seen": upsert.excluded.last_seen,
                "name": case((from_bundle, upsert.excluded.name), else_=table.c.name),
                "township": case((from_bundle, upsert.excluded.township), else_=table.c.township),
                "stages": case((from_bundle, upsert.excluded.stages), else_=table.c.stages),
            },
        )
    )


_LOW = dt.datetime.min.replace(tzinfo=dt.UTC)


def _settle(
    s: Session, slot: tuple[str, str, str], recency: tuple[dt.datetime, dt.datetime], fp: str
) -> tuple[str, int | None]:
    """Where a new bundle of ``slot`` (school, template, period) stands against the slot's
    current one: ("current", None) when there is none, ("replaced", its id) when the new one
    is newer and differs, else ("history", its id)."""
    R = ReceivedRecord  # noqa: N806
    current = s.execute(
        select(R.id, R.finalized_at, R.exported_at, R.fingerprint).where(
            R.school_code == slot[0], R.template_id == slot[1], R.period == slot[2],
            R.current.is_(True),
        )
    ).first()  # fmt: skip
    if current is None:
        return "current", None
    theirs = (current.finalized_at or _LOW, current.exported_at or _LOW)
    if recency > theirs and fp != current.fingerprint:
        return "replaced", current.id
    return "history", current.id


def _when(text: str) -> dt.datetime | None:
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return when if when.tzinfo is not None else None
