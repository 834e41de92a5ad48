"""Finalized assessments record the fingerprint scheme their fingerprint was made with.

``assessments.fingerprint_scheme``: scheme 2 covers the whole school profile (stages, facts,
township…) and what an inspector reads; every assessment finalized before this revision keeps
scheme 1, so its recorded fingerprint still verifies as what it is.

Revision ID: 0005
Revises: 0004
Create Date: 2024-09-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.add_column(
            sa.Column("fingerprint_scheme", sa.Integer(), nullable=False, server_default="1")
        )


def downgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.drop_column("fingerprint_scheme")
