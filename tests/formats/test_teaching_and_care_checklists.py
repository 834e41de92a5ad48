"""Six bundled checklists, version 2024.2: 实验教学, 润心, 双减, 五育, 法治, 幼儿园.

Written as a district bureau would publish them: valid and lossless in XLSX, every national or
plan number scored with that number and no stricter one, every stage asked what concerns it
(高中 and 中职 get 课间10分钟, exams and 劳动; kindergartens get the 进校园 limits but none of
the items written for 中小学), and one self-check period instead of 本学期/本学年/本年度.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO, Result
from tests.helpers.pyxform import pyxform_verdict
from wjself.core.codec import template_to_dict
from wjself.core.scoring import Outcome, Score, score
from wjself.core.stages import STAGES, Profile, stages_overlap
from wjself.core.targets import Target
from wjself.core.template import Item, Kind, Template
from wjself.core.values import AnswerValue
from wjself.formats.json_template import template_json_bytes
from wjself.formats.templates import load_template, read_template, write_template

TEMPLATES = REPO / "resources" / "templates"

# id → (code prefix, plan points its items cite, template-level stages)
EXPECTED: dict[str, tuple[str, set[int], set[str]]] = {
    "wj2024-lab": (
        "SY",
        {8},
        {"小学", "初中", "高中", "完全中学", "九年一贯制", "十二年一贯制", "中职"},
    ),
    "wj2024-heartcare": ("XL", {15, 17, 18}, set()),
    "wj2024-double-reduction": ("SJ", {9}, {"小学", "初中", "高中", "中职"}),
    "wj2024-five-education": ("WY", {16}, set()),
    "wj2024-rule-of-law": ("FZ", {10, 13, 20}, set()),
    "wj2024-preschool": ("XQ", {9, 19}, {"幼儿园"}),
}
IDS = sorted(EXPECTED)

# Every target, each a number the plan or a national rule states (see docs/content-review.md);
# a new target must be added here on purpose.
TARGETS: dict[str, dict[str, Target]] = {
    "wj2024-lab": {
        "SY2.02": Target(">=", 100),  # 开齐开足课程标准规定实验（教基〔2019〕16号）
        "SY2.05": Target(">=", 100),
    },
    "wj2024-heartcare": {
        "XL1.03": Target(">=", 1),  # 每校至少1名专（兼）职心理健康教育教师
        "XL2.01": Target(">=", 100),  # 《要点》100% 标准化心理辅导室
        "XL2.03": Target(">=", 100),  # 《要点》家长学校 100% 覆盖
        "XL3.03": Target(">=", 100),  # 《要点》三年内非师范类教师专项培训
        "XL5.01": Target(">=", 100),  # 《要点》“大家访” 100%
    },
    "wj2024-double-reduction": {
        "SJ1.07": Target("<=", 0),  # 超出规定次数的纸笔考试
        "SJ1.08": Target("<=", 0),  # 寄宿生睡眠时间不足的年级
        "SJ2.04": Target("<=", 0),  # 作业时长超标的班级
        "SJ2.05": Target(">=", 5),  # 课后服务每周5天
        "SJ3.03": Target("<=", 0),  # 劳动课平均每周不少于1课时
        "SJ3.04": Target(">=", 16),  # 中职劳动专题教育不少于16学时
    },
    "wj2024-five-education": {
        "WY1.04": Target("<=", 0),  # 体育课时不足的班级
        "WY1.05": Target(">=", 30),  # 大课间30分钟
        "WY1.07": Target(">=", 100),  # 体质健康测试全员测试上报
        "WY1.08": Target(">=", 60),  # 校内每天1小时体育活动
        "WY4.07": Target(">=", 3),  # 每学期2次视力监测（2024年春季2次、秋季至少1次）
        "WY2.02": Target(">=", 100),  # 《要点》每位学生至少参加1项艺术活动
    },
    "wj2024-rule-of-law": {
        "FZ2.03": Target(">=", 4),  # 法治副校长每年不少于4课时
    },
    "wj2024-preschool": {
        "XQ1.06": Target("<=", 0),  # 超班额班级
        "XQ1.07": Target("<=", 0),  # 未达“两教一保”的班级
        "XQ2.06": Target(">=", 120),  # 户外活动每天不少于2小时
        "XQ2.07": Target(">=", 180),  # 寄宿制不少于3小时
        "XQ2.08": Target(">=", 60),  # 其中体育活动不少于1小时
    },
}

# Targets that differ by stage: only where combined schools never straddle the split
# (幼儿园 vs 中小学); per-grade limits within 中小学 are counted as classes over their limit.
STAGE_TARGETS: dict[str, dict[str, dict[str, str]]] = {
    "wj2024-heartcare": {
        # 江苏：中小学每学期一至两次、幼儿园每学期至少两次家庭教育指导（自查时段两个学期）
        "XL5.04": {"幼儿园": ">= 4", "小学 初中 高中 中职": ">= 2"},
    },
}
# Scored items a school may legitimately not have, answered 不适用 with a reason.
ALLOW_NA = {
    "wj2024-lab": {"SY7.01"},  # 新开办学校
    "wj2024-heartcare": {"XL3.01", "XL4.07"},  # 未安排参加区专项培训；只有低年级
    "wj2024-double-reduction": {"SJ4.04"},  # 未被区列入共建
    "wj2024-five-education": {"WY2.06"},  # 当年未组织展演
    "wj2024-rule-of-law": set(),
    "wj2024-preschool": set(),
}
PERIOD = "2024年1月1日至2024年12月31日"

KINDERGARTEN = "幼儿园"
SCHOOL_STAGES = ["小学", "初中", "高中", "中职"]
ALL_FACTS = {"has_canteen": True, "has_labs": True, "boarding": True, "school_bus": True}


def path_of(template_id: str) -> Path:
    return TEMPLATES / f"{template_id}.json"


def load(template_id: str) -> Template:
    return read_template(path_of(template_id))


def outcomes(template_id: str, stages: list[str], facts: dict[str, bool] | None = None) -> Score:
    return score(load(template_id), {}, Profile.of(stages, facts or {}))


def best(item: Item) -> AnswerValue:
    """An answer that fully meets the item."""
    if item.kind is Kind.COMPLIANCE:
        return "met"
    if item.kind is Kind.YES_NO:
        return "yes"
    if item.kind in (Kind.NUMBER, Kind.PERCENT):
        values = [t.value for t in (item.target, *(e.target for e in item.stage_targets)) if t]
        return max(values, default=10.0)
    if item.kind is Kind.SINGLE:
        return max(item.options, key=lambda o: o.score or 0.0).name
    if item.kind is Kind.MULTIPLE:
        return [item.options[0].name]
    if item.kind is Kind.DATE:
        return "2024-05-15"
    return "说明"


# ---------------------------------------------------------------- files


@pytest.mark.parametrize("template_id", IDS)
def test_validates_with_the_command_line(template_id: str, cli: Callable[..., Result]) -> None:
    result = cli("template", "validate", path_of(template_id))
    assert result.code == 0, result.err
    assert "有效" in result.out and "2024.2" in result.out


@pytest.mark.parametrize("template_id", IDS)
def test_round_trips_json_xlsx_json_byte_for_byte(template_id: str, tmp_path: Path) -> None:
    source = path_of(template_id)
    original = load(template_id)
    xlsx = tmp_path / f"{template_id}.xlsx"
    write_template(original, xlsx)
    back, problems = load_template(xlsx)
    assert back is not None and not problems, "\n".join(map(str, problems))
    assert back == original
    assert template_json_bytes(back) == source.read_bytes()
    assert template_to_dict(back) == json.loads(source.read_text("utf-8"))


@pytest.mark.parametrize("template_id", IDS)
def test_pyxform_accepts_the_xlsx(template_id: str, tmp_path: Path) -> None:
    xlsx = tmp_path / f"{template_id}.xlsx"
    write_template(load(template_id), xlsx)
    verdict = pyxform_verdict(xlsx, tmp_path / "form.xml")
    assert verdict["code"] == 100, verdict
    assert not verdict.get("warnings"), verdict


# ---------------------------------------------------------------- header and shape


@pytest.mark.parametrize("template_id", IDS)
def test_header_follows_the_bureau_conventions(template_id: str) -> None:
    t = load(template_id)
    _, points, stages = EXPECTED[template_id]
    assert t.id == template_id and t.version == "2024.2"
    assert t.issuer == "常州市武进区教育局"
    assert t.published is not None and t.published.isoformat() == "2024-09-01"
    assert t.title.endswith("自查表") and "自评表" not in t.title
    assert t.plan_ref == "《2024年武进教育工作要点》" + "、".join(f"§{n}" for n in sorted(points))
    assert set(t.stages) == stages
    for words in ("《要点》", "逐项", "如实", "不符合", "整改措施"):
        assert words in t.description, words
    # One self-check period for the whole checklist, never a mix of terms and years.
    assert t.review_period == PERIOD
    for text in [t.description, *(f"{i.text}{i.guidance}{i.method}" for i in t.items())]:
        assert not re.search(r"本学期|本学年|本年度", text), text


@pytest.mark.parametrize("template_id", IDS)
def test_items_cite_their_point_and_say_how_they_are_checked(template_id: str) -> None:
    t = load(template_id)
    prefix, points, _ = EXPECTED[template_id]
    numerals = "一二三四五六七八"
    codes = [i.code for i in t.items()]
    assert len(codes) == len(set(codes))
    for si, section in enumerate(t.sections, start=1):
        assert section.code == f"{prefix}{si}"
        assert section.title.startswith(f"{numerals[si - 1]}、"), section.title
        for ii, item in enumerate(section.items, start=1):
            assert item.code == f"{section.code}.{ii:02d}", item.code
            assert re.fullmatch(r"§\d+", item.clause) and int(item.clause[1:]) in points, item.code
            assert item.method.strip() and item.evidence.strip(), item.code
            assert item.text.endswith("。"), item.code
            if item.kind is Kind.TEXT:  # free text only to explain something found lacking
                assert item.show_if, item.code
            if item.kind is Kind.NUMBER:
                assert item.unit, item.code
    assert {int(i.clause[1:]) for i in t.items()} == points
    # Plan citations in prose are written 《要点》第N条, never 第 N 条 or 要点 without 书名号.
    for item in t.items():
        prose = item.text + item.guidance
        assert not re.search(r"第 \d+ 条", prose), item.code
        assert not re.search(r"(?<!《)要点(?:要求|未|第|提出|规定)", prose), item.code


@pytest.mark.parametrize("template_id", IDS)
def test_targets_are_the_plans_and_the_national_rules_and_no_others(template_id: str) -> None:
    t = load(template_id)
    targets = {i.code: i.target for i in t.items() if i.target is not None}
    assert targets == TARGETS[template_id]
    by_stage = {
        i.code: {e.stages_text(): e.target.to_text() for e in i.stage_targets}
        for i in t.items()
        if i.stage_targets
    }
    assert by_stage == STAGE_TARGETS.get(template_id, {})
    for code in [*targets, *by_stage]:
        item = t.item(code)
        assert item is not None and item.required, code
        # The guidance names where the number comes from.
        assert "《" in item.guidance and re.search(r"\d", item.guidance), code


@pytest.mark.parametrize("template_id", IDS)
def test_not_applicable_is_offered_only_where_a_school_may_lack_the_thing(
    template_id: str,
) -> None:
    t = load(template_id)
    assert {i.code for i in t.items() if i.allow_na} == ALLOW_NA[template_id]
    for code in ALLOW_NA[template_id]:
        item = t.item(code)
        assert item is not None and item.is_scored and item.accepts_na
        assert "不适用" in item.guidance, code  # the guidance says when
        stages = sorted(item.applies.stages) or ["小学"]
        s = score(t, {code: "na"}, Profile.of(stages, ALL_FACTS))
        assert s.items[code].outcome is Outcome.NA and s.items[code].possible == 0


def test_family_education_sessions_are_counted_against_each_stages_floor() -> None:
    t = load("wj2024-heartcare")
    item = t.item("XL5.04")
    assert item is not None and item.target is None
    assert item.targets_for(["幼儿园"]) == (Target(">=", 4),)
    for stage in ("小学", "九年一贯制", "中职"):
        assert item.targets_for([stage]) == (Target(">=", 2),), stage
    three = {"XL5.04": 3.0}
    assert score(t, three, Profile.of(["幼儿园"])).items["XL5.04"].needs_rectification
    assert score(t, three, Profile.of(["小学"])).items["XL5.04"].outcome is Outcome.MET


@pytest.mark.parametrize("template_id", IDS)
def test_numbers_without_a_rule_say_they_are_not_scored(template_id: str) -> None:
    for item in load(template_id).items():
        if item.kind in (Kind.NUMBER, Kind.PERCENT) and not item.is_scored:
            assert "不计分" in item.guidance or "没有的填 0" in item.guidance, item.code


@pytest.mark.parametrize("template_id", IDS)
@pytest.mark.parametrize("stage", STAGES)
def test_a_school_that_meets_everything_scores_100_at_every_stage(
    template_id: str, stage: str
) -> None:
    t = load(template_id)
    if not stages_overlap(t.stages, [stage]):
        return
    for facts in (ALL_FACTS, {}):
        s = score(t, {i.code: best(i) for i in t.items()}, Profile.of([stage], facts))
        assert s.percent == 100.0, (stage, facts)
        assert s.band == "优秀"


# ---------------------------------------------------------------- who is asked what


def excluded(s: Score, code: str) -> bool:
    return s.items[code].outcome is Outcome.EXCLUDED


def test_kindergartens_get_no_items_written_for_schools() -> None:
    five = outcomes("wj2024-five-education", [KINDERGARTEN])
    law = outcomes("wj2024-rule-of-law", [KINDERGARTEN])
    care = outcomes("wj2024-heartcare", [KINDERGARTEN])
    # 体育一校一品, 体育课时, 美育课程, 国防; 法治副校长, 法治教育课时, 招生; 心理教师, 辅导室.
    for code in ("WY1.01", "WY1.02", "WY1.04", "WY1.08", "WY2.02", "WY3.01"):
        assert excluded(five, code), code
    for code in ("FZ2.01", "FZ2.03", "FZ3.01", "FZ3.03", "FZ4.01", "FZ4.02"):
        assert excluded(law, code), code
    for code in ("XL1.03", "XL2.01", "XL4.02", "XL4.07"):
        assert excluded(care, code), code
    # What concerns a kindergarten too is still asked.
    for s, codes in [
        (five, ("WY4.02", "WY4.06")),
        (law, ("FZ1.01", "FZ1.04", "FZ2.04", "FZ3.02")),
        (care, ("XL2.03", "XL5.01", "XL5.04", "XL7.01")),
    ]:
        for code in codes:
            assert s.items[code].outcome is Outcome.UNANSWERED, code
    assert not stages_overlap(load("wj2024-double-reduction").stages, [KINDERGARTEN])
    assert not stages_overlap(load("wj2024-lab").stages, [KINDERGARTEN])


def test_kindergartens_get_the_plans_limits_on_visits_into_schools() -> None:
    t = load("wj2024-preschool")
    visits = [i for i in t.items() if "进校园" in i.text]
    assert visits and all(i.clause == "§9" and i.required for i in visits)
    s = outcomes("wj2024-preschool", [KINDERGARTEN])
    for item in visits:
        assert s.items[item.code].outcome is Outcome.UNANSWERED, item.code


@pytest.mark.parametrize("stage", ["高中", "中职"])
def test_senior_and_vocational_schools_get_breaks_exams_and_labour(stage: str) -> None:
    s = outcomes("wj2024-double-reduction", [stage])
    for code in ("SJ1.02", "SJ1.03", "SJ1.05", "SJ3.01", "SJ3.02", "SJ4.01", "SJ4.02"):
        assert s.items[code].outcome is Outcome.UNANSWERED, (stage, code)
    # Homework minutes, exam counts and after-school service are rules of 义务教育 only.
    for code in ("SJ1.07", "SJ2.02", "SJ2.04", "SJ2.05"):
        assert excluded(s, code), (stage, code)


def test_labour_hours_follow_the_stage() -> None:
    senior = outcomes("wj2024-double-reduction", ["高中"])
    vocational = outcomes("wj2024-double-reduction", ["中职"])
    assert not excluded(senior, "SJ3.03") and excluded(senior, "SJ3.04")
    assert excluded(vocational, "SJ3.03") and not excluded(vocational, "SJ3.04")


def test_combined_schools_answer_per_grade_limits_once_against_each_grades_own_limit() -> None:
    # A 九年一贯制 school has pupils under both the 60- and the 90-minute homework limit, so the
    # item counts the classes over their own limit instead of one number held to both.
    nine = outcomes("wj2024-double-reduction", ["九年一贯制"])
    for code in ("SJ1.07", "SJ2.04", "SJ2.05"):
        assert nine.items[code].outcome is Outcome.UNANSWERED, code
    homework = load("wj2024-double-reduction").item("SJ2.04")
    assert homework is not None
    for words in ("一、二年级不布置书面家庭作业", "60分钟", "90分钟"):
        assert words in homework.guidance


def test_vocational_schools_are_not_scored_on_municipal_primary_and_secondary_titles() -> None:
    s = outcomes("wj2024-lab", ["中职"], {"has_labs": True})
    for code in ("SY7.01", "SY7.02", "SY7.03"):
        assert excluded(s, code), code
    assert s.items["SY2.02"].outcome is Outcome.UNANSWERED


def test_lab_experiments_are_scored_against_opening_all_of_them() -> None:
    t = load("wj2024-lab")
    for code in ("SY2.02", "SY2.05"):
        item = t.item(code)
        assert item is not None and item.kind is Kind.PERCENT
        assert "教基〔2019〕16号" in item.guidance and item.effective_weight >= 2
    assert score(t, {"SY2.02": 90.0}, Profile.of(["初中"])).items["SY2.02"].needs_rectification


def test_a_part_time_counsellor_earns_full_credit() -> None:
    t = load("wj2024-heartcare")
    item = t.item("XL1.03")
    assert item is not None and item.kind is Kind.NUMBER and item.unit == "人"
    assert "专（兼）职" in item.text
    s = score(t, {"XL1.03": 1.0}, Profile.of(["小学"]))
    assert s.items["XL1.03"].outcome is Outcome.MET


def test_the_myopia_trend_is_not_scored_on_a_district_wide_target() -> None:
    item = load("wj2024-five-education").item("WY4.04")
    assert item is not None and item.kind is Kind.SINGLE and not item.is_scored
    assert "first" in {o.name for o in item.options}


def test_special_needs_follow_ups_appear_only_when_the_school_has_such_pupils() -> None:
    t = load("wj2024-heartcare")
    profile = Profile.of(["小学"])
    hidden = {c for c, r in score(t, {"XL7.02": 0.0}, profile).items.items() if not r.counts}
    assert {"XL7.03", "XL7.04", "XL7.05"} <= hidden
    three = score(t, {"XL7.02": 3.0}, profile).items
    assert three["XL7.03"].counts and three["XL7.05"].counts and not three["XL7.04"].counts
    assert score(t, {"XL7.02": 5.0}, profile).items["XL7.04"].counts


def test_legal_vice_principal_hours_are_asked_only_where_one_is_appointed() -> None:
    t = load("wj2024-rule-of-law")
    profile = Profile.of(["初中"])
    assert not score(t, {"FZ2.01": "no"}, profile).items["FZ2.03"].counts
    hours = score(t, {"FZ2.01": "yes", "FZ2.03": 2.0}, profile).items["FZ2.03"]
    assert hours.counts and hours.needs_rectification


def test_admissions_items_concern_compulsory_education_only() -> None:
    for stage, asked in [("小学", True), ("九年一贯制", True), ("高中", False), ("中职", False)]:
        s = outcomes("wj2024-rule-of-law", [stage])
        for code in ("FZ4.01", "FZ4.02", "FZ4.03", "FZ4.04"):
            assert excluded(s, code) is not asked, (stage, code)


def test_boarding_kindergartens_are_held_to_three_hours_outdoors() -> None:
    day = outcomes("wj2024-preschool", [KINDERGARTEN])
    boarding = outcomes("wj2024-preschool", [KINDERGARTEN], {"boarding": True})
    assert not excluded(day, "XQ2.06") and excluded(day, "XQ2.07")
    assert excluded(boarding, "XQ2.06") and not excluded(boarding, "XQ2.07")


@pytest.mark.parametrize(
    ("template_id", "code", "trigger", "shown", "hidden"),
    [
        ("wj2024-lab", "SY5.02", "SY5.01", ["not_met", "partial"], ["met"]),
        ("wj2024-lab", "SY7.04", "SY7.03", ["creating"], ["certified", "not_started"]),
        ("wj2024-heartcare", "XL3.03", "XL3.02", [1.0, 12.0], [0.0]),
        ("wj2024-heartcare", "XL4.04", "XL4.03", ["not_met", "partial"], ["met"]),
        ("wj2024-double-reduction", "SJ1.04", "SJ1.03", ["not_met"], ["met", "partial"]),
        ("wj2024-five-education", "WY4.05", "WY4.04", ["up"], ["down", "flat", "first"]),
        ("wj2024-rule-of-law", "FZ2.02", "FZ2.01", ["no"], ["yes"]),
        ("wj2024-preschool", "XQ1.05", "XQ1.04", ["review", "create_municipal"], ["none"]),
    ],
)
def test_follow_up_items_appear_only_when_needed(
    template_id: str,
    code: str,
    trigger: str,
    shown: list[AnswerValue],
    hidden: list[AnswerValue],
) -> None:
    t = load(template_id)
    profile = Profile.of(["十二年一贯制", "中职", KINDERGARTEN], ALL_FACTS)
    for value in shown:
        assert score(t, {trigger: value}, profile).items[code].outcome is not Outcome.HIDDEN
    for value in hidden:
        assert score(t, {trigger: value}, profile).items[code].outcome is Outcome.HIDDEN, value


def test_lab_rooms_only_where_there_are_labs() -> None:
    t = load("wj2024-lab")
    rooms = [i for i in t.items() if "实验室" in i.text or "仪器设备" in i.text]
    rooms = [i for i in rooms if "平台" not in i.text]  # the district platforms concern all
    assert rooms
    without = outcomes("wj2024-lab", ["小学"])
    with_labs = outcomes("wj2024-lab", ["小学"], {"has_labs": True})
    for item in rooms:
        assert excluded(without, item.code), item.code
        assert not excluded(with_labs, item.code), item.code
    # Experiments, plans, research and evaluation concern a school without labs too.
    for code in ("SY1.01", "SY2.01", "SY2.02", "SY2.05", "SY4.01", "SY5.01", "SY6.01", "SY7.01"):
        assert without.items[code].outcome is Outcome.UNANSWERED, code


def test_what_inspectors_weigh_most_weighs_more() -> None:
    t = load("wj2024-heartcare")
    for code in ("XL4.02", "XL4.03"):  # 高危学生台账, 转介
        item = t.item(code)
        assert item is not None and item.effective_weight >= 3 and item.required
    for template_id in IDS:
        heaviest = [i for i in load(template_id).items() if i.effective_weight >= 3]
        assert all(i.required for i in heaviest), [i.code for i in heaviest if not i.required]
