"""How a template difference is put in words: field labels and the wording of values.

``core/diff.py`` builds each change's Chinese ``text`` with these; the text report and the
window show them as they are.
"""

from __future__ import annotations

from collections.abc import Iterable

from wjself.core.numbers import display_number
from wjself.core.stages import FACTS, STAGES, Applicability
from wjself.core.targets import Target
from wjself.core.template import Band, Item, Kind, Option
from wjself.core.text import quoted

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


# How a profile fact reads when an item is for schools *without* it.
_FACT_NEGATIONS: dict[str, str] = {
    "has_canteen": "无食堂",
    "has_labs": "无实验室",
    "boarding": "非寄宿制",
    "school_bus": "不运营校车",
    "outsourced_meals": "无校外供餐",
    "party_org": "无独立党组织",
}


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


def stages_text(stages: frozenset[str]) -> str:
    return " ".join(_ordered(stages))


def bands_text(bands: tuple[Band, ...]) -> str:
    return "、".join(f"{b.label} ≥ {display_number(b.minimum)}" for b in bands)


def target_text(item: Item) -> str:
    """The target(s) as a template file writes them: ``>= 2``, ``幼儿园: >= 2; 小学: >= 4``."""
    target: Target | None = item.target
    plain = "" if target is None else target.to_text(yes_no=item.kind is Kind.YES_NO)
    if not item.stage_targets:
        return plain
    parts = [f"{e.stages_text()}: {e.target.to_text()}" for e in item.stage_targets]
    if plain:
        parts.append(f"其他: {plain}")
    return "; ".join(parts)


def weight_words(item: Item) -> str:
    """``2``, or 不计分 for an item that earns nothing (text, untargeted number …)."""
    if not item.is_scored or item.effective_weight == 0:
        return "不计分"
    return display_number(item.effective_weight)


def option_label(o: Option) -> str:
    return o.label or o.name


def option_text(o: Option) -> str:
    return o.label if o.score is None else f"{o.label} ({display_number(o.score)})"


def option_words(o: Option) -> str:
    return f"{quoted(option_label(o))}（{o.name}）"


def score_text(score: float | None) -> str:
    return "" if score is None else display_number(score)


def score_words(score: float | None) -> str:
    return "不计分" if score is None else display_number(score)


def flag(value: bool) -> str:
    return "true" if value else "false"
