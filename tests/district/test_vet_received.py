"""A bureau's backup is untrusted input: the district tables are vetted before a restore, and
a backup of the other side (school / bureau) is never restored into a folder."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from tests.helpers.district_schools import MadeSchool, make_schools
from tests.store.conftest import primary_school
from wjself.core.errors import InputError
from wjself.district import DistrictFilter, import_bundles, list_received, open_district
from wjself.paths import DataPaths
from wjself.store import Workspace
from wjself.store.vet import vet_database


@pytest.fixture(scope="module")
def bureau(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[MadeSchool]]:
    root = tmp_path_factory.mktemp("vet")
    made = make_schools(root, 1, ("wj2024-canteen",), dt.date.today())
    with open_district(root / "bureau") as dws:
        summary = import_bundles(dws, [root / "bundles"])
    assert len(summary.accepted) == 1
    return root / "bureau", made


def _copy(bureau: Path, target: Path) -> Path:
    with (
        contextlib.closing(sqlite3.connect(DataPaths(bureau).database)) as src,
        contextlib.closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)
    return target


def test_a_bureau_database_as_the_bureau_wrote_it_passes(
    bureau: tuple[Path, list[MadeSchool]], tmp_path: Path
) -> None:
    assert vet_database(_copy(bureau[0], tmp_path / "copy.db")) == []


HOSTILE = {
    "path": ("UPDATE received SET path = '../../wjself.db'", "received", "path"),
    "sha": ("UPDATE received SET sha256 = 'abc'", "received", "sha256"),
    "code": ("UPDATE received SET school_code = '12'", "received", "school_code"),
    "status": ("UPDATE received SET status = 'draft'", "received", "status"),
    "trust": ("UPDATE received SET trust = 'whatever'", "received", "trust"),
    "score": ("UPDATE received SET percent = 'lots'", "received", "percent"),
    "stages": ("UPDATE received SET stages = '[\"大学\"]'", "received", "stages"),
    "outcome": ("UPDATE received_answers SET outcome = 'great'", "received_answers", "outcome"),
    "rect": (
        "UPDATE received_rectifications SET status = 'x'",
        "received_rectifications",
        "status",
    ),
    "template": (
        "UPDATE received_templates SET content = replace(content, '\"title\"', '\"titel\"')",
        "received_templates",
        "sha256",
    ),
    "school": ("UPDATE district_schools SET source = 'rumour'", "district_schools", "source"),
}


@pytest.mark.reliability(
    fault="Hostile backup",
    method="bureau database with one bad value in each district table (a path instead of the "
    "kept copy's name, bad digests, codes, statuses, outcomes, a changed template snapshot)",
)
@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_bad_row_in_a_district_table_is_named(
    bureau: tuple[Path, list[MadeSchool]], tmp_path: Path, case: str
) -> None:
    sql, table, field = HOSTILE[case]
    copy = _copy(bureau[0], tmp_path / "copy.db")
    with contextlib.closing(sqlite3.connect(copy)) as conn, conn:
        conn.execute(sql)
    problems = vet_database(copy)
    assert any(p.sheet == table and p.field == field for p in problems), problems


@pytest.mark.reliability(
    fault="Wrong folder",
    method="a bureau's backup restored into a school's folder, and a school's into a bureau's",
)
def test_a_backup_of_the_other_side_is_not_restored(
    bureau: tuple[Path, list[MadeSchool]], tmp_path: Path
) -> None:
    with open_district(bureau[0]) as dws:
        bureau_backup = dws.workspace.backup_to(tmp_path / "bureau.wjbak")
    school = tmp_path / "school"
    with Workspace.open(DataPaths(school)) as ws:
        ws.schools.add(primary_school())
        school_backup = ws.backup_to(tmp_path / "school.wjbak")
        with pytest.raises(InputError, match="这是区教育局端的备份"):
            ws.restore(bureau_backup)
        assert len(ws.schools.list()) == 1
    other = tmp_path / "bureau2"
    with open_district(other) as dws:
        with pytest.raises(InputError, match="这是学校的备份"):
            dws.workspace.restore(school_backup)
        dws.workspace.restore(bureau_backup)  # its own side's backup is fine
        assert len(list_received(dws, DistrictFilter())) == 1
