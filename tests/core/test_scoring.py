"""Scoring rules of DESIGN.md: shares, not applicable, show-if, bands."""

from __future__ import annotations

import pytest

from tests.helpers.factory import item, template
from wjself.core.scoring import Outcome, score
from wjself.core.stages import Profile

PRIMARY = Profile.of(["小学"])


def test_compliance_shares_and_na_leaves_denominator() -> None:
    t = template([item("A"), item("B"), item("C"), item("D")])
    s = score(t, {"A": "met", "B": "partial", "C": "not_met", "D": "na"}, PRIMARY)
    assert s.overall.earned == 1.5
    assert s.overall.possible == 3.0
    assert s.percent == 50.0
    assert s.band == "不合格"
    assert s.items["D"].outcome is Outcome.NA
    assert (
        s.overall.na == 1
        and s.overall.met == 1
        and s.overall.partial == 1
        and s.overall.not_met == 1
    )


def test_partial_credit_from_template_and_weights() -> None:
    t = template([item("A", weight=3), item("B")], partial_credit=0.8)
    s = score(t, {"A": "partial", "B": "met"}, PRIMARY)
    assert s.overall.earned == pytest.approx(3 * 0.8 + 1)
    assert s.percent == pytest.approx(100 * 3.4 / 4)


def test_unanswered_scored_items_earn_nothing_but_count() -> None:
    t = template([item("A"), item("B")])
    s = score(t, {"A": "met"}, PRIMARY)
    assert s.percent == 50.0
    assert s.overall.answered == 1 and s.overall.applicable == 2
    assert not s.overall.complete


def test_default_bands() -> None:
    t = template([item(f"I{i}") for i in range(10)])
    for met, band in [(10, "优秀"), (9, "优秀"), (8, "良好"), (6, "合格"), (5, "不合格")]:
        answers = {f"I{i}": ("met" if i < met else "not_met") for i in range(10)}
        assert score(t, answers, PRIMARY).band == band


def test_custom_bands() -> None:
    t = template(
        [item("A"), item("B")], bands=[{"label": "达标", "min": 50}, {"label": "未达标", "min": 0}]
    )
    assert score(t, {"A": "met", "B": "not_met"}, PRIMARY).band == "达标"
    assert score(t, {"A": "not_met", "B": "not_met"}, PRIMARY).band == "未达标"


def test_targets_on_numbers_percent_and_yes_no() -> None:
    t = template(
        [
            item("N", "number", target=">= 2"),
            item("P", "percent", target=">= 90"),
            item("Y", "yes_no"),
            item("Z", "yes_no", target="= no"),
            item("T", "text"),
            item("U", "number"),
        ]
    )
    s = score(t, {"N": 1, "P": 95.0, "Y": "yes", "Z": "yes", "T": "文字", "U": 3}, PRIMARY)
    assert [s.items[c].outcome for c in "NPYZTU"] == [
        Outcome.NOT_MET,
        Outcome.MET,
        Outcome.MET,
        Outcome.NOT_MET,
        Outcome.ANSWERED,
        Outcome.ANSWERED,
    ]
    assert s.overall.possible == 4.0  # text and untargeted numbers are not scored
    assert s.items["N"].needs_rectification and not s.items["P"].needs_rectification


def test_single_choice_option_scores() -> None:
    options = [
        {"name": "a", "label": "全", "score": 1},
        {"name": "b", "label": "半", "score": 0.5},
        {"name": "c", "label": "无", "score": 0},
    ]
    t = template([item("S", "single", options=options)])
    assert score(t, {"S": "b"}, PRIMARY).items["S"].outcome is Outcome.PARTIAL
    assert score(t, {"S": "c"}, PRIMARY).items["S"].outcome is Outcome.NOT_MET
    assert score(t, {"S": "a"}, PRIMARY).percent == 100.0


def test_not_applicable_by_stage_and_fact_with_reason() -> None:
    t = template(
        [
            item("A"),
            item("K", applies_to={"stages": ["幼儿园"]}),
            item("C", applies_to={"facts": {"has_canteen": True}}),
            item("B", applies_to={"facts": {"boarding": False}}),
        ]
    )
    s = score(t, {"A": "met", "K": "not_met"}, Profile.of(["小学"], {"boarding": True}))
    assert s.items["K"].outcome is Outcome.EXCLUDED and "幼儿园" in s.items["K"].reason
    assert s.items["C"].outcome is Outcome.EXCLUDED and "有食堂" in s.items["C"].reason
    assert s.items["B"].outcome is Outcome.EXCLUDED and "寄宿制" in s.items["B"].reason
    assert s.percent == 100.0
    assert s.overall.na == 3 and s.overall.applicable == 1


def test_combined_stages_cover_basic_ones() -> None:
    t = template([item("J", applies_to={"stages": ["初中"]})])
    assert score(t, {}, Profile.of(["九年一贯制"])).items["J"].outcome is Outcome.UNANSWERED
    assert score(t, {}, Profile.of(["完全中学"])).items["J"].outcome is Outcome.UNANSWERED
    assert score(t, {}, Profile.of(["小学"])).items["J"].outcome is Outcome.EXCLUDED


def test_show_if_hides_and_answer_of_hidden_item_does_not_count() -> None:
    t = template(
        [item("A"), item("B", show_if="${A} = 'not_met'"), item("C", show_if="${B} = 'met'")]
    )
    s = score(t, {"A": "met", "B": "not_met", "C": "met"}, PRIMARY)
    assert s.items["B"].outcome is Outcome.HIDDEN
    # C looks at B, which is hidden, so C is hidden too even though B has a stored answer.
    assert s.items["C"].outcome is Outcome.HIDDEN
    assert s.percent == 100.0 and s.overall.items == 1
    s2 = score(t, {"A": "not_met", "B": "met"}, PRIMARY)
    assert s2.items["B"].outcome is Outcome.MET and s2.items["C"].outcome is Outcome.UNANSWERED


def test_sections_scored_separately() -> None:
    t = template([item("A"), item("B")], [item("C")])
    s = score(t, {"A": "met", "B": "not_met", "C": "met"}, PRIMARY)
    assert [sec.tally.percent for sec in s.sections] == [50.0, 100.0]
    assert s.sections[1].tally.complete and s.sections[0].tally.answered == 2


def test_nothing_scored_gives_no_percent_and_no_band() -> None:
    t = template([item("T", "text")])
    s = score(t, {"T": "x"}, PRIMARY)
    assert s.percent is None and s.band == ""


@pytest.mark.parametrize(
    ("template_title", "report_title"),
    [
        ("校园安全自查表", "示范小学2024年度校园安全自查报告"),
        ("实验教学自评表", "示范小学2024年度实验教学自评报告"),
        ("学校安全工作自查表（示例）", "示范小学2024年度学校安全工作自查报告（示例）"),
        ("产教融合", "示范小学2024年度产教融合自查报告"),
    ],
)
def test_report_title(template_title: str, report_title: str) -> None:
    import dataclasses
    import datetime as dt

    from wjself.core.assessment import AssessmentView, Status
    from wjself.core.school import School

    t = dataclasses.replace(template([item("A")]), title=template_title)
    now = dt.datetime(2024, 6, 1)
    view = AssessmentView(
        1, School(1, "示范小学", "3204120001", ("小学",)), t, "2024", Status.DRAFT, now, now
    )
    assert view.title() == report_title
