"""Alembic migrations of the wjself database, run programmatically by ``wjself.store.db``."""
