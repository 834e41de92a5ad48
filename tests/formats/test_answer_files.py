"""Answer files: JSON, CSV (UTF-8, BOM, GB18030) and XLSX read into rows with row numbers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest

from wjself.core.assessment import AnswerRow
from wjself.core.errors import InputError
from wjself.formats.answers import read_answer_file

CSV_TEXT = 'code,value,note,extra\nA01,符合,台账齐全,x\n\nA02,3,,\nB02,"线下讲座、线上课程","多行\n备注",\n'
EXPECTED = [
    AnswerRow(2, "A01", "符合", "台账齐全"),
    AnswerRow(4, "A02", "3", ""),
    AnswerRow(5, "B02", "线下讲座、线上课程", "多行\n备注"),
]


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "gb18030"], ids=["utf8", "utf8-bom", "gb18030"]
)
def test_csv_in_the_encodings_schools_have(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "answers.csv"
    path.write_bytes(CSV_TEXT.encode(encoding))
    assert read_answer_file(path) == EXPECTED


def test_csv_with_chinese_headers_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "答案.csv"
    path.write_bytes("代码,结果,备注\r\nA01,不符合,缺记录\r\n".encode("gb18030"))
    assert read_answer_file(path) == [AnswerRow(2, "A01", "不符合", "缺记录")]


def test_xlsx_keeps_cell_types(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "答案"
    sheet.append(["Code", "Value", "Note"])
    sheet.append(["A02", 3, None])
    sheet.append([None, None, None])
    sheet.append(["B04", dt.datetime(2024, 3, 5), "培训"])
    sheet.append([101, "是", ""])
    path = tmp_path / "answers.xlsx"
    book.save(path)
    assert read_answer_file(path) == [
        AnswerRow(2, "A02", 3, None),
        AnswerRow(4, "B04", dt.date(2024, 3, 5), "培训"),  # a date cell without a time
        AnswerRow(5, "101", "是", None),  # an empty cell reads as no note
    ]


def test_json(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    data = {
        "answers": [
            {"code": "A01", "value": "符合", "note": "好"},
            {"code": "B02", "value": ["offline", "visit"]},
            {"code": "A02", "value": 2},
        ]
    }
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    assert read_answer_file(path) == [
        AnswerRow(1, "A01", "符合", "好"),
        AnswerRow(2, "B02", ["offline", "visit"], None),
        AnswerRow(3, "A02", 2, None),
    ]


def test_json_shape_problems_name_the_row(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    bad = {
        "answers": [
            {"code": "A01", "value": "符合"},
            "A02",
            {"code": None},
            {"code": "B", "value": {"x": 1}},
        ]
    }
    path.write_text(json.dumps(bad), "utf-8")
    with pytest.raises(InputError) as caught:
        read_answer_file(path)
    assert [str(p).split(": ")[0] for p in caught.value.problems] == [
        f"{path}:row 2",
        f"{path}:row 3",
        f"{path}:row 4",
    ]
    path.write_text('[{"code": "A01"}]', "utf-8")
    with pytest.raises(InputError, match="answers"):
        read_answer_file(path)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.csv", b"value,note\n1,2\n", "表头缺少 code"),
        ("a.csv", b"", "空的"),
        ("a.csv", b"PK\x03\x04junk", ".xlsx"),
        ("a.xlsx", b"code,value\nA,1\n", "纯文本"),
        ("a.xlsx", b"PK\x03\x04broken", "损坏"),
        ("a.txt", b"code,value\n", "不支持的文件类型"),
        ("a.json", b"{not json", "JSON 格式错误"),
        ("a.csv", b"\xff\xfe\x00\x00\x81\x30", "无法识别"),
    ],
)
@pytest.mark.reliability(
    fault="Random answer files",
    method="unreadable answer files (wrong type, bad encoding, broken JSON)",
)
def test_unreadable_files_are_named(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as caught:
        read_answer_file(path)
    assert all(p.file == str(path) for p in caught.value.problems)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="文件不存在"):
        read_answer_file(tmp_path / "nope.csv")
