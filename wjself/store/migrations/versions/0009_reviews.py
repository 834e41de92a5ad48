"""Reviews: the bureau's comments and verdicts, and the reviews a school received.

``received_reviews`` (school side) keeps each imported ``.wjsr`` review: the assessment it
answers, the manifest's hash (one row per file), what it names (school code and name,
template id and version, period, fingerprint), the verdict and its reason, the reviewer and
time, the comments as a JSON list ``[{code, text}]``, the signing key, who imported it when, and
whether it answered the assessment as it then was (``matched``).
``review_comments`` and ``review_verdicts`` (bureau side) hold the inspector's comment per item
and the verdict (通过 / 退回修改 with a reason) on one ``received`` bundle; they stay with that
bundle when a newer one replaces it.  Nothing existing changes.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "received_reviews",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "assessment_id",
            sa.Integer(),
            sa.ForeignKey("assessments.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("school_code", sa.String(10), nullable=False),
        sa.Column("school_name", sa.Text(), nullable=False),
        sa.Column("template_id", sa.String(64), nullable=False),
        sa.Column("template_version", sa.String(32), nullable=False),
        sa.Column("period", sa.String(32), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("verdict", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("reviewer", sa.Text(), nullable=False),
        sa.Column("reviewed_at", sa.String(40), nullable=False),
        sa.Column("comments", sa.Text(), nullable=False),
        sa.Column("key_id", sa.String(40), nullable=False),
        sa.Column("imported_at", sa.String(40), nullable=False),
        sa.Column("imported_by", sa.Text(), nullable=False),
        sa.Column("matched", sa.Boolean(), nullable=False),
        sa.UniqueConstraint("sha256", name="uq_received_reviews_sha256"),
    )
    op.create_index("ix_received_reviews_assessment", "received_reviews", ["assessment_id"])
    op.create_table(
        "review_comments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "received_id",
            sa.Integer(),
            sa.ForeignKey("received.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.Column("updated_by", sa.Text(), nullable=False),
        sa.UniqueConstraint("received_id", "code", name="uq_review_comments_item"),
    )
    op.create_table(
        "review_verdicts",
        sa.Column(
            "received_id",
            sa.Integer(),
            sa.ForeignKey("received.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("verdict", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decided_at", sa.String(40), nullable=False),
        sa.Column("decided_by", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("review_verdicts")
    op.drop_table("review_comments")
    op.drop_table("received_reviews")
