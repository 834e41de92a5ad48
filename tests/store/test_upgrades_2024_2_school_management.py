"""Drafts of five bundled checklists answered on 2024.1 move to 2024.2 with no answer lost.

党建, 师德师风, 产教融合, 后勤 and 智慧校园 were rewritten for 2024.2 (issue #13): new items,
party-organisation limits, scored numbers.  A school that started on 2024.1 keeps every answer,
and an item that now applies only to schools with their own party organisation leaves the
score of a school without one instead of costing it points.
"""

from __future__ import annotations

import pytest

from tests.helpers.bundled_upgrade import NEW, upgrade_answered_draft
from wjself.core.school import School, normalize_facts
from wjself.core.scoring import Outcome
from wjself.formats.templates import read_template
from wjself.store import Workspace

IDS = [
    "wj2024-party",
    "wj2024-teachers",
    "wj2024-vocational",
    "wj2024-logistics",
    "wj2024-smart-campus",
]
FACTS = {"has_canteen": True, "has_labs": True, "party_org": True}


def school(facts: dict[str, bool] = FACTS) -> School:
    stages = ("十二年一贯制", "中职")
    return School(0, "武进区升级演练学校", "3204129902", stages, facts=normalize_facts(facts))


@pytest.mark.parametrize("template_id", IDS)
def test_every_answer_survives_the_upgrade(ws: Workspace, template_id: str) -> None:
    up = upgrade_answered_draft(ws, template_id, school(), skip_show_if=True)
    assert up.preview.counts.removed == 0  # 2024.2 rewords and adds; it removes nothing
    for code, old_answer in up.before.items():
        current = up.after.answers[code]
        assert current.note == old_answer.note, code
        assert current.value == old_answer.value or current.set_aside == old_answer.value, code
    added = {i.code for i in up.new.items()} - {i.code for i in up.old.items()}
    assert {d.code for d in up.preview.added_unanswered} <= added


def test_a_school_without_its_own_party_organisation_loses_nothing(ws: Workspace) -> None:
    ws.templates.install(read_template(NEW / "wj2024-party.json"))
    s = ws.schools.add(school({"party_org": False}))
    aid = ws.assessments.new(s.id, "wj2024-party", "2024.2", "2024")
    result = ws.assessments.view(aid).score()
    for code in ("DJ1.01", "DJ2.03", "DJ2.04", "DJ2.05", "DJ2.07"):
        assert result.items[code].outcome is Outcome.EXCLUDED, code
    # The leadership's own duties (§1, §4, §5) still apply to it.
    for code in ("DJ1.02", "DJ3.01", "DJ4.01", "DJ4.02"):
        assert result.items[code].outcome is Outcome.UNANSWERED, code
