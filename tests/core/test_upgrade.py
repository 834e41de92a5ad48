"""Planning a draft's move to a new template version: what carries, what is set aside, nothing lost."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers.template_edits import (
    add_item,
    add_section,
    edit_item,
    edit_section,
    item_of,
    move_item,
    remove_item,
    sample,
)
from wjself.core.assessment import Answer, Evidence, Rectification, Status
from wjself.core.audit import AuditAction
from wjself.core.diff import diff_templates
from wjself.core.errors import InputError
from wjself.core.stages import Applicability, Profile
from wjself.core.targets import Target
from wjself.core.template import Item, Kind, Option, Section, Template
from wjself.core.upgrade import (
    PLAN_FORMAT,
    Disposition,
    HistoryReason,
    UpgradePlan,
    format_plan,
    plan_to_dict,
    plan_upgrade,
    prefill_from,
    upgrade_problems,
)
from wjself.core.values import ValueProblem, coerce

OLD = sample("2024.1")
AT = dt.datetime(2024, 5, 6, 10, 30)
LAB_SCHOOL = Profile.of(["小学"], {"has_labs": True})


def new() -> Template:
    return sample("2024.2")


def evidence(id_: int, code: str, name: str = "照片.jpg") -> Evidence:
    return Evidence(id_, code, f"{id_:064x}", name, 2048, "image/jpeg", f"/data/{id_}", AT)


def rect(id_: int, code: str) -> Rectification:
    return Rectification(id_, 1, code, problem="问题", measure="措施", owner="张老师")


def answers(**values: object) -> dict[str, Answer]:
    return {code: Answer(code, value) for code, value in values.items()}  # type: ignore[arg-type]


def plan(
    new_template: Template,
    given_answers: dict[str, Answer],
    rectifications: tuple[Rectification, ...] = (),
    **kw: object,
) -> UpgradePlan:
    return plan_upgrade(OLD, new_template, given_answers, rectifications, status=Status.DRAFT, **kw)  # type: ignore[arg-type]


def disposition(p: UpgradePlan, code: str) -> Disposition:
    outcome = p.outcome(code)
    assert outcome is not None
    return outcome.disposition


# ---------------------------------------------------------------- carried and re-confirmed


def test_same_content_new_version_carries_everything_as_it_was() -> None:
    given_answers = answers(A01="met", A02=3.0, B02=["offline"], B03="full", B04="2024-03-01")
    p = plan(new(), given_answers)
    assert [o.code for o in p.carried] == ["A01", "A02", "B02", "B03", "B04"]
    assert p.reconfirm == p.set_aside == p.removed == ()
    assert all(not r.changed and not r.needs_reconfirm for r in p.rows)
    assert [r.value for r in p.rows] == ["met", 3.0, ["offline"], "full", "2024-03-01"]
    assert p.history == ()
    assert [d.code for d in p.added_unanswered] == []


def test_pure_reword_keeps_the_answer_and_asks_to_reconfirm() -> None:
    t = edit_item(new(), "A01", text="学校落实“1530”安全教育机制并做好记录。")
    given_answers = {"A01": Answer("A01", "met", note="每周五班会", evidence=(evidence(1, "A01"),))}
    p = plan(t, given_answers)
    (o,) = p.reconfirm
    assert o.code == "A01" and o.value == "met" and o.reasons == ("措辞修改：内容",)
    (row,) = p.rows
    assert (row.value, row.needs_reconfirm, row.note, row.evidence_ids) == (
        "met",
        True,
        "每周五班会",
        (1,),
    )
    assert row.changed and row.set_aside is None
    assert p.history == ()


def test_note_only_answer_on_a_reworded_item_is_carried_without_a_flag() -> None:
    t = edit_item(new(), "A01", text="新措辞。")
    p = plan(t, {"A01": Answer("A01", None, note="待查")})
    assert disposition(p, "A01") is Disposition.CARRIED
    assert p.rows[0].needs_reconfirm is False and p.rows[0].note == "待查"


def test_target_change_keeps_the_value_which_now_scores_differently() -> None:
    t = edit_item(new(), "A02", target=Target(">=", 3.0))
    p = plan(t, answers(A02=2.0), profile=LAB_SCHOOL)
    (o,) = p.carried
    assert o.value == 2.0 and o.reasons == ("目标：≥ 2 次 → ≥ 3 次（答案不变，得分可能变化）",)
    assert p.rows[0].needs_reconfirm is False and not p.rows[0].changed
    # scored for this school: A01, A02, A04 (weight 2), B01, B03; only A02 answered
    assert (p.score_before, p.score_after) == (16.67, 0.0)


@pytest.mark.parametrize(
    ("code", "fields", "reason"),
    [
        ("A04", {"weight": 3.0}, "权重：2 → 3（答案不变，得分可能变化）"),
        ("A01", {"required": False}, "改为选填"),
        (
            "A01",
            {"applies": Applicability(frozenset({"初中"}))},
            "适用范围：全部学校 → 初中（答案不变，是否计入取决于本校情况）",
        ),
        (
            "A05",
            {"show_if": "${A04} = 'partial'"},
            "显示条件：${A04} = 'not_met' → ${A04} = 'partial'（答案不变，是否显示取决于前面的答案）",
        ),
    ],
)
def test_changes_to_how_an_answer_counts_carry_it_with_a_remark(
    code: str, fields: dict[str, object], reason: str
) -> None:
    value = "问题说明" if code == "A05" else "partial"
    p = plan(edit_item(new(), code, **fields), answers(**{code: value}))
    (o,) = p.carried
    assert (o.code, o.value, o.reasons) == (code, value, (reason,))
    assert p.rows[0].value == value and not p.rows[0].needs_reconfirm


def test_option_label_renamed_only_reconfirms_when_it_was_chosen() -> None:
    b03 = item_of(OLD, "B03")
    options = (b03.options[0], replace(b03.options[1], label="仅有兼职心理教师"), b03.options[2])
    t = edit_item(new(), "B03", options=options)
    chosen = plan(t, answers(B03="part"))
    assert disposition(chosen, "B03") is Disposition.RECONFIRM
    assert chosen.rows[0].value == "part"
    assert chosen.reconfirm[0].reasons == ("选项（part）文字：“仅有兼职教师” → “仅有兼职心理教师”",)
    other = plan(t, answers(B03="full"))
    assert disposition(other, "B03") is Disposition.CARRIED
    assert other.rows[0].value == "full"


def test_option_name_renamed_moves_the_value_to_the_new_name() -> None:
    b03 = item_of(OLD, "B03")
    t = edit_item(new(), "B03", options=(*b03.options[:2], replace(b03.options[2], name="no")))
    p = plan(t, answers(B03="none"))
    (o,) = p.reconfirm
    assert (o.old_value, o.value) == ("none", "no")
    assert p.rows[0].value == "no" and p.rows[0].needs_reconfirm


def test_option_added_asks_to_reconfirm_the_choice() -> None:
    b03 = item_of(OLD, "B03")
    t = edit_item(new(), "B03", options=(*b03.options, Option("cert", "兼职教师持证上岗", 0.8)))
    p = plan(t, answers(B03="part"))
    assert disposition(p, "B03") is Disposition.RECONFIRM
    assert p.rows[0].value == "part"


def test_number_to_percent_fits_only_within_0_to_100() -> None:
    t = edit_item(new(), "A02", kind=Kind.PERCENT, unit="", target=Target(">=", 90.0))
    fits = plan(t, answers(A02=95.0))
    assert disposition(fits, "A02") is Disposition.RECONFIRM
    assert fits.rows[0].value == 95.0
    assert "题型：数值 → 百分比" in fits.reconfirm[0].reasons
    too_big = plan(t, answers(A02=150.0))
    (o,) = too_big.set_aside
    assert o.reasons == (
        "题型由“数值”改为“百分比”，原答案不适合：百分比应在 0 到 100 之间，而不是 150",
    )
    assert too_big.rows[0].value is None and too_big.rows[0].set_aside == 150.0


def test_percent_to_number_fits_and_is_reconfirmed() -> None:
    p = plan(edit_item(new(), "B01", kind=Kind.NUMBER, target=None), answers(B01=80.0))
    assert disposition(p, "B01") is Disposition.RECONFIRM and p.rows[0].value == 80.0


def test_single_and_multiple_convert_when_the_value_allows() -> None:
    b02 = item_of(OLD, "B02")
    to_single = edit_item(new(), "B02", kind=Kind.SINGLE)
    one = plan(to_single, answers(B02=["online"]))
    assert disposition(one, "B02") is Disposition.RECONFIRM and one.rows[0].value == "online"
    two = plan(to_single, answers(B02=["offline", "visit"]))
    assert two.set_aside[0].reasons == ("题型改为单选，原答案选了 2 项",)
    to_multiple = edit_item(
        new(),
        "B03",
        kind=Kind.MULTIPLE,
        options=tuple(replace(o, score=None) for o in item_of(OLD, "B03").options),
    )
    p = plan(to_multiple, answers(B03="part"))
    assert p.rows[0].value == ["part"] and p.rows[0].needs_reconfirm
    assert b02.kind is Kind.MULTIPLE


def test_unit_change_asks_to_reconfirm_the_number() -> None:
    p = plan(edit_item(new(), "A02", unit="场"), answers(A02=2.0))
    assert p.reconfirm[0].reasons == ("单位：次 → 场",)


def test_moved_item_carries_its_answer_and_says_where_it_went() -> None:
    t = add_section(new(), Section("C", "三、家庭教育", ()))
    t = move_item(t, "B02", "C")
    p = plan(
        t, {"B02": Answer("B02", ["offline"], note="每学期两次", evidence=(evidence(5, "B02"),))}
    )
    (o,) = p.carried
    assert o.reasons == ("移至分组“三、家庭教育”",)
    assert p.rows[0].evidence_ids == (5,) and p.rows[0].note == "每学期两次"


def test_flags_from_an_earlier_upgrade_stay_until_the_user_touches_the_item() -> None:
    given_answers = {
        "A01": Answer("A01", "met", needs_reconfirm=True),
        "B03": Answer("B03", None, set_aside="none"),
    }
    p = plan(new(), given_answers)
    assert [o.disposition for o in p.outcomes()] == [Disposition.CARRIED, Disposition.CARRIED]
    rows = {r.code: r for r in p.rows}
    assert rows["A01"].needs_reconfirm and not rows["A01"].changed
    assert rows["B03"].set_aside == "none" and not rows["B03"].changed


# ---------------------------------------------------------------- set aside


def test_kind_change_compliance_to_yes_no_sets_the_answer_aside() -> None:
    t = edit_item(new(), "A01", kind=Kind.YES_NO)
    given_answers = {"A01": Answer("A01", "met", note="记录齐全", evidence=(evidence(3, "A01"),))}
    p = plan(t, given_answers, (rect(9, "A01"),))
    (o,) = p.set_aside
    assert (o.old_value, o.value, o.old_display) == ("met", None, "符合")
    assert o.reasons == ("题型由“符合度”改为“是/否”，原答案不能直接沿用",)
    assert [r.id for r in o.rectifications] == [9]
    (row,) = p.rows
    assert (row.value, row.set_aside, row.needs_reconfirm, row.note, row.evidence_ids) == (
        None,
        "met",
        False,
        "记录齐全",
        (3,),
    )
    (h,) = p.history
    assert (h.reason, h.code, h.value) == (HistoryReason.SET_ASIDE, "A01", "met")
    assert "原答案“符合”" in h.message
    assert p.detached_rectifications == ()  # the rectification stays with its item


def test_compliance_to_compliance_fits() -> None:
    t = edit_item(new(), "A01", text="改写。", weight=2.0)
    assert plan(t, answers(A01="partial")).rows[0].value == "partial"


def test_option_removed_that_was_answered_sets_the_answer_aside() -> None:
    b03 = item_of(OLD, "B03")
    t = edit_item(new(), "B03", options=b03.options[:2])
    p = plan(t, answers(B03="none"))
    (o,) = p.set_aside
    assert o.reasons == ("所选选项“未配备”在新版本中已删除",)
    assert p.rows[0].value is None and p.rows[0].set_aside == "none"
    other = plan(t, answers(B03="full"))
    assert disposition(other, "B03") is Disposition.CARRIED
    assert other.carried[0].reasons == ("删除选项“未配备”（none）",)


def test_multiple_choice_with_a_removed_option_is_set_aside_whole() -> None:
    b02 = item_of(OLD, "B02")
    t = edit_item(new(), "B02", options=b02.options[:2])
    p = plan(t, answers(B02=["offline", "visit"]))
    assert p.set_aside[0].old_display == "线下讲座、“大家访”入户指导"
    assert p.rows[0].set_aside == ["offline", "visit"]


@pytest.mark.parametrize(
    ("code", "kind", "value"),
    [("B04", Kind.TEXT, "2024-03-01"), ("A05", Kind.DATE, "2024-03-01"), ("A02", Kind.TEXT, 3.0)],
)
def test_other_kind_changes_set_the_answer_aside(code: str, kind: Kind, value: object) -> None:
    t = edit_item(new(), code, kind=kind, target=None, unit="")
    p = plan(t, answers(**{code: value}))
    assert disposition(p, code) is Disposition.SET_ASIDE


def test_set_aside_values_no_longer_count() -> None:
    t = edit_item(new(), "A01", kind=Kind.YES_NO)
    p = plan(t, answers(A01="met"), profile=LAB_SCHOOL)
    assert p.score_before is not None and p.score_before > 0
    assert p.score_after == 0.0


# ---------------------------------------------------------------- removed and added


def test_removed_item_with_answer_note_evidence_and_rectification_goes_to_history() -> None:
    t = remove_item(new(), "B04")
    files = (evidence(1, "B04", "签到表.jpg"), evidence(2, "B04", "通知.pdf"))
    given_answers = {"B04": Answer("B04", "2024-03-15", note="全体教师参加", evidence=files)}
    p = plan(t, given_answers, (rect(7, "B04"), rect(8, "A01")))
    (o,) = p.removed
    assert (o.code, o.old_value, o.note) == ("B04", "2024-03-15", "全体教师参加")
    assert [e.id for e in o.evidence] == [1, 2] and [r.id for r in o.rectifications] == [7]
    assert p.rows == ()
    (h,) = p.history
    assert (h.reason, h.value, h.note, h.evidence_ids, h.rectification_ids) == (
        HistoryReason.REMOVED_ITEM,
        "2024-03-15",
        "全体教师参加",
        (1, 2),
        (7,),
    )
    assert h.item_text == item_of(OLD, "B04").text
    assert [r.id for r in p.detached_rectifications] == [7]
    c = p.counts
    assert (c.removed, c.removed_evidence, c.removed_rectifications) == (1, 2, 1)
    text = format_plan(p)
    assert (
        "移入历史 1 项（题目在新版本中已删除）\n"
        "  B04 最近一次全体教师心理健康专项培训日期：原答案“2024-03-15”；备注“全体教师参加”；"
        "佐证材料 2 个（签到表.jpg、通知.pdf）；整改 1 条\n"
    ) in text
    assert "不会删除任何内容" in text


def test_rectification_of_a_removed_item_without_an_answer_is_listed_too() -> None:
    p = plan(remove_item(new(), "A01"), {}, (rect(4, "A01"),))
    (o,) = p.removed
    assert o.code == "A01" and o.old_value is None and [r.id for r in o.rectifications] == [4]
    assert p.history[0].rectification_ids == (4,)
    assert p.counts.answered == 1


def test_added_items_are_listed_as_unanswered() -> None:
    t = add_item(new(), "B", Item("B05", "建立心理危机干预机制。", Kind.COMPLIANCE))
    t = add_item(t, "B", Item("B06", "心理测评覆盖率。", Kind.PERCENT))
    p = plan(t, answers(A01="met", B06=90.0))
    assert [d.code for d in p.added_unanswered] == ["B05"]  # B06 has a (stray) answer
    assert disposition(p, "B06") is Disposition.RECONFIRM  # not in the old version: look again
    assert p.counts.added_unanswered == 1


def test_answer_for_a_code_in_neither_version_is_listed_as_removed() -> None:
    p = plan(new(), answers(ZZ1="旧数据"))
    (o,) = p.removed
    assert (o.code, o.old_display, o.text) == ("ZZ1", "旧数据", "")


# ---------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("old_version", "new_version", "words"),
    [
        ("2024.2", "2024.1", "不能从 2024.2 版降级到 2024.1 版"),
        ("2024.10", "2024.9", "不能从 2024.10 版降级到 2024.9 版"),
        ("2024.1", "2024.1", "无需升级"),
        ("2024.1", "2024.01", "无需升级"),
    ],
)
def test_downgrade_and_same_version_are_refused(
    old_version: str, new_version: str, words: str
) -> None:
    with pytest.raises(InputError) as caught:
        plan_upgrade(
            sample(old_version), sample(new_version), answers(A01="met"), status=Status.DRAFT
        )
    (problem,) = caught.value.problems
    assert words in problem.message and problem.field == "version"


def test_a_higher_version_by_version_key_is_allowed() -> None:
    p = plan_upgrade(sample("2024.9"), sample("2024.10"), {}, status=Status.DRAFT)
    assert (p.from_version, p.to_version) == ("2024.9", "2024.10")


def test_different_template_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        plan_upgrade(
            OLD, replace(new(), id="wj-other", title="另一个模板"), {}, status=Status.DRAFT
        )
    (problem,) = caught.value.problems
    assert problem.field == "template"
    assert "只能升级到同一模板的更高版本" in problem.message and "wj-other" in problem.message


@pytest.mark.parametrize("status", [Status.FINALIZED, "finalized"])
def test_finalized_assessment_is_never_upgraded(status: Status | str) -> None:
    with pytest.raises(InputError) as caught:
        plan_upgrade(OLD, new(), answers(A01="met"), status=status)
    (problem,) = caught.value.problems
    assert problem.field == "status"
    assert "已定稿，不能升级" in problem.message
    assert "用 wj-sample 的 2024.2 版新建一份草稿" in problem.message and "预填" in problem.message


def test_every_reason_to_refuse_is_given_at_once() -> None:
    problems = upgrade_problems(sample("3"), sample("2"), Status.FINALIZED)
    assert [p.field for p in problems] == ["version", "status"]
    assert upgrade_problems(OLD, new(), Status.DRAFT) == []


# ---------------------------------------------------------------- prefill


def test_prefill_from_a_finalized_assessment() -> None:
    b03 = item_of(OLD, "B03")
    t = edit_item(new(), "B03", options=b03.options[:2])
    t = edit_item(remove_item(t, "B04"), "A01", text="新措辞。")
    finalized = {
        "A01": Answer("A01", "met", note="记录齐全", evidence=(evidence(1, "A01"),)),
        "A02": Answer("A02", 4.0, needs_reconfirm=True, set_aside=1.0),
        "B03": Answer("B03", "none"),
        "B04": Answer("B04", "2024-03-01"),
    }
    p = prefill_from(finalized, t, OLD)
    assert p.mode == "prefill"
    assert [o.code for o in p.carried] == ["A02"]
    assert [o.code for o in p.reconfirm] == ["A01"]
    assert [o.code for o in p.set_aside] == ["B03"]
    assert [o.code for o in p.removed] == ["B04"]
    rows = {r.code: r for r in p.rows}
    assert rows["A01"].value == "met" and rows["A01"].needs_reconfirm
    assert rows["A01"].note == "记录齐全" and rows["A01"].evidence_ids == (1,)
    # flags of the finalized assessment do not follow into the new draft
    assert rows["A02"].needs_reconfirm is False and rows["A02"].set_aside is None
    assert rows["B03"].value is None and rows["B03"].set_aside == "none"
    assert all(r.changed for r in p.rows)
    assert p.history == () and p.detached_rectifications == ()
    text = format_plan(p)
    assert text.startswith("预填预览：用 wj-sample 2024.1 版的定稿答案预填 2024.2 版新草稿")
    assert "定稿答案 4 项：预填 1 项，预填后需重新确认 1 项，不预填 2 项；新增待填 0 项。" in text


def test_prefill_into_the_same_version_carries_everything() -> None:
    p = prefill_from(answers(A01="met", B02=["online"]), OLD, OLD)
    assert [o.code for o in p.carried] == ["A01", "B02"]


def test_prefill_from_another_template_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        prefill_from(answers(A01="met"), replace(new(), id="wj-other"), OLD)
    assert caught.value.problems[0].field == "template"


# ---------------------------------------------------------------- plan as data and text


def realistic() -> tuple[Template, dict[str, Answer], tuple[Rectification, ...]]:
    t = edit_item(new(), "A01", method="抽查 3 个班级的安全教育记录")
    t = edit_item(t, "A02", target=Target(">=", 3.0))
    t = edit_item(t, "A03", kind=Kind.COMPLIANCE)
    b03 = item_of(t, "B03")
    t = edit_item(t, "B03", options=b03.options[:2])
    t = edit_section(remove_item(t, "B04"), "B", title="二、心理健康教育")
    t = add_section(t, Section("C", "三、家庭教育", (Item("C01", "召开家长会。", Kind.YES_NO),)))
    t = move_item(t, "B02", "C")
    given_answers = {
        "A01": Answer("A01", "met", note="每周五班会"),
        "A02": Answer("A02", 2.0),
        "A03": Answer("A03", "yes"),
        "B01": Answer("B01", 100.0),
        "B02": Answer("B02", ["offline"]),
        "B03": Answer("B03", "none"),
        "B04": Answer("B04", "2024-03-15", evidence=(evidence(1, "B04"),)),
    }
    return t, given_answers, (rect(7, "B04"),)


def test_plan_to_dict_is_json_with_stable_keys() -> None:
    t, given_answers, rects = realistic()
    p = plan(t, given_answers, rects, profile=LAB_SCHOOL)
    data = plan_to_dict(p)
    json.dumps(data, ensure_ascii=False, allow_nan=False)
    assert list(data) == [
        "format",
        "format_version",
        "mode",
        "id",
        "from_version",
        "to_version",
        "basis",
        "counts",
        "score",
        "carried",
        "reconfirm",
        "set_aside",
        "removed",
        "added_unanswered",
        "diff",
    ]
    assert data["format"] == PLAN_FORMAT and data["mode"] == "upgrade"
    assert data["counts"] == {
        "answered": 7,
        "carried": 3,
        "reconfirm": 1,
        "set_aside": 2,
        "removed": 1,
        "added_unanswered": 1,
        "removed_evidence": 1,
        "removed_rectifications": 1,
    }
    assert [d["code"] for d in data["set_aside"]] == ["A03", "B03"]
    assert data["removed"][0] == {
        "code": "B04",
        "text": item_of(OLD, "B04").text,
        "disposition": "removed",
        "old_value": "2024-03-15",
        "value": None,
        "old_display": "2024-03-15",
        "reasons": ["新版本中已删除此题"],
        "note": "",
        "evidence": [{"id": 1, "name": "照片.jpg", "sha256": f"{1:064x}"}],
        "rectifications": [7],
    }
    assert set(data["score"]) == {"before", "after"}
    assert plan_to_dict(plan(t, given_answers, rects))["score"] is None


def test_format_plan_for_a_realistic_upgrade() -> None:
    t, given_answers, rects = realistic()
    text = format_plan(plan(t, given_answers, rects))
    assert text.splitlines()[:2] == [
        "升级预览：《学校安全与心理健康工作自查表（示例）》wj-sample 2024.1 → 2024.2",
        "已有答案 7 项：沿用 3 项，需重新确认 1 项，暂存 2 项，移入历史 1 项；新增待填 1 项。",
    ]
    assert (
        "  A02 本学期开展应急疏散演练的次数：2 次 — 目标：≥ 2 次 → ≥ 3 次（答案不变，得分可能变化）\n"
        in text
    )
    assert "  其余 1 项原样沿用\n" in text
    assert (
        "  A01 学校落实“1530”安全教育机制，每天放学前1分钟、每周末…：符合 — 措辞修改：检查方法\n"
        in text
    )
    assert (
        "  B03 心理健康教育专职教师配备情况：原答案“未配备” — 所选选项“未配备”在新版本中已删除\n"
        in text
    )
    assert "新增待填 1 项\n  C01 召开家长会（三、家庭教育）\n" in text


def test_audit_entries_for_the_store() -> None:
    t, given_answers, rects = realistic()
    entries = plan(t, given_answers, rects).audit(AT, "王主任")
    assert entries[0].action == AuditAction.ASSESSMENT_UPGRADE
    assert (entries[0].old, entries[0].new, entries[0].who, entries[0].at) == (
        "wj-sample@2024.1",
        "wj-sample@2024.2；沿用 3 项，需重新确认 1 项，暂存 2 项，移入历史 1 项",
        "王主任",
        AT,
    )
    assert [(e.action, e.code) for e in entries[1:]] == [
        (AuditAction.ANSWER_NEEDS_RECONFIRM, "A01"),
        (AuditAction.ANSWER_SET_ASIDE, "A03"),
        (AuditAction.ANSWER_SET_ASIDE, "B03"),
        (AuditAction.ANSWER_ITEM_REMOVED, "B04"),
    ]


def test_basis_changes_with_the_draft_and_nothing_else() -> None:
    t, given_answers, rects = realistic()
    first = plan(t, given_answers, rects)
    assert plan(t, dict(given_answers), rects).basis == first.basis
    assert plan(t, dict(given_answers), rects) == first  # deterministic, comparable
    touched = {**given_answers, "B01": Answer("B01", 95.0)}
    assert plan(t, touched, rects).basis != first.basis
    assert plan(t, given_answers, ()).basis != first.basis


# ---------------------------------------------------------------- property: nothing is lost

NAMES = ("o1", "o2", "o3", "o4")


def _options(draw: st.DrawFn, scored: bool) -> tuple[Option, ...]:
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=4, unique=True))
    return tuple(
        Option(n, draw(st.sampled_from(["甲", "乙", "丙", f"标签{n}"])), 0.5 if scored else None)
        for n in names
    )


def _edit(draw: st.DrawFn, item: Item) -> Item:
    action = draw(
        st.sampled_from(
            [
                "keep",
                "reword",
                "kind",
                "options",
                "target",
                "weight",
                "required",
                "applies",
                "show_if",
            ]
        )
    )
    if action == "reword":
        return replace(item, text=item.text + "（修订）", method="新方法")
    if action == "kind":
        kind = draw(st.sampled_from(list(Kind)))
        options = (
            _options(draw, kind is Kind.SINGLE) if kind in (Kind.SINGLE, Kind.MULTIPLE) else ()
        )
        if kind in (Kind.SINGLE, Kind.MULTIPLE) and item.options and draw(st.booleans()):
            options = (
                tuple(replace(o, score=None) for o in item.options)
                if kind is Kind.MULTIPLE
                else item.options
            )
        return replace(item, kind=kind, options=options, target=None, unit="", weight=None)
    if action == "options" and item.options:
        kept = [o for o in item.options if draw(st.booleans())] or [item.options[0]]
        kept = [replace(o, label=o.label + "改") if draw(st.booleans()) else o for o in kept]
        if draw(st.booleans()):
            kept = [replace(kept[0], name="renamed"), *kept[1:]]
        if draw(st.booleans()):
            kept.append(Option("extra", "新增选项"))
        return replace(item, options=tuple(kept))
    if action == "target" and item.kind in (Kind.NUMBER, Kind.PERCENT):
        return replace(item, target=Target(">=", float(draw(st.integers(0, 100)))))
    if action == "weight":
        return replace(item, weight=float(draw(st.integers(0, 5))))
    if action == "required":
        return replace(item, required=not item.required)
    if action == "applies":
        return replace(item, applies=Applicability(frozenset({"初中"})))
    if action == "show_if":
        return replace(item, show_if="" if item.show_if else "${A01} = 'met'")
    return item


@st.composite
def new_versions(draw: st.DrawFn) -> Template:
    sections: dict[str, list[Item]] = {"A": [], "B": [], "Z": []}
    for item in OLD.items():
        if draw(st.integers(0, 9)) == 0:
            continue  # removed
        target = draw(st.sampled_from(["A", "A", "B", "B", "Z"]))
        sections[target].append(_edit(draw, item))
    for n in range(draw(st.integers(0, 3))):
        sections[draw(st.sampled_from(["A", "B", "Z"]))].append(
            Item(f"N{n}", "新增题。", Kind.COMPLIANCE)
        )
    for items in sections.values():
        if draw(st.booleans()):
            items.reverse()
    titles = {
        "A": "一、校园安全",
        "B": draw(st.sampled_from(["二、心理健康与家庭教育", "二、改名"])),
        "Z": "三、新增",
    }
    order = draw(st.permutations(["A", "B", "Z"]))
    return replace(
        OLD,
        version="2024.2",
        sections=tuple(
            Section(c, titles[c], tuple(sections[c])) for c in order if sections[c] or c != "Z"
        ),
    )


def _value(draw: st.DrawFn, item: Item) -> object:
    kind = item.kind
    if kind is Kind.COMPLIANCE:
        return draw(st.sampled_from(["met", "partial", "not_met", "na"]))
    if kind is Kind.YES_NO:
        return draw(st.sampled_from(["yes", "no"]))
    if kind is Kind.NUMBER:
        return draw(st.floats(-1000, 1000, allow_nan=False))
    if kind is Kind.PERCENT:
        return draw(st.floats(0, 100))
    if kind is Kind.DATE:
        return draw(st.dates()).isoformat()
    if kind is Kind.SINGLE:
        return draw(st.sampled_from([o.name for o in item.options]))
    if kind is Kind.MULTIPLE:
        chosen = draw(st.sets(st.sampled_from([o.name for o in item.options])))
        return [o.name for o in item.options if o.name in chosen]
    return draw(st.text(max_size=20))


@st.composite
def drafts(draw: st.DrawFn) -> tuple[dict[str, Answer], tuple[Rectification, ...]]:
    out: dict[str, Answer] = {}
    next_id = iter(range(1, 10_000))
    for item in OLD.items():
        if not draw(st.booleans()):
            continue
        value = None if draw(st.integers(0, 5)) == 0 else _value(draw, item)
        files = tuple(evidence(next(next_id), item.code) for _ in range(draw(st.integers(0, 2))))
        out[item.code] = Answer(
            item.code,
            value,  # type: ignore[arg-type]
            note=draw(st.sampled_from(["", "备注"])),
            evidence=files,
            needs_reconfirm=draw(st.booleans()),
            set_aside=draw(st.sampled_from([None, "met", 5.0])),
        )
    if draw(st.booleans()):
        out["STRAY"] = Answer("STRAY", "旧数据")
    codes = [i.code for i in OLD.items()]
    rects = tuple(
        rect(100 + n, c) for n, c in enumerate(draw(st.lists(st.sampled_from(codes), max_size=4)))
    )
    return out, rects


def same(a: Template, b: Template, code: str) -> bool:
    """Equal items, a weight written out equal to its default being no difference."""
    x, y = item_of(a, code), item_of(b, code)
    return replace(x, weight=x.effective_weight) == replace(y, weight=y.effective_weight)


PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(new_template=new_versions(), draft=drafts())
def test_every_answer_ends_up_in_exactly_one_place(
    new_template: Template, draft: tuple[dict[str, Answer], tuple[Rectification, ...]]
) -> None:
    given_answers, rects = draft
    p = plan_upgrade(
        OLD, new_template, given_answers, rects, status=Status.DRAFT, profile=LAB_SCHOOL
    )
    new_codes = {i.code for i in new_template.items()}

    # every answered code (and every rectification of a removed item) in exactly one list
    placed = [o.code for o in p.carried + p.reconfirm + p.set_aside + p.removed]
    expected = set(given_answers) | {r.code for r in rects if r.code not in new_codes}
    assert sorted(placed) == sorted(expected)
    assert len(placed) == len(set(placed))

    # counts are the lists' lengths
    c = p.counts
    assert (c.carried, c.reconfirm, c.set_aside, c.removed) == (
        len(p.carried),
        len(p.reconfirm),
        len(p.set_aside),
        len(p.removed),
    )
    assert c.answered == len(expected)
    assert c.removed_evidence == sum(len(o.evidence) for o in p.removed)
    assert c.added_unanswered == len(p.added_unanswered)

    # the store's rows: one per answer of an item still there, values that fit
    rows = {r.code: r for r in p.rows}
    assert set(rows) == set(given_answers) & new_codes
    for o in p.carried + p.reconfirm:
        row = rows[o.code]
        assert row.value == o.value
        assert row.needs_reconfirm == (
            o.disposition is Disposition.RECONFIRM or given_answers[o.code].needs_reconfirm
        )
        if row.value is not None:
            new_item = item_of(new_template, o.code)
            try:
                assert coerce(new_item, row.value) == row.value
            except ValueProblem as exc:  # pragma: no cover - the assertion's message
                raise AssertionError(f"{o.code}: {row.value!r} does not fit: {exc}") from exc
    for o in p.set_aside:
        assert rows[o.code].value is None and rows[o.code].set_aside == o.old_value
        assert o.old_value is not None and o.reasons

    # history: the removed and the set aside, each once; no evidence or rectification lost
    history = [(h.code, h.reason) for h in p.history]
    assert sorted(history) == sorted(
        [(o.code, HistoryReason.REMOVED_ITEM) for o in p.removed]
        + [(o.code, HistoryReason.SET_ASIDE) for o in p.set_aside]
    )
    kept_files = {e for r in p.rows for e in r.evidence_ids}
    archived_files = {
        e for h in p.history if h.reason is HistoryReason.REMOVED_ITEM for e in h.evidence_ids
    }
    assert kept_files | archived_files == {e.id for a in given_answers.values() for e in a.evidence}
    assert {r.id for r in p.detached_rectifications} == {
        r.id for r in rects if r.code not in new_codes
    }
    assert {i for h in p.history for i in h.rectification_ids} == {
        r.id for r in p.detached_rectifications
    }

    # added items without an answer are listed
    assert {d.code for d in p.added_unanswered} == new_codes - {i.code for i in OLD.items()} - set(
        given_answers
    )

    # the diff partitions the items of both versions
    diff = diff_templates(OLD, new_template)
    in_diff = [
        d.code
        for g in (diff.kept, diff.reworded, diff.changed, diff.moved_only, diff.added, diff.removed)
        for d in g
    ]
    assert sorted(in_diff) == sorted(new_codes | {i.code for i in OLD.items()})
    assert len(in_diff) == len(set(in_diff))
    old_sections = {i.code: s.code for s in OLD.sections for i in s.items}
    new_sections = {i.code: s.code for s in new_template.sections for i in s.items}
    assert [d.code for d in diff.moved] == [
        c for c, s in new_sections.items() if c in old_sections and old_sections[c] != s
    ]
    assert {d.code for d in diff.kept + diff.moved_only} == {
        c for c in new_sections if c in old_sections and same(OLD, new_template, c)
    }

    # the reports render and the JSON form is plain data
    assert format_plan(p) and json.dumps(plan_to_dict(p), ensure_ascii=False)
