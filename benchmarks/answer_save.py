"""Save one answer in-process a few hundred times; print p50 and p99 (budget p99 ≤ 50 ms).

Each save is what the window does when a person changes an answer: one write transaction
(BEGIN IMMEDIATE … COMMIT with synchronous=FULL, so it is on disk when it returns) holding
the answer, its audit row and the rectification entries, on an assessment of a 200-item
template that already has every answer filled in.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from answer_import import generated, rows

from wjself.core.assessment import AnswerRow
from wjself.core.school import School
from wjself.paths import DataPaths
from wjself.store import Workspace

BUDGET_P99_MS = 50.0
SAVES = 400
VALUES = ("符合", "基本符合", "不符合", "不适用")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", help="where to put the data folder (default: the temp folder)")
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--saves", type=int, default=SAVES)
    args = parser.parse_args()
    template = generated(args.items)
    compliance = [i.code for i in template.items() if i.kind.value == "compliance"]
    with (
        tempfile.TemporaryDirectory(dir=args.dir) as folder,
        Workspace.open(DataPaths(Path(folder)), automatic_backup=False) as ws,
    ):
        ws.templates.install(template)
        school = ws.schools.add(School(0, "性能测试学校", "3204120001", ("小学",)))
        aid = ws.assessments.new(school.id, template.id, None, "2024")
        filled = [AnswerRow(n, r[0], r[1], r[2]) for n, r in enumerate(rows(template)[1:], 2)]
        ws.answers.import_rows(aid, filled)
        times = []
        for n in range(args.saves):
            code = compliance[n % len(compliance)]
            start = time.perf_counter()
            ws.answers.set(aid, code, VALUES[n % len(VALUES)], note=f"第 {n} 次修改")
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p50 = statistics.median(times)
    p99 = times[min(len(times) - 1, round(0.99 * len(times)) - 1)]
    print(
        f"save one answer ({args.items}-item template, {args.saves} saves): "
        f"p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {times[-1]:.1f} ms, budget p99 {BUDGET_P99_MS:.0f} ms"
    )
    return 0 if p99 <= BUDGET_P99_MS else 1


if __name__ == "__main__":
    sys.exit(main())
