"""Drafts of six bundled checklists answered on 2024.1 move to 2024.2 with no answer lost.

实验教学, 润心, 双减, 五育, 法治 and 幼儿园 were rewritten for 2024.2 (issue #13). A school that
started its self-check on 2024.1 keeps every answer: carried, flagged for reconfirmation, or
set aside into the history where the item's kind changed (XL1.03 单选 → 数值).
"""

from __future__ import annotations

import pytest

from tests.conftest import REPO
from wjself.core.school import School, normalize_facts
from wjself.core.template import Item, Kind
from wjself.formats.templates import read_template
from wjself.store import Workspace

OLD = REPO / "tests" / "data" / "templates-2024.1"
NEW = REPO / "resources" / "templates"
IDS = [
    "wj2024-lab",
    "wj2024-heartcare",
    "wj2024-double-reduction",
    "wj2024-five-education",
    "wj2024-rule-of-law",
    "wj2024-preschool",
]
FACTS = {"has_canteen": True, "has_labs": True, "boarding": False, "school_bus": False}


def school_for(template_id: str) -> School:
    stages = ("幼儿园",) if template_id == "wj2024-preschool" else ("十二年一贯制", "中职")
    return School(0, "武进区升级演练学校", "3204129901", stages, facts=normalize_facts(FACTS))


def raw_answer(item: Item, n: int) -> object:
    """What a person would have typed for ``item`` on 2024.1."""
    if item.kind is Kind.COMPLIANCE:
        return ("符合", "基本符合")[n % 2]
    if item.kind is Kind.YES_NO:
        return "是"
    if item.kind is Kind.NUMBER:
        return "3"
    if item.kind is Kind.PERCENT:
        return "95%"
    if item.kind is Kind.SINGLE:
        return item.options[0].label
    if item.kind is Kind.MULTIPLE:
        return [item.options[0].name]
    if item.kind is Kind.DATE:
        return "2024-05-15"
    return "已说明情况"


@pytest.mark.parametrize("template_id", IDS)
def test_every_answer_survives_the_upgrade(ws: Workspace, template_id: str) -> None:
    old = read_template(OLD / f"{template_id}.json")
    new = read_template(NEW / f"{template_id}.json")
    assert (old.version, new.version) == ("2024.1", "2024.2")
    ws.templates.install(old)
    ws.templates.install(new)
    school = ws.schools.add(school_for(template_id))
    aid = ws.assessments.new(school.id, template_id, "2024.1", "2024")
    for n, item in enumerate(old.items()):
        ws.answers.set(aid, item.code, raw_answer(item, n), note=f"备注{n}")
    before = ws.assessments.view(aid).answers

    preview = ws.upgrades.plan(aid, "2024.2")
    assert preview.counts.removed == 0  # 2024.2 rewords and adds; it removes nothing
    done = ws.upgrades.apply(aid, "2024.2", basis=preview.basis)
    assert done.plan.counts == preview.counts

    after = ws.assessments.view(aid)
    assert after.template.version == "2024.2" and after.upgraded_from == "2024.1"
    history = {h.code: h for h in ws.answers.history(aid)}
    for code, old_answer in before.items():
        current = after.answers[code]
        assert current.note == old_answer.note, code
        if current.value is None:  # set aside: kept in the history, with its old value
            assert current.set_aside == old_answer.value, code
            assert history[code].value == old_answer.value, code
        else:
            assert current.value == old_answer.value, code
    added = {i.code for i in new.items()} - {i.code for i in old.items()}
    assert {d.code for d in preview.added_unanswered} <= added


def test_the_counsellor_count_replaces_the_old_choice_without_losing_it(ws: Workspace) -> None:
    ws.templates.install(read_template(OLD / "wj2024-heartcare.json"))
    ws.templates.install(read_template(NEW / "wj2024-heartcare.json"))
    school = ws.schools.add(school_for("wj2024-heartcare"))
    aid = ws.assessments.new(school.id, "wj2024-heartcare", "2024.1", "2024")
    ws.answers.set(aid, "XL1.03", "仅配备经过专业培训的兼职教师")
    ws.upgrades.apply(aid, "2024.2")
    answer = ws.assessments.view(aid).answers["XL1.03"]
    assert answer.value is None and answer.set_aside == "part"
    ws.answers.set(aid, "XL1.03", "1")  # one part-time counsellor now earns the full credit
    result = ws.assessments.view(aid).score()
    assert result.items["XL1.03"].earned == result.items["XL1.03"].possible == 2.0
