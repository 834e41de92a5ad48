"""An assessment bundle's JSON read back into an ``AssessmentView`` (read-only import).

``formats/bundle.py`` opens and checks the archive and hands over its parsed JSON as a
``BundleContent``; ``view_of`` turns that into the read model, refusing anything that does not
read as the bundle writer (``core/assessment_json.py``) writes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from wjself.core.assessment import (
    Answer,
    AssessmentView,
    Evidence,
    Rectification,
    RectStatus,
    SignOff,
    Status,
)
from wjself.core.errors import InputError
from wjself.core.fingerprint import is_digest
from wjself.core.narrative import Narrative, narrative_problems
from wjself.core.school import School, normalize_facts
from wjself.core.template import Template
from wjself.core.values import AnswerValue

# What a missing date or time reads as, so a view always has one.
_EPOCH = dt.datetime(1970, 1, 1)


@dataclass(frozen=True, slots=True)
class BundleContent:
    """The parsed JSON parts of a bundle."""

    manifest: dict[str, Any]
    template: Template | None
    answers: list[dict[str, Any]]
    rects: list[dict[str, Any]]
    readable: bool  # every JSON file was there and well-formed
    narrative: Narrative = field(default_factory=Narrative)  # checked by the reader


def fingerprint_scheme(manifest: dict[str, Any]) -> int:
    """The fingerprint scheme: recorded since format 2, always 1 before."""
    return int(manifest["fingerprint_scheme"]) if manifest["format_version"] >= 2 else 1


def narrative_from(data: Any, name: str, problems: list[str]) -> Narrative:
    """The written 自查报告 of ``{"narrative": {part: text}}``, checked like text typed in the
    window; empty (with the problems added) when it does not read as wjself writes it."""
    inner = data.get("narrative") if isinstance(data, dict) else None
    found = narrative_problems(inner)
    if found:
        problems += [f"{name}：{f + '：' if f else ''}{msg}" for f, msg in found]
        return Narrative()
    assert isinstance(inner, dict)
    return Narrative.of(inner)


def view_of(content: BundleContent, with_files: dict[str, str] | None) -> AssessmentView:
    """The assessment a bundle holds; ``with_files`` maps evidence hashes to unpacked files."""
    m = content.manifest
    if content.template is None:
        raise InputError("数据包中没有可用的模板")
    school = _school(m)
    answers = _answers(content.answers, with_files)
    rects = tuple(_rectification(i + 1, r) for i, r in enumerate(content.rects))
    try:
        status = Status(m.get("status", Status.DRAFT.value))
    except ValueError:
        raise InputError(f"清单中的状态“{str(m.get('status'))[:20]}”无效") from None
    return AssessmentView(
        id=0,
        school=school,
        template=content.template,
        period=str(m.get("period", "")),
        status=status,
        created_at=_when(m.get("created_at")) or _EPOCH,
        updated_at=_when(m.get("updated_at")) or _EPOCH,
        answers=MappingProxyType(answers),
        rectifications=rects,
        signoff=_signoff(m),
        upgraded_from=str(m.get("upgraded_from") or ""),
        narrative=content.narrative,
    )


def _school(m: dict[str, Any]) -> School:
    s = _dict(m.get("school") or {}, "清单中的 school")
    stages = s.get("stages", [])
    if not isinstance(stages, list):
        raise InputError("清单中 school.stages 应为列表")
    facts = s.get("facts") or {}
    if not isinstance(facts, dict):
        raise InputError("清单中 school.facts 应为对象")
    odd = next((k for k, v in facts.items() if not isinstance(v, bool)), None)
    if odd is not None:
        # Read by truth value, "false" or [] would be scored as one thing and read by a person
        # as another: only the true and false wjself writes are accepted.
        raise InputError(f"清单中 school.facts.{str(odd)[:40]} 应为 true 或 false")
    if not all(isinstance(x, str) for x in stages):
        raise InputError("清单中 school.stages 应为文字的列表")
    return School(
        id=0,
        name=str(s.get("name", "")),
        code=str(s.get("code", "")),
        stages=tuple(str(x) for x in stages),
        township=str(s.get("township", "")),
        address=str(s.get("address", "")),
        principal=str(s.get("principal", "")),
        contact=str(s.get("contact", "")),
        phone=str(s.get("phone", "")),
        facts=normalize_facts({str(k): bool(v) for k, v in facts.items()}),
    )


def _answers(rows: list[dict[str, Any]], with_files: dict[str, str] | None) -> dict[str, Answer]:
    answers: dict[str, Answer] = {}
    next_id = 1
    for number, row in enumerate(rows, start=1):
        if not isinstance(row.get("code"), str):
            raise InputError(f"answers.json 第 {number} 条缺少 code（检查项代码）")
        code = str(row["code"])
        listed = row.get("evidence", [])
        if not isinstance(listed, list):
            raise InputError(f"answers.json 第 {number} 条的 evidence 应为列表")
        evidence = []
        for raw_e in listed:
            evidence.append(_evidence(next_id, code, number, raw_e, with_files))
            next_id += 1
        answers[code] = Answer(
            code=code,
            value=_value(row.get("value")),
            note=str(row.get("note") or ""),
            updated_at=_when(row.get("updated_at")),
            updated_by=str(row.get("updated_by") or ""),
            evidence=tuple(evidence),
            needs_reconfirm=bool(row.get("needs_reconfirm", False)),
        )
    return answers


def _evidence(
    evidence_id: int, code: str, number: int, raw: Any, with_files: dict[str, str] | None
) -> Evidence:
    e = _dict(raw, f"answers.json 第 {number} 条的佐证")
    sha = str(e.get("sha256", ""))
    if not is_digest(sha):
        raise InputError(f"answers.json：佐证的 SHA-256“{sha[:70]}”无效")
    return Evidence(
        id=evidence_id,
        code=code,
        sha256=sha,
        name=str(e.get("name", "")),
        size=_size(e.get("size", 0), number),
        media_type=str(e.get("media_type", "application/octet-stream")),
        path=with_files.get(sha, "") if with_files is not None else "",
        added_at=_when(e.get("added_at")) or _EPOCH,
    )


def _rectification(number: int, r: dict[str, Any]) -> Rectification:
    return Rectification(
        id=number,
        assessment_id=0,
        code=str(r.get("code", "")),
        problem=str(r.get("problem") or ""),
        measure=str(r.get("measure") or ""),
        owner=str(r.get("owner") or ""),
        due=_day(r.get("due")),
        status=_rect_status(r.get("status", "open"), number),
        done_on=_day(r.get("done_on")),
        verified_on=_day(r.get("verified_on")),
        verified_by=str(r.get("verified_by") or ""),
    )


def _signoff(m: dict[str, Any]) -> SignOff | None:
    raw = m.get("signoff")
    if not isinstance(raw, dict):
        return None
    return SignOff(
        filled_by=str(raw.get("filled_by", "")),
        reviewed_by=str(raw.get("reviewed_by", "")),
        finalized_at=_when(raw.get("finalized_at")) or _EPOCH,
        fingerprint=str(m.get("fingerprint") or ""),
        scheme=fingerprint_scheme(m),
    )


def _dict(raw: Any, what: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise InputError(f"{what}应为对象")
    return raw


def _size(raw: Any, number: int) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
        raise InputError(f"answers.json 第 {number} 条佐证的大小“{str(raw)[:20]}”应为非负整数")
    return raw


def _rect_status(raw: Any, number: int) -> RectStatus:
    try:
        return RectStatus(raw)
    except ValueError:
        raise InputError(
            f"rectifications.json 第 {number} 条的状态“{str(raw)[:20]}”无效，"
            "应为 open、done 或 verified"
        ) from None


def _value(raw: Any) -> AnswerValue:
    if raw is None or isinstance(raw, str):
        return raw
    if isinstance(raw, bool):
        raise InputError("answers.json：答案值不能是 true/false")
    if isinstance(raw, int | float):
        return float(raw)
    if isinstance(raw, list) and all(isinstance(x, str) for x in raw):
        return list(raw)
    raise InputError(f"answers.json：无法识别的答案值 {str(raw)[:40]}")


def _when(raw: Any) -> dt.datetime | None:
    if not raw:
        return None
    try:
        return dt.datetime.fromisoformat(str(raw))
    except ValueError:
        raise InputError(f"数据包中的时间“{str(raw)[:40]}”格式不对") from None


def _day(raw: Any) -> dt.date | None:
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(str(raw))
    except ValueError:
        raise InputError(f"数据包中的日期“{str(raw)[:40]}”格式不对") from None
