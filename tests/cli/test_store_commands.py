"""The store's command line as a user or script sees it: templates, schools, assessments,
answers, backup and restore, demo."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from tests.cli.results import ok, refused
from tests.conftest import SAMPLE
from tests.helpers.factory import item, template_dict


@pytest.fixture
def sample_installed(cli) -> None:
    """The sample template (docs/examples) imported as a bureau file would be."""
    assert ok(cli("template", "import", SAMPLE)).strip() == "wj-sample 2024.1"


@pytest.fixture
def started(cli, sample_installed: None) -> int:
    """A school and an assessment of the sample template; returns the assessment id."""
    school = ok(cli("school", "add", "--name", "武进区测试小学", "--code", "3204120001",
                    "--stage", "小学", "--township", "湖塘镇", "--has-labs"))  # fmt: skip
    return int(
        ok(
            cli(
                "assessment",
                "new",
                "--school",
                school.strip(),
                "--template",
                "wj-sample",
                "--period",
                "2024",
            )
        )
    )


def test_template_import_list_export(cli, sample_installed: None, tmp_path: Path) -> None:
    own = tmp_path / "own.json"
    own.write_text(
        json.dumps(template_dict([item("A"), item("B", "yes_no")]), ensure_ascii=False), "utf-8"
    )
    assert ok(cli("template", "import", own)).strip() == "t-test 1"
    again = cli("template", "import", own)
    assert ok(again).strip() == "t-test 1" and "已安装" in again.err
    changed = template_dict([item("A")])
    own.write_text(json.dumps(changed), "utf-8")
    refused(cli("template", "import", own), "已安装，但内容不同", "SHA-256")
    listed = json.loads(ok(cli("template", "list", "--json")))
    assert {(t["id"], t["version"], t["items"]) for t in listed} >= {
        ("t-test", "1", 2),
        ("wj-sample", "2024.1", 9),
    }
    assert "wj-sample\t2024.1" in ok(cli("template", "list"))
    out = tmp_path / "exported.xlsx"
    ok(cli("template", "export", "wj-sample@2024.1", "-o", out))
    ok(cli("template", "validate", out))
    back = tmp_path / "exported.json"
    ok(cli("template", "export", "wj-sample", "-o", back))
    assert json.loads(back.read_text("utf-8")) == json.loads(SAMPLE.read_text("utf-8"))
    refused(cli("template", "export", "wj-sample@9", "-o", back), "没有版本 9")
    refused(cli("template", "import", tmp_path / "missing.json"), "文件不存在")


def test_school_add_and_list(cli, sample_installed: None) -> None:
    first = ok(
        cli(
            "school",
            "add",
            "--name",
            "一小",
            "--code",
            "3204120001",
            "--stage",
            "小学,初中",
            "--has-canteen",
        )
    )
    assert first.strip() == "1"
    refused(
        cli("school", "add", "--name", "x", "--code", "123", "--stage", "大学"), "code:", "stages:"
    )
    refused(
        cli("school", "add", "--name", "二小", "--code", "3204120001", "--stage", "小学"),
        "已被“一小”",
    )
    (school,) = json.loads(ok(cli("school", "list", "--json")))
    assert school["stages"] == ["小学", "初中"] and school["facts"]["has_canteen"] is True
    assert "3204120001\t一小" in ok(cli("school", "list"))


def test_assessment_lifecycle(cli, started: int) -> None:
    aid = str(started)
    assert (
        ok(cli("answer", "set", aid, "A01", "不符合", "--note", "台账不全")).strip()
        == "A01: 不符合"
    )
    assert ok(cli("answer", "set", aid, "A02", "3")).strip() == "A02: 3 次"
    refused(cli("answer", "set", aid, "A02", "很多"), "A02:", "不是数字")
    refused(cli("answer", "set", aid, "Z9", "符合"), "不在模板")
    refused(cli("answer", "set", "99", "A01", "符合"), "自评 99 不存在")

    shown = json.loads(ok(cli("assessment", "show", aid, "--json")))
    assert shown["status"] == "draft" and shown["period"] == "2024"
    assert shown["progress"] == {"answered": 2, "applicable": 7, "percent": 28.6}  # A05 hidden
    assert [s["code"] for s in shown["score"]["sections"]] == ["A", "B"]
    a01 = next(a for a in shown["answers"] if a["code"] == "A01")
    assert (a01["value"], a01["display"], a01["note"], a01["outcome"]) == (
        "not_met",
        "不符合",
        "台账不全",
        "not_met",
    )
    a03 = next(a for a in shown["answers"] if a["code"] == "A03")
    assert a03["outcome"] == "excluded" and a03["reason"] == "仅适用于运营校车的学校"
    (rect,) = shown["rectifications"]
    assert rect["code"] == "A01" and rect["status"] == "open"
    text = ok(cli("assessment", "show", aid))
    assert "整改清单" in text and "A01  [不符合]" in text

    err = refused(
        cli("assessment", "finalize", aid, "--filled-by", "李老师", "--reviewed-by", "张校长")
    )
    assert [line.split(":")[0] for line in err.strip().splitlines()] == ["A01", "B01"]

    listed = json.loads(ok(cli("assessment", "list", "--json")))
    assert listed[0]["id"] == started and listed[0]["open_rectifications"] == 1
    assert ok(cli("assessment", "list", "--status", "finalized")).startswith("没有自评")


def test_answer_import_with_one_bad_row_changes_nothing(cli, started: int, tmp_path: Path) -> None:
    aid = str(started)
    ok(cli("answer", "set", aid, "A01", "符合"))
    before = ok(cli("assessment", "show", aid, "--json"))
    bad = tmp_path / "answers.csv"
    bad.write_bytes(
        "code,value,note\nA01,不符合,缺\nA02,3,\nB01,一百,\nB04,2024-03-05,\n".encode("gb18030")
    )
    err = refused(cli("answer", "import", aid, bad))
    assert err.strip().splitlines() == [f"{bad}:row 4: value: B01：“一百”不是数字"]
    assert ok(cli("assessment", "show", aid, "--json")) == before
    good = tmp_path / "answers.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["code", "value", "note", "负责人"], ["A01", "不符合", "缺", "王"], ["A02", 3, None, None],
                ["B01", 100, None, None], ["B04", "2024-03-05", None, None]):  # fmt: skip
        sheet.append(row)
    book.save(good)
    assert "已导入 4 行，4 项有改动" in ok(cli("answer", "import", aid, good))
    shown = json.loads(ok(cli("assessment", "show", aid, "--json")))
    values = {a["code"]: a["value"] for a in shown["answers"]}
    assert (values["A01"], values["A02"], values["B01"], values["B04"]) == (
        "not_met",
        3.0,
        100.0,
        "2024-03-05",
    )


def test_finalize_reopen_and_read_only(cli, started: int, tmp_path: Path) -> None:
    aid = str(started)
    answers = tmp_path / "a.json"
    answers.write_text(
        json.dumps(
            {
                "answers": [
                    {"code": "A01", "value": "符合"},
                    {"code": "A02", "value": 2},
                    {"code": "A04", "value": "基本符合"},
                    {"code": "B01", "value": "100%"},
                ]
            }
        ),
        "utf-8",
    )
    ok(cli("answer", "import", aid, answers))
    done = ok(
        cli("assessment", "finalize", aid, "--filled-by", "李老师", "--reviewed-by", "张校长")
    )
    fingerprint = done.strip().split()[-1]
    assert len(fingerprint) == 64
    refused(
        cli("answer", "set", aid, "A01", "不符合"),
        "已定稿",
        f"（wjself assessment reopen {aid} --reason 原因）",
    )
    refused(cli("assessment", "delete", aid), "已定稿")
    shown = json.loads(ok(cli("assessment", "show", aid, "--json")))
    assert shown["signoff"]["fingerprint"] == fingerprint and shown["status"] == "finalized"
    refused(cli("assessment", "reopen", aid, "--reason", " "), "原因")
    ok(cli("assessment", "reopen", aid, "--reason", "补充材料"))
    ok(cli("answer", "set", aid, "A01", "基本符合"))
    ok(cli("assessment", "delete", aid))
    refused(cli("assessment", "show", aid), "不存在；用“wjself assessment list”查看现有自评")


def test_backup_then_restore_gives_the_same_assessment(cli, started: int, tmp_path: Path) -> None:
    aid = str(started)
    ok(cli("answer", "set", aid, "A01", "不符合", "--note", "台账不全"))
    ok(cli("answer", "set", aid, "B02", "线下讲座,线上课程"))
    saved = ok(cli("assessment", "show", aid, "--json"))
    copy = tmp_path / "备份.db"
    assert "已备份" in ok(cli("backup", "-o", copy))
    ok(cli("answer", "set", aid, "A01", "符合"))
    ok(cli("answer", "set", aid, "B04", "2024-05-01"))
    assert ok(cli("assessment", "show", aid, "--json")) != saved
    restored = ok(cli("restore", copy))
    assert "恢复前的数据库已备份到" in restored
    assert ok(cli("assessment", "show", aid, "--json")) == saved
    refused(cli("restore", tmp_path / "nope.db"), "文件不存在")


def test_data_dir_option_and_bad_folders(cli, tmp_path: Path) -> None:
    other = tmp_path / "其他文件夹"
    ok(
        cli(
            "--data-dir",
            other,
            "school",
            "add",
            "--name",
            "甲",
            "--code",
            "3204120001",
            "--stage",
            "小学",
        )
    )
    assert (other / "wjself.db").is_file()
    assert json.loads(ok(cli("school", "list", "--json"))) == []  # the default folder is untouched
    blocker = tmp_path / "file"
    blocker.write_text("x")
    refused(cli("--data-dir", blocker / "sub", "school", "list"), "无法创建数据文件夹")


@pytest.mark.slow  # two demo folders in fresh processes: ~40 s on one core
def test_demo_twice(run_cli) -> None:
    first = run_cli("demo")
    assert first.code == 0, first.err
    ids = first.out.split()
    assert ids and all(i.isdigit() for i in ids)
    second = run_cli("demo")
    assert second.code == 0 and second.out.split() == ids
    schools = json.loads(run_cli("school", "list", "--json").out)
    assert [s["code"] for s in schools] == ["9999999901"] and "演示" in schools[0]["name"]
    shown = [json.loads(run_cli("assessment", "show", i, "--json").out) for i in ids]
    outcomes = [a["outcome"] for s in shown for a in s["answers"]]
    assert outcomes.count("not_met") >= 1 and "unanswered" in outcomes
    rects = [r for s in shown for r in s["rectifications"]]
    assert all(r["measure"] and r["owner"] and r["due"] for r in rects)
    assert any(r["overdue"] for r in rects)
    evidence = [e for s in shown for a in s["answers"] for e in a["evidence"]]
    assert {e["media_type"] for e in evidence} == {"image/jpeg", "image/png"}
