"""What the district view reads: received assessments, failing items, open rectifications,
missing checklists, history and the figures of the district report.

Only current bundles count (the newest of each school + checklist + period); ``history``
shows the others.  Reads are plain column selects (no ORM objects) so the list of a
district's 3,300 bundles opens and filters within the window's budget.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import String, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from wjself.core.assessment import RectStatus
from wjself.core.scoring import Outcome
from wjself.core.stages import stages_overlap
from wjself.core.template import Template, TemplateInfo, version_key
from wjself.district.model import (
    DistrictFigures,
    DistrictFilter,
    ItemFailure,
    Missing,
    OpenRect,
    ReceivedRow,
    TemplateFigures,
)
from wjself.district.workspace import DistrictWorkspace
from wjself.store.db import template_from_content
from wjself.store.received import (
    DistrictSchoolRecord,
    ReceivedAnswerRecord,
    ReceivedRecord,
    ReceivedRectificationRecord,
    ReceivedTemplateRecord,
)

R = ReceivedRecord
_ROW_COLUMNS = (
    R.id, R.school_code, R.school_name, R.township,
    type_coerce(R.stages, String).label("stages"),  # parsed once per distinct list
    R.template_id,
    R.template_version, R.template_title, R.period, R.status, R.percent, R.rating,
    R.finalized_at, R.received_at, R.signature, R.trust, R.current, R.signer_key_id,
    R.fingerprint, R.note,
)  # fmt: skip
_ASSESSED = (Outcome.MET.value, Outcome.PARTIAL.value, Outcome.NOT_MET.value)


@functools.lru_cache(maxsize=4096)
def period_key(period: str) -> tuple[tuple[int, ...], str]:
    """Periods in time order: by the numbers in them (2023 < 2024 < 2024-2025), then as text."""
    return tuple(int(n) for n in re.findall(r"\d+", period)[:4]), period


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _filtered(query: Any, flt: DistrictFilter, *, period: bool = True) -> Any:
    """``query`` on ``received`` narrowed by ``flt`` (all but the stage, done in Python)."""
    query = query.where(R.current.is_(True))
    if flt.township:
        query = query.where(R.township == flt.township)
    if flt.template_id:
        query = query.where(R.template_id == flt.template_id)
    if flt.school_code:
        query = query.where(R.school_code == flt.school_code)
    if period and flt.period:
        query = query.where(R.period == flt.period)
    if flt.text.strip():
        pattern = _like(flt.text.strip())
        query = query.where(
            or_(R.school_name.like(pattern, escape="\\"), R.school_code.like(pattern, escape="\\"))
        )
    return query


def _stage_ok(flt: DistrictFilter, stages: Iterable[str] | str) -> bool:
    listed = _stages(stages) if isinstance(stages, str) else tuple(stages)
    return not flt.stage or _overlap(flt.stage, listed)


@functools.lru_cache(maxsize=4096)
def _stages(text: str) -> tuple[str, ...]:
    # A district has a handful of distinct stage lists: each JSON text is read once.
    value = json.loads(text)
    return tuple(str(x) for x in value) if isinstance(value, list) else ()


@functools.lru_cache(maxsize=4096)
def _overlap(stage: str, stages: tuple[str, ...]) -> bool:
    # A district has a handful of distinct stage lists; each is expanded once.
    return stages_overlap([stage], stages)


def list_received(dws: DistrictWorkspace, flt: DistrictFilter) -> list[ReceivedRow]:
    """The current received assessments matching ``flt``, by township, school, checklist,
    period; each with the score of the same school + checklist in the period before."""
    with dws.read() as s:
        rows = s.execute(_filtered(select(*_ROW_COLUMNS), flt)).all()
        # Scores of every period, in four light columns: the previous period's comes from here.
        scores = s.execute(
            _filtered(select(R.school_code, R.template_id, R.period, R.percent), flt, period=False)
        ).all()
    earlier: dict[tuple[str, str], list[tuple[str, float | None]]] = defaultdict(list)
    for code, template_id, period, percent in scores:
        earlier[(code, template_id)].append((period, percent))
    out = []
    for r in rows:
        if not _stage_ok(flt, r.stages):
            continue
        before = [x for x in earlier[(r.school_code, r.template_id)] if _before(x[0], r.period)]
        previous = max(before, key=lambda x: period_key(x[0])) if before else None
        out.append(_row(r, previous))
    out.sort(key=lambda x: (x.township, x.school_name, x.school_code, x.template_id,
                            period_key(x.period)))  # fmt: skip
    return out


def _before(period: str, than: str) -> bool:
    return period_key(period) < period_key(than)


def _row(r: Any, previous: tuple[str, float | None] | None) -> ReceivedRow:
    return ReceivedRow(
        id=r.id,
        school_code=r.school_code,
        school_name=r.school_name,
        township=r.township,
        stages=_stages(r.stages) if isinstance(r.stages, str) else tuple(r.stages),
        template_id=r.template_id,
        template_version=r.template_version,
        template_title=r.template_title,
        period=r.period,
        status=r.status,
        score=r.percent,
        rating=r.rating,
        finalized_at=r.finalized_at,
        received_at=r.received_at,
        signature=r.signature,
        trust=r.trust,
        previous_score=previous[1] if previous else None,
        previous_period=previous[0] if previous else None,
        current=bool(r.current),
        key_id=r.signer_key_id,
        fingerprint=r.fingerprint,
        note=r.note,
    )


def history(dws: DistrictWorkspace, received_id: int) -> list[ReceivedRow]:
    """Every bundle received for the school + checklist + period of ``received_id``, newest
    first (the current one among them); empty for an unknown id."""
    with dws.read() as s:
        one = s.get(R, received_id)
        if one is None:
            return []
        rows = s.execute(
            select(*_ROW_COLUMNS).where(
                R.school_code == one.school_code,
                R.template_id == one.template_id,
                R.period == one.period,
            )
        ).all()
    low = dt.datetime.min.replace(tzinfo=dt.UTC)
    rows = sorted(rows, key=lambda r: (r.current, r.finalized_at or low, r.id), reverse=True)
    return [_row(r, None) for r in rows]


def _current_ids(s: Session, flt: DistrictFilter) -> dict[int, Any]:
    """id → (school_name, school_code, township, template_id, period, template_sha256) of the
    current bundles matching ``flt``."""
    query = select(R.id, R.school_name, R.school_code, R.township, R.template_id, R.period,
                   R.template_sha256, R.stages)  # fmt: skip
    return {r.id: r for r in s.execute(_filtered(query, flt)).all() if _stage_ok(flt, r.stages)}


def _templates(s: Session, shas: Iterable[str]) -> dict[str, Template]:
    """The template snapshots ``shas`` (parsed once per process, by SHA-256)."""
    wanted = sorted(set(shas))
    out: dict[str, Template] = {}
    for chunk in _chunks(wanted, 500):
        rows = s.execute(
            select(ReceivedTemplateRecord.sha256, ReceivedTemplateRecord.content).where(
                ReceivedTemplateRecord.sha256.in_(chunk)
            )
        ).all()
        for sha, content in rows:
            out[sha] = template_from_content(sha, content)
    return out


def _chunks(items: Sequence[Any], n: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), n):
        yield items[start : start + n]


def item_failures(dws: DistrictWorkspace, flt: DistrictFilter) -> list[ItemFailure]:
    """Items answered 不符合 across the current assessments, most failed first: how many
    schools failed each, of how many that assessed it, and which.  Counted in SQL: a
    district's current bundles hold ~100,000 item rows."""
    with dws.read() as s:
        current = _current_ids(s, flt)
        if not current:
            return []
        # The stage is matched in Python: then the bundles are named by id, else by the filter.
        groups = _chunks(sorted(current), 500) if flt.stage else [None]
        assessed: dict[tuple[str, str], int] = defaultdict(int)
        failed: dict[tuple[str, str], list[str]] = defaultdict(list)
        for ids in groups:
            for template_id, code, count in s.execute(_answers(flt, ids, count=True)):
                assessed[(template_id, code)] += count
            for template_id, code, name in s.execute(_answers(flt, ids, count=False)):
                failed[(template_id, code)].append(name)
        newest_sha: dict[str, tuple[str, str]] = {}
        for r in current.values():
            if period_key(r.period) >= period_key(newest_sha.get(r.template_id, ("", ""))[0]):
                newest_sha[r.template_id] = (r.period, r.template_sha256)
        templates = _templates(s, (sha for _, sha in newest_sha.values()))
    out = []
    for (template_id, code), schools in failed.items():
        template = templates.get(newest_sha[template_id][1])
        item = template.item(code) if template is not None else None
        section = template.section_of(code) if template is not None else None
        out.append(
            ItemFailure(
                template_id, code, item.text if item else "", len(schools),
                assessed[(template_id, code)], sorted(schools),
                section.title if section else "",
            )
        )  # fmt: skip
    out.sort(key=lambda f: (-f.failed, -f.rate, f.template_id, f.code))
    return out


def _answers(flt: DistrictFilter, ids: Sequence[int] | None, *, count: bool) -> Any:
    """Per (checklist, item): how many current bundles assessed it (``count``), or the name
    of each school that failed it."""
    A = ReceivedAnswerRecord  # noqa: N806
    query: Any
    if count:
        query = (
            select(R.template_id, A.code, func.count())
            .join(R, R.id == A.received_id)
            .where(A.outcome.in_(_ASSESSED))
            .group_by(R.template_id, A.code)
        )
    else:
        query = (
            select(R.template_id, A.code, R.school_name)
            .join(R, R.id == A.received_id)
            .where(A.outcome == Outcome.NOT_MET.value)
        )
    if ids is not None:
        query = query.where(A.received_id.in_(ids))
    return _filtered(query, flt)


def open_rectifications(
    dws: DistrictWorkspace, flt: DistrictFilter, today: dt.date
) -> list[OpenRect]:
    """Open 整改 of the current assessments: overdue first (longest overdue first), then by
    due date."""
    C = ReceivedRectificationRecord  # noqa: N806
    out = []
    with dws.read() as s:
        current = _current_ids(s, flt)
        templates = _templates(s, (r.template_sha256 for r in current.values()))
        for ids in _chunks(sorted(current), 500):
            rows = s.execute(
                select(C).where(C.received_id.in_(ids), C.status == RectStatus.OPEN.value)
            ).scalars()
            for c in rows:
                r = current[c.received_id]
                template = templates.get(r.template_sha256)
                item = template.item(c.code) if template is not None else None
                late = c.due is not None and c.due < today
                out.append(
                    OpenRect(
                        c.received_id, r.school_code, r.school_name, r.township, r.template_id,
                        r.period, c.code, item.text if item else "", c.problem, c.measure,
                        c.owner, c.due, c.status, late, (today - c.due).days if late and c.due else 0,
                    )
                )  # fmt: skip
    far = dt.date.max
    out.sort(key=lambda o: (not o.overdue, -o.days_overdue, o.due or far, o.school_name, o.code))
    return out


def school_names(dws: DistrictWorkspace) -> dict[str, str]:
    """The names of the schools the bureau knows (its roster, its bundles), by code."""
    with dws.read() as s:
        rows = s.execute(select(DistrictSchoolRecord.code, DistrictSchoolRecord.name))
        return {code: name for code, name in rows}


def known_periods(dws: DistrictWorkspace) -> list[str]:
    """The periods of the bundles received, oldest first."""
    with dws.read() as s:
        periods = s.scalars(select(R.period).distinct()).all()
    return sorted(periods, key=period_key)


def missing(dws: DistrictWorkspace, flt: DistrictFilter) -> list[Missing]:
    """Schools known × checklists applicable to their stages (the newest installed version of
    each) with no bundle for the period (``flt.period``, else the newest period received)."""
    period = flt.period or next(reversed(known_periods(dws)), None)
    if period is None:
        return []
    templates = [
        t for t in _newest_templates(dws) if not flt.template_id or t.id == flt.template_id
    ]
    with dws.read() as s:
        schools = s.scalars(select(DistrictSchoolRecord)).all()
        have = {
            (code, template_id)
            for code, template_id in s.execute(
                select(R.school_code, R.template_id).where(R.period == period).distinct()
            )
        }
    text = flt.text.strip()
    out = []
    for school in schools:
        if flt.township and school.township != flt.township:
            continue
        if flt.school_code and school.code != flt.school_code:
            continue
        if text and text not in school.name and text not in school.code:
            continue
        if not _stage_ok(flt, school.stages):
            continue
        for t in templates:
            if (school.code, t.id) in have or not stages_overlap(t.stages, school.stages):
                continue
            out.append(
                Missing(school.code, school.name, school.township, tuple(school.stages),
                        t.id, t.title, period)
            )  # fmt: skip
    out.sort(key=lambda m: (m.township, m.school_name, m.school_code, m.template_id))
    return out


def _newest_templates(dws: DistrictWorkspace) -> list[TemplateInfo]:
    """The newest installed version of each checklist."""
    newest: dict[str, TemplateInfo] = {}
    for info in dws.workspace.templates.list():
        known = newest.get(info.id)
        if known is None or version_key(info.version) > version_key(known.version):
            newest[info.id] = info
    return sorted(newest.values(), key=lambda i: i.id)


def district_figures(
    dws: DistrictWorkspace, flt: DistrictFilter, today: dt.date | None = None
) -> DistrictFigures:
    """Everything the district PDF/XLSX print for ``flt``."""
    day = today or dt.date.today()
    rows = list_received(dws, flt)
    by_template: dict[str, list[ReceivedRow]] = defaultdict(list)
    for row in rows:
        by_template[row.template_id].append(row)
    figures = []
    for template_id, group in sorted(by_template.items()):
        scores = [r.score for r in group if r.score is not None]
        ratings: dict[str, int] = defaultdict(int)
        for r in group:
            ratings[r.rating or "无"] += 1
        figures.append(
            TemplateFigures(
                template_id, group[0].template_title, len(group),
                round(sum(scores) / len(scores), 2) if scores else None,
                min(scores) if scores else None, max(scores) if scores else None,
                dict(ratings),
            )
        )  # fmt: skip
    return DistrictFigures(
        flt, day, rows, figures, item_failures(dws, flt), open_rectifications(dws, flt, day),
        missing(dws, flt),
    )  # fmt: skip
