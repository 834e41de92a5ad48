"""What changed between two versions of a checklist template, item by item and section by section.

Items are matched by ``code`` (the one identity an item keeps across versions); sections by
their ``code``.  The lists:

- ``kept``      same content, same section;
- ``reworded``  only wording changed (text, method, evidence, guidance, clause, option order);
- ``changed``   something that affects answers or how they count (kind, options, unit, target,
                weight, required, applicability, show-if), wording changes listed beside;
- ``moved``     moved to another section — with or without changes, so an item may be both
                here and in ``reworded``/``changed``; ``moved_only`` are the unchanged ones;
- ``added``     only in the new version;
- ``removed``   only in the old version.

``kept``, ``reworded``, ``changed``, ``moved_only``, ``added`` and ``removed`` hold every item of
either version exactly once.

Section-level changes (renamed, added, removed, reordered, description, items reordered) and
template-level ones (title, bands, partial credit, stages …) are listed separately.

The output — ``diff_to_dict`` (the ``--json`` form) and ``format_diff`` (the Chinese text report
of ``wjself template diff ID@OLD ID@NEW``) — is in ``core/diff_report.py``; the wording of
fields and values in ``core/diff_words.py``; the records in ``core/diff_model.py``.
"""

from __future__ import annotations

from wjself.core import expressions
from wjself.core.diff_model import FieldChange, ItemDiff, SectionChange, TemplateDiff
from wjself.core.diff_report import diff_to_dict, format_diff
from wjself.core.diff_words import (
    FIELD_LABELS,
    TEMPLATE_FIELD_LABELS,
    applies_words,
    bands_text,
    flag,
    option_label,
    option_text,
    option_words,
    score_text,
    score_words,
    stages_text,
    target_text,
    weight_words,
)
from wjself.core.numbers import display_number
from wjself.core.target_words import all_target_words
from wjself.core.template import KIND_LABELS, Item, Section, Template
from wjself.core.text import quoted

# The records and the output are importable from here too: this is the module callers know.
__all__ = [
    "WORDING_FIELDS",
    "FieldChange",
    "ItemDiff",
    "SectionChange",
    "TemplateDiff",
    "applies_words",
    "diff_templates",
    "diff_to_dict",
    "format_diff",
    "item_changes",
    "option_renames",
]

WORDING_FIELDS = ("text", "method", "evidence", "guidance", "clause")


# ---------------------------------------------------------------- comparing


def diff_templates(old: Template, new: Template) -> TemplateDiff:
    """Compare two versions of a template by item and section code."""
    old_items = _by_code(old)
    new_items = _by_code(new)
    kept: list[ItemDiff] = []
    reworded: list[ItemDiff] = []
    changed: list[ItemDiff] = []
    moved: list[ItemDiff] = []
    added: list[ItemDiff] = []
    for new_item, new_section in new_items.values():
        found = old_items.get(new_item.code)
        if found is None:
            added.append(
                ItemDiff(
                    code=new_item.code,
                    text=new_item.text,
                    section=new_section.code,
                    section_title=new_section.title,
                )
            )
            continue
        old_item, old_section = found
        entry = ItemDiff(
            code=new_item.code,
            text=new_item.text,
            section=new_section.code,
            section_title=new_section.title,
            old_section=old_section.code,
            old_section_title=old_section.title,
            old_text=old_item.text,
            changes=tuple(item_changes(old_item, new_item)),
        )
        if entry.moved:
            moved.append(entry)
        if entry.affects_answers:
            changed.append(entry)
        elif entry.changes:
            reworded.append(entry)
        elif not entry.moved:
            kept.append(entry)
    removed = [
        ItemDiff(
            code=i.code,
            text=i.text,
            section=s.code,
            section_title=s.title,
            old_section=s.code,
            old_section_title=s.title,
            old_text=i.text,
        )
        for i, s in old_items.values()
        if i.code not in new_items
    ]
    return TemplateDiff(
        old_id=old.id,
        old_version=old.version,
        new_id=new.id,
        new_version=new.version,
        title=new.title,
        old_count=len(old_items),
        new_count=len(new_items),
        kept=tuple(kept),
        reworded=tuple(reworded),
        changed=tuple(changed),
        moved=tuple(moved),
        added=tuple(added),
        removed=tuple(removed),
        sections=tuple(_section_changes(old, new)),
        template=tuple(_template_changes(old, new)),
    )


def _by_code(t: Template) -> dict[str, tuple[Item, Section]]:
    out: dict[str, tuple[Item, Section]] = {}
    for section in t.sections:
        for item in section.items:
            # Codes are unique in a valid template; on a broken one the first occurrence wins,
            # as it does for Template.item().
            out.setdefault(item.code, (item, section))
    return out


def item_changes(old: Item, new: Item) -> list[FieldChange]:
    """Every difference between two versions of one item, wording first."""
    if old == new:  # most items of a revision; spares the field-by-field walk
        return []
    return [
        *_wording_changes(old, new),
        *_kind_change(old, new),
        *_option_changes(old, new),
        *_rule_changes(old, new),
    ]


def _wording_changes(old: Item, new: Item) -> list[FieldChange]:
    out: list[FieldChange] = []
    for name in WORDING_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            label = FIELD_LABELS[name]
            out.append(
                FieldChange(
                    field=name,
                    old=before,
                    new=after,
                    text=f"{label}：{quoted(before)} → {quoted(after)}",
                    affects_answers=False,
                )
            )
    return out


def _kind_change(old: Item, new: Item) -> list[FieldChange]:
    out: list[FieldChange] = []
    if old.kind is not new.kind:
        out.append(
            _answer_change(
                "kind",
                old.kind.value,
                new.kind.value,
                f"题型：{KIND_LABELS[old.kind]} → {KIND_LABELS[new.kind]}",
            )
        )
    return out


def _rule_changes(old: Item, new: Item) -> list[FieldChange]:
    """Unit, target, weight, required, 不适用, applicability and show-if: they affect answers."""
    out: list[FieldChange] = []

    def changed(field: str, before: str, after: str, text: str) -> None:
        out.append(_answer_change(field, before, after, text))

    if old.unit != new.unit:
        changed("unit", old.unit, new.unit, f"单位：{old.unit or '无'} → {new.unit or '无'}")
    if old.target != new.target or old.stage_targets != new.stage_targets:
        words = f"目标：{all_target_words(old) or '无'} → {all_target_words(new) or '无'}"
        changed("target", target_text(old), target_text(new), words)
    if old.effective_weight != new.effective_weight:
        before, after = display_number(old.effective_weight), display_number(new.effective_weight)
        changed("weight", before, after, f"权重：{weight_words(old)} → {weight_words(new)}")
    if old.required != new.required:
        words = "改为必填" if new.required else "改为选填"
        changed("required", flag(old.required), flag(new.required), words)
    if old.allow_na != new.allow_na:
        words = "改为可答“不适用”" if new.allow_na else "不再可答“不适用”"
        changed("allow_na", flag(old.allow_na), flag(new.allow_na), words)
    if old.applies != new.applies:
        words = f"适用范围：{applies_words(old.applies)} → {applies_words(new.applies)}"
        changed("applies", old.applies.to_text(), new.applies.to_text(), words)
    if not _same_condition(old.show_if, new.show_if):
        words = f"显示条件：{old.show_if or '总是显示'} → {new.show_if or '总是显示'}"
        changed("show_if", old.show_if, new.show_if, words)
    return out


def _answer_change(field: str, before: str, after: str, text: str, option: str = "") -> FieldChange:
    """A change that affects what can be answered or how an answer counts."""
    return FieldChange(
        field=field, old=before, new=after, text=text, affects_answers=True, option=option
    )


def option_renames(old: Item, new: Item) -> dict[str, str]:
    """Options whose name changed but whose label did not: old name → new name.

    A pair counts only when the label is unambiguous on both sides, so a value is never
    moved to an option it may not mean.
    """
    new_names = {o.name for o in new.options}
    old_names = {o.name for o in old.options}
    gone = [o for o in old.options if o.name not in new_names]
    fresh = [o for o in new.options if o.name not in old_names]
    out: dict[str, str] = {}
    for option in gone:
        same_old = [o for o in gone if o.label == option.label]
        same_new = [o for o in fresh if o.label == option.label]
        if len(same_old) == 1 and len(same_new) == 1:
            out[option.name] = same_new[0].name
    return out


def _option_changes(old: Item, new: Item) -> list[FieldChange]:
    if not old.options and not new.options:
        return []
    renames = option_renames(old, new)
    return [
        *_options_removed_or_added(old, new, renames),
        *_options_edited(old, new, renames),
        *_option_order(old, new, renames),
    ]


def _options_removed_or_added(old: Item, new: Item, renames: dict[str, str]) -> list[FieldChange]:
    """Options removed, renamed (same label, new name) or added."""
    renamed_to = set(renames.values())
    old_by = {o.name: o for o in old.options}
    new_by = {o.name: o for o in new.options}
    out: list[FieldChange] = []
    for o in old.options:
        if o.name in new_by:
            continue
        if o.name in renames:
            target = renames[o.name]
            out.append(
                _answer_change(
                    "option_name",
                    o.name,
                    target,
                    f"选项{quoted(o.label)}的代码：{o.name} → {target}",
                    option=target,
                )
            )
        else:
            out.append(
                _answer_change(
                    "option_removed",
                    option_text(o),
                    "",
                    f"删除选项{option_words(o)}",
                    option=o.name,
                )
            )
    for o in new.options:
        if o.name not in old_by and o.name not in renamed_to:
            out.append(
                _answer_change(
                    "option_added", "", option_text(o), f"新增选项{option_words(o)}", option=o.name
                )
            )
    return out


def _options_edited(old: Item, new: Item, renames: dict[str, str]) -> list[FieldChange]:
    """Options kept (or renamed) whose label or score changed."""
    old_by = {o.name: o for o in old.options}
    out: list[FieldChange] = []
    back = {v: k for k, v in renames.items()}
    for o in new.options:
        before = old_by.get(back.get(o.name, o.name))
        if before is None:
            continue
        if before.label != o.label:
            out.append(
                _answer_change(
                    "option_label",
                    before.label,
                    o.label,
                    f"选项（{o.name}）文字：{quoted(before.label)} → {quoted(o.label)}",
                    option=o.name,
                )
            )
        if before.score != o.score:
            out.append(
                _answer_change(
                    "option_score",
                    score_text(before.score),
                    score_text(o.score),
                    f"选项{quoted(o.label)}得分：{score_words(before.score)} → {score_words(o.score)}",
                    option=o.name,
                )
            )
    return out


def _option_order(old: Item, new: Item, renames: dict[str, str]) -> list[FieldChange]:
    """The order of the options both versions have, when it changed (wording only)."""
    new_by = {o.name: o for o in new.options}
    out: list[FieldChange] = []
    common_old = [renames.get(o.name, o.name) for o in old.options]
    common_old = [n for n in common_old if n in new_by]
    in_both = set(common_old)
    common_new = [o.name for o in new.options if o.name in in_both]
    if common_old != common_new:
        out.append(
            FieldChange(
                field="option_order",
                old=" ".join(common_old),
                new=" ".join(common_new),
                text="选项顺序调整：" + "、".join(option_label(new_by[n]) for n in common_new),
                affects_answers=False,
            )
        )
    return out


def _section_changes(old: Template, new: Template) -> list[SectionChange]:
    old_by = {s.code: s for s in old.sections}
    new_by = {s.code: s for s in new.sections}
    out: list[SectionChange] = []
    for s in new.sections:
        before = old_by.get(s.code)
        if before is None:
            out.append(
                SectionChange(
                    change="added",
                    code=s.code,
                    old="",
                    new=s.title,
                    text=f"新增分组{quoted(s.title)}",
                )
            )
            continue
        if before.title != s.title:
            out.append(
                SectionChange(
                    change="renamed",
                    code=s.code,
                    old=before.title,
                    new=s.title,
                    text=f"分组重命名：{quoted(before.title)} → {quoted(s.title)}",
                )
            )
        if before.description != s.description:
            out.append(
                SectionChange(
                    change="description",
                    code=s.code,
                    old=before.description,
                    new=s.description,
                    text=f"分组{quoted(s.title)}的说明已修改",
                )
            )
        stayed = {i.code for i in s.items} & {i.code for i in before.items}
        old_order = [i.code for i in before.items if i.code in stayed]
        new_order = [i.code for i in s.items if i.code in stayed]
        if old_order != new_order:
            out.append(
                SectionChange(
                    change="items_reordered",
                    code=s.code,
                    old=" ".join(old_order),
                    new=" ".join(new_order),
                    text=f"分组{quoted(s.title)}内检查项顺序调整：{'、'.join(new_order)}",
                )
            )
    for s in old.sections:
        if s.code not in new_by:
            out.append(
                SectionChange(
                    change="removed",
                    code=s.code,
                    old=s.title,
                    new="",
                    text=f"删除分组{quoted(s.title)}",
                )
            )
    old_order = [s.code for s in old.sections if s.code in new_by]
    new_order = [s.code for s in new.sections if s.code in old_by]
    if old_order != new_order:
        out.append(
            SectionChange(
                change="reordered",
                code="",
                old=" ".join(old_order),
                new=" ".join(new_order),
                text="分组顺序调整：" + "、".join(new_by[c].title for c in new_order),
            )
        )
    return out


def _template_changes(old: Template, new: Template) -> list[FieldChange]:
    out: list[FieldChange] = []

    def add(name: str, before: str, after: str, affects: bool, words: str = "") -> None:
        if before != after:
            label = TEMPLATE_FIELD_LABELS[name]
            text = (
                words
                or f"{label}：{quoted(before) if before else '无'} → {quoted(after) if after else '无'}"
            )
            out.append(
                FieldChange(field=name, old=before, new=after, text=text, affects_answers=affects)
            )

    add("id", old.id, new.id, True)
    for name in ("title", "issuer", "plan_ref", "review_period", "description"):
        add(name, getattr(old, name), getattr(new, name), False)
    add(
        "published",
        old.published.isoformat() if old.published else "",
        new.published.isoformat() if new.published else "",
        False,
    )
    old_stages, new_stages = stages_text(old.stages), stages_text(new.stages)
    add(
        "stages",
        old_stages,
        new_stages,
        True,
        f"适用学段：{old_stages.replace(' ', '、') or '全部'} → {new_stages.replace(' ', '、') or '全部'}",
    )
    old_bands, new_bands = bands_text(old.bands), bands_text(new.bands)
    add("bands", old_bands, new_bands, True, f"评定等级：{old_bands} → {new_bands}")
    add(
        "partial_credit",
        display_number(old.partial_credit),
        display_number(new.partial_credit),
        True,
        f"“基本符合”得分比例：{display_number(old.partial_credit)} → {display_number(new.partial_credit)}",
    )
    return out


def _same_condition(a: str, b: str) -> bool:
    """Conditions that read the same after parsing are the same (spacing, quotes)."""
    if a == b:
        return True
    if not a or not b:
        return False
    try:
        return expressions.parse(a) == expressions.parse(b)
    except expressions.ExpressionError:
        return a.strip() == b.strip()
