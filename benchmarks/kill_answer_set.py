"""``wjself answer set`` killed with SIGKILL at random moments, many times; prints the counts.

The longer run of ``tests/cli/test_durability.py``: every run writes a different item; a run
that exited 0 must have its answer in the database afterwards, and the database must pass
``PRAGMA integrity_check``.  Exits 1 if anything acknowledged was lost.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.helpers.crash import kill_runs

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", help="where to put the data folder (default: the temp folder)")
    args = parser.parse_args()
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("WJSELF_DATA_DIR", None)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        stats = kill_runs(Path(folder) / "data", args.runs, env, seed=args.seed)
    print(
        f"{stats.runs} runs in {time.perf_counter() - start:.0f} s (one run {stats.run_seconds:.2f} s): "
        f"{stats.killed} killed, {stats.acknowledged} acknowledged, "
        f"{stats.found_unacknowledged} saved but killed before acknowledging, "
        f"{len(stats.lost)} acknowledged answers lost, integrity_check: {stats.integrity}"
    )
    return 0 if not stats.lost and stats.integrity == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
