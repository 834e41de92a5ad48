"""The bureau's window on a district's worth of received assessments (offscreen).

Builds (or reuses, ``--keep DIR``) a bureau folder holding the bundles of ``--schools`` schools
(default 300) × every bundled checklist for primary schools (11: 3,300 assessments): one demo
school made through the store, its finalized assessments varied per school
(``tests/helpers/district_schools.variants``), exported signed, imported with
``district.import_bundles``.  Then, in the real window, prints the median of several runs of:

- opening the Compare page (学校与得分: every current assessment listed, filter choices filled,
  the charts drawn) — budget ≤ 1 s;
- changing a filter (township, checklist, period, a school's name typed) until the list and the
  charts are redrawn — budget ≤ 200 ms each;
- the other tabs (items not met, rectifications, not sent yet) read for all schools, off the
  GUI thread (the window stays responsive) — shown beside, no budget;
- the plain query the list is built on (``list_received`` for everything), for comparison.

Exit 1 when a budget is exceeded.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtWidgets import QApplication

from tests.helpers.district_schools import (
    applicable_templates,
    make_schools,
    school_key,
    variants,
)
from wjself.app import begin, open_district_context
from wjself.district import DistrictFilter, import_bundles, list_received
from wjself.formats.bundle import export_bundle
from wjself.paths import DataPaths
from wjself.store.workspace import Workspace
from wjself.ui.application import create_application
from wjself.ui.district_compare import ComparePage
from wjself.ui.main_window import MainWindow
from wjself.ui.preferences import Preferences
from wjself.ui.prompts import Prompts

OPEN_BUDGET_MS = 1000.0
FILTER_BUDGET_MS = 200.0
RUNS = 7


def ms(seconds: float) -> float:
    return seconds * 1000.0


def build(root: Path, schools: int) -> Path:
    """A bureau folder with ``schools`` × the primary school's checklists received."""
    bureau = root / "bureau"
    if bureau.exists():
        return bureau
    started = time.perf_counter()
    with Workspace.open(DataPaths(root / "probe"), automatic_backup=False) as ws:
        from wjself.bundled import install_bundled_templates

        install_bundled_templates(ws)
        templates = tuple(applicable_templates(ws, ("小学",)))
    made = make_schools(root / "made", 1, templates, dt.date(2024, 12, 1))[0]
    bundles = root / "bundles"
    bundles.mkdir()
    rng = random.Random(17)
    with Workspace.open(DataPaths(made.folder), automatic_backup=False) as ws:
        views = [ws.assessments.view(aid) for aid in made.bundles]
    keys: dict[int, Ed25519PrivateKey] = {}  # one installation key per school, every checklist
    for view in views:
        for n, (school, varied) in enumerate(variants(view, range(schools), rng)):
            signer = school_key(n, keys)
            export_bundle(
                varied, bundles / f"{school.code}-{view.template.id}.wjsa", signing_key=signer
            )
    made_s = time.perf_counter() - started
    started = time.perf_counter()
    with open_district_context(begin(str(bureau))).district as dws:
        summary = import_bundles(dws, [bundles])
    print(
        f"made {len(list(bundles.iterdir()))} bundles in {made_s:.0f} s; imported "
        f"{len(summary.accepted)} (refused {len(summary.refused)}) in "
        f"{time.perf_counter() - started:.0f} s"
    )
    return bureau


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    QApplication.processEvents()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=300)
    parser.add_argument("--keep", type=Path, help="build the bureau folder here once and reuse it")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="wjself-district-view-"))
    bureau = build(root, args.schools)

    context = open_district_context(begin(str(bureau), window=True, district=True))
    app = create_application()
    window = MainWindow(context, Prompts(), Preferences(bureau))
    window.resize(1366, 768)
    window.show()
    QApplication.processEvents()
    everything = statistics.median(
        timed(lambda: list_received(context.district, DistrictFilter())) for _ in range(RUNS)
    )
    page = window.pages["district-compare"]
    assert isinstance(page, ComparePage)
    opening = []
    for _ in range(RUNS):
        window.show_page("district-receive")
        QApplication.processEvents()
        opening.append(timed(lambda: window.show_page("district-compare")))
    rows = page.model.rowCount()

    def choose(box_name: str) -> list[float]:
        box = getattr(page, box_name)
        times = []
        for n in range(RUNS):
            index = 1 + n % max(1, box.count() - 1)
            times.append(timed(lambda i=index: box.setCurrentIndex(i)))
            times.append(timed(lambda: box.setCurrentIndex(0)))
        return times

    filters = {
        "township": choose("township_box"),
        "checklist": choose("template_box"),
        "period": choose("period_box"),
    }
    typed = []
    for n in range(RUNS):
        page.search.setText(f"{n:03d}号")
        typed.append(timed(page.apply_filter))  # what the debounce calls once typing pauses
    page.search.clear()
    page.apply_filter()
    tabs = {}
    overview = page.overview
    for name, index in (("items not met", overview.failures_index),
                        ("rectifications", overview.rects_index),
                        ("not sent yet", overview.missing_index)):  # fmt: skip
        overview.setCurrentIndex(overview.charts_index)
        started = time.perf_counter()
        overview.setCurrentIndex(index)
        while overview.loading:  # read off the GUI thread; the window stays responsive
            QApplication.processEvents()
            time.sleep(0.005)
        tabs[name] = time.perf_counter() - started

    failed = False
    open_ms = ms(statistics.median(opening))
    print(f"{rows} current assessments received")
    print(f"list_received (everything, the query alone): {ms(everything):.0f} ms")
    print(f"open the Compare page: {open_ms:.0f} ms (budget ≤ {OPEN_BUDGET_MS:.0f} ms)")
    failed |= open_ms > OPEN_BUDGET_MS
    for name, times in {**filters, "school name typed": typed}.items():
        median, worst = ms(statistics.median(times)), ms(max(times))
        print(f"filter by {name}: median {median:.0f} ms, worst {worst:.0f} ms "
              f"(budget ≤ {FILTER_BUDGET_MS:.0f} ms)")  # fmt: skip
        failed |= median > FILTER_BUDGET_MS
    for name, seconds in tabs.items():
        print(f"tab {name}: {ms(seconds):.0f} ms until shown, read in the background (no budget)")
    window.close()
    context.close()
    app.processEvents()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
