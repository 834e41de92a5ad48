"""Durability across processes: SIGKILL mid-save, two writers at once, a second window."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import _env
from tests.helpers.crash import kill_runs, prepare
from tests.reliability.plugin import tally
from wjself.paths import DataPaths
from wjself.store import Workspace
from wjself.store.lock import WindowLock


@pytest.mark.slow
@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
@pytest.mark.reliability(
    fault="Process killed (SIGKILL)",
    method="SIGKILL at a random moment of a whole `python -m wjself answer set` process",
)
def test_answer_set_killed_at_random_moments_loses_nothing_acknowledged(data_dir: Path) -> None:
    # Fewer runs than before: tests/reliability/test_kills.py kills this and seven more
    # operations in forked children; this one keeps whole `python -m wjself` processes.
    stats = kill_runs(data_dir, runs=16, env=_env(), seed=20240501)
    assert stats.runs == 16
    assert stats.killed > 0 and stats.acknowledged > 0, stats  # both kinds of run happened
    assert stats.lost == [], stats
    assert stats.integrity == "ok"
    tally(stats.runs)


WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from wjself.paths import DataPaths
    from wjself.store import Workspace

    data, aid, first, count, go = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), Path(sys.argv[5])
    with Workspace.open(DataPaths(Path(data)), automatic_backup=False) as ws:
        while not go.exists():
            time.sleep(0.005)
        for n in range(first, first + count):
            ws.answers.set(aid, f"T{n:04d}", f"process-{first}-{n}")
    print("done")
    """
)


@pytest.mark.reliability(
    fault="Two programs on one data folder",
    method="two processes saving 60 answers each at once (store tests)",
)
def test_two_processes_writing_at_once_lose_no_answer(data_dir: Path, tmp_path: Path) -> None:
    aid = prepare(data_dir, 120)
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(data_dir), str(aid), str(first), "60", str(go)],
            env=_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for first in (0, 60)
    ]
    go.touch()
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0 and out.strip() == "done", err
    with Workspace.open(DataPaths(data_dir), automatic_backup=False) as ws:
        answers = ws.assessments.view(aid).answers
        history = ws.assessments.history(aid)
    assert len(answers) == 120
    assert all(
        answers[f"T{n:04d}"].value == f"process-{0 if n < 60 else 60}-{n}" for n in range(120)
    )
    assert sum(e.action == "answer.set" for e in history) == 120


@pytest.mark.reliability(
    fault="Window lock held by another program",
    method="second window and CLI restore while a window holds the folder",
)
def test_second_window_is_told_who_has_the_folder(data_dir: Path, tmp_path: Path, run_cli) -> None:
    prepare(data_dir, 3)
    with Workspace.open(DataPaths(data_dir), automatic_backup=False) as ws:
        copy = ws.backup_to(tmp_path / "copy.db")
    with WindowLock(DataPaths(data_dir)):
        result = run_cli("--exit-after-startup")
        assert result.code == 2, result.err
        assert "已在另一个 wjself 窗口中打开" in result.err
        assert f"进程 {os.getpid()}" in result.err and "Traceback" not in result.err
        # The command line works beside an open window …
        ok = run_cli("answer", "set", "1", "T0000", "窗口打开时填写")
        assert ok.code == 0, ok.err
        # … but restore refuses.
        refused = run_cli("restore", copy)
        assert refused.code == 2 and "已在另一个 wjself 窗口中打开" in refused.err, refused.err
    with Workspace.open(DataPaths(data_dir), automatic_backup=False) as ws:
        assert ws.answers.get(1, "T0000").value == "窗口打开时填写"


@pytest.mark.reliability(
    fault="Two programs on one data folder", method="three CLIs creating the database at once"
)
def test_commands_starting_at_once_on_a_new_folder(data_dir: Path) -> None:
    """Several programs creating the database at once: one migrates, the others wait for it."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "wjself", "template", "list", "--json"],
            env=_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert "wj2024-safety" in [t["id"] for t in json.loads(out)]


@pytest.mark.slow
@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
@pytest.mark.reliability(
    fault="Process killed (SIGKILL)",
    method="SIGKILL at a random moment of a whole `wjself assessment upgrade` process "
    "(two kills in three once its backup exists); the draft is all old or all new",
)
def test_assessment_upgrade_killed_at_random_moments_is_all_old_or_all_new(tmp_path: Path) -> None:
    from tests.helpers.upgrade_kill import kill_runs as kill_upgrades

    stats = kill_upgrades(tmp_path / "work", runs=6, env=_env(), items=200, seed=20240520)
    assert stats.runs == 6 and stats.killed > 0, stats
    assert stats.mixed == [], stats  # never part old, part new
    assert stats.bad_integrity == [], stats
    assert stats.old + stats.new == stats.runs
    tally(stats.runs)
