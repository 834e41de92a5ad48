"""Regenerate the screenshots in docs/screenshots from the demo data, with the real platform plugin.

    xvfb-run -a -s "-screen 0 1600x1000x24" python scripts/screenshots.py [--only home,walkthrough]

Without --only it then runs scripts/screenshots_pages.py (wizard, templates, rectifications,
settings), which starts from an empty data folder.

Each shot is a function in SHOTS that puts the window in a state and returns the image; add a
page's shot by adding a function there.  The data folder is a fresh temporary one with
``wjself demo`` in it, so the pictures show what a new user sees after trying the demo.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtWidgets import QApplication

from wjself.app import Context, bootstrap
from wjself.core.assessment import Status
from wjself.core.scoring import Outcome
from wjself.demo import create_demo
from wjself.ui.application import create_application
from wjself.ui.home import HomePage
from wjself.ui.main_window import MainWindow
from wjself.ui.preferences import Preferences
from wjself.ui.prompts import Prompts
from wjself.ui.walkthrough import WalkthroughPage

REPO = Path(__file__).resolve().parent.parent
SIZE = (1440, 900)


def settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def window_image(app: QApplication, window: MainWindow) -> QImage:
    """The window as it is on screen, with any dialog over it."""
    settle(app)
    screen = QGuiApplication.primaryScreen()
    frame: QRect = window.frameGeometry()
    return screen.grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height()).toImage()


def shot_home(app: QApplication, window: MainWindow, context: Context) -> QImage:
    window.show_page("home")
    home = window.pages["home"]
    assert isinstance(home, HomePage)
    home.refresh()
    drafts = [s.id for s in home.records() if s.status is Status.DRAFT]
    home.select_ids(drafts[-1:])
    home.table.setFocus()
    return window_image(app, window)


def _safety(context: Context) -> int:
    found = [s for s in context.workspace.assessments.list() if s.template_id == "wj2024-safety"]
    return found[0].id


def shot_walkthrough(app: QApplication, window: MainWindow, context: Context) -> QImage:
    page = window.pages["walkthrough"]
    assert isinstance(page, WalkthroughPage)
    aid = _safety(context)
    page.open_assessment(aid)
    window.show_page("walkthrough")
    session = page.session
    failing = [c for c, r in session.score.items.items() if r.outcome is Outcome.NOT_MET]
    code = next((c for c in failing if session.answer(c) and session.answer(c).note), failing[0])
    page._select_section(session.section_index(code) + 1)
    page.jump_to(code)
    page.detail.set_guidance_open(True)
    page.detail_scroll.verticalScrollBar().setValue(0)
    return window_image(app, window)


def shot_finish(app: QApplication, window: MainWindow, context: Context) -> QImage:
    page = window.pages["walkthrough"]
    assert isinstance(page, WalkthroughPage)
    aid = _safety(context)
    ws = context.workspace
    # Leave two required items open and one 不符合 without a plan, as mid-week.
    template = ws.assessments.template(aid)
    required = [i.code for i in template.items() if i.required and i.kind.value == "compliance"]
    for code in required[3:5]:
        ws.answers.clear(aid, code)
    page.open_assessment(aid)
    window.show_page("walkthrough")
    dialog = page.finish()
    assert dialog is not None
    dialog.resize(660, 400)
    settle(app)
    image = modal(window.grab().toImage(), dialog.grab().toImage(), dialog.windowTitle())
    dialog.reject()
    return image


def modal(behind: QImage, dialog: QImage, title: str) -> QImage:
    """A dialog over its dimmed window, framed as a window manager would (Xvfb has none)."""
    result = behind.convertToFormat(QImage.Format.Format_ARGB32)
    painter = QPainter(result)
    painter.fillRect(result.rect(), QColor(0, 0, 0, 70))
    bar = 32
    x = (result.width() - dialog.width()) // 2
    y = (result.height() - dialog.height() - bar) // 2
    frame = QRect(x - 1, y - 1, dialog.width() + 2, dialog.height() + bar + 2)
    for n in range(8, 0, -1):  # a soft shadow
        painter.fillRect(frame.adjusted(-n, -n + 4, n, n + 4), QColor(0, 0, 0, 10))
    painter.fillRect(frame, QColor("#8a94a3"))
    painter.fillRect(QRect(x, y, dialog.width(), bar), QColor("#f3f5f8"))
    painter.setPen(QColor("#263238"))
    painter.drawText(
        QRect(x + 12, y, dialog.width() - 24, bar), Qt.AlignmentFlag.AlignVCenter, title
    )
    painter.drawImage(x, y + bar, dialog)
    painter.end()
    return result


SHOTS: dict[str, Callable[[QApplication, MainWindow, Context], QImage]] = {
    "home": shot_home,
    "walkthrough": shot_walkthrough,
    "finish": shot_finish,
}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", default=str(REPO / "docs" / "screenshots"))
    parser.add_argument("--only", help="comma-separated shot names: " + ", ".join(SHOTS))
    args = parser.parse_args()
    os.environ.setdefault("WJSELF_USER", "李娟")  # who the demo's changes are recorded as
    wanted = args.only.split(",") if args.only else list(SHOTS)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = create_application()
    if app.platformName() in ("offscreen", "minimal"):
        print(
            "run under a display (xvfb-run) with the real platform plugin, not", app.platformName()
        )
        return 2
    with tempfile.TemporaryDirectory(prefix="wjself-shots-") as folder:
        context = bootstrap(folder, window=True)
        try:
            create_demo(context.workspace, today=dt.date.today())
            window = MainWindow(context, Prompts(), Preferences(context.paths.root))
            window.resize(*SIZE)
            window.move(40, 40)
            window.show()
            settle(app)
            for name in wanted:
                image = SHOTS[name](app, window, context)
                target = out / f"{name}.png"
                image.save(str(target))
                print(
                    f"{target.relative_to(REPO) if target.is_relative_to(REPO) else target}: {image.width()}×{image.height()}"
                )
            QTimer.singleShot(0, window.close)
            settle(app)
        finally:
            context.close()
    if not args.only:
        # The first-start, templates, rectifications and settings shots start from an empty
        # data folder, so they run in a process of their own.
        pages = Path(__file__).with_name("screenshots_pages.py")
        return subprocess.run([sys.executable, str(pages), str(out)], check=False).returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
