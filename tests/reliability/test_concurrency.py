"""Several programs on one data folder at once: no corruption, no lost answer, clear refusals."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import _env
from tests.helpers.crash import prepare
from tests.reliability.plugin import tally
from wjself.paths import DataPaths
from wjself.store import Workspace, backup

# Runs command lines one after another in one process, each exactly as `wjself ARGS` would
# (main() with its own bootstrap), after waiting for the start signal; prints the exit codes.
COMMANDS = textwrap.dedent(
    """
    import contextlib, io, json, sys, time
    from pathlib import Path
    from wjself.cli.main import main
    commands, go = json.loads(sys.argv[1]), Path(sys.argv[2])
    while not go.exists():
        time.sleep(0.005)
    codes = []
    for argv in commands:
        err = io.StringIO()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            codes.append([main(argv), err.getvalue()])
    print(json.dumps(codes, ensure_ascii=False))
    """
)

WINDOW = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from wjself.app import bootstrap
    data, aid, first, count, go = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), Path(sys.argv[5])
    context = bootstrap(data, window=True)
    print("open", flush=True)
    while not go.exists():
        time.sleep(0.005)
    for n in range(first, first + count):
        context.workspace.answers.set(aid, f"T{n:04d}", f"窗口-{n}")
    sys.stdin.readline()  # stay open until told
    context.close()
    print("closed", flush=True)
    """
)


def start(commands: list[list[str]], go: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", COMMANDS, json.dumps(commands), str(go)],
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def results(proc: subprocess.Popen[str]) -> list[tuple[int, str]]:
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    return [(int(c), e) for c, e in json.loads(out)]


def integrity(path: Path) -> str:
    with (
        backup.database_in(path) as database,
        contextlib.closing(sqlite3.connect(database)) as conn,
    ):
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def set_commands(data: Path, aid: int, codes: range, tag: str) -> list[list[str]]:
    return [
        ["--data-dir", str(data), "answer", "set", str(aid), f"T{n:04d}", f"{tag}-{n}"]
        for n in codes
    ]


@pytest.mark.reliability(
    fault="Two programs on one data folder",
    method="two CLI processes: 12 `answer set` each plus a 20-row `answer import`, interleaved",
)
def test_two_command_lines_writing_at_once(data_dir: Path, tmp_path: Path, run_cli) -> None:
    aid = prepare(data_dir, 90)
    assert run_cli("template", "list").code == 0
    csv = tmp_path / "import.csv"
    csv.write_text(
        "code,value,note\n" + "".join(f"T{n:04d},导入-{n},批量\n" for n in range(50, 70)), "utf-8"
    )
    go = tmp_path / "go"
    one = start(
        [
            *set_commands(data_dir, aid, range(0, 12), "甲"),
            ["--data-dir", str(data_dir), "answer", "import", str(aid), str(csv)],
        ],
        go,
    )
    two = start(set_commands(data_dir, aid, range(12, 24), "乙"), go)
    go.touch()
    for proc in (one, two):
        for code, err in results(proc):
            assert code == 0, err
    with Workspace.open(DataPaths(data_dir), automatic_backup=False) as ws:
        answers = ws.assessments.view(aid).answers
        history = ws.assessments.history(aid)
    expected = {f"T{n:04d}": f"{'甲' if n < 12 else '乙'}-{n}" for n in range(24)}
    expected |= {f"T{n:04d}": f"导入-{n}" for n in range(50, 70)}
    assert {c: a.value for c, a in answers.items()} == expected
    assert sum(e.action == "answer.set" for e in history) == 24
    assert sum(e.action == "answer.import" for e in history) == 20
    assert integrity(DataPaths(data_dir).database) == "ok"
    tally(25)


@pytest.mark.reliability(
    fault="Two programs on one data folder",
    method="a window (lock + workspace) saving while CLIs save, back up, and try to restore",
)
def test_window_and_command_lines_together(data_dir: Path, tmp_path: Path, run_cli) -> None:
    aid = prepare(data_dir, 60)
    assert run_cli("template", "list").code == 0
    go = tmp_path / "go"
    copy = tmp_path / "copy.db"
    with subprocess.Popen(
        [sys.executable, "-c", WINDOW, str(data_dir), str(aid), "0", "30", str(go)],
        env=_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    ) as window:
        assert window.stdout is not None and window.stdout.readline().strip() == "open"
        cli = start(
            [
                *set_commands(data_dir, aid, range(30, 42), "命令行"),
                ["--data-dir", str(data_dir), "backup", "-o", str(copy)],
                ["--data-dir", str(data_dir), "restore", str(copy)],
            ],
            go,
        )
        go.touch()
        codes = results(cli)
        assert all(code == 0 for code, _ in codes[:-1]), codes
        restore_code, restore_err = codes[-1]
        assert restore_code == 2 and "已在另一个 wjself 窗口中打开" in restore_err, restore_err
        assert window.stdin is not None
        window.stdin.write("\n")
        window.stdin.flush()
        out, err = window.communicate(timeout=120)
        assert window.returncode == 0 and "closed" in out, err
    with Workspace.open(DataPaths(data_dir), automatic_backup=False) as ws:
        answers = ws.assessments.view(aid).answers
    assert {c: a.value for c, a in answers.items()} == {
        f"T{n:04d}": (f"窗口-{n}" if n < 30 else f"命令行-{n}") for n in range(42)
    }
    assert integrity(copy) == "ok"
    assert integrity(DataPaths(data_dir).database) == "ok"
    tally(44)


@pytest.mark.slow  # ~25 s on one core
@pytest.mark.reliability(
    fault="Two programs on one data folder",
    method="CLI restore while another CLI process keeps saving answers",
)
def test_restore_while_another_program_writes(data_dir: Path, tmp_path: Path, run_cli) -> None:
    aid = prepare(data_dir, 80)
    assert run_cli("template", "list").code == 0
    copy = tmp_path / "copy.db"
    assert run_cli("backup", "-o", copy).code == 0
    go = tmp_path / "go"
    writer = start(set_commands(data_dir, aid, range(0, 24), "写入"), go)
    restorer = start([["--data-dir", str(data_dir), "restore", str(copy)] for _ in range(2)], go)
    go.touch()
    for code, err in results(writer) + results(restorer):
        assert code == 0, err
    with Workspace.open(DataPaths(data_dir), automatic_backup=False) as ws:
        answers = ws.assessments.view(aid).answers
        history = {e.code: e.new for e in ws.assessments.history(aid) if e.action == "answer.set"}
    # What the writer saved after the last restore is there, whole; earlier saves were
    # replaced by the backup, as restoring means.
    assert all(a.value == f"写入-{int(c[1:])}" for c, a in answers.items())
    assert set(answers) == set(history)
    assert integrity(DataPaths(data_dir).database) == "ok"
    tally(26)
