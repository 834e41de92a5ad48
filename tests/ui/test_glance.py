"""The window lists the school's assessments in its first frame when nothing has written the
database since it last closed (the glance), and makes the page live once the store is open."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from tests.conftest import SAMPLE
from tests.helpers.prompts import ScriptedPrompts
from wjself.app import bootstrap, run_gui
from wjself.core.school import School
from wjself.formats.templates import read_template
from wjself.paths import DataPaths
from wjself.store import glance
from wjself.ui.main_window import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("qapp")]


@pytest.fixture
def paths(data_dir: Path) -> DataPaths:
    context = bootstrap(window=True)
    ws = context.workspace
    school = ws.schools.add(School(0, "武进区测试小学", "3204120101", ("小学",)))
    template = read_template(SAMPLE)
    ws.templates.install(template)
    ws.assessments.new(school.id, template.id, None, "2024")
    context.close()
    return context.paths


def _start(seen: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> int:
    """``run_gui`` as the program starts it; ``seen`` gets what the window showed just before
    the store was attached, and whether the home page was live after."""
    attach = MainWindow.attach

    def look_then_attach(window: MainWindow, context: Any) -> None:
        home = window.pages.get("home")
        seen["shown"] = window.isVisible()
        seen["rows"] = home.model.rowCount() if home is not None else 0
        seen["new_enabled"] = home.new_action.isEnabled() if home is not None else None
        seen["tip"] = home.new_action.toolTip() if home is not None else ""
        attach(window, context)
        seen["pages"] = list(window.pages)
        home = window.pages["home"]
        seen["live_rows"] = home.model.rowCount()
        seen["live"] = home.new_action.isEnabled()
        QTimer.singleShot(0, window.close)

    monkeypatch.setattr(MainWindow, "attach", look_then_attach)
    guard = QTimer()  # a window that does not close cannot hang the run
    guard.setSingleShot(True)
    guard.timeout.connect(QApplication.quit)
    guard.start(20_000)
    try:
        return run_gui(prompts=ScriptedPrompts())
    finally:
        guard.stop()


def test_first_frame_lists_the_last_sessions_figures(
    paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not glance.path_of(paths).exists()
    cold: dict[str, Any] = {}
    assert _start(cold, monkeypatch) == 0
    assert cold["rows"] == 0 and cold["live_rows"] == 1  # no glance yet: the store first
    assert glance.read(paths) is not None  # written as the window closed

    warm: dict[str, Any] = {}
    assert _start(warm, monkeypatch) == 0
    assert warm["shown"] and warm["rows"] == 1  # on screen before the store is open
    assert warm["new_enabled"] is False and warm["tip"] == "正在打开数据文件夹……"
    assert warm["live"] is True and warm["live_rows"] == 1
    assert warm["pages"] == ["home", "walkthrough", "rectifications", "templates", "settings"]


def test_a_change_from_the_command_line_is_not_shown_from_the_glance(
    paths: DataPaths, run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _start({}, monkeypatch) == 0
    assert run_cli("--data-dir", paths.root, "assessment", "new", "--school", "1",
                   "--template", read_template(SAMPLE).id, "--period", "2025").code == 0  # fmt: skip
    seen: dict[str, Any] = {}
    assert _start(seen, monkeypatch) == 0
    assert seen["rows"] == 0 and seen["live_rows"] == 2  # no stale figures: the store first
