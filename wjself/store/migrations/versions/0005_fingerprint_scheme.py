"""Finalized assessments record the fingerprint scheme their fingerprint was made with.

``assessments.fingerprint_scheme``: scheme 2 covers the whole school profile (stages, facts,
township…) and what an inspector reads; every assessment finalized before this revision keeps
scheme 1, so its recorded fingerprint still verifies as what it is.

School codes typed in fullwidth digits (３２０４…) are NFKC-normalised as they are now on
entry, unless another school already has the normalised code (two records of one school are
left for a person to sort out; nothing is merged automatically).

Revision ID: 0005
Revises: 0004
Create Date: 2024-09-02
"""

import unicodedata

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
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, code FROM schools")).all()
    taken = {row.code for row in rows}
    for row in rows:
        if not isinstance(row.code, str):
            continue
        code = unicodedata.normalize("NFKC", row.code).strip()
        if code != row.code and code not in taken:
            bind.execute(
                sa.text("UPDATE schools SET code = :code WHERE id = :id"),
                {"code": code, "id": row.id},
            )
            taken.add(code)


def downgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.drop_column("fingerprint_scheme")
