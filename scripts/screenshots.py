"""Regenerate the screenshots in docs/screenshots from the demo data, with the real platform plugin.

    xvfb-run -a -s "-screen 0 1600x1000x24" python scripts/screenshots.py [--only home,walkthrough]

Without --only it then runs scripts/screenshots_pages.py (wizard, templates, rectifications,
settings), which starts from an empty data folder, and scripts/screenshots_district.py (the
bureau's pages, on a bureau folder of its own).

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
from PySide6.QtWidgets import QApplication, QWidget

from wjself.app import bootstrap
from wjself.context import Context
from wjself.core.assessment import Status
from wjself.core.scoring import Outcome
from wjself.demo import create_demo
from wjself.ui.application import create_application
from wjself.ui.home import HomePage
from wjself.ui.main_window import MainWindow
from wjself.ui.preferences import Preferences
from wjself.ui.prompts import Prompts, choice_box
from wjself.ui.upgrade import UpgradeDialog
from wjself.ui.walkthrough import WalkthroughPage

REPO = Path(__file__).resolve().parent.parent
SIZE = (1366, 768)  # the school laptops' screens the window is laid out for


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


def shot_narrative(app: QApplication, window: MainWindow, context: Context) -> QImage:
    """The 自查报告 dialog of the safety checklist, as the demo school wrote it."""
    page = window.pages["walkthrough"]
    assert isinstance(page, WalkthroughPage)
    page.open_assessment(_safety(context))
    window.show_page("walkthrough")
    dialog = page.narrative.open()
    assert dialog is not None
    dialog.resize(680, 600)
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


def _install_revised_safety(context: Context) -> str:
    """The bureau's revision of the safety checklist: reworded, retyped, added, removed items."""
    from tests.helpers.template_edits import edit_item
    from tests.helpers.template_files import newer_version
    from wjself.core.template import Kind

    with tempfile.TemporaryDirectory() as folder:
        revised = newer_version(Path(folder) / "revised.json")
    sections = revised.sections
    # One compliance item becomes a yes/no question: its 符合 no longer fits and is set aside.
    retyped = next(i for i in sections[1].items if i.kind is Kind.COMPLIANCE)
    revised = edit_item(revised, retyped.code, kind=Kind.YES_NO)
    reworded = sections[2].items[1]
    revised = edit_item(
        revised, reworded.code, text=reworded.text.rstrip("。") + "，并每学期向家长通报。"
    )
    context.workspace.templates.install(revised)
    return revised.version


def shot_upgrade_home(app: QApplication, window: MainWindow, context: Context) -> QImage:
    """The home page once the revision is installed: the draft it concerns says so."""
    _install_revised_safety(context)
    home = window.show_page("home")
    assert isinstance(home, HomePage)
    home.select_ids([_safety(context)])
    home.table.setFocus()
    return window_image(app, window)


def shot_upgrade_plan(app: QApplication, window: MainWindow, context: Context) -> QImage:
    page = window.pages["walkthrough"]
    assert isinstance(page, WalkthroughPage)
    installed = {(i.id, i.version) for i in context.workspace.templates.list()}
    version = (
        "2024.3" if ("wj2024-safety", "2024.3") in installed else _install_revised_safety(context)
    )
    page.open_assessment(_safety(context))
    window.show_page("walkthrough")
    settle(app)
    dialog = page.upgrade()
    assert dialog is not None and page.session.offer is not None
    assert page.session.offer.newest == version
    while dialog.plan is None:
        app.processEvents()
    dialog.resize(1000, 640)
    settle(app)
    return modal(window.grab().toImage(), dialog.grab().toImage(), dialog.windowTitle())


def shot_upgrade_after(app: QApplication, window: MainWindow, context: Context) -> QImage:
    from wjself.ui.walkthrough_models import Filter

    page = window.pages["walkthrough"]
    assert isinstance(page, WalkthroughPage)
    dialog = page.dialog
    if not isinstance(dialog, UpgradeDialog) or not dialog.isVisible():
        shot_upgrade_plan(app, window, context)
        dialog = page.dialog
    assert isinstance(dialog, UpgradeDialog)
    dialog.apply()
    while dialog.outcome is None:
        app.processEvents()
    settle(app)
    page._select_section(0)
    page.set_filter(Filter.RECONFIRM)
    codes = page.item_model.codes()
    if codes:
        page.jump_to(codes[0])
    page.detail_scroll.verticalScrollBar().setValue(0)
    return window_image(app, window)


def shot_upgrade_set_aside(app: QApplication, window: MainWindow, context: Context) -> QImage:
    from wjself.ui.walkthrough_models import Filter

    page = window.pages["walkthrough"]
    assert isinstance(page, WalkthroughPage)
    page.notice.hide()
    page.set_filter(Filter.ALL)
    aside = [c for c, a in page.session.view.answers.items() if a.set_aside is not None]
    if aside:
        page.jump_to(aside[0])
    page.detail_scroll.verticalScrollBar().setValue(0)
    return window_image(app, window)


def shot_upgrade_history(app: QApplication, window: MainWindow, context: Context) -> QImage:
    page = window.pages["walkthrough"]
    assert isinstance(page, WalkthroughPage)
    dialog = page.show_history(None)
    assert dialog is not None
    settle(app)
    image = modal(window.grab().toImage(), dialog.grab().toImage(), dialog.windowTitle())
    dialog.reject()
    return image


SHOTS: dict[str, Callable[[QApplication, MainWindow, Context], QImage]] = {
    "home": shot_home,
    "walkthrough": shot_walkthrough,
    "finish": shot_finish,
    "narrative": shot_narrative,
    "upgrade-0-home": shot_upgrade_home,
    "upgrade-1-plan": shot_upgrade_plan,
    "upgrade-2-reconfirm": shot_upgrade_after,
    "upgrade-3-set-aside": shot_upgrade_set_aside,
    "upgrade-4-history": shot_upgrade_history,
}


class DamagePrompts(Prompts):
    """Photographs the offer to restore a damaged database over the opening window, then cancels."""

    def __init__(self, app: QApplication, target: Path) -> None:
        self.app = app
        self.target = target

    def choose(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        choices: list[str],
        *,
        details: str = "",
        warning: bool = True,
    ) -> int:
        box, _buttons = choice_box(parent, title, text, choices, details=details, warning=warning)
        box.show()
        settle(self.app)
        behind = (
            parent.grab().toImage()
            if parent is not None
            else QImage(box.size(), QImage.Format.Format_ARGB32)
        )
        modal(behind, box.grab().toImage(), title).save(str(self.target))
        box.close()
        return len(choices) - 1  # 取消: nothing is changed


def shot_damaged(app: QApplication, out: Path) -> Path:
    """A data folder whose database is damaged, with an automatic backup from three days ago."""
    from wjself.app import run_gui
    from wjself.store import backup

    target = out / "damaged-database.png"
    with tempfile.TemporaryDirectory(prefix="wjself-damaged-") as folder:
        context = bootstrap(folder)
        try:
            create_demo(context.workspace, today=dt.date.today())
            for old in context.paths.backups.glob("*"):
                old.unlink()
            taken = dt.datetime.now().replace(second=0, microsecond=0) - dt.timedelta(
                days=3, hours=1
            )
            backup.automatic_backup(context.paths, taken)
        finally:
            context.close()
        database = Path(folder) / "wjself.db"
        data = database.read_bytes()
        database.write_bytes(data[: len(data) // 2])  # cut short, as by a failing disk
        code = run_gui(folder, prompts=DamagePrompts(app, target))
        assert code == 2, code
    return target


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", default=str(REPO / "docs" / "screenshots"))
    parser.add_argument(
        "--only", help="comma-separated shot names: " + ", ".join([*SHOTS, "damaged"])
    )
    args = parser.parse_args()
    os.environ.setdefault("WJSELF_USER", "李娟")  # who the demo's changes are recorded as
    wanted = args.only.split(",") if args.only else list(SHOTS)
    shots = [name for name in wanted if name in SHOTS]
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
            for name in shots:
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
    if not args.only or "damaged" in wanted:
        target = shot_damaged(app, out)
        print(f"{target.relative_to(REPO) if target.is_relative_to(REPO) else target}")
    if not args.only:
        # The first-start, templates, rectifications and settings shots start from an empty
        # data folder, so they run in a process of their own.
        pages = Path(__file__).with_name("screenshots_pages.py")
        code = subprocess.run([sys.executable, str(pages), str(out)], check=False).returncode
        # The bureau's pages (区教育局端) open a bureau folder of their own.
        district = Path(__file__).with_name("screenshots_district.py")
        return (
            code
            or subprocess.run([sys.executable, str(district), str(out)], check=False).returncode
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
