"""Assessments keep the school's written 自查报告 (基本情况, 主要做法与成效, 存在问题, 整改措施).

``assessments.narrative``: a JSON object of the four parts (``core.narrative``), NULL until the
school writes something.  Existing assessments get NULL: their fingerprints (schemes 1 and 2)
do not cover a narrative, and scheme 3 reads NULL as four empty parts.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.add_column(sa.Column("narrative", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.drop_column("narrative")
