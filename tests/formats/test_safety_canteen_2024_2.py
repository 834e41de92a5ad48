"""Safety and canteen checklists 2024.2: what the content review of #13 found, item by item.

Each test names a finding (a national floor, a missing national item, a wrong citation, a rule
stricter than the plan …) and checks the bundled file keeps it fixed.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import REPO
from wjself.core.scoring import Outcome, score
from wjself.core.stages import Profile
from wjself.core.targets import Target
from wjself.core.template import Item, Kind, Template
from wjself.formats.templates import read_template

TEMPLATES = REPO / "resources" / "templates"
PERIOD = "2024年1月1日至2024年12月31日"


def load(name: str) -> Template:
    return read_template(TEMPLATES / f"{name}.json")


@pytest.fixture(scope="module")
def safety() -> Template:
    return load("wj2024-safety")


@pytest.fixture(scope="module")
def canteen() -> Template:
    return load("wj2024-canteen")


def item(t: Template, code: str) -> Item:
    found = t.item(code)
    assert found is not None, code
    return found


def words(i: Item) -> str:
    return " ".join((i.text, i.method, i.evidence, i.guidance))


@pytest.mark.parametrize("name", ["wj2024-safety", "wj2024-canteen"])
def test_one_review_period_and_no_mixed_terms(name: str) -> None:
    t = load(name)
    assert t.version == "2024.2" and t.review_period == PERIOD
    assert t.title.endswith("自查表")
    for i in t.items():
        for mixed in ("本学期", "本学年", "本年度"):
            assert mixed not in words(i), (i.code, mixed)
        # The plan is cited as 《要点》第21条, never 第 21 条 or a bare 要点.
        assert not re.search(r"第 \d+ 条|第\d+ 条|第 \d+条", words(i)), i.code
        assert not re.search(r"(?<!《)要点》|《要点(?!》)", words(i)), i.code
        assert i.guidance.strip(), i.code


def test_drills_by_stage_per_the_national_guide(safety: Template) -> None:
    drills = item(safety, "AQ7.05")
    assert drills.target is None and drills.effective_weight >= 2
    kindergarten, school = drills.targets_for(["幼儿园"]), drills.targets_for(["初中"])
    assert kindergarten == (Target(">=", 4),) and school == (Target(">=", 10),)
    assert "每月" in drills.guidance and "每季度" in drills.guidance
    # A boarding school's extra night drills and a bus school's bus drills are checked too.
    assert "夜间疏散演练" in item(safety, "AQ5.06").text
    assert "校车突发事件疏散演练" in item(safety, "AQ4.03").text


def test_hazard_check_lists_its_ten_areas_and_the_fix_rate_is_scored(safety: Template) -> None:
    areas = re.findall(r"[①②③④⑤⑥⑦⑧⑨⑩]", item(safety, "AQ2.01").text)
    assert len(areas) == 10
    rate = item(safety, "AQ2.04")
    assert rate.kind is Kind.PERCENT and rate.target == Target(">=", 100) and rate.is_scored
    assert rate.allow_na  # a school that found no hazard is not failed for it
    s = score(safety, {"AQ2.04": "na"}, Profile.of(["小学"]))
    assert s.items["AQ2.04"].outcome is Outcome.NA


def test_five_doubles_only_for_highly_toxic_and_explosive_precursor_chemicals(
    safety: Template,
) -> None:
    text = item(safety, "AQ3.01").text
    assert "剧毒化学品和易制爆危险化学品落实“双人保管" in text
    assert "国务院令第591号" in item(safety, "AQ3.01").guidance


def test_citations_fixed(safety: Template) -> None:
    assert item(safety, "AQ5.01").clause == "§22"
    assert item(safety, "AQ5.04").clause == "§17"
    assert item(safety, "AQ6.01").clause == "§21" and item(safety, "AQ6.06").clause == "§21"
    # AQ5.04 no longer repeats heart-care's crisis screening and referral (XL4.02/XL4.03).
    crisis = item(safety, "AQ5.04")
    assert crisis.effective_weight == 1 and "XL4.02" in crisis.guidance
    assert "台账" not in crisis.text and "转介" not in crisis.text


@pytest.mark.parametrize(
    ("code", "needed"),
    [
        ("AQ3.07", ("可燃气体泄漏报警装置", "切断阀", "管道")),
        ("AQ5.07", ("性侵违法犯罪信息查询", "外包")),
        ("AQ5.08", ("每年", "违法犯罪记录查询")),
        ("AQ5.09", ("强制报告", "公安机关")),
        ("AQ5.10", ("晨午检", "因病缺勤", "复课证明", "疫情报告人")),
    ],
)
def test_national_minimum_safety_items(
    safety: Template, code: str, needed: tuple[str, ...]
) -> None:
    i = item(safety, code)
    for word in needed:
        assert word in i.text, (code, word)
    assert i.required and i.effective_weight >= 2
    assert re.search(r"《[^》]+》", i.guidance), code


def test_pre_employment_check_is_a_scored_hundred_percent(safety: Template) -> None:
    check = item(safety, "AQ5.07")
    assert check.kind is Kind.PERCENT and check.target == Target(">=", 100)
    assert (
        check.allow_na
        and "《关于建立教职员工准入查询性侵违法犯罪信息制度的意见》" in check.guidance
    )
    kindergarten = score(safety, {"AQ5.07": 90.0}, Profile.of(["幼儿园"]))
    assert kindergarten.items["AQ5.07"].outcome is Outcome.NOT_MET  # every stage


def test_gas_only_where_there_is_a_canteen(safety: Template) -> None:
    gas = item(safety, "AQ3.07")
    assert dict(gas.applies.facts) == {"has_canteen": True}
    assert score(safety, {}, Profile.of(["小学"])).items["AQ3.07"].outcome is Outcome.EXCLUDED


def test_every_meal_is_accompanied_and_required(canteen: Template) -> None:
    for code in ("ST5.04", "ST6.03"):
        i = item(canteen, code)
        assert "每餐" in i.text and i.required and i.effective_weight >= 2, code


def test_high_risk_foods_banned(canteen: Template) -> None:
    i = item(canteen, "ST5.08")
    for word in (
        "亚硝酸盐",
        "冷荤类",
        "生食类",
        "裱花蛋糕",
        "四季豆",
        "鲜黄花菜",
        "野生蘑菇",
        "发芽土豆",
    ):
        assert word in i.text, word
    assert i.required and i.effective_weight >= 3 and "第45号" in i.guidance


def test_staff_meals_kept_apart_from_pupils_money(canteen: Template) -> None:
    i = item(canteen, "ST3.08")
    assert "分开核算" in i.text and "学生伙食费不用于教职工伙食" in i.text
    assert i.required and i.effective_weight >= 3


def test_joint_purchasing_encouraged_not_compulsory(canteen: Template) -> None:
    i = item(canteen, "ST2.02")
    assert "学校依规招标确定的供应商" in i.text and "鼓励" in i.guidance
    school = [o for o in item(canteen, "ST2.01").options if o.name == "school"]
    assert school and school[0].score is None  # choosing its own tender costs nothing


def test_bought_in_meals_are_checked(canteen: Template) -> None:
    bought_in = [i for i in canteen.items() if dict(i.applies.facts) == {"outsourced_meals": True}]
    assert len(bought_in) >= 4
    assert {s.code for s in canteen.sections if s.items[0] in bought_in} == {"ST6"}
    texts = " ".join(i.text for i in bought_in)
    for word in ("公开招标", "查验", "陪餐", "评价", "公示"):
        assert word in texts, word
    school = Profile.of(["小学"], {"outsourced_meals": True})
    s = score(canteen, {}, school)
    assert {c for c, r in s.items.items() if r.outcome is not Outcome.EXCLUDED} == {
        i.code for i in bought_in
    }
