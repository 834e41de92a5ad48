"""The bureau's data folder opened: the store's database and machinery, in district mode."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

from sqlalchemy.orm import Session

from wjself.bundled import install_bundled_templates
from wjself.core.errors import EnvironmentFault
from wjself.paths import DataPaths
from wjself.store.db import Clock, Database, now
from wjself.store.mode import DISTRICT
from wjself.store.workspace import Workspace

BUNDLES = "bundles"


class DistrictWorkspace:
    """One bureau folder open: ``workspace`` (templates, settings, backups, the database) and
    ``bundles`` (the kept read-only copies, ``bundles/<sha256>.wjsa``).  Close it when done."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.paths: DataPaths = workspace.paths
        self.db: Database = workspace.database
        self.bundles: Path = workspace.paths.root / BUNDLES

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        with self.db.read() as s:
            yield s

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        with self.db.write() as s:
            yield s

    @property
    def operator(self) -> str:
        return self.workspace.operator

    def close(self) -> None:
        self.workspace.close()

    def __enter__(self) -> DistrictWorkspace:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def open_district(
    data_dir: str | os.PathLike[str],
    *,
    automatic_backup: bool = True,
    clock: Clock = now,
) -> DistrictWorkspace:
    """Open (making it if new) the bureau folder ``data_dir``: the day's backup, migrations,
    the bundled templates, the ``bundles`` folder.

    A school's data folder is refused (EnvironmentFault naming the folder and what to type),
    as is a folder that cannot be written or a damaged database.  Use it as a context manager.
    """
    paths = DataPaths(Path(data_dir).expanduser().resolve())
    workspace = Workspace.open(paths, automatic_backup=automatic_backup, clock=clock, mode=DISTRICT)
    try:
        install_bundled_templates(workspace)
        (paths.root / BUNDLES).mkdir(exist_ok=True)
    except OSError as exc:
        workspace.close()
        raise EnvironmentFault(
            f"无法在 {paths.root} 中创建 {BUNDLES} 文件夹：{exc.strerror or exc}。请检查写入权限。"
        ) from None
    except BaseException:
        workspace.close()
        raise
    return DistrictWorkspace(workspace)
