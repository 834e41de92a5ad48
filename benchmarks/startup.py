"""Time wjself's start on the demo data against a bare PySide6 window.

All are whole processes started the same way, interleaved, several runs each:

- bare: a PySide6 program that shows a window and quits;
- shown: ``wjself`` until its window is on screen (the process quits at the first show; the
  window says it is opening the data folder) — the budgeted figure, ≤ 2.5× bare;
- ready: ``wjself --exit-after-startup``, until the window shows the user's data (database
  opened, pages built, the home page listing the demo's assessments); printed for the record.
  Importing SQLAlchemy alone costs about three bare windows, which is why the window shows
  first and the data follows.

The demo data folder is made first (``wjself demo``).  Exit 1 over budget.
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
BUDGET_RATIO = 2.5
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


def env(cache: Path) -> dict[str, str]:
    out = dict(os.environ)
    out["PYTHONPATH"] = str(REPO) + os.pathsep + out.get("PYTHONPATH", "")
    out.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Compiled once and reused, as in an installed program (kept out of the worktree).
    out.pop("PYTHONDONTWRITEBYTECODE", None)
    out["PYTHONPYCACHEPREFIX"] = str(cache)
    return out


def timed(command: list[str], environment: dict[str, str]) -> float:
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
        script = Path(folder) / "bare.py"
        script.write_text(BARE, "utf-8")
        first = Path(folder) / "first_show.py"
        first.write_text(FIRST_SHOW, "utf-8")
        environment = env(Path(folder) / "pycache")
        subprocess.run([sys.executable, "-m", "wjself", "--data-dir", str(data), "demo"],
                       env=environment, check=True, capture_output=True)  # fmt: skip
        commands = {
            "ready": [
                sys.executable,
                "-m",
                "wjself",
                "--data-dir",
                str(data),
                "--exit-after-startup",
            ],
            "shown": [sys.executable, str(first), "--data-dir", str(data)],
            "bare": [sys.executable, str(script)],
        }
        for command in commands.values():  # the first run takes the day's backup, warms caches
            timed(command, environment)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(timed(command, environment))
    median = {name: statistics.median(values) * 1000 for name, values in times.items()}
    shown_ratio = median["shown"] / median["bare"]
    print(
        f"bare PySide6 window:                          median {median['bare']:.0f} ms over {args.runs} runs"
    )
    print(
        f"wjself window on screen (opening the data):   median {median['shown']:.0f} ms  "
        f"ratio {shown_ratio:.2f}× (budget ≤ {BUDGET_RATIO}×)"
    )
    print(
        f"wjself --exit-after-startup (data shown):     median {median['ready']:.0f} ms  "
        f"ratio {median['ready'] / median['bare']:.2f}×"
    )
    return 1 if shown_ratio > BUDGET_RATIO else 0


if __name__ == "__main__":
    sys.exit(main())
