"""A folder is a school's or the bureau's: marked at first open, refused the other way round."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.store.conftest import primary_school
from wjself.core.errors import EnvironmentFault
from wjself.district import open_district
from wjself.paths import DataPaths
from wjself.store import Workspace
from wjself.store.mode import MODE_SETTING


def test_a_new_folder_opened_as_the_bureau_s_is_marked_and_a_school_cannot_open_it(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "bureau"
    with open_district(folder) as dws:
        assert dws.workspace.setting(MODE_SETTING) == "district"
        assert dws.bundles.is_dir()
        assert dws.workspace.templates.list(), "the bundled checklists are installed"
    with pytest.raises(EnvironmentFault, match="区教育局端的数据文件夹") as caught:
        Workspace.open(DataPaths(folder))
    assert f"--district {folder}" in str(caught.value)
    with open_district(folder) as dws:  # and it opens again as the bureau's
        assert dws.workspace.setting(MODE_SETTING) == "district"


def test_a_school_folder_is_refused_as_the_bureau_s_and_left_as_it_was(data_dir: Path) -> None:
    with Workspace.open(DataPaths(data_dir)) as ws:
        ws.schools.add(primary_school())
        assert ws.setting(MODE_SETTING) == "school"
    with pytest.raises(EnvironmentFault, match="是学校的数据文件夹") as caught:
        open_district(data_dir)
    assert f"--data-dir {data_dir}" in str(caught.value)
    assert not (data_dir / "bundles").exists()
    with Workspace.open(DataPaths(data_dir)) as ws:
        assert ws.setting(MODE_SETTING) == "school" and len(ws.schools.list()) == 1


def test_an_unmarked_folder_holding_a_school_s_data_is_a_school_s(data_dir: Path) -> None:
    """Folders from before the mark existed hold a school's data: never taken as the bureau's."""
    with Workspace.open(DataPaths(data_dir)) as ws:
        ws.schools.add(primary_school())
        with ws.database.write() as s:
            from wjself.store.models import SettingRecord

            record = s.get(SettingRecord, MODE_SETTING)
            assert record is not None
            s.delete(record)
    with pytest.raises(EnvironmentFault, match="是学校的数据文件夹"):
        open_district(data_dir)
