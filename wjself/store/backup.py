"""Backups of the database by SQLite's online backup API, written atomically.

- ``online_backup``: a consistent copy while other programs keep working on the database.
- ``automatic_backup``: at most one a day, on start; rotation keeps the newest of each of the
  last 7 days that have one and the newest of each of the last 4 weeks.
- Before a migration, a template upgrade of a draft and a restore a backup is always taken
  (``pre-*``; not rotated, they are rare and precious).

Backups hold the database only; evidence files stay in ``evidence/`` and are never changed in
place (they are named by their SHA-256).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
import sqlite3
import time
from pathlib import Path

from wjself.atomic import fsync_dir
from wjself.core.errors import EnvironmentFault
from wjself.paths import DataPaths

log = logging.getLogger(__name__)

AUTO_PREFIX = "auto-"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(
    r"^(auto|pre-migration-[\w.-]+|pre-upgrade-\d+|pre-restore|manual)-(\d{8}-\d{6})(?:-\d+)?\.db$"
)
_STALE_PART_S = 3600


def online_backup(database: Path, target: Path) -> None:
    """Copy ``database`` into ``target`` consistently; ``target`` appears whole or not at all."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        with (
            contextlib.closing(sqlite3.connect(database, timeout=5.0)) as source,
            contextlib.closing(sqlite3.connect(tmp)) as copy,
        ):
            source.backup(copy)
            # A backup is one self-contained file, not a WAL database needing a -wal beside it.
            copy.execute("PRAGMA journal_mode = DELETE").fetchall()
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except sqlite3.Error as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise EnvironmentFault(f"无法备份数据库到 {target}：{exc}") from None
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise EnvironmentFault(
            f"无法写入备份文件 {target}：{exc.strerror or exc}。请检查磁盘空间和写入权限。"
        ) from None


def _stamped(paths: DataPaths, kind: str, when: dt.datetime) -> Path:
    base = f"{kind}-{when.strftime(_STAMP)}"
    target = paths.backups / f"{base}.db"
    n = 1
    while target.exists():
        n += 1
        target = paths.backups / f"{base}-{n}.db"
    return target


def pre_migration_backup(paths: DataPaths, revision: str) -> Path:
    target = _stamped(paths, f"pre-migration-{revision}", dt.datetime.now())
    online_backup(paths.database, target)
    return target


def pre_upgrade_backup(paths: DataPaths, assessment_id: int) -> Path:
    """The backup taken before a draft is moved to a new template version (never rotated)."""
    target = _stamped(paths, f"pre-upgrade-{assessment_id}", dt.datetime.now())
    online_backup(paths.database, target)
    return target


def pre_restore_backup(paths: DataPaths) -> Path:
    target = _stamped(paths, "pre-restore", dt.datetime.now())
    online_backup(paths.database, target)
    return target


def backup_time(path: Path) -> dt.datetime | None:
    """When a backup in the backups folder was taken, from its name."""
    match = _NAME.match(path.name)
    if not match:
        return None
    return dt.datetime.strptime(match.group(2), _STAMP)


def list_backups(paths: DataPaths) -> list[Path]:
    """Every backup in the backups folder, newest first."""
    if not paths.backups.is_dir():
        return []
    found = [(t, p) for p in paths.backups.glob("*.db") if (t := backup_time(p)) is not None]
    return [p for _, p in sorted(found, key=lambda tp: (tp[0], tp[1].name), reverse=True)]


def latest_backup(paths: DataPaths) -> Path | None:
    backups = list_backups(paths)
    return backups[0] if backups else None


def automatic_backup(paths: DataPaths, now: dt.datetime | None = None) -> Path | None:
    """Take today's automatic backup unless there is one; rotate; returns the new file."""
    database = paths.database
    if not database.exists() or database.stat().st_size == 0:
        return None
    now = now or dt.datetime.now()
    _remove_stale_parts(paths)
    autos = [p for p in list_backups(paths) if p.name.startswith(AUTO_PREFIX)]
    if any((t := backup_time(p)) is not None and t.date() == now.date() for p in autos):
        return None
    target = _stamped(paths, "auto", now)
    online_backup(database, target)
    log.info("automatic backup %s", target)
    for old in rotation_victims([*autos, target]):
        with contextlib.suppress(OSError):
            old.unlink()
            log.info("rotated out backup %s", old)
    return target


def rotation_victims(autos: list[Path]) -> list[Path]:
    """The automatic backups rotation deletes: all but 7 daily and 4 weekly ones."""
    dated = sorted(
        ((t, p) for p in autos if (t := backup_time(p)) is not None),
        key=lambda tp: (tp[0], tp[1].name),
        reverse=True,
    )
    daily: dict[dt.date, Path] = {}
    weekly: dict[tuple[int, int], Path] = {}
    for stamp, path in dated:
        daily.setdefault(stamp.date(), path)
        iso = stamp.isocalendar()
        weekly.setdefault((iso.year, iso.week), path)
    keep = set(list(daily.values())[:KEEP_DAILY]) | set(list(weekly.values())[:KEEP_WEEKLY])
    return [p for _, p in dated if p not in keep]


def _remove_stale_parts(paths: DataPaths) -> None:
    # A process killed mid-backup leaves its temp file behind.
    if not paths.backups.is_dir():
        return
    cutoff = time.time() - _STALE_PART_S
    for part in paths.backups.glob(".*.part"):
        with contextlib.suppress(OSError):
            if part.stat().st_mtime < cutoff:
                part.unlink()
