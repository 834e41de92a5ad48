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

``diff_to_dict`` gives the ``--json`` form (keys documented in ``docs/template-upgrades.md``);
``format_diff`` the Chinese text report of ``wjself template diff ID@OLD ID@NEW``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from wjself.core import expressions
from wjself.core.numbers import display_number
from wjself.core.stages import FACTS, STAGES, Applicability
from wjself.core.target_words import all_target_words
from wjself.core.targets import Target
from wjself.core.template import (
    KIND_LABELS,
    Band,
    Item,
    Kind,
    Option,
    Section,
    Template,
    version_key,
)
from wjself.core.text import clip, head

DIFF_FORMAT = "wjself-template-diff"
DIFF_FORMAT_VERSION = 1

WORDING_FIELDS = ("text", "method", "evidence", "guidance", "clause")

FIELD_LABELS: dict[str, str] = {
    "text": "内容",
    "method": "检查方法",
    "evidence": "佐证材料",
    "guidance": "填写说明",
    "clause": "依据条款",
    "option_order": "选项顺序",
    "kind": "题型",
    "option_added": "新增选项",
    "option_removed": "删除选项",
    "option_label": "选项文字",
    "option_name": "选项代码",
    "option_score": "选项得分",
    "unit": "单位",
    "target": "目标",
    "weight": "权重",
    "required": "必填",
    "allow_na": "可答不适用",
    "applies": "适用范围",
    "show_if": "显示条件",
}

TEMPLATE_FIELD_LABELS: dict[str, str] = {
    "id": "模板编号",
    "title": "标题",
    "issuer": "发布单位",
    "plan_ref": "依据文件",
    "published": "发布日期",
    "description": "说明",
    "stages": "适用学段",
    "review_period": "自查时段",
    "bands": "评定等级",
    "partial_credit": "“基本符合”得分比例",
}

SECTION_CHANGE_LABELS: dict[str, str] = {
    "renamed": "重命名",
    "added": "新增",
    "removed": "删除",
    "reordered": "顺序调整",
    "description": "说明修改",
    "items_reordered": "组内顺序调整",
}

# How a profile fact reads when an item is for schools *without* it.
_FACT_NEGATIONS: dict[str, str] = {
    "has_canteen": "无食堂",
    "has_labs": "无实验室",
    "boarding": "非寄宿制",
    "school_bus": "不运营校车",
    "outsourced_meals": "无校外供餐",
    "party_org": "无独立党组织",
}


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One change to an item (or to the template): which field, old → new, and in words.

    ``old``/``new`` are the values as a template file writes them ("" for none); ``text`` says
    it in Chinese for people; ``affects_answers`` is true when it changes what can be answered
    or how an answer counts (false: wording only).
    """

    field: str
    old: str
    new: str
    text: str
    affects_answers: bool
    option: str = ""  # the option concerned, for option_* fields

    @property
    def label(self) -> str:
        return FIELD_LABELS.get(self.field) or TEMPLATE_FIELD_LABELS.get(self.field, self.field)


@dataclass(frozen=True, slots=True)
class ItemDiff:
    """One item's standing between the versions.

    ``section`` is where it is in the new version (the old one for removed items),
    ``old_section`` where it was ("" for added items).
    """

    code: str
    text: str
    section: str
    section_title: str
    old_section: str = ""
    old_section_title: str = ""
    old_text: str = ""
    changes: tuple[FieldChange, ...] = ()

    @property
    def moved(self) -> bool:
        return bool(self.old_section) and self.old_section != self.section

    @property
    def affects_answers(self) -> bool:
        return any(c.affects_answers for c in self.changes)

    @property
    def reworded(self) -> bool:
        return bool(self.changes) and not self.affects_answers

    @property
    def fields(self) -> tuple[str, ...]:
        """The changed fields, each once, in the order found."""
        return tuple(dict.fromkeys(c.field for c in self.changes))

    def changes_of(self, *fields: str) -> tuple[FieldChange, ...]:
        return tuple(c for c in self.changes if c.field in fields)


@dataclass(frozen=True, slots=True)
class SectionChange:
    """A change to a section: ``change`` is one of SECTION_CHANGE_LABELS' keys."""

    change: str
    code: str
    old: str
    new: str
    text: str


@dataclass(frozen=True, slots=True)
class TemplateDiff:
    """Everything that differs between ``old`` and ``new`` (see the module docstring)."""

    old_id: str
    old_version: str
    new_id: str
    new_version: str
    title: str
    old_count: int
    new_count: int
    kept: tuple[ItemDiff, ...] = ()
    reworded: tuple[ItemDiff, ...] = ()
    changed: tuple[ItemDiff, ...] = ()
    moved: tuple[ItemDiff, ...] = ()
    added: tuple[ItemDiff, ...] = ()
    removed: tuple[ItemDiff, ...] = ()
    sections: tuple[SectionChange, ...] = ()
    template: tuple[FieldChange, ...] = ()

    @property
    def direction(self) -> str:
        """``upgrade``, ``downgrade`` or ``same`` by ``version_key``."""
        old, new = version_key(self.old_version), version_key(self.new_version)
        return "same" if old == new else ("upgrade" if new > old else "downgrade")

    @property
    def identical(self) -> bool:
        return not (
            self.reworded
            or self.changed
            or self.moved
            or self.added
            or self.removed
            or self.sections
            or self.template
        )

    @property
    def moved_only(self) -> tuple[ItemDiff, ...]:
        """The items that moved to another section and did not change otherwise."""
        return tuple(d for d in self.moved if not d.changes)

    def item(self, code: str) -> ItemDiff | None:
        """The entry for ``code`` in whichever list holds it."""
        for group in (self.kept, self.reworded, self.changed, self.moved, self.added, self.removed):
            for entry in group:
                if entry.code == code:
                    return entry
        return None

    def counts(self) -> dict[str, int]:
        return {
            "kept": len(self.kept),
            "reworded": len(self.reworded),
            "changed": len(self.changed),
            "moved": len(self.moved),
            "moved_only": len(self.moved_only),
            "added": len(self.added),
            "removed": len(self.removed),
            "sections": len(self.sections),
            "template": len(self.template),
        }


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
                ItemDiff(new_item.code, new_item.text, new_section.code, new_section.title)
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
        ItemDiff(i.code, i.text, s.code, s.title, s.code, s.title, i.text)
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
    out: list[FieldChange] = []
    for name in WORDING_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            label = FIELD_LABELS[name]
            out.append(
                FieldChange(name, before, after, f"{label}：{_q(before)} → {_q(after)}", False)
            )
    if old.kind is not new.kind:
        out.append(
            FieldChange(
                "kind",
                old.kind.value,
                new.kind.value,
                f"题型：{KIND_LABELS[old.kind]} → {KIND_LABELS[new.kind]}",
                True,
            )
        )
    out.extend(_option_changes(old, new))
    if old.unit != new.unit:
        out.append(
            FieldChange(
                "unit", old.unit, new.unit, f"单位：{old.unit or '无'} → {new.unit or '无'}", True
            )
        )
    if old.target != new.target or old.stage_targets != new.stage_targets:
        before, after = _target_text(old), _target_text(new)
        words = f"目标：{all_target_words(old) or '无'} → {all_target_words(new) or '无'}"
        out.append(FieldChange("target", before, after, words, True))
    if old.effective_weight != new.effective_weight:
        before, after = display_number(old.effective_weight), display_number(new.effective_weight)
        words = f"权重：{_weight_words(old)} → {_weight_words(new)}"
        out.append(FieldChange("weight", before, after, words, True))
    if old.required != new.required:
        out.append(
            FieldChange(
                "required",
                _flag(old.required),
                _flag(new.required),
                "改为必填" if new.required else "改为选填",
                True,
            )
        )
    if old.allow_na != new.allow_na:
        out.append(
            FieldChange(
                "allow_na",
                _flag(old.allow_na),
                _flag(new.allow_na),
                "改为可答“不适用”" if new.allow_na else "不再可答“不适用”",
                True,
            )
        )
    if old.applies != new.applies:
        out.append(
            FieldChange(
                "applies",
                old.applies.to_text(),
                new.applies.to_text(),
                f"适用范围：{applies_words(old.applies)} → {applies_words(new.applies)}",
                True,
            )
        )
    if not _same_condition(old.show_if, new.show_if):
        out.append(
            FieldChange(
                "show_if",
                old.show_if,
                new.show_if,
                f"显示条件：{old.show_if or '总是显示'} → {new.show_if or '总是显示'}",
                True,
            )
        )
    return out


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
                FieldChange(
                    "option_name",
                    o.name,
                    target,
                    f"选项{_q(o.label)}的代码：{o.name} → {target}",
                    True,
                    option=target,
                )
            )
        else:
            out.append(
                FieldChange(
                    "option_removed",
                    _option_text(o),
                    "",
                    f"删除选项{_option_words(o)}",
                    True,
                    option=o.name,
                )
            )
    for o in new.options:
        if o.name not in old_by and o.name not in renamed_to:
            out.append(
                FieldChange(
                    "option_added",
                    "",
                    _option_text(o),
                    f"新增选项{_option_words(o)}",
                    True,
                    option=o.name,
                )
            )
    back = {v: k for k, v in renames.items()}
    for o in new.options:
        before = old_by.get(back.get(o.name, o.name))
        if before is None:
            continue
        if before.label != o.label:
            out.append(
                FieldChange(
                    "option_label",
                    before.label,
                    o.label,
                    f"选项（{o.name}）文字：{_q(before.label)} → {_q(o.label)}",
                    True,
                    option=o.name,
                )
            )
        if before.score != o.score:
            out.append(
                FieldChange(
                    "option_score",
                    _score_text(before.score),
                    _score_text(o.score),
                    f"选项{_q(o.label)}得分：{_score_words(before.score)} → {_score_words(o.score)}",
                    True,
                    option=o.name,
                )
            )
    common_old = [renames.get(o.name, o.name) for o in old.options]
    common_old = [n for n in common_old if n in new_by]
    in_both = set(common_old)
    common_new = [o.name for o in new.options if o.name in in_both]
    if common_old != common_new:
        out.append(
            FieldChange(
                "option_order",
                " ".join(common_old),
                " ".join(common_new),
                "选项顺序调整：" + "、".join(_option_label(new_by[n]) for n in common_new),
                False,
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
            out.append(SectionChange("added", s.code, "", s.title, f"新增分组{_q(s.title)}"))
            continue
        if before.title != s.title:
            out.append(
                SectionChange(
                    "renamed",
                    s.code,
                    before.title,
                    s.title,
                    f"分组重命名：{_q(before.title)} → {_q(s.title)}",
                )
            )
        if before.description != s.description:
            out.append(
                SectionChange(
                    "description",
                    s.code,
                    before.description,
                    s.description,
                    f"分组{_q(s.title)}的说明已修改",
                )
            )
        stayed = {i.code for i in s.items} & {i.code for i in before.items}
        old_order = [i.code for i in before.items if i.code in stayed]
        new_order = [i.code for i in s.items if i.code in stayed]
        if old_order != new_order:
            out.append(
                SectionChange(
                    "items_reordered",
                    s.code,
                    " ".join(old_order),
                    " ".join(new_order),
                    f"分组{_q(s.title)}内检查项顺序调整：{'、'.join(new_order)}",
                )
            )
    for s in old.sections:
        if s.code not in new_by:
            out.append(SectionChange("removed", s.code, s.title, "", f"删除分组{_q(s.title)}"))
    old_order = [s.code for s in old.sections if s.code in new_by]
    new_order = [s.code for s in new.sections if s.code in old_by]
    if old_order != new_order:
        out.append(
            SectionChange(
                "reordered",
                "",
                " ".join(old_order),
                " ".join(new_order),
                "分组顺序调整：" + "、".join(new_by[c].title for c in new_order),
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
                or f"{label}：{_q(before) if before else '无'} → {_q(after) if after else '无'}"
            )
            out.append(FieldChange(name, before, after, text, affects))

    add("id", old.id, new.id, True)
    for name in ("title", "issuer", "plan_ref", "review_period", "description"):
        add(name, getattr(old, name), getattr(new, name), False)
    add(
        "published",
        old.published.isoformat() if old.published else "",
        new.published.isoformat() if new.published else "",
        False,
    )
    old_stages, new_stages = _stages_text(old.stages), _stages_text(new.stages)
    add(
        "stages",
        old_stages,
        new_stages,
        True,
        f"适用学段：{old_stages.replace(' ', '、') or '全部'} → {new_stages.replace(' ', '、') or '全部'}",
    )
    old_bands, new_bands = _bands_text(old.bands), _bands_text(new.bands)
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


# ---------------------------------------------------------------- words


def applies_words(a: Applicability) -> str:
    """An applicability in words: ``小学、初中；有食堂`` or ``全部学校``."""
    if a.is_universal:
        return "全部学校"
    parts = ["、".join(_ordered(a.stages))] if a.stages else []
    facts = [
        FACTS.get(f, f) if wanted else _FACT_NEGATIONS.get(f, f"非{f}") for f, wanted in a.facts
    ]
    if facts:
        parts.append("、".join(facts))
    return "；".join(parts)


def _ordered(stages: Iterable[str]) -> list[str]:
    return sorted(stages, key=lambda s: STAGES.index(s) if s in STAGES else len(STAGES))


def _stages_text(stages: frozenset[str]) -> str:
    return " ".join(_ordered(stages))


def _bands_text(bands: tuple[Band, ...]) -> str:
    return "、".join(f"{b.label} ≥ {display_number(b.minimum)}" for b in bands)


def _target_text(item: Item) -> str:
    """The target(s) as a template file writes them: ``>= 2``, ``幼儿园: >= 2; 小学: >= 4``."""
    target: Target | None = item.target
    plain = "" if target is None else target.to_text(yes_no=item.kind is Kind.YES_NO)
    if not item.stage_targets:
        return plain
    parts = [f"{e.stages_text()}: {e.target.to_text()}" for e in item.stage_targets]
    if plain:
        parts.append(f"其他: {plain}")
    return "; ".join(parts)


def _weight_words(item: Item) -> str:
    """``2``, or 不计分 for an item that earns nothing (text, untargeted number …)."""
    if not item.is_scored or item.effective_weight == 0:
        return "不计分"
    return display_number(item.effective_weight)


def _option_label(o: Option) -> str:
    return o.label or o.name


def _option_text(o: Option) -> str:
    return o.label if o.score is None else f"{o.label} ({display_number(o.score)})"


def _option_words(o: Option) -> str:
    return f"{_q(_option_label(o))}（{o.name}）"


def _score_text(score: float | None) -> str:
    return "" if score is None else display_number(score)


def _score_words(score: float | None) -> str:
    return "不计分" if score is None else display_number(score)


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _q(text: str, n: int = 40) -> str:
    return f"“{clip(text, n)}”"


# ---------------------------------------------------------------- output


def diff_to_dict(diff: TemplateDiff) -> dict[str, Any]:
    """The ``--json`` form; keys are stable (docs/template-upgrades.md)."""
    return {
        "format": DIFF_FORMAT,
        "format_version": DIFF_FORMAT_VERSION,
        "old": {"id": diff.old_id, "version": diff.old_version, "items": diff.old_count},
        "new": {"id": diff.new_id, "version": diff.new_version, "items": diff.new_count},
        "direction": diff.direction,
        "identical": diff.identical,
        "counts": diff.counts(),
        "template": [_field_dict(c) for c in diff.template],
        "kept": [_item_dict(d) for d in diff.kept],
        "reworded": [_item_dict(d) for d in diff.reworded],
        "changed": [_item_dict(d) for d in diff.changed],
        "moved": [_item_dict(d) for d in diff.moved],
        "added": [_item_dict(d) for d in diff.added],
        "removed": [_item_dict(d) for d in diff.removed],
        "sections": [
            {"change": s.change, "code": s.code, "old": s.old, "new": s.new, "text": s.text}
            for s in diff.sections
        ],
    }


def _item_dict(d: ItemDiff) -> dict[str, Any]:
    return {
        "code": d.code,
        "text": d.text,
        "section": d.section,
        "old_section": d.old_section,
        "moved": d.moved,
        "changes": [_field_dict(c) for c in d.changes],
    }


def _field_dict(c: FieldChange) -> dict[str, Any]:
    return {
        "field": c.field,
        "option": c.option,
        "old": c.old,
        "new": c.new,
        "text": c.text,
        "affects_answers": c.affects_answers,
    }


def format_diff(diff: TemplateDiff) -> str:
    """The Chinese text report of ``wjself template diff``."""
    lines = [
        f"模板比较：《{diff.title}》",
        f"{_key(diff.old_id, diff.old_version)} → {_key(diff.new_id, diff.new_version)}"
        f"（{diff.old_count} 项 → {diff.new_count} 项）",
    ]
    if diff.old_id != diff.new_id:
        lines.append("注意：两者不是同一模板，按检查项代码对照。")
    elif diff.direction == "downgrade":
        lines.append("注意：右边的版本号低于左边，以下按“左 → 右”列出变化。")
    if diff.identical:
        lines.append(f"两个版本内容相同：保留全部 {len(diff.kept)} 项。")
        return "\n".join(lines) + "\n"
    if diff.template:
        lines += ["", f"模板信息变化 {len(diff.template)} 项"]
        lines += [f"  {c.text}" for c in diff.template]
    lines += ["", f"保留 {len(diff.kept)} 项（内容和分组均未变）"]
    lines += ["", f"措辞修改 {len(diff.reworded)} 项"]
    for d in diff.reworded:
        lines.append(f"  {d.code} {head(d.text)}：{_field_list(d)}{_moved_note(d)}")
    lines += ["", f"影响答案的修改 {len(diff.changed)} 项"]
    for d in diff.changed:
        lines.append(f"  {d.code} {head(d.text)}{_moved_note(d)}")
        wording = [c for c in d.changes if not c.affects_answers]
        if wording:
            lines.append(f"      措辞修改：{'、'.join(dict.fromkeys(c.label for c in wording))}")
        lines += [f"      {c.text}" for c in d.changes if c.affects_answers]
    also = len(diff.moved) - len(diff.moved_only)
    lines += [
        "",
        f"移动 {len(diff.moved)} 项" + (f"（其中 {also} 项另有修改，见上）" if also else ""),
    ]
    for d in diff.moved:
        lines.append(
            f"  {d.code} {head(d.text)}：{_q(d.old_section_title, 20)} → {_q(d.section_title, 20)}"
        )
    lines += ["", f"新增 {len(diff.added)} 项"]
    lines += [f"  {d.code} {head(d.text)}（{clip(d.section_title, 20)}）" for d in diff.added]
    lines += ["", f"删除 {len(diff.removed)} 项"]
    lines += [f"  {d.code} {head(d.text)}（原属{clip(d.section_title, 20)}）" for d in diff.removed]
    lines += ["", f"分组变化 {len(diff.sections)} 项"]
    lines += [f"  {s.code + ' ' if s.code else ''}{s.text}" for s in diff.sections]
    return "\n".join(lines) + "\n"


def _field_list(d: ItemDiff) -> str:
    return "、".join(dict.fromkeys(c.label for c in d.changes))


def _moved_note(d: ItemDiff) -> str:
    return f"（移至{_q(d.section_title, 20)}）" if d.moved else ""


def _key(template_id: str, version: str) -> str:
    return f"{template_id} {version}"
