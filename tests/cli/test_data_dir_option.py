"""``--data-dir`` is taken before the command and after it, as users type it (issue #14)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.results import ok, refused

SCHOOL = ("--name", "甲", "--code", "3204120001", "--stage", "小学")


def school_codes(cli, *args: str | Path) -> list[str]:
    return [s["code"] for s in json.loads(ok(cli(*args)))]


@pytest.mark.parametrize(
    "where",
    [
        "before",  # wjself --data-dir D school add …
        "after",  # wjself school add … --data-dir D
        "between",  # wjself school --data-dir D add …
    ],
)
def test_school_add_and_list_honour_the_folder_wherever_it_is_given(
    cli, tmp_path: Path, where: str
) -> None:
    other = tmp_path / "其他文件夹"
    option = ("--data-dir", str(other))
    if where == "before":
        ok(cli(*option, "school", "add", *SCHOOL))
    elif where == "after":
        ok(cli("school", "add", *SCHOOL, *option))
    else:
        ok(cli("school", *option, "add", *SCHOOL))
    assert (other / "wjself.db").is_file()
    assert school_codes(cli, "school", "list", "--json", *option) == ["3204120001"]
    assert school_codes(cli, *option, "school", "list", "--json") == ["3204120001"]
    assert school_codes(cli, "school", "list", "--json") == []  # the default folder untouched


def test_demo_and_assessment_list_after_the_command(cli, tmp_path: Path) -> None:
    folder = tmp_path / "演示"
    ok(cli("demo", "--data-dir", folder))
    listed = ok(cli("assessment", "list", "--data-dir", folder))
    assert "演示" in listed and len(listed.splitlines()) >= 3
    assert ok(cli("template", "list", "--data-dir", folder)).strip()
    assert "没有自评" in ok(cli("assessment", "list"))  # nothing in the default folder


def test_given_twice_the_one_after_the_command_counts(cli, tmp_path: Path) -> None:
    first, second = tmp_path / "甲", tmp_path / "乙"
    ok(cli("--data-dir", first, "school", "add", *SCHOOL, "--data-dir", second))
    assert (second / "wjself.db").is_file() and not first.exists()


@pytest.mark.reliability(
    fault="--data-dir after the command names a folder that cannot be made",
    method="a file where a folder should be; exit 2 with the message, as before the command",
)
def test_a_bad_folder_after_the_command_is_refused_as_before_it(cli, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    refused(cli("school", "list", "--data-dir", blocker / "sub"), "无法创建数据文件夹")
    refused(cli("assessment", "list", "--data-dir"), "--data-dir")
