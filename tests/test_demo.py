"""``wjself demo`` with several bundled templates: realistic fill, one finalized, safe twice."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest

from tests.conftest import SAMPLE
from tests.helpers.factory import item, template_dict
from wjself import app, demo_school, resources
from wjself.core.assessment import RectStatus, Status
from wjself.core.scoring import Outcome
from wjself.core.template import Kind
from wjself.core.values import MET, NA, NOT_MET, PARTIAL
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
        # the finalized one's 自查报告 is written (and in its fingerprint); the open one's begun
        assert not first.narrative.missing() and first.signoff.scheme == 3  # type: ignore[union-attr]
        assert "共 " in first.narrative.get("基本情况") and "…" not in first.narrative.get(
            "主要做法与成效"
        )
        assert last.narrative.missing() == ["主要做法与成效", "存在问题", "整改措施与下一步打算"]
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


# ---------------------------------------------------------------- reads like a real school

CANTEEN_PAPERS = "食材采购台账、索证索票记录、陪餐记录"


def canteen_checklist() -> dict[str, object]:
    """A canteen checklist as the bureau writes them (its real id, so its real offices)."""
    items = [
        item(
            "ST1.01",
            text="食堂取得食品经营许可证并在有效期内。",
            evidence="食品经营许可证、从业人员健康证明",
            guidance="未自办食堂的选“不适用”。",
            applies_to={"facts": {"has_canteen": True}},
        ),
        # Says when 不适用 fits, but the circumstance contradicts the school's canteen.
        item(
            "ST1.02",
            text="食堂燃气管道和报警装置定期检查。",
            evidence="燃气安全检查记录",
            guidance="学校未自办食堂的选“不适用”。",
        ),
    ]
    items += [
        item(
            f"ST2.{n:02d}",
            text=f"食堂第{n}项管理要求落实到位。",
            evidence=CANTEEN_PAPERS,
            guidance="自查时段内无此项工作的选“不适用”。",
        )
        for n in range(1, 25)
    ]
    items += [
        item("ST3.01", "percent", text="学生伙食费结余率。", unit="%"),
        item("ST3.02", "percent", text="食堂从业人员持健康证明上岗的比例。", target=">= 100"),
        item("ST3.03", "number", text="自查时段内发生食品安全事故的起数。", unit="起"),
        item("ST3.04", "number", text="自查时段内开展陪餐的次数。", unit="次"),
    ]
    return template_dict(items, id="wj2024-canteen", title="食堂管理与财务自查表")


@pytest.fixture
def canteen_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "wj2024-canteen.json"
    path.write_text(json.dumps(canteen_checklist(), ensure_ascii=False), "utf-8")
    monkeypatch.setattr(resources, "bundled_templates", lambda: [SAMPLE, path])


def test_demo_reads_like_a_real_school(canteen_bundle: None, data_dir: Path) -> None:
    context = app.bootstrap()
    try:
        ws = context.workspace
        ids = create_demo(ws, today=TODAY)
        view = next(v for v in map(ws.assessments.view, ids) if v.template.id == "wj2024-canteen")
        t = view.template
        answers = view.answers
        # 不适用 only where the checklist names a circumstance the school really is in.
        assert answers["ST1.01"].value != NA and answers["ST1.02"].value != NA
        na = [a for a in answers.values() if a.value == NA]
        assert na and all(a.note == "自查时段内无此项工作" for a in na)
        # Notes go with the answer and speak of the item's own papers.
        for code, answer in answers.items():
            it = t.item(code)
            assert it is not None
            if answer.value == MET:
                assert not answer.note, code
            elif answer.value in (NOT_MET, PARTIAL):
                assert any(n in answer.note for n in demo_school.evidence_names(it)), answer
        # Figures a real canteen would report.
        assert 0 <= answers["ST3.01"].value <= 5  # type: ignore[operator]
        assert answers["ST3.03"].value == 0
        assert 1 <= answers["ST3.04"].value <= 20  # type: ignore[operator]
        for code in ("ST3.01", "ST3.02"):
            assert 0 <= answers[code].value <= 100  # type: ignore[operator]
        # Rectifications belong to the canteen's own people, in the item's own terms.
        assert view.rectifications
        for rect in view.rectifications:
            assert rect.owner in (demo_school.CANTEEN, demo_school.FINANCE), rect
            it = t.item(rect.code)
            assert it is not None
            names = demo_school.evidence_names(it)
            assert any(n in rect.measure for n in names) or it.kind in (Kind.NUMBER, Kind.PERCENT)
        # Evidence is named after a paper its item asks for: no drill photo on a canteen item.
        views = [ws.assessments.view(i) for i in ids]
        files = [
            (v.template, c, e.name) for v in views for c, a in v.answers.items() for e in a.evidence
        ]
        assert len(files) == 2
        for owner, code, name in files:
            it = owner.item(code)
            assert it is not None
            stem = name.rsplit(".", 1)[0].removesuffix("（扫描件）")
            assert stem in demo_school.evidence_names(it), (code, name)
        # 良好 or better on what is answered (this draft is the one left unfinished), with gaps.
        done = [
            r
            for r in view.score().items.values()
            if r.outcome in (Outcome.MET, Outcome.PARTIAL, Outcome.NOT_MET)
        ]
        assert sum(r.weight * (r.share or 0.0) for r in done) >= 0.8 * sum(r.weight for r in done)
        assert 1 <= sum(r.outcome is Outcome.NOT_MET for r in done) <= 3
    finally:
        context.close()


def test_offices_follow_the_checklist_and_the_item() -> None:
    from tests.helpers.factory import template

    canteen = template(
        [
            item("A", text="学生伙食费按非营利原则收取。"),
            item("B", text="食堂落实陪餐制度。"),
            item("C", text="心理健康教育纳入课程。"),  # a word of another area does not move it
        ],
        id="wj2024-canteen",
    )
    assert [demo_school.office(canteen, i) for i in canteen.items()] == [
        demo_school.FINANCE,
        demo_school.CANTEEN,
        demo_school.CANTEEN,
    ]
    other = template([item("A", text="危化品双人双锁管理。")], id="elsewhere")
    assert demo_school.office(other, next(other.items())) == demo_school.LABS


def test_papers_and_circumstances_are_read_from_the_item() -> None:
    from tests.helpers.factory import template

    t = template(
        [
            item(
                "A",
                evidence="党建阵地照片、制度汇编（近三年）；会议记录",
                guidance="依据某规定。本校无离退休党支部的选“不适用”。",
            )
        ]
    )
    it = next(t.items())
    assert demo_school.evidence_names(it) == ["党建阵地照片", "制度汇编", "会议记录"]
    assert demo_school.na_condition(it) == "本校无离退休党支部"


def test_demo_of_the_bundled_checklists_reads_like_a_real_school(data_dir: Path) -> None:
    """The real checklists, as the bureau's staff will train with them."""
    context = app.bootstrap()
    try:
        ws = context.workspace
        ids = create_demo(ws, today=TODAY)
        school = ws.schools.find(DEMO_CODE)
        assert school is not None
        facts = school.profile().fact_map()
        assert facts["has_canteen"] and facts["party_org"] and not facts["outsourced_meals"]
        for view in map(ws.assessments.view, ids):
            t = view.template
            offices = demo_school.TEMPLATE_OFFICES.get(t.id)
            for rect in view.rectifications:
                assert offices is None or rect.owner in offices, (t.id, rect.code, rect.owner)
            for code, answer in view.answers.items():
                it = t.item(code)
                assert it is not None
                if answer.value == NA:
                    # Never on an item limited to a fact the school has, nor claiming its
                    # canteen, labs or party organisation away.
                    assert not any(wanted for _, wanted in it.applies.facts), code
                    assert answer.note and answer.note in it.guidance, code
                    assert not any(w in answer.note for w in ("食堂", "实验室", "党组织")), code
                elif it.kind is Kind.PERCENT:
                    assert 0 <= answer.value <= 100, code  # type: ignore[operator]
                if it.kind in (Kind.NUMBER, Kind.PERCENT) and answer.note and answer.value != NA:
                    # A missed figure says what it was and the target it missed, as people read it.
                    assert answer.note.startswith("实际为") and "未达到目标（≥" in answer.note
                for e in answer.evidence:
                    stem = e.name.rsplit(".", 1)[0].removesuffix("（扫描件）")
                    assert stem in demo_school.evidence_names(it), (code, e.name)
            done = [
                r
                for r in view.score().items.values()
                if r.outcome in (Outcome.MET, Outcome.PARTIAL, Outcome.NOT_MET)
            ]
            earned = sum(r.weight * (r.share or 0.0) for r in done)
            assert earned >= 0.8 * sum(r.weight for r in done), t.id  # 良好 or better
    finally:
        context.close()


@pytest.mark.parametrize(
    ("kind", "text", "unit", "low", "high"),
    [
        ("percent", "学生伙食费结余占伙食费收入的比例。", "", 0, 5),
        ("percent", "《国家学生体质健康标准》测试的优良率。", "", 40, 70),
        ("percent", "学生总体近视率。", "", 25, 50),
        ("percent", "截至填报时2024年预算的执行进度。", "", 70, 95),
        ("number", "本学年组织食品安全应急演练的次数。", "次", 1, 3),
        ("number", "校内现有机动车停车位数量。", "个", 30, 150),
        ("number", "经查实的教师违反职业道德行为件数。", "件", 0, 0),
    ],
)
def test_recorded_figures_are_plausible(
    kind: str, text: str, unit: str, low: float, high: float
) -> None:
    from tests.helpers.factory import template

    extra = {"unit": unit} if unit else {}
    it = next(template([item("A", kind, text=text, **extra)]).items())
    values = [demo_school.untargeted_value(it, random.Random(n)) for n in range(30)]
    assert all(low <= v <= high for v in values), values
