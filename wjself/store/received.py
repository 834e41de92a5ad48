"""The district tables (migration 0008) as SQLAlchemy models: what the bureau received.

The store owns the schema (and the restore vetting checks these tables); the service on them
is ``wjself.district``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from wjself.store.models import Base, JsonText, Stamp


class DistrictSchoolRecord(Base):
    """A school the district knows: from its bundles, or from a roster."""

    __tablename__ = "district_schools"

    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    township: Mapped[str] = mapped_column(Text, default="")
    stages: Mapped[list[str]] = mapped_column(JsonText)
    source: Mapped[str] = mapped_column(String(16))
    first_seen: Mapped[dt.datetime] = mapped_column(Stamp)
    last_seen: Mapped[dt.datetime] = mapped_column(Stamp)


class ReceivedTemplateRecord(Base):
    """A template snapshot some received bundle carried (canonical JSON, by its SHA-256)."""

    __tablename__ = "received_templates"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    template_id: Mapped[str] = mapped_column(String(64))
    version: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(Text)
    content: Mapped[str] = mapped_column(Text, deferred=True)


class ReceivedRecord(Base):
    """One imported bundle file, with the snapshot the district view reads."""

    __tablename__ = "received"
    __table_args__ = (
        # A school + checklist + period's bundles (replacing, history); the current ones by
        # checklist and period (the district view's filters).
        Index("ix_received_slot", "school_code", "template_id", "period", "current"),
        Index("ix_received_current", "current", "template_id", "period"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(Integer)
    file_name: Mapped[str] = mapped_column(Text)
    school_code: Mapped[str] = mapped_column(String(10))
    school_name: Mapped[str] = mapped_column(Text)
    township: Mapped[str] = mapped_column(Text, default="")
    stages: Mapped[list[str]] = mapped_column(JsonText)
    template_id: Mapped[str] = mapped_column(String(64))
    template_version: Mapped[str] = mapped_column(String(32))
    template_title: Mapped[str] = mapped_column(Text)
    template_sha256: Mapped[str] = mapped_column(
        ForeignKey("received_templates.sha256", ondelete="RESTRICT")
    )
    period: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    finalized_at: Mapped[dt.datetime | None] = mapped_column(Stamp, nullable=True)
    exported_at: Mapped[dt.datetime | None] = mapped_column(Stamp, nullable=True)
    fingerprint: Mapped[str] = mapped_column(String(64), default="")
    scheme: Mapped[int] = mapped_column(Integer)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    possible: Mapped[float | None] = mapped_column(Float, nullable=True)
    percent: Mapped[float | None] = mapped_column(Float, nullable=True)
    rating: Mapped[str] = mapped_column(Text, default="")
    signature: Mapped[str] = mapped_column(String(16))
    signer_key_id: Mapped[str] = mapped_column(String(24), default="")
    trust: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[dt.datetime] = mapped_column(Stamp)
    received_by: Mapped[str] = mapped_column(Text, default="")
    current: Mapped[bool] = mapped_column(Boolean)
    replaced_by: Mapped[int | None] = mapped_column(
        ForeignKey("received.id", ondelete="SET NULL"), nullable=True
    )
    path: Mapped[str] = mapped_column(Text)


class ReceivedAnswerRecord(Base):
    """One item of a received bundle: its outcome as scored, the value as the school wrote it."""

    __tablename__ = "received_answers"
    __table_args__ = (
        UniqueConstraint("received_id", "code", name="uq_received_answers_item"),
        Index("ix_received_answers_outcome", "outcome", "code"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    received_id: Mapped[int] = mapped_column(ForeignKey("received.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(40))
    section: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(String(16))  # core.scoring.Outcome value
    value: Mapped[str] = mapped_column(Text, default="")
    points: Mapped[float | None] = mapped_column(Float, nullable=True)
    possible: Mapped[float | None] = mapped_column(Float, nullable=True)


class ReceivedRectificationRecord(Base):
    """One 整改 entry of a received bundle."""

    __tablename__ = "received_rectifications"
    __table_args__ = (Index("ix_received_rectifications_received", "received_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    received_id: Mapped[int] = mapped_column(ForeignKey("received.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(40))
    problem: Mapped[str] = mapped_column(Text, default="")
    measure: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(Text, default="")
    due: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(16))
    done_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    verified_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
