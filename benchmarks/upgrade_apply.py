"""Apply a template upgrade to a fully answered draft in the store, with its backup (≤ 2 s).

The draft has ``--items`` items (default 2,000), every one answered, notes on a quarter,
evidence on some, planned rectifications for the not-met ones; the new version rewords,
re-kinds, drops options from, removes and adds a share of the items (``tests/helpers/upgrade_kill.py``).
Prints the preview's time, the apply's time (the plan again inside the transaction, the
backup, the writes, rectifications) and the counts.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.helpers.upgrade_kill import NEW, prepare
from wjself.paths import DataPaths
from wjself.store import Workspace

BUDGET_S = 2.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dir", help="where to put the data folder (default: the temp folder)")
    args = parser.parse_args()
    previews, applies = [], []
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        golden = Path(folder) / "golden" / "data"
        golden.parent.mkdir()
        aid = prepare(golden, args.items)
        size = DataPaths(golden).database.stat().st_size
        for n in range(args.repeat):
            copy = Path(folder) / f"run{n}"
            shutil.copytree(golden, copy)
            with Workspace.open(DataPaths(copy), automatic_backup=False) as ws:
                start = time.perf_counter()
                plan = ws.upgrades.plan(aid, NEW)
                previews.append(time.perf_counter() - start)
                start = time.perf_counter()
                done = ws.upgrades.apply(aid, NEW, basis=plan.basis)
                applies.append(time.perf_counter() - start)
                assert done.plan.counts == plan.counts
    c = plan.counts
    best = min(applies)
    print(
        f"{args.items}-item draft, database {size / 1e6:.1f} MB: preview {min(previews):.2f} s, "
        f"apply {best:.2f} s (median {statistics.median(applies):.2f} s; budget {BUDGET_S:.0f} s); "
        f"carried {c.carried}, reconfirm {c.reconfirm}, set aside {c.set_aside}, removed "
        f"{c.removed} ({c.removed_evidence} evidence, {c.removed_rectifications} rectifications), "
        f"added {c.added_unanswered}"
    )
    return 0 if best <= BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
