"""Open a 500-item section in the real window (offscreen) and time what a person waits for.

Prints the median of several runs of:

- showing the 500-item section (switching to it from a small one: the list filled, the first
  item's detail shown, laid out and painted) — budget ≤ 200 ms;
- opening the assessment from scratch (reading it through the services, scoring, first paint);
- scrolling the list a page at a time (p95 of a repaint) — budget ≤ 33 ms (two frames at 60 Hz);
- answering an item with a key in the 500-item section (stored, re-scored, list and detail
  updated) — budget ≤ 100 ms;
- storing a note as the debounce does (p50 / p99), which never runs on a keystroke.

Exit 1 when a budget is exceeded.  ``--dir`` puts the data folder on a given disk.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from wjself.app import bootstrap
from wjself.core.assessment import AnswerRow
from wjself.core.school import School, normalize_facts
from wjself.core.targets import Target
from wjself.core.template import Item, Kind, Section, Template
from wjself.ui.application import create_application
from wjself.ui.main_window import MainWindow
from wjself.ui.preferences import Preferences
from wjself.ui.prompts import Prompts
from wjself.ui.walkthrough import WalkthroughPage

BIG = 500
SECTION_BUDGET_MS = 200.0
SCROLL_BUDGET_MS = 33.0
ANSWER_BUDGET_MS = 100.0
RUNS = 15


def checklist() -> Template:
    kinds = (Kind.COMPLIANCE,) * 8 + (Kind.YES_NO, Kind.PERCENT)
    big = []
    for n in range(BIG):
        kind = kinds[n % len(kinds)]
        big.append(
            Item(
                code=f"A{n + 1:03d}",
                text=f"第{n + 1}项：学校建立安全隐患排查台账，按月开展排查并落实整改责任人、整改措施和完成时限，整改后复查销号。",
                kind=kind,
                method="查阅台账；现场抽查 2 处",
                evidence="隐患排查台账、整改记录",
                clause="§21",
                target=Target(">=", 90.0) if kind is Kind.PERCENT else None,
                required=n % 4 == 0,
            )
        )
    small = [
        Item(code=f"B{n + 1:02d}", text=f"第{n + 1}项：其他要求。", kind=Kind.COMPLIANCE)
        for n in range(10)
    ]
    return Template(
        id="bench-ui",
        version="1",
        title="性能测试检查表",
        sections=(
            Section("A", "一、大型部分", tuple(big)),
            Section("B", "二、小型部分", tuple(small)),
        ),
    )


def ms(seconds: float) -> float:
    return seconds * 1000.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", help="where to put the data folder (default: the temp folder)")
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args()
    app = create_application()
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        context = bootstrap(folder, window=True)
        try:
            ws = context.workspace
            ws.templates.install(checklist())
            school = ws.schools.add(
                School(0, "性能测试学校", "3204120001", ("小学",), facts=normalize_facts({}))
            )
            aid = ws.assessments.new(school.id, "bench-ui", None, "2024")
            # A third answered, as in the middle of the week's work.
            rows = [
                AnswerRow(n, f"A{n + 1:03d}", "符合" if n % 9 else "基本符合")
                for n in range(0, BIG, 3)
                if n % 10 < 8
            ]
            ws.answers.import_rows(aid, rows, "benchmark")
            window = MainWindow(context, Prompts(), Preferences(context.paths.root))
            window.resize(1500, 950)
            window.show()
            app.processEvents()
            page = window.pages["walkthrough"]
            assert isinstance(page, WalkthroughPage)
            figures = measure(app, window, page, aid, args.runs)
            window.close()
            # Qt objects go before the interpreter finalizes, in Qt's order, not the GC's.
            window.deleteLater()
            del page, window
            app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            gc.collect()
        finally:
            context.close()
    section = statistics.median(figures["section"])
    opening = statistics.median(figures["open"])
    scroll = sorted(figures["scroll"])[int(0.95 * (len(figures["scroll"]) - 1))]
    answer = statistics.median(figures["answer"])
    notes = sorted(figures["note"])
    note_p50 = statistics.median(notes)
    note_p99 = notes[min(len(notes) - 1, round(0.99 * len(notes)) - 1)]
    print(
        f"show a {BIG}-item section: median {section:.1f} ms over {args.runs} runs (budget ≤ {SECTION_BUDGET_MS:.0f} ms)"
    )
    print(f"open the assessment from scratch: median {opening:.1f} ms")
    print(
        f"scroll the list a page at a time: p95 {scroll:.1f} ms per repaint (budget ≤ {SCROLL_BUDGET_MS:.0f} ms)"
    )
    print(
        f"answer an item with a key in that section: median {answer:.1f} ms (budget ≤ {ANSWER_BUDGET_MS:.0f} ms)"
    )
    print(
        f"store a note (debounced, off the keystroke path): p50 {note_p50:.1f} ms, p99 {note_p99:.1f} ms"
    )
    over = section > SECTION_BUDGET_MS or scroll > SCROLL_BUDGET_MS or answer > ANSWER_BUDGET_MS
    return 1 if over else 0


def measure(
    app: QApplication, window: MainWindow, page: WalkthroughPage, aid: int, runs: int
) -> dict[str, list[float]]:
    figures: dict[str, list[float]] = {
        "section": [],
        "open": [],
        "scroll": [],
        "answer": [],
        "note": [],
    }
    for _ in range(runs):
        start = time.perf_counter()
        page.open_assessment(aid)
        window.show_page("walkthrough")
        app.processEvents()
        page.repaint()
        figures["open"].append(ms(time.perf_counter() - start))
    for _ in range(runs):
        page.step_section(1)  # the small section
        app.processEvents()
        start = time.perf_counter()
        page._select_section(1)  # the 500 items
        app.processEvents()
        page.repaint()
        figures["section"].append(ms(time.perf_counter() - start))
        assert page.item_model.rowCount() == BIG
    bar = page.items.verticalScrollBar()
    step = max(1, bar.pageStep())
    for value in range(0, bar.maximum() + step, step):
        start = time.perf_counter()
        bar.setValue(min(value, bar.maximum()))
        page.items.viewport().repaint()
        figures["scroll"].append(ms(time.perf_counter() - start))
    page.focus_items()
    compliance = [f"A{n + 1:03d}" for n in range(BIG) if n % 10 < 8 and n % 3]  # unanswered ones
    for n in range(runs):
        page.jump_to(compliance[n * 7])
        app.processEvents()
        start = time.perf_counter()
        QTest.keyClick(page.items, Qt.Key.Key_1 if n % 2 else Qt.Key.Key_2)
        app.processEvents()
        figures["answer"].append(ms(time.perf_counter() - start))
    page.jump_to("A002")
    for n in range(runs * 4):
        page.detail.note.setPlainText(f"第 {n} 次修改：台账记录不完整")
        start = time.perf_counter()
        page.detail.flush_note()
        figures["note"].append(ms(time.perf_counter() - start))
    return figures


if __name__ == "__main__":
    sys.exit(main())
