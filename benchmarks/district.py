"""The bureau's side at a district's scale: 3,300 bundles (300 schools × 11 checklists).

Generates the bundles through the real export (each school signs with its own key, every
fingerprint recomputed), then measures, side by side with the plain operations it builds on:

- ``bundle verify`` of one bundle, and a plain SQLite insert loop writing as many rows
  (bundles and their items, same durability, commits per 50 bundles);
- importing all 3,300 (budget ≤ 60 s) and the peak resident memory of a process importing
  330 vs one importing 3,300 (flat: budget ≤ 1.5×);
- the district view: opening the bureau folder and listing every current bundle (≤ 1 s), and
  each filter (≤ 200 ms, median of 5).

Run from the repository root: ``python benchmarks/district.py [--schools 300] [--dir DIR]``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.helpers.district_schools import (
    applicable_templates,
    make_schools,
    school_key,
    variants,
)
from wjself.core.assessment import AssessmentView
from wjself.core.errors import InputError
from wjself.district import (
    DistrictFilter,
    import_bundles,
    list_received,
    open_district,
)
from wjself.formats.bundle import export_bundle, verify_bundle
from wjself.paths import DataPaths
from wjself.store.workspace import Workspace

IMPORT_BUDGET_S = 60.0
OPEN_BUDGET_S = 1.0
FILTER_BUDGET_S = 0.2
MEMORY_RATIO = 1.5


def base_views(root: Path) -> list[AssessmentView]:
    """One demo-like school's finalized assessments of every checklist that concerns it."""
    probe = root / "probe"
    with Workspace.open(DataPaths(probe), automatic_backup=False) as ws:
        from wjself.bundled import install_bundled_templates

        install_bundled_templates(ws)
        templates = applicable_templates(ws, ("小学",))
    school = make_schools(root / "base", 1, tuple(templates), dt.date.today())[0]
    views = []
    with Workspace.open(DataPaths(school.folder), automatic_backup=False) as ws:
        for aid in school.bundles:
            with contextlib.suppress(InputError):
                views.append(ws.assessments.view(aid))
    return views


def generate(root: Path, schools: int) -> tuple[Path, int]:
    out = root / "incoming"
    out.mkdir()
    rng = random.Random(17)
    keys: dict[int, Ed25519PrivateKey] = {}
    count = 0
    for base in base_views(root):
        for school, view in variants(base, range(schools), rng):
            n = int(school.code[4:])
            target = out / f"{school.code}-{view.template.id}.wjsa"
            export_bundle(view, target, signing_key=school_key(n, keys))
            count += 1
    return out, count


def timed(run: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def plain_inserts(folder: Path, bundles: int, items: int) -> float:
    """As many rows as the import writes, by bare sqlite3 with the same settings."""
    path = folder / "plain.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE r (id INTEGER PRIMARY KEY, sha TEXT UNIQUE, code TEXT, score REAL)")
    conn.execute("CREATE TABLE a (id INTEGER PRIMARY KEY, r INTEGER, code TEXT, outcome TEXT)")
    start = time.perf_counter()
    for n in range(bundles):
        if n % 50 == 0:
            conn.execute("BEGIN IMMEDIATE")
        cur = conn.execute(
            "INSERT INTO r (sha, code, score) VALUES (?, ?, ?)", (f"{n:064d}", "x", 1.0)
        )
        conn.executemany(
            "INSERT INTO a (r, code, outcome) VALUES (?, ?, ?)",
            [(cur.lastrowid, f"A{i}", "met") for i in range(items)],
        )
        if n % 50 == 49 or n == bundles - 1:
            conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def import_in_child(incoming: Path, bureau: Path, count: int) -> tuple[float, float]:
    """Seconds and peak resident memory (MiB) of importing the first ``count`` bundles into a
    new bureau folder, in a fresh process (so each peak is its own)."""
    proc = subprocess.run(
        [sys.executable, __file__, "--child", str(incoming), str(bureau), str(count)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    seconds, peak = proc.stdout.split()
    return float(seconds), float(peak)


def child(incoming: Path, bureau: Path, count: int) -> int:
    files = sorted(incoming.glob("*.wjsa"))[:count]
    with open_district(bureau) as dws:
        elapsed, summary = timed(lambda: import_bundles(dws, files))
    assert not summary.refused, [x.line() for x in summary.refused[:3]]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"{elapsed} {peak}")
    return 0


def view_timings(bureau: Path) -> dict[str, float]:
    out: dict[str, float] = {}
    out["open + list all"], rows = timed(lambda: _open_and_list(bureau))
    print(f"  rows listed: {len(rows)}")
    filters = {
        "township": DistrictFilter(township="牛塘镇"),
        "stage": DistrictFilter(stage="小学"),
        "template": DistrictFilter(template_id="wj2024-canteen"),
        "period": DistrictFilter(period="2024"),
        "text": DistrictFilter(text="测试01"),
    }
    with open_district(bureau) as dws:
        for name, flt in filters.items():
            runs = [timed(lambda f=flt: list_received(dws, f))[0] for _ in range(5)]
            out[f"filter {name}"] = statistics.median(runs)
    return out


def _open_and_list(bureau: Path) -> list[Any]:
    with open_district(bureau, automatic_backup=False) as dws:
        return list_received(dws, DistrictFilter())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=300)
    parser.add_argument("--dir", type=Path, default=None, help="where the data folders go")
    parser.add_argument(
        "--child", nargs=3, metavar=("INCOMING", "BUREAU", "N"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        return child(Path(args.child[0]), Path(args.child[1]), int(args.child[2]))
    root = Path(tempfile.mkdtemp(prefix="wjself-district-", dir=args.dir))
    failed = False
    try:
        seconds, (incoming, count) = timed(lambda: generate(root, args.schools))
        files = sorted(incoming.glob("*.wjsa"))
        print(f"generated {count} signed bundles in {seconds:.1f} s ({root})")
        verify_s = statistics.median(timed(lambda: verify_bundle(files[0]))[0] for _ in range(20))
        items = 25  # about the mean number of items a checklist has
        plain_s = plain_inserts(root, count, items)
        tenth = max(1, len(files) // 10)
        small_s, small_peak = import_in_child(incoming, root / "bureau-tenth", tenth)
        import_s, peak = import_in_child(incoming, root / "bureau", len(files))
        print(f"{'bundle verify (one bundle, median of 20)':<48}{verify_s * 1000:8.1f} ms")
        print(f"{'plain SQLite inserts, same rows':<48}{plain_s:8.2f} s")
        print(
            f"{f'district import, {tenth} bundles':<48}{small_s:8.2f} s   peak RSS {small_peak:.0f} MiB"
        )
        print(f"{f'district import, {count} bundles':<48}{import_s:8.2f} s   peak RSS {peak:.0f} MiB"
              f"   (budget {IMPORT_BUDGET_S:.0f} s; per bundle {import_s / count * 1000:.1f} ms"
              f" = {import_s / count / verify_s:.1f}× one verify)")  # fmt: skip
        print(
            f"{'memory: peak of all / peak of a tenth':<48}{peak / small_peak:8.2f}×   (budget ≤ {MEMORY_RATIO}×)"
        )
        failed |= import_s > IMPORT_BUDGET_S or peak / small_peak > MEMORY_RATIO
        for name, seconds in view_timings(root / "bureau").items():
            budget = OPEN_BUDGET_S if name.startswith("open") else FILTER_BUDGET_S
            print(
                f"{'district view: ' + name:<48}{seconds * 1000:8.1f} ms   (budget {budget * 1000:.0f} ms)"
            )
            failed |= seconds > budget
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
