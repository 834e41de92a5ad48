"""Backups of the database by SQLite's online backup API, written atomically.

- ``online_backup``: a consistent copy while other programs keep working on the database.
- ``automatic_backup``: at most one a day, on start; rotation keeps the newest of each of the
  last 7 days that have one and the newest of each of the last 4 weeks.
- Before a migration, a template upgrade of a draft and a restore a backup is always taken (``pre-*``; not rotated,
  they are rare and precious).
- Rotation never trusts the clock blindly: a backup dated after "now" (the clock was ahead
  when it was taken, or is behind now) is neither deleted nor counted, and the backup just
  taken is always kept, so a clock set backwards cannot make rotation delete the newest data.
- ``latest_good_backup`` finds the newest backup that passes ``PRAGMA integrity_check`` (what
  the message about a damaged database offers to restore).

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
import stat
import time
from pathlib import Path

from wjself.atomic import (
    STALE_PART_S,
    fsync_dir,
    os_error_message,
    probe_writable,
    remove_stale_parts,
)
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
# The tables every wjself database has had since the first revision.
REQUIRED_TABLES = frozenset({"templates", "schools", "assessments", "answers", "audit_log"})


def online_backup(database: Path, target: Path) -> None:
    """Copy ``database`` into ``target`` consistently; ``target`` appears whole or not at all."""
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_parts(target)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
    _discard(tmp)  # this process's own leftover from an earlier attempt
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
        _discard(tmp)
        # SQLite says "unable to open" or "disk I/O error" for a read-only or full target disk.
        error = probe_writable(target.parent) if target.parent.is_dir() else None
        plain = os_error_message(error, target) if error is not None else None
        if plain:
            raise EnvironmentFault(f"备份未完成。{plain}") from None
        text = str(exc).lower()
        if "full" in text:
            raise EnvironmentFault(
                f"磁盘已满，无法写入备份文件 {target}。请清理磁盘空间后重试；数据库未受影响。"
            ) from None
        raise EnvironmentFault(f"无法备份数据库到 {target}：{exc}") from None
    except OSError as exc:
        _discard(tmp)
        plain = os_error_message(exc, target)
        raise EnvironmentFault(
            f"备份未完成。{plain}"
            if plain
            else f"无法写入备份文件 {target}：{exc.strerror or exc}。请检查磁盘空间和写入权限。"
        ) from None


def _discard(tmp: Path) -> None:
    for leftover in _with_sidecars(tmp):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _with_sidecars(database: Path) -> list[Path]:
    """A database file and the journal, WAL and shared-memory files SQLite may put beside it."""
    return [
        database,
        *(database.with_name(database.name + s) for s in ("-journal", "-wal", "-shm")),
    ]


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
    try:
        return dt.datetime.strptime(match.group(2), _STAMP)
    except ValueError:  # a name that looks like a backup's but holds no date (month 13)
        return None


def backup_kind(path: Path) -> str:
    """``auto``, ``pre-migration``, ``pre-upgrade``, ``pre-restore`` or ``manual`` from the
    name of a backup in the backups folder; ``""`` for any other file."""
    match = _NAME.match(path.name)
    if not match:
        return ""
    kind = match.group(1)
    for prefix in ("pre-migration", "pre-upgrade"):
        if kind.startswith(prefix + "-"):
            return prefix
    return kind


def list_backups(paths: DataPaths) -> list[Path]:
    """Every backup in the backups folder, newest first.

    Only ordinary files named as wjself names its backups: anything else found there (a name
    whose date is no date, a folder, a link, a FIFO) is logged and left alone, so one stray
    file can neither stop the program nor make it read from outside the folder or block.
    """
    if not paths.backups.is_dir():
        return []
    found: list[tuple[dt.datetime, Path]] = []
    for p in paths.backups.glob("*.db"):
        t = backup_time(p)
        if t is None:
            if _NAME.match(p.name):
                log.warning("ignoring %s in the backups folder: its name holds no valid date", p)
        elif not is_regular(p):
            log.warning("ignoring %s in the backups folder: not an ordinary file", p)
        else:
            found.append((t, p))
    return [p for _, p in sorted(found, key=lambda tp: (tp[0], tp[1].name), reverse=True)]


def is_regular(path: Path) -> bool:
    """Whether ``path`` itself (not what a link points at) is an ordinary file."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def latest_backup(paths: DataPaths) -> Path | None:
    backups = list_backups(paths)
    return backups[0] if backups else None


def is_good_backup(path: Path) -> bool:
    """Whether ``path`` is a wjself database that passes ``PRAGMA integrity_check``."""
    if not is_regular(path):  # SQLite would block forever reading a FIFO
        return False
    try:
        uri = f"{path.resolve().as_uri()}?mode=ro"
        with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=5.0)) as conn:
            if conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
                return False
            tables = {
                str(r[0])
                for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            if "alembic_version" not in tables or not tables >= REQUIRED_TABLES:
                return False
            return conn.execute("SELECT version_num FROM alembic_version").fetchone() is not None
    except (sqlite3.Error, OSError, ValueError):
        return False


def latest_good_backup(paths: DataPaths) -> Path | None:
    """The newest backup in the data folder that passes the integrity check and the checks
    of ``store.vet`` (what a restore would refuse is never offered), or None."""
    from wjself.store.vet import vet_database  # vet imports the services, which import this

    for candidate in list_backups(paths):
        if is_good_backup(candidate):
            problems = vet_database(candidate)
            if not problems:
                return candidate
            log.warning("backup %s holds invalid data: %s", candidate, problems[:3])
            continue
        log.warning("backup %s does not pass the integrity check", candidate)
    return None


def describe_backup(path: Path) -> str:
    """When a backup was taken and how big it is, for messages."""
    when = backup_time(path)
    try:
        size = f"{path.stat().st_size / 1024 / 1024:.1f} MiB"
    except OSError:
        size = "大小未知"
    return f"{when:%Y-%m-%d %H:%M} 备份，{size}" if when else size


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
    for old in rotation_victims([*autos, target], now, keep=target):
        with contextlib.suppress(OSError):
            old.unlink()
            log.info("rotated out backup %s", old)
    return target


def rotation_victims(
    autos: list[Path], now: dt.datetime | None = None, keep: Path | None = None
) -> list[Path]:
    """The automatic backups rotation deletes: all but 7 daily and 4 weekly ones.

    Only backups dated up to ``now`` take part: one dated later was taken while the clock was
    ahead (or the clock is behind now), and which is newer cannot be told, so it is kept.
    ``keep`` (the backup just taken) is never a victim.
    """
    now = now or dt.datetime.now()
    future = {p for p in autos if (t := backup_time(p)) is not None and t > now}
    if future:
        log.warning("%d backups are dated after now (%s); the clock has moved", len(future), now)
    dated = sorted(
        ((t, p) for p in autos if (t := backup_time(p)) is not None and p not in future),
        key=lambda tp: (tp[0], tp[1].name),
        reverse=True,
    )
    daily: dict[dt.date, Path] = {}
    weekly: dict[tuple[int, int], Path] = {}
    for stamp, path in dated:
        daily.setdefault(stamp.date(), path)
        iso = stamp.isocalendar()
        weekly.setdefault((iso.year, iso.week), path)
    kept = set(list(daily.values())[:KEEP_DAILY]) | set(list(weekly.values())[:KEEP_WEEKLY])
    return [p for _, p in dated if p not in kept and p != keep]


def remove_stale_parts_in(folder: Path) -> int:
    """Delete temp files a killed backup or restore left in ``folder`` (untouched for an hour)."""
    if not folder.is_dir():
        return 0
    cutoff = time.time() - STALE_PART_S
    removed = 0
    for pattern in (".*.part", ".*.part-*"):
        for part in folder.glob(pattern):
            with contextlib.suppress(OSError):
                if part.stat().st_mtime < cutoff:
                    part.unlink()
                    removed += 1
    return removed


def _remove_stale_parts(paths: DataPaths) -> None:
    remove_stale_parts_in(paths.backups)
