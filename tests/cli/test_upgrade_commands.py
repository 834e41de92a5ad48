"""``template diff``, ``assessment upgrade``, ``assessment new --prefill-from`` and ``answer
confirm`` as a user or script sees them, on a real data folder."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from tests.cli.results import ok, refused
from tests.helpers.upgrade_pair import NEW_VERSION, OLD_VERSION, answered_draft
from wjself.paths import DataPaths
from wjself.store import Workspace


@pytest.fixture
def draft(data_dir: Path, tmp_path: Path) -> int:
    with Workspace.open(DataPaths(data_dir)) as ws:
        return answered_draft(ws, tmp_path / "files")


def test_template_diff_text_and_json(cli, draft: int) -> None:
    text = ok(cli("template", "diff", f"wj-sample@{OLD_VERSION}", f"wj-sample@{NEW_VERSION}"))
    assert text.startswith("模板比较：")
    for line in (
        "删除 1 项",
        "A04",
        "新增 2 项",
        "C01",
        "移动 1 项",
        "B04",
        "删除选项“仅有兼职教师”",
    ):
        assert line in text, line
    data = json.loads(
        ok(
            cli(
                "template", "diff", f"wj-sample@{OLD_VERSION}", f"wj-sample@{NEW_VERSION}", "--json"
            )
        )
    )
    assert data["format"] == "wjself-template-diff" and data["direction"] == "upgrade"
    assert [d["code"] for d in data["removed"]] == ["A04"]
    assert [d["code"] for d in data["added"]] == ["A06", "C01"]
    backwards = json.loads(
        ok(
            cli(
                "template", "diff", f"wj-sample@{NEW_VERSION}", f"wj-sample@{OLD_VERSION}", "--json"
            )
        )
    )
    assert backwards["direction"] == "downgrade"
    refused(cli("template", "diff", "wj-sample", f"wj-sample@{NEW_VERSION}"), "请写明版本")
    refused(cli("template", "diff", "wj-sample@1999", f"wj-sample@{NEW_VERSION}"), "没有版本 1999")


def test_dry_run_then_upgrade_with_the_previewed_basis(cli, draft: int, data_dir: Path) -> None:
    preview = ok(cli("assessment", "upgrade", draft, "--to", NEW_VERSION, "--dry-run"))
    assert preview.startswith(
        f"升级预览：《学校安全与心理健康工作自查表（示例）》wj-sample {OLD_VERSION} → {NEW_VERSION}"
    )
    assert "沿用 3 项，需重新确认 3 项，暂存 2 项，移入历史 1 项；新增待填 2 项" in preview
    assert "未作任何改动" in preview
    planned = json.loads(
        ok(cli("assessment", "upgrade", draft, "--to", NEW_VERSION, "--dry-run", "--json"))
    )
    assert planned["applied"] is False and planned["backup"] is None
    with Workspace.open(DataPaths(data_dir), automatic_backup=False) as ws:
        assert ws.assessments.view(draft).template.version == OLD_VERSION  # a dry run is dry

    done = json.loads(
        ok(
            cli(
                "assessment",
                "upgrade",
                draft,
                "--to",
                NEW_VERSION,
                "--basis",
                planned["basis"],
                "--json",
            )
        )
    )
    assert done["applied"] is True and Path(done["backup"]).is_file()
    assert done["counts"] == planned["counts"]
    assert {k: done[k] for k in ("carried", "reconfirm", "set_aside", "removed")} == {
        k: planned[k] for k in ("carried", "reconfirm", "set_aside", "removed")
    }
    with Workspace.open(DataPaths(data_dir), automatic_backup=False) as ws:
        view = ws.assessments.view(draft)
        history = ws.answers.history(draft)
    counts = planned["counts"]
    assert view.template.version == NEW_VERSION
    assert sum(a.needs_reconfirm for a in view.answers.values()) == counts["reconfirm"]
    assert sum(a.set_aside is not None for a in view.answers.values()) == counts["set_aside"]
    assert sum(h.reason == "removed_item" for h in history) == counts["removed"]
    assert sum(h.reason == "set_aside" for h in history) == counts["set_aside"]
    # Again: the same version now, refused.
    refused(cli("assessment", "upgrade", draft, "--to", NEW_VERSION), "无需升级")


def test_upgrade_text_and_what_show_says_afterwards(cli, draft: int) -> None:
    out = ok(cli("assessment", "upgrade", draft, "--to", NEW_VERSION))
    assert out.startswith("已升级：") and "升级前的数据库备份：" in out
    assert f"wjself answer confirm {draft} 检查项代码" in out
    shown = ok(cli("assessment", "show", draft))
    assert f"模板：wj-sample {NEW_VERSION}" in shown and f"由 {OLD_VERSION} 版升级" in shown
    assert f"待重新确认（wjself answer confirm {draft} A01）" in shown
    assert "模板修订前的原答案（已暂存，不计分）：仅有兼职教师" in shown
    assert "答案历史" in shown and "危化品柜只有一把锁" in shown and "危化品柜.png" in shown
    assert "（模板修订后已无此检查项）" in shown
    data = json.loads(ok(cli("assessment", "show", draft, "--json")))
    b03 = next(a for a in data["answers"] if a["code"] == "B03")
    assert (b03["set_aside"], b03["set_aside_display"]) == ("part", "仅有兼职教师")
    assert [h["code"] for h in data["history"]] == ["A05", "B03", "A04"]
    assert any(r["detached"] and r["code"] == "A04" for r in data["rectifications"])

    assert "已确认" in ok(cli("answer", "confirm", draft, "A01"))
    assert "无需确认" in ok(cli("answer", "confirm", draft, "A01"))
    refused(cli("answer", "confirm", draft, "B03"), "B03", "重新作答")
    ok(cli("answer", "set", draft, "B03", "已配备专职教师"))
    data = json.loads(ok(cli("assessment", "show", draft, "--json")))
    flags = {a["code"]: (a["needs_reconfirm"], a["set_aside"]) for a in data["answers"]}
    assert flags["A01"] == (False, None) and flags["B03"] == (False, None)
    assert flags["B02"] == (True, None)


def test_finalized_and_downgrade_are_refused(cli, draft: int, data_dir: Path) -> None:
    with Workspace.open(DataPaths(data_dir), automatic_backup=False) as ws:
        from tests.helpers.template_edits import sample

        ws.templates.install(sample("2023.1"))
    refused(cli("assessment", "upgrade", draft, "--to", "2023.1"), "降级")
    refused(cli("assessment", "upgrade", draft, "--to", "2030.1"), "没有版本 2030.1", "已安装")
    with Workspace.open(DataPaths(data_dir), automatic_backup=False) as ws:
        for r in ws.assessments.view(draft).rectifications:
            ws.rectifications.save(
                dataclasses.replace(r, measure="整改", owner="校办 王明", due=dt.date(2024, 12, 31))
            )
        ws.assessments.finalize(draft, "李老师", "张校长")
    refused(
        cli("assessment", "upgrade", draft, "--to", NEW_VERSION, "--dry-run"), "已定稿，不能升级"
    )
    refused(cli("assessment", "upgrade", draft, "--to", NEW_VERSION), "已定稿，不能升级")

    # The way on: a new draft of the new version, prefilled from the finalized one.
    school = json.loads(ok(cli("assessment", "show", draft, "--json")))["school"]["id"]
    result = cli("assessment", "new", "--school", school, "--template", f"wj-sample@{NEW_VERSION}",
                 "--period", "2024", "--prefill-from", draft)  # fmt: skip
    new_id = int(ok(result).strip())
    assert f"已按自评 {draft}（{OLD_VERSION} 版，已定稿）预填 {NEW_VERSION} 版新草稿" in result.err
    data = json.loads(ok(cli("assessment", "show", new_id, "--json")))
    a01 = next(a for a in data["answers"] if a["code"] == "A01")
    assert (a01["value"], a01["needs_reconfirm"], a01["note"]) == (
        "met",
        True,
        "每周五班会课落实安全提醒",
    )
    assert [e["name"] for e in a01["evidence"]] == ["班会记录.png"]
    refused(
        cli("assessment", "new", "--school", school, "--template", "wj-sample",
            "--period", "2025", "--prefill-from", new_id),
        "只能用已定稿的自评预填",
    )  # fmt: skip
