"""Automatic and manual backups, rotation, restore, and the window lock."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from tests.store.conftest import primary_school
from wjself.core.errors import EnvironmentFault, InputError
from wjself.paths import DataPaths
from wjself.store import Workspace, backup, lock
from wjself.store.restore import restore_database


def names(paths: DataPaths) -> list[str]:
    return [p.name for p in backup.list_backups(paths)]


def test_automatic_backup_at_most_daily(paths: DataPaths) -> None:
    Workspace.open(paths).close()  # new database: nothing to back up yet
    assert names(paths) == []
    day = dt.datetime(2024, 5, 6, 8, 0)
    first = backup.automatic_backup(paths, day)
    assert first is not None and first.name == "auto-20240506-080000.wjbak"
    assert backup.automatic_backup(paths, day.replace(hour=17)) is None
    assert backup.automatic_backup(paths, day + dt.timedelta(days=1)) is not None
    with backup.database_in(first) as db, contextlib.closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert not list(paths.backups.glob(".*"))


def test_rotation_keeps_seven_daily_and_four_weekly(paths: DataPaths) -> None:
    Workspace.open(paths).close()
    paths.database.write_bytes(paths.database.read_bytes())
    start = dt.datetime(2024, 1, 1, 9, 0)  # a Monday
    for n in range(60):
        backup.automatic_backup(paths, start + dt.timedelta(days=n))
    kept = sorted(backup.backup_time(p) for p in backup.list_backups(paths))  # type: ignore[type-var]
    days = [t.date() for t in kept if t is not None]
    last = (start + dt.timedelta(days=59)).date()
    daily = [last - dt.timedelta(days=i) for i in range(7)]
    assert set(daily) <= set(days)
    # The newest backup of each of the 4 most recent weeks (Feb 29 is a Thursday).
    weekly = {
        dt.date(2024, 2, 29),
        dt.date(2024, 2, 25),
        dt.date(2024, 2, 18),
        dt.date(2024, 2, 11),
    }
    assert set(days) == set(daily) | weekly and len(days) == len(set(days))


def test_manual_backup_and_restore(paths: DataPaths, tmp_path: Path) -> None:
    with Workspace.open(paths) as ws:
        school = ws.schools.add(primary_school())
        target = ws.backup_to(tmp_path / "copy.db")
        ws.schools.add(primary_school(name="备份之后", code="3204120002"))
        with pytest.raises(InputError, match="正在使用的数据库"):
            ws.backup_to(paths.database)
        with pytest.raises(InputError, match="文件夹"):
            ws.backup_to(tmp_path / "no" / "x.db")
    saved = restore_database(paths, target)
    assert saved is not None and saved.name.startswith("pre-restore-")
    with Workspace.open(paths) as ws:
        assert ws.schools.list() == [school]
    with Workspace.open(DataPaths(tmp_path / "check"), automatic_backup=False) as other:
        del other
    with backup.database_in(saved) as db, contextlib.closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT count(*) FROM schools").fetchone() == (2,)


def test_restore_in_the_workspace_brings_back_the_operator(
    paths: DataPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WJSELF_USER", raising=False)
    with Workspace.open(paths) as ws, lock.WindowLock(paths) as held:
        ws.set_operator("安全办 陈老师")
        target = ws.backup_to(tmp_path / "copy.db")
        ws.set_operator("办公室 王老师")
        ws.restore(target, window_lock=held)
        assert ws.operator == "安全办 陈老师"


def test_restore_into_an_open_workspace(paths: DataPaths, tmp_path: Path) -> None:
    """A command-line restore while another program has the database open (no window)."""
    with Workspace.open(paths) as ws:
        ws.schools.add(primary_school())
        target = ws.backup_to(tmp_path / "copy.db")
        ws.schools.add(primary_school(name="之后", code="3204120002"))
        restore_database(paths, target)
        assert [s.name for s in ws.schools.list()] == ["武进区测试小学"]
        ws.schools.add(primary_school(name="恢复后新增", code="3204120003"))
    with contextlib.closing(sqlite3.connect(paths.database)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM schools").fetchone() == (2,)


@pytest.mark.reliability(
    fault="Database damaged",
    method="restore from text, another program's database, a newer wjself's, the live file",
)
def test_restore_refuses_what_is_not_a_good_backup(paths: DataPaths, tmp_path: Path) -> None:
    with Workspace.open(paths) as ws:
        ws.schools.add(primary_school())
    before = paths.database.read_bytes()
    text = tmp_path / "notes.db"
    text.write_text("not a database", "utf-8")
    other = tmp_path / "other.db"
    with contextlib.closing(sqlite3.connect(other)) as conn, conn:
        conn.execute("CREATE TABLE x (y)")
    newer = tmp_path / "newer.db"
    backup.online_backup(paths.database, newer)  # a database-only backup, as 1.0 made them
    with contextlib.closing(sqlite3.connect(newer)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
    cases = {
        tmp_path / "missing.db": "不存在",
        text: "不是 SQLite",
        other: "不是 wjself",
        newer: "更新版本",
        paths.database: "正在使用",
    }
    for source, message in cases.items():
        with pytest.raises(InputError, match=message) as caught:
            restore_database(paths, source)
        assert str(source) in str(caught.value)
    assert paths.database.read_bytes() == before
    assert not [n for n in names(paths) if n.startswith("pre-restore")]


@pytest.mark.reliability(fault="Database damaged", method="damaged backup file offered to restore")
def test_damaged_backup_is_refused(paths: DataPaths, tmp_path: Path) -> None:
    with Workspace.open(paths) as ws:
        for n in range(200):
            ws.schools.add(primary_school(name=f"学校{n}" * 20, code=f"32041{n:05d}"))
    copy = tmp_path / "copy.db"
    backup.online_backup(paths.database, copy)  # a database-only backup, as 1.0 made them
    data = bytearray(copy.read_bytes())
    for i in range(4096 * 3, 4096 * 3 + 2000):
        data[i] ^= 0x5A
    copy.write_bytes(bytes(data))
    with pytest.raises(InputError, match="损坏"):
        restore_database(paths, copy)


def test_window_lock_tells_who_holds_it(paths: DataPaths, tmp_path: Path) -> None:
    assert lock.holder(paths) is None
    with lock.WindowLock(paths) as held:
        assert held.held
        who = lock.holder(paths)
        assert who is not None and who.pid > 0 and who.user and who.host
        with pytest.raises(EnvironmentFault) as caught:
            lock.WindowLock(paths).acquire()
        message = str(caught.value)
        assert str(paths.root) in message and f"进程 {who.pid}" in message and who.user in message
        # Restore refuses while a window holds the folder …
        with Workspace.open(paths) as ws:
            copy = ws.backup_to(tmp_path / "c.db")
        with pytest.raises(EnvironmentFault, match="恢复"):
            restore_database(paths, copy)
        # … unless it is that window restoring.
        with Workspace.open(paths) as ws:
            ws.schools.add(primary_school())
            assert ws.restore(copy, window_lock=held) is not None
            assert ws.schools.list() == []
    assert lock.holder(paths) is None and not lock.info_file(paths).exists()


@pytest.mark.reliability(
    fault="Hostile files in the data folder",
    method="wjself.lock.json nested too deep, with an infinite pid, a FIFO, a link to /dev/zero: "
    "the busy message names nobody, no hang, no crash",
)
def test_a_hostile_lock_info_file_names_nobody(paths: DataPaths) -> None:
    import os

    with lock.WindowLock(paths):
        info = lock.info_file(paths)
        for data in (
            b"[" * 100_000 + b"]" * 100_000,
            b'{"user":"a","host":"b","pid":1e400,"since":""}',
        ):
            info.write_bytes(data)
            assert lock.read_holder(paths) is None
            with pytest.raises(EnvironmentFault, match="已在另一个 wjself 窗口中打开"):
                lock.WindowLock(paths).acquire()
        info.unlink()
        if hasattr(os, "mkfifo"):
            os.mkfifo(info)
            assert lock.read_holder(paths) is None
            info.unlink()
        info.symlink_to("/dev/zero")
        assert lock.read_holder(paths) is None
        info.unlink()
