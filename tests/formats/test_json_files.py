"""JSON template files: encoding, duplicate keys, depth, size, and located problems."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SAMPLE
from tests.helpers.factory import item, template_dict
from wjself.core.codec import template_from_dict_strict
from wjself.formats.json_template import template_json_bytes
from wjself.formats.templates import load_template, read_template, write_template


def write(tmp_path: Path, data: bytes, name: str = "t.json") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def only_messages(path: Path) -> str:
    template, problems = load_template(path)
    assert template is None or problems
    return "\n".join(map(str, problems))


def test_sample_reads_and_writes_identically(tmp_path: Path) -> None:
    t = read_template(SAMPLE)
    out = tmp_path / "out.json"
    write_template(t, out)
    assert read_template(out) == t
    assert json.loads(out.read_text("utf-8")) == json.loads(SAMPLE.read_text("utf-8"))


@pytest.mark.reliability(fault="Hostile template JSON", method="UTF-8 BOM")
def test_bom_is_accepted(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + json.dumps(template_dict([item("A")]), ensure_ascii=False).encode()
    assert read_template(write(tmp_path, data)).id == "t-test"


@pytest.mark.reliability(fault="Hostile template JSON", method="invalid UTF-8")
def test_invalid_utf8(tmp_path: Path) -> None:
    text = json.dumps(template_dict([item("A")]), ensure_ascii=False)
    assert "UTF-8" in only_messages(write(tmp_path, text.encode("gbk")))


def test_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    assert "第 2 行" in only_messages(write(tmp_path, b'{"id": "x",\n "version": }'))


@pytest.mark.reliability(fault="Hostile template JSON", method="duplicate keys")
def test_duplicate_keys(tmp_path: Path) -> None:
    data = b'{"id": "a", "id": "b", "version": "1", "title": "t", "sections": []}'
    assert "出现了两次" in only_messages(write(tmp_path, data))


@pytest.mark.reliability(fault="Hostile template JSON", method="JSON nested deeper than 32 levels")
def test_deep_nesting_is_refused_not_crashing(tmp_path: Path) -> None:
    assert "嵌套过深" in only_messages(write(tmp_path, b"[" * 100_000 + b"]" * 100_000))


@pytest.mark.reliability(fault="Hostile template JSON", method="NaN and Infinity")
def test_nan_is_refused(tmp_path: Path) -> None:
    data = (
        json.dumps(template_dict([item("A", weight=1)]))
        .replace('"weight": 1', '"weight": NaN')
        .encode()
    )
    assert "NaN" in only_messages(write(tmp_path, data))


def test_not_an_object(tmp_path: Path) -> None:
    assert "应为对象" in only_messages(write(tmp_path, b"[1, 2]"))


@pytest.mark.reliability(fault="Huge input file", method="template JSON over 20 MiB")
def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    with path.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    assert "过大" in only_messages(path)


def test_wrong_extension_content_mismatch(tmp_path: Path) -> None:
    assert "不是 JSON" in only_messages(write(tmp_path, b"PK\x03\x04rest", "t.json"))
    assert ".xls" in only_messages(
        write(tmp_path, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "t.xlsx")
    )
    assert "CSV" in only_messages(
        write(tmp_path, "type,name,label\ntext,a,甲\n".encode(), "t.xlsx")
    )
    assert "不支持的文件类型" in only_messages(write(tmp_path, b"hello", "t.txt"))
    assert "缺少模板编号" in only_messages(write(tmp_path, b"{}", "t.txt"))  # content decides
    assert "不存在" in only_messages(tmp_path / "missing.json")


def test_writer_output_is_stable() -> None:
    t = template_from_dict_strict(template_dict([item("A")]))
    assert template_json_bytes(t) == template_json_bytes(t)
    assert template_json_bytes(t).endswith(b"}\n")
