"""The fingerprint of a finalized assessment: SHA-256 of its canonical content.

The scheme is versioned; a finalized assessment and a bundle record the scheme their
fingerprint was made with, and it is always checked with that scheme.

- Scheme 1 (wjself 1.0): the template snapshot, the school's name and code, the period, every
  answer with its note and the SHA-256 of its evidence files, and the sign-off names.  The
  school's stages and facts were left out, so a changed profile (and the score it gives) went
  unnoticed.
- Scheme 2: everything the score or what an inspector reads depends on — scheme 1 plus the
  whole school profile (stages, township, facts, address, principal, contact, phone), the
  evidence names, the answers flagged for reconfirmation, the version upgraded from and the
  finalization date.
- Scheme 3: scheme 2 plus the written 自查报告 (the four parts of ``core.narrative``).

Rectification progress is not covered: it goes on after the assessment is finalized.  The
same content always gives the same fingerprint, so an inspector can check a PDF against a
bundle.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Mapping
from typing import Any

from wjself.core.assessment import AssessmentView
from wjself.core.codec import canonical_json, template_to_dict
from wjself.core.school import School
from wjself.core.template import Template
from wjself.core.values import AnswerValue

FINGERPRINT_VERSION = 3  # the scheme new fingerprints are made with
SCHEMES = (1, 2, 3)
SCHEMES_TEXT = "、".join(map(str, SCHEMES))


class UnknownScheme(ValueError):
    """A fingerprint scheme this program does not know (made by a newer wjself)."""


# A SHA-256 as wjself writes it: 64 lowercase hex digits (evidence files, templates, fingerprints).
DIGEST = re.compile(r"[0-9a-f]{64}")


def is_digest(text: object) -> bool:
    """Whether ``text`` is a SHA-256 as wjself stores it (64 lowercase hex digits)."""
    return isinstance(text, str) and DIGEST.fullmatch(text) is not None


def fingerprint_content(
    template: Template,
    school: School,
    period: str,
    answers: Iterable[tuple[str, AnswerValue, str, Iterable[str]]],
    filled_by: str,
    reviewed_by: str,
) -> dict[str, Any]:
    """The plain data that is hashed in scheme 1; ``answers`` are (code, value, note,
    evidence hashes)."""
    rows = []
    for code, value, note, hashes in sorted(answers, key=lambda a: a[0]):
        if value is None and not note:
            continue
        rows.append({"code": code, "value": value, "note": note, "evidence": sorted(hashes)})
    return {
        "fingerprint_version": 1,
        "template": template_to_dict(template),
        "school": {"name": school.name, "code": school.code},
        "period": period,
        "answers": rows,
        "signoff": {"filled_by": filled_by, "reviewed_by": reviewed_by},
    }


def _content_v2(
    view: AssessmentView, filled_by: str, reviewed_by: str, finalized_on: str
) -> dict[str, Any]:
    rows = []
    for a in sorted(view.answers.values(), key=lambda a: a.code):
        if a.value is None and not a.note and not a.evidence:
            continue
        evidence = sorted((e.sha256, e.name) for e in a.evidence)
        rows.append(
            {
                "code": a.code,
                "value": a.value,
                "note": a.note,
                "evidence": [{"sha256": sha, "name": name} for sha, name in evidence],
                "needs_reconfirm": a.needs_reconfirm,
            }
        )
    s = view.school
    # Spelled out, and facts as the sorted names of those that hold, so that a profile field or
    # fact added later (absent = false) leaves every scheme 2 fingerprint as it was.
    school = {
        "name": s.name,
        "code": s.code,
        "stages": sorted(s.stages),
        "township": s.township,
        "address": s.address,
        "principal": s.principal,
        "contact": s.contact,
        "phone": s.phone,
        "facts": sorted(name for name, holds in s.facts if holds),
    }
    return {
        "fingerprint_version": 2,
        "template": template_to_dict(view.template),
        "school": school,
        "period": view.period,
        "upgraded_from": view.upgraded_from,
        "answers": rows,
        "signoff": {
            "filled_by": filled_by,
            "reviewed_by": reviewed_by,
            "finalized_on": finalized_on,
        },
    }


def fingerprint(content: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_json(dict(content))).hexdigest()


def content_parts(content: Mapping[str, Any]) -> dict[str, str]:
    """SHA-256 of each part of hashed content (template, school, answers…), recorded beside the
    fingerprint so that a mismatch can say which part changed."""
    return {
        key: hashlib.sha256(canonical_json({key: value})).hexdigest()
        for key, value in content.items()
        if key != "fingerprint_version"
    }


def short(fp: str) -> str:
    """The short form printed in page footers: first 16 hex digits in groups of four."""
    return " ".join(fp[i : i + 4] for i in range(0, 16, 4))


def assessment_content(
    view: AssessmentView,
    filled_by: str | None = None,
    reviewed_by: str | None = None,
    *,
    scheme: int | None = None,
    finalized_on: dt.date | None = None,
) -> dict[str, Any]:
    """The hashed content of an assessment as stored, signed by its sign-off names or by the
    names given (finalizing computes it before the sign-off exists), in ``scheme`` (default:
    the scheme of its sign-off, else the current one)."""
    signoff = view.signoff
    if scheme is None:
        scheme = signoff.scheme if signoff else FINGERPRINT_VERSION
    filled = filled_by if filled_by is not None else (signoff.filled_by if signoff else "")
    reviewed = reviewed_by if reviewed_by is not None else (signoff.reviewed_by if signoff else "")
    if scheme == 1:
        return fingerprint_content(
            view.template,
            view.school,
            view.period,
            (
                (a.code, a.value, a.note, [e.sha256 for e in a.evidence])
                for a in view.answers.values()
            ),
            filled,
            reviewed,
        )
    if scheme in (2, 3):
        if finalized_on is None and signoff is not None:
            finalized_on = signoff.finalized_at.date()
        content = _content_v2(
            view, filled, reviewed, finalized_on.isoformat() if finalized_on else ""
        )
        if scheme == 3:
            # Every part spelled out, empty or not, so that a part added later cannot collide.
            content["fingerprint_version"] = 3
            content["narrative"] = view.narrative.as_dict()
        return content
    raise UnknownScheme(
        f"指纹方案 {scheme} 不受支持（本程序认识方案 {SCHEMES_TEXT}）；请升级 wjself"
    )


def assessment_fingerprint(
    view: AssessmentView,
    filled_by: str | None = None,
    reviewed_by: str | None = None,
    *,
    scheme: int | None = None,
    finalized_on: dt.date | None = None,
) -> str:
    """The fingerprint an assessment's content gives now (in its sign-off's scheme); equals
    ``signoff.fingerprint`` for a finalized assessment whose content has not changed since."""
    return fingerprint(
        assessment_content(view, filled_by, reviewed_by, scheme=scheme, finalized_on=finalized_on)
    )


PART_NAMES = {
    "template": "模板快照",
    "school": "学校概况（名称、标识码、学段、所属镇街、办学条件等）",
    "period": "自评周期",
    "upgraded_from": "升级来源版本",
    "answers": "答案（答案值、备注、佐证）",
    "signoff": "审核与签章（填表人、审核人、定稿日期）",
    "narrative": "自查报告（文字部分）",
}


def changed_parts(recorded: object, view: AssessmentView | None) -> str:
    """Which parts of ``view``'s content differ from ``recorded`` (a bundle's
    ``fingerprint_parts``), as a clause for a refusal message."""
    if view is None or not isinstance(recorded, dict):
        return ""
    now = content_parts(assessment_content(view))
    changed = [PART_NAMES.get(k, k) for k in now if recorded.get(k) != now[k]]
    return f"；与定稿时不同的是：{'、'.join(changed)}" if changed else ""
