"""What the district reports say, worked out once from ``DistrictFigures`` for the PDF and XLSX.

The figures come from the district service (``wjself.district.district_figures``) as plain
data; this module only counts and groups them (schools known, reported and missing, the mean
score and the ratings, per township), so the PDF's sentences and the XLSX's summary agree.
The report layer does not import the district package: anything with the figures' fields
will do.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from wjself.core.text import percent_text

NO_TOWNSHIP = "（未填镇街）"


@dataclass(frozen=True, slots=True)
class TownshipLine:
    """One township: schools known, schools that reported, assessments, their mean score."""

    township: str
    schools: int
    reported: int
    assessments: int
    mean: float | None


@dataclass(frozen=True, slots=True)
class DistrictSummary:
    """The counts 一、总体情况 states."""

    period: str
    schools: int  # known to the district: reported something or expected to
    reported: int  # sent at least one checklist
    complete: int  # sent every checklist expected of them
    missing_schools: int  # have at least one checklist not sent
    missing_checklists: int
    assessments: int
    mean: float | None
    ratings: list[tuple[str, int]]  # rating → assessments, most first
    townships: list[TownshipLine]
    open_rects: int
    overdue_rects: int

    def sentence(self) -> str:
        """一、总体情况's first paragraph."""
        ratings = "、".join(f"{name} {n} 份" for name, n in self.ratings) or "无"
        mean = percent_text(self.mean) if self.mean is not None else "暂无"
        return (
            f"本期（{self.period}）区内应报送学校 {self.schools} 所，已报送 {self.reported} 所、"
            f"收到自查表 {self.assessments} 份，其中全部报送 {self.complete} 所；"
            f"尚有 {self.missing_schools} 所学校未报送（缺 {self.missing_checklists} 份）。"
            f"已报送自查表平均得分率 {mean}；评定等级分布：{ratings}。"
            f"整改项目未完成 {self.open_rects} 项，其中逾期 {self.overdue_rects} 项。"
        )


def period_of(figures: Any) -> str:
    """The period the figures are for, as the title says it."""
    period = getattr(figures.filter, "period", None)
    if period:
        return str(period)
    periods = sorted({r.period for r in figures.rows})
    return "、".join(periods) if periods else "全部期间"


def summarize(figures: Any) -> DistrictSummary:
    """The counts of ``figures`` (a ``DistrictFigures``)."""
    rows: Sequence[Any] = figures.rows
    reported = {r.school_code for r in rows}
    lacking = {m.school_code for m in figures.missing}
    known: dict[str, str] = {r.school_code: township(r.township) for r in rows}
    known.update({m.school_code: township(m.township) for m in figures.missing})
    scores = [r.score for r in rows if r.score is not None]
    ratings = Counter(r.rating or "未评定" for r in rows)
    return DistrictSummary(
        period=period_of(figures),
        schools=len(known),
        reported=len(reported),
        complete=len(reported - lacking),
        missing_schools=len(lacking),
        missing_checklists=len(figures.missing),
        assessments=len(rows),
        mean=mean(scores),
        ratings=sorted(ratings.items(), key=lambda kv: (-kv[1], kv[0])),
        townships=_townships(rows, known),
        open_rects=len(figures.open_rects),
        overdue_rects=sum(1 for r in figures.open_rects if r.overdue),
    )


def _townships(rows: Sequence[Any], known: dict[str, str]) -> list[TownshipLine]:
    scores: dict[str, list[float]] = defaultdict(list)
    reported: dict[str, set[str]] = defaultdict(set)
    count: Counter[str] = Counter()
    for r in rows:
        t = township(r.township)
        count[t] += 1
        reported[t].add(r.school_code)
        if r.score is not None:
            scores[t].append(r.score)
    schools = Counter(known.values())
    return [
        TownshipLine(t, schools[t], len(reported[t]), count[t], mean(scores[t]))
        for t in sorted(schools)
    ]


def township(name: str) -> str:
    return name.strip() or NO_TOWNSHIP


def mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def by_township(rows: Sequence[Any]) -> list[tuple[str, list[Any]]]:
    """Rows grouped by township, each group by school name then checklist."""
    groups: dict[str, list[Any]] = defaultdict(list)
    for r in rows:
        groups[township(r.township)].append(r)
    return [
        (t, sorted(groups[t], key=lambda r: (r.school_name, r.school_code, r.template_id)))
        for t in sorted(groups)
    ]


def change_text(row: Any) -> str:
    """Score against the previous period: ``+3.5``, ``-2``, ``—`` when there is none."""
    change = row.change
    if change is None:
        return "—"
    return f"{change:+.1f}".replace(".0", "") if abs(change) >= 0.05 else "持平"


def days_text(today: dt.date, due: dt.date | None) -> str:
    if due is None:
        return ""
    return f"{(today - due).days} 天" if due < today else ""
