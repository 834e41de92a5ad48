"""The answer history: answers a template upgrade set aside or whose item it removed.

``answer_history`` keeps, per assessment and item code, the value (and how it read in the old
version), the note, an earlier set-aside value, the ids of the rectifications kept for a removed
item, why, when, who and between which versions.  ``answer_history_evidence`` keeps the evidence
files that were attached then (name, size, type, SHA-256); their bytes stay in ``evidence/``
as long as a row of either evidence table refers to them.  Nothing existing changes.

Revision ID: 0003
Revises: 0002
Create Date: 2024-05-20
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "answer_history",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "assessment_id",
            sa.Integer(),
            sa.ForeignKey("assessments.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("reason", sa.String(16), nullable=False),
        sa.Column("item_text", sa.Text(), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("shown", sa.Text(), nullable=False),
        sa.Column("earlier_set_aside", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("rectification_ids", sa.Text(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("from_version", sa.String(32), nullable=False),
        sa.Column("to_version", sa.String(32), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("who", sa.Text(), nullable=False),
    )
    op.create_index("ix_answer_history_item", "answer_history", ["assessment_id", "code"])
    op.create_table(
        "answer_history_evidence",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "history_id",
            sa.Integer(),
            sa.ForeignKey("answer_history.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("added_at", sa.String(40), nullable=False),
        sa.Column("added_by", sa.Text(), nullable=False),
    )
    op.create_index(
        "ix_answer_history_evidence_history", "answer_history_evidence", ["history_id"]
    )
    op.create_index("ix_answer_history_evidence_sha256", "answer_history_evidence", ["sha256"])


def downgrade() -> None:
    op.drop_table("answer_history_evidence")
    op.drop_table("answer_history")
