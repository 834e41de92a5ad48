"""Restoring the data folder from a backup file, safely: the database and its evidence files.

A backup file (``store.container``) is extracted aside and every hash checked; a 1.0 backup
(the database alone) is copied aside.  The database is checked first (a SQLite database, ``PRAGMA integrity_check``
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
from wjself.core.errors import EnvironmentFault, Hint, InputError, Problem, Remedy
from wjself.paths import DataPaths
from wjself.store import backup
from wjself.store.container import (
    IN_STORE,
    IN_ZIP,
    KEY_ENTRY,
    Container,
    Manifest,
    hash_file,
    is_container,
    store_path,
)
from wjself.store.db import BUSY_TIMEOUT_S, SCHEMA_HEAD, known_revisions, newer_database
from wjself.store.evidence_paths import blob_path
from wjself.store.inspection import Check, inspect
from wjself.store.keys import parse_private_key, put_back_key
from wjself.store.lock import WindowLock
from wjself.store.mode import file_mode, other_side_backup
from wjself.store.vet import refusal, vet_database

log = logging.getLogger(__name__)


def check_backup_file(path: Path, name: str) -> str:
    """The schema revision of a backup copy at ``path``, or InputError saying what is wrong."""
    try:
        facts = inspect(path, read_only=False, timeout=BUSY_TIMEOUT_S)
    except sqlite3.DatabaseError as exc:
        raise InputError(
            [Problem(f"这不是 SQLite 数据库文件，或文件已损坏（{exc}）", name)]
        ) from None
    if not facts.intact:
        raise InputError([Problem(f"备份文件已损坏（{facts.damage}），不能用于恢复", name)])
    if not facts.has_wjself_tables:
        raise InputError([Problem("这不是 wjself 的数据库或备份文件", name)])
    revision = facts.revision or ""
    if revision != SCHEMA_HEAD and revision not in known_revisions():
        fault = newer_database(Path(name), revision)
        raise InputError([Problem(str(fault), name)])
    return revision


def _vet(db_path: Path, name: str) -> str:
    """The single place where an incoming database is checked before anything is replaced:
    integrity and schema (``check_backup_file``), then the trust boundary (``store.vet``), whose
    refusal names the first bad rows."""
    revision = check_backup_file(db_path, name)
    problems = vet_database(db_path)
    if problems:
        raise refusal(problems, name)
    return revision


def _same_side(paths: DataPaths, staged: Path, name: str) -> None:
    """A school's backup never replaces a bureau's data, nor the other way round."""
    incoming = file_mode(staged)
    current = file_mode(paths.database, read_only=False) if paths.database.exists() else None
    if incoming is not None and current is not None and incoming != current:
        raise InputError([Problem(other_side_backup(paths.root, incoming, current), name)])


def restore_database(
    paths: DataPaths, source: Path, window_lock: WindowLock | None = None
) -> Path | None:
    """Replace the database and bring back the evidence of the backup ``source``; returns the
    backup of the data replaced.

    ``source`` is a backup file (a zip, see ``store.container``) or a database-only backup of
    wjself 1.0.  Everything is extracted aside and checked first: names, sizes, every hash
    against the manifest, the database's evidence rows against the manifest, the database
    itself.  Then the current data is backed up, the evidence files are moved into
    ``evidence/`` (named by their digest, so files already there are the same bytes and the
    old database still finds all of its own), and last the database is replaced in one
    transaction: a kill at any moment leaves the old data or the new, each with its evidence.

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
    staging = paths.root / f".restore-{os.getpid()}.part-evidence"
    try:
        # Whatever is already there under these names (a killed restore's leftovers, or a link
        # planted to make the copy below write through it) goes first.
        for leftover in ("", "-journal", "-wal", "-shm"):  # SQLite would replay a journal
            _clear(Path(f"{staged}{leftover}"))
        _clear(staging)
        incoming: list[str] = []
        manifest = None
        key = None
        if is_container(source):
            manifest, key = _stage_database(paths, source, name, staged)
        else:
            try:
                shutil.copyfile(source, staged)
            except OSError as exc:
                raise InputError([Problem(f"无法读取：{exc.strerror or exc}", name)]) from None
        _vet(staged, name)  # the one check of the incoming database before anything is replaced
        if key is not None:
            _vet_key(key, name)
        _same_side(paths, staged, name)
        if manifest is not None:
            _check_rows(staged, manifest, name)
            incoming = _stage_evidence(paths, source, name, manifest, staging)
        saved = None
        if paths.database.exists() and paths.database.stat().st_size > 0:
            if not _healthy(paths.database):
                saved = _set_damaged_aside(paths)
                _place_evidence(paths, staging, incoming)
                _replace_damaged(paths, staged)
                log.info(
                    "restored %s from %s (damaged one kept as %s)", paths.database, source, saved
                )
                _put_back_key(paths, key)
                return saved
            saved = backup.pre_restore_backup(paths)
        _place_evidence(paths, staging, incoming)
        _swap_in(paths, staged, saved)
        log.info("restored %s from %s (previous saved as %s)", paths.database, source, saved)
        _put_back_key(paths, key)
        return saved
    finally:
        with contextlib.suppress(OSError):
            staged.unlink()
        shutil.rmtree(staging, ignore_errors=True)
        if own_lock is not None:
            own_lock.release()


def _vet_key(data: bytes, name: str) -> None:
    """A key file in a backup is untrusted input: it must parse as an Ed25519 key."""
    try:
        parse_private_key(data, f"{name}:{KEY_ENTRY}")
    except EnvironmentFault as exc:
        raise InputError(
            [Problem(f"{exc}；这份备份不能用于恢复，当前数据未改变", name, field=KEY_ENTRY)]
        ) from None


def _put_back_key(paths: DataPaths, key: bytes | None) -> None:
    if key is not None:
        said = put_back_key(paths, key)
        if said:
            log.info("%s", said)


def _swap_in(paths: DataPaths, staged: Path, saved: Path | None) -> None:
    """Replace the live database by ``staged`` in one SQLite transaction (the backup API)."""
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


def _clear(path: Path) -> None:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise _staging_fault(exc, path.parent) from None


def _stage_database(
    paths: DataPaths, source: Path, name: str, staged: Path
) -> tuple[Manifest, bytes | None]:
    """Open and check the backup file (names, sizes, manifest) and extract its database to
    ``staged`` with its hash checked; returns the manifest and the signing key's bytes."""
    with Container.open(source, name) as backup_file:
        manifest = backup_file.manifest
        if manifest.evidence_in == IN_STORE:
            with contextlib.suppress(OSError):
                if source.resolve().parent != paths.backups.resolve():
                    raise InputError(
                        [
                            Problem(
                                "这是数据文件夹 backups 目录中的内部备份，佐证文件不在其中，"
                                "只能在原数据文件夹中恢复；要带走全部数据，请在原数据文件夹"
                                "制作完整备份",
                                name,
                                hint=Hint(Remedy.WHOLE_BACKUP),
                            )
                        ]
                    )
        try:
            backup_file.extract_database(staged)
        except OSError as exc:
            raise _staging_fault(exc, paths.root) from None
        return manifest, backup_file.read_signing_key()


def _stage_evidence(
    paths: DataPaths, source: Path, name: str, manifest: Manifest, staging: Path
) -> list[str]:
    """Extract every evidence file of the zip (a store backup: those not already in
    ``evidence/``) into ``staging``, each under its validated digest with size and hash
    checked; returns the digests staged."""
    store = backup.evidence_store(paths)
    with Container.open(source, name) as backup_file:
        if backup_file.manifest != manifest:  # the file changed since its database was read
            raise InputError([Problem("备份文件在恢复过程中被改动，请重试", name)])
        staging.mkdir(exist_ok=True)
        incoming: list[str] = []
        for sha, size in sorted(manifest.evidence.items()):
            try:
                if manifest.evidence_in == IN_ZIP:
                    # Every entry is extracted and its hash checked, even when the same file is
                    # here already: a damaged backup is refused, not half-used.
                    backup_file.extract_evidence(sha, staging / sha)
                elif _blob_ok(_blob(paths, sha), sha, size):
                    continue  # already here: named by its digest, the same bytes
                else:
                    kept = store_path(store, sha)
                    if not _blob_ok(kept, sha, size):
                        raise InputError(
                            [
                                Problem(
                                    f"backups/evidence 中缺少或损坏了佐证文件 {sha[:16]}…，"
                                    "这份内部备份不完整；请换一份备份",
                                    name,
                                )
                            ]
                        )
                    shutil.copyfile(kept, staging / sha)
                    with open(staging / sha, "rb+") as handle:
                        os.fsync(handle.fileno())
            except OSError as exc:
                raise _staging_fault(exc, paths.root) from None
            incoming.append(sha)
        if manifest.missing:
            log.warning(
                "%s: %d evidence files were already missing when it was made",
                name,
                len(manifest.missing),
            )
        return incoming


def _check_rows(database: Path, manifest: Manifest, name: str) -> None:
    """The database's evidence rows and the manifest name the same files (a lying manifest, or
    rows pointing anywhere but a digest the file holds, are refused)."""
    try:
        referenced = set(backup.referenced_digests(database))
    except sqlite3.Error as exc:
        raise InputError(
            [Problem(f"这不是 SQLite 数据库文件，或文件已损坏（{exc}）", name)]
        ) from None
    listed = set(manifest.evidence)
    absent = sorted(referenced - listed - set(manifest.missing))
    if absent:
        raise InputError(
            [
                Problem(
                    f"数据库引用的佐证文件“{absent[0][:70]}”不在备份文件的清单中（清单与数据库不符）；"
                    "不能用于恢复，当前数据未改变",
                    name,
                )
            ]
        )
    unused = sorted(listed - referenced)
    if unused:
        raise InputError(
            [
                Problem(
                    f"清单列出的佐证文件 {unused[0][:16]}… 没有被数据库引用（清单与数据库不符）；"
                    "不能用于恢复，当前数据未改变",
                    name,
                )
            ]
        )


def _blob(paths: DataPaths, sha: str) -> Path:
    # Only ever called with a digest the manifest check validated (64 lowercase hex digits).
    target = blob_path(paths, sha)
    if target is None:
        raise EnvironmentFault(
            f"未恢复：{paths.evidence / sha[:2]} 是指向别处的链接，不是文件夹；请检查数据文件夹。"
        )
    return target


def _blob_ok(path: Path, sha: str, size: int) -> bool:
    try:
        if not path.is_file() or path.stat().st_size != size:
            return False
        return hash_file(path)[0] == sha
    except OSError:
        return False


def _place_evidence(paths: DataPaths, staging: Path, incoming: list[str]) -> None:
    """Move the checked evidence files into ``evidence/``; the old database loses nothing."""
    try:
        folders = set()
        for sha in incoming:
            target = _blob(paths, sha)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / sha, target)
            folders.add(target.parent)
        for folder in folders:
            fsync_dir(folder)
        if folders:
            fsync_dir(paths.evidence)
    except OSError as exc:
        plain = os_error_message(exc, paths.evidence) or f"{exc.strerror or exc}"
        raise EnvironmentFault(f"恢复未完成（数据库未改变）：无法写入佐证文件：{plain}") from None


def _staging_fault(exc: OSError, where: Path) -> EnvironmentFault:
    plain = os_error_message(exc, where) or f"{exc.strerror or exc}"
    return EnvironmentFault(f"恢复未完成（当前数据未改变）：无法解出备份文件：{plain}")


def _healthy(database: Path) -> bool:
    """Whether SQLite can read the live database and ``quick_check`` passes."""
    try:
        return inspect(database, Check.QUICK, read_only=False, timeout=BUSY_TIMEOUT_S).intact
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
