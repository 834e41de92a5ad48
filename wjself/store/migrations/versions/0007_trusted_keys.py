"""Public keys this installation trusts: schools' keys (at the bureau) and the bureau's key
(at a school), pinned by code with how they came to be trusted.

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "trusted_keys",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("school_code", sa.String(40), nullable=False, server_default=""),
        sa.Column("key_id", sa.String(19), nullable=False),
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("pinned_at", sa.String(40), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False, server_default=""),
    )
    op.create_index("ix_trusted_keys_owner", "trusted_keys", ["role", "school_code"])


def downgrade() -> None:
    op.drop_index("ix_trusted_keys_owner", table_name="trusted_keys")
    op.drop_table("trusted_keys")
