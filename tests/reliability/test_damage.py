"""A damaged database is detected at open, named, and the latest good backup offered with the
exact command that restores it; nothing is overwritten until that command is run."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
import shlex
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import _env
from tests.reliability.plugin import tally
from wjself.core.school import School
from wjself.paths import DataPaths
from wjself.store import Workspace, backup


def _garbage_in_pages(data: bytearray) -> bytearray:
    rng = random.Random(20240601)
    for page in range(2, len(data) // 4096, 3):
        for i in range(page * 4096, page * 4096 + 64):
            data[i] = rng.randrange(256)
    return data


def _header(data: bytearray) -> bytearray:
    data[0:16] = b"SQLite format 4\0"
    return data


def _future_format(data: bytearray) -> bytearray:
    data[18] = data[19] = 3  # read/write format versions no SQLite knows yet
    return data


DAMAGE: dict[str, Callable[[bytearray], bytearray]] = {
    "truncated to 1000 bytes": lambda d: d[:1000],
    "truncated to half": lambda d: d[: len(d) // 2],
    "random bytes over page headers": _garbage_in_pages,
    "magic header overwritten": _header,
    "file format from the future": _future_format,
}


def schools(database: Path) -> list[tuple[str, str]]:
    with contextlib.closing(sqlite3.connect(database)) as conn:
        return [tuple(r) for r in conn.execute("SELECT code, name FROM schools ORDER BY code")]


@pytest.fixture
def folder(data_dir: Path, cli) -> DataPaths:
    """A data folder with a good backup from yesterday and a damaged one from today."""
    assert cli("template", "list").code == 0
    paths = DataPaths(data_dir)
    with Workspace.open(paths, automatic_backup=False) as ws:
        for n in range(1, 120):
            ws.schools.add(School(0, f"损坏测试学校{n}", f"32041{n:05d}", ("小学",)))
    for old in paths.backups.glob("*.*"):
        old.unlink()
    good = backup.automatic_backup(paths, dt.datetime(2024, 5, 1, 8, 0))
    assert good is not None
    bad = backup.automatic_backup(paths, dt.datetime(2024, 5, 2, 8, 0))
    assert bad is not None
    bad.write_bytes(bytes(_garbage_in_pages(bytearray(bad.read_bytes()))))
    with Workspace.open(paths, automatic_backup=False) as ws:
        ws.schools.add(School(0, "备份之后新增", "3204199999", ("小学",)))
    return paths


@pytest.mark.parametrize("damage", DAMAGE)
def test_damaged_database_is_named_and_the_good_backup_offered(
    folder: DataPaths, cli, damage: str, request: pytest.FixtureRequest
) -> None:
    request.applymarker(
        pytest.mark.reliability(fault="Database damaged", method=f"{damage}; CLI opens it")
    )
    paths = folder
    good = paths.backups / "auto-20240501-080000.wjbak"
    damaged = bytes(DAMAGE[damage](bytearray(paths.database.read_bytes())))
    paths.database.write_bytes(damaged)

    refused = cli("assessment", "list")
    assert refused.code == 2, refused
    message = refused.err
    assert "已损坏" in message and str(paths.database) in message
    assert str(good) in message and "auto-20240502" not in message  # the damaged one is skipped
    assert paths.database.read_bytes() == damaged  # nothing touched
    tally()

    command = message.split("恢复命令：", 1)[1].split("（恢复前", 1)[0]
    argv = shlex.split(command)
    assert argv[:2] == ["wjself", "--data-dir"] and argv[3] == "restore"
    restored = cli(*argv[1:])
    assert restored.code == 0, restored.err
    assert cli("assessment", "list").code == 0
    with backup.database_in(good) as good_db:
        assert schools(paths.database) == schools(good_db)
    kept = list(paths.backups.glob("damaged-*.db"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    assert "damaged-" not in str(backup.latest_good_backup(paths))


@pytest.mark.reliability(fault="Database damaged", method="damaged, and no good backup at all")
def test_no_good_backup_says_so(folder: DataPaths, cli) -> None:
    for b in folder.backups.glob("*.*"):
        b.write_bytes(b"\0" * 4096)
    folder.database.write_bytes(bytes(_header(bytearray(folder.database.read_bytes()))))
    refused = cli("assessment", "list")
    assert refused.code == 2 and "没有找到完好的备份" in refused.err, refused
    assert "restore" not in refused.err
    tally()


@pytest.mark.reliability(
    fault="Database of another program",
    method="SQLite file of another application, with and without its own Alembic revision",
)
@pytest.mark.parametrize("revision", [None, "ae1027a6acf"])
def test_another_programs_database_is_not_ours(data_dir: Path, cli, revision: str | None) -> None:
    data_dir.mkdir(parents=True)
    database = DataPaths(data_dir).database
    with contextlib.closing(sqlite3.connect(database)) as conn, conn:
        conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)")
        if revision:
            conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
            conn.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
    before = database.read_bytes()
    refused = cli("assessment", "list")
    assert refused.code == 2 and "不是 wjself 数据库" in refused.err, refused
    assert "更新版本" not in refused.err
    assert database.read_bytes() == before
    tally()


KILLED_WRITER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from sqlalchemy import text
    from wjself.paths import DataPaths
    from wjself.store import Workspace

    paths, aid = DataPaths(Path(sys.argv[1])), int(sys.argv[2])
    with Workspace.open(paths, automatic_backup=False) as ws:
        for n in range(10):
            ws.answers.set(aid, f"T{n:04d}", f"已提交{n}")
        with ws._db.write() as s:
            for n in range(2000):
                s.execute(
                    text("INSERT INTO settings (key, value) VALUES (:k, :v)"),
                    {"k": f"half-{n}", "v": "x" * 500},
                )
            s.flush()
            os.kill(os.getpid(), signal.SIGKILL)
    """
)


def _writer_killed_mid_transaction(paths: DataPaths, aid: int) -> None:
    """A process that commits 10 answers, writes a big transaction and is killed before
    committing it (the killing is its own, so it lands exactly there)."""
    proc = subprocess.run(
        [sys.executable, "-c", KILLED_WRITER, str(paths.root), str(aid)],
        env=_env(),
        capture_output=True,
        check=False,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("lose_wal", [False, True], ids=["wal-kept", "wal-deleted"])
def test_killed_writer_and_a_deleted_wal(
    data_dir: Path, lose_wal: bool, request: pytest.FixtureRequest
) -> None:
    request.applymarker(
        pytest.mark.reliability(
            fault="Database damaged",
            method="writer killed mid-transaction, then its -wal "
            + ("deleted before the next open" if lose_wal else "kept (normal recovery)"),
        )
    )
    from tests.helpers.crash import prepare

    paths = DataPaths(data_dir)
    aid = prepare(data_dir, 20)
    _writer_killed_mid_transaction(paths, aid)
    wal = Path(str(paths.database) + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    if lose_wal:
        wal.unlink()
        Path(str(paths.database) + "-shm").unlink(missing_ok=True)
    with Workspace.open(paths) as ws:
        answers = ws.assessments.view(aid).answers
        history = {e.code for e in ws.assessments.history(aid) if e.action == "answer.set"}
        settings = ws.settings()
        # Whole transactions only: every stored answer has its audit row and the half-written
        # transaction left nothing.
        assert set(answers) == history
        assert not [k for k in settings if k.startswith("half-")]
        if not lose_wal:
            assert len(answers) == 10  # committed answers survive the kill
        ws.answers.set(aid, "T0019", "之后照常保存")
    with contextlib.closing(sqlite3.connect(paths.database)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    tally()


@pytest.mark.reliability(
    fault="Database damaged", method="what the window is told: the file and the backup to offer"
)
def test_the_fault_carries_the_file_and_the_backup_to_offer(folder: DataPaths) -> None:
    from wjself.store.faults import DatabaseDamaged

    damaged = bytes(_garbage_in_pages(bytearray(folder.database.read_bytes())))
    folder.database.write_bytes(damaged)
    with pytest.raises(DatabaseDamaged) as caught:
        Workspace.open(folder)
    fault = caught.value
    assert fault.path == folder.database and fault.detail
    assert fault.backup == folder.backups / "auto-20240501-080000.wjbak"  # the newest intact one
    assert folder.database.read_bytes() == damaged
    tally()
