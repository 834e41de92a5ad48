"""The bureau's side (区教育局端): received bundles, their answers and rectifications, and the
schools the district knows.

``received_templates``: each template snapshot the bundles carried, once (by the SHA-256 of
its canonical JSON).  ``received``: one row per imported ``.wjsa`` file (unique by the file's SHA-256: the same file
again changes nothing), with a snapshot of what the bureau needs to list and compare without
opening the kept copy (``bundles/<sha256>.wjsa``).  ``current`` marks the newest bundle of a
school + template + period; older ones stay as history (``replaced_by``).

The folder's mode (school or district) is the ``mode`` row of ``settings``; it is written when
a folder is first opened (``wjself.store.mode``), not here.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "district_schools",
        sa.Column("code", sa.String(10), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("township", sa.Text(), nullable=False, server_default=""),
        sa.Column("stages", sa.Text(), nullable=False),  # JSON list
        sa.Column("source", sa.String(16), nullable=False),  # bundle | roster
        sa.Column("first_seen", sa.String(40), nullable=False),
        sa.Column("last_seen", sa.String(40), nullable=False),
    )
    op.create_table(
        "received_templates",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("template_id", sa.String(64), nullable=False),
        sa.Column("version", sa.String(32), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
    )
    op.create_table(
        "received",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("school_code", sa.String(10), nullable=False),
        sa.Column("school_name", sa.Text(), nullable=False),
        sa.Column("township", sa.Text(), nullable=False, server_default=""),
        sa.Column("stages", sa.Text(), nullable=False),  # JSON list
        sa.Column("template_id", sa.String(64), nullable=False),
        sa.Column("template_version", sa.String(32), nullable=False),
        sa.Column("template_title", sa.Text(), nullable=False),
        sa.Column(
            "template_sha256",
            sa.String(64),
            sa.ForeignKey("received_templates.sha256", ondelete="RESTRICT"),
            nullable=False,
        ),
        sa.Column("period", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("finalized_at", sa.String(40), nullable=True),
        sa.Column("exported_at", sa.String(40), nullable=True),
        sa.Column("fingerprint", sa.String(64), nullable=False, server_default=""),
        sa.Column("scheme", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("possible", sa.Float(), nullable=True),
        sa.Column("percent", sa.Float(), nullable=True),
        sa.Column("rating", sa.Text(), nullable=False, server_default=""),
        sa.Column("signature", sa.String(16), nullable=False),
        sa.Column("signer_key_id", sa.String(24), nullable=False, server_default=""),
        sa.Column("trust", sa.String(16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False, server_default=""),
        sa.Column("received_at", sa.String(40), nullable=False),
        sa.Column("received_by", sa.Text(), nullable=False, server_default=""),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column(
            "replaced_by",
            sa.Integer(),
            sa.ForeignKey("received.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("path", sa.Text(), nullable=False),
    )
    op.create_index(
        "ix_received_slot", "received", ["school_code", "template_id", "period", "current"]
    )
    op.create_index("ix_received_current", "received", ["current", "template_id", "period"])
    op.create_table(
        "received_answers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "received_id",
            sa.Integer(),
            sa.ForeignKey("received.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("section", sa.Text(), nullable=False, server_default=""),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("value", sa.Text(), nullable=False, server_default=""),
        sa.Column("points", sa.Float(), nullable=True),
        sa.Column("possible", sa.Float(), nullable=True),
        sa.UniqueConstraint("received_id", "code", name="uq_received_answers_item"),
    )
    op.create_index("ix_received_answers_outcome", "received_answers", ["outcome", "code"])
    op.create_table(
        "received_rectifications",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "received_id",
            sa.Integer(),
            sa.ForeignKey("received.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("problem", sa.Text(), nullable=False, server_default=""),
        sa.Column("measure", sa.Text(), nullable=False, server_default=""),
        sa.Column("owner", sa.Text(), nullable=False, server_default=""),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("verified_on", sa.Date(), nullable=True),
    )
    op.create_index(
        "ix_received_rectifications_received", "received_rectifications", ["received_id"]
    )


def downgrade() -> None:
    op.drop_table("received_rectifications")
    op.drop_table("received_answers")
    op.drop_table("received")
    op.drop_table("received_templates")
    op.drop_table("district_schools")
