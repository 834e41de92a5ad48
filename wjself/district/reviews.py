"""The bureau answers a received assessment: comments per item, a verdict, a review file.

``set_comment`` keeps the inspector's 督学意见 on one item (empty text removes it),
``set_verdict`` records 通过 or 退回修改 (with a reason, which 退回修改 requires), and
``export_review`` writes them as a ``.wjsr`` file signed with the bureau folder's key, for the
school to import.  Only the current bundle of a school + checklist + period is reviewed: a
review names the fingerprint it answers, and an older bundle is not what the school has now.
Comments and verdicts stay with their bundle row when a newer bundle replaces it.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from wjself.core.errors import InputError, Problem
from wjself.core.review import (
    Review,
    ReviewComment,
    ReviewLimits,
    Verdict,
    text_problem,
)
from wjself.core.template import Template
from wjself.district.workspace import DistrictWorkspace
from wjself.store.db import now_in, template_from_content
from wjself.store.received import ReceivedRecord, ReceivedTemplateRecord
from wjself.store.review_tables import ReviewCommentRecord, ReviewVerdictRecord

BUREAU = "武进区教育局"


@dataclass(frozen=True, slots=True)
class BureauReview:
    """What the bureau has written about one received bundle so far."""

    received_id: int
    comments: tuple[ReviewComment, ...]
    verdict: Verdict | None
    reason: str
    decided_at: dt.datetime | None
    decided_by: str


def comments(dws: DistrictWorkspace, received_id: int) -> list[ReviewComment]:
    """The comments on received bundle ``received_id``, in the checklist's order."""
    return list(review_of(dws, received_id).comments)


def review_of(dws: DistrictWorkspace, received_id: int) -> BureauReview:
    """Comments and verdict of ``received_id`` (any bundle, current or history)."""
    with dws.read() as s:
        record = _received(s, received_id)
        return _state(s, record)


def set_comment(
    dws: DistrictWorkspace, received_id: int, code: str, text: str
) -> ReviewComment | None:
    """Keep ``text`` as the comment on item ``code`` (replacing one there); "" removes it."""
    body = text.strip()
    why = text_problem(body, "意见", ReviewLimits.COMMENT)
    if why:
        raise InputError([Problem(why, field="TEXT")])
    with dws.write() as s:
        record = _current(s, received_id)
        known = {item.code for item in _template(s, record).items()}
        if code not in known:
            raise InputError(
                [
                    Problem(
                        f"检查项 {code} 不在《{record.template_title}》（{record.template_id} "
                        f"版本 {record.template_version}）中",
                        field="CODE",
                    )
                ]
            )
        row = s.scalar(
            select(ReviewCommentRecord).where(
                ReviewCommentRecord.received_id == received_id, ReviewCommentRecord.code == code
            )
        )
        if not body:
            if row is not None:
                s.delete(row)
            return None
        if row is None:
            row = ReviewCommentRecord(received_id=received_id, code=code, text=body)
            s.add(row)
        row.text = body
        row.updated_at = now_in(s)
        row.updated_by = dws.operator
        return ReviewComment(code, body)


def set_verdict(
    dws: DistrictWorkspace, received_id: int, verdict: str, reason: str = ""
) -> Verdict:
    """Record 通过 or 退回修改 (which needs a reason) for the current bundle ``received_id``."""
    if verdict not in {v.value for v in Verdict}:
        raise InputError([Problem(f"结论应为“通过”或“退回修改”，不是“{verdict}”", field="VERDICT")])
    chosen = Verdict(verdict)
    why = reason.strip()
    problem = text_problem(why, "原因", ReviewLimits.REASON)
    if problem:
        raise InputError([Problem(problem, field="reason")])
    if chosen is Verdict.RETURNED and not why:
        raise InputError([Problem("退回修改须写明原因（--reason）", field="reason")])
    with dws.write() as s:
        _current(s, received_id)
        row = s.get(ReviewVerdictRecord, received_id)
        if row is None:
            row = ReviewVerdictRecord(received_id=received_id)
            s.add(row)
        row.verdict = chosen.value
        row.reason = why
        row.decided_at = now_in(s)
        row.decided_by = dws.operator
    return chosen


def export_review(
    dws: DistrictWorkspace, received_id: int, target: str | os.PathLike[str]
) -> Review:
    """Write the review of the current bundle ``received_id`` to ``target`` (``.wjsr``),
    signed with this folder's key; a verdict must have been given."""
    from wjself.formats.review_file import SUFFIX, write_review
    from wjself.formats.signature import sign_entry

    path = Path(target)
    if path.suffix.lower() != SUFFIX:
        raise InputError([Problem(f"审阅文件名应以 {SUFFIX} 结尾", str(path), field="-o")])
    with dws.read() as s:
        record = _current(s, received_id)
        state = _state(s, record)
    if state.verdict is None:
        raise InputError(
            [
                Problem(
                    f"自评 {received_id} 尚未给出审阅结论；请先用“district review verdict "
                    f"{received_id} 通过|退回修改”给出结论",
                    field="verdict",
                )
            ]
        )
    review = Review(
        school_code=record.school_code,
        school_name=record.school_name,
        template_id=record.template_id,
        template_version=record.template_version,
        period=record.period,
        fingerprint=record.fingerprint,
        verdict=state.verdict,
        reason=state.reason,
        reviewer=state.decided_by,
        reviewed_at=state.decided_at or dt.datetime.now().astimezone(),
        comments=state.comments,
    )
    key = dws.workspace.signing_key
    signer = {"role": "bureau", "name": BUREAU, "code": ""}
    write_review(review, path, lambda data: sign_entry(key.private_key, data, signer))
    return review


def _received(s: Session, received_id: int) -> ReceivedRecord:
    record = s.get(ReceivedRecord, received_id)
    if record is None:
        raise InputError([Problem(f"没有编号为 {received_id} 的已接收自评", field="ID")])
    return record


def _current(s: Session, received_id: int) -> ReceivedRecord:
    """The bundle, if it is the one to review: current and finalized (it has a fingerprint)."""
    record = _received(s, received_id)
    if not record.current:
        newer = s.scalar(
            select(ReceivedRecord.id).where(
                ReceivedRecord.school_code == record.school_code,
                ReceivedRecord.template_id == record.template_id,
                ReceivedRecord.period == record.period,
                ReceivedRecord.current.is_(True),
            )
        )
        tail = f"（{newer}）" if newer is not None else ""
        raise InputError(
            [
                Problem(
                    f"自评 {received_id} 已被该校较新的数据包{tail}替换；请对最新的数据包审阅",
                    field="ID",
                )
            ]
        )
    if not record.fingerprint:
        raise InputError(
            [
                Problem(
                    f"自评 {received_id} 是草稿，没有指纹，不能审阅；请学校定稿后重新报送",
                    field="ID",
                )
            ]
        )
    return record


def _template(s: Session, record: ReceivedRecord) -> Template:
    snapshot = s.get(ReceivedTemplateRecord, record.template_sha256)
    if snapshot is None:
        raise InputError([Problem(f"自评 {record.id} 的检查表快照缺失", field="ID")])
    return template_from_content(snapshot.sha256, snapshot.content)


def _state(s: Session, record: ReceivedRecord) -> BureauReview:
    rows = list(
        s.scalars(select(ReviewCommentRecord).where(ReviewCommentRecord.received_id == record.id))
    )
    order: dict[str, int] = {}
    if rows:
        order = {item.code: i for i, item in enumerate(_template(s, record).items())}
    rows.sort(key=lambda r: (order.get(r.code, len(order)), r.code))
    verdict = s.get(ReviewVerdictRecord, record.id)
    return BureauReview(
        received_id=record.id,
        comments=tuple(ReviewComment(r.code, r.text) for r in rows),
        verdict=Verdict(verdict.verdict) if verdict is not None else None,
        reason=verdict.reason if verdict is not None else "",
        decided_at=verdict.decided_at if verdict is not None else None,
        decided_by=verdict.decided_by if verdict is not None else "",
    )
