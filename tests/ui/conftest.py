"""GUI test harness: the real window on a real data folder, with scripted prompts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.prompts import ScriptedPrompts
from wjself.app import begin, bootstrap, open_district_context
from wjself.context import Context, DistrictContext
from wjself.ui import tasks
from wjself.ui.application import create_application
from wjself.ui.i18n import CHINESE
from wjself.ui.main_window import MainWindow
from wjself.ui.preferences import Preferences


@pytest.fixture
def prompts() -> Iterator[ScriptedPrompts]:
    scripted = ScriptedPrompts()
    yield scripted
    scripted.assert_all_used()


@pytest.fixture
def context(data_dir: Path) -> Iterator[Context]:
    ctx = bootstrap(window=True)
    yield ctx
    tasks.wait_all()
    ctx.close()


@pytest.fixture
def window(qtbot: Any, context: Context, prompts: ScriptedPrompts) -> MainWindow:
    """The real main window on the test's data folder, shown offscreen, in Chinese."""
    create_application(CHINESE)
    win = MainWindow(context, prompts, Preferences(context.paths.root))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def bureau(tmp_path: Path) -> Iterator[DistrictContext]:
    """A new bureau folder (区教育局端) opened as the window opens it."""
    context = open_district_context(begin(str(tmp_path / "bureau"), window=True, district=True))
    yield context
    tasks.wait_all()
    context.close()


@pytest.fixture
def bureau_window(qtbot: Any, bureau: DistrictContext, prompts: ScriptedPrompts) -> MainWindow:
    """The real bureau window on ``bureau``, shown offscreen, in Chinese."""
    create_application(CHINESE)
    win = MainWindow(bureau, prompts, Preferences(bureau.paths.root))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win
