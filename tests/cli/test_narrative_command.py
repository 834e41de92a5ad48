"""``wjself assessment narrative ID [--file FILE] [--json]``: the written 自查报告 from a file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.results import ok, refused
from tests.conftest import SAMPLE


@pytest.fixture
def started(cli) -> int:
    """A draft of the sample template for a primary school; its id."""
    ok(cli("template", "import", SAMPLE))
    school = ok(cli("school", "add", "--name", "武进区测试小学", "--code", "3204120001",
                    "--stage", "小学", "--township", "湖塘镇", "--has-labs"))  # fmt: skip
    new = ("assessment", "new", "--school", school.strip(), "--template", "wj-sample")
    return int(ok(cli(*new, "--period", "2024")))


MARKDOWN = """\
## 基本情况
本校现有教学班 24 个。

校园占地 42 亩。

## 主要做法与成效
### 一些小标题（学校自己的，属于本部分）
一是健全制度；二是每月排查。

二、存在问题
台账不全。
"""


def test_a_markdown_file_sets_the_parts_and_they_print_as_a_file_that_reads_back(
    cli, started: int, tmp_path: Path
) -> None:
    source = tmp_path / "自查报告.md"
    source.write_text(MARKDOWN, "utf-8")
    assert "3/4 部分有内容" in ok(cli("assessment", "narrative", started, "--file", source))
    got = json.loads(ok(cli("assessment", "narrative", started, "--json")))
    assert got == {
        "基本情况": "本校现有教学班 24 个。\n\n校园占地 42 亩。",
        "主要做法与成效": "### 一些小标题（学校自己的，属于本部分）\n一是健全制度；二是每月排查。",
        "存在问题": "台账不全。",
        "整改措施与下一步打算": "",
    }
    printed = ok(cli("assessment", "narrative", started))
    assert printed.startswith("一、基本情况\n\n本校现有教学班 24 个。")
    assert "四、整改措施与下一步打算\n" in printed
    # what it prints reads back as the same narrative
    again = tmp_path / "again.txt"
    again.write_text(printed, "utf-8")
    ok(cli("assessment", "narrative", started, "--file", again))
    assert json.loads(ok(cli("assessment", "narrative", started, "--json"))) == got


def test_a_json_file_sets_the_parts(cli, started: int, tmp_path: Path) -> None:
    source = tmp_path / "n.json"
    source.write_text(json.dumps({"存在问题": "台账不全。"}, ensure_ascii=False), "utf-8")
    ok(cli("assessment", "narrative", started, "--file", source))
    got = json.loads(ok(cli("assessment", "narrative", started, "--json")))
    assert got["存在问题"] == "台账不全。" and got["基本情况"] == ""


@pytest.mark.reliability(
    fault="Hostile input",
    method="narrative file: text before the first heading, an unknown heading, a part twice, an unknown JSON key",
)
def test_bad_files_are_refused_naming_the_line_and_nothing_changes(
    cli, started: int, tmp_path: Path
) -> None:
    good = tmp_path / "good.md"
    good.write_text("一、基本情况\n原有内容。\n", "utf-8")
    ok(cli("assessment", "narrative", started, "--file", good))
    cases = {
        "前言\n一、基本情况\nx\n": ["bad.md:1:", "第一个标题之前有文字"],
        "一、基本情况\nx\n## 附件\ny\n": ["bad.md:3:", "未知的标题“附件”"],
        "## 存在问题\nx\n## 存在问题\ny\n": ["bad.md:3:", "“存在问题”出现了两次"],
        "没有标题的文字\n": ["bad.md:1:", "第一个标题之前有文字"],
    }
    for text, expected in cases.items():
        bad = tmp_path / "bad.md"
        bad.write_text(text, "utf-8")
        refused(cli("assessment", "narrative", started, "--file", bad), *expected)
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"附件": "x", "基本情况": 3}', "utf-8")
    refused(
        cli("assessment", "narrative", started, "--file", bad_json), "未知的部分“附件”", "基本情况"
    )
    bad_json.write_bytes("一、基本情况\n".encode("utf-16"))
    refused(cli("assessment", "narrative", started, "--file", bad_json), "UTF-16")
    got = json.loads(ok(cli("assessment", "narrative", started, "--json")))
    assert got["基本情况"] == "原有内容。"


def test_a_finalized_assessment_refuses_a_new_narrative(cli, tmp_path: Path) -> None:
    assert cli("demo").code == 0
    source = tmp_path / "n.md"
    source.write_text("一、基本情况\nx\n", "utf-8")
    refused(cli("assessment", "narrative", "1", "--file", source), "已定稿", "reopen")


def test_show_counts_the_two_kinds_of_na_apart_with_the_reason(cli, started: int) -> None:
    ok(cli("answer", "set", started, "A01", "不适用", "--reason", "本校区尚未启用"))
    ok(cli("answer", "set", started, "A04", "符合"))
    text = ok(cli("assessment", "show", started))
    assert (
        "项目：共 8 项：不适用于本校 1 项（按学校情况），适用 7 项；其中学校填报不适用 1 项，"
        in text
    )
    assert "      不适用原因：本校区尚未启用" in text
    assert "自查报告：0/4 部分已填写（wjself assessment narrative" in text
    shown = json.loads(ok(cli("assessment", "show", started, "--json")))
    counts = shown["counts"]
    assert counts["total"] == counts["excluded"] + counts["applicable"]
    assert counts["applicable"] == counts["declared_na"] + counts["answered"] + counts["unanswered"]
    assert (counts["excluded"], counts["declared_na"]) == (1, 1)
    overall = shown["score"]["overall"]
    assert overall["na"] == overall["excluded"] + overall["declared_na"] == 2
    assert shown["narrative"] == dict.fromkeys(
        ("基本情况", "主要做法与成效", "存在问题", "整改措施与下一步打算"), ""
    )


@pytest.mark.reliability(
    fault="Hostile input",
    method="narrative file: a Word document (zip), NUL bytes, 1 MiB over the limit",
)
def test_files_that_are_not_text_are_refused(cli, started: int, tmp_path: Path) -> None:
    from wjself.formats.narrative_file import MAX_BYTES

    docx = tmp_path / "自查报告.docx"
    docx.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    refused(cli("assessment", "narrative", started, "--file", docx), "不是文本文件", "纯文本")
    nul = tmp_path / "n.txt"
    nul.write_bytes(b"\x00\x01\x02" * 2000)
    refused(cli("assessment", "narrative", started, "--file", nul), "不是文本文件")
    big = tmp_path / "big.md"
    big.write_bytes(b"# x\n" + b"a" * (MAX_BYTES + 1024 * 1024))
    refused(cli("assessment", "narrative", started, "--file", big), "文件过大")


def test_a_heading_with_a_colon_and_gb18030_text_are_read(
    cli, started: int, tmp_path: Path
) -> None:
    source = tmp_path / "wps.txt"
    source.write_bytes("一、基本情况：\n本校有 24 个班。\n".encode("gb18030"))
    ok(cli("assessment", "narrative", started, "--file", source))
    got = json.loads(ok(cli("assessment", "narrative", started, "--json")))
    assert got["基本情况"] == "本校有 24 个班。"
