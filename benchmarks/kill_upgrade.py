"""``wjself assessment upgrade`` killed with SIGKILL at random moments, many times; prints counts.

The longer run of the kill test in ``tests/cli/test_durability.py``: each run upgrades a copy of
a fully answered draft (``--items`` items, every kind of change) in a fresh process and is
killed at a random moment, two runs in three while the upgrade's transaction is under way.  The
assessment must be entirely on the old or entirely on the new version afterwards and the
database must pass ``PRAGMA integrity_check``; exits 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.helpers.upgrade_kill import kill_runs

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", help="where to put the data folders (default: the temp folder)")
    args = parser.parse_args()
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("WJSELF_DATA_DIR", None)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        stats = kill_runs(Path(folder), args.runs, env, items=args.items, seed=args.seed)
    print(
        f"{stats.runs} upgrades of a {stats.items}-item draft in {time.perf_counter() - start:.0f} s "
        f"(one run {stats.run_seconds:.2f} s, of which {stats.transaction_seconds:.2f} s from the "
        f"backup to the end): {stats.killed} killed; {stats.old} left on the old version "
        f"({stats.killed_after_backup} of them killed inside the transaction), {stats.new} on "
        f"the new one; {len(stats.mixed)} mixed; integrity_check failures: "
        f"{len(stats.bad_integrity)}; exit codes {stats.exit_codes}"
    )
    return 0 if not stats.mixed and not stats.bad_integrity else 1


if __name__ == "__main__":
    sys.exit(main())
