"""The bundled 2024 templates for safety and canteen.

(Experiment teaching and heart-care are checked with the other 2024.2 checklists in
tests/formats/test_teaching_and_care_checklists.py.)

They are what a school actually fills in, so beyond being valid they must keep the plan's
targets, cite the plan point of every item, say how each item is checked and proved, and ask
each school only what concerns it (no lab chemicals for a kindergarten, no bus items for a
school without buses, no canteen items for a school without a canteen).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO, Result
from wjself.core.codec import template_to_dict
from wjself.core.scoring import Outcome, Score, score
from wjself.core.stages import STAGES, Profile
from wjself.core.targets import Target
from wjself.core.template import Item, Kind, Template
from wjself.core.values import AnswerValue
from wjself.formats.templates import load_template, read_template, write_template

TEMPLATES = REPO / "resources" / "templates"

# file name -> (code prefix, plan points the template may cite)
BUNDLE: dict[str, tuple[str, frozenset[str]]] = {
    "wj2024-safety.json": ("AQ", frozenset({"§21", "§6"})),
    "wj2024-canteen.json": ("ST", frozenset({"§22"})),
}
NAMES = sorted(BUNDLE)

# Every target in these templates, each from a figure the plan states (or, for drills, the
# bureau's own threshold for "定期组织培训演练"); a new target must be added here on purpose.
PLAN_TARGETS: dict[str, dict[str, Target]] = {
    "wj2024-safety.json": {"AQ7.05": Target(">=", 2)},
    "wj2024-canteen.json": {},
}

KINDERGARTEN = "幼儿园"
NON_KINDERGARTEN = [s for s in STAGES if s != KINDERGARTEN]


def load(name: str) -> Template:
    return read_template(TEMPLATES / name)


def outcomes(t: Template, profile: Profile, answers: dict[str, AnswerValue] | None = None) -> Score:
    return score(t, answers or {}, profile)


def items_where(t: Template, test: Callable[[Item], bool]) -> list[Item]:
    found = [i for i in t.items() if test(i)]
    assert found, "the template should have such items"
    return found


def mentions(*words: str) -> Callable[[Item], bool]:
    return lambda i: any(w in i.text for w in words)


def best_answer(item: Item) -> AnswerValue:
    """An answer that meets the item, so a fully compliant school scores 100."""
    if item.kind is Kind.COMPLIANCE:
        return "met"
    if item.kind is Kind.YES_NO:
        return "yes"
    if item.kind in (Kind.NUMBER, Kind.PERCENT):
        return 100.0 if item.target is None else max(item.target.value, 1.0)
    if item.kind is Kind.SINGLE:
        return max(item.options, key=lambda o: o.score or 0.0).name
    if item.kind is Kind.MULTIPLE:
        return [item.options[0].name]
    if item.kind is Kind.DATE:
        return "2024-03-15"
    return "无"


# ---------------------------------------------------------------- files


def test_the_files_are_bundled() -> None:
    for name in NAMES:
        assert (TEMPLATES / name).is_file(), name


@pytest.mark.parametrize("name", NAMES)
def test_validates_with_the_command_line(name: str, cli: Callable[..., Result]) -> None:
    result = cli("template", "validate", TEMPLATES / name)
    assert result.code == 0, result.err
    assert "有效" in result.out


@pytest.mark.parametrize("name", NAMES)
def test_round_trips_json_xlsx_json(name: str, tmp_path: Path) -> None:
    source = TEMPLATES / name
    template, problems = load_template(source)
    assert template is not None and not problems
    xlsx = tmp_path / "t.xlsx"
    write_template(template, xlsx)
    from_xlsx = read_template(xlsx)
    assert from_xlsx == template
    again = tmp_path / "t.json"
    write_template(from_xlsx, again)
    assert json.loads(again.read_text("utf-8")) == json.loads(source.read_text("utf-8"))
    # The file is stored in the writer's canonical form, so nothing drifts on re-export.
    assert again.read_bytes() == source.read_bytes()
    assert template_to_dict(from_xlsx) == json.loads(source.read_text("utf-8"))


# ---------------------------------------------------------------- shape and metadata


@pytest.mark.parametrize("name", NAMES)
def test_header_and_size(name: str) -> None:
    t = load(name)
    prefix, points = BUNDLE[name]
    assert t.id == name.removesuffix(".json")
    assert t.version == "2024.1"
    assert t.issuer == "常州市武进区教育局"
    assert t.published is not None and t.published.isoformat() == "2024-03-01"
    assert t.plan_ref.startswith("《2024年武进教育工作要点》")
    for point in points:
        assert point in t.plan_ref
    for words in ("逐项", "如实", "不符合", "整改措施"):
        assert words in t.description
    assert t.item_count() >= 20
    assert 4 <= len(t.sections) <= 8
    numerals = "一二三四五六七八"
    for n, section in enumerate(t.sections, start=1):
        assert section.code == f"{prefix}{n}"
        assert section.title.startswith(f"{numerals[n - 1]}、"), section.title
        assert section.items


@pytest.mark.parametrize("name", NAMES)
def test_every_item_cites_the_plan_and_says_how_it_is_checked(name: str) -> None:
    t = load(name)
    _, points = BUNDLE[name]
    for section in t.sections:
        for n, item in enumerate(section.items, start=1):
            assert item.code == f"{section.code}.{n:02d}", item.code
            assert item.clause in points, (item.code, item.clause)
            assert re.fullmatch(r"§\d+", item.clause)
            assert item.method.strip(), item.code
            assert item.evidence.strip(), item.code
            assert item.text.endswith("。"), item.code


@pytest.mark.parametrize("name", NAMES)
def test_every_kind_is_used_sensibly(name: str) -> None:
    t = load(name)
    kinds = {i.kind for i in t.items()}
    assert Kind.COMPLIANCE in kinds
    assert kinds & {Kind.NUMBER, Kind.PERCENT}
    assert kinds & {Kind.TEXT, Kind.DATE, Kind.SINGLE}
    assert sum(i.required for i in t.items()) >= 5
    for item in t.items():
        if item.kind is Kind.TEXT:
            # Free text only where it explains something found lacking.
            assert item.show_if, item.code


@pytest.mark.parametrize("name", NAMES)
def test_targets_are_the_plans_and_no_others(name: str) -> None:
    t = load(name)
    targets = {i.code: i.target for i in t.items() if i.target is not None}
    assert targets == PLAN_TARGETS[name]


def test_safety_drills_per_term() -> None:
    item = load("wj2024-safety.json").item("AQ7.05")
    assert item is not None and "演练" in item.text
    assert item.kind is Kind.NUMBER and item.unit == "次"
    assert item.target == Target(">=", 2)


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("wj2024-safety.json", ("危险化学品", "消防设施", "校车使用许可")),
        ("wj2024-canteen.json", ("留样", "许可证", "索证索票", "应急预案")),
    ],
)
def test_what_inspectors_weigh_most_weighs_more(name: str, words: tuple[str, ...]) -> None:
    t = load(name)
    for item in items_where(t, lambda i: i.is_scored and any(w in i.text for w in words)):
        assert item.effective_weight >= 2, item.code


@pytest.mark.parametrize("name", NAMES)
def test_the_heaviest_items_are_required(name: str) -> None:
    heaviest = [i for i in load(name).items() if i.effective_weight >= 3]
    assert all(i.required for i in heaviest), [i.code for i in heaviest if not i.required]


@pytest.mark.parametrize("name", NAMES)
def test_a_fully_compliant_school_scores_100(name: str) -> None:
    t = load(name)
    everything = Profile.of(
        ["十二年一贯制", "中职"],
        {"has_canteen": True, "has_labs": True, "boarding": True, "school_bus": True},
    )
    s = score(t, {i.code: best_answer(i) for i in t.items()}, everything)
    assert s.percent == 100.0
    assert s.band == "优秀"
    assert not any(r.outcome is Outcome.EXCLUDED for r in s.items.values())


# ---------------------------------------------------------------- who is asked what


def test_safety_lab_chemicals_only_for_schools_with_labs_and_never_kindergartens() -> None:
    t = load("wj2024-safety.json")
    chemicals = items_where(t, mentions("危险化学品", "危化品"))
    with_labs = {"has_labs": True}
    for profile, excluded in [
        (Profile.of([KINDERGARTEN], with_labs), True),
        (Profile.of([KINDERGARTEN]), True),
        (Profile.of(["小学"]), True),
        (Profile.of(["小学"], with_labs), False),
        (Profile.of(["完全中学"], with_labs), False),
        (Profile.of(["中职"], with_labs), False),
    ]:
        s = outcomes(t, profile)
        for item in chemicals:
            assert (s.items[item.code].outcome is Outcome.EXCLUDED) is excluded, (
                item.code,
                profile,
            )


def test_safety_bus_items_only_for_schools_with_buses() -> None:
    t = load("wj2024-safety.json")
    bus = items_where(t, mentions("校车"))
    without = outcomes(t, Profile.of(["小学"], {"school_bus": False}))
    with_bus = outcomes(t, Profile.of(["小学"], {"school_bus": True}))
    for item in bus:
        assert without.items[item.code].outcome is Outcome.EXCLUDED, item.code
        assert with_bus.items[item.code].outcome is Outcome.UNANSWERED, item.code
    # Buses aside, a school without them is asked everything else of its stage.
    others = [i for i in t.items() if i not in bus and i.applies.facts == ()]
    for item in others:
        assert without.items[item.code].outcome is not Outcome.EXCLUDED, item.code


def test_safety_boarding_items_only_for_boarding_schools() -> None:
    t = load("wj2024-safety.json")
    boarding = items_where(t, mentions("寄宿", "宿舍"))
    day = outcomes(t, Profile.of(["初中"]))
    board = outcomes(t, Profile.of(["初中"], {"boarding": True}))
    for item in boarding:
        assert day.items[item.code].outcome is Outcome.EXCLUDED, item.code
        assert board.items[item.code].outcome is not Outcome.EXCLUDED, item.code


def test_safety_asks_a_kindergarten_no_bullying_or_crisis_mechanism_but_the_rest() -> None:
    t = load("wj2024-safety.json")
    s = outcomes(t, Profile.of([KINDERGARTEN]))
    for item in items_where(t, mentions("欺凌防治工作机制", "心理危机")):
        assert s.items[item.code].outcome is Outcome.EXCLUDED
    for code in ("AQ7.01", "AQ3.04", "AQ5.02", "AQ6.01"):
        assert s.items[code].outcome is Outcome.UNANSWERED


def test_canteen_template_is_entirely_excluded_without_a_canteen() -> None:
    t = load("wj2024-canteen.json")
    for item in t.items():
        assert dict(item.applies.facts) == {"has_canteen": True}, item.code
    answers = {i.code: best_answer(i) for i in t.items()}
    without = score(t, answers, Profile.of(["小学"]))
    assert all(r.outcome is Outcome.EXCLUDED for r in without.items.values())
    assert without.overall.applicable == 0 and without.percent is None
    with_canteen = score(t, answers, Profile.of(["小学"], {"has_canteen": True}))
    assert not any(r.outcome is Outcome.EXCLUDED for r in with_canteen.items.values())


# ---------------------------------------------------------------- show-if


@pytest.mark.parametrize(
    ("name", "code", "trigger", "shown", "hidden"),
    [
        ("wj2024-safety.json", "AQ2.05", "AQ2.02", ["not_met", "partial"], ["met", "na"]),
        ("wj2024-safety.json", "AQ3.03", "AQ3.01", ["not_met"], ["met", "partial"]),
        ("wj2024-safety.json", "AQ6.03", "AQ6.02", ["listed"], ["not_listed"]),
        ("wj2024-canteen.json", "ST1.05", "ST1.04", ["entrusted"], ["self"]),
        ("wj2024-canteen.json", "ST4.04", "ST4.03", ["not_met", "partial"], ["met"]),
    ],
)
def test_follow_up_items_appear_only_when_needed(
    name: str,
    code: str,
    trigger: str,
    shown: list[AnswerValue],
    hidden: list[AnswerValue],
) -> None:
    t = load(name)
    profile = Profile.of(
        ["十二年一贯制"],
        {"has_canteen": True, "has_labs": True, "boarding": True, "school_bus": True},
    )
    for value in shown:
        assert score(t, {trigger: value}, profile).items[code].outcome is not Outcome.HIDDEN
    for value in [*hidden, None]:
        answers = {} if value is None else {trigger: value}
        assert score(t, answers, profile).items[code].outcome is Outcome.HIDDEN, value
