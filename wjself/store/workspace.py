"""The open data folder: the database and the services on it (see ``wjself.store``)."""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path
from types import TracebackType

from sqlalchemy import select

from wjself.core.errors import EnvironmentFault, InputError, Problem
from wjself.paths import DataPaths
from wjself.store import backup
from wjself.store.answers import AnswerService
from wjself.store.assessments import AssessmentService
from wjself.store.db import Clock, Database, check_database, migrate, now
from wjself.store.evidence import EvidenceService
from wjself.store.keys import KeyPair, KeyService, installation_key
from wjself.store.lock import WindowLock, current_user
from wjself.store.mode import SCHOOL, Mode, settle_mode
from wjself.store.models import SettingRecord
from wjself.store.rectifications import RectificationService
from wjself.store.restore import restore_database
from wjself.store.reviews import ReviewService
from wjself.store.schools import SchoolService
from wjself.store.templates import TemplateService
from wjself.store.upgrades import UpgradeService

log = logging.getLogger(__name__)

ENV_USER = "WJSELF_USER"
OPERATOR_SETTING = "operator"


class Workspace:
    """One data folder opened: ``templates``, ``schools``, ``assessments``, ``answers``,
    ``evidence``, ``rectifications``, ``upgrades``, ``reviews``, settings and backups.  Close it when done."""

    def __init__(self, paths: DataPaths, db: Database) -> None:
        self.paths = paths
        self._db = db
        # Things the person should know about opening (a failed automatic backup), in Chinese.
        self.warnings: tuple[str, ...] = ()
        self._operator_setting: str | None = None
        operator = self._who
        self.templates = TemplateService(db, operator)
        self.schools = SchoolService(db, operator)
        self.assessments = AssessmentService(db, operator)
        self.answers = AnswerService(db, operator)
        self.evidence = EvidenceService(db, operator)
        self.rectifications = RectificationService(db, operator)
        self.upgrades = UpgradeService(db, operator)
        self.reviews = ReviewService(db, operator)
        self.keys = KeyService(db, operator)
        self._key: KeyPair | None = None

    @classmethod
    def open(
        cls,
        paths: DataPaths,
        *,
        automatic_backup: bool = True,
        clock: Clock = now,
        mode: Mode = SCHOOL,
    ) -> Workspace:
        """Check the database, take the day's backup, migrate, and open it; every time stored
        (answers, the audit log) is read from ``clock`` (tests set it back or ahead).

        Raises EnvironmentFault for a damaged database, one written by a newer wjself, a
        folder that cannot be written, or a folder of the other ``mode`` (a school's opened as
        the bureau's or the other way round; ``store.mode``).
        """
        try:
            for folder in (paths.root, paths.backups, paths.evidence):
                folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise EnvironmentFault(
                f"无法创建数据文件夹 {paths.root}：{exc.strerror or exc}。请检查路径和写入权限。"
            ) from None
        check_database(paths)
        warnings: list[str] = []
        if automatic_backup:
            backup.remove_stale_parts_in(paths.root)  # a restore killed half-way
            try:
                backup.automatic_backup(paths)
            except EnvironmentFault as exc:
                # The day's backup is a safety net, not a precondition: on a nearly full disk
                # people can still read, export elsewhere and save small changes.
                log.warning("automatic backup failed: %s", exc)
                warnings.append(f"今天的自动备份未能完成：{exc}")
        migrate(paths)
        db = Database(paths, clock)
        try:
            with db.write() as s:
                settle_mode(s, paths.root, mode)
        except BaseException:
            db.close()
            raise
        workspace = cls(paths, db)
        # Made at the first opening of the folder (window and command line both come here),
        # so a school's first bundle is already signed.
        workspace._key = installation_key(paths.root)
        workspace.warnings = tuple(warnings)
        return workspace

    @property
    def database(self) -> Database:
        """The open database (for services above the store, e.g. ``wjself.district``)."""
        return self._db

    # ------------------------------------------------------------ signing key

    @property
    def signing_key(self) -> KeyPair:
        """This installation's key pair (``DATA/keys``), made when the folder was first opened."""
        if self._key is None:
            self._key = installation_key(self.paths.root)
        return self._key

    # ------------------------------------------------------------ who and settings

    @property
    def operator(self) -> str:
        """Who changes are recorded as: $WJSELF_USER, else the ``operator`` setting, else the login name."""
        return self._who()

    def _who(self) -> str:
        from_env = os.environ.get(ENV_USER, "").strip()
        if from_env:
            return from_env
        if self._operator_setting is None:
            self._operator_setting = self.setting(OPERATOR_SETTING) or ""
        return self._operator_setting or current_user()

    def set_operator(self, name: str) -> None:
        """Record changes as ``name`` from now on (kept in the data folder; "" for the login name)."""
        self.set_setting(OPERATOR_SETTING, name.strip())
        self._operator_setting = name.strip()

    def setting(self, key: str) -> str | None:
        with self._db.read() as s:
            record = s.get(SettingRecord, key)
            return None if record is None else record.value

    def set_setting(self, key: str, value: str) -> None:
        with self._db.write() as s:
            record = s.get(SettingRecord, key)
            if record is None:
                s.add(SettingRecord(key=key, value=value))
            else:
                record.value = value

    def settings(self) -> dict[str, str]:
        with self._db.read() as s:
            return {r.key: r.value for r in s.scalars(select(SettingRecord))}

    # ------------------------------------------------------------ backups

    def backup_to(self, target: Path) -> Path:
        """Write one backup file at ``target``: the database and every evidence file (atomically)."""
        return self.write_backup(target).path

    def write_backup(self, target: Path) -> backup.Backup:
        """``backup_to``, also telling which referenced evidence files could not be included."""
        with contextlib.suppress(OSError):
            if target.resolve() in {
                self.paths.database.resolve(),
                Path(str(self.paths.database) + "-wal").resolve(),
                Path(str(self.paths.database) + "-shm").resolve(),
            }:
                raise InputError([Problem("不能备份到正在使用的数据库文件本身", str(target))])
        if target.is_dir():
            raise InputError(
                [Problem("这是文件夹；请给出备份文件名，如 backup-2024.wjbak", str(target))]
            )
        if not target.parent.is_dir():
            raise InputError([Problem(f"文件夹 {target.parent} 不存在", str(target))])
        with contextlib.suppress(OSError):
            if target.resolve().is_relative_to(self.paths.evidence.resolve()):
                raise InputError([Problem("不能备份到数据文件夹的 evidence 目录中", str(target))])
        return backup.write_backup(self.paths, target)

    def restore(self, source: Path, window_lock: WindowLock | None = None) -> Path | None:
        """Replace the database with the backup ``source`` (see ``store.restore``), then migrate.

        The window passes its own lock; returns the backup taken of the data replaced.
        """
        saved = restore_database(self.paths, source, window_lock)
        self._db.engine.dispose()  # no pooled connection keeps a view of the old file
        self._operator_setting = None  # the restored data has its own operator setting
        self._key = None  # the backup may have brought its own key back
        migrate(self.paths)
        return saved

    def backups(self) -> list[Path]:
        """The backups in the data folder (automatic, before migrations, before restores), newest first."""
        return backup.list_backups(self.paths)

    # ------------------------------------------------------------ lifetime

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
