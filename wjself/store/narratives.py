"""The written 自查报告 of an assessment: read it, and write it with one audit row per part.

Stored in ``assessments.narrative`` (revision 0006) as a JSON object of the four parts; NULL
reads as four empty parts.  Writing is refused on a finalized assessment (scheme 3 fingerprints
cover the narrative) and for text ``core.narrative`` refuses (too long, control characters).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from wjself.core.audit import AuditAction
from wjself.core.errors import InputError, Problem
from wjself.core.narrative import PARTS, Narrative, narrative_problems
from wjself.core.text import clip
from wjself.store.common import audit, draft_assessment
from wjself.store.db import now_in
from wjself.store.models import AssessmentRecord

_AUDIT_CLIP = 200  # the audit shows the start of a part, not pages of it


def narrative_of(record: AssessmentRecord) -> Narrative:
    """The stored narrative (unreadable content reads as empty: restore vetting refuses it)."""
    raw: Any = record.narrative
    if not isinstance(raw, dict):
        return Narrative()
    return Narrative.of({k: v for k, v in raw.items() if k in PARTS and isinstance(v, str)})


def write_narrative(s: Session, who: str, assessment_id: int, narrative: Narrative) -> Narrative:
    """Store ``narrative`` (each part trimmed) in the caller's transaction; a part that does
    not change records nothing."""
    problems = narrative_problems(narrative.as_dict())
    if problems:
        raise InputError([Problem(f"自查报告：{msg}", field=f) for f, msg in problems])
    a = draft_assessment(s, assessment_id)
    new = Narrative.of({name: text.strip() for name, text in narrative.as_dict().items()})
    old = narrative_of(a)
    changed = [name for name in PARTS if old.get(name) != new.get(name)]
    if not changed:
        return old
    for name in changed:
        audit(
            s,
            who,
            AuditAction.ASSESSMENT_NARRATIVE,
            a.id,
            code=name,
            old=clip(old.get(name), _AUDIT_CLIP),
            new=clip(new.get(name), _AUDIT_CLIP),
        )
    a.narrative = None if new.empty else new.as_dict()
    a.updated_at = now_in(s)
    return new
