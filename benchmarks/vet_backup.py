"""Time the vetting a restore does before it replaces anything (``store.vet.vet_database``).

Two databases: the demo data folder as it is, and the same with its audit log grown to
``--audit`` rows (200,000 by default: years of busy use).  Prints the median of three runs of
each.  Budget: ≤ 3 s for the grown one (a restore is rare; a person waits for it).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wjself.cli.main import main as cli
from wjself.paths import DataPaths
from wjself.store.backup import online_backup
from wjself.store.vet import vet_database

BUDGET_S = 3.0


def timed(path: Path) -> float:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        problems = vet_database(path)
        times.append(time.perf_counter() - start)
        assert problems == [], problems[:3]
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--audit", type=int, default=200_000, help="audit rows in the grown copy")
    parser.add_argument("--dir", help="scratch folder (default: the temp folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as scratch:
        paths = DataPaths(Path(scratch) / "data")
        with contextlib.redirect_stdout(io.StringIO()):  # the demo prints its assessment ids
            if cli(["--data-dir", str(paths.root), "demo"]) != 0:
                return 1
        demo = Path(scratch) / "demo.db"
        online_backup(paths.database, demo)
        grown = Path(scratch) / "grown.db"
        grown.write_bytes(demo.read_bytes())
        with sqlite3.connect(grown) as conn:
            conn.execute(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
                " INSERT INTO audit_log (at, who, assessment_id, action, code, old, new)"
                " SELECT '2024-05-01T10:00:00+08:00', '王老师', 1, 'answer.set', 'A01', '符合',"
                " '基本符合' FROM n",
                (args.audit,),
            )
        conn.close()
        small = timed(demo)
        large = timed(grown)
    print(f"vet demo database ({demo.name}): {small * 1000:.0f} ms")
    print(f"vet with {args.audit:,} audit rows: {large:.2f} s (budget {BUDGET_S:.0f} s)")
    return 0 if large <= BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
