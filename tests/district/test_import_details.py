"""Receiving, in detail: progress and cancel, the previous period's score, a copy that
changes on disk after it was received, files that are not bundles."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import stat
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.helpers.district_schools import MadeSchool, make_schools
from wjself.core.errors import EnvironmentFault
from wjself.core.fingerprint import assessment_fingerprint
from wjself.demo import FILLED_BY, REVIEWED_BY, _Filler
from wjself.district import (
    DistrictFilter,
    import_bundles,
    list_received,
    open_district,
    received_view,
)
from wjself.formats.bundle import export_bundle
from wjself.paths import DataPaths
from wjself.store.workspace import Workspace

TODAY = dt.date.today()


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[MadeSchool]]:
    root = tmp_path_factory.mktemp("details")
    return root, make_schools(root, 3, ("wj2024-canteen",), TODAY)


def test_progress_is_told_and_cancel_stops_between_files(
    made: tuple[Path, list[MadeSchool]], tmp_path: Path
) -> None:
    seen: list[tuple[int, int, str]] = []
    with open_district(tmp_path / "局") as dws:
        summary = import_bundles(
            dws, [made[0] / "bundles"], lambda *a: seen.append(a), lambda: len(seen) >= 2
        )
        assert summary.cancelled and len(summary.accepted) == 2
        assert len(list_received(dws, DistrictFilter())) == 2  # what was done stays done
        rest = import_bundles(dws, [made[0] / "bundles"], lambda *a: seen.append(a))
    assert [s[:2] for s in seen[:2]] == [(0, 3), (1, 3)] and seen[0][2].endswith(".wjsa")
    assert not rest.cancelled and len(rest.already) == 2 and len(rest.accepted) == 1
    assert seen[-1] == (3, 3, "")


def test_the_previous_period_s_score_is_shown_beside_this_one(
    made: tuple[Path, list[MadeSchool]], tmp_path: Path
) -> None:
    school = made[1][0]
    folder = tmp_path / "school"
    shutil.copytree(school.folder, folder)
    earlier = tmp_path / "2023.wjsa"
    with Workspace.open(DataPaths(folder), automatic_backup=False) as ws:
        record = ws.schools.list()[0]
        aid = ws.assessments.new(record.id, "wj2024-canteen", None, "2023")
        filler = _Filler(ws, record, TODAY, seed=7)
        filler.fill(aid, leave_open=False)
        filler.plan_rectifications([aid])
        ws.assessments.finalize(aid, FILLED_BY, REVIEWED_BY)
        view = ws.assessments.view(aid)
        export_bundle(view, earlier, signing_key=ws.signing_key.private_key)
    with open_district(tmp_path / "局") as dws:
        import_bundles(dws, [earlier, *school.bundles.values()])
        (row,) = list_received(dws, DistrictFilter(period="2024"))
        (old,) = list_received(dws, DistrictFilter(period="2023"))
    assert old.score == view.score().percent and old.previous_score is None
    assert (row.previous_period, row.previous_score) == ("2023", old.score)
    assert row.score is not None and old.score is not None
    assert row.change == round(row.score - old.score, 2)


@pytest.mark.reliability(
    fault="Edited data",
    method="a kept bundle copy in DIR/bundles rewritten after it was received, and one deleted",
)
def test_a_kept_copy_changed_or_gone_is_reported_not_shown(
    made: tuple[Path, list[MadeSchool]], tmp_path: Path
) -> None:
    with open_district(tmp_path / "局") as dws:
        summary = import_bundles(dws, [made[0] / "bundles"])
        first, second = (x.received_id for x in summary.accepted[:2])
        assert first is not None and second is not None
        assert received_view(dws, first).school.code == summary.accepted[0].school_code
        kept = sorted(dws.bundles.glob("*.wjsa"))
        os.chmod(kept[0], stat.S_IRUSR | stat.S_IWUSR)
        kept[0].write_bytes(kept[0].read_bytes()[:-10])
        os.chmod(kept[1], stat.S_IRUSR | stat.S_IWUSR)
        kept[1].unlink()
        problems = []
        for rid in (first, second, summary.accepted[2].received_id):
            try:
                received_view(dws, rid or 0)
            except EnvironmentFault as exc:
                problems.append(str(exc))
    assert len(problems) == 2
    assert any("已不能通过核验" in p for p in problems) and any("不见了" in p for p in problems)


def test_the_kept_copy_is_read_only(made: tuple[Path, list[MadeSchool]], tmp_path: Path) -> None:
    with open_district(tmp_path / "局") as dws:
        import_bundles(dws, [made[0] / "bundles"])
        modes = {p.stat().st_mode & 0o777 for p in dws.bundles.glob("*.wjsa")}
        leftovers = [p for p in dws.bundles.iterdir() if p.suffix != ".wjsa"]
    assert modes == {0o444} and leftovers == []


@pytest.mark.reliability(
    fault="Hostile bundle",
    method="validly fingerprinted and signed bundles whose school name is 5,000 characters, "
    "holds an escape sequence, or names an unknown stage",
)
@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"name": "甲" * 5000}, "学校信息无效"),
        ({"name": "乙小学\x1b[31m"}, "学校信息无效"),
        ({"stages": ("大学",)}, "学校信息无效"),
    ],
    ids=["long name", "escape", "stage"],
)
def test_a_school_profile_the_window_would_refuse_is_refused(
    made: tuple[Path, list[MadeSchool]], tmp_path: Path, change: dict[str, object], why: str
) -> None:
    school = made[1][2]
    aid = next(iter(school.bundles))
    with Workspace.open(DataPaths(school.folder), automatic_backup=False) as ws:
        view = ws.assessments.view(aid)
    odd = dataclasses.replace(
        view,
        school=dataclasses.replace(view.school, code="3204777777", **change),  # type: ignore[arg-type]
    )
    assert odd.signoff is not None
    odd = dataclasses.replace(
        odd, signoff=dataclasses.replace(odd.signoff, fingerprint=assessment_fingerprint(odd))
    )
    target = tmp_path / "odd.wjsa"
    export_bundle(odd, target, signing_key=Ed25519PrivateKey.generate())
    with open_district(tmp_path / "局") as dws:
        summary = import_bundles(dws, [target])
        assert list_received(dws, DistrictFilter()) == []
    (line,) = summary.refused
    assert why in line.reason and "3204777777" in line.line()
    assert list((tmp_path / "局" / "bundles").iterdir()) == []


@pytest.mark.reliability(
    fault="Hostile files in the data folder",
    method="district import when DIR/bundles is a file, not a folder (the copies cannot be kept)",
)
def test_a_bundles_folder_that_cannot_be_written_stops_the_import_with_a_message(
    made: tuple[Path, list[MadeSchool]], tmp_path: Path, cli: Any
) -> None:
    bureau = tmp_path / "局"
    with open_district(bureau) as dws:
        shutil.rmtree(dws.bundles)
        dws.bundles.write_text("不是文件夹", encoding="utf-8")
        with pytest.raises(EnvironmentFault, match="中保存收到的数据包"):
            import_bundles(dws, [made[0] / "bundles"])
        assert list_received(dws, DistrictFilter()) == []
    result = cli("--district", bureau, "district", "import", made[0] / "bundles")
    assert result.code == 2 and "bundles" in result.err and "Traceback" not in result.err


def test_the_same_file_twice_in_one_import_is_received_once(
    made: tuple[Path, list[MadeSchool]], tmp_path: Path
) -> None:
    one = next(iter(made[1][0].bundles.values()))
    folder = tmp_path / "两份"
    folder.mkdir()
    shutil.copy(one, folder / "a.wjsa")
    shutil.copy(one, folder / "b.wjsa")
    with open_district(tmp_path / "局") as dws:
        summary = import_bundles(dws, [folder])
        assert len(list_received(dws, DistrictFilter())) == 1
    assert [x.path.name for x in summary.accepted] == ["a.wjsa"]
    assert [x.path.name for x in summary.already] == ["b.wjsa"]
    assert summary.already[0].received_id == summary.accepted[0].received_id
