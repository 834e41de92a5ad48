"""Which result is "the period before" (#17): the same school's finalized assessment of the
same checklist id, any version, in the latest earlier period."""

from __future__ import annotations

import dataclasses

from tests.store.conftest import primary_school
from wjself.core.template import Template
from wjself.store import Workspace

ANSWERS = {"A01": "符合", "A02": "2", "A04": "基本符合", "B01": "100%"}


def _finalized(ws: Workspace, school: int, version: str, period: str, a01: str = "符合") -> int:
    aid = ws.assessments.new(school, "wj-sample", version, period)
    for code, value in {**ANSWERS, "A01": a01}.items():
        ws.answers.set(aid, code, value)
    ws.assessments.finalize(aid, "李老师", "张校长")
    return aid


def test_the_latest_earlier_finalized_result_of_the_checklist(
    ws: Workspace, sample: Template
) -> None:
    ws.templates.install(sample)
    ws.templates.install(dataclasses.replace(sample, version="2025.1"))
    ws.templates.install(dataclasses.replace(sample, id="other", version="1"))
    school = ws.schools.add(primary_school()).id
    neighbour = ws.schools.add(primary_school(name="邻校", code="3204120002")).id
    older = _finalized(ws, school, "2024.1", "2022")
    before = _finalized(ws, school, "2024.1", "2023", a01="基本符合")
    _finalized(ws, neighbour, "2025.1", "2023")  # another school's
    other = ws.assessments.new(school, "other", None, "2023")  # another checklist
    for code, value in ANSWERS.items():
        ws.answers.set(other, code, value)
    ws.assessments.finalize(other, "李", "张")
    ws.assessments.new(school, "wj-sample", "2024.1", "2023-2024")  # a draft: no result yet
    now = ws.assessments.new(school, "wj-sample", "2025.1", "2024")

    previous = ws.assessments.view(now).previous
    assert previous is not None
    assert (previous.assessment_id, previous.period, previous.template_version) == (
        before,
        "2023",
        "2024.1",
    )
    shown = ws.assessments.view(before)
    assert (previous.percent, previous.band) == (shown.score().percent, shown.score().band)
    assert ws.assessments.view(before).previous.assessment_id == older  # type: ignore[union-attr]
    assert ws.assessments.view(older).previous is None
