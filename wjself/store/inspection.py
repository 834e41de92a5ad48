"""Is this an intact wjself database?  The facts of a database file, read in one place.

``inspect(path)`` opens the file with SQLite and reports what every caller decides on: the
integrity check's rows, the tables, the schema revision.  Opening the main database at start,
offering a backup, restoring one and migrating read these facts; each draws its own conclusion
(a damaged main database is an environment fault, a damaged backup is bad input).  SQLite
errors while reading are not caught here: the callers classify them (``db.fault_for``).
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

# The tables every wjself database has had since 1.0 (besides ``alembic_version``).
REQUIRED_TABLES = frozenset({"templates", "schools", "assessments", "answers", "audit_log"})


class Check(StrEnum):
    """How thoroughly the pages are checked."""

    FULL = "integrity_check"  # everything, indexes included: for a file about to be trusted
    QUICK = "quick_check"  # without the indexes: at every start, where time counts
    NONE = ""  # only tables and revision


@dataclass(frozen=True, slots=True)
class DatabaseFacts:
    """What SQLite says of one database file."""

    integrity: tuple[str, ...]  # the check's rows: ("ok",) when intact (or not checked)
    tables: frozenset[str]  # without SQLite's own
    revision: str | None  # the Alembic revision recorded, None when there is none
    empty: bool = False  # no file, or a file of 0 bytes (SQLite would make a new database)

    @property
    def intact(self) -> bool:
        return self.integrity == ("ok",)

    @property
    def damage(self) -> str:
        """The first rows of a failed check, as one line."""
        return "；".join(self.integrity[:3])

    @property
    def has_wjself_tables(self) -> bool:
        return "alembic_version" in self.tables and self.tables >= REQUIRED_TABLES

    @property
    def is_wjself(self) -> bool:
        """Whether it has wjself's tables and a revision."""
        return self.has_wjself_tables and self.revision is not None

    @property
    def good(self) -> bool:
        """Intact and a wjself database: what a backup must be to be offered."""
        return self.intact and self.is_wjself


def inspect(
    path: Path, check: Check = Check.FULL, *, read_only: bool = True, timeout: float = 5.0
) -> DatabaseFacts:
    """The facts of the database at ``path`` (sqlite3.Error when SQLite cannot read it).

    ``read_only`` opens it with ``mode=ro`` (a file that is not ours to change); the main
    database is opened as the program opens it.
    """
    if not path.exists() or path.stat().st_size == 0:
        return DatabaseFacts(("ok",), frozenset(), None, empty=True)
    if read_only:
        connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=timeout
        )
    else:
        connection = sqlite3.connect(path, timeout=timeout)
    with contextlib.closing(connection) as conn:
        integrity: tuple[str, ...] = ("ok",)
        if check is not Check.NONE:
            integrity = tuple(str(r[0]) for r in conn.execute(f"PRAGMA {check.value}"))
        tables = frozenset(
            str(r[0])
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not str(r[0]).startswith("sqlite_")
        )
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = None if row is None else str(row[0])
    return DatabaseFacts(integrity, tables, revision)
