"""The composition root: paths → logging → (window lock) → backup, migrations, database → templates.

The command line and the window both start here.  ``bootstrap`` does the Qt-free part; only
``run_gui`` imports the ``ui`` package, so the command line never loads Qt.

The window starts in two steps so it is on screen at once: ``begin`` (logging and the window
lock, cheap) runs before the window is shown; ``open_context`` (backup, migrations, database,
bundled templates — and the import of SQLAlchemy, which alone costs more than Qt's start) runs
right after, while the window says it is opening the data folder.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from wjself import __version__
from wjself.bundled import BUNDLED_STAMP, install_bundled_templates
from wjself.context import Context, DistrictContext, Startup
from wjself.core.errors import EnvironmentFault
from wjself.logs import setup_logging
from wjself.paths import DataPaths, resolve_data_dir

if TYPE_CHECKING:
    from wjself.ui.prompts import Prompts

log = logging.getLogger(__name__)

__all__ = [
    "BUNDLED_STAMP",
    "begin",
    "bootstrap",
    "install_bundled_templates",
    "open_context",
    "open_district_context",
    "run_gui",
]


def start_logging(data_dir: str | None = None) -> tuple[DataPaths, Path]:
    """Resolve and prepare the data folder and start logging (nothing else)."""
    paths = DataPaths(resolve_data_dir(data_dir))
    try:
        paths.ensure()
    except OSError as exc:
        raise EnvironmentFault(
            f"无法创建数据文件夹 {paths.root}：{exc.strerror or exc}。请检查路径和写入权限。"
        ) from None
    log_file = setup_logging(paths.log_file)
    return paths, log_file


def begin(data_dir: str | None = None, *, window: bool = False, district: bool = False) -> Startup:
    """Logging, and for the window its lock: a second window on the same folder gets
    EnvironmentFault naming who holds it, before anything in the folder is touched.
    ``district``: the bureau's window was asked for (``--district DIR``)."""
    paths, log_file = start_logging(data_dir)
    log.info("wjself %s starting with data folder %s", __version__, paths.root)
    if not window:
        return Startup(paths, log_file, district=district)
    from wjself.store.lock import WindowLock

    return Startup(paths, log_file, WindowLock(paths).acquire(), district=district)


def open_context(startup: Startup, *, keep_lock: bool = False) -> Context:
    """Backup, migrate and open the database, install bundled templates; releases the lock if
    that fails, so nothing is left half open — unless ``keep_lock`` (the window keeps it while
    it offers to restore a damaged database, and releases it when it ends)."""
    from wjself.store.workspace import Workspace

    try:
        workspace = Workspace.open(startup.paths)
        try:
            install_bundled_templates(workspace)
        except BaseException:
            workspace.close()
            raise
    except BaseException:
        if startup.lock is not None and not keep_lock:
            startup.lock.release()
        raise
    return Context(startup.paths, startup.log_file, workspace, startup.lock)


def open_district_context(startup: Startup, *, keep_lock: bool = False) -> DistrictContext:
    """Open the folder as the bureau's (区教育局端: marked so at the first open; a school's
    folder is refused with a message); releases the lock if that fails, like ``open_context``."""
    from wjself.district import open_district

    try:
        district = open_district(startup.paths.root)
    except BaseException:
        if startup.lock is not None and not keep_lock:
            startup.lock.release()
        raise
    return DistrictContext(startup.paths, startup.log_file, district, startup.lock)


def restore_damaged(startup: Startup, source: Path) -> Path | None:
    """Put backup ``source`` in place of the damaged database of the data folder (the window's
    answer to ``DatabaseDamaged``); returns where the damaged file is kept
    (``backups/damaged-*.db``; ``restore_database`` copies it aside byte for byte first).

    ``source`` is checked again (integrity, a wjself database of a known revision) before
    anything is replaced; InputError or EnvironmentFault leave the folder as it was.
    """
    from wjself.store.restore import restore_database

    saved = restore_database(startup.paths, source, startup.lock)
    log.warning("damaged database %s replaced by backup %s; damaged copy kept as %s",
                startup.paths.database, source, saved)  # fmt: skip
    return saved


def bootstrap(data_dir: str | None = None, *, window: bool = False) -> Context:
    """Open the data folder in one go: logging, the window lock (``window``), backup, migrate,
    open, templates."""
    return open_context(begin(data_dir, window=window))


def run_gui(
    data_dir: str | None = None,
    exit_after_startup: bool = False,
    prompts: Prompts | None = None,
    *,
    district: bool = False,
) -> int:
    """Start the window; returns the process exit code.

    ``prompts`` says why the window cannot open (tests pass scripted ones).  ``district``
    opens the bureau's window (also chosen at first start and then remembered by the folder).
    """
    try:
        startup = begin(data_dir, window=True, district=district)
    except EnvironmentFault as exc:
        if exit_after_startup:
            raise
        from wjself.ui.application import show_startup_error

        return show_startup_error(str(exc), prompts)
    try:
        from wjself.ui.application import run

        return run(
            startup,
            lambda: open_context(startup, keep_lock=True),
            exit_after_startup,
            prompts,
            restore=lambda source: restore_damaged(startup, source),
            load_district=lambda: open_district_context(startup, keep_lock=True),
        )
    finally:
        if startup.lock is not None:
            startup.lock.release()
