"""What comes in from outside is checked before anything is read or stored: answer and
template files that are not regular files, lone surrogates, JSON that is not an object, ids
beyond SQLite's range (issue #12, cases 5 and 6)."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.conftest import SAMPLE, Result
from tests.helpers.factory import item, template_dict
from tests.store.conftest import primary_school
from wjself.core.codec import template_from_dict
from wjself.core.errors import InputError
from wjself.formats.answers import read_answer_file
from wjself.formats.templates import read_template
from wjself.formats.xlsform import read_xlsform
from wjself.formats.xlsform_write import xlsform_bytes
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
        (
            "assessment",
            "finalize",
            "99999999999999999999",
            "--filled-by",
            "a",
            "--reviewed-by",
            "b",
        ),
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


# ---------------------------------------------------------------- numbers from Excel


def workbook(path: Path, sheets: list[tuple[str, str, list[list[Any]]]]) -> Path:
    """An XLSX of (title, state, rows); a row's cell may be (value, number_format)."""
    book = openpyxl.Workbook()
    first = True
    for title, state, rows in sheets:
        ws = book.active if first else book.create_sheet()
        assert ws is not None
        first = False
        ws.title = title
        ws.sheet_state = state
        for r, row in enumerate(rows, start=1):
            for c, cell in enumerate(row, start=1):
                value, fmt = cell if isinstance(cell, tuple) else (cell, None)
                target = ws.cell(row=r, column=c, value=value)
                if fmt:
                    target.number_format = fmt
    book.save(path)
    return path


HEADER = ["code", "value", "note"]


@pytest.mark.reliability(
    fault="Numbers from Excel",
    method="87% typed in Excel (0.87 with format 0%), dates, text that looks like a number",
)
def test_excel_cells_are_read_as_shown(
    cli: Any, draft: int, tmp_path: Path, data_dir: Path
) -> None:
    path = workbook(
        tmp_path / "a.xlsx",
        [
            (
                "Sheet1",
                "visible",
                [
                    HEADER,
                    ["B01", (0.87, "0%"), None],
                    ["A02", (0.125, "0.0%"), None],  # a number item: shown as 12.5%, refused
                    ["B04", (dt.datetime(2024, 3, 5), "yyyy/m/d"), None],
                    ["A05", "0087", "007号"],
                ],
            )
        ],
    )
    result: Result = cli("answer", "import", draft, path)
    assert result.code == 2 and ":row 3: value:" in result.err and "12.5%" in result.err
    path = workbook(
        tmp_path / "b.xlsx",
        [
            (
                "Sheet1",
                "visible",
                [
                    HEADER,
                    ["B01", (0.87, "0%"), None],
                    ["B04", (dt.datetime(2024, 3, 5), "yyyy/m/d"), None],
                    ["A05", "0087", "007号"],
                    ["A02", (12, '0"%"'), None],  # a literal % sign does not scale
                ],
            )
        ],
    )
    result = cli("answer", "import", draft, path)
    assert result.code == 0, result
    with Workspace.open(DataPaths(data_dir)) as ws:
        answers = ws.assessments.view(draft).answers
    assert answers["B01"].value == 87.0
    assert answers["B04"].value == "2024-03-05"
    assert answers["A05"].value == "0087" and answers["A05"].note == "007号"
    assert answers["A02"].value == 12.0


@pytest.mark.reliability(
    fault="Numbers from Excel", method="a hidden first sheet beside the visible answers"
)
def test_hidden_sheet_is_not_read(cli: Any, draft: int, tmp_path: Path, data_dir: Path) -> None:
    path = workbook(
        tmp_path / "a.xlsx",
        [
            ("去年", "hidden", [HEADER, ["A01", "不符合", "旧的"]]),
            ("Sheet2", "visible", [HEADER, ["A01", "符合", "新的"]]),
        ],
    )
    result: Result = cli("answer", "import", draft, path)
    assert result.code == 0, result
    with Workspace.open(DataPaths(data_dir)) as ws:
        a01 = ws.assessments.view(draft).answers["A01"]
    assert (a01.value, a01.note) == ("met", "新的")


@pytest.mark.parametrize(
    ("sheets", "named"),
    [
        ([("一", "visible"), ("二", "visible")], "多个可见的工作表（“一”、“二”）"),
        ([("answers", "visible"), ("答案", "hidden")], "多个答案工作表（“answers”、“答案”）"),
    ],
)
@pytest.mark.reliability(
    fault="Numbers from Excel", method="several candidate sheets (visible, or named for answers)"
)
def test_ambiguous_workbooks_are_refused_naming_the_sheets(
    tmp_path: Path, sheets: list[tuple[str, str]], named: str
) -> None:
    path = workbook(tmp_path / "a.xlsx", [(t, s, [HEADER, ["A01", "符合"]]) for t, s in sheets])
    with pytest.raises(InputError, match=re.escape(named)):
        read_answer_file(path)


def test_the_sheet_named_for_answers_wins(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "a.xlsx",
        [("说明", "visible", [["请填写答案页"]]), ("自评", "visible", [HEADER, ["A01", "符合"]])],
    )
    assert [(r.code, r.value) for r in read_answer_file(path)] == [("A01", "符合")]


# ---------------------------------------------------------------- smaller (case 7)


@pytest.mark.reliability(
    fault="Hostile answer or template file", method="answer CSV with 50,000 bad rows"
)
def test_fifty_thousand_bad_rows_print_a_capped_list(cli: Any, draft: int, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("code,value\n" + "NOPE,符合\n" * 50_000, "utf-8")
    result: Result = cli("answer", "import", draft, path)
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 21, lines[:3]
    assert ":row 2: code:" in lines[0] and "还有 49980 处问题" in lines[-1]


HUGE = "1" * 5000


@pytest.mark.parametrize("kind", ["json", "csv", "xlsx"])
@pytest.mark.reliability(
    fault="Hostile answer or template file",
    method="a 5000-digit number (Python's 4300-digit limit) in an answer file",
)
def test_huge_numbers_get_our_message_naming_the_row(
    cli: Any, draft: int, tmp_path: Path, kind: str
) -> None:
    path = tmp_path / f"a.{kind}"
    if kind == "json":
        path.write_text('{"answers": [{"code": "B01", "value": ' + HUGE + "}]}", "utf-8")
    elif kind == "csv":
        path.write_text(f"code,value\nB01,{HUGE}\n", "utf-8")
    else:
        workbook(path, [("Sheet1", "visible", [HEADER, ["B01", 5]])])
        with zipfile.ZipFile(path) as source:
            parts = {n: source.read(n) for n in source.namelist()}
        sheet = "xl/worksheets/sheet1.xml"
        parts[sheet] = parts[sheet].replace(b"<v>5</v>", f"<v>{HUGE}</v>".encode())
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for n, data in parts.items():
                out.writestr(n, data)
    result: Result = cli("answer", "import", draft, path)
    assert result.code == 2
    assert ":row 2" in result.err or ":row 1: value" in result.err, result.err
    assert "Exceeds" not in result.err and "digits" not in result.err


@pytest.mark.reliability(
    fault="Hostile answer or template file", method="CSV cell over csv's field limit"
)
def test_csv_field_over_the_limit_gets_our_message(cli: Any, draft: int, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("code,value,note\nA01,符合,ok\nA04,符合," + "长" * 200_000 + "\n", "utf-8")
    result: Result = cli("answer", "import", draft, path)
    assert result.code == 2 and ":row 3: " in result.err and "过长" in result.err
    assert "field larger" not in result.err


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"), ("nul", "空字节")],
)
@pytest.mark.reliability(
    fault="Hostile answer or template file", method="answer CSV in UTF-16 or with NUL bytes"
)
def test_utf16_and_nul_csv_are_named_for_what_they_are(
    cli: Any, draft: int, tmp_path: Path, encoding: str, expected: str
) -> None:
    path = tmp_path / "a.csv"
    text = "code,value,note\r\nA01,符合,台账齐全\r\n"
    path.write_bytes(
        text.replace("符合", "符合\x00").encode() if encoding == "nul" else text.encode(encoding)
    )
    result: Result = cli("answer", "import", draft, path)
    assert result.code == 2 and expected in result.err
    assert "检查表模板" not in result.err


@pytest.mark.reliability(
    fault="Hostile answer or template file",
    method="school code typed in fullwidth digits (３２０４…)",
)
def test_fullwidth_school_code_is_the_same_school(cli: Any, data_dir: Path) -> None:
    with Workspace.open(DataPaths(data_dir)) as ws:
        school = ws.schools.add(primary_school(code="３２０４１２０００１"))
        assert school.code == "3204120001"
        found = ws.schools.find("３２０４１２０００１")
        assert found is not None and found.id == school.id
        with pytest.raises(InputError, match="已被"):
            ws.schools.add(primary_school(code="3204120001"))
    result: Result = cli(
        "school", "add", "--name", "另一所", "--code", "３２０４１２０００１", "--stage", "小学"
    )
    assert result.code == 2 and "已被" in result.err
    assert cli("school", "list").out.count("3204120001") == 1


@pytest.mark.reliability(
    fault="Hostile answer or template file", method="item codes that differ only in case"
)
def test_item_codes_differing_only_in_case_are_refused() -> None:
    data = template_dict([item("A01", weight=1), item("a01", weight=1), item("B01")])
    _, problems = template_from_dict(data, "t.json")
    assert [p.field for p in problems] == ["code"], problems
    assert "“a01”与“A01”" in problems[0].message and "大小写" in problems[0].message
    assert problems[0].sheet.endswith("items[1]")


@pytest.mark.reliability(
    fault="Hostile answer or template file",
    method="XLSForm compliance list whose option names are not met/partial/not_met/na",
)
def test_compliance_list_with_other_names_gets_one_line(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(io.BytesIO(xlsform_bytes(read_template(SAMPLE))))
    choices = book["choices"]
    header = [c.value for c in choices[1]]
    list_col, name_col = header.index("list_name"), header.index("name")
    for row in choices.iter_rows(min_row=2):
        if row[list_col].value == "compliance" and row[name_col].value == "met":
            row[name_col].value = "good"
    out = io.BytesIO()
    book.save(out)
    _, problems = read_xlsform(out.getvalue(), "t.xlsx")
    assert len(problems) == 1, [str(p) for p in problems]
    assert "选项列表“compliance”" in problems[0].message and problems[0].sheet == "choices"
    assert not any("权重" in p.message for p in problems)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"answers": [{"code": "A01" "value": 1}]}', "缺少英文逗号"),
        (b"{answers: []}", "字段名"),
        (b'{"answers": []} extra', "多余的内容"),
    ],
)
@pytest.mark.reliability(
    fault="Hostile answer or template file", method="malformed JSON: Python's words replaced"
)
def test_json_syntax_errors_are_in_chinese(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(content)
    with pytest.raises(InputError, match=expected) as caught:
        read_answer_file(path)
    assert "Expecting" not in str(caught.value.problems[0])


@pytest.mark.reliability(
    fault="Hostile answer or template file",
    method="XLSX answers with more rows than allowed: refused as too many without reading on "
    "(a 7 MB workbook of a million rows took 90 s and 680 MB)",
)
def test_an_answer_workbook_with_too_many_rows_is_refused_before_the_rest_is_read(
    tmp_path: Path,
) -> None:
    from wjself.formats.answers import MAX_ROWS

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("answers")
    sheet.append(["code", "value"])
    for _ in range(MAX_ROWS + 1):
        sheet.append(["A01", "符合"])
    # Beyond the limit: never reached, so never reported.
    sheet.append(["A02", "=1+1"])
    path = tmp_path / "many.xlsx"
    book.save(path)
    with pytest.raises(InputError) as caught:
        read_answer_file(path)
    messages = [p.message for p in caught.value.problems]
    assert messages == [f"答案过多，上限 {MAX_ROWS} 行"], messages[:3]
    # Exactly the limit, then empty rows: read.
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("answers")
    sheet.append(["code", "value"])
    for _ in range(MAX_ROWS):
        sheet.append(["A01", "符合"])
    for _ in range(3):
        sheet.append([None, " "])
    book.save(path)
    assert len(read_answer_file(path)) == MAX_ROWS
