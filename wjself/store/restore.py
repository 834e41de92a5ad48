"""Restoring the database from a backup file, safely.

The file is copied aside and checked first (a SQLite database, ``PRAGMA integrity_check``
passes, it is a wjself database at a schema revision this program knows); the current
database is backed up; then the checked copy is written into the live database with SQLite's
backup API, which replaces the content in one transaction under SQLite's own locking, so a
command line program working beside it sees the old data or the new, never a mixture.
Refused while a window holds the data folder (unless the caller is that window).

A damaged current database (the reason people restore) cannot be read by SQLite's backup
API: its files (database and ``-wal``) are then copied byte for byte to
``backups/damaged-YYYYMMDD-HHMMSS.db`` (kept, never rotated, not offered for restore), and
the checked copy is renamed into place.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import shutil
import sqlite3
from pathlib import Path

from wjself.atomic import fsync_dir, os_error_message
from wjself.core.errors import EnvironmentFault, InputError, Problem
from wjself.paths import DataPaths
from wjself.store import backup
from wjself.store.backup import REQUIRED_TABLES
from wjself.store.db import BUSY_TIMEOUT_S, SCHEMA_HEAD, known_revisions, newer_database
from wjself.store.lock import WindowLock
from wjself.store.vet import refusal, vet_database

log = logging.getLogger(__name__)


def check_backup_file(path: Path, name: str) -> str:
    """The schema revision of a backup copy at ``path``, or InputError saying what is wrong."""
    try:
        with contextlib.closing(sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)) as conn:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
            if [tuple(r) for r in rows] != [("ok",)]:
                detail = "；".join(str(r[0]) for r in rows[:3])
                raise InputError([Problem(f"备份文件已损坏（{detail}），不能用于恢复", name)])
            tables = {
                str(r[0])
                for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            if "alembic_version" not in tables or not tables >= REQUIRED_TABLES:
                raise InputError([Problem("这不是 wjself 的数据库或备份文件", name)])
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise InputError(
            [Problem(f"这不是 SQLite 数据库文件，或文件已损坏（{exc}）", name)]
        ) from None
    revision = "" if row is None else str(row[0])
    if revision != SCHEMA_HEAD and revision not in known_revisions():
        fault = newer_database(Path(name), revision)
        raise InputError([Problem(str(fault), name)])
    return revision


def restore_database(
    paths: DataPaths, source: Path, window_lock: WindowLock | None = None
) -> Path | None:
    """Replace the database with the backup ``source``; returns the backup of the old one.

    Pass ``window_lock`` when the window that holds the data folder restores; otherwise the
    window lock is taken for the duration, and a window holding it makes this refuse.
    """
    name = str(source)
    if not source.is_file():
        raise InputError([Problem("文件不存在" if not source.exists() else "这不是文件", name)])
    with contextlib.suppress(OSError):
        if source.resolve() == paths.database.resolve():
            raise InputError([Problem("这是当前正在使用的数据库，不是备份文件", name)])
    lock = window_lock
    own_lock = None
    if lock is None or not lock.held:
        own_lock = WindowLock(paths).acquire("恢复")
    paths.root.mkdir(parents=True, exist_ok=True)
    staged = paths.root / f".restore-{os.getpid()}.part"
    try:
        try:
            shutil.copyfile(source, staged)
        except OSError as exc:
            raise InputError([Problem(f"无法读取：{exc.strerror or exc}", name)]) from None
        check_backup_file(staged, name)
        problems = vet_database(staged)  # the trust boundary: nothing replaced if it fails
        if problems:
            raise refusal(problems, name)
        saved = None
        if paths.database.exists() and paths.database.stat().st_size > 0:
            if not _healthy(paths.database):
                saved = _set_damaged_aside(paths)
                _replace_damaged(paths, staged)
                log.info(
                    "restored %s from %s (damaged one kept as %s)", paths.database, source, saved
                )
                return saved
            saved = backup.pre_restore_backup(paths)
        try:
            with (
                contextlib.closing(sqlite3.connect(staged, timeout=BUSY_TIMEOUT_S)) as src,
                contextlib.closing(sqlite3.connect(paths.database, timeout=BUSY_TIMEOUT_S)) as live,
            ):
                live.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
                src.backup(live)
                live.execute("PRAGMA synchronous = FULL")
                live.execute("PRAGMA wal_checkpoint(FULL)").fetchall()
        except sqlite3.Error as exc:
            raise EnvironmentFault(
                f"恢复失败：{exc}。当前数据库未改变"
                + (f"，恢复前的备份在 {saved}" if saved else "")
                + "。"
            ) from None
        log.info("restored %s from %s (previous saved as %s)", paths.database, source, saved)
        return saved
    finally:
        with contextlib.suppress(OSError):
            staged.unlink()
        if own_lock is not None:
            own_lock.release()


def _healthy(database: Path) -> bool:
    """Whether SQLite can read the live database and ``quick_check`` passes."""
    try:
        with contextlib.closing(sqlite3.connect(database, timeout=BUSY_TIMEOUT_S)) as conn:
            return conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    except sqlite3.Error:
        return False


def _set_damaged_aside(paths: DataPaths) -> Path:
    """Copy the damaged database (and its -wal) byte for byte into the backups folder."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = paths.backups / f"damaged-{stamp}.db"
    n = 1
    while target.exists():
        n += 1
        target = paths.backups / f"damaged-{stamp}-{n}.db"
    try:
        paths.backups.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal"):
            source = Path(str(paths.database) + suffix)
            if source.exists():
                shutil.copyfile(source, Path(str(target) + suffix))
                with open(Path(str(target) + suffix), "rb+") as handle:
                    os.fsync(handle.fileno())
        fsync_dir(paths.backups)
    except OSError as exc:
        plain = os_error_message(exc, target) or f"{exc.strerror or exc}"
        raise EnvironmentFault(
            f"无法先保留损坏的数据库副本，未恢复（当前文件未改动）：{plain}"
        ) from None
    return target


def _replace_damaged(paths: DataPaths, staged: Path) -> None:
    """Put the checked copy in place of a damaged database that has been saved aside.

    The -wal and -shm files go first: a write-ahead log left beside the restored file would be
    replayed into it.
    """
    try:
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                Path(str(paths.database) + suffix).unlink()
        with open(staged, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(staged, paths.database)
        fsync_dir(paths.root)
    except OSError as exc:
        plain = os_error_message(exc, paths.database) or f"{exc.strerror or exc}"
        raise EnvironmentFault(f"恢复失败：{plain}") from None
