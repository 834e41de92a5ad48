"""GUI test harness: the real window on a real data folder, with scripted prompts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.prompts import ScriptedPrompts
from wjself.app import bootstrap
from wjself.context import Context
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
