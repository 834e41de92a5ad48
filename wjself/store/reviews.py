"""The reviews a school receives from the bureau (``.wjsr``): match, keep, and act on them.

``receive`` takes a review file already read and checked (``formats.review_file``) and, in
one transaction: requires a valid signature by the bureau key this folder trusts (the first
one seen is pinned, as with the first signed template; another key is refused), finds the
assessment it answers (school code, template id, period; the fingerprint decides which when
there are several), refuses comments on items the checklist does not have, keeps the review,
and — when the verdict is 退回修改 and the review answers the finalized assessment as it is
(same fingerprint) — reopens it with “区教育局退回：<reason>” in its history.  A review of an
earlier version (the school has reopened or re-finalized since) is kept and shown, marked as
such, and reopens nothing.  The same file imported again changes nothing.
"""

from __future__ import annotations

import builtins
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from wjself.core.assessment import Status
from wjself.core.audit import AuditAction
from wjself.core.errors import InputError, Problem
from wjself.core.review import ReceivedReview, Review, Verdict, return_reason
from wjself.core.school import normalize_school_code
from wjself.core.signing import SignatureCheck
from wjself.core.template import version_key
from wjself.store.assessments import reopen_record
from wjself.store.common import Service, audit, template_of
from wjself.store.db import now_in
from wjself.store.keys import judge, pin
from wjself.store.models import AssessmentRecord, ReceivedReviewRecord, SchoolRecord
from wjself.store.review_records import latest_review, received_from

EARLIER = "审阅针对的是较早的版本"


@dataclass(frozen=True, slots=True)
class ReviewImport:
    """What importing a review did."""

    assessment_id: int
    received: ReceivedReview
    already: bool  # the same review was imported before; nothing changed
    reopened: bool  # 退回修改 reopened the finalized assessment
    earlier: bool  # the review answers an earlier version of the assessment
    pinned: str  # the bureau key id pinned by this import ("" when it was known)

    def lines(self) -> builtins.list[str]:
        """What happened, for people (the command line prints these)."""
        r = self.received.review
        out = [
            f"审阅意见：{r.school_name or r.school_code}《{r.template_id}》{r.period}（自评 {self.assessment_id}）",
            f"结论：{r.verdict_line()}",
            f"意见：{len(r.comments)} 条；审阅人：{r.reviewer or '（未署名）'}；签名密钥 {self.received.key_id}",
        ]
        if self.pinned:
            out.append(
                f"已记住区教育局密钥 {self.pinned}（首次收到）；请与区教育局电话核对此编号。"
            )
        if self.already:
            out.append("此审阅文件已导入过，未做更改。")
        elif self.earlier:
            out.append(
                f"{EARLIER}（指纹 {r.fingerprint[:16]}…），本自评此后已修改；意见已保存，"
                "未撤销定稿。"
            )
        elif self.reopened:
            out.append(f"自评已撤销定稿，原因记为“{return_reason(r.reason)}”；请修改后重新定稿。")
        return out


class ReviewService(Service):
    """The school's received reviews (``ws.reviews``)."""

    def receive(self, review: Review, signature: SignatureCheck, sha256: str) -> ReviewImport:
        """Keep ``review`` (signed as ``signature`` says; ``sha256`` of its manifest), see above."""
        if signature.status == "absent":
            raise InputError(
                [Problem("审阅文件没有签名，不能确认来自区教育局；未导入", field="signature")]
            )
        if not signature.valid or signature.public_key is None:
            raise InputError(
                [Problem(f"审阅文件的签名无效：{signature.message}；未导入", field="signature")]
            )
        with self._db.write() as s:
            pinned = _trust(s, signature)
            a = _assessment_for(s, review)
            same = s.scalar(
                select(ReceivedReviewRecord).where(ReceivedReviewRecord.sha256 == sha256)
            )
            if same is not None:
                return ReviewImport(a.id, received_from(same), True, False, False, pinned)
            _check_codes(a, review)
            earlier = not (a.status == Status.FINALIZED and a.fingerprint == review.fingerprint)
            record = ReceivedReviewRecord(
                assessment_id=a.id,
                sha256=sha256,
                school_code=review.school_code,
                school_name=review.school_name,
                template_id=review.template_id,
                template_version=review.template_version,
                period=review.period,
                fingerprint=review.fingerprint,
                verdict=review.verdict.value,
                reason=review.reason,
                reviewer=review.reviewer,
                reviewed_at=review.reviewed_at,
                comments=[{"code": c.code, "text": c.text} for c in review.comments],
                key_id=signature.key_id,
                imported_at=now_in(s),
                imported_by=self._operator(),
                matched=not earlier,
            )
            s.add(record)
            s.flush()
            who = self._operator()
            audit(
                s,
                who,
                AuditAction.REVIEW_IMPORT,
                a.id,
                new=f"{review.verdict_line()}；{len(review.comments)} 条意见；"
                f"审阅人 {review.reviewer or '未署名'}；密钥 {signature.key_id}"
                + (f"；{EARLIER}" if earlier else ""),
            )
            reopened = review.verdict is Verdict.RETURNED and not earlier
            if reopened:
                reopen_record(s, who, a, return_reason(review.reason))
            return ReviewImport(a.id, received_from(record), False, reopened, earlier, pinned)

    def latest(self, assessment_id: int) -> ReceivedReview | None:
        """The newest review received for the assessment (by review time, then import)."""
        with self._db.read() as s:
            return latest_review(s, assessment_id)

    def list(self, assessment_id: int) -> builtins.list[ReceivedReview]:
        """Every review received for the assessment, oldest first."""
        with self._db.read() as s:
            rows = s.scalars(
                select(ReceivedReviewRecord)
                .where(ReceivedReviewRecord.assessment_id == assessment_id)
                .order_by(ReceivedReviewRecord.id)
            )
            return [received_from(r) for r in rows]


def _trust(s: Session, signature: SignatureCheck) -> str:
    """Refuse a key other than the bureau's pinned one; pin the first; the id pinned or ""."""
    trust = judge(s, "bureau", "", signature)
    if trust.status == "pinned-match":
        return ""
    if trust.status == "first-seen" and signature.public_key is not None:
        pin(s, "bureau", "", signature.public_key, "first-review")
        return signature.key_id
    known = "、".join(k.key_id for k in trust.pinned)
    raise InputError(
        [
            Problem(
                f"审阅文件由另一把密钥签名（{signature.key_id}），与本校已记录的区教育局密钥"
                f"（{known or '无'}）不同；未导入。请与区教育局电话核对密钥编号",
                field="signature",
            )
        ]
    )


def _assessment_for(s: Session, review: Review) -> AssessmentRecord:
    code = normalize_school_code(review.school_code)
    school = s.scalar(select(SchoolRecord).where(SchoolRecord.code == code))
    if school is None:
        raise InputError(
            [
                Problem(
                    f"本数据文件夹中没有学校标识码为 {code} 的学校"
                    f"（审阅针对“{review.school_name or code}”）；请在该校的数据文件夹中导入",
                    field="school_code",
                )
            ]
        )
    candidates = builtins.list(
        s.scalars(
            select(AssessmentRecord).where(
                AssessmentRecord.school_id == school.id,
                AssessmentRecord.template_id == review.template_id,
                AssessmentRecord.period == review.period,
            )
        )
    )
    if not candidates:
        raise InputError(
            [
                Problem(
                    f"“{school.name}”没有检查表 {review.template_id}、期间 {review.period} 的自评；"
                    "审阅意见无处可放，未导入",
                    field="template_id",
                )
            ]
        )

    def rank(a: AssessmentRecord) -> tuple[bool, bool, tuple[tuple[int, int | str], ...], int]:
        return (
            a.fingerprint == review.fingerprint,
            a.template_version == review.template_version,
            version_key(a.template_version),
            a.id,
        )

    return max(candidates, key=rank)


def _check_codes(a: AssessmentRecord, review: Review) -> None:
    """Comments must name items of the checklist the review was about (same version only:
    after an upgrade an item may be gone, and the comment is still worth keeping)."""
    if a.template_version != review.template_version:
        return
    known = {item.code for item in template_of(a).items()}
    unknown = [c.code for c in review.comments if c.code not in known]
    if unknown:
        raise InputError(
            [
                Problem(
                    f"审阅意见中的检查项 {'、'.join(unknown[:10])} 不在本自评的检查表"
                    f"（{a.template_id} 版本 {a.template_version}）中；未导入",
                    field="comments",
                )
            ]
        )


def stamp_text(when: dt.datetime) -> str:
    return when.strftime("%Y-%m-%d %H:%M")
