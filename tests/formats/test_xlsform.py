"""XLSX in the XLSForm layout: round trip, pyxform's verdict, forms from elsewhere, bad files."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.conftest import SAMPLE
from tests.helpers.factory import item, template
from tests.helpers.pyxform import pyxform_verdict
from wjself.core.errors import Problem
from wjself.formats.templates import load_template, read_template, write_template
from wjself.formats.xlsform import read_xlsform
from wjself.formats.xlsform_write import xlsform_bytes


def workbook(
    survey: list[list[Any]],
    choices: list[list[Any]] | None = None,
    settings: list[list[Any]] | None = None,
) -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "survey"
    for row in survey:
        ws.append(row)
    if choices is not None:
        sheet = book.create_sheet("choices")
        for row in choices:
            sheet.append(row)
    sheet = book.create_sheet("settings")
    for row in settings or [
        ["form_id", "version", "form_title"],
        ["kobo-form", "2024031501", "外部表单"],
    ]:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def problems_text(problems: list[Problem]) -> str:
    return "\n".join(map(str, problems))


def test_json_xlsx_json_round_trip(tmp_path: Path) -> None:
    t = read_template(SAMPLE)
    xlsx = tmp_path / "sample.xlsx"
    write_template(t, xlsx)
    assert read_template(xlsx) == t
    back = tmp_path / "back.json"
    write_template(read_template(xlsx), back)
    assert json.loads(back.read_text("utf-8")) == json.loads(SAMPLE.read_text("utf-8"))


def test_round_trip_of_every_field() -> None:
    t = template(
        [
            item(
                "A", weight=2.5, required=True, clause="§21", method="m", evidence="e", guidance="g"
            ),
            item("B", "yes_no", target="= no"),
            item("C", "number", unit="次", target="<= 3"),
            item(
                "D",
                "single",
                options=[
                    {"name": "x", "label": '=HYPERLINK("http://x")', "score": 0.25},
                    {"name": "y", "label": "乙"},
                ],
            ),
            item(
                "E",
                "multiple",
                options=[{"name": "x", "label": "甲"}, {"name": "y", "label": "乙"}],
                show_if="${A} = 'not_met'",
            ),
            item(
                "F",
                "text",
                applies_to={
                    "stages": ["小学", "初中"],
                    "facts": {"has_canteen": True, "boarding": False},
                },
            ),
            item("G", "date", guidance="=1+1 is text, not a formula"),
        ],
        [item("H", "percent", target=">= 90")],
        issuer="区教育局",
        plan_ref="§21",
        published="2024-03-01",
        description="说明",
        stages=["小学"],
        bands=[{"label": "达标", "min": 75}, {"label": "未达标", "min": 0}],
        partial_credit=0.6,
    )
    back, problems = read_xlsform(xlsform_bytes(t), "t.xlsx")
    assert problems == []
    assert back == t


@pytest.mark.reliability(
    fault="Formulas in spreadsheet cells",
    method="formula-like template text written to XLSX stays text",
)
def test_formulas_are_written_as_text_and_read_as_text() -> None:
    t = template([item("A", guidance="=cmd|' /C calc'!A0")])
    data = xlsform_bytes(t)
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml
    back, problems = read_xlsform(data, "t.xlsx")
    assert not problems and back is not None
    assert back.item("A").guidance == "=cmd|' /C calc'!A0"  # type: ignore[union-attr]


def test_pyxform_accepts_what_we_write(tmp_path: Path) -> None:
    xlsx = tmp_path / "sample.xlsx"
    write_template(read_template(SAMPLE), xlsx)
    verdict = pyxform_verdict(xlsx, tmp_path / "sample.xml")
    assert verdict["code"] == 100, verdict
    assert (tmp_path / "sample.xml").read_text("utf-8").count("<bind ") >= 9


def test_form_made_elsewhere_loads_where_types_fit() -> None:
    data = workbook(
        [
            [
                "type",
                "name",
                "label::Chinese (zh)",
                "hint::Chinese (zh)",
                "required",
                "relevant",
                "appearance",
            ],
            ["start", "start", "", "", "", "", ""],
            ["deviceid", "deviceid", "", "", "", "", ""],
            ["begin group", "g1", "基本情况", "", "", "", "field-list"],
            ["select_one yes_no", "q1", "是否有食堂", "", "yes", "", ""],
            ["integer", "q2", "学生人数", "", "TRUE()", "${q1} = 'yes'", ""],
            ["select_multiple sports", "q3", "开展的项目", "可多选", "", "", ""],
            ["end group", "", "", "", "", "", ""],
            ["text", "q4", "备注", "", "false", "", "multiline"],
        ],
        [
            ["list name", "name", "label::Chinese (zh)"],
            ["yes_no", "yes", "是"],
            ["yes_no", "no", "否"],
            ["sports", "ball", "球类"],
            ["sports", "run", "田径"],
        ],
    )
    t, problems = read_xlsform(data, "kobo.xlsx")
    assert problems == [], problems_text(problems)
    assert t is not None
    assert [i.code for i in t.items()] == ["q1", "q2", "q3", "q4"]
    assert t.item("q1").kind.value == "yes_no"  # type: ignore[union-attr]
    assert t.item("q2").required and t.item("q2").show_if == "${q1} = 'yes'"  # type: ignore[union-attr]
    assert t.item("q3").guidance == "可多选"  # type: ignore[union-attr]
    assert [s.title for s in t.sections] == ["基本情况", "未分组检查项"]


def test_types_wjself_cannot_ask_are_refused_by_name_with_row() -> None:
    data = workbook(
        [
            ["type", "name", "label"],
            ["geopoint", "loc", "位置"],
            ["image", "photo", "照片"],
            ["calculate", "calc", ""],
            ["begin_repeat", "rep", "重复"],
            ["select_one yes_no or_other", "q", "问"],
            ["text", "ok", "可以"],
        ],
        [["list_name", "name", "label"], ["yes_no", "yes", "是"], ["yes_no", "no", "否"]],
    )
    _t, problems = read_xlsform(data, "f.xlsx")
    text = problems_text(problems)
    for row, word in [
        (2, "geopoint"),
        (3, "image"),
        (4, "calculate"),
        (5, "begin_repeat"),
        (6, "or_other"),
    ]:
        assert re.search(rf"f.xlsx:survey:{row}: type: .*{word}", text), text


def test_structural_problems_are_located() -> None:
    data = workbook(
        [
            ["type", "name", "label", "weight", "target", "applies_to", "required"],
            ["begin_group", "g", "组", "", "", "", ""],
            ["begin_group", "h", "嵌套", "", "", "", ""],
            ["select_one compliance", "A", "甲", "heavy", "", "", ""],
            ["decimal", "B", "乙", "", "about", "大学", ""],
            ["select_one missing", "C", "丙", "", "", "", "maybe"],
            ["text", "A", "重复", "", "", "", ""],
            ["end_group", "", "", "", "", "", ""],
            ["end_group", "", "", "", "", "", ""],
        ],
        [
            ["list_name", "name", "label"],
            ["compliance", "met", "符合"],
            ["compliance", "partial", "基本符合"],
            ["compliance", "not_met", "不符合"],
            ["compliance", "na", "不适用"],
        ],
        [["form_id", "version"], ["", "1"]],
    )
    _, problems = read_xlsform(data, "f.xlsx")
    text = problems_text(problems)
    for expected in [
        "survey:3: type: 分组不能嵌套",
        "survey:4: weight",
        "survey:5: target",
        "survey:5: applies_to",
        "survey:6: type: choices 表中没有",
        "survey:6: required",
        "survey:7: name: 代码“A”重复",
        "survey:9: type: end_group",
        "settings:2: form_id",
        "settings:2: form_title",
    ]:
        assert expected in text, text


def test_missing_sheets_and_columns() -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Sheet1"
    out = io.BytesIO()
    book.save(out)
    _, problems = read_xlsform(out.getvalue(), "f.xlsx")
    assert "缺少工作表“survey”" in problems_text(problems)
    _, problems = read_xlsform(workbook([["name", "label"], ["a", "甲"]]), "f.xlsx")
    assert "survey:1: type: 缺少列“type”" in problems_text(problems)


def _with_dimension(data: bytes, ref: str, extra_row: str = "") -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = re.sub(
                    r'<dimension ref="[^"]*"/>', f'<dimension ref="{ref}"/>', content.decode()
                )
                text = text.replace("</sheetData>", extra_row + "</sheetData>")
                content = text.encode()
            dst.writestr(info, content)
    return out.getvalue()


def test_recorded_million_rows_with_ten_filled_loads_the_ten() -> None:
    t = template([item(f"A{i}") for i in range(10)])
    data = _with_dimension(
        xlsform_bytes(t), "A1:XFD1048576", '<row r="1048576"><c r="N1048576" s="1"/></row>'
    )
    back, problems = read_xlsform(data, "big.xlsx")
    assert problems == [] and back == t


@pytest.mark.parametrize("cut", [10, 100, 1000, -1000, -100, -22])
@pytest.mark.reliability(fault="Hostile template or answer XLSX", method="truncated XLSX")
def test_truncated_xlsx_gives_a_message(cut: int) -> None:
    data = xlsform_bytes(read_template(SAMPLE))
    _, problems = read_xlsform(data[:cut], "cut.xlsx")
    assert problems and "损坏" in problems_text(problems)


@pytest.mark.reliability(fault="Hostile template or answer XLSX", method="damaged deflate stream")
def test_damaged_deflate_stream_gives_a_message() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>" * 50)
    data = bytearray(out.getvalue())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/workbook.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start] = 0x00  # a stored block whose length fields do not match: zlib.error
    _, problems = read_xlsform(bytes(data), "damaged.xlsx")
    assert "损坏" in problems_text(problems)


@pytest.mark.reliability(
    fault="Hostile template or answer XLSX", method="an entry in a compression method Python lacks"
)
def test_unsupported_compression_method_gives_a_message() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    data = bytearray(out.getvalue())
    for at in (8, data.rfind(b"PK\x01\x02") + 10):  # method 99 (AES) in both headers
        data[at : at + 2] = (99).to_bytes(2, "little")
    _, problems = read_xlsform(bytes(data), "aes.xlsx")
    assert "损坏" in problems_text(problems)


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "hi")
    path = tmp_path / "t.xlsx"
    path.write_bytes(out.getvalue())
    _, problems = load_template(path)
    assert "不是 Excel 工作簿" in problems_text(problems)


@pytest.mark.reliability(
    fault="Hostile template or answer XLSX", method="zip bomb (250 MiB of zeros) inside XLSX"
)
def test_zip_bomb_is_refused_before_parsing() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * 1024)
    data = bytearray(out.getvalue())
    # Declare 250 MiB unpacked in the central directory, as a bomb does, without making one.
    entry = data.rindex(b"PK\x01\x02")
    data[entry + 24 : entry + 28] = (250 * 1024 * 1024).to_bytes(4, "little")
    _, problems = read_xlsform(bytes(data), "bomb.xlsx")
    assert "过大" in problems_text(problems)


@pytest.mark.reliability(
    fault="Hostile template or answer XLSX", method="password-protected workbook"
)
def test_password_protected_workbook(tmp_path: Path) -> None:
    fake = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 500
        + "EncryptedPackage".encode("utf-16-le")
        + b"\0" * 100
    )
    path = tmp_path / "locked.xlsx"
    path.write_bytes(fake)
    _, problems = load_template(path)
    assert "密码" in problems_text(problems)


def test_worked_example_xlsx_matches_its_json() -> None:
    """docs/examples/wj-sample.xlsx (the authors' guide's example) says what the JSON says."""
    assert read_template(SAMPLE.with_suffix(".xlsx")) == read_template(SAMPLE)
