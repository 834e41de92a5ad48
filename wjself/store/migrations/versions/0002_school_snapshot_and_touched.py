"""Finalized assessments keep a snapshot of their school; rectifications remember being edited.

``assessments.school_snapshot``: the school profile at finalization, so a finalized score and
fingerprint do not move when the school is edited later.  ``rectifications.touched``: someone
edited the entry, so it is kept (and flagged) rather than removed when its item stops being
不符合.  Existing entries with any content count as touched; finalized assessments get the
snapshot of their school as it is now.

Revision ID: 0002
Revises: 0001
Create Date: 2024-05-02
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.add_column(sa.Column("school_snapshot", sa.Text(), nullable=True))
    with op.batch_alter_table("rectifications") as batch:
        batch.add_column(
            sa.Column("touched", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.execute(
        "UPDATE rectifications SET touched = 1 WHERE measure != '' OR owner != '' "
        "OR due IS NOT NULL OR status != 'open'"
    )
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT a.id, s.name, s.code, s.stages, s.township, s.address, s.principal, "
            "s.contact, s.phone, s.facts FROM assessments a JOIN schools s ON s.id = a.school_id "
            "WHERE a.status = 'finalized'"
        )
    ).all()
    for row in rows:
        snapshot = {
            "name": row.name,
            "code": row.code,
            "stages": json.loads(row.stages),
            "township": row.township,
            "address": row.address,
            "principal": row.principal,
            "contact": row.contact,
            "phone": row.phone,
            "facts": json.loads(row.facts),
        }
        bind.execute(
            sa.text("UPDATE assessments SET school_snapshot = :snapshot WHERE id = :id"),
            {"snapshot": json.dumps(snapshot, ensure_ascii=False), "id": row.id},
        )


def downgrade() -> None:
    with op.batch_alter_table("rectifications") as batch:
        batch.drop_column("touched")
    with op.batch_alter_table("assessments") as batch:
        batch.drop_column("school_snapshot")
