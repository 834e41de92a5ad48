"""The 2024.2 template model: stage targets, the self-check period, 不适用 on scored items."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.factory import item, template, template_dict
from tests.helpers.pyxform import pyxform_verdict
from wjself.core.codec import template_from_dict, template_to_dict
from wjself.core.diff import diff_templates
from wjself.core.diff_report import format_diff
from wjself.core.scoring import Outcome, score
from wjself.core.stages import FACTS, Profile
from wjself.core.target_words import all_target_words, school_target_words
from wjself.core.upgrade import Disposition, plan_upgrade
from wjself.core.values import NA, ValueProblem, coerce, display
from wjself.formats.xlsform import read_xlsform
from wjself.formats.xlsform_write import xlsform_bytes

DRILLS = item(
    "D1",
    "number",
    unit="次",
    target=">= 2",
    stage_targets={"幼儿园": ">= 2", "小学 初中 高中 中职": ">= 10"},
)


def drills(**extra: Any) -> Any:
    return template([{**DRILLS, **extra}], review_period="2024年1月1日至2024年12月31日")


def profile(*stages: str, **facts: bool) -> Profile:
    return Profile.of(stages, facts)


def test_stage_targets_read_write_and_round_trip_through_xlsform() -> None:
    t = drills()
    data = template_to_dict(t)
    assert data["review_period"] == "2024年1月1日至2024年12月31日"
    assert data["sections"][0]["items"][0]["stage_targets"] == {
        "幼儿园": ">= 2",
        "小学 初中 高中 中职": ">= 10",
    }
    back, problems = read_xlsform(xlsform_bytes(t), "t.xlsx")
    assert problems == [] and back is not None
    assert json.dumps(template_to_dict(back)) == json.dumps(data)


def test_allow_na_round_trips_and_is_written_only_when_set() -> None:
    t = template([item("Y", "yes_no", allow_na=True), item("N", "number", target=">= 1")])
    data = template_to_dict(t)
    assert data["sections"][0]["items"][0]["allow_na"] is True
    assert "allow_na" not in data["sections"][0]["items"][1]
    back, problems = read_xlsform(xlsform_bytes(t), "t.xlsx")
    assert problems == [] and back == t


def test_a_school_meets_the_target_of_each_of_its_stages() -> None:
    t = drills()
    d1 = t.item("D1")
    assert d1 is not None
    assert school_target_words(d1, ["幼儿园"]) == "≥ 2 次"
    assert school_target_words(d1, ["九年一贯制"]) == "≥ 10 次"
    assert all_target_words(d1) == "幼儿园 ≥ 2 次；小学、初中、高中、中职 ≥ 10 次；其他学段 ≥ 2 次"
    assert score(t, {"D1": 4.0}, profile("幼儿园")).items["D1"].outcome is Outcome.MET
    assert score(t, {"D1": 4.0}, profile("小学")).items["D1"].outcome is Outcome.NOT_MET
    assert score(t, {"D1": 10.0}, profile("初中")).items["D1"].outcome is Outcome.MET
    # A kindergarten and primary school together must meet both, so the stricter one.
    assert score(t, {"D1": 4.0}, profile("幼儿园", "小学")).items["D1"].outcome is Outcome.NOT_MET
    # A school without stages uses the plain target.
    assert score(t, {"D1": 2.0}, profile()).items["D1"].outcome is Outcome.MET


def test_stages_without_an_entry_and_without_a_target_leave_the_item_unscored() -> None:
    t = template([item("D1", "number", stage_targets={"小学": ">= 10"})])
    assert score(t, {}, profile("高中")).overall.possible == 0
    assert score(t, {"D1": 1.0}, profile("高中")).items["D1"].outcome is Outcome.ANSWERED
    assert score(t, {}, profile("小学")).overall.possible == 1


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"kind": "yes_no", "stage_targets": {"小学": ">= 1"}}, "只有数值和百分比题"),
        ({"stage_targets": {"大学": ">= 1"}}, "“大学”不是学段"),
        ({"stage_targets": {"小学": "至少 4"}}, "无法识别"),
        ({"stage_targets": {"小学": ">= 4", "小学 初中": ">= 2"}}, "出现了不止一次"),
        ({"kind": "percent", "unit": "", "stage_targets": {"小学": ">= 400"}}, "0 到 100"),
        ({"stage_targets": ["小学", ">= 4"]}, "应为对象"),
        ({"kind": "text", "allow_na": True}, "allow_na"),
        ({"kind": "compliance", "allow_na": True}, "本来就可以答"),
        ({"allow_na": "yes"}, "true 或 false"),
    ],
)
def test_bad_stage_targets_and_allow_na_are_refused(extra: dict[str, Any], message: str) -> None:
    _, problems = template_from_dict(template_dict([{**DRILLS, **extra}]), "t.json")
    assert any(message in str(p) for p in problems), problems


def test_bad_stage_targets_in_a_workbook_name_the_row_and_column() -> None:
    data = xlsform_bytes(drills())
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["survey"]
    header = [c.value for c in sheet[1]]
    row = next(r[0].row for r in sheet.iter_rows() if r[1].value == "D1")
    sheet.cell(row, header.index("stage_targets") + 1, "幼儿园 >= 2")
    sheet.cell(row, header.index("allow_na") + 1, "maybe")
    out = io.BytesIO()
    book.save(out)
    _, problems = read_xlsform(out.getvalue(), "t.xlsx")
    texts = [str(p) for p in problems]
    assert any(f"survey:{row}" in t and "stage_targets" in t and "学段: 目标" in t for t in texts)
    assert any(f"survey:{row}" in t and "allow_na" in t for t in texts)


def test_pyxform_accepts_the_new_columns(tmp_path: Path) -> None:
    t = template(
        [{**DRILLS, "allow_na": True}, item("Y", "yes_no", allow_na=True)],
        review_period="2024年1月1日至2024年12月31日",
    )
    xlsx = tmp_path / "t.xlsx"
    xlsx.write_bytes(xlsform_bytes(t))
    verdict = pyxform_verdict(xlsx, tmp_path / "t.xml")
    assert verdict["code"] == 100, verdict


@pytest.mark.parametrize("kind", ["yes_no", "number", "percent", "single"])
def test_na_is_an_answer_only_where_allowed(kind: str) -> None:
    options = [{"name": "a", "label": "甲", "score": 1}] if kind == "single" else []
    extra: dict[str, Any] = {"options": options} if options else {}
    if kind in ("number", "percent"):
        extra["target"] = ">= 1"
    allowed = template([item("X", kind, allow_na=True, **extra)]).item("X")
    plain = template([item("X", kind, **extra)]).item("X")
    assert allowed is not None and plain is not None
    for raw in ("不适用", "NA", " n/a "):
        assert coerce(allowed, raw) == NA
    assert display(allowed, NA) == "不适用"
    with pytest.raises(ValueProblem):
        coerce(plain, "不适用")
    with pytest.raises(ValueProblem, match="也可答“不适用”"):
        coerce(allowed, "随便")
    t = template([item("X", kind, allow_na=True, **extra), item("C")])
    result = score(t, {"X": NA, "C": "met"}, profile("小学"))
    assert result.items["X"].outcome is Outcome.NA
    assert result.percent == 100.0 and result.overall.possible == 1


def test_show_if_may_compare_with_na_on_an_item_that_allows_it() -> None:
    _, problems = template_from_dict(
        template_dict(
            [item("Y", "yes_no", allow_na=True), item("Z", "text", show_if="${Y} = 'na'")]
        )
    )
    assert problems == []


def test_new_profile_facts_limit_items() -> None:
    assert {"outsourced_meals", "party_org"} <= set(FACTS)
    t = template(
        [
            item("M", applies_to={"facts": {"outsourced_meals": True}}),
            item("P", applies_to={"facts": {"party_org": False}}),
        ]
    )
    plain = score(t, {}, profile("小学"))
    assert plain.items["M"].outcome is Outcome.EXCLUDED
    assert "校外供餐" in plain.items["M"].reason
    assert plain.items["P"].outcome is Outcome.UNANSWERED
    both = score(t, {}, profile("小学", outsourced_meals=True, party_org=True))
    assert both.items["M"].outcome is Outcome.UNANSWERED
    assert both.items["P"].outcome is Outcome.EXCLUDED


def test_diff_reports_stage_targets_allow_na_and_the_period_in_words() -> None:
    old = template([item("D1", "number", unit="次", target=">= 2"), item("Y", "yes_no")])
    new = template(
        [DRILLS, item("Y", "yes_no", allow_na=True)],
        review_period="2024年1月1日至2024年12月31日",
    )
    diff = diff_templates(old, new)
    texts = {c.field: c.text for d in diff.changed for c in d.changes}
    assert texts["target"] == (
        "目标：≥ 2 次 → 幼儿园 ≥ 2 次；小学、初中、高中、中职 ≥ 10 次；其他学段 ≥ 2 次"
    )
    assert texts["allow_na"] == "改为可答“不适用”"
    (period,) = [c for c in diff.template if c.field == "review_period"]
    assert period.text == "自查时段：无 → “2024年1月1日至2024年12月31日”"
    report = format_diff(diff)
    assert "幼儿园 ≥ 2 次" in report and "改为可答“不适用”" in report
    # Same stage targets, same item: nothing to report.
    assert diff_templates(new, new).identical


def test_upgrade_keeps_na_where_the_new_item_allows_it_and_sets_it_aside_where_not() -> None:
    old = template(
        [item("Y", "yes_no", allow_na=True), item("N", "number", target=">= 1", allow_na=True)]
    )
    new = template(
        [item("Y", "yes_no", allow_na=True), item("N", "number", target=">= 1")], version="2"
    )
    from wjself.core.assessment import Answer

    answers = {code: Answer(code, NA) for code in ("Y", "N")}
    plan = plan_upgrade(old, new, answers, status="draft", profile=profile("小学"))
    by = {o.code: o for o in plan.outcomes()}
    assert by["Y"].disposition is Disposition.CARRIED and by["Y"].value == NA
    assert by["N"].disposition is Disposition.SET_ASIDE
    assert "不能再答“不适用”" in by["N"].reasons[0]


def test_a_new_hint_or_clause_alone_does_not_ask_for_reconfirmation() -> None:
    """#7: reworded means text, 检查方法 or 佐证材料; a bureau adding national rules to every
    item's 填写说明 must not flag every answer of every school."""
    from wjself.core.assessment import Answer

    old = template([item("A", clause="§6"), item("B"), item("C")])
    new = template(
        [
            item("A", clause="§21", guidance="依据《中小学幼儿园安全管理办法》。"),
            item("B", method="现场查看"),
            item("C", guidance="新的填写说明"),
        ],
        version="2",
    )
    answers = {code: Answer(code, "met") for code in "ABC"}
    plan = plan_upgrade(old, new, answers, status="draft", profile=profile("小学"))
    by = {o.code: o for o in plan.outcomes()}
    assert by["A"].disposition is Disposition.CARRIED and by["C"].disposition is Disposition.CARRIED
    assert by["A"].reasons == ("修改：填写说明、依据条款",)
    assert by["B"].disposition is Disposition.RECONFIRM
