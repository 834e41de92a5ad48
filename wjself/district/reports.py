"""The district summary report for a filter (usually one period), as PDF or XLSX.

One entry for the window and the command line: the figures (``district_figures``) go to the
report generators.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from wjself.district.model import DistrictFilter
from wjself.district.workspace import DistrictWorkspace


def write_district_report(
    dws: DistrictWorkspace,
    flt: DistrictFilter,
    fmt: str,
    target: Path,
    *,
    now: dt.datetime | None = None,
) -> Path:
    """Write the district report of ``flt`` as ``fmt`` ("pdf" or "xlsx") to ``target``."""
    raise NotImplementedError("the district report generators are not merged yet")
