"""Comparing two template versions: every kind of change lands in the right list, with words."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from tests.helpers.template_edits import (
    add_item,
    add_section,
    edit_item,
    edit_section,
    item_of,
    move_item,
    remove_item,
    remove_section,
    sample,
)
from wjself.core.diff import ItemDiff, TemplateDiff, diff_templates
from wjself.core.diff_report import DIFF_FORMAT, diff_to_dict, format_diff
from wjself.core.stages import Applicability
from wjself.core.targets import Target
from wjself.core.template import Band, Item, Kind, Option, Section

OLD = sample("2024.1")


def new():
    return sample("2024.2")


def only(diff: TemplateDiff, code: str) -> ItemDiff:
    """The entry for ``code``, asserting it is the only item that is not kept."""
    entry = diff.item(code)
    assert entry is not None
    others = [
        d.code
        for group in (diff.reworded, diff.changed, diff.moved_only, diff.added, diff.removed)
        for d in group
        if d.code != code
    ]
    assert others == []
    return entry


# ---------------------------------------------------------------- nothing changed


def test_a_version_compared_with_itself_is_all_kept() -> None:
    diff = diff_templates(OLD, OLD)
    assert diff.identical
    assert diff.direction == "same"
    assert [d.code for d in diff.kept] == [i.code for i in OLD.items()]
    assert not (diff.reworded or diff.changed or diff.moved or diff.added or diff.removed)
    assert diff.sections == () and diff.template == ()
    text = format_diff(diff)
    assert "两个版本内容相同：保留全部 9 项。" in text


def test_same_content_under_a_new_version_is_an_identical_upgrade() -> None:
    diff = diff_templates(OLD, new())
    assert diff.identical and diff.direction == "upgrade"
    assert len(diff.kept) == 9


def test_versions_compare_by_version_key() -> None:
    assert diff_templates(sample("2024.9"), sample("2024.10")).direction == "upgrade"
    assert diff_templates(sample("2024.10"), sample("2024.9")).direction == "downgrade"
    assert diff_templates(sample("2024.1"), sample("2024.01")).direction == "same"
    text = format_diff(diff_templates(edit_item(sample("2"), "A01", text="新"), sample("1")))
    assert "右边的版本号低于左边" in text


def test_weight_written_out_equal_to_its_default_is_no_change() -> None:
    assert item_of(OLD, "A01").weight is None
    diff = diff_templates(OLD, edit_item(new(), "A01", weight=1.0))
    assert diff.identical


def test_a_show_if_written_differently_but_meaning_the_same_is_no_change() -> None:
    diff = diff_templates(OLD, edit_item(new(), "A05", show_if='${A04}="not_met"'))
    assert diff.identical


# ---------------------------------------------------------------- wording


@pytest.mark.parametrize("field", ["text", "method", "evidence", "guidance", "clause"])
def test_wording_changes_are_rewordings(field: str) -> None:
    before = getattr(item_of(OLD, "A01"), field)
    diff = diff_templates(OLD, edit_item(new(), "A01", **{field: before + "（修订）"}))
    entry = only(diff, "A01")
    assert diff.reworded == (entry,) and diff.changed == ()
    assert entry.reworded and not entry.affects_answers and not entry.moved
    assert entry.fields == (field,)
    change = entry.changes[0]
    assert change.old == before and change.new == before + "（修订）"
    assert len(diff.kept) == 8


def test_pure_reword_in_the_text_report() -> None:
    t = edit_item(
        new(), "A01", text="学校落实“1530”安全教育机制，并做好记录。", method="抽查 3 个班级"
    )
    text = format_diff(diff_templates(OLD, t))
    assert "措辞修改 1 项\n  A01 学校落实“1530”安全教育机制，并做好记录：内容、检查方法\n" in text
    assert "影响答案的修改 0 项" in text
    assert "保留 8 项" in text


def test_option_order_alone_is_wording() -> None:
    b02 = item_of(OLD, "B02")
    diff = diff_templates(OLD, edit_item(new(), "B02", options=tuple(reversed(b02.options))))
    entry = only(diff, "B02")
    assert entry.reworded and entry.fields == ("option_order",)
    assert entry.changes[0].new == "visit online offline"


# ---------------------------------------------------------------- changes that affect answers


def test_kind_change_compliance_to_yes_no() -> None:
    diff = diff_templates(OLD, edit_item(new(), "A01", kind=Kind.YES_NO))
    entry = only(diff, "A01")
    assert diff.changed == (entry,)
    (change,) = entry.changes
    assert (change.field, change.old, change.new) == ("kind", "compliance", "yes_no")
    assert change.text == "题型：符合度 → 是/否"
    assert change.affects_answers


def test_option_removed() -> None:
    b03 = item_of(OLD, "B03")
    diff = diff_templates(OLD, edit_item(new(), "B03", options=b03.options[:2]))
    (change,) = only(diff, "B03").changes
    assert (change.field, change.option, change.new) == ("option_removed", "none", "")
    assert change.text == "删除选项“未配备”（none）"


def test_option_added() -> None:
    b02 = item_of(OLD, "B02")
    options = (*b02.options, Option("school", "家长驻校"))
    (change,) = only(diff_templates(OLD, edit_item(new(), "B02", options=options)), "B02").changes
    assert (change.field, change.option, change.new) == ("option_added", "school", "家长驻校")


def test_option_label_renamed_only() -> None:
    b03 = item_of(OLD, "B03")
    options = (b03.options[0], replace(b03.options[1], label="仅有兼职心理教师"), b03.options[2])
    entry = only(diff_templates(OLD, edit_item(new(), "B03", options=options)), "B03")
    (change,) = entry.changes
    assert (change.field, change.option) == ("option_label", "part")
    assert (change.old, change.new) == ("仅有兼职教师", "仅有兼职心理教师")
    assert entry.affects_answers


def test_option_name_renamed_with_the_same_label_is_one_change() -> None:
    b03 = item_of(OLD, "B03")
    options = (b03.options[0], b03.options[1], replace(b03.options[2], name="no_teacher"))
    (change,) = only(diff_templates(OLD, edit_item(new(), "B03", options=options)), "B03").changes
    assert (change.field, change.old, change.new, change.option) == (
        "option_name",
        "none",
        "no_teacher",
        "no_teacher",
    )


def test_option_score_change() -> None:
    b03 = item_of(OLD, "B03")
    options = (b03.options[0], replace(b03.options[1], score=0.6), b03.options[2])
    (change,) = only(diff_templates(OLD, edit_item(new(), "B03", options=options)), "B03").changes
    assert (change.field, change.old, change.new) == ("option_score", "0.5", "0.6")


@pytest.mark.parametrize(
    ("code", "fields", "field", "old", "new_value", "words"),
    [
        ("A02", {"target": Target(">=", 3.0)}, "target", ">= 2", ">= 3", "目标：≥ 2 次 → ≥ 3 次"),
        ("A02", {"unit": "场"}, "unit", "次", "场", "单位：次 → 场"),
        ("A04", {"weight": 3.0}, "weight", "2", "3", "权重：2 → 3"),
        ("A01", {"required": False}, "required", "true", "false", "改为选填"),
        ("A03", {"required": True}, "required", "false", "true", "改为必填"),
        (
            "A01",
            {"applies": Applicability(frozenset({"小学"}))},
            "applies",
            "",
            "小学",
            "适用范围：全部学校 → 小学",
        ),
        (
            "A03",
            {"applies": Applicability(facts=(("boarding", False),))},
            "applies",
            "school_bus",
            "!boarding",
            "适用范围：运营校车 → 非寄宿制",
        ),
        (
            "A05",
            {"show_if": "${A04} != 'met'"},
            "show_if",
            "${A04} = 'not_met'",
            "${A04} != 'met'",
            "显示条件：${A04} = 'not_met' → ${A04} != 'met'",
        ),
        (
            "A05",
            {"show_if": ""},
            "show_if",
            "${A04} = 'not_met'",
            "",
            "显示条件：${A04} = 'not_met' → 总是显示",
        ),
    ],
)
def test_changes_that_affect_answers(
    code: str, fields: dict[str, object], field: str, old: str, new_value: str, words: str
) -> None:
    entry = only(diff_templates(OLD, edit_item(new(), code, **fields)), code)
    (change,) = entry.changes
    assert (change.field, change.old, change.new, change.text) == (field, old, new_value, words)
    assert change.affects_answers and entry.affects_answers and not entry.reworded


def test_removing_a_target_also_drops_the_default_weight() -> None:
    entry = only(diff_templates(OLD, edit_item(new(), "A02", target=None)), "A02")
    assert entry.fields == ("target", "weight")
    assert entry.changes[1].text == "权重：1 → 不计分"


def test_wording_and_substance_together_are_a_change_listing_both() -> None:
    t = edit_item(new(), "A03", kind=Kind.COMPLIANCE, text="校车安全管理符合要求。")
    entry = only(diff_templates(OLD, t), "A03")
    assert entry.fields == ("text", "kind")
    text = format_diff(diff_templates(OLD, t))
    assert "  A03 校车安全管理符合要求\n      措辞修改：内容\n      题型：是/否 → 符合度\n" in text


# ---------------------------------------------------------------- moves, additions, removals


def test_item_moved_between_sections_unchanged() -> None:
    diff = diff_templates(OLD, move_item(new(), "A05", "B"))
    entry = only(diff, "A05")
    assert diff.moved == (entry,) and diff.moved_only == (entry,)
    assert entry.moved and entry.changes == ()
    assert (entry.old_section, entry.section) == ("A", "B")
    assert "A05" not in [d.code for d in diff.kept]
    text = format_diff(diff)
    assert (
        "移动 1 项\n  A05 若危化品管理不符合，说明存在的主要问题：“一、校园安全” → “二、心理健康与家庭教育”"
        in text
    )


def test_item_moved_and_reworded_is_listed_under_both() -> None:
    t = edit_item(move_item(new(), "A05", "B"), "A05", text="说明危化品管理的问题。")
    diff = diff_templates(OLD, t)
    entry = only(diff, "A05")
    assert diff.reworded == (entry,) and diff.moved == (entry,) and diff.moved_only == ()
    assert "移动 1 项（其中 1 项另有修改，见上）" in format_diff(diff)


def test_item_added_and_item_removed() -> None:
    added = Item("B05", "学校建立学生心理危机干预机制。", Kind.COMPLIANCE, clause="§17")
    t = add_item(remove_item(new(), "B04"), "B", added)
    diff = diff_templates(OLD, t)
    assert [d.code for d in diff.added] == ["B05"]
    assert [d.code for d in diff.removed] == ["B04"]
    assert diff.added[0].section == "B" and diff.added[0].old_section == ""
    assert diff.removed[0].section == "B" and not diff.removed[0].moved
    text = format_diff(diff)
    assert "新增 1 项\n  B05 学校建立学生心理危机干预机制（二、心理健康与家庭教育）" in text
    assert (
        "删除 1 项\n  B04 最近一次全体教师心理健康专项培训日期（原属二、心理健康与家庭教育）"
        in text
    )


def test_items_reordered_within_a_section() -> None:
    t = move_item(new(), "A01", "A")  # to the end of its own section
    diff = diff_templates(OLD, t)
    assert len(diff.kept) == 9
    (change,) = diff.sections
    assert (change.change, change.code) == ("items_reordered", "A")
    assert change.new == "A02 A03 A04 A05 A01"


# ---------------------------------------------------------------- sections and template


def test_section_renamed() -> None:
    diff = diff_templates(OLD, edit_section(new(), "B", title="二、心理健康教育"))
    (change,) = diff.sections
    assert (change.change, change.code, change.old, change.new) == (
        "renamed",
        "B",
        "二、心理健康与家庭教育",
        "二、心理健康教育",
    )
    assert len(diff.kept) == 9  # items did not move: the section kept its code
    assert (
        "分组变化 1 项\n  B 分组重命名：“二、心理健康与家庭教育” → “二、心理健康教育”"
        in format_diff(diff)
    )


def test_section_added_with_its_items() -> None:
    c = Section("C", "三、家庭教育", (Item("C01", "召开家长会。", Kind.YES_NO),))
    diff = diff_templates(OLD, add_section(new(), c))
    assert [(s.change, s.code) for s in diff.sections] == [("added", "C")]
    assert [d.code for d in diff.added] == ["C01"]


def test_section_removed_with_its_items() -> None:
    diff = diff_templates(OLD, remove_section(new(), "B"))
    assert [(s.change, s.code, s.old) for s in diff.sections] == [
        ("removed", "B", "二、心理健康与家庭教育")
    ]
    assert [d.code for d in diff.removed] == ["B01", "B02", "B03", "B04"]


def test_sections_reordered() -> None:
    t = new()
    diff = diff_templates(OLD, replace(t, sections=tuple(reversed(t.sections))))
    (change,) = diff.sections
    assert (change.change, change.old, change.new) == ("reordered", "A B", "B A")
    assert len(diff.kept) == 9
    assert "分组顺序调整：二、心理健康与家庭教育、一、校园安全" in format_diff(diff)


def test_section_description_changed() -> None:
    diff = diff_templates(OLD, edit_section(new(), "A", description="依据§21"))
    assert [s.change for s in diff.sections] == ["description"]


def test_template_level_changes() -> None:
    t = replace(
        new(),
        title="学校安全自查表",
        bands=(Band("达标", 60.0), Band("不达标", 0.0)),
        partial_credit=0.6,
        stages=frozenset({"小学", "初中"}),
    )
    diff = diff_templates(OLD, t)
    fields = {c.field: c for c in diff.template}
    assert set(fields) == {"title", "bands", "partial_credit", "stages"}
    assert fields["partial_credit"].text == "“基本符合”得分比例：0.5 → 0.6"
    assert fields["stages"].text == "适用学段：全部 → 小学、初中"
    assert fields["bands"].new == "达标 ≥ 60、不达标 ≥ 0"
    assert not fields["title"].affects_answers and fields["bands"].affects_answers
    assert not diff.identical and len(diff.kept) == 9
    assert "模板信息变化 4 项" in format_diff(diff)


# ---------------------------------------------------------------- JSON and text


def realistic_new_version():
    t = edit_item(new(), "A01", method="抽查 3 个班级的安全教育记录")
    t = edit_item(t, "A02", target=Target(">=", 3.0))
    t = edit_item(t, "A03", kind=Kind.COMPLIANCE)
    b03 = item_of(t, "B03")
    t = edit_item(t, "B03", options=b03.options[:2])
    t = remove_item(t, "B04")
    t = add_section(t, Section("C", "三、家庭教育", (Item("C01", "召开家长会。", Kind.YES_NO),)))
    return move_item(t, "B02", "C")


def test_diff_to_dict_has_stable_keys_and_is_json() -> None:
    data = diff_to_dict(diff_templates(OLD, realistic_new_version()))
    json.dumps(data, ensure_ascii=False, allow_nan=False)
    assert list(data) == [
        "format",
        "format_version",
        "old",
        "new",
        "direction",
        "identical",
        "counts",
        "template",
        "kept",
        "reworded",
        "changed",
        "moved",
        "added",
        "removed",
        "sections",
    ]
    assert data["format"] == DIFF_FORMAT
    assert data["old"] == {"id": "wj-sample", "version": "2024.1", "items": 9}
    assert data["counts"] == {
        "kept": 3,
        "reworded": 1,
        "changed": 3,
        "moved": 1,
        "moved_only": 1,
        "added": 1,
        "removed": 1,
        "sections": 1,
        "template": 0,
    }
    (a03,) = [d for d in data["changed"] if d["code"] == "A03"]
    assert a03 == {
        "code": "A03",
        "text": item_of(OLD, "A03").text,
        "section": "A",
        "old_section": "A",
        "moved": False,
        "changes": [
            {
                "field": "kind",
                "option": "",
                "old": "yes_no",
                "new": "compliance",
                "text": "题型：是/否 → 符合度",
                "affects_answers": True,
            }
        ],
    }
    assert [d["code"] for d in data["moved"]] == ["B02"]
    assert data["moved"][0]["old_section"] == "B" and data["moved"][0]["section"] == "C"


def test_format_diff_headings_in_order() -> None:
    text = format_diff(diff_templates(OLD, realistic_new_version()))
    headings = [line for line in text.splitlines() if line and not line.startswith(" ")]
    assert headings == [
        "模板比较：《学校安全与心理健康工作自查表（示例）》",
        "wj-sample 2024.1 → wj-sample 2024.2（9 项 → 9 项）",
        "保留 3 项（内容和分组均未变）",
        "措辞修改 1 项",
        "影响答案的修改 3 项",
        "移动 1 项",
        "新增 1 项",
        "删除 1 项",
        "分组变化 1 项",
    ]
    assert "  A02 本学期开展应急疏散演练的次数\n      目标：≥ 2 次 → ≥ 3 次\n" in text
    assert "  B03 心理健康教育专职教师配备情况\n      删除选项“未配备”（none）\n" in text


def test_different_templates_are_compared_by_code_with_a_warning() -> None:
    other = replace(new(), id="wj-other")
    diff = diff_templates(OLD, other)
    assert [c.field for c in diff.template] == ["id"]
    assert "两者不是同一模板" in format_diff(diff)


def test_long_and_multiline_text_is_clipped_on_one_line() -> None:
    t = edit_item(new(), "A01", text="第一行\n" + "很长" * 100)
    text = format_diff(diff_templates(OLD, t))
    (line,) = [ln for ln in text.splitlines() if ln.startswith("  A01")]
    assert "\n" not in line and "…" in line and len(line) < 60
