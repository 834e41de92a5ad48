"""Killing ``wjself answer set`` at random moments, shared by the test and ``benchmarks/``.

Each run sets a different item to a unique value in a fresh process and SIGKILLs it after a
random delay (up to a little longer than a whole run takes, so some runs finish).  A run that
exited 0 before the kill acknowledged its answer; afterwards every acknowledged answer must be
in the database and ``PRAGMA integrity_check`` must pass.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.helpers.factory import item, template
from wjself.core.school import School
from wjself.paths import DataPaths
from wjself.store import Workspace


@dataclass
class KillStats:
    """What a series of killed runs did and whether anything acknowledged was lost."""

    runs: int = 0
    acknowledged: int = 0
    killed: int = 0
    found_unacknowledged: int = 0  # killed after commit, before exit: saved but not acknowledged
    lost: list[str] = field(default_factory=list)
    integrity: str = ""
    run_seconds: float = 0.0


def prepare(data_dir: Path, items: int) -> int:
    """A data folder with a school and an assessment of ``items`` text items; returns its id."""
    with Workspace.open(DataPaths(data_dir)) as ws:
        t = template([item(f"T{i:04d}", "text") for i in range(items)], id="crash")
        ws.templates.install(t)
        school = ws.schools.add(School(0, "崩溃测试学校", "3204129999", ("小学",)))
        return ws.assessments.new(school.id, t.id, None, "2024")


def _command(data_dir: Path, aid: int, code: str, value: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "wjself",
        "--data-dir",
        str(data_dir),
        "answer",
        "set",
        str(aid),
        code,
        value,
    ]


def kill_runs(data_dir: Path, runs: int, env: dict[str, str], seed: int = 0) -> KillStats:
    if os.name == "nt":  # pragma: no cover - SIGKILL is POSIX
        raise RuntimeError("needs POSIX signals")
    rng = random.Random(seed)
    aid = prepare(data_dir, runs + 1)
    stats = KillStats()
    start = time.perf_counter()
    subprocess.run(
        _command(data_dir, aid, f"T{runs:04d}", "warm-up"), env=env, check=True, capture_output=True
    )
    stats.run_seconds = time.perf_counter() - start
    acknowledged: dict[str, str] = {}
    attempted: dict[str, str] = {}
    streak = 0
    for n in range(runs):
        code, value = f"T{n:04d}", f"第{n}次-{rng.getrandbits(32):08x}"
        attempted[code] = value
        began = time.perf_counter()
        proc = subprocess.Popen(
            _command(data_dir, aid, code, value),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        if n % 4 == 3:
            # Every fourth run is left to finish, so acknowledged answers exist however busy
            # the machine is; the others are killed at a random moment.
            proc.wait()
        else:
            # The bound follows the slowest whole run seen, so a machine that gets busier
            # while the test runs still lets some runs finish.
            time.sleep(rng.uniform(0.0, 1.3 * stats.run_seconds))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            stats.killed += 1
            streak += 1
            if streak >= 4:  # the machine is slower than the warm-up said
                stats.run_seconds *= 1.25
                streak = 0
        else:
            streak = 0
            stats.run_seconds = max(stats.run_seconds, time.perf_counter() - began)
        out, _err = proc.communicate()
        stats.runs += 1
        if proc.returncode == 0 and code in out.decode("utf-8", "replace"):
            acknowledged[code] = value
    stats.acknowledged = len(acknowledged)
    with Workspace.open(DataPaths(data_dir), automatic_backup=False) as ws:
        answers = ws.assessments.view(aid).answers
    for code, value in acknowledged.items():
        if code not in answers or answers[code].value != value:
            stats.lost.append(code)
    stats.found_unacknowledged = sum(
        1
        for code, value in attempted.items()
        if code not in acknowledged and code in answers and answers[code].value == value
    )
    with contextlib.closing(sqlite3.connect(DataPaths(data_dir).database)) as conn:
        stats.integrity = ";".join(str(r[0]) for r in conn.execute("PRAGMA integrity_check"))
    return stats
