"""The bureau's review tables (migration 0009) as SQLAlchemy models (read by wjself.district).

They live in the store, beside the district's own tables (``store/received.py``), so that the
restore vetting sees them in the metadata."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from wjself.store.models import Base, Stamp


class ReviewCommentRecord(Base):
    """The inspector's comment on one item of one received bundle."""

    __tablename__ = "review_comments"
    __table_args__ = (UniqueConstraint("received_id", "code", name="uq_review_comments_item"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    received_id: Mapped[int] = mapped_column(ForeignKey("received.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(Stamp)
    updated_by: Mapped[str] = mapped_column(Text, default="")


class ReviewVerdictRecord(Base):
    """The verdict on one received bundle: 通过, or 退回修改 with a reason."""

    __tablename__ = "review_verdicts"

    received_id: Mapped[int] = mapped_column(
        ForeignKey("received.id", ondelete="CASCADE"), primary_key=True
    )
    verdict: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[dt.datetime] = mapped_column(Stamp)
    decided_by: Mapped[str] = mapped_column(Text, default="")
