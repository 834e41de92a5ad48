"""``wjself template validate`` and ``convert`` as a user and a script see them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import SAMPLE
from tests.helpers.factory import item, template_dict


def test_version_and_help(cli) -> None:
    result = cli("--version")
    assert result.code == 0 and result.out.startswith("wjself ")
    result = cli("--help")
    assert result.code == 0 and "template" in result.out


def test_validate_valid_file(cli) -> None:
    result = cli("template", "validate", SAMPLE)
    assert result.code == 0, result.err
    assert "有效" in result.out and result.err == ""


def test_validate_reports_every_problem_of_every_file(cli, tmp_path: Path) -> None:
    bad = template_dict([item("1A"), item("B", "single")])
    bad_file = tmp_path / "bad.json"
    bad_file.write_text(json.dumps(bad, ensure_ascii=False), "utf-8")
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"\x00\x01garbage")
    result = cli("template", "validate", SAMPLE, bad_file, junk)
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert any(line.startswith(f"{bad_file}:$.sections[0].items[0]: code:") for line in lines), (
        lines
    )
    assert any(line.startswith(f"{bad_file}:$.sections[0].items[1]: options:") for line in lines), (
        lines
    )
    assert any(line.startswith(f"{junk}: ") for line in lines), lines
    assert "Traceback" not in result.err


def test_convert_both_ways(cli, tmp_path: Path) -> None:
    xlsx = tmp_path / "s.xlsx"
    back = tmp_path / "s.json"
    assert cli("template", "convert", SAMPLE, "-o", xlsx).code == 0
    assert cli("template", "validate", xlsx).code == 0
    assert cli("template", "convert", xlsx, "-o", back).code == 0
    assert json.loads(back.read_text("utf-8")) == json.loads(SAMPLE.read_text("utf-8"))


def test_convert_refuses_invalid_input_and_writes_nothing(cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}", "utf-8")
    out = tmp_path / "out.xlsx"
    result = cli("template", "convert", bad, "-o", out)
    assert result.code == 2 and "form_id" in result.err
    assert not out.exists()
    result = cli("template", "convert", SAMPLE, "-o", tmp_path / "out.csv")
    assert result.code == 2 and ".xlsx" in result.err


def test_convert_to_unwritable_place(cli, tmp_path: Path) -> None:
    result = cli("template", "convert", SAMPLE, "-o", tmp_path / "no" / "such" / "dir" / "x.json")
    assert result.code == 2 and "无法写入" in result.err


def test_usage_error_exits_2(cli) -> None:
    assert cli("template").code == 2
    assert cli("no-such-command").code == 2


def test_subprocess_exit_codes_and_no_traceback(run_cli, tmp_path: Path) -> None:
    ok = run_cli("template", "validate", SAMPLE)
    assert ok.code == 0, ok.err
    bad = tmp_path / "bad.xlsx"
    bad.write_text("type,name\n", "utf-8")
    result = run_cli("template", "validate", bad)
    assert result.code == 2 and "CSV" in result.err and "Traceback" not in result.err
