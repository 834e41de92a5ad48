"""Five bundled 2024.2 checklists (师德 … 智慧校园): valid, lossless in XLSX, and well aimed.

(双减, 五育, 法治 and 幼儿园 are checked with the other 2024.2 checklists in
tests/formats/test_teaching_and_care_checklists.py.)

Each must validate, survive JSON → XLSX → JSON byte for byte, have enough concrete items that
each say how to check them and what proves it, cite only its own plan points, and apply to the
schools it is meant for: national floors scored with their numbers, no district-wide target
scored against one school, party-organisation items only for schools that have their own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO, Result
from tests.helpers.pyxform import pyxform_verdict
from wjself.core.scoring import Outcome, score
from wjself.core.stages import Profile, stages_overlap
from wjself.core.targets import Target
from wjself.core.template import Item, Kind, Template
from wjself.core.values import MET, NOT_MET, YES, AnswerValue
from wjself.formats.json_template import template_json_bytes
from wjself.formats.templates import load_template, read_template, write_template

TEMPLATES = REPO / "resources" / "templates"

# id → (code prefix, plan points it cites, template-level stages)
EXPECTED: dict[str, tuple[str, set[int], set[str]]] = {
    "wj2024-teachers": ("SD", {7, 14}, set()),
    "wj2024-party": ("DJ", {1, 2, 4, 5}, set()),
    "wj2024-vocational": ("CJ", {12}, {"中职"}),
    "wj2024-logistics": ("HQ", {23}, set()),
    "wj2024-smart-campus": ("ZH", {14}, set()),
}
IDS = sorted(EXPECTED)
ALL_STAGES = ["幼儿园", "小学", "初中", "高中", "完全中学", "九年一贯制", "十二年一贯制", "中职"]


def path_of(template_id: str) -> Path:
    return TEMPLATES / f"{template_id}.json"


def load(template_id: str) -> Template:
    return read_template(path_of(template_id))


def test_all_five_are_bundled() -> None:
    assert {p.stem for p in TEMPLATES.glob("wj2024-*.json")} >= set(EXPECTED)


@pytest.mark.parametrize("template_id", IDS)
def test_validates_from_the_command_line(template_id: str, cli: Callable[..., Result]) -> None:
    result = cli("template", "validate", path_of(template_id))
    assert result.code == 0, result.err
    assert "有效" in result.out


@pytest.mark.parametrize("template_id", IDS)
def test_round_trips_through_xlsx_byte_for_byte(template_id: str, tmp_path: Path) -> None:
    original = load(template_id)
    xlsx = tmp_path / f"{template_id}.xlsx"
    write_template(original, xlsx)
    back, problems = load_template(xlsx)
    assert not problems, "\n".join(map(str, problems))
    assert back == original
    # The shipped file is the writer's own form, so nothing is reordered or lost either way.
    assert template_json_bytes(back) == path_of(template_id).read_bytes()


@pytest.mark.parametrize("template_id", IDS)
def test_pyxform_accepts_the_xlsx(template_id: str, tmp_path: Path) -> None:
    xlsx = tmp_path / f"{template_id}.xlsx"
    write_template(load(template_id), xlsx)
    verdict = pyxform_verdict(xlsx, tmp_path / "form.xml")
    assert verdict["code"] == 100, verdict
    assert not verdict.get("warnings"), verdict


@pytest.mark.parametrize("template_id", IDS)
def test_header_follows_the_bureau_conventions(template_id: str) -> None:
    t = load(template_id)
    _, points, stages = EXPECTED[template_id]
    assert t.id == template_id and t.version == "2024.2"
    assert t.issuer == "常州市武进区教育局" and t.title.endswith("自查表")
    assert t.published is not None and t.published.isoformat() == "2024-09-01"
    assert t.review_period == "2024年1月1日至2024年12月31日"
    assert "（以下简称《要点》）" in t.description and t.review_period in t.description
    assert t.plan_ref == "《2024年武进教育工作要点》" + "、".join(f"§{n}" for n in sorted(points))
    assert len(t.description) >= 40
    assert set(t.stages) == stages


@pytest.mark.parametrize("template_id", IDS)
def test_sections_and_items_are_shaped_like_a_real_checklist(template_id: str) -> None:
    t = load(template_id)
    prefix, points, _ = EXPECTED[template_id]
    assert 2 <= len(t.sections) <= 5
    assert 8 <= t.item_count() <= 25
    numerals = "一二三四五"
    for si, section in enumerate(t.sections, start=1):
        assert section.code == f"{prefix}{si}"
        assert section.title.startswith(f"{numerals[si - 1]}、"), section.title
        for ii, item in enumerate(section.items, start=1):
            assert item.code == f"{section.code}.{ii:02d}"
            assert re.fullmatch(r"§\d+", item.clause) and int(item.clause[1:]) in points, item
            assert item.method.strip() and item.evidence.strip(), item.code
            assert item.text.endswith("。"), item.code
            # One self-check period per checklist, not a mix of terms, school and calendar years.
            wording = item.text + item.guidance + item.method
            assert not re.search("本学期|本学年|本年度", wording), item.code
            # Every scored item says what it follows: the plan's point or a national rule.
            assert not item.is_scored or item.guidance.strip(), item.code
            # The plan is always 《要点》 (书名号) and its points 第21条 (no spaces).
            prose = item.text + item.guidance
            assert not re.search(r"要点(?!》)|第 \d|\d 条", prose), item.code
    cited = {int(i.clause[1:]) for i in t.items()}
    assert cited == points  # every point the template claims is really assessed
    assert any(i.required for i in t.items())
    assert any(i.effective_weight >= 2 for i in t.items())
    assert sum(1 for i in t.items() if i.is_scored) >= 8


# Follow-ups asked only when the item before them fails ("说明问题和整改打算").
ON_FAILURE = re.compile(r"\} = '(not_met|no|up)'$")


def scored_best(item: Item) -> AnswerValue:
    """An answer that fully meets the item."""
    if item.kind is Kind.COMPLIANCE:
        return MET
    if item.kind is Kind.YES_NO:
        return YES
    if item.kind in (Kind.NUMBER, Kind.PERCENT):
        target = item.target or Target(">=", 0.0)
        return target.value + (1 if target.op == ">" else 0)
    if item.kind is Kind.SINGLE:
        return max(item.options, key=lambda o: o.score or 0).name
    if item.kind is Kind.MULTIPLE:
        return [item.options[0].name]
    if item.kind is Kind.DATE:
        return "2024-06-30"
    return "说明"


def scored_worst(item: Item) -> AnswerValue:
    """An answer that fails the item wherever it can fail."""
    if item.kind is Kind.COMPLIANCE:
        return NOT_MET
    if item.kind is Kind.YES_NO:
        return "no"
    if item.kind is Kind.PERCENT and item.target is not None:
        return 0.0
    if item.kind is Kind.SINGLE and item.is_scored:
        return min(item.options, key=lambda o: o.score or 0).name
    return scored_best(item)


def full_profile(t: Template) -> Profile:
    """A school every item of ``t`` applies to."""
    stages = set(t.stages) or {"十二年一贯制", "中职"}
    for i in t.items():
        stages |= i.applies.stages
    facts = {"has_canteen": True, "has_labs": True, "boarding": True, "school_bus": True}
    return Profile.of(stages, facts | {"party_org": True})


@pytest.mark.parametrize("template_id", IDS)
def test_scores_100_when_everything_is_met_and_follow_ups_stay_hidden(template_id: str) -> None:
    t = load(template_id)
    answers = {i.code: scored_best(i) for i in t.items()}
    result = score(t, answers, full_profile(t))
    assert result.percent == 100.0 and result.band == "优秀"
    hidden = {c for c, r in result.items.items() if r.outcome is Outcome.HIDDEN}
    assert hidden == {i.code for i in t.items() if ON_FAILURE.search(i.show_if)}
    assert not any(r.outcome is Outcome.EXCLUDED for r in result.items.values())


@pytest.mark.parametrize("template_id", IDS)
def test_failing_answers_open_rectifications_and_reveal_follow_ups(template_id: str) -> None:
    t = load(template_id)
    answers = {i.code: scored_worst(i) for i in t.items()}
    result = score(t, answers, full_profile(t))
    assert result.percent is not None and result.percent < 60 and result.band == "不合格"
    failing = [r for r in result.items.values() if r.needs_rectification]
    assert len(failing) >= 8
    # A follow-up asked "if not met" shows once its trigger fails.
    follow_ups = [i.code for i in t.items() if ON_FAILURE.search(i.show_if)]
    for code in follow_ups:
        assert result.items[code].counts, code


# ---------------------------------------------------------------- applicability


def applies(t: Template, stages: list[str]) -> bool:
    return stages_overlap(t.stages, stages)


def test_vocational_template_is_for_secondary_vocational_schools_only() -> None:
    t = load("wj2024-vocational")
    assert t.stages == frozenset({"中职"})
    assert [s for s in ALL_STAGES if applies(t, [s])] == ["中职"]
    result = score(t, {}, Profile.of(["中职"]))
    assert result.overall.applicable == t.item_count()


@pytest.mark.parametrize(
    "template_id",
    ["wj2024-teachers", "wj2024-party", "wj2024-logistics", "wj2024-smart-campus"],
)  # fmt: skip
def test_general_templates_apply_to_every_kind_of_school(template_id: str) -> None:
    t = load(template_id)
    assert t.stages == frozenset()
    for stage in ALL_STAGES:
        result = score(t, {}, Profile.of([stage]))
        assert result.overall.applicable >= 4, (template_id, stage)


# ---------------------------------------------------------------- what is scored

# Every target in these checklists and where its number comes from; a new one is added on purpose.
NATIONAL_TARGETS: dict[tuple[str, str], Target] = {
    ("wj2024-party", "DJ2.07"): Target(">=", 12),  # 支部工作条例：每月1天主题党日
    ("wj2024-teachers", "SD1.07"): Target(">=", 100),  # 违反职业道德行为处理办法
    ("wj2024-teachers", "SD2.05"): Target(">=", 100),  # 中小学教师继续教育规定
    ("wj2024-teachers", "SD2.06"): Target(">=", 100),  # 教师法第十条、教师资格条例
    ("wj2024-vocational", "CJ2.03"): Target(">=", 30),  # 中等职业学校设置标准
    ("wj2024-vocational", "CJ5.02"): Target(">=", 100),  # 职业学校学生实习管理规定
    ("wj2024-vocational", "CJ5.03"): Target(">=", 100),  # 同上：实习责任保险
    ("wj2024-smart-campus", "ZH3.09"): Target(">=", 6),  # 网络安全法第二十一条：日志六个月
}


def test_national_numbers_are_scored_and_nothing_else_has_a_target() -> None:
    found = {(tid, i.code): i.target for tid in IDS for i in load(tid).items() if i.target}
    assert found == NATIONAL_TARGETS


def test_district_wide_targets_are_recorded_but_not_scored() -> None:
    t = load("wj2024-vocational")
    for code in ("CJ1.02", "CJ1.03", "CJ3.04", "CJ3.05", "CJ4.03", "CJ4.04"):
        item = t.item(code)
        assert item is not None and not item.is_scored, code
        assert "全区" in item.guidance or "不计分" in item.guidance, code


def test_figures_a_school_may_not_have_allow_na() -> None:
    allowed = {(tid, i.code) for tid in IDS for i in load(tid).items() if i.allow_na}
    assert allowed == {
        ("wj2024-teachers", "SD1.07"),
        ("wj2024-vocational", "CJ5.02"),
        ("wj2024-vocational", "CJ5.03"),
        ("wj2024-smart-campus", "ZH3.09"),  # no school-run internet exit: the bureau keeps logs
    }
    for tid, code in allowed:
        item = load(tid).item(code)
        assert item is not None and "不适用" in item.guidance


def test_party_organisation_items_ask_only_schools_that_have_one() -> None:
    t = load("wj2024-party")
    with_org = score(t, {}, Profile.of(["小学"], {"party_org": True})).items
    without = score(t, {}, Profile.of(["小学"], {"party_org": False})).items
    org_items = {"DJ1.01"} | {i.code for i in t.sections[1].items}
    for code in org_items:
        assert with_org[code].outcome is Outcome.UNANSWERED, code
        assert without[code].outcome is Outcome.EXCLUDED, code
    # The leadership's 一岗双责 (§4) and ideology duties (§5) concern every school.
    for code in ("DJ3.01", "DJ4.01", "DJ4.02", "DJ4.03"):
        assert without[code].outcome is Outcome.UNANSWERED, code


def test_collective_decisions_are_asked_only_above_the_bureaus_limit() -> None:
    item = load("wj2024-logistics").item("HQ1.01")
    assert item is not None and "上会标准" in item.text and "不适用" in item.guidance


def test_teaching_reform_items_skip_kindergartens() -> None:
    t = load("wj2024-teachers")
    kindergarten = score(t, {}, Profile.of(["幼儿园"])).items
    primary = score(t, {}, Profile.of(["小学"])).items
    for code in ("SD1.08", "SD4.01", "SD4.02"):
        assert kindergarten[code].outcome is Outcome.EXCLUDED, code
        assert primary[code].outcome is Outcome.UNANSWERED, code
    assert kindergarten["SD4.03"].outcome is Outcome.UNANSWERED  # 教科研 is everyone's
