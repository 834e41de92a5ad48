"""A received assessment as the school saw it, read back from the kept bundle copy."""

from __future__ import annotations

from wjself.core.assessment import AssessmentView
from wjself.district.workspace import DistrictWorkspace


def received_view(dws: DistrictWorkspace, received_id: int) -> AssessmentView:
    """Core's view of received bundle ``received_id`` (evidence readable from the kept copy)."""
    raise NotImplementedError
