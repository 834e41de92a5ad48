"""Hundreds of SIGKILLs across every operation that writes; prints the counts per operation.

The long run of ``tests/reliability/test_kills.py`` (same checks, see
``tests/reliability/killer.py``): answer set, answer import, template import, finalize,
backup, restore, PDF export and bundle export, each killed at random moments.  Exits 1 if any
promise broke (something acknowledged lost, half an operation stored, a half-written file
under its final name, a temp file not cleaned up, integrity_check failing).

    python stress/kill_runs.py --runs 100 --json docs/reliability.json

``--dir`` puts the data folders on a particular disk (default: the temp folder).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.reliability.killer import OPERATIONS, kill_runs, logging_off
from tests.reliability.plugin import record_source
from tests.reliability.test_kills import METHOD


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=100, help="kills per operation")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ops", default=",".join(OPERATIONS))
    parser.add_argument("--dir", help="where to put the data folders (default: temp folder)")
    parser.add_argument("--json", type=Path, help="record the counts here for the report")
    args = parser.parse_args()
    os.environ.pop("WJSELF_DATA_DIR", None)
    logging_off()
    rows = []
    failed = False
    start = time.perf_counter()
    print(
        f"{'operation':<16}{'runs':>6}{'killed':>8}{'acked':>7}{'durable,':>10}"
        f"{'not':>6}{'temp':>6}{'temp':>9}  integrity  broken"
    )
    print(f"{'':<16}{'':>6}{'':>8}{'':>7}{'unacked':>10}{'done':>6}{'left':>6}{'cleaned':>9}")
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        for operation in args.ops.split(","):
            root = Path(folder) / operation
            root.mkdir()
            s = kill_runs(operation, root, args.runs, args.seed)
            failed |= bool(s.broken)
            print(
                f"{operation:<16}{s.runs:>6}{s.killed:>8}{s.acknowledged:>7}"
                f"{s.done_unacknowledged:>10}{s.not_done:>6}{s.leftover_temp_files:>6}"
                f"{s.leftovers_cleaned:>9}  {s.integrity:<9}  {len(s.broken)}",
                flush=True,
            )
            for problem in s.broken[:5]:
                print(f"    {problem}")
            detail = (
                f"{s.killed} killed, {s.acknowledged} acknowledged and kept, "
                f"{s.done_unacknowledged} durable before the kill, {s.leftover_temp_files} temp "
                f"files left and {s.leftovers_cleaned} cleaned; one run {s.run_seconds:.2f} s"
            )
            rows.append(
                {
                    "fault": "Process killed (SIGKILL)",
                    "method": METHOD[operation] + " — stress",
                    "test": f"stress/kill_runs.py::{operation}",
                    "outcome": "failed" if s.broken else "passed",
                    "count": s.runs,
                    "detail": "; ".join(s.broken[:3]) if s.broken else detail,
                    "stats": asdict(s),
                }
            )
    print(f"{sum(r['count'] for r in rows)} kills in {time.perf_counter() - start:.0f} s")
    if args.json:
        record_source(
            args.json,
            "stress/kill_runs.py",
            rows,
            command="python stress/kill_runs.py " + " ".join(sys.argv[1:]),
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
