"""The review loop on the command line: a school's bundle received by the bureau, answered
with comments and a verdict, exported as a signed ``.wjsr`` and imported by the school."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.cli.results import ok, refused
from tests.helpers.pdfcheck import Pdf
from wjself.cli.main import main
from wjself.district import import_bundles, open_district
from wjself.paths import DataPaths
from wjself.store import Workspace


@dataclass(frozen=True)
class Loop:
    school: Path
    district: Path
    received: int
    code: str  # an item of the received checklist


@pytest.fixture(scope="module")
def loop_base(tmp_path_factory: pytest.TempPathFactory) -> Loop:
    base = tmp_path_factory.mktemp("loop")
    school, district = base / "school", base / "district"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--data-dir", str(school), "demo"]) == 0
        assert (
            main(["--data-dir", str(school), "bundle", "export", "1", "-o", str(base / "a.wjsa")])
            == 0
        )
    with open_district(district) as dws:
        summary = import_bundles(dws, [base / "a.wjsa"])
    (line,) = summary.accepted
    assert line.received_id is not None
    with Workspace.open(DataPaths(school), automatic_backup=False) as ws:
        code = next(iter(ws.assessments.view(1).template.items())).code
    return Loop(school, district, line.received_id, code)


@pytest.fixture
def loop(loop_base: Loop, tmp_path: Path) -> Loop:
    school, district = tmp_path / "school", tmp_path / "district"
    shutil.copytree(loop_base.school, school)
    shutil.copytree(loop_base.district, district)
    return Loop(school, district, loop_base.received, loop_base.code)


def test_a_returned_review_reaches_the_school(cli, loop: Loop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rid, d = str(loop.received), str(loop.district)
    ok(cli("--district", d, "district", "review", "comment", rid, loop.code, "请补充每周检查记录"))
    refused(
        cli("--district", d, "district", "review", "export", rid, "-o", tmp_path / "r.wjsr"),
        "尚未给出审阅结论",
    )
    refused(cli("district", "review", "verdict", rid, "退回修改", "--district", d), "须写明原因")
    ok(
        cli(
            "district",
            "review",
            "verdict",
            rid,
            "退回修改",
            "--reason",
            "留样记录不全",
            "--district",
            d,
        )
    )
    out = ok(cli("--district", d, "district", "review", "export", rid, "-o", tmp_path / "r.wjsr"))
    key = re.search(r"签名密钥 (\S+)", out)
    assert key is not None
    imported = ok(cli("--data-dir", loop.school, "review", "import", tmp_path / "r.wjsr"))
    assert "区教育局退回：留样记录不全" in imported
    assert key.group(1) in imported and "首次收到" in imported
    shown = ok(cli("--data-dir", loop.school, "assessment", "show", "1"))
    assert "草稿" in shown and "区教育局审阅：退回修改：留样记录不全" in shown
    assert f"{loop.code}  [" in shown and "督学意见：请补充每周检查记录" in shown
    data = json.loads(ok(cli("--data-dir", loop.school, "assessment", "show", "1", "--json")))
    assert data["review"]["verdict"] == "退回修改" and data["review"]["key_id"] == key.group(1)
    assert data["review"]["comments"] == [{"code": loop.code, "text": "请补充每周检查记录"}]
    assert data["review"]["for_current_version"] is True  # the draft is being revised after it
    with Workspace.open(DataPaths(loop.school), automatic_backup=False) as ws:
        history = ws.assessments.history(1)
        assert any("区教育局退回：留样记录不全" in e.new for e in history)
    ok(cli("--data-dir", loop.school, "report", "pdf", "1", "-o", tmp_path / "r.pdf"))
    text = Pdf(tmp_path / "r.pdf").squashed
    assert "督学意见：请补充每周检查记录" in text
    assert "六、督学审阅意见" in text and "退回原因：留样记录不全" in text
    # The same file again changes nothing; a review signed by another bureau key is refused.
    again = ok(cli("--data-dir", loop.school, "review", "import", tmp_path / "r.wjsr"))
    assert "已导入过" in again


def test_a_review_signed_by_another_key_is_refused(cli, loop: Loop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rid, d = str(loop.received), str(loop.district)
    ok(cli("--district", d, "district", "review", "verdict", rid, "通过"))
    ok(cli("--district", d, "district", "review", "export", rid, "-o", tmp_path / "a.wjsr"))
    ok(cli("--data-dir", loop.school, "review", "import", tmp_path / "a.wjsr"))
    # Another bureau folder (another key) answers the same bundle.
    other = tmp_path / "other-district"
    shutil.copytree(loop.district, other)
    shutil.rmtree(other / "keys")
    ok(
        cli(
            "--district",
            other,
            "district",
            "review",
            "verdict",
            rid,
            "退回修改",
            "--reason",
            "伪造",
        )
    )
    ok(cli("--district", other, "district", "review", "export", rid, "-o", tmp_path / "b.wjsr"))
    refused(
        cli("--data-dir", loop.school, "review", "import", tmp_path / "b.wjsr"),
        "另一把密钥",
        "未导入",
    )
    assert "已定稿" in ok(cli("--data-dir", loop.school, "assessment", "show", "1"))


def test_district_review_commands_refuse_what_they_cannot_do(
    cli, loop: Loop, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    d = str(loop.district)
    refused(
        cli("--district", d, "district", "review", "comment", "999", "X", "t"), "没有编号为 999"
    )
    refused(
        cli("--district", d, "district", "review", "comment", str(loop.received), "NO.SUCH", "t"),
        "NO.SUCH",
    )
    refused(
        cli("--district", d, "district", "review", "verdict", str(loop.received), "不通过"), "通过"
    )
    refused(cli("district", "review", "verdict", "1", "通过"), "--district")
    refused(
        cli("--district", d, "district", "review", "export", "1", "-o", tmp_path / "r.zip"), ".wjsr"
    )
    refused(cli("--data-dir", loop.school, "review", "import", tmp_path / "missing.wjsr"), "不存在")


def test_district_reports_are_written_for_a_period(cli, loop: Loop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import openpyxl

    from wjself.district import DistrictFilter, district_figures

    d = str(loop.district)
    out = ok(cli("--district", d, "district", "report", "pdf", "-o", tmp_path / "d.pdf"))
    assert "已报送 1 所" in out
    text = Pdf(tmp_path / "d.pdf").squashed
    assert "武进区学校自查情况汇总（2024）" in text
    with open_district(loop.district) as dws:
        figures = district_figures(dws, DistrictFilter(period="2024"))
    assert f"收到自查表{len(figures.rows)}份" in text
    assert f"缺{len(figures.missing)}份" in text
    ok(
        cli(
            "--district",
            d,
            "district",
            "report",
            "xlsx",
            "--period",
            "2024",
            "-o",
            tmp_path / "d.xlsx",
        )
    )
    wb = openpyxl.load_workbook(tmp_path / "d.xlsx")
    items = list(wb["逐项"].iter_rows(min_row=2, values_only=True))
    assert items and {row[0] for row in items} == {figures.rows[0].school_code}
    assert wb["汇总"].max_row == 1 + len(figures.rows)
    refused(
        cli(
            "--district",
            d,
            "district",
            "report",
            "pdf",
            "--period",
            "2019",
            "-o",
            tmp_path / "x.pdf",
        ),
        "2019",
    )
    refused(cli("--district", d, "district", "report", "pdf", "-o", tmp_path / "x.xlsx"), ".pdf")
