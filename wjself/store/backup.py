"""Backups of the database by SQLite's online backup API, written atomically.

- ``write_backup``: one file with a consistent copy of the database (SQLite's backup API, while
  other programs keep working on it) and the evidence it references; ``online_backup`` the
  database alone.
- ``automatic_backup``: at most one a day, on start; rotation keeps the newest of each of the
  last 7 days that have one and the newest of each of the last 4 weeks.
- Before a migration, a template upgrade of a draft and a restore a backup is always taken (``pre-*``; not rotated,
  they are rare and precious).
- Rotation never trusts the clock blindly: a backup dated after "now" (the clock was ahead
  when it was taken, or is behind now) is neither deleted nor counted, and the backup just
  taken is always kept, so a clock set backwards cannot make rotation delete the newest data.
- ``latest_good_backup`` finds the newest backup that passes ``PRAGMA integrity_check`` (what
  the message about a damaged database offers to restore).

A backup is one file holding the database and every evidence file it references (the format
is in ``store.container``).  Those wjself keeps in ``backups/`` (``*.wjbak``) keep their
evidence files in the shared store ``backups/evidence/`` (hard links: an evidence file is never
changed in place, it is named by its SHA-256), pruned when rotation deletes the last backup
needing a file.  Backups of 1.0 (``*.db``, the database alone) are still listed and restored.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
import shutil
import sqlite3
import stat
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from wjself.atomic import (
    STALE_PART_S,
    atomic_writer,
    fsync_dir,
    os_error_message,
    probe_writable,
    remove_stale_parts,
)
from wjself.core.errors import EnvironmentFault, InputError
from wjself.paths import DataPaths
from wjself.regular_files import read_regular
from wjself.store import container
from wjself.store.evidence_paths import blob_path, is_digest
from wjself.store.inspection import Check, inspect

log = logging.getLogger(__name__)

AUTO_PREFIX = "auto-"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(
    r"^(auto|pre-migration-[\w.-]+|pre-upgrade-\d+|pre-restore|manual)-(\d{8}-\d{6})(?:-\d+)?\.(db|wjbak)$"
)
SUFFIX = ".wjbak"
# The tables whose rows name an evidence file by its digest.
EVIDENCE_TABLES = ("evidence", "answer_history_evidence")
# The tables every wjself database has had since the first revision.


def online_backup(database: Path, target: Path) -> None:
    """Copy ``database`` into ``target`` consistently (a bare database file, as 1.0 made them);
    ``target`` appears whole or not at all."""
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_parts(target)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        _copy_database(database, tmp)
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except OSError as exc:
        _discard(tmp)
        raise _write_fault(exc, target) from None
    except BaseException:
        _discard(tmp)
        raise


def _copy_database(database: Path, tmp: Path) -> None:
    """A consistent copy of ``database`` at ``tmp`` by SQLite's backup API, synced to disk."""
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
    except sqlite3.Error as exc:
        _discard(tmp)
        # SQLite says "unable to open" or "disk I/O error" for a read-only or full target disk.
        error = probe_writable(tmp.parent) if tmp.parent.is_dir() else None
        plain = os_error_message(error, tmp.parent) if error is not None else None
        if plain:
            raise EnvironmentFault(f"备份未完成。{plain}") from None
        text = str(exc).lower()
        if "full" in text:
            raise EnvironmentFault(
                f"磁盘已满，无法写入备份文件 {tmp.parent}。请清理磁盘空间后重试；数据库未受影响。"
            ) from None
        raise EnvironmentFault(f"无法备份数据库到 {tmp.parent}：{exc}") from None


def _write_fault(exc: OSError, target: Path) -> EnvironmentFault:
    plain = os_error_message(exc, target)
    return EnvironmentFault(
        f"备份未完成。{plain}"
        if plain
        else f"无法写入备份文件 {target}：{exc.strerror or exc}。请检查磁盘空间和写入权限。"
    )


def evidence_store(paths: DataPaths) -> Path:
    """The shared store of evidence files for the backups wjself keeps in ``backups/``."""
    return paths.backups / "evidence"


def store_linked(store: Path) -> bool:
    """Whether the shared store, or one of its two-letter folders, is a link: wjself writes
    and deletes files in the store, and never does either through a link to elsewhere."""
    try:
        if store.is_symlink():
            return True
        return store.is_dir() and any(sub.is_symlink() for sub in store.iterdir())
    except OSError:
        return True


def referenced_digests(database: Path) -> list[str]:
    """Every evidence digest the rows of ``database`` refer to (current and in history)."""
    uri = f"{database.resolve().as_uri()}?mode=ro"
    found: set[str] = set()
    tables = inspect(database, Check.NONE).tables
    with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=5.0)) as conn:
        for table in EVIDENCE_TABLES:
            if table in tables:
                found.update(
                    str(r[0]) for r in conn.execute(f"SELECT DISTINCT sha256 FROM {table}")
                )
    return sorted(found)


def write_backup(paths: DataPaths, target: Path, *, in_store: bool = False) -> Backup:
    """Write one backup file at ``target``: the database and the evidence it references.

    ``in_store`` (for the backups wjself keeps in ``backups/``): the evidence files go to the
    shared store ``backups/evidence/`` as hard links instead of into the file.  Either way the
    file appears whole under its name or not at all; a kill leaves only ``.NAME.*.part`` files
    that the next backup to the same name removes once they are an hour old.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_parts(target)
    db_copy = target.with_name(f".{target.name}.{os.getpid()}-db.part")
    try:
        _copy_database(paths.database, db_copy)
        try:
            digests = referenced_digests(db_copy)
        except sqlite3.Error as exc:
            raise EnvironmentFault(f"无法读取数据库副本：{exc}") from None
        if in_store and store_linked(evidence_store(paths)):
            # The evidence goes into the file instead: bigger, but whole, and nothing is
            # written outside the data folder.
            log.warning("%s is or holds a link: evidence kept in the backup file", target)
            in_store = False
        evidence, missing = _gather_evidence(paths, digests, in_store)
        key = _signing_key(paths)
        with atomic_writer(target) as handle:
            container.write_container(
                handle,
                db_copy,
                evidence,
                evidence_in=container.IN_STORE if in_store else container.IN_ZIP,
                missing=missing,
                signing_key=key,
            )
    except OSError as exc:
        raise _write_fault(exc, target) from None
    finally:
        _discard(db_copy)
    if missing:
        log.warning("backup %s: %d evidence files missing or damaged", target, len(missing))
    return Backup(target, tuple(missing), len(evidence))


def _signing_key(paths: DataPaths) -> bytes | None:
    """The installation's key file, to go into the backup (None when there is none yet or it
    cannot be read: the data is backed up all the same)."""
    try:
        return read_regular(paths.signing_key, container.MAX_KEY)
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("signing key not backed up: %s", exc)
        return None


def _gather_evidence(
    paths: DataPaths, digests: list[str], in_store: bool
) -> tuple[dict[str, Path], list[str]]:
    """The evidence files to back up (digest -> file checked to hold it) and those missing."""
    store = evidence_store(paths)
    found: dict[str, Path] = {}
    missing: list[str] = []
    for sha in digests:
        if not is_digest(sha):
            # Never a path: a row whose digest is not 64 hex digits has no file we may read.
            log.warning("evidence row with an invalid digest %r not backed up", sha[:80])
            continue
        source = blob_path(paths, sha)  # the shared resolver: inside evidence/, no link out
        if source is None:
            log.warning("evidence folder of %s is a link; not backed up", sha[:16])
            missing.append(sha)
            continue
        if in_store:
            kept = container.store_path(store, sha)
            with contextlib.suppress(OSError):
                if kept.is_file() and kept.stat().st_size == source.stat().st_size:
                    found[sha] = kept  # stored by an earlier backup: content-addressed, same bytes
                    continue
        try:
            good = source.is_file() and container.hash_file(source)[0] == sha
        except OSError:
            good = False
        if not good:
            missing.append(sha)
            continue
        found[sha] = _link_into_store(source, store, sha) if in_store else source
    if in_store:
        for folder in {p.parent for p in found.values()}:
            fsync_dir(folder)  # the links are durable before the backup naming them is
    return found, missing


def _link_into_store(source: Path, store: Path, sha: str) -> Path:
    """Put ``source`` into the shared store under ``sha``: a hard link, a copy where links fail."""
    kept = container.store_path(store, sha)
    kept.parent.mkdir(parents=True, exist_ok=True)
    tmp = kept.with_name(f".{sha}.{os.getpid()}.part")
    with contextlib.suppress(OSError):
        tmp.unlink()
    try:
        os.link(source, tmp)
    except OSError:
        shutil.copyfile(source, tmp)  # FAT disks, some network shares
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
    os.replace(tmp, kept)  # its folder is synced once for all files, by the caller
    return kept


@dataclass(frozen=True, slots=True)
class Backup:
    """A backup just written: where, which referenced evidence files could not be included."""

    path: Path
    missing: tuple[str, ...]
    evidence: int


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
    target = paths.backups / f"{base}{SUFFIX}"
    n = 1
    while target.exists() or target.with_suffix(".db").exists():
        n += 1
        target = paths.backups / f"{base}-{n}{SUFFIX}"
    return target


def pre_migration_backup(paths: DataPaths, revision: str) -> Path:
    target = _stamped(paths, f"pre-migration-{revision}", dt.datetime.now())
    write_backup(paths, target, in_store=True)
    return target


def pre_upgrade_backup(paths: DataPaths, assessment_id: int) -> Path:
    """The backup taken before a draft is moved to a new template version (never rotated)."""
    target = _stamped(paths, f"pre-upgrade-{assessment_id}", dt.datetime.now())
    write_backup(paths, target, in_store=True)
    return target


def pre_restore_backup(paths: DataPaths) -> Path:
    target = _stamped(paths, "pre-restore", dt.datetime.now())
    write_backup(paths, target, in_store=True)
    return target


def backup_time(path: Path) -> dt.datetime | None:
    """When a backup in the backups folder was taken, from its name."""
    match = _NAME.match(path.name)
    if not match:
        return None
    try:
        return dt.datetime.strptime(match.group(2), _STAMP)
    except ValueError:  # a stray file named like a backup, e.g. month 13: not a backup
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
    for p in paths.backups.iterdir():
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
    """Whether ``path`` is a wjself database that passes ``PRAGMA integrity_check``, or a backup
    file whose manifest reads and whose database does."""
    if not is_regular(path):  # SQLite (or the zip reader) would block forever on a FIFO
        return False
    if container.is_container(path):
        return _is_good_container(path)
    return _is_good_database(path)


def _is_good_container(path: Path) -> bool:
    try:
        with database_in(path) as database:
            return _is_good_database(database)
    except (InputError, OSError):
        return False


@contextlib.contextmanager
def database_in(path: Path) -> Iterator[Path]:
    """The database of the backup ``path`` as a file to read: extracted (hash checked) to a
    temporary file for a backup file, ``path`` itself for a database-only backup of 1.0."""
    if not container.is_container(path):
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="wjself-backup-") as folder:
        copy = Path(folder) / container.DATABASE
        with container.Container.open(path) as backup_file:
            backup_file.extract_database(copy)
        yield copy


def _is_good_database(path: Path) -> bool:
    try:
        return inspect(path).good
    except (sqlite3.Error, OSError, ValueError):
        return False


def latest_good_backup(paths: DataPaths) -> Path | None:
    """The newest backup in the data folder that passes the integrity check and the checks
    of ``store.vet`` (what a restore would refuse is never offered), or None."""
    from wjself.store.vet import vet_database  # vet imports the services, which import this

    for candidate in list_backups(paths):
        if is_good_backup(candidate):
            try:
                with database_in(candidate) as database:
                    problems = vet_database(database)
            except (InputError, OSError) as exc:
                log.warning("backup %s cannot be read: %s", candidate, exc)
                continue
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
    write_backup(paths, target, in_store=True)
    log.info("automatic backup %s", target)
    for old in rotation_victims([*autos, target], now, keep=target):
        with contextlib.suppress(OSError):
            old.unlink()
            log.info("rotated out backup %s", old)
    prune_store(paths)
    return target


def prune_store(paths: DataPaths, min_age_s: float = STALE_PART_S) -> int:
    """Delete the shared store's evidence files no backup in ``backups/`` names any more.

    Done only when every backup's manifest could be read: a backup that cannot be read might
    need any file, so then nothing is deleted.
    """
    store = evidence_store(paths)
    if not store.is_dir() or store_linked(store):
        return 0
    needed: set[str] = set()
    for candidate in list_backups(paths):
        if not container.is_container(candidate):
            continue
        try:
            with container.Container.open(candidate) as backup_file:
                needed.update(backup_file.manifest.evidence)
        except InputError:
            log.warning("backup %s unreadable: the shared evidence store is not pruned", candidate)
            return 0
    removed = 0
    # A file linked in the last hour may belong to a backup another program is still writing
    # (linking sets the inode's change time): it waits for a later pruning.
    cutoff = time.time() - min_age_s
    for kept in store.glob("??/*"):
        if kept.name not in needed and is_digest(kept.name):
            with contextlib.suppress(OSError):
                if kept.stat().st_ctime < cutoff:
                    kept.unlink()
                    removed += 1
    return removed


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
                if part.lstat().st_mtime < cutoff:
                    if part.is_dir() and not part.is_symlink():
                        shutil.rmtree(part)  # the evidence staged by a restore that was killed
                    else:
                        part.unlink()
                    removed += 1
    return removed


def _remove_stale_parts(paths: DataPaths) -> None:
    remove_stale_parts_in(paths.backups)
    store = evidence_store(paths)
    if store.is_dir() and not store_linked(store):
        for sub in store.iterdir():
            remove_stale_parts_in(sub)
