"""Time wjself's start on the demo data against a bare PySide6 window, whole processes.

All are whole processes started the same way, interleaved, several runs each:

- bare: a PySide6 program that shows a window and quits;
- shown: ``wjself`` until its window is on screen (the process quits at the first show) —
  budget ≤ 2.5× bare;
- data: ``wjself`` until the home page lists the demo school's assessments (the process quits
  once the rows are painted) — **the user's data on screen, budget ≤ 4× bare**.  A normal start:
  the window closed last time, nothing wrote the database since, so the home page shows the
  last session's figures (``wjself.store.glance``) while the store opens;
- data, cold: the same with no glance (the database was changed by the command line since the
  window last closed, or a first start): the rows wait for SQLAlchemy and the store;
- ready: ``wjself --exit-after-startup``, until every page is built on the opened store.

The demo data folder is made first (``wjself demo``) and opened once by the window (which
writes the glance).  Exit 1 over a budget.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHOWN_BUDGET = 2.5
DATA_BUDGET = 4.0
RUNS = 7

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("hello"))
window.resize(1200, 800)
window.show()
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
"""

# Runs wjself but quits the moment its main window has been shown (what a person sees first).
FIRST_SHOW = """
import os, sys
from PySide6.QtCore import QTimer
import wjself.ui.main_window as main_window
shown = main_window.MainWindow.showEvent
def quit_when_shown(self, event):
    shown(self, event)
    QTimer.singleShot(0, lambda: os._exit(0))
main_window.MainWindow.showEvent = quit_when_shown
from wjself.cli.main import main
sys.exit(main(sys.argv[1:]))
"""

# Runs wjself but quits once the home page's table holds rows and the window has painted them.
FIRST_DATA = """
import os, sys
from PySide6.QtCore import QTimer
import wjself.ui.home as home
import wjself.ui.main_window as main_window
def done(window):
    window.repaint()  # paints now; processEvents would also run the store's opening, queued next
    os._exit(0)
def check(window):
    page = window.pages.get("home")
    if window.isVisible() and page is not None and page.model.rowCount():
        QTimer.singleShot(0, lambda: done(window))
show = home.HomePage._show
def listed(self):
    show(self)
    check(self.window_)
home.HomePage._show = listed
shown = main_window.MainWindow.showEvent
def on_show(self, event):
    shown(self, event)
    check(self)
main_window.MainWindow.showEvent = on_show
from wjself.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


def env(cache: Path) -> dict[str, str]:
    out = dict(os.environ)
    out["PYTHONPATH"] = str(REPO) + os.pathsep + out.get("PYTHONPATH", "")
    out.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Compiled once and reused, as in an installed program (kept out of the worktree).
    out.pop("PYTHONDONTWRITEBYTECODE", None)
    out["PYTHONPYCACHEPREFIX"] = str(cache)
    return out


def timed(command: list[str], environment: dict[str, str], before: Path | None = None) -> float:
    if before is not None:  # the cold start: no glance of the last session
        before.unlink(missing_ok=True)
    start = time.perf_counter()
    subprocess.run(command, env=environment, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--dir", help="where to put the data folder (default: the temp folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        data = Path(folder) / "data"
        cold = Path(folder) / "cold"
        environment = env(Path(folder) / "pycache")
        scripts = {}
        for name, text in (("bare", BARE), ("shown", FIRST_SHOW), ("data", FIRST_DATA)):
            scripts[name] = Path(folder) / f"{name}.py"
            scripts[name].write_text(text, "utf-8")
        for target in (data, cold):
            subprocess.run([sys.executable, "-m", "wjself", "--data-dir", str(target), "demo"],
                           env=environment, check=True, capture_output=True)  # fmt: skip
        ready = [sys.executable, "-m", "wjself", "--data-dir", str(data), "--exit-after-startup"]
        commands: dict[str, tuple[list[str], Path | None]] = {
            "bare": ([sys.executable, str(scripts["bare"])], None),
            "shown": ([sys.executable, str(scripts["shown"]), "--data-dir", str(data)], None),
            "data": ([sys.executable, str(scripts["data"]), "--data-dir", str(data)], None),
            "cold": (
                [sys.executable, str(scripts["data"]), "--data-dir", str(cold)],
                cold / "glance.json",
            ),
            "ready": (ready, None),
        }
        # The first runs take the day's backup, write the glance, warm the caches.
        timed(ready, environment)
        for command, before in commands.values():
            timed(command, environment, before)
        if not (data / "glance.json").is_file():
            print("the window wrote no glance.json: the 'data' figure would be a cold start")
            return 1
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, (command, before) in commands.items():
                times[name].append(timed(command, environment, before))
    median = {name: statistics.median(values) * 1000 for name, values in times.items()}
    ratio = {name: value / median["bare"] for name, value in median.items()}
    rows = (
        ("bare", "bare PySide6 window", None),
        ("shown", "wjself window on screen", SHOWN_BUDGET),
        ("data", "wjself home page lists the data", DATA_BUDGET),
        ("cold", "  … cold (no glance: store first)", None),
        ("ready", "wjself --exit-after-startup (all pages)", None),
    )
    over = False
    print(f"medians of {args.runs} interleaved runs, whole processes")
    for name, text, budget in rows:
        line = f"{text:<42} {median[name]:6.0f} ms  {ratio[name]:5.2f}× bare"
        if budget is not None:
            line += f"  (budget ≤ {budget}×)"
            over = over or ratio[name] > budget
        print(line)
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
