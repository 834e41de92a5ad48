"""Which period an assessment reports on, and the rule that one PDF report covers one period.

A report's cover, summary and sign-off speak of one period (自查时段); assessments of several
periods in one PDF would read as one year's results. The report refuses them, the command line
says which assessment is in which period, and the window does not offer the export.
"""

from __future__ import annotations

from collections.abc import Iterable

from wjself.core.assessment import AssessmentView
from wjself.core.errors import InputError, Problem


def by_period(views: Iterable[AssessmentView]) -> dict[str, list[int]]:
    """The ids of ``views`` per period, in the order given."""
    periods: dict[str, list[int]] = {}
    for view in views:
        periods.setdefault(view.period, []).append(view.id)
    return periods


def one_period(views: Iterable[AssessmentView]) -> None:
    """InputError naming each period's assessments when ``views`` span more than one period."""
    periods = by_period(views)
    if len(periods) <= 1:
        return
    which = "；".join(
        f"{period}：自评 {'、'.join(map(str, ids))}" for period, ids in periods.items()
    )
    raise InputError(
        [
            Problem(
                f"一份 PDF 报告中的自评须属于同一期间，而给出的自评分属 {len(periods)} 个期间"
                f"（{which}）。请按期间分别生成报告",
                field="period",
            )
        ]
    )
