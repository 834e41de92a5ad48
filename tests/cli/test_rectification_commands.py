"""``wjself rectification list|set|done|verify`` and 整改 plans in ``answer import`` files: the
whole year from the command line, with the window's checks (exit 2, nothing changed)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest

from tests.cli.results import ok, refused
from tests.conftest import SAMPLE
from tests.helpers.pdfcheck import Pdf

TODAY = dt.date.today()
DUE = (TODAY + dt.timedelta(days=60)).isoformat()


@pytest.fixture
def started(cli) -> int:
    """A school and a draft of the sample checklist (started today); its id."""
    ok(cli("template", "import", SAMPLE))
    school = ok(cli("school", "add", "--name", "武进区测试小学", "--code", "3204120001",
                    "--stage", "小学", "--has-labs")).strip()  # fmt: skip
    return int(ok(cli("assessment", "new", "--school", school, "--template", "wj-sample",
                      "--period", "2024")))  # fmt: skip


def _answers(tmp_path: Path, rows: list[dict[str, object]], name: str = "a.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"answers": rows}, ensure_ascii=False), "utf-8")
    return path


def _entries(cli, aid: str) -> dict[str, dict[str, object]]:
    return {e["code"]: e for e in json.loads(ok(cli("rectification", "list", aid, "--json")))}


def test_a_whole_year_without_the_window(cli, started: int, tmp_path: Path) -> None:
    """new → answer set … 不符合 → rectification set → finalize → report pdf: the PDF's 整改清单
    carries the plan; done and verify are recorded after finalizing, as on the window's page."""
    aid = str(started)
    ok(cli("answer", "import", aid, _answers(tmp_path, [
        {"code": "A02", "value": 2}, {"code": "A04", "value": "基本符合"},
        {"code": "B01", "value": "100%"},
    ])))  # fmt: skip
    ok(cli("answer", "set", aid, "A01", "不符合", "--note", "安全台账不全"))
    refused(
        cli("assessment", "finalize", aid, "--filled-by", "李老师", "--reviewed-by", "张校长"),
        "整改措施、责任人、整改期限",
    )
    line = ok(cli("rectification", "set", aid, "A01", "--measure", "补齐三年安全台账",
                  "--owner", "安全办 王明", "--due", DUE))  # fmt: skip
    assert "整改中" in line and DUE in line and "安全办 王明" in line
    ok(cli("assessment", "finalize", aid, "--filled-by", "李老师", "--reviewed-by", "张校长"))
    pdf = tmp_path / "r.pdf"
    ok(cli("report", "pdf", aid, "-o", pdf))
    text = Pdf(pdf).squashed
    plan = text[text.index("整改清单") :]
    assert "补齐三年安全台账" in plan and "安全办王明" in plan and DUE in plan

    ok(cli("rectification", "done", aid, "A01", "--on", TODAY.isoformat(), "--note", "已归档"))
    ok(cli("rectification", "verify", aid, "A01", "--by", "张校长"))
    entry = _entries(cli, aid)["A01"]
    assert entry["status"] == "verified" and entry["verified_by"] == "张校长"
    assert entry["done_on"] == TODAY.isoformat() and entry["measure"].endswith("完成情况：已归档")
    assert entry["problem"] == "安全台账不全" and not entry["overdue"]
    everywhere = ok(cli("rectification", "list"))
    assert f"{aid}\tA01\t已验收" in everywhere and "验收" in everywhere


@pytest.mark.reliability(
    fault="Bad input on the command line",
    method="rectification set/done/verify with impossible dates, wrong order, unknown items",
)
def test_the_windows_checks_refuse_and_change_nothing(cli, started: int) -> None:
    aid = str(started)
    ok(cli("answer", "set", aid, "A01", "不符合"))
    before = _entries(cli, aid)
    past = (TODAY - dt.timedelta(days=400)).isoformat()
    future = (TODAY + dt.timedelta(days=3)).isoformat()
    refused(cli("rectification", "set", aid, "A01", "--due", past, "--owner", "王明"),
            "早于本次自评的开始日期")  # fmt: skip
    refused(cli("rectification", "set", aid, "A01", "--due", "2025-02-30"), "不是有效日期")
    refused(cli("rectification", "set", aid, "A01"), "--measure")
    refused(cli("rectification", "set", aid, "A01", "--owner", "王" * 101), "责任人")
    refused(cli("rectification", "set", aid, "B01", "--owner", "王明"), "没有整改记录")
    refused(cli("rectification", "set", aid, "Z9", "--owner", "王明"), "不在自评")
    refused(cli("rectification", "set", "99", "A01", "--owner", "王明"), "自评 99 不存在")
    refused(cli("rectification", "verify", aid, "A01", "--by", "张校长"), "须先记录完成")
    refused(cli("rectification", "done", aid, "A01", "--on", future), "晚于今天")
    refused(cli("rectification", "done", aid, "A01", "--on", "明天"), "不是有效日期")
    assert _entries(cli, aid) == before
    ok(cli("rectification", "done", aid, "A01", "--on", TODAY.isoformat()))
    refused(cli("rectification", "verify", aid, "A01", "--by", " "), "验收人")
    yesterday = (TODAY - dt.timedelta(days=1)).isoformat()
    refused(cli("rectification", "verify", aid, "A01", "--by", "张", "--on", yesterday),
            "早于完成日期")  # fmt: skip
    ok(cli("rectification", "verify", aid, "A01", "--by", "张校长"))
    refused(cli("rectification", "done", aid, "A01"), "已验收")
    assert _entries(cli, aid)["A01"]["status"] == "verified"


@pytest.mark.reliability(
    fault="Hostile answer or template file",
    method="answer import with 整改 plans on items not 不符合 and due dates before the start",
)
def test_answer_files_carry_plans_all_or_nothing(cli, started: int, tmp_path: Path) -> None:
    aid = str(started)
    bad = _answers(tmp_path, [
        {"code": "A01", "value": "不符合", "measure": "补齐台账", "owner": "王明", "due": DUE},
        {"code": "A02", "value": 3, "measure": "多演练"},  # 符合: no 整改 to plan
        {"code": "A04", "value": "不符合", "due": "2020-01-01"},
    ])  # fmt: skip
    err = refused(cli("answer", "import", aid, bad), "row 2", "不是“不符合”", "row 3", "早于")
    assert "row 1" not in err
    assert _entries(cli, aid) == {}
    assert json.loads(ok(cli("assessment", "show", aid, "--json")))["progress"]["answered"] == 0

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["代码", "结果", "备注", "整改措施", "责任人", "整改期限"])
    sheet.append(
        ["A01", "不符合", "台账缺失", "补齐台账", "安全办 王明", TODAY + dt.timedelta(days=9)]
    )
    sheet.append(["A04", "不符合", "", "更换器材", "实验室 李", DUE])
    sheet.append(["A02", "3", "", None, None, None])
    good = tmp_path / "a.xlsx"
    book.save(good)
    assert "已导入 3 行" in ok(cli("answer", "import", aid, good))
    entries = _entries(cli, aid)
    assert entries["A01"]["measure"] == "补齐台账" and entries["A01"]["owner"] == "安全办 王明"
    assert entries["A01"]["due"] == (TODAY + dt.timedelta(days=9)).isoformat()
    assert entries["A04"]["due"] == DUE and entries["A01"]["problem"] == "台账缺失"

    again = tmp_path / "b.csv"
    again.write_text(f"code,value,measure,owner,due\nA04,,,后勤 赵,{DUE}\n", "utf-8")
    assert "1 项有改动" in ok(cli("answer", "import", aid, again))
    assert _entries(cli, aid)["A04"]["owner"] == "后勤 赵"
    assert _entries(cli, aid)["A04"]["measure"] == "更换器材"
