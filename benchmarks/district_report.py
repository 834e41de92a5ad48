"""Time of the district summary PDF; prints figures against the budget, exits 1 over it.

- 300 schools × 11 checklists (3,300 received assessments, plain figures as the district
  service gives them; one school in seven lacks a checklist): median of 3 runs, budget 15 s;
- the same for 30 schools beside it, to see how the time grows with the district.

Run from the repository root: ``python benchmarks/district_report.py`` (``--schools N``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.helpers.district_figures import make_figures  # noqa: E402
from wjself.report.district_pdf import _build  # noqa: E402
from wjself.report.district_rows import summarize  # noqa: E402

BUDGET_S = 15.0
RUNS = 3
WHEN = dt.datetime(2024, 12, 20, 10, 0, tzinfo=dt.UTC)


def timed(schools: int) -> tuple[float, int]:
    figures = make_figures(schools=schools, templates=11)
    totals = summarize(figures)
    times = []
    size = 0
    for _ in range(RUNS):
        out = io.BytesIO()
        start = time.perf_counter()
        _build(figures, totals, out, WHEN)
        times.append(time.perf_counter() - start)
        size = len(out.getvalue())
    return statistics.median(times), size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--schools", type=int, default=300)
    args = parser.parse_args()
    small, small_size = timed(30)
    print(f"district PDF, 30 schools × 11 checklists: {small:.2f} s ({small_size / 1024:.0f} KiB)")
    big, size = timed(args.schools)
    verdict = "ok" if big <= BUDGET_S else "OVER BUDGET"
    print(
        f"district PDF, {args.schools} schools × 11 checklists: {big:.2f} s "
        f"({size / 1024:.0f} KiB), budget {BUDGET_S:.0f} s: {verdict}"
    )
    return 0 if big <= BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
