"""The JSON form of an assessment's answers and rectifications.

One writer for the fields the assessment bundle (``formats/bundle.py``) and ``assessment show
--json`` (``cli/assessment_cmds.py``) share, so the two spell them alike; each adds its own
fields (ids, outcomes, evidence) around them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from wjself.core.assessment import Answer, Rectification


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def answer_fields(a: Answer | None) -> dict[str, Any]:
    """Note, when and by whom, and the re-confirm flag of an answer (defaults without one)."""
    if a is None:
        return {"note": "", "updated_at": None, "updated_by": "", "needs_reconfirm": False}
    return {
        "note": a.note,
        "updated_at": _iso(a.updated_at),
        "updated_by": a.updated_by,
        "needs_reconfirm": a.needs_reconfirm,
    }


def rectification_dict(r: Rectification) -> dict[str, Any]:
    """A rectification's own fields: item, problem, measure, owner, dates and standing."""
    return {
        "code": r.code,
        "problem": r.problem,
        "measure": r.measure,
        "owner": r.owner,
        "due": _iso(r.due),
        "status": r.status.value,
        "done_on": _iso(r.done_on),
        "verified_on": _iso(r.verified_on),
        "verified_by": r.verified_by,
    }
