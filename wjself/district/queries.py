"""What the district view reads: received assessments, failing items, open rectifications,
missing checklists, history and the figures of the district report."""

from __future__ import annotations

import datetime as dt

from wjself.district.model import (
    DistrictFigures,
    DistrictFilter,
    ItemFailure,
    Missing,
    OpenRect,
    ReceivedRow,
)
from wjself.district.workspace import DistrictWorkspace


def list_received(dws: DistrictWorkspace, flt: DistrictFilter) -> list[ReceivedRow]:
    """The current received assessments matching ``flt``, by township, school, checklist."""
    raise NotImplementedError


def history(dws: DistrictWorkspace, received_id: int) -> list[ReceivedRow]:
    """Every bundle received for the school + template + period of ``received_id``, newest first."""
    raise NotImplementedError


def item_failures(dws: DistrictWorkspace, flt: DistrictFilter) -> list[ItemFailure]:
    """Items answered 不符合 across the current assessments, most failed first."""
    raise NotImplementedError


def open_rectifications(
    dws: DistrictWorkspace, flt: DistrictFilter, today: dt.date
) -> list[OpenRect]:
    """Open 整改 of the current assessments, overdue (against ``today``) first."""
    raise NotImplementedError


def missing(dws: DistrictWorkspace, flt: DistrictFilter) -> list[Missing]:
    """Schools known × checklists applicable to their stages with no bundle for the period."""
    raise NotImplementedError


def district_figures(
    dws: DistrictWorkspace, flt: DistrictFilter, today: dt.date | None = None
) -> DistrictFigures:
    """Everything the district PDF/XLSX print for ``flt``."""
    raise NotImplementedError
