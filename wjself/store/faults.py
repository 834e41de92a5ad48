"""Why the data folder's database cannot be opened, as exceptions that carry what the window
needs to offer a way out (the file, the backup to restore).

Plain Python (no SQLAlchemy), so the window can tell them apart before the database layer is
even imported.
"""

from __future__ import annotations

from pathlib import Path

from wjself.core.errors import EnvironmentFault


class DatabaseDamaged(EnvironmentFault):
    """The database file is damaged: which file, what SQLite said, and the newest backup in the
    data folder that passes the integrity check (``None`` when there is none).

    The message (for the command line) names them and the exact restore command; the window
    offers to restore ``backup`` instead.  Nothing has been changed when this is raised.
    """

    def __init__(self, message: str, path: Path, detail: str, backup: Path | None) -> None:
        super().__init__(message)
        self.path = path
        self.detail = detail
        self.backup = backup


class DatabaseTooNew(EnvironmentFault):
    """The database was written by a newer wjself (a schema revision this program does not
    know); it is left untouched, and no backup is offered (restoring one would lose that work)."""

    def __init__(self, message: str, path: Path, revision: str) -> None:
        super().__init__(message)
        self.path = path
        self.revision = revision
