"""Screenshots of the first-start wizard, the Templates, Rectifications and Settings pages.

    xvfb-run -s "-screen 0 1600x1000x24" python scripts/screenshots_pages.py [OUT_DIR]

Runs the real window (real platform plugin, in Chinese) on a fresh temporary data folder:
registers a school through the wizard, answers a few items 不符合 so rectifications exist,
imports a broken and a newer template, makes a backup, and saves PNGs to OUT_DIR
(default docs/screenshots).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QMessageBox, QWidget  # noqa: E402

from tests.helpers.template_files import broken_xlsx, newer_version  # noqa: E402
from wjself.core.assessment import RectStatus  # noqa: E402
from wjself.ui import tasks  # noqa: E402
from wjself.ui.prompts import Prompts  # noqa: E402


class ShotPrompts(Prompts):
    """Answers questions without blocking; shows confirmations long enough to photograph them."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.confirm_shot = ""
        self.save_to: Path | None = None

    def confirm(
        self, parent: QWidget | None, title: str, text: str, *, destructive: bool = False
    ) -> bool:
        if self.confirm_shot:
            icon = QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question
            box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)  # fmt: skip
            box.setDefaultButton(QMessageBox.StandardButton.No)
            box.show()
            settle()
            box.grab().save(str(self.out / self.confirm_shot))
            box.close()
            self.confirm_shot = ""
        return True

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        print(f"  [{title}] {text.splitlines()[0] if text else ''}")

    def warn(self, parent: QWidget | None, title: str, text: str, details: str = "") -> None:
        print(f"  [warn {title}] {text}")

    def error(self, parent: QWidget | None, title: str, text: str, details: str = "") -> None:
        print(f"  [error {title}] {text}\n{details}")

    def save_file(
        self, parent: QWidget | None, title: str, suggested: str, filters: str
    ) -> Path | None:
        return self.save_to or Path(suggested)


def settle(ms: int = 150) -> None:
    tasks.wait_all()
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shoot(widget: QWidget, out: Path, name: str) -> None:
    settle()
    widget.grab().save(str(out / name))
    print(out / name)


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else REPO / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="wjself-shots-"))
    os.environ["WJSELF_DATA_DIR"] = str(work / "data")

    from wjself.app import bootstrap
    from wjself.ui.application import create_application, install_crash_dialog
    from wjself.ui.i18n import CHINESE
    from wjself.ui.main_window import MainWindow
    from wjself.ui.preferences import Preferences
    from wjself.ui.wizard import first_start

    context = bootstrap(window=True)
    context.workspace.set_operator("安全办 陈老师")
    app = create_application(CHINESE)
    prompts = ShotPrompts(out)
    window = MainWindow(context, prompts, Preferences(context.paths.root))
    install_crash_dialog(window)
    window.resize(1366, 768)  # as scripts/screenshots.py: a school laptop's screen
    window.show()
    settle()

    # ---- first start
    wizard = first_start(window)
    assert wizard is not None
    shoot(wizard, out, "wizard-1-welcome.png")
    wizard.next()
    wizard.identity.name_edit.setText("常州市武进区湖塘实验小学")
    wizard.identity.code_edit.setText("320412345")
    wizard.identity.stage_boxes["小学"].setChecked(True)
    shoot(wizard, out, "wizard-2-school-code-problem.png")
    wizard.identity.code_edit.setText("3204123456")
    shoot(wizard, out, "wizard-3-school.png")
    wizard.next()
    wizard.contact.township_edit.setText("湖塘镇")
    wizard.contact.address_edit.setText("常州市武进区湖塘镇人民中路 88 号")
    wizard.contact.principal_edit.setText("张明")
    wizard.contact.contact_edit.setText("陈红")
    wizard.contact.phone_edit.setText("0519-86301234")
    wizard.next()
    wizard.facts.fact_boxes["has_canteen"].setChecked(True)
    wizard.facts.fact_boxes["has_labs"].setChecked(True)
    shoot(wizard, out, "wizard-4-facts.png")
    wizard.accept()
    settle()

    # ---- a few rectifications
    ws = context.workspace
    (school,) = ws.schools.list()
    safety = ws.assessments.new(school.id, "wj2024-safety", None, "2024")
    canteen = ws.assessments.new(school.id, "wj2024-canteen", None, "2024")
    notes = {
        "AQ2.02": "3 处隐患整改后未复查销号",
        "AQ3.01": "危化品柜只有一把锁，领用登记缺少第二人签字",
        "AQ3.06": "教学楼二楼配电箱未上锁",
        "AQ4.04": "放学时段东门护学岗有时无人",
        "AQ7.04": "",
    }
    for code, note in notes.items():
        ws.answers.set(safety, code, "不符合", note=note)
    canteen_item = next(
        i for i in ws.assessments.template(canteen).items() if i.kind == "compliance"
    )
    ws.answers.set(canteen, canteen_item.code, "不符合", note="留样记录缺 2 天")
    today = dt.date.today()
    plans = {
        "AQ2.02": (
            "逐项复查已整改隐患，建立销号台账",
            "总务处 王强",
            today - dt.timedelta(days=12),
            None,
        ),
        "AQ3.01": (
            "加装第二把锁，双人领用登记",
            "科学组 刘敏",
            today + dt.timedelta(days=20),
            None,
        ),
        "AQ3.06": (
            "配电箱加锁，电工每周巡查",
            "总务处 王强",
            today - dt.timedelta(days=30),
            "done",
        ),
        "AQ4.04": (
            "排定护学岗轮值表，德育处每日抽查",
            "德育处 周丽",
            today - dt.timedelta(days=40),
            "verified",
        ),
    }
    for rect in ws.assessments.view(safety).rectifications:
        if rect.code not in plans:
            continue
        measure, owner, due, status = plans[rect.code]
        r = dataclasses.replace(rect, measure=measure, owner=owner, due=due)
        if status == "done":
            r = dataclasses.replace(r, status=RectStatus.DONE, done_on=today - dt.timedelta(days=3))
        if status == "verified":
            r = dataclasses.replace(
                r, status=RectStatus.VERIFIED, done_on=today - dt.timedelta(days=10),
                verified_on=today - dt.timedelta(days=2), verified_by="张明",
            )  # fmt: skip
        ws.rectifications.save(r)

    # ---- templates
    page = window.show_page("templates")
    shoot(window, out, "templates-1-list.png")
    page.import_files([broken_xlsx(work / "校园安全自查表-有错误.xlsx")])
    shoot(window, out, "templates-2-problems.png")
    page.problems.back_button.click()
    newer_version(work / "wj2024-safety-2024.3.json")
    page.import_files([work / "wj2024-safety-2024.3.json"])
    shoot(window, out, "templates-3-newer-version.png")
    page.preview.install_button.click()
    shoot(window, out, "templates-4-installed.png")

    # ---- rectifications
    window.show_page("rectifications")
    shoot(window, out, "rectifications.png")

    # ---- settings
    settings = window.show_page("settings")
    prompts.save_to = context.paths.backups / f"manual-{dt.datetime.now():%Y%m%d-%H%M%S}.db"
    settings.backup_now()
    settle()
    shoot(window, out, "settings.png")
    prompts.confirm_shot = "settings-restore-warning.png"
    settings.backups_view.selectRow(0)
    settings.restore_selected()
    settle()

    window.close()
    context.close()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
