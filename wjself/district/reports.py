"""The district summary report for a filter (one period, maybe one township or checklist), as
PDF (公文 form) or XLSX (one row per school × item): the window's 区级汇总报告 buttons.

The figures are ``district_figures``; the files are written by ``report.district_pdf`` and
``report.district_xlsx`` (the generators ``district report pdf|xlsx`` uses), atomically.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from wjself.core.errors import InputError, Problem
from wjself.district.model import DistrictFilter
from wjself.district.queries import district_figures
from wjself.district.view import received_view
from wjself.district.workspace import DistrictWorkspace

FORMATS = ("pdf", "xlsx")


def write_district_report(
    dws: DistrictWorkspace,
    flt: DistrictFilter,
    fmt: str,
    target: Path,
    *,
    now: dt.datetime | None = None,
) -> Path:
    """Write the district report of ``flt`` as ``fmt`` ("pdf" or "xlsx") to ``target``;
    returns ``target``.  A filter without a period is refused (the report covers one)."""
    if fmt not in FORMATS:
        raise InputError([Problem(f"区级汇总只能生成 PDF 或 XLSX，不是“{fmt}”", field="format")])
    if not flt.period:
        raise InputError([Problem("区级汇总按一个时段生成：请先选择时段", field="period")])
    moment = now or dt.datetime.now().astimezone()
    figures = district_figures(dws, flt, moment.date())
    if fmt == "pdf":
        from wjself.report.district_pdf import write_district_pdf

        write_district_pdf(figures, target, generated_at=moment)
    else:
        from wjself.report.district_xlsx import write_district_xlsx

        views = (received_view(dws, r.id, with_evidence=False) for r in figures.rows)
        write_district_xlsx(figures, views, target)
    return target
