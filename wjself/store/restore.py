"""Restoring the database from a backup file, safely.

The file is copied aside and checked first (a SQLite database, ``PRAGMA integrity_check``
passes, it is a wjself database at a schema revision this program knows); the current
database is backed up; then the checked copy is written into the live database with SQLite's
backup API, which replaces the content in one transaction under SQLite's own locking, so a
command line program working beside it sees the old data or the new, never a mixture.
Refused while a window holds the data folder (unless the caller is that window).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
from pathlib import Path

from wjself.core.errors import EnvironmentFault, InputError, Problem
from wjself.paths import DataPaths
from wjself.store import backup
from wjself.store.db import BUSY_TIMEOUT_S, SCHEMA_HEAD, known_revisions, newer_database
from wjself.store.lock import WindowLock

log = logging.getLogger(__name__)

REQUIRED_TABLES = frozenset({"templates", "schools", "assessments", "answers", "audit_log"})


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
        saved = None
        if paths.database.exists() and paths.database.stat().st_size > 0:
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
