"""Reading the school's received reviews (table ``received_reviews``) back as core values."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from wjself.core.review import ReceivedReview, Review, ReviewComment, Verdict
from wjself.store.models import ReceivedReviewRecord


def latest_review(s: Session, assessment_id: int) -> ReceivedReview | None:
    """The newest review of ``assessment_id`` in the caller's transaction."""
    rows = list(
        s.scalars(
            select(ReceivedReviewRecord).where(ReceivedReviewRecord.assessment_id == assessment_id)
        )
    )
    if not rows:
        return None
    return received_from(max(rows, key=lambda r: (r.reviewed_at, r.id)))


def received_from(r: ReceivedReviewRecord) -> ReceivedReview:
    review = Review(
        school_code=r.school_code,
        school_name=r.school_name,
        template_id=r.template_id,
        template_version=r.template_version,
        period=r.period,
        fingerprint=r.fingerprint,
        verdict=Verdict(r.verdict),
        reason=r.reason,
        reviewer=r.reviewer,
        reviewed_at=r.reviewed_at,
        comments=tuple(ReviewComment(str(c["code"]), str(c["text"])) for c in r.comments),
    )
    return ReceivedReview(r.id, review, r.imported_at, r.imported_by, r.key_id, r.matched)
