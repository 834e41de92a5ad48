"""``wjself --district DIR district import|list|show``: the bureau's command line."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.cli.results import ok, refused
from tests.helpers.district_schools import MadeSchool, make_schools


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[MadeSchool]]:
    root = tmp_path_factory.mktemp("district-cli")
    return root, make_schools(root, 2, ("wj2024-canteen",), dt.date.today())


@pytest.fixture
def bundles(made: tuple[Path, list[MadeSchool]], tmp_path: Path) -> Path:
    folder = tmp_path / "收到的数据包"
    shutil.copytree(made[0] / "bundles", folder)
    return folder


def test_import_list_and_show_with_the_folder_before_or_after_the_command(
    cli: Any, bundles: Path, tmp_path: Path, made: tuple[Path, list[MadeSchool]]
) -> None:
    bureau = tmp_path / "教育局"
    out = ok(cli("district", "import", bundles, "--district", bureau))
    assert out.splitlines()[-1] == "接收 2 / 替换 0 / 拒收 0 / 已导入 0"
    assert out.count("首次收到该校的签名密钥") == 2
    again = ok(cli("--district", bureau, "district", "import", bundles))
    assert again.splitlines()[-1] == "接收 0 / 替换 0 / 拒收 0 / 已导入 2"
    rows = json.loads(ok(cli("--district", bureau, "district", "list", "--json")))
    assert [r["school"]["code"] for r in rows] == [m.code for m in made[1]]
    assert {r["signature"] for r in rows} == {"valid"} and rows[0]["score"] is not None
    listed = ok(cli("--district", bureau, "district", "list", "--township", "牛塘镇"))
    assert len(listed.splitlines()) == 1 and made[1][1].name in listed
    shown = ok(cli("--district", bureau, "district", "show", str(rows[0]["id"])))
    assert made[1][0].name in shown and "签名：有效，密钥" in shown
    data = json.loads(
        ok(cli("district", "show", str(rows[0]["id"]), "--json", "--district", bureau))
    )
    assert data["received"]["id"] == rows[0]["id"]
    assert data["score"]["percent"] == rows[0]["score"]
    refused(cli("--district", bureau, "district", "show", "99"), "没有编号为 99 的已接收自评")


@pytest.mark.reliability(
    fault="Hostile bundle",
    method="district import of a folder holding a good bundle, a zip that is no bundle and a "
    "text file named .wjsa",
)
def test_a_refused_file_is_named_on_stderr_and_the_rest_is_received(
    cli: Any, bundles: Path, tmp_path: Path
) -> None:
    (bundles / "坏的.wjsa").write_text("不是数据包", encoding="utf-8")
    bureau = tmp_path / "教育局"
    result = cli("--district", bureau, "district", "import", bundles)
    err = refused(result, "坏的.wjsa: （无法识别学校）: 不是有效的 .wjsa 数据包")
    assert "Traceback" not in err
    assert result.out.splitlines()[-1] == "接收 2 / 替换 0 / 拒收 1 / 已导入 0"
    assert len(json.loads(ok(cli("--district", bureau, "district", "list", "--json")))) == 2


def test_nothing_to_import_is_refused(cli: Any, tmp_path: Path) -> None:
    empty = tmp_path / "空"
    empty.mkdir()
    refused(
        cli("--district", tmp_path / "局", "district", "import", empty), "没有找到 .wjsa 数据包"
    )
    assert not (tmp_path / "局").exists()


def test_folders_of_the_other_side_are_refused(
    cli: Any, bundles: Path, tmp_path: Path, made: tuple[Path, list[MadeSchool]]
) -> None:
    bureau = tmp_path / "教育局"
    ok(cli("--district", bureau, "district", "list"))
    school = made[1][0].folder
    refused(cli("--data-dir", bureau, "assessment", "list"), "是区教育局端的数据文件夹")
    refused(cli("--district", school, "district", "list"), "是学校的数据文件夹")
    refused(cli("--district", bureau, "assessment", "list"), "--district 只用于 district 命令")
    refused(cli("--data-dir", bureau, "district", "list"), "用 --district 给出")
    refused(cli("district", "list"), "district 命令需要区教育局端的数据文件夹")


def test_a_roster_makes_schools_known_before_their_first_bundle(
    cli: Any, bundles: Path, tmp_path: Path, made: tuple[Path, list[MadeSchool]]
) -> None:
    bureau = tmp_path / "教育局"
    first = made[1][0]
    roster = tmp_path / "名单.csv"
    roster.write_text(
        "学校标识码,学校名称,镇街,学段\n"
        f"{first.code},名单上的名字,湖塘镇,小学\n"
        "3204999999,武进区新开小学,礼嘉镇,小学、初中\n",
        encoding="utf-8-sig",
    )
    assert "已登记 2 所学校" in ok(cli("--district", bureau, "district", "roster", roster))
    ok(cli("--district", bureau, "district", "import", bundles))
    gone = json.loads(
        ok(cli("--district", bureau, "district", "missing", "--period", "2024", "--json"))
    )
    new = [m for m in gone if m["school"]["code"] == "3204999999"]
    assert new and {m["school"]["name"] for m in new} == {"武进区新开小学"}
    assert {m["template"]["id"] for m in new} >= {"wj2024-canteen"}
    ours = [m for m in gone if m["school"]["code"] == first.code]
    assert ours and {m["school"]["name"] for m in ours} == {"名单上的名字"}  # the roster's word
    assert "wj2024-canteen" not in {m["template"]["id"] for m in ours}


@pytest.mark.reliability(
    fault="Hostile answer or template file",
    method="district roster CSV with a bad school code, an unknown stage and a repeated code",
)
def test_a_bad_roster_row_is_named_and_nothing_is_recorded(cli: Any, tmp_path: Path) -> None:
    bureau = tmp_path / "教育局"
    roster = tmp_path / "名单.csv"
    roster.write_text(
        "学校标识码,学校名称,学段\n3204000001,甲小学,小学\n12,乙小学,小学\n"
        "3204000003,丙小学,大学\n3204000001,甲小学,小学\n",
        encoding="utf-8",
    )
    err = refused(cli("--district", bureau, "district", "roster", roster), f"{roster}:3: code:")
    assert f"{roster}:4: stages: 未知学段“大学”" in err and f"{roster}:5: code:" in err
    shown = ok(cli("--district", bureau, "district", "missing", "--period", "2024", "--json"))
    assert json.loads(shown) == []  # no school became known
