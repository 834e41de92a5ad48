"""One reading of a database file's facts, and faults classified on SQLite's result code."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from wjself.paths import DataPaths
from wjself.store.db import SCHEMA_HEAD, fault_for
from wjself.store.faults import DatabaseDamaged
from wjself.store.inspection import Check, inspect
from wjself.store.workspace import Workspace


def test_the_facts_of_a_wjself_database(ws: Workspace, paths: DataPaths, tmp_path: Path) -> None:
    facts = inspect(paths.database, Check.QUICK, read_only=False)
    assert facts.good and facts.revision == SCHEMA_HEAD and "audit_log" in facts.tables
    other = tmp_path / "other.db"
    with contextlib.closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE notes (x)")
    facts = inspect(other)
    assert facts.intact and not facts.is_wjself and facts.tables == {"notes"}
    assert inspect(tmp_path / "none.db").empty and not (tmp_path / "none.db").exists()


def test_damage_is_told_by_its_code(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(sqlite3.DatabaseError) as caught:
        inspect(junk)
    assert isinstance(fault_for(caught.value, junk), DatabaseDamaged)


def test_busy_is_told_by_its_code_not_by_its_words(tmp_path: Path) -> None:
    path = tmp_path / "busy.db"
    with (
        contextlib.closing(sqlite3.connect(path, isolation_level=None)) as holder,
        contextlib.closing(sqlite3.connect(path, timeout=0, isolation_level=None)) as other,
    ):
        holder.execute("BEGIN IMMEDIATE")
        with pytest.raises(sqlite3.OperationalError) as caught:
            other.execute("BEGIN IMMEDIATE")
        holder.execute("ROLLBACK")
    fault = fault_for(caught.value, path)
    assert fault is not None and "数据库正忙" in str(fault)
    # The same words without SQLite's code are not a fault of the machine: a bug.
    assert fault_for(sqlite3.OperationalError("database is locked"), path) is None
