"""The database tables as SQLAlchemy 2 typed ORM models.

These are the store's private business: services turn rows into the frozen dataclasses of
``wjself.core`` before anything leaves the store.  Every schema change goes with an Alembic
migration in ``wjself/store/migrations/versions`` (the migrations spell out their tables and
never import this module, so old migrations keep meaning what they meant).

Storage conventions: times are ISO 8601 text with their UTC offset (``2024-05-01T10:00:00+08:00``)
so they sort and read the same on every machine; dates are ISO text; answer values, stages,
facts and snapshots are JSON text with Chinese kept as is.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Stamp(TypeDecorator[dt.datetime]):
    """An aware datetime stored as ISO 8601 text with its offset."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use an aware one")
        return value.isoformat()

    def process_result_value(self, value: str | None, dialect: Dialect) -> dt.datetime | None:
        return None if value is None else dt.datetime.fromisoformat(value)


class JsonText(TypeDecorator[Any]):
    """Plain data (str, number, list, dict) as compact JSON text; None is SQL NULL."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)

    def process_result_value(self, value: str | None, dialect: Dialect) -> Any:
        return None if value is None else json.loads(value)


class Base(DeclarativeBase):
    """Declarative base of every wjself table."""


class TemplateRecord(Base):
    """An installed template version; ``content`` is its canonical JSON, ``sha256`` its hash."""

    __tablename__ = "templates"
    __table_args__ = (UniqueConstraint("template_id", "version", name="uq_templates_id_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    template_id: Mapped[str] = mapped_column(String(64))
    version: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[str] = mapped_column(Text)
    installed_at: Mapped[dt.datetime] = mapped_column(Stamp)


class SchoolRecord(Base):
    """A school's profile; ``stages`` is a JSON list, ``facts`` a JSON object of booleans."""

    __tablename__ = "schools"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    code: Mapped[str] = mapped_column(String(10), unique=True)
    stages: Mapped[list[str]] = mapped_column(JsonText)
    township: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(Text, default="")
    principal: Mapped[str] = mapped_column(Text, default="")
    contact: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(Text, default="")
    facts: Mapped[dict[str, bool]] = mapped_column(JsonText)
    created_at: Mapped[dt.datetime] = mapped_column(Stamp)
    updated_at: Mapped[dt.datetime] = mapped_column(Stamp)


class AssessmentRecord(Base):
    """One assessment with its own snapshot of the template content it was started on."""

    __tablename__ = "assessments"
    __table_args__ = (Index("ix_assessments_school", "school_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="RESTRICT"))
    template_id: Mapped[str] = mapped_column(String(64))
    template_version: Mapped[str] = mapped_column(String(32))
    template_sha256: Mapped[str] = mapped_column(String(64))
    # Loaded only when the parsed template is not cached yet (it can be megabytes).
    template_content: Mapped[str] = mapped_column(Text, deferred=True)
    period: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(Stamp)
    updated_at: Mapped[dt.datetime] = mapped_column(Stamp)
    filled_by: Mapped[str] = mapped_column(Text, default="")
    reviewed_by: Mapped[str] = mapped_column(Text, default="")
    finalized_at: Mapped[dt.datetime | None] = mapped_column(Stamp, nullable=True)
    fingerprint: Mapped[str] = mapped_column(String(64), default="")
    # The scheme the fingerprint was made with (revision 0005; core.fingerprint): 1 for those
    # finalized by wjself 1.0, which left the school's stages and facts out.
    fingerprint_scheme: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    upgraded_from: Mapped[str] = mapped_column(String(32), default="")
    # The school as it was when finalized (revision 0002): a finalized assessment keeps its
    # score and fingerprint even if the school's name or facts change later.
    school_snapshot: Mapped[dict[str, Any] | None] = mapped_column(JsonText, nullable=True)
    # The written 自查报告 (revision 0006; core.narrative): part name → text, NULL until written.
    narrative: Mapped[dict[str, str] | None] = mapped_column(JsonText, nullable=True)


class AnswerRecord(Base):
    """The current answer to one item of one assessment."""

    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("assessment_id", "code", name="uq_answers_item"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(40))
    value: Mapped[Any] = mapped_column(JsonText, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(Stamp)
    updated_by: Mapped[str] = mapped_column(Text, default="")
    needs_reconfirm: Mapped[bool] = mapped_column(Boolean, default=False)
    set_aside: Mapped[Any] = mapped_column(JsonText, nullable=True)


class EvidenceRecord(Base):
    """A file attached to an item; the bytes live in ``evidence/<sha[:2]>/<sha>``."""

    __tablename__ = "evidence"
    __table_args__ = (
        Index("ix_evidence_item", "assessment_id", "code"),
        Index("ix_evidence_sha256", "sha256"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(40))
    sha256: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(100))
    added_at: Mapped[dt.datetime] = mapped_column(Stamp)
    added_by: Mapped[str] = mapped_column(Text, default="")


class RectificationRecord(Base):
    """整改 for one not-met item of one assessment."""

    __tablename__ = "rectifications"
    __table_args__ = (UniqueConstraint("assessment_id", "code", name="uq_rectifications_item"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(40))
    problem: Mapped[str] = mapped_column(Text, default="")
    measure: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(Text, default="")
    due: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="open")
    done_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    verified_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    verified_by: Mapped[str] = mapped_column(Text, default="")
    # Someone has edited this entry (revision 0002); only untouched entries are removed
    # automatically when their item stops being 不符合.
    touched: Mapped[bool] = mapped_column(Boolean, default=False)


class AnswerHistoryRecord(Base):
    """An answer a template upgrade took out of use (revision 0003), so nothing is lost.

    ``reason`` is ``set_aside`` (the value no longer fits the item) or ``removed_item`` (the
    item is not in the new version); ``shown`` is the value as it read in the old version;
    ``rectification_ids`` (JSON list) are the entries of a removed item, kept detached.
    """

    __tablename__ = "answer_history"
    __table_args__ = (Index("ix_answer_history_item", "assessment_id", "code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(String(16))
    item_text: Mapped[str] = mapped_column(Text)
    value: Mapped[Any] = mapped_column(JsonText, nullable=True)
    shown: Mapped[str] = mapped_column(Text)
    earlier_set_aside: Mapped[Any] = mapped_column(JsonText, nullable=True)
    note: Mapped[str] = mapped_column(Text)
    rectification_ids: Mapped[list[int]] = mapped_column(JsonText)
    message: Mapped[str] = mapped_column(Text)
    from_version: Mapped[str] = mapped_column(String(32))
    to_version: Mapped[str] = mapped_column(String(32))
    at: Mapped[dt.datetime] = mapped_column(Stamp)
    who: Mapped[str] = mapped_column(Text)


class AnswerHistoryEvidenceRecord(Base):
    """An evidence file that was attached to a history entry's answer (revision 0003).

    The bytes stay in ``evidence/<sha[:2]>/<sha>`` while a row here or in ``evidence`` refers
    to them.
    """

    __tablename__ = "answer_history_evidence"
    __table_args__ = (
        Index("ix_answer_history_evidence_history", "history_id"),
        Index("ix_answer_history_evidence_sha256", "sha256"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    history_id: Mapped[int] = mapped_column(ForeignKey("answer_history.id", ondelete="CASCADE"))
    sha256: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(100))
    added_at: Mapped[dt.datetime] = mapped_column(Stamp)
    added_by: Mapped[str] = mapped_column(Text, default="")


class AuditRecord(Base):
    """One recorded change: when, who, which assessment and item, old → new (as people read them)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_assessment", "assessment_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(Stamp)
    who: Mapped[str] = mapped_column(Text)
    # Kept (set to NULL) when a draft assessment is deleted: the log outlives what it describes.
    assessment_id: Mapped[int | None] = mapped_column(
        ForeignKey("assessments.id", ondelete="SET NULL"), nullable=True
    )
    action: Mapped[str] = mapped_column(String(40))
    code: Mapped[str] = mapped_column(String(40), default="")
    old: Mapped[str] = mapped_column(Text, default="")
    new: Mapped[str] = mapped_column(Text, default="")


class SettingRecord(Base):
    """A key/value setting (operator name, bundled-template stamp …)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class TrustedKeyRecord(Base):
    """A public key pinned as belonging to a school (by code) or to the bureau (revision 0007).

    ``source`` says how it came to be trusted: ``first-bundle``, ``first-template``,
    ``key-list``, ``manual``; a key that a newer one replaced keeps its row with ``replaced``
    (the note says when and by which key), so the history of a school's keys stays readable.
    """

    __tablename__ = "trusted_keys"
    __table_args__ = (Index("ix_trusted_keys_owner", "role", "school_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    role: Mapped[str] = mapped_column(String(16))
    school_code: Mapped[str] = mapped_column(String(40), default="")
    key_id: Mapped[str] = mapped_column(String(19))
    public_key: Mapped[str] = mapped_column(String(64))  # base64 of the 32 raw bytes
    pinned_at: Mapped[dt.datetime] = mapped_column(Stamp)
    source: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")


class ReceivedReviewRecord(Base):
    """A review the bureau sent the school (``.wjsr``, revision 0009): comments and verdict.

    ``sha256`` is the review file's manifest hash, so the same file imported twice is one row;
    ``comments`` is the JSON list ``[{code, text}]``; ``key_id`` the bureau key that signed it.
    """

    __tablename__ = "received_reviews"
    __table_args__ = (
        Index("ix_received_reviews_assessment", "assessment_id"),
        UniqueConstraint("sha256", name="uq_received_reviews_sha256"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    sha256: Mapped[str] = mapped_column(String(64))
    school_code: Mapped[str] = mapped_column(String(10))
    school_name: Mapped[str] = mapped_column(Text, default="")
    template_id: Mapped[str] = mapped_column(String(64))
    template_version: Mapped[str] = mapped_column(String(32))
    period: Mapped[str] = mapped_column(String(32))
    fingerprint: Mapped[str] = mapped_column(String(64))
    verdict: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    reviewer: Mapped[str] = mapped_column(Text, default="")
    reviewed_at: Mapped[dt.datetime] = mapped_column(Stamp)
    comments: Mapped[list[dict[str, str]]] = mapped_column(JsonText)
    key_id: Mapped[str] = mapped_column(String(40), default="")
    imported_at: Mapped[dt.datetime] = mapped_column(Stamp)
    imported_by: Mapped[str] = mapped_column(Text, default="")
    # It answered the assessment as it was at import (finalized, same fingerprint).
    matched: Mapped[bool] = mapped_column(Boolean, default=False)
