"""A bundled checklist's 2024.1 draft, answered as a person would, upgraded to 2024.2."""

from __future__ import annotations

from dataclasses import dataclass

from tests.conftest import REPO
from wjself.core.assessment import Answer, AssessmentView
from wjself.core.school import School
from wjself.core.template import Item, Kind, Template
from wjself.core.upgrade import UpgradePlan
from wjself.formats.templates import read_template
from wjself.store import Workspace

OLD = REPO / "tests" / "data" / "templates-2024.1"
NEW = REPO / "resources" / "templates"


def typed_answer(item: Item, n: int) -> object:
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


@dataclass(frozen=True)
class Upgraded:
    """The draft before and after, and the plan that was previewed (and applied unchanged)."""

    aid: int
    old: Template
    new: Template
    before: dict[str, Answer]
    after: AssessmentView
    preview: UpgradePlan


def upgrade_answered_draft(
    ws: Workspace, template_id: str, school: School, *, skip_show_if: bool = False
) -> Upgraded:
    """Install both versions, answer every item of 2024.1 (with a note), upgrade to 2024.2."""
    old = read_template(OLD / f"{template_id}.json")
    new = read_template(NEW / f"{template_id}.json")
    assert (old.version, new.version) == ("2024.1", "2024.2")
    ws.templates.install(old)
    ws.templates.install(new)
    added = ws.schools.add(school)
    aid = ws.assessments.new(added.id, template_id, "2024.1", "2024")
    for n, item in enumerate(old.items()):
        if not (skip_show_if and item.show_if):
            ws.answers.set(aid, item.code, typed_answer(item, n), note=f"备注{n}")
    before = dict(ws.assessments.view(aid).answers)
    preview = ws.upgrades.plan(aid, "2024.2")
    done = ws.upgrades.apply(aid, "2024.2", basis=preview.basis)
    assert done.plan.counts == preview.counts
    after = ws.assessments.view(aid)
    assert after.template.version == "2024.2" and after.upgraded_from == "2024.1"
    return Upgraded(aid, old, new, before, after, preview)
