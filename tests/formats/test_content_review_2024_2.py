"""The supervisor's review of the 13 bundled checklists, version 2024.2 (issue #13).

What a 责任督学 reading all 13 side by side found wrong after the three content revisions:
one self-check period written the same way in every description, plan points in ascending
order, cross-references that name another checklist by its full title, no document number that
could not be verified, and no duty scored twice for the same school (see
docs/content-review.md, 审阅记录（督学视角）).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import REPO
from wjself.core.scoring import Outcome, score
from wjself.core.stages import Profile
from wjself.core.template import Item, Kind, Template
from wjself.core.values import NA
from wjself.formats.templates import read_template

TEMPLATES = REPO / "resources" / "templates"
PATHS = sorted(TEMPLATES.glob("*.json"))


def _all() -> list[Template]:
    return [read_template(p) for p in PATHS]


def _item(t: Template, code: str) -> Item:
    return next(i for i in t.items() if i.code == code)


def _texts(t: Template) -> list[str]:
    out = [t.description]
    for i in t.items():
        out += [i.text, i.method, i.evidence, i.guidance]
        out += [o.label for o in i.options]
    return out


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_description_states_the_period_exactly_as_review_period(path: Path) -> None:
    t = read_template(path)
    assert f"自查时段为{t.review_period}" in t.description


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_plan_points_ascending_and_no_spaced_dates(path: Path) -> None:
    t = read_template(path)
    points = [int(n) for n in re.findall(r"§(\d+)", t.plan_ref)]
    assert points == sorted(points), t.plan_ref
    for text in _texts(t):
        assert not re.search(r"\d +[年月日]|[年月] +\d", text), text


def test_cross_references_name_an_existing_checklist_in_full() -> None:
    templates = _all()
    titles = {t.title for t in templates}
    for t in templates:
        for text in _texts(t):
            for name in re.findall(r"《([^《》]*自[查评]表)》", text):
                assert name in titles, (t.id, name)
            # a checklist named without 书名号 is easy to misname (e.g. 食堂管理与财务自查表)
            for title in titles:
                bare = text.replace(f"《{title}》", "")
                assert title not in bare, (t.id, title)
    logistics = next(t for t in templates if t.id == "wj2024-logistics")
    assert "《食堂管理与学生用餐自查表》" in logistics.description


def test_no_unverified_document_numbers() -> None:
    joined = "".join(text for t in _all() for text in _texts(t))
    assert "高检发〔2020〕14号" not in joined
    assert "财教〔2022〕159号" not in joined


def test_kindergarten_handover_is_scored_once() -> None:
    preschool = read_template(TEMPLATES / "wj2024-preschool.json")
    safety = read_template(TEMPLATES / "wj2024-safety.json")
    assert "接送" in _item(safety, "AQ4.06").text
    care = _item(preschool, "XQ1.02")
    assert "交接" not in care.text and "午睡" in care.text
    assert "AQ4.06" in care.guidance


def test_staff_health_check_is_scored_once() -> None:
    teachers = read_template(TEMPLATES / "wj2024-teachers.json")
    assert "体检" not in _item(teachers, "SD3.01").text
    assert "体检" in _item(teachers, "SD3.02").text


def test_principal_not_on_the_training_list_is_not_scored_down() -> None:
    heartcare = read_template(TEMPLATES / "wj2024-heartcare.json")
    training = _item(heartcare, "XL3.01")
    assert training.kind is Kind.YES_NO and training.allow_na
    result = score(heartcare, {"XL3.01": NA}, Profile.of(["幼儿园"]))
    assert result.items["XL3.01"].outcome is Outcome.NA


def test_vision_checks_each_term_are_scored() -> None:
    five = read_template(TEMPLATES / "wj2024-five-education.json")
    checks = _item(five, "WY4.07")
    assert checks.kind is Kind.NUMBER and checks.required and "每学期2次" in checks.guidance
    school = Profile.of(["小学"])
    assert score(five, {"WY4.07": 2.0}, school).items["WY4.07"].outcome is Outcome.NOT_MET
    assert score(five, {"WY4.07": 3.0}, school).items["WY4.07"].outcome is Outcome.MET
    kindergarten = score(five, {}, Profile.of(["幼儿园"]))
    assert kindergarten.items["WY4.07"].outcome is Outcome.EXCLUDED


def test_labour_week_does_not_wait_for_the_district_handbook() -> None:
    dr = read_template(TEMPLATES / "wj2024-double-reduction.json")
    week = _item(dr, "SJ3.02")
    assert not week.text.startswith("自查时段内已按区")
    assert "手册印发前" in week.guidance


def test_the_plan_is_cited_with_its_point_number() -> None:
    for t in _all():
        for i in t.items():
            # “《要点》未规定……” states an absence; anything the plan asks names its point.
            for m in re.finditer(r"《要点》(?!第\d+条|未)", i.guidance):
                raise AssertionError((t.id, i.code, i.guidance[m.start() : m.start() + 20]))


def test_bought_in_meals_are_open_to_parents() -> None:
    canteen = read_template(TEMPLATES / "wj2024-canteen.json")
    only_bought_in = Profile.of(["小学"], {"outsourced_meals": True})
    result = score(canteen, {}, only_bought_in)
    assert result.items["ST6.06"].outcome is not Outcome.EXCLUDED
    assert result.items["ST1.06"].outcome is Outcome.EXCLUDED  # the canteen's own item
    assert "家长" in _item(canteen, "ST6.06").text
