"""The bureau's side (区教育局端): receive school bundles, read, compare and report them.

Sits above ``store``/``formats``/``report`` and below ``ui``/``cli``; imports no Qt.  Plain
data in and out (``wjself.district.model``)::

    with open_district(DIR) as dws:                 # a school's folder is refused (and back)
        summary = import_bundles(dws, [paths], progress, cancel)   # ImportSummary
        list_received(dws, DistrictFilter(period="2024")) -> list[ReceivedRow]
        history(dws, received_id) -> list[ReceivedRow]
        item_failures(dws, flt) -> list[ItemFailure]
        open_rectifications(dws, flt, today) -> list[OpenRect]
        missing(dws, flt) -> list[Missing]
        received_view(dws, received_id) -> AssessmentView   # as the school saw it
        district_figures(dws, flt) -> DistrictFigures       # what the district report prints
        comments(dws, id) / review_of(dws, id) -> BureauReview   # the bureau's answer so far
        set_comment(dws, id, code, text); set_verdict(dws, id, "通过"|"退回修改", reason)
        export_review(dws, id, path) -> Review          # the signed .wjsr for the school
        known_periods(dws) -> list[str]                     # oldest first
        import_roster(dws, path) -> int                     # schools expected to report (CSV)

Decisions and scale: docs/district.md.
"""

from wjself.district.importing import import_bundles
from wjself.district.model import (
    DistrictFigures,
    DistrictFilter,
    ImportLine,
    ImportSummary,
    ItemFailure,
    Missing,
    OpenRect,
    ReceivedRow,
    TemplateFigures,
)
from wjself.district.queries import (
    district_figures,
    history,
    item_failures,
    known_periods,
    list_received,
    missing,
    open_rectifications,
)
from wjself.district.reviews import (
    BureauReview,
    comments,
    export_review,
    review_of,
    set_comment,
    set_verdict,
)
from wjself.district.roster import import_roster
from wjself.district.view import received_view
from wjself.district.workspace import DistrictWorkspace, open_district

__all__ = [
    "BureauReview",
    "DistrictFigures",
    "DistrictFilter",
    "DistrictWorkspace",
    "ImportLine",
    "ImportSummary",
    "ItemFailure",
    "Missing",
    "OpenRect",
    "ReceivedRow",
    "TemplateFigures",
    "comments",
    "district_figures",
    "export_review",
    "history",
    "import_bundles",
    "import_roster",
    "item_failures",
    "known_periods",
    "list_received",
    "missing",
    "open_district",
    "open_rectifications",
    "received_view",
    "review_of",
    "set_comment",
    "set_verdict",
]
