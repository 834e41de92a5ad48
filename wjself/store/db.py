"""The SQLite database: connections with the durability settings, integrity check, migrations.

Every connection gets ``foreign_keys=ON``, WAL, ``synchronous=FULL`` (a commit is on disk
when it returns) and a 5 s busy timeout.  wjself starts transactions itself: plain ``BEGIN``
for reading, ``BEGIN IMMEDIATE`` for writing, so two processes writing at once queue for the
write lock instead of failing half-way.

Schema changes are Alembic migrations (``wjself/store/migrations``), run here without an
alembic.ini; a backup is taken before any migration and a database written by a newer wjself
is refused.  The fast path (schema already current) does not import Alembic at all.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import shlex
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from wjself.atomic import os_error_message, probe_writable
from wjself.core.codec import template_from_dict
from wjself.core.errors import EnvironmentFault
from wjself.core.template import Template
from wjself.paths import DataPaths
from wjself.store import backup
from wjself.store.faults import DatabaseDamaged, DatabaseTooNew
from wjself.store.inspection import REQUIRED_TABLES, Check, inspect

log = logging.getLogger(__name__)

SCHEMA_HEAD = "0006"  # the newest migration; tests check it matches the scripts
BUSY_TIMEOUT_S = 5.0
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_WRITE = "wjself_write"


def now() -> dt.datetime:
    """The current local time, aware, to the second (what every stored timestamp uses)."""
    return dt.datetime.now().astimezone().replace(microsecond=0)


Clock = Callable[[], dt.datetime]
_CLOCK = "wjself_clock"


def now_in(s: Session) -> dt.datetime:
    """The time by the clock of the database ``s`` belongs to (``Database(clock=…)``; the
    seam tests use to set the clock back instead of patching modules)."""
    clock: Clock = s.info.get(_CLOCK, now)
    return clock()


# ---------------------------------------------------------------- connections


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # wjself emits BEGIN itself (see _on_begin); sqlite3's own handling is switched off.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        cursor.execute("PRAGMA foreign_keys = ON")
        mode = cursor.execute("PRAGMA journal_mode = WAL").fetchone()
        if mode is None or str(mode[0]).lower() != "wal":
            # Network drives cannot do WAL; a rollback journal with FULL sync is still safe.
            log.warning("WAL journal not available (journal_mode=%s)", mode and mode[0])
        cursor.execute("PRAGMA synchronous = FULL")
    finally:
        cursor.close()


def _on_begin(conn: Connection) -> None:
    immediate = conn.get_execution_options().get(_WRITE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(path: Path, *, pooled: bool = True) -> Engine:
    """An engine on the database file with wjself's connection settings."""
    kwargs: dict[str, Any] = {"connect_args": {"timeout": BUSY_TIMEOUT_S}}
    if not pooled:
        kwargs["poolclass"] = NullPool
    engine = create_engine(f"sqlite:///{path}", **kwargs)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


# SQLite's primary result codes (an extended code carries one in its low byte).
_BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}
_FOLDER = {sqlite3.SQLITE_READONLY, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN}
_DAMAGE = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_IOERR}


def sqlite_code(exc: BaseException) -> int | None:
    """SQLite's primary result code of ``exc`` (or of the error SQLAlchemy wrapped), if any."""
    code = getattr(getattr(exc, "orig", exc), "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def fault_for(
    exc: BaseException, path: Path, paths: DataPaths | None = None
) -> EnvironmentFault | None:
    """The plain message for a database error the machine caused, or None if it is a bug.

    Classified on SQLite's result code, never on the wording of its message."""
    code = sqlite_code(exc)
    if code in _BUSY:
        return EnvironmentFault(
            f"数据库正忙：另一个 wjself 程序正在写入 {path}，等待 {BUSY_TIMEOUT_S:.0f} 秒后仍未完成。请稍后重试。"
        )
    if code == sqlite3.SQLITE_FULL:
        return EnvironmentFault(
            f"磁盘已满，无法写入 {path}。请清理磁盘空间后重试；已保存的内容不受影响。"
        )
    # SQLite says only "disk I/O error" or "unable to open" when it cannot create its -wal or
    # -shm file; try writing in the folder to tell a full or read-only disk from damage.
    if code in _FOLDER:
        folder = folder_fault(path.parent)
        if folder is not None:
            return folder
    if code == sqlite3.SQLITE_READONLY:
        return EnvironmentFault(f"数据库文件只读，无法保存：{path}。请检查文件和文件夹的写入权限。")
    if code in _DAMAGE:
        return damaged(path, str(getattr(exc, "orig", exc)), paths)
    if code == sqlite3.SQLITE_CANTOPEN:
        return EnvironmentFault(f"无法打开数据库文件：{path}。请检查该文件夹是否存在并可写入。")
    return None


def folder_fault(folder: Path) -> EnvironmentFault | None:
    """EnvironmentFault when ``folder`` cannot be written (disk full, read-only), else None."""
    if not folder.is_dir():
        return None
    error = probe_writable(folder)
    message = None if error is None else os_error_message(error, folder)
    if message is None:
        return None
    return EnvironmentFault(f"{message}（数据文件夹：{folder}）")


def damaged(path: Path, detail: str, paths: DataPaths | None = None) -> DatabaseDamaged:
    """The fault for a damaged database: which file, and the latest backup that passes the
    integrity check with the exact command that restores it (nothing is changed here)."""
    good = backup.latest_good_backup(paths) if paths is not None else None
    if good is not None and paths is not None:
        hint = (
            f"数据文件夹中最近一份完好的备份是 {good}（{backup.describe_backup(good)}）。"
            f"恢复命令：{restore_command(paths, good)}"
            "（恢复前会把损坏的文件另存到 backups 文件夹，不会删除）。"
        )
    else:
        hint = (
            "没有找到完好的备份。请不要删除或覆盖该文件，把整个数据文件夹复制一份后联系技术支持。"
        )
    return DatabaseDamaged(f"数据库文件已损坏：{path}（{detail}）。{hint}", path, detail, good)


def restore_command(paths: DataPaths, source: Path) -> str:
    """The command line that restores ``source`` into the data folder of ``paths``."""
    quote = '"{}"'.format if os.name == "nt" else shlex.quote
    return f"wjself --data-dir {quote(str(paths.root))} restore {quote(str(source))}"


# ---------------------------------------------------------------- integrity and revisions


def check_database(paths: DataPaths) -> None:
    """``PRAGMA quick_check`` on the database (if it exists); damage raises EnvironmentFault."""
    path = paths.database
    try:
        facts = inspect(path, Check.QUICK, read_only=False, timeout=BUSY_TIMEOUT_S)
    except sqlite3.DatabaseError as exc:
        fault = fault_for(exc, path, paths)
        raise (fault or damaged(path, str(exc), paths)) from None
    if not facts.intact:
        raise damaged(path, facts.damage, paths)


def schema_revision(path: Path) -> str | None:
    """The Alembic revision recorded in a database file, or None if it has none."""
    return inspect(path, Check.NONE, read_only=False, timeout=BUSY_TIMEOUT_S).revision


def table_names(path: Path) -> set[str]:
    return set(inspect(path, Check.NONE, read_only=False, timeout=BUSY_TIMEOUT_S).tables)


def known_revisions() -> list[str]:
    """Every revision this program's migrations know, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS))
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def newer_database(path: Path, revision: str) -> DatabaseTooNew:
    from wjself import __version__

    return DatabaseTooNew(
        f"数据库 {path} 由更新版本的 wjself 写入（数据库版本 {revision}），"
        f"本程序（wjself {__version__}）无法读取。请安装最新版本的 wjself 后再打开；数据未作任何改动。",
        path,
        revision,
    )


MIGRATION_LOCK = ".migrate.lock"
MIGRATION_WAIT_S = 120.0


def migrate(paths: DataPaths) -> Path | None:
    """Bring the database to the newest schema; returns the backup taken first, if any.

    A new database is created; one at an older revision is backed up, then upgraded in one
    transaction; one at a revision this program does not know is refused untouched.  Two
    programs starting at once on the same folder migrate one after the other: the second finds
    the work done (Alembic reads the revision before it takes SQLite's write lock, so the
    transaction alone does not keep them apart).
    """
    if schema_revision(paths.database) == SCHEMA_HEAD:
        return None
    from filelock import FileLock, Timeout

    try:
        with FileLock(str(paths.root / MIGRATION_LOCK), timeout=MIGRATION_WAIT_S):
            return _migrate(paths)
    except Timeout:
        raise EnvironmentFault(
            f"另一个 wjself 程序正在更新 {paths.root} 中的数据库，已等待 "
            f"{int(MIGRATION_WAIT_S)} 秒。请稍后再试。"
        ) from None
    except IsADirectoryError:
        raise EnvironmentFault(
            f"{paths.root / MIGRATION_LOCK} 是一个文件夹，wjself 需要用这个名字做锁文件。"
            "请移走它后再试。"
        ) from None
    except OSError as exc:  # a link or special file at the lock's name (never followed)
        lock = paths.root / MIGRATION_LOCK
        raise EnvironmentFault(
            os_error_message(exc, lock)
            or f"无法使用锁文件 {lock}：这个名字上是链接或特殊文件（wjself 不跟随链接）。请移走它后再试。"
        ) from None


def _migrate(paths: DataPaths) -> Path | None:
    path = paths.database
    revision = schema_revision(path)
    if revision == SCHEMA_HEAD:
        return None
    tables = table_names(path)
    # Another program's database (with or without its own Alembic revision) is not "newer".
    if tables and (revision is None or not tables >= REQUIRED_TABLES):
        raise EnvironmentFault(
            f"{path} 不是 wjself 数据库（缺少 wjself 的数据表或版本信息）。请检查数据文件夹是否选错；该文件未作任何改动。"
        )
    if revision is not None and revision not in known_revisions():
        raise newer_database(path, revision)
    saved = None
    if revision is not None:
        saved = backup.pre_migration_backup(paths, revision)
        log.info("migrating %s from %s; backup %s", path, revision, saved)
    upgrade(path)
    return saved


def upgrade(path: Path, target: str = "head") -> None:
    """Run the Alembic migrations up to ``target`` in one write transaction."""
    from alembic import command
    from alembic.config import Config

    path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(path, pooled=False)
    try:
        with engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert raw is not None
            # Batch migrations copy tables; foreign keys are checked after, not during.
            raw.execute("PRAGMA foreign_keys = OFF")
            try:
                config = Config()
                config.set_main_option("script_location", str(MIGRATIONS))
                config.attributes["connection"] = conn.execution_options(**{_WRITE: True})
                command.upgrade(config, target)
                if conn.in_transaction():
                    conn.commit()
                broken = raw.execute("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration left broken foreign keys: {broken[:5]}")
            finally:
                raw.execute("PRAGMA foreign_keys = ON")
    except DBAPIError as exc:
        fault = fault_for(exc, path)
        if fault is not None:
            raise fault from None
        raise
    finally:
        engine.dispose()


# ---------------------------------------------------------------- the open database

_template_cache: dict[str, Template] = {}
_template_cache_lock = threading.Lock()


def cached_template(sha256: str) -> Template | None:
    with _template_cache_lock:
        return _template_cache.get(sha256)


def template_from_content(sha256: str, content: str) -> Template:
    """The template of a stored snapshot (parsed once per process; snapshots never change)."""
    with _template_cache_lock:
        cached = _template_cache.get(sha256)
    if cached is not None:
        return cached
    template, problems = template_from_dict(json.loads(content))
    if problems:
        # It was valid when installed; a stricter later program still shows what is stored.
        log.warning("stored template %s has %d problems now", sha256[:12], len(problems))
    with _template_cache_lock:
        if len(_template_cache) > 64:
            _template_cache.clear()
        _template_cache[sha256] = template
    return template


class Database:
    """The open database of one data folder: read and write sessions with faults translated."""

    def __init__(self, paths: DataPaths, clock: Clock = now) -> None:
        self.paths = paths
        self.engine = make_engine(paths.database)
        info = {_CLOCK: clock}
        self._reader = sessionmaker(self.engine, expire_on_commit=False, info=info)
        self._writer = sessionmaker(
            self.engine.execution_options(**{_WRITE: True}), expire_on_commit=False, info=info
        )

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A session in one read transaction (a consistent snapshot); nothing is written."""
        with self._translated(), self._reader() as session, session.begin():
            yield session

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """A session in one write transaction, committed (and on disk) when the block ends."""
        with self._translated(), self._writer() as session, session.begin():
            yield session

    @contextlib.contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except DBAPIError as exc:
            fault = fault_for(exc, self.paths.database, self.paths)
            if fault is not None:
                raise fault from None
            raise

    def close(self) -> None:
        self.engine.dispose()
