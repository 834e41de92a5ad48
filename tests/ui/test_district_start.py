"""Starting the bureau's window: ``--district DIR``, or chosen on the first start's welcome
page (the folder is the bureau's from then on); a school's folder is refused as the bureau's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtWidgets import QWizard

from tests.conftest import Result
from tests.store.conftest import primary_school
from wjself.app import open_district_context
from wjself.context import Context, DistrictContext, Startup
from wjself.core.errors import EnvironmentFault
from wjself.district import open_district
from wjself.paths import DataPaths
from wjself.store import Workspace
from wjself.store.mode import MODE_SETTING
from wjself.ui.main_window import MainWindow
from wjself.ui.preferences import Preferences
from wjself.ui.wizard import first_start

pytestmark = pytest.mark.gui


def bureau_loader(window: MainWindow, context: Context, opened: list[DistrictContext]) -> None:
    """What ``application.run`` gives the window: open this folder as the bureau's."""
    startup = Startup(context.paths, context.log_file, context.lock)

    def load() -> DistrictContext:
        opened.append(open_district_context(startup, keep_lock=True))
        return opened[-1]

    window.district_loader = load


def test_the_first_start_can_make_the_folder_the_bureau_s(
    window: MainWindow, context: Context, qtbot: Any
) -> None:
    opened: list[DistrictContext] = []
    bureau_loader(window, context, opened)
    wizard = first_start(window)
    assert wizard is not None and wizard.welcome is not None
    qtbot.waitExposed(wizard)
    assert wizard.welcome.school_mode.isChecked()  # a school's, unless said otherwise
    wizard.welcome.district_mode.click()
    assert wizard.welcome.isFinalPage()  # the bureau registers no school
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: window.is_district and "district-receive" in window.pages)
    assert not shiboken6.isValid(wizard) or not wizard.isVisible()
    assert "区教育局端" in window.windowTitle()
    assert list(window.pages) == [
        "district-receive",
        "district-compare",
        "district-read",
        "district-keys",
    ]
    assert Preferences(context.paths.root).district  # remembered for the folder
    try:
        assert window.district.workspace.setting(MODE_SETTING) == "district"
        assert window.district.workspace.schools.list() == []
    finally:
        opened[0].district.close()
    with pytest.raises(EnvironmentFault, match="区教育局端的数据文件夹"):
        Workspace.open(DataPaths(context.paths.root))


def test_a_school_that_registers_keeps_its_folder_a_school_s(
    window: MainWindow, context: Context, qtbot: Any
) -> None:
    bureau_loader(window, context, [])
    wizard = first_start(window)
    assert wizard is not None and wizard.welcome is not None
    wizard.next()
    assert wizard.currentPage() is wizard.identity  # the school's pages follow
    wizard.reject()
    assert not window.is_district and not Preferences(context.paths.root).district


def test_a_folder_with_a_school_is_not_turned_into_the_bureau_s(
    window: MainWindow, context: Context, prompts: Any
) -> None:
    bureau_loader(window, context, [])
    window.workspace.schools.add(primary_school())
    assert not window.become_district()
    assert prompts.messages("warn") == [
        "无法作为区教育局端打开: 此数据文件夹已有学校的数据；区教育局端需要单独的数据文件夹。"
    ]
    assert not window.is_district and window.workspace.setting(MODE_SETTING) == "school"


def test_the_window_without_a_way_to_the_bureau_asks_only_for_the_school(
    window: MainWindow,
) -> None:
    wizard = first_start(window)
    assert wizard is not None and wizard.welcome is not None
    assert not wizard.welcome.district_mode.isVisibleTo(wizard.welcome)


def test_district_opens_the_bureau_s_window_and_marks_the_folder(
    run_cli: Any, tmp_path: Path
) -> None:
    folder = tmp_path / "bureau"
    result: Result = run_cli("--district", folder, "--exit-after-startup")
    assert result.code == 0, result.err
    with open_district(folder) as dws:
        assert dws.workspace.setting(MODE_SETTING) == "district"


def test_a_school_s_folder_is_refused_as_the_bureau_s(run_cli: Any, data_dir: Path) -> None:
    with Workspace.open(DataPaths(data_dir)) as ws:
        ws.schools.add(primary_school())
    result: Result = run_cli("--district", data_dir, "--exit-after-startup")
    assert result.code == 2
    assert "是学校的数据文件夹" in result.err and "Traceback" not in result.err


def test_a_folder_whose_window_was_the_bureau_s_opens_as_the_bureau_s_again(
    run_cli: Any, tmp_path: Path, qapp: Any
) -> None:
    folder = tmp_path / "bureau"
    folder.mkdir()
    preferences = Preferences(folder)
    preferences.district = True  # as the first start's choice leaves it
    preferences.sync()
    result: Result = run_cli("--data-dir", folder, "--exit-after-startup")
    assert result.code == 0, result.err
    with open_district(folder) as dws:
        assert dws.workspace.setting(MODE_SETTING) == "district"


def test_a_bureau_folder_made_on_the_command_line_opens_as_the_bureau_s(
    run_cli: Any, tmp_path: Path
) -> None:
    folder = tmp_path / "bureau"
    with open_district(folder):
        pass  # as `wjself --district DIR district import …` leaves it
    result: Result = run_cli("--data-dir", folder, "--exit-after-startup")
    assert result.code == 0, result.err
    assert Preferences(folder).district is False  # nothing chosen: the folder said so
