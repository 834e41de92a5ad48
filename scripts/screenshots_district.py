"""The bureau's pages for docs/screenshots (called by scripts/screenshots.py; runs alone too):

    xvfb-run -a -s "-screen 0 1600x1000x24" python scripts/screenshots_district.py [OUT]

A demo school's finalized checklists are varied into a dozen schools' signed bundles (as the
district benchmark does), one of them tampered with; the bureau window receives them all, and
the shots show the summary, the comparison, the charts, the schools' keys and one assessment
being read and answered.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from scripts.screenshots import REPO, SIZE, settle, window_image
from tests.helpers.district_schools import (
    applicable_templates,
    make_schools,
    school_key,
    variants,
)
from wjself.app import begin, open_district_context
from wjself.bundled import install_bundled_templates
from wjself.core.scoring import Outcome
from wjself.formats.bundle import export_bundle
from wjself.paths import DataPaths
from wjself.store.workspace import Workspace
from wjself.ui.application import create_application
from wjself.ui.district_compare import ComparePage
from wjself.ui.district_read import ReadPage
from wjself.ui.district_receive import ReceivePage
from wjself.ui.main_window import MainWindow
from wjself.ui.preferences import Preferences
from wjself.ui.prompts import Prompts

SCHOOLS = 12


def make_bundles(root: Path) -> Path:
    """Signed bundles of ``SCHOOLS`` schools × the primary school's checklists, one tampered."""
    with Workspace.open(DataPaths(root / "probe"), automatic_backup=False) as ws:
        install_bundled_templates(ws)
        templates = tuple(applicable_templates(ws, ("小学",)))
    made = make_schools(root / "made", 1, templates, dt.date.today())[0]
    with Workspace.open(DataPaths(made.folder), automatic_backup=False) as ws:
        views = [ws.assessments.view(aid) for aid in made.bundles]
    out = root / "收到的数据包"
    out.mkdir()
    keys: dict[int, Ed25519PrivateKey] = {}
    rng = random.Random(5)
    for view in views:
        for n, (school, varied) in enumerate(variants(view, range(SCHOOLS), rng)):
            export_bundle(
                varied,
                out / f"{school.name}-{view.template.title}.wjsa",
                signing_key=school_key(n, keys),
            )
    source = sorted(out.iterdir())[3]
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out / "改过的数据包.wjsa", "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "answers.json":
                data = data.replace(b'"not_met"', b'"met"')
            zout.writestr(info, data)
    return out


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "screenshots"
    os.environ.setdefault("WJSELF_USER", "王督学")
    app = create_application()
    with tempfile.TemporaryDirectory(prefix="wjself-district-shots-") as folder:
        bundles = make_bundles(Path(folder))
        context = open_district_context(
            begin(str(Path(folder) / "bureau"), window=True, district=True)
        )
        try:
            window = MainWindow(context, Prompts(), Preferences(context.paths.root))
            window.resize(*SIZE)
            window.move(40, 40)
            window.show()
            settle(app)
            shots = take(app, window, bundles)
            for name, image in shots.items():
                target = out / f"{name}.png"
                image.save(str(target))
                print(f"{target}: {image.width()}×{image.height()}")
            QTimer.singleShot(0, window.close)
            settle(app)
        finally:
            context.close()
    return 0


def take(app: QApplication, window: MainWindow, bundles: Path) -> dict[str, QImage]:
    receive = window.show_page("district-receive")
    assert isinstance(receive, ReceivePage)
    receive.receive([bundles])
    while receive.running:
        app.processEvents()
    shots: dict[str, QImage] = {"district-1-receive": window_image(app, window)}
    compare = window.show_page("district-compare")
    assert isinstance(compare, ComparePage)
    compare.period_box.setCurrentIndex(1)
    compare.table.sortByColumn(6, compare.table.horizontalHeader().sortIndicatorOrder())
    shots["district-2-compare"] = window_image(app, window)
    compare.overview.setCurrentIndex(compare.overview.charts_index)
    shots["district-3-charts"] = window_image(app, window)
    compare.overview.setCurrentIndex(compare.overview.failures_index)
    while compare.overview.loading:
        app.processEvents()
    shots["district-4-items-not-met"] = window_image(app, window)
    window.show_page("district-keys")  # each school's key, pinned at its first bundle
    shots["district-6-keys"] = window_image(app, window)
    row = compare.rows[0]
    window.open_received(row.id)
    page = window.current_page()
    assert isinstance(page, ReadPage)
    failing = next(
        (
            n
            for n in range(page.model.rowCount())
            if page.model.record(n).outcome is Outcome.NOT_MET
        ),
        0,
    )
    page.table.selectRow(failing)
    page.review.comment.setPlainText("请补充整改前后的对比照片，并写明复查时间。")
    page.review.save_comment()
    page.review.returned.click()
    page.review.reason.setText("第 3 项整改措施不具体，请补充后重新报送。")
    shots["district-5-read"] = window_image(app, window)
    return shots


if __name__ == "__main__":
    sys.exit(main())
