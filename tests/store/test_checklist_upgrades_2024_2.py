"""Drafts of six bundled checklists answered on 2024.1 move to 2024.2 with no answer lost.

实验教学, 润心, 双减, 五育, 法治 and 幼儿园 were rewritten for 2024.2 (issue #13). A school that
started its self-check on 2024.1 keeps every answer: carried, flagged for reconfirmation, or
set aside into the history where the item's kind changed (XL1.03 单选 → 数值).
"""

from __future__ import annotations

import pytest

from tests.helpers.bundled_upgrade import NEW, OLD, upgrade_answered_draft
from wjself.core.school import School, normalize_facts
from wjself.formats.templates import read_template
from wjself.store import Workspace

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


@pytest.mark.parametrize("template_id", IDS)
def test_every_answer_survives_the_upgrade(ws: Workspace, template_id: str) -> None:
    up = upgrade_answered_draft(ws, template_id, school_for(template_id))
    assert up.preview.counts.removed == 0  # 2024.2 rewords and adds; it removes nothing
    history = {h.code: h for h in ws.answers.history(up.aid)}
    for code, old_answer in up.before.items():
        current = up.after.answers[code]
        assert current.note == old_answer.note, code
        if current.value is None:  # set aside: kept in the history, with its old value
            assert current.set_aside == old_answer.value, code
            assert history[code].value == old_answer.value, code
        else:
            assert current.value == old_answer.value, code
    added = {i.code for i in up.new.items()} - {i.code for i in up.old.items()}
    assert {d.code for d in up.preview.added_unanswered} <= added


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
