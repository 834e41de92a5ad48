"""Where wjself keeps its data: ``--data-dir``, else ``WJSELF_DATA_DIR``, else the user's data folder."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "wjself"
ENV_DATA_DIR = "WJSELF_DATA_DIR"


def default_data_dir() -> Path:
    # appauthor=False keeps Windows from nesting the folder under a company name.
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser().resolve()
    from_env = os.environ.get(ENV_DATA_DIR, "").strip()
    if from_env:
        return Path(from_env).expanduser().resolve()
    return default_data_dir()


@dataclass(frozen=True, slots=True)
class DataPaths:
    """The files and folders inside one data folder."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "wjself.db"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def evidence(self) -> Path:
        return self.root / "evidence"

    @property
    def keys(self) -> Path:
        return self.root / "keys"

    @property
    def signing_key(self) -> Path:
        """This installation's private signing key (``store.keys``), backed up with the data."""
        return self.keys / "signing.key"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def log_file(self) -> Path:
        return self.logs / "wjself.log"

    @property
    def lock_file(self) -> Path:
        return self.root / "wjself.lock"

    def ensure(self) -> None:
        for folder in (self.root, self.logs):
            folder.mkdir(parents=True, exist_ok=True)
