"""``wjself demo`` with several bundled templates: realistic fill, one finalized, safe twice."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.conftest import SAMPLE
from tests.factory import item, template_dict
from wjself import app, resources
from wjself.core.assessment import RectStatus, Status
from wjself.core.scoring import Outcome
from wjself.demo import DEMO_CODE, create_demo

TODAY = dt.date(2024, 11, 20)


def bigger(template_id: str, **extra: object) -> dict[str, object]:
    items = [item(f"C{n:02d}", evidence="台账、照片") for n in range(20)]
    items += [
        item("N1", "number", target=">= 28", unit="所"),
        item("P1", "percent", target=">= 90"),
        item("Y1", "yes_no"),
        item("F1", "text", show_if="${C00} = 'not_met'"),
        item(
            "Q1",
            "single",
            options=[
                {"name": "a", "label": "全部", "score": 1},
                {"name": "b", "label": "部分", "score": 0.5},
                {"name": "c", "label": "无", "score": 0},
            ],
        ),
        item(
            "M1", "multiple", options=[{"name": "x", "label": "甲"}, {"name": "y", "label": "乙"}]
        ),
        item("D1", "date"),
    ]
    return template_dict(items, id=template_id, title="演示用检查表", **extra)


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = [SAMPLE]
    for name, data in (
        ("a-safety", bigger("a-safety")),
        ("k-preschool", bigger("k-preschool", stages=["幼儿园"])),
    ):
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        files.append(path)
    monkeypatch.setattr(resources, "bundled_templates", lambda: files)


def test_demo_fills_realistically_and_is_safe_to_run_twice(bundled: None, data_dir: Path) -> None:
    context = app.bootstrap()
    ws = context.workspace
    try:
        ids = create_demo(ws, today=TODAY)
        assert len(ids) == 2  # the kindergarten checklist does not concern a primary school
        school = ws.schools.find(DEMO_CODE)
        assert school is not None and "演示" in school.name
        views = [ws.assessments.view(i) for i in ids]
        assert {v.template.id for v in views} == {"a-safety", "wj-sample"}
        first, last = views
        assert first.status is Status.FINALIZED and last.status is Status.DRAFT
        assert ws.assessments.fingerprint(first.id) == first.signoff.fingerprint  # type: ignore[union-attr]
        big = first.score()
        assert big.overall.answered == big.overall.applicable  # complete
        outcomes = [r.outcome for r in big.items.values()]
        assert outcomes.count(Outcome.MET) > outcomes.count(Outcome.NOT_MET) >= 2
        assert any(a.note for a in first.answers.values())
        assert first.answers["N1"].value in (25.0, 28.0, 31.0)  # near the target of 28
        assert any(r.outcome is Outcome.UNANSWERED for r in last.score().items.values())
        rects = [r for v in views for r in v.rectifications]
        assert all(r.planned for r in rects)
        assert {RectStatus.OPEN, RectStatus.DONE, RectStatus.VERIFIED} <= {r.status for r in rects}
        assert 1 <= sum(r.overdue(TODAY) for r in rects) <= 2
        photos = [e for v in views for a in v.answers.values() for e in a.evidence]
        assert sorted(e.media_type for e in photos) == ["image/jpeg", "image/png"]
        history = sum(len(ws.assessments.history(i)) for i in ids)

        assert create_demo(ws, today=TODAY) == ids
        assert sum(len(ws.assessments.history(i)) for i in ids) == history
        assert [s.code for s in ws.schools.list()] == [DEMO_CODE]
    finally:
        context.close()
