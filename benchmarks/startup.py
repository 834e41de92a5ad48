"""Time ``wjself --exit-after-startup`` on the demo data against a bare PySide6 window.

Both are whole processes started the same way, interleaved, several runs each; the figure is
the ratio of the medians (budget ≤ 2.5×): what wjself adds to what any PySide6 program pays
(Python, Qt, the platform plugin, fonts).  The demo data folder is made first (``wjself demo``),
so the window opens on eleven assessments.  Exit 1 over budget.
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
        environment = env(Path(folder) / "pycache")
        subprocess.run([sys.executable, "-m", "wjself", "--data-dir", str(data), "demo"],
                       env=environment, check=True, capture_output=True)  # fmt: skip
        ours = [sys.executable, "-m", "wjself", "--data-dir", str(data), "--exit-after-startup"]
        bare = [sys.executable, str(script)]
        timed(ours, environment)  # the first run takes the day's backup and warms the caches
        timed(bare, environment)
        wjself_times, bare_times = [], []
        for _ in range(args.runs):
            wjself_times.append(timed(ours, environment))
            bare_times.append(timed(bare, environment))
    ours_median = statistics.median(wjself_times) * 1000
    bare_median = statistics.median(bare_times) * 1000
    ratio = ours_median / bare_median
    print(
        f"wjself --exit-after-startup (demo data): median {ours_median:.0f} ms over {args.runs} runs"
    )
    print(f"bare PySide6 window:                     median {bare_median:.0f} ms")
    print(f"ratio {ratio:.2f}× (budget ≤ {BUDGET_RATIO}×)")
    return 1 if ratio > BUDGET_RATIO else 0


if __name__ == "__main__":
    sys.exit(main())
