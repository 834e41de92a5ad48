"""What comes in from outside is checked before anything is read or stored: answer and
template files that are not regular files, lone surrogates, JSON that is not an object, ids
beyond SQLite's range (issue #12, cases 5 and 6)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SAMPLE, Result
from tests.store.conftest import primary_school
from wjself.core.errors import InputError
from wjself.formats.answers import read_answer_file
from wjself.formats.templates import read_template
from wjself.paths import DataPaths
from wjself.store import Workspace


@pytest.fixture
def draft(data_dir: Path) -> int:
    with Workspace.open(DataPaths(data_dir)) as ws:
        t = read_template(SAMPLE)
        ws.templates.install(t)
        school = ws.schools.add(primary_school())
        return ws.assessments.new(school.id, t.id, None, "2024")


def not_regular(tmp_path: Path, kind: str, name: str) -> Path:
    path = tmp_path / name
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "link to /dev/zero":
        path.symlink_to("/dev/zero")
    else:
        path.mkdir()
    return path


KINDS = ["fifo", "link to /dev/zero", "folder"]
EXPECTED = {"fifo": "命名管道", "link to /dev/zero": "设备文件", "folder": "文件夹"}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", ["answers.csv", "answers.json", "answers.xlsx", "t.json"])
def test_files_that_are_not_regular_are_refused_without_reading(
    tmp_path: Path, kind: str, name: str, request: Any
) -> None:
    request.applymarker(
        pytest.mark.reliability(
            fault="Hostile answer or template file",
            method=f"{kind} named {name} (would hang or read forever)",
        )
    )
    path = not_regular(tmp_path, kind, name)
    reader = read_template if name.startswith("t.") else read_answer_file
    with pytest.raises(InputError, match=EXPECTED[kind]):
        reader(path)


@pytest.mark.reliability(
    fault="Hostile answer or template file", method="answer import of a FIFO from the CLI"
)
def test_cli_answer_import_of_a_fifo_exits_2(cli: Any, draft: int, tmp_path: Path) -> None:
    path = not_regular(tmp_path, "fifo", "answers.csv")
    result: Result = cli("answer", "import", draft, path)
    assert result.code == 2 and "命名管道" in result.err


@pytest.mark.parametrize(
    ("where", "entry"),
    [
        ("value", {"code": "A01", "value": "\ud800"}),
        ("note", {"code": "A01", "value": "符合", "note": "台账\udfff"}),
        ("code", {"code": "A\ud800", "value": "符合"}),
    ],
)
@pytest.mark.reliability(
    fault="Hostile answer or template file", method="lone surrogate (\\ud800) in answer JSON"
)
def test_lone_surrogate_in_answer_json_exits_2(
    cli: Any, draft: int, tmp_path: Path, where: str, entry: dict[str, str]
) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"answers": [entry]}), "ascii")  # \ud800 as a JSON escape
    result: Result = cli("answer", "import", draft, path)
    assert result.code == 2, result
    assert f"$.answers[0].{where}" in result.err and "代理码位" in result.err


@pytest.mark.reliability(
    fault="Hostile answer or template file", method="lone surrogate in a note typed on the CLI"
)
def test_lone_surrogate_typed_as_a_note_exits_2(cli: Any, draft: int) -> None:
    result: Result = cli("answer", "set", draft, "A01", "符合", "--note", "x\udced")
    assert result.code == 2 and "代理码位" in result.err


@pytest.mark.reliability(
    fault="Hostile answer or template file", method="lone surrogate as UTF-8 bytes in a CSV"
)
def test_lone_surrogate_bytes_in_a_csv_exit_2(cli: Any, draft: int, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"code,value,note\nA01,\xe7\xac\xa6\xe5\x90\x88,\xed\xa0\x80\n")
    result: Result = cli("answer", "import", draft, path)
    assert result.code == 2 and result.err.strip()


@pytest.mark.reliability(
    fault="Hostile answer or template file", method="lone surrogate in a JSON template"
)
def test_lone_surrogate_in_a_template_exits_2(cli: Any, data_dir: Path, tmp_path: Path) -> None:
    data = json.loads(SAMPLE.read_text("utf-8"))
    data["title"] = "学校\ud800"
    path = tmp_path / "t.json"
    path.write_text(json.dumps(data), "ascii")
    result: Result = cli("template", "import", path)
    assert result.code == 2 and "$.title" in result.err and "代理码位" in result.err


@pytest.mark.parametrize(
    ("content", "kind"),
    [(b"null", "空值"), (b"[1, 2]", "数组"), (b"42", "数字"), (b'"x"', "文字"), (b"true", "true")],
)
@pytest.mark.reliability(
    fault="Hostile answer or template file", method="JSON template that is null, a list, a number"
)
def test_json_template_that_is_not_an_object_gets_one_line(
    cli: Any, data_dir: Path, tmp_path: Path, content: bytes, kind: str
) -> None:
    path = tmp_path / "t.json"
    path.write_bytes(content)
    for command in ("validate", "import"):
        result: Result = cli("template", command, path)
        assert result.code == 2
        lines = result.err.strip().splitlines()
        assert len(lines) == 1 and kind in lines[0] and "不是检查表模板" in lines[0], lines


@pytest.mark.parametrize(
    "args",
    [
        ("assessment", "show", "999999999999999999999"),
        ("assessment", "show", "9223372036854775808"),
        ("assessment", "finalize", "99999999999999999999", "--filled-by", "a", "--reviewed-by", "b"),
        ("assessment", "new", "--school", "1" + "0" * 30, "--template", "x", "--period", "2024"),
        ("answer", "set", "1" + "0" * 25, "A01", "符合"),
        ("report", "pdf", "1", "1" + "0" * 25, "-o", "x.pdf"),
        ("bundle", "export", "1" + "0" * 25, "-o", "x.wjsa"),
        ("assessment", "show", "１２"),
    ],
)
@pytest.mark.reliability(
    fault="Out-of-range command-line arguments", method="ids of 2^63 and more, non-ASCII digits"
)
def test_huge_ids_exit_2_with_a_message(cli: Any, data_dir: Path, args: tuple[str, ...]) -> None:
    result: Result = cli(*args)
    assert result.code == 2, result
    assert "编号" in result.err and "内部错误" not in result.err


def test_largest_sqlite_id_is_accepted_and_not_found(cli: Any, draft: int) -> None:
    result: Result = cli("assessment", "show", str(2**63 - 1))
    assert result.code == 2 and "内部错误" not in result.err
