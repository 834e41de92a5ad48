"""Which received rows a filter selects, on rows already read (``list_received`` with no
filter): the window filters a district's 3,300 rows as a person types without asking the
database again.

The rule is ``list_received``'s own, row by row: current rows only, township, checklist,
school code and period equal, the stage among the school's (``stages_overlap``), and the text
a part of the school's name or code (ignoring case, as SQLite's LIKE does for Latin letters).
A row's ``previous_score`` does not depend on the filter (it is the same school and
checklist), so filtering the full list gives what ``list_received(flt)`` gives.
"""

from __future__ import annotations

from collections.abc import Iterable

from wjself.core.stages import stages_overlap
from wjself.district.model import DistrictFilter, ReceivedRow


def row_matches(flt: DistrictFilter, row: ReceivedRow) -> bool:
    """Whether ``flt`` selects ``row`` (``list_received``'s rule, on one row)."""
    if not row.current:
        return False
    for wanted, value in (
        (flt.township, row.township),
        (flt.template_id, row.template_id),
        (flt.school_code, row.school_code),
        (flt.period, row.period),
    ):
        if wanted and value != wanted:
            return False
    if flt.stage and not stages_overlap([flt.stage], row.stages):
        return False
    text = flt.text.strip().casefold()
    return not text or text in row.school_name.casefold() or text in row.school_code.casefold()


def select_rows(flt: DistrictFilter, rows: Iterable[ReceivedRow]) -> list[ReceivedRow]:
    """The rows ``flt`` selects, in their order."""
    return [row for row in rows if row_matches(flt, row)]
