"""Two new school-profile facts: 校外供餐 (``outsourced_meals``) and 独立党组织 (``party_org``).

Checklists of version 2024.2 limit items to schools that buy pupils' meals in or that have their
own party organisation.  Every existing school gets both facts as false (what a school that has
not said otherwise is taken to be), so nothing applies differently until someone ticks them in
the settings.  Nothing else changes: snapshots of assessments keep what they recorded.

Revision ID: 0004
Revises: 0003
Create Date: 2024-09-01
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

NEW_FACTS = ("outsourced_meals", "party_org")


def upgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, facts FROM schools")).fetchall()
    for school_id, raw in rows:
        try:
            facts = json.loads(raw) if raw else {}
        except ValueError:
            continue  # unreadable: left exactly as it is (reading the school says so)
        if not isinstance(facts, dict):
            continue
        missing = [name for name in NEW_FACTS if name not in facts]
        if not missing:
            continue
        for name in missing:
            facts[name] = False
        conn.execute(
            sa.text("UPDATE schools SET facts = :facts WHERE id = :id"),
            {"facts": json.dumps(facts, ensure_ascii=False, separators=(",", ":")), "id": school_id},
        )


def downgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, facts FROM schools")).fetchall()
    for school_id, raw in rows:
        try:
            facts = json.loads(raw) if raw else {}
        except ValueError:
            continue
        if isinstance(facts, dict) and any(name in facts for name in NEW_FACTS):
            for name in NEW_FACTS:
                facts.pop(name, None)
            conn.execute(
                sa.text("UPDATE schools SET facts = :facts WHERE id = :id"),
                {"facts": json.dumps(facts, ensure_ascii=False, separators=(",", ":")), "id": school_id},
            )
