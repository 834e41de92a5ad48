"""Disk full, read-only folders, locks held by other programs: a plain message, nothing lost,
and everything works again once the cause is gone."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.conftest import _env
from tests.helpers.factory import item, template
from tests.reliability.mounts import fill, read_only, tmpfs
from tests.reliability.plugin import tally
from wjself.core.assessment import AnswerRow
from wjself.core.errors import EnvironmentFault
from wjself.core.school import School
from wjself.formats.bundle import export_bundle
from wjself.paths import DataPaths
from wjself.report.pdf import write_pdf
from wjself.store import Workspace
from wjself.store.lock import WindowLock, holder

WHEN = dt.datetime(2024, 7, 1, 9, 0)


def prepared(paths: DataPaths) -> int:
    """A data folder with a school, a template of 20 items and a few answers; the assessment."""
    with Workspace.open(paths) as ws:
        t = template(
            [item(f"A{i:02d}") for i in range(10)] + [item(f"T{i:02d}", "text") for i in range(10)],
            id="env",
        )
        ws.templates.install(t)
        school = ws.schools.add(School(0, "环境测试小学", "3204120001", ("小学",)))
        aid = ws.assessments.new(school.id, t.id, None, "2024")
        ws.answers.set(aid, "A00", "符合", note="故障之前填写")
        ws.answers.set(aid, "T00", "故障之前")
        return aid


def snapshot(database: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (to show that nothing changed)."""
    with contextlib.closing(sqlite3.connect(database)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: sorted(map(tuple, conn.execute(f'SELECT * FROM "{t}"'))) for t in tables}


def integrity(database: Path) -> str:
    with contextlib.closing(sqlite3.connect(database)) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def big_template(n: int) -> Any:
    return template(
        [item(f"B{i:04d}", "text", guidance="很长的说明文字。" * 60) for i in range(400)],
        id=f"big-{n}",
    )


def clean_err(err: str) -> None:
    assert "Traceback" not in err and "Logging error" not in err, err


# ---------------------------------------------------------------- disk full


@pytest.mark.reliability(
    fault="Disk full",
    method="data folder on an 8 MiB tmpfs filled to the last byte; 7 operations in-process, then space freed",
)
def test_disk_full_refuses_plainly_and_loses_nothing(tmp_path: Path) -> None:
    photo = tmp_path / "photo.png"
    Image.effect_noise((600, 600), 80).convert("RGB").save(photo)
    with tmpfs(tmp_path / "disk", 8192) as disk:
        paths = DataPaths(disk / "data")
        aid = prepared(paths)
        with Workspace.open(paths) as ws:
            view = ws.assessments.view(aid)
            rows = [
                AnswerRow(i + 1, f"T{i:02d}", "导入" * 1500, "备注" * 1000) for i in range(1, 10)
            ]
            attempts: dict[str, Callable[[], object]] = {
                "answer set": lambda: ws.answers.set(aid, "T01", "满盘" * 1900, note="注" * 3999),
                "answer import": lambda: ws.answers.import_rows(aid, rows, "answers.csv"),
                "template install": lambda: ws.templates.install(big_template(1)),
                "evidence add": lambda: ws.evidence.add(aid, "A01", photo),
                "backup": lambda: ws.backup_to(disk / "copy.db"),
                "pdf export": lambda: write_pdf(
                    [view], disk / "r.pdf", generated_at=WHEN, today=WHEN.date()
                ),
                "bundle export": lambda: export_bundle(view, disk / "b.wjsa"),
            }
            before = snapshot(paths.database)
            filler = fill(disk)
            refused = []
            for name, attempt in attempts.items():
                try:
                    attempt()
                except EnvironmentFault as exc:
                    assert "磁盘已满" in str(exc), (name, str(exc))
                    refused.append(name)
                tally()
            # Small database writes may fit in the space the write-ahead log already has;
            # whatever did not fit was refused whole.
            assert {
                "template install",
                "evidence add",
                "backup",
                "pdf export",
                "bundle export",
            } <= set(refused)
            for name in ("copy.db", "r.pdf", "b.wjsa"):
                assert not (disk / name).exists()
            assert not [p for p in disk.rglob("*") if p.name.endswith(".part")]
            assert not [p for p in paths.evidence.rglob("*") if p.is_file()]
            after = snapshot(paths.database)
            for table in ("templates", "evidence", "schools"):
                assert after[table] == before[table], table
            for name in ("answer set", "answer import"):
                if name in refused:
                    continue
                assert after != before  # it fitted, and is stored
            filler.unlink()
            for attempt in attempts.values():
                attempt()
            assert ws.answers.get(aid, "A00").note == "故障之前填写"
            assert ws.answers.get(aid, "T09").value == "导入" * 1500
        assert integrity(paths.database) == "ok"


@pytest.mark.reliability(
    fault="Disk full",
    method="`wjself` CLI on a full 3 MiB tmpfs: open (no -shm yet), answer set; then space freed",
)
def test_disk_full_on_the_command_line(tmp_path: Path, run_cli) -> None:
    with tmpfs(tmp_path / "disk", 3072) as disk:
        data = disk / "data"
        assert run_cli("--data-dir", data, "template", "list").code == 0
        aid = prepared(DataPaths(data))
        filler = fill(disk)
        for args in (
            ("assessment", "list"),
            ("answer", "set", aid, "T01", "满盘时填写", "--note", "注" * 3000),
        ):
            result = run_cli("--data-dir", data, *args)
            assert result.code == 2, result
            assert "磁盘已满" in result.err and str(data) in result.err, result.err
            assert "已损坏" not in result.err
            clean_err(result.err)
            tally()
        filler.unlink()
        ok = run_cli("--data-dir", data, "answer", "set", aid, "T01", "空间释放后填写")
        assert ok.code == 0, ok.err
        with Workspace.open(DataPaths(data), automatic_backup=False) as ws:
            assert ws.answers.get(aid, "T00").value == "故障之前"
            assert ws.answers.get(aid, "T01").value == "空间释放后填写"


@pytest.mark.reliability(
    fault="Disk full",
    method="room for an answer but not for the day's automatic backup (tmpfs)",
)
def test_no_room_for_the_daily_backup_does_not_stop_work(tmp_path: Path, run_cli) -> None:
    with tmpfs(tmp_path / "disk", 3072) as disk:
        data = disk / "data"
        paths = DataPaths(data)
        assert run_cli("--data-dir", data, "template", "list").code == 0
        aid = prepared(paths)
        with Workspace.open(paths, automatic_backup=False) as ws:
            ws.templates.install(big_template(2))  # a database bigger than the room left
        for old in paths.backups.glob("*.*"):
            old.unlink()  # no backup today yet: the next start takes one
        assert paths.database.stat().st_size > 600 * 1024
        filler = fill(disk, leave=300 * 1024)  # room for a few pages of log, not for a copy
        result = run_cli("--data-dir", data, "answer", "set", aid, "T02", "备份失败也能保存")
        assert result.code == 0, result.err
        assert "自动备份未能完成" in result.err and "磁盘已满" in result.err
        clean_err(result.err)
        assert not list(paths.backups.glob("*.*"))
        filler.unlink()
        assert run_cli("--data-dir", data, "assessment", "list").code == 0
        assert len(list(paths.backups.glob("auto-*.wjbak"))) == 1
        with Workspace.open(paths, automatic_backup=False) as ws:
            assert ws.answers.get(aid, "T02").value == "备份失败也能保存"
        tally()


LIMITED = textwrap.dedent(
    """
    import resource, signal, sys
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
    limit = int(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    from wjself.cli.main import main
    sys.exit(main(sys.argv[2:]))
    """
)


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_FSIZE and SIGXFSZ as on Linux")
@pytest.mark.reliability(
    fault="Disk full",
    method="RLIMIT_FSIZE in the child (no root needed): no file may grow past 64 KiB",
)
def test_file_size_limit_in_the_child(data_dir: Path, run_cli) -> None:
    assert run_cli("template", "list").code == 0
    aid = prepared(DataPaths(data_dir))
    before = snapshot(DataPaths(data_dir).database)
    proc = subprocess.run(
        [
            *(sys.executable, "-c", LIMITED, str(64 * 1024), "--data-dir", str(data_dir)),
            *("answer", "set", str(aid), "T03", "配额已满" * 2000),
        ],
        env=_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("wjself: ") and "磁盘已满" in proc.stderr, proc.stderr
    clean_err(proc.stderr)
    assert snapshot(DataPaths(data_dir).database) == before
    ok = run_cli("--data-dir", data_dir, "answer", "set", aid, "T03", "配额解除后")
    assert ok.code == 0, ok.err
    tally()


# ---------------------------------------------------------------- read-only


@pytest.mark.reliability(
    fault="Read-only data folder",
    method="read-only bind mount (root) or chmod a-w; CLI list/set and in-process open",
)
def test_read_only_data_folder(data_dir: Path, run_cli) -> None:
    assert run_cli("template", "list").code == 0
    aid = prepared(DataPaths(data_dir))
    before = snapshot(DataPaths(data_dir).database)
    with read_only(data_dir):
        for args in (("assessment", "list"), ("answer", "set", aid, "T04", "只读时填写")):
            result = run_cli(*args)
            assert result.code == 2, result
            assert "只读" in result.err or "没有写入" in result.err, result.err
            assert str(data_dir) in result.err and "已损坏" not in result.err
            clean_err(result.err)
            tally()
        with pytest.raises(EnvironmentFault, match=r"只读|没有写入"):
            Workspace.open(DataPaths(data_dir))
        tally()
    assert snapshot(DataPaths(data_dir).database) == before
    ok = run_cli("answer", "set", aid, "T04", "恢复可写后填写")
    assert ok.code == 0, ok.err


@pytest.mark.reliability(
    fault="Read-only data folder",
    method="export target folder read-only: PDF, bundle, backup; nothing left behind",
)
def test_read_only_export_folder(data_dir: Path, tmp_path: Path) -> None:
    aid = prepared(DataPaths(data_dir))
    out = tmp_path / "out"
    out.mkdir()
    with Workspace.open(DataPaths(data_dir)) as ws:
        view = ws.assessments.view(aid)
        attempts: dict[str, Callable[[], object]] = {
            "pdf": lambda: write_pdf([view], out / "r.pdf", generated_at=WHEN, today=WHEN.date()),
            "bundle": lambda: export_bundle(view, out / "b.wjsa"),
            "backup": lambda: ws.backup_to(out / "copy.db"),
        }
        with read_only(out):
            for attempt in attempts.values():
                with pytest.raises(EnvironmentFault, match=r"只读|没有写入"):
                    attempt()
                tally()
        assert list(out.iterdir()) == []
        for attempt in attempts.values():
            attempt()
        assert sorted(p.name for p in out.iterdir()) == ["b.wjsa", "copy.db", "r.pdf"]


# ---------------------------------------------------------------- locks

HOLDER = textwrap.dedent(
    """
    import sqlite3, sys, time
    from pathlib import Path
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    conn.execute("UPDATE settings SET value = value")
    print("locked", flush=True)
    go = Path(sys.argv[2])
    while not go.exists():
        time.sleep(0.01)
    conn.execute("ROLLBACK")
    """
)


@pytest.mark.reliability(
    fault="Database locked by another program",
    method="another process holds BEGIN EXCLUSIVE; CLI write waits 5 s then refuses, reads work",
)
def test_write_lock_held_by_another_program(data_dir: Path, tmp_path: Path, run_cli) -> None:
    assert run_cli("template", "list").code == 0
    aid = prepared(DataPaths(data_dir))
    go = tmp_path / "go"
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(DataPaths(data_dir).database), str(go)],
        stdout=subprocess.PIPE,
        text=True,
    ) as locker:
        try:
            assert locker.stdout is not None and locker.stdout.readline().strip() == "locked"
            busy = run_cli("answer", "set", aid, "T05", "被锁时填写")
            assert busy.code == 2 and "数据库正忙" in busy.err, busy
            clean_err(busy.err)
            shown = run_cli("assessment", "show", aid)
            assert shown.code == 0 and "故障之前" in shown.out, shown.err
            tally(2)
        finally:
            go.touch()
            locker.wait(timeout=30)
    ok = run_cli("answer", "set", aid, "T05", "解锁后填写")
    assert ok.code == 0, ok.err


WINDOW = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from wjself.paths import DataPaths
    from wjself.store.lock import WindowLock
    lock = WindowLock(DataPaths(Path(sys.argv[1]))).acquire()
    print("held", flush=True)
    time.sleep(600)
    """
)


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
@pytest.mark.reliability(
    fault="Window lock held by another program",
    method="a window process holds the folder, then is SIGKILLed: refused while it lives, free after",
)
def test_window_lock_of_a_killed_window_is_not_stale(data_dir: Path) -> None:
    paths = DataPaths(data_dir)
    with subprocess.Popen(
        [sys.executable, "-c", WINDOW, str(data_dir)], stdout=subprocess.PIPE, text=True, env=_env()
    ) as window:
        try:
            assert window.stdout is not None and window.stdout.readline().strip() == "held"
            who = holder(paths)
            assert who is not None and who.pid == window.pid
            with pytest.raises(EnvironmentFault, match=f"进程 {window.pid}"):
                WindowLock(paths).acquire()
        finally:
            window.send_signal(signal.SIGKILL)
            window.wait(timeout=30)
    assert holder(paths) is None  # the OS released it with the process
    with WindowLock(paths) as lock:
        assert lock.held
    tally(2)
