"""The fingerprint of a finalized assessment: SHA-256 of its canonical content.

Covered: the template snapshot, the school's name and code, the period, every answer with its
note and the SHA-256 of its evidence files, and the sign-off names.  Rectification progress is
not covered: it goes on after the assessment is finalized.  The same content always gives the
same fingerprint, so an inspector can check a PDF against a bundle.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

from wjself.core.assessment import AssessmentView
from wjself.core.codec import canonical_json, template_to_dict
from wjself.core.school import School
from wjself.core.template import Template
from wjself.core.values import AnswerValue

FINGERPRINT_VERSION = 1


def fingerprint_content(
    template: Template,
    school: School,
    period: str,
    answers: Iterable[tuple[str, AnswerValue, str, Iterable[str]]],
    filled_by: str,
    reviewed_by: str,
) -> dict[str, Any]:
    """The plain data that is hashed; ``answers`` are (code, value, note, evidence hashes)."""
    rows = []
    for code, value, note, hashes in sorted(answers, key=lambda a: a[0]):
        if value is None and not note:
            continue
        rows.append({"code": code, "value": value, "note": note, "evidence": sorted(hashes)})
    return {
        "fingerprint_version": FINGERPRINT_VERSION,
        "template": template_to_dict(template),
        "school": {"name": school.name, "code": school.code},
        "period": period,
        "answers": rows,
        "signoff": {"filled_by": filled_by, "reviewed_by": reviewed_by},
    }


def fingerprint(content: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_json(dict(content))).hexdigest()


def short(fp: str) -> str:
    """The short form printed in page footers: first 16 hex digits in groups of four."""
    return " ".join(fp[i : i + 4] for i in range(0, 16, 4))


def assessment_content(
    view: AssessmentView, filled_by: str | None = None, reviewed_by: str | None = None
) -> dict[str, Any]:
    """``fingerprint_content`` of an assessment as stored, signed by its sign-off names or by
    the names given (finalizing computes it before the sign-off exists)."""
    signoff = view.signoff
    return fingerprint_content(
        view.template,
        view.school,
        view.period,
        ((a.code, a.value, a.note, [e.sha256 for e in a.evidence]) for a in view.answers.values()),
        filled_by if filled_by is not None else (signoff.filled_by if signoff else ""),
        reviewed_by if reviewed_by is not None else (signoff.reviewed_by if signoff else ""),
    )


def assessment_fingerprint(
    view: AssessmentView, filled_by: str | None = None, reviewed_by: str | None = None
) -> str:
    """The fingerprint an assessment's content gives now; equals ``signoff.fingerprint`` for a
    finalized assessment whose content has not changed since."""
    return fingerprint(assessment_content(view, filled_by, reviewed_by))
