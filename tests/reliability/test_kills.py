"""SIGKILL during every operation that writes: nothing half-done, nothing acknowledged lost.

A few runs of each operation here (the whole series in one child process, see ``killer``);
``stress/kill_runs.py`` runs hundreds.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest

from tests.conftest import _env
from tests.reliability.killer import OPERATIONS
from tests.reliability.plugin import tally

RUNS = 6

pytestmark = pytest.mark.skipif(os.name == "nt", reason="fork and SIGKILL are POSIX")

METHOD = {
    "answer-set": "SIGKILL at a random moment of `wjself answer set` (forked CLI)",
    "answer-import": "SIGKILL during `wjself answer import` of a 4-row CSV",
    "template-import": "SIGKILL during `wjself template import` of a JSON template",
    "finalize": "SIGKILL during `wjself assessment finalize`",
    "backup": "SIGKILL during `wjself backup -o FILE` (database and 12 evidence files)",
    "restore": "SIGKILL during `wjself restore FILE` (two whole backups with different "
    "evidence alternating; database and evidence old or new)",
    "pdf-export": "SIGKILL during `wjself report pdf` (forked CLI)",
    "bundle-export": "SIGKILL during `wjself bundle export` (forked CLI)",
    "narrative": "SIGKILL during `wjself assessment narrative ID --file` (four parts, one "
    "audit row each; one run's text or another's, never a mix)",
}


@pytest.fixture(scope="module")
def kills(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("kills")
    proc = subprocess.run(
        [
            *(sys.executable, "-m", "tests.reliability.killer"),
            *("--runs", str(RUNS), "--seed", "8", "--dir", str(folder)),
        ],
        env=_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    stats = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    return {s["operation"]: s for s in stats}


@pytest.mark.slow  # the kill runs, shared by all operations: ~25 s on one core
@pytest.mark.parametrize("operation", OPERATIONS)
def test_killed_operation_is_whole_or_absent(
    kills: dict[str, dict[str, Any]], operation: str, request: pytest.FixtureRequest
) -> None:
    request.applymarker(
        pytest.mark.reliability(fault="Process killed (SIGKILL)", method=METHOD[operation])
    )
    stats = kills[operation]
    assert stats["runs"] == RUNS
    assert stats["broken"] == [], stats
    assert stats["integrity"] == "ok"
    tally(stats["runs"])
