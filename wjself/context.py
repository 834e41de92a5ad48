"""What a front end holds once the data folder is open: ``Startup`` (before the data is opened)
and ``Context`` (after; ``DistrictContext`` for the bureau's window).

A neutral module below both front ends: the window (``wjself.ui``) and the command line take
these types from here, so nothing in ``ui`` imports the composition root ``wjself.app``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wjself.district import DistrictWorkspace
    from wjself.paths import DataPaths
    from wjself.store.lock import WindowLock
    from wjself.store.workspace import Workspace


@dataclass(frozen=True, slots=True)
class Startup:
    """The data folder, the log, and (for the window) the lock: all that exists before the data
    is opened."""

    paths: DataPaths
    log_file: Path
    lock: WindowLock | None = None
    district: bool = False  # asked for the bureau's mode (``--district DIR``)


@dataclass(frozen=True, slots=True)
class Context:
    """Everything a front end needs, made once per process; ``close`` it at the end."""

    paths: DataPaths
    log_file: Path
    workspace: Workspace
    lock: WindowLock | None = None  # held by the window for its lifetime

    def close(self) -> None:
        self.workspace.close()
        if self.lock is not None:
            self.lock.release()


@dataclass(frozen=True, slots=True)
class DistrictContext:
    """The bureau's window (区教育局端): the same folder, log and lock, and the district
    services instead of a school's; ``close`` it at the end."""

    paths: DataPaths
    log_file: Path
    district: DistrictWorkspace
    lock: WindowLock | None = None

    def close(self) -> None:
        self.district.close()
        if self.lock is not None:
            self.lock.release()
