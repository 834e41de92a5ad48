"""The real test of #7: a school's 2024.1 safety and canteen drafts move to the 2024.2 content.

A demo-like school (九年一贯制 with canteen, labs, boarding and buses) has answered both bundled
2024.1 checklists in full — values of every kind, notes, evidence, 不符合 with rectifications —
and then the bureau's 2024.2 arrives.  The safety draft is upgraded through the window's plan
dialog, the canteen draft through the store's upgrade service; nothing may be lost: every
answer of a kept or reworded item is still there with its note, evidence and rectification,
anything that no longer fits is set aside and in the history, and the plan the dialog showed
is exactly what happened.  ``template diff`` of both pairs reads as bureau staff expect.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt

from tests.conftest import REPO
from tests.helpers.window import add_school, open_walkthrough
from tests.ui.test_upgrade import open_dialog, plan_groups, shown_groups
from wjself.core.assessment import AssessmentView
from wjself.core.diff import diff_templates
from wjself.core.diff_report import format_diff
from wjself.core.scoring import Outcome
from wjself.core.template import Kind, Template
from wjself.core.values import AnswerValue
from wjself.formats.templates import read_template
from wjself.store import Workspace
from wjself.ui.main_window import MainWindow

pytestmark = pytest.mark.gui

OLD_FILES = REPO / "tests" / "data" / "templates-2024.1"
OLD, NEW = "2024.1", "2024.2"
NAMES = ("wj2024-safety", "wj2024-canteen")
FACTS = {"has_canteen": True, "has_labs": True, "boarding": True, "school_bus": True}


def old_template(name: str) -> Template:
    return read_template(OLD_FILES / f"{name}.json")


def value_for(n: int, kind: Kind, options: list[str]) -> AnswerValue:
    """A plausible answer of each kind; every seventh compliance item is 不符合."""
    if kind is Kind.COMPLIANCE:
        return "not_met" if n % 7 == 3 else ("partial" if n % 5 == 4 else "met")
    if kind is Kind.YES_NO:
        return "yes"
    if kind is Kind.NUMBER:
        return 2.0  # e.g. two drills a term: met under 2024.1
    if kind is Kind.PERCENT:
        return 96.5
    if kind is Kind.DATE:
        return "2024-05-20"
    if kind is Kind.SINGLE:
        return options[0]
    if kind is Kind.MULTIPLE:
        return options[:2]
    return "见附件整改说明。"


def answered_drafts(ws: Workspace, folder: Path) -> dict[str, int]:
    """Both 2024.1 checklists answered in full by one school, with notes and evidence."""
    for name in NAMES:
        assert ws.templates.install(old_template(name))
    school = add_school(
        ws, name="武进区湖塘实验学校", code="3204120088", stages=("九年一贯制",), facts=FACTS
    )
    folder.mkdir(parents=True, exist_ok=True)
    photo = folder / "现场照片.png"
    Image.new("RGB", (64, 48), "#6d8fb3").save(photo)
    drafts: dict[str, int] = {}
    for name in NAMES:
        aid = ws.assessments.new(school.id, name, OLD, "2024")
        drafts[name] = aid
        view = ws.assessments.view(aid)
        result = view.score()
        for n, item in enumerate(view.template.items()):
            r = result.items[item.code]
            if r.outcome is Outcome.EXCLUDED:
                continue
            value = value_for(n, item.kind, [o.name for o in item.options])
            ws.answers.set(aid, item.code, value, note=f"{item.code} 自查记录")
            result = ws.assessments.view(aid).score()  # show-if may reveal follow-ups
        for code in [c for c, a in ws.assessments.view(aid).answers.items()][:3]:
            ws.evidence.add(aid, code, photo)
        first = ws.assessments.view(aid).rectifications[0]
        ws.rectifications.save(replace(first, measure="补齐台账并复查", owner="王老师"))
    return drafts


def snapshot(view: AssessmentView) -> dict[str, tuple[AnswerValue, str, tuple[str, ...]]]:
    return {
        code: (a.value, a.note, tuple(e.sha256 for e in a.evidence))
        for code, a in view.answers.items()
        if a.value is not None
    }


def check_nothing_lost(
    ws: Workspace,
    aid: int,
    before: AssessmentView,
    groups: dict[str, list[str]],
    newly_failed: set[str],
) -> None:
    after = ws.assessments.view(aid)
    assert (after.template.version, after.upgraded_from) == (NEW, OLD)
    old_answers = snapshot(before)
    kept = set(groups["carried"]) | set(groups["reconfirm"])
    moved = set(groups["set_aside"]) | set(groups["removed"])
    # Every answer is in exactly one group.
    assert kept | moved == set(old_answers) and not kept & moved
    for code in kept:
        a = after.answers[code]
        assert (a.value, a.note, tuple(e.sha256 for e in a.evidence)) == old_answers[code], code
    for code in groups["set_aside"]:
        assert after.answers[code].set_aside == old_answers[code][0], code
    history = {h.code for h in ws.answers.history(aid)}
    assert history == moved
    # Rectifications of 不符合 answers follow their item, with nothing edited away; answers that
    # the new targets fail (kept values, stricter floors) get theirs.
    # (An entry nobody edited describes the problem in the item's current words.)
    rects_before = {r.id: (r.code, r.measure, r.owner) for r in before.rectifications}
    rects_after = {r.id: (r.code, r.measure, r.owner) for r in after.rectifications}
    assert rects_before and rects_before.items() <= rects_after.items()
    assert ("补齐台账并复查", "王老师") in {(m, o) for _, m, o in rects_after.values()}
    assert {rects_after[i][0] for i in rects_after.keys() - rects_before.keys()} == {
        c for c in newly_failed if c in after.answers
    }


def test_a_schools_drafts_upgrade_to_2024_2_with_nothing_lost(
    window: MainWindow, qtbot, tmp_path: Path
) -> None:
    ws = window.workspace
    assert {(i.id, i.version) for i in ws.templates.list()} >= {(n, NEW) for n in NAMES}
    drafts = answered_drafts(ws, tmp_path / "files")
    safety, canteen = drafts["wj2024-safety"], drafts["wj2024-canteen"]
    before = {aid: ws.assessments.view(aid) for aid in drafts.values()}
    assert ws.assessments.view(safety).score().items["AQ7.05"].outcome is Outcome.MET

    # Safety: through the window, the plan the dialog shows is what the upgrade does.
    page = open_walkthrough(window, safety)
    assert page.upgrade_banner.isVisible() and NEW in page.upgrade_banner.text.text()
    dialog = open_dialog(qtbot, page, "upgradeButton")
    preview = ws.upgrades.plan(safety, NEW)
    groups = shown_groups(dialog)
    assert groups == plan_groups(preview)
    assert sorted(groups["added"]) == ["AQ3.07", "AQ4.06", "AQ5.07", "AQ5.08", "AQ5.09", "AQ5.10"]
    drills = preview.outcome("AQ7.05")
    assert drills is not None and any("幼儿园 ≥ 4 次" in r for r in drills.reasons)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome is not None)
    assert dialog.outcome.plan.basis == preview.basis
    # 96.5% of hazards fixed on time and two drills a term: kept, but below the 2024.2 floors.
    check_nothing_lost(ws, safety, before[safety], groups, {"AQ2.04", "AQ7.05"})
    assert page.session.template.version == NEW
    assert "自查时段 2024年1月1日至2024年12月31日" in page.subtitle.text()
    # Two drills a term met 2024.1; a 九年一贯制 school now needs ten in the year.
    after = ws.assessments.view(safety).score()
    assert after.items["AQ7.05"].outcome is Outcome.NOT_MET
    assert after.items["AQ3.07"].outcome is Outcome.UNANSWERED  # new, to be filled

    # Canteen: through the store's upgrade service.
    plan = ws.upgrades.plan(canteen, NEW)
    canteen_groups = plan_groups(plan)
    assert "ST5.04" in canteen_groups["reconfirm"]  # 陪餐 reworded: 每餐
    assert set(canteen_groups["added"]) >= {"ST3.08", "ST5.08"}
    applied = ws.upgrades.apply(canteen, NEW, basis=plan.basis)
    assert Path(applied.backup).is_file()
    check_nothing_lost(ws, canteen, before[canteen], canteen_groups, set())
    # The bought-in-meals section does not concern a school that runs its own canteen.
    result = ws.assessments.view(canteen).score()
    assert result.items["ST6.01"].outcome is Outcome.EXCLUDED


@pytest.mark.parametrize("name", NAMES)
def test_template_diff_reads_for_bureau_staff(name: str) -> None:
    text = format_diff(
        diff_templates(
            old_template(name), read_template(REPO / "resources" / "templates" / f"{name}.json")
        )
    )
    assert f"{name} 2024.1 → {name} 2024.2" in text
    assert "自查时段：无 → “2024年1月1日至2024年12月31日”" in text
    assert ">=" not in text and "None" not in text and "true" not in text
    if name == "wj2024-safety":
        assert "目标：≥ 2 次 → 幼儿园 ≥ 4 次；小学、初中、高中、中职 ≥ 10 次" in text
        assert "权重：不计分 → 2" in text and "改为可答“不适用”" in text
        assert "删除 0 项" in text  # every 2024.1 item is still asked
    else:
        assert "ST6 新增分组“六、校外供餐管理”" in text
        assert "标题：“食堂管理与财务自查表” → “食堂管理与学生用餐自查表”" in text
