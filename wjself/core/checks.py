"""Every rule a template must keep, checked in one pass over the model.

The file readers build a model leniently (recording what they could not read) and then call
``check_template`` with a locator that turns a place in the model into a place in the file
(a sheet and row, or a JSON path), so each problem names where to look.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Protocol

from wjself.core import expressions
from wjself.core.errors import Problem
from wjself.core.template import (
    CODE_PATTERN,
    NA_KINDS,
    TEMPLATE_ID_PATTERN,
    VERSION_PATTERN,
    Item,
    Kind,
    Limits,
    Template,
)
from wjself.core.text import clip
from wjself.core.values import COMPLIANCE_LABELS, NA, YES_NO_LABELS

CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE)
TARGET_KINDS = (Kind.NUMBER, Kind.PERCENT, Kind.YES_NO)


class Locator(Protocol):
    """Maps a place in the template model to a located Problem."""

    def template(self, field: str, message: str) -> Problem: ...

    def section(self, section: int, field: str, message: str) -> Problem: ...

    def item(self, section: int, item: int, field: str, message: str) -> Problem: ...


def check_template(t: Template, at: Locator) -> list[Problem]:
    """All problems of ``t``; an empty list means the template is valid."""
    problems: list[Problem] = []
    _check_header(t, at, problems)
    codes: dict[str, str] = {}
    folded: dict[str, str] = {}  # casefolded code -> the code as first written
    order: dict[str, int] = {}
    position = 0
    if not t.sections:
        problems.append(at.template("sections", "模板没有任何分组和检查项"))
    if len(t.sections) > Limits.SECTIONS:
        problems.append(
            at.template("sections", f"分组过多（{len(t.sections)}），上限 {Limits.SECTIONS}")
        )
    if t.item_count() > Limits.ITEMS:
        problems.append(
            at.template("items", f"检查项过多（{t.item_count()}），上限 {Limits.ITEMS}")
        )
    for si, section in enumerate(t.sections):
        if not section.code:
            problems.append(at.section(si, "code", "分组缺少代码（name）"))
        elif not _code_ok(section.code):
            problems.append(at.section(si, "code", _code_message(section.code)))
        elif section.code in codes:
            problems.append(
                at.section(si, "code", f"代码“{section.code}”重复（{codes[section.code]}）")
            )
        elif (twin := folded.get(section.code.casefold())) is not None:
            problems.append(at.section(si, "code", _case_twin(section.code, twin, codes[twin])))
        else:
            codes[section.code] = f"分组“{clip(section.title, 21)}”"
            folded[section.code.casefold()] = section.code
        if len(section.title) > Limits.TITLE:
            problems.append(
                at.section(si, "title", _too_long("分组标题", section.title, Limits.TITLE))
            )
        elif has_control(section.title + section.description):
            problems.append(at.section(si, "title", _CONTROL_MESSAGE))
        if not section.items:
            problems.append(
                at.section(
                    si, "items", f"分组“{clip(section.title or section.code, 21)}”中没有检查项"
                )
            )
        for ii, item in enumerate(section.items):
            if item.code and item.code in codes:
                problems.append(
                    at.item(si, ii, "code", f"代码“{item.code}”重复（{codes[item.code]}）")
                )
            elif item.code and (twin := folded.get(item.code.casefold())) is not None:
                problems.append(at.item(si, ii, "code", _case_twin(item.code, twin, codes[twin])))
            elif item.code:
                codes[item.code] = f"检查项“{clip(item.text, 21)}”"
                folded[item.code.casefold()] = item.code
            _check_item(item, si, ii, at, problems)
            order.setdefault(item.code, position)
            position += 1
    # show-if may only look back: an item's visibility must not depend on later answers.
    by_code = {item.code: item for item in t.items()}
    for si, section in enumerate(t.sections):
        for ii, item in enumerate(section.items):
            if item.show_if:
                _check_show_if(by_code, item, order, (si, ii), at, problems)
    return problems


def _case_twin(code: str, twin: str, what: str) -> str:
    return (
        f"代码“{code}”与“{twin}”（{what}）只差大小写；Excel、WPS 和 XLSForm 工具把它们"
        "当作同一个代码，请改用不同的代码"
    )


def _check_header(t: Template, at: Locator, problems: list[Problem]) -> None:
    if not t.id:
        problems.append(at.template("id", "缺少模板编号（form_id）"))
    elif len(t.id) > Limits.ID or not TEMPLATE_ID_PATTERN.match(t.id):
        problems.append(
            at.template(
                "id",
                f"模板编号“{clip(t.id, 21)}”无效：只能用字母、数字、_ . -，不超过 {Limits.ID} 个字符",
            )
        )
    if not t.version:
        problems.append(at.template("version", "缺少版本号（version）"))
    elif len(t.version) > Limits.VERSION or not VERSION_PATTERN.match(t.version):
        problems.append(
            at.template(
                "version",
                f"版本号“{clip(t.version, 21)}”无效：只能用字母、数字、_ . -，不超过 {Limits.VERSION} 个字符，如 2024.1",
            )
        )
    if not t.title.strip():
        problems.append(at.template("title", "缺少模板标题（form_title）"))
    for name, value, limit in (
        ("title", t.title, Limits.TITLE),
        ("issuer", t.issuer, Limits.TITLE),
        ("plan_ref", t.plan_ref, Limits.TITLE),
        ("review_period", t.review_period, Limits.TITLE),
        ("description", t.description, Limits.LONG_TEXT),
    ):
        if len(value) > limit:
            problems.append(at.template(name, _too_long(name, value, limit)))
        elif has_control(value):
            problems.append(at.template(name, _CONTROL_MESSAGE))
    if not (0.0 <= t.partial_credit <= 1.0) or math.isnan(t.partial_credit):
        problems.append(at.template("partial_credit", "“基本符合”得分比例应在 0 到 1 之间"))
    seen: set[str] = set()
    for band in t.bands:
        if not band.label.strip():
            problems.append(at.template("bands", "等级名称不能为空"))
        elif band.label in seen:
            problems.append(at.template("bands", f"等级“{band.label}”重复"))
        seen.add(band.label)
        if not (0.0 <= band.minimum <= 100.0):
            problems.append(at.template("bands", f"等级“{band.label}”的分数线应在 0 到 100 之间"))
    if t.bands and min(b.minimum for b in t.bands) > 0:
        problems.append(at.template("bands", "等级须包含分数线为 0 的最低一档（如“不合格: 0”）"))


def _check_item(item: Item, si: int, ii: int, at: Locator, problems: list[Problem]) -> None:
    def add(field: str, message: str) -> None:
        problems.append(at.item(si, ii, field, message))

    if not item.code:
        add("code", "检查项缺少代码（name）")
    elif not _code_ok(item.code):
        add("code", _code_message(item.code))
    if not item.text.strip():
        add("text", "检查项缺少内容（label）")
    for name, value, limit in (
        ("text", item.text, Limits.TEXT),
        ("method", item.method, Limits.LONG_TEXT),
        ("evidence", item.evidence, Limits.LONG_TEXT),
        ("guidance", item.guidance, Limits.LONG_TEXT),
        ("clause", item.clause, Limits.CODE),
        ("unit", item.unit, Limits.CODE),
        ("show_if", item.show_if, Limits.TEXT),
    ):
        if len(value) > limit:
            add(name, _too_long(name, value, limit))
        elif has_control(value):
            add(name, _CONTROL_MESSAGE)
    if item.kind in CHOICE_KINDS:
        if not item.options:
            add("options", "单选/多选题缺少选项（choices 表中没有对应的 list_name）")
        if len(item.options) > Limits.OPTIONS:
            add("options", f"选项过多（{len(item.options)}），上限 {Limits.OPTIONS}")
        names: set[str] = set()
        for option in item.options:
            if not option.name or not _code_ok(option.name):
                add(
                    "options",
                    f"选项名“{clip(option.name, 21)}”无效：以字母或下划线开头，只含字母、数字、_ . -",
                )
            elif option.name in names:
                add("options", f"选项名“{option.name}”重复")
            names.add(option.name)
            if len(option.label) > Limits.TEXT:
                add("options", _too_long("选项", option.label, Limits.TEXT))
            if option.score is not None and not (0.0 <= option.score <= 1.0):
                add("options", f"选项“{option.name}”的得分应在 0 到 1 之间")
        if item.kind is Kind.MULTIPLE and any(o.score is not None for o in item.options):
            add("options", "多选题不计分，选项不能带得分（score）")
    elif item.options:
        add("options", "只有单选和多选题可以有选项")
    if item.target is not None and item.kind not in TARGET_KINDS:
        add("target", "只有数值、百分比和是/否题可以设目标")
    if item.kind is Kind.PERCENT and item.target is not None and not 0 <= item.target.value <= 100:
        add("target", "百分比题的目标应在 0 到 100 之间")
    if item.stage_targets:
        _check_stage_targets(item, add)
    if item.allow_na and item.kind not in NA_KINDS:
        if item.kind is Kind.COMPLIANCE:
            add("allow_na", "符合度题本来就可以答“不适用”，不需要 allow_na")
        else:
            add("allow_na", "只有是/否、数值、百分比和单选题可以设 allow_na（可答“不适用”）")
    if item.allow_na and item.kind is Kind.SINGLE:
        for option in item.options:
            if option.name.lower() == NA or option.label.strip() == "不适用":
                add(
                    "options",
                    f"本题可答“不适用”（allow_na），选项“{option.label or option.name}”与之重复，请删除该选项",
                )
    if item.unit and item.kind is not Kind.NUMBER:
        if item.kind is Kind.PERCENT and item.unit in ("%", "％"):
            pass
        else:
            add("unit", "只有数值题可以有单位（百分比题的单位总是 %）")
    if item.kind is Kind.NUMBER and item.unit in ("%", "％"):
        add("unit", "单位为 % 的题应为百分比题（percent）")
    if item.weight is not None:
        if not math.isfinite(item.weight) or item.weight < 0:
            add("weight", "权重应为不小于 0 的数字")
        elif item.weight > 0 and not item.is_scored:
            add("weight", "此题不计分（文字、日期、多选，或数值题未设目标），不能设权重")
        elif item.weight > 1000:
            add("weight", "权重过大（上限 1000）")


def _check_stage_targets(item: Item, add: Callable[[str, str], None]) -> None:
    if item.kind not in (Kind.NUMBER, Kind.PERCENT):
        add("stage_targets", "只有数值和百分比题可以设分学段目标（stage_targets）")
        return
    seen: set[str] = set()
    for entry in item.stage_targets:
        for stage in entry.stages_text().split():
            if stage in seen:
                add("stage_targets", f"学段“{stage}”在分学段目标中出现了不止一次")
            seen.add(stage)
        if item.kind is Kind.PERCENT and not 0 <= entry.target.value <= 100:
            add("stage_targets", "百分比题的目标应在 0 到 100 之间")


def _check_show_if(
    by_code: dict[str, Item],
    item: Item,
    order: dict[str, int],
    place: tuple[int, int],
    at: Locator,
    problems: list[Problem],
) -> None:
    si, ii = place
    try:
        expr = expressions.parse(item.show_if)
    except expressions.ExpressionError as exc:
        problems.append(at.item(si, ii, "show_if", str(exc)))
        return
    here = order.get(item.code, -1)
    for ref in sorted(expressions.references(expr)):
        if ref not in order:
            problems.append(at.item(si, ii, "show_if", f"显示条件引用了不存在的检查项“{ref}”"))
        elif order[ref] >= here:
            problems.append(
                at.item(si, ii, "show_if", f"显示条件只能引用前面的检查项，“{ref}”不在本题之前")
            )
    for code, value in _compared_values(expr):
        allowed = _allowed_values(by_code.get(code))
        if allowed is not None and value not in allowed:
            problems.append(
                at.item(
                    si,
                    ii,
                    "show_if",
                    f"显示条件中的“{value}”不是“{code}”的可选值（{'、'.join(sorted(allowed))}）",
                )
            )


def _compared_values(expr: expressions.Expr) -> list[tuple[str, str]]:
    """(code, value) pairs a condition compares against a string or selects."""
    if isinstance(expr, expressions.Selected):
        return [(expr.code, expr.value)]
    if isinstance(expr, expressions.Compare):
        return [(expr.code, expr.value)] if isinstance(expr.value, str) and expr.value else []
    if isinstance(expr, expressions.Not):
        return _compared_values(expr.operand)
    return [pair for operand in expr.operands for pair in _compared_values(operand)]


def _allowed_values(item: Item | None) -> set[str] | None:
    if item is None:
        return None
    if item.kind is Kind.COMPLIANCE:
        return set(COMPLIANCE_LABELS)
    extra = {NA} if item.accepts_na else set()
    if item.kind is Kind.YES_NO:
        return set(YES_NO_LABELS) | extra
    if item.kind in CHOICE_KINDS:
        return {o.name for o in item.options} | extra
    return None


def _code_ok(code: str) -> bool:
    return len(code) <= Limits.CODE and CODE_PATTERN.match(code) is not None


def _code_message(code: str) -> str:
    return (
        f"代码“{clip(code, 21)}”无效：须以字母或下划线开头，只含字母、数字、_ . -，"
        f"不超过 {Limits.CODE} 个字符（如 AQ1.01）"
    )


_CONTROL_MESSAGE = "含有控制字符（如终端转义序列），请删除后重新保存"


def has_control(text: str) -> bool:
    """Whether ``text`` holds C0/C1 control characters other than line breaks and tabs.

    Text from files reaches terminals (``assessment show``), PDFs and spreadsheets; an escape
    sequence has no business in a checklist.
    """
    return any((ord(ch) < 32 and ch not in "\n\r\t") or 0x7F <= ord(ch) < 0xA0 for ch in text)


def _too_long(what: str, value: str, limit: int) -> str:
    return f"{what}过长（{len(value)} 字），上限 {limit} 字"
