"""Alembic environment: runs on the connection ``wjself.store.db`` hands over (no alembic.ini).

``render_as_batch`` makes ALTER TABLE work on SQLite by copying the table, which is why the
store turns foreign keys off around a migration and checks them afterwards.
"""

from alembic import context

from wjself.store.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
