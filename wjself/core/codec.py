"""Templates as plain data (dicts and lists): the canonical form behind JSON files and snapshots.

``template_to_dict`` writes only what differs from the defaults, in a fixed order, so the same
template always gives the same bytes.  ``template_from_dict`` is lenient: it builds what it can,
records every problem with its JSON path, and lets ``checks`` find the rest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from dataclasses import dataclass, field
from typing import Any

from wjself.core.checks import check_template
from wjself.core.errors import InputError, Problem
from wjself.core.numbers import number_text, plain_number
from wjself.core.stages import FACTS, Applicability, normalize_stage
from wjself.core.targets import TargetSyntaxError, parse_target
from wjself.core.template import (
    DEFAULT_BANDS,
    DEFAULT_PARTIAL_CREDIT,
    Band,
    Item,
    Kind,
    Option,
    Section,
    StageTarget,
    Template,
)
from wjself.core.text import clip

FORMAT = "wjself-template"
FORMAT_VERSION = 1

TEMPLATE_FIELDS = (
    "format", "format_version", "id", "version", "title", "issuer", "plan_ref", "published",
    "description", "stages", "review_period", "bands", "partial_credit", "sections",
)  # fmt: skip
SECTION_FIELDS = ("code", "title", "description", "items")
ITEM_FIELDS = (
    "code", "text", "kind", "clause", "method", "evidence", "guidance", "options", "unit",
    "target", "stage_targets", "weight", "required", "allow_na", "applies_to", "show_if",
)  # fmt: skip
OPTION_FIELDS = ("name", "label", "score")
BAND_FIELDS = ("label", "min")
APPLIES_FIELDS = ("stages", "facts")


# ---------------------------------------------------------------- writing


def template_to_dict(t: Template) -> dict[str, Any]:
    out: dict[str, Any] = {"format": FORMAT, "format_version": FORMAT_VERSION}
    out["id"] = t.id
    out["version"] = t.version
    out["title"] = t.title
    for name in ("issuer", "plan_ref", "description"):
        if getattr(t, name):
            out[name] = getattr(t, name)
    if t.published is not None:
        out["published"] = t.published.isoformat()
    if t.stages:
        out["stages"] = _ordered_stages(t.stages)
    if t.review_period:
        out["review_period"] = t.review_period
    if t.bands != DEFAULT_BANDS:
        out["bands"] = [{"label": b.label, "min": plain_number(b.minimum)} for b in t.bands]
    if t.partial_credit != DEFAULT_PARTIAL_CREDIT:
        out["partial_credit"] = plain_number(t.partial_credit)
    out["sections"] = [_section_to_dict(s) for s in t.sections]
    return out


def _section_to_dict(s: Section) -> dict[str, Any]:
    out: dict[str, Any] = {"code": s.code, "title": s.title}
    if s.description:
        out["description"] = s.description
    out["items"] = [item_to_dict(i) for i in s.items]
    return out


def item_to_dict(i: Item) -> dict[str, Any]:
    out: dict[str, Any] = {"code": i.code, "text": i.text, "kind": i.kind.value}
    for name in ("clause", "method", "evidence", "guidance"):
        if getattr(i, name):
            out[name] = getattr(i, name)
    if i.options:
        out["options"] = [_option_to_dict(o) for o in i.options]
    if i.unit:
        out["unit"] = i.unit
    if i.target is not None:
        out["target"] = i.target.to_text(yes_no=i.kind is Kind.YES_NO)
    if i.stage_targets:
        out["stage_targets"] = {e.stages_text(): e.target.to_text() for e in i.stage_targets}
    if i.weight is not None:
        out["weight"] = plain_number(i.weight)
    if i.required:
        out["required"] = True
    if i.allow_na:
        out["allow_na"] = True
    if not i.applies.is_universal:
        applies: dict[str, Any] = {}
        if i.applies.stages:
            applies["stages"] = _ordered_stages(i.applies.stages)
        if i.applies.facts:
            applies["facts"] = dict(i.applies.facts)
        out["applies_to"] = applies
    if i.show_if:
        out["show_if"] = i.show_if
    return out


def _option_to_dict(o: Option) -> dict[str, Any]:
    out: dict[str, Any] = {"name": o.name, "label": o.label}
    if o.score is not None:
        out["score"] = plain_number(o.score)
    return out


def _ordered_stages(stages: frozenset[str]) -> list[str]:
    from wjself.core.stages import STAGES

    return sorted(stages, key=lambda s: STAGES.index(s) if s in STAGES else len(STAGES))


def canonical_json(data: Any) -> bytes:
    """The one byte form of plain data used for hashes: sorted keys, no spaces, UTF-8."""
    return json.dumps(
        data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")


def content_hash(t: Template) -> str:
    """SHA-256 of the template's canonical content; equal templates have equal hashes."""
    return hashlib.sha256(canonical_json(template_to_dict(t))).hexdigest()


# ---------------------------------------------------------------- reading


@dataclass
class JsonLocator:
    """Locates problems by JSON path (``$.sections[2].items[0]``) in ``file``."""

    file: str = ""

    def template(self, field: str, message: str) -> Problem:
        return Problem(message, self.file, "$", field=field)

    def section(self, section: int, field: str, message: str) -> Problem:
        return Problem(message, self.file, f"$.sections[{section}]", field=field)

    def item(self, section: int, item: int, field: str, message: str) -> Problem:
        return Problem(message, self.file, f"$.sections[{section}].items[{item}]", field=field)


@dataclass
class _Reader:
    file: str
    problems: list[Problem] = field(default_factory=list)

    def bad(self, path: str, message: str, name: str = "") -> None:
        self.problems.append(Problem(message, self.file, path, field=name))

    def obj(self, value: Any, path: str, allowed: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.bad(path, f"应为对象（{{…}}），而不是{_type_name(value)}")
            return {}
        for key in value:
            if key not in allowed:
                self.bad(path, f"未知字段“{clip(str(key), 31)}”，可用字段：{', '.join(allowed)}")
        return value

    def text(self, d: dict[str, Any], key: str, path: str, required: bool = False) -> str:
        value = d.get(key)
        if value is None:
            if required:
                self.bad(path, "缺少必填字段", key)
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.bad(path, f"应为文字，而不是{_type_name(value)}", key)
            return ""
        return str(value) if isinstance(value, str) else number_text(value)

    def number(self, d: dict[str, Any], key: str, path: str) -> float | None:
        value = d.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.bad(path, f"应为数字，而不是{_type_name(value)}", key)
            return None
        result = float(value)
        if not math.isfinite(result):
            self.bad(path, "应为有限的数字", key)
            return None
        return result

    def flag(self, d: dict[str, Any], key: str, path: str) -> bool:
        value = d.get(key, False)
        if not isinstance(value, bool):
            self.bad(path, f"应为 true 或 false，而不是{_type_name(value)}", key)
            return False
        return value

    def items_of(self, d: dict[str, Any], key: str, path: str) -> list[Any]:
        value = d.get(key, [])
        if not isinstance(value, list):
            self.bad(path, f"应为数组（[…]），而不是{_type_name(value)}", key)
            return []
        return value

    def stages(self, values: list[Any], path: str, key: str) -> frozenset[str]:
        out: set[str] = set()
        for value in values:
            stage = normalize_stage(value) if isinstance(value, str) else None
            if stage is None:
                self.bad(
                    path,
                    f"未知学段“{clip(str(value), 31)}”，可用：幼儿园、小学、初中、高中、完全中学、九年一贯制、十二年一贯制、中职",
                    key,
                )
            else:
                out.add(stage)
        return frozenset(out)


def template_from_dict(data: Any, file: str = "") -> tuple[Template, list[Problem]]:
    """Build a template from plain data; returns it with every problem found (none: valid)."""
    r = _Reader(file)
    d = r.obj(data, "$", TEMPLATE_FIELDS)
    if "format" in d and d["format"] != FORMAT:
        r.bad("$", f"不是 wjself 模板（format 应为“{FORMAT}”）", "format")
    fv = d.get("format_version", FORMAT_VERSION)
    if fv != FORMAT_VERSION:
        r.bad(
            "$",
            f"模板格式版本 {fv!r} 不受支持（本程序读取版本 {FORMAT_VERSION}）；请升级 wjself",
            "format_version",
        )
    published = None
    if d.get("published"):
        raw = r.text(d, "published", "$")
        try:
            published = dt.date.fromisoformat(raw)
        except ValueError:
            r.bad("$", f"发布日期“{clip(raw, 31)}”应写作 2024-03-01", "published")
    bands = DEFAULT_BANDS
    if "bands" in d:
        parsed: list[Band] = []
        for bi, raw_band in enumerate(r.items_of(d, "bands", "$")):
            bpath = f"$.bands[{bi}]"
            bd = r.obj(raw_band, bpath, BAND_FIELDS)
            minimum = r.number(bd, "min", bpath)
            if minimum is None:
                r.bad(bpath, "缺少分数线", "min")
            parsed.append(Band(r.text(bd, "label", bpath, required=True), minimum or 0.0))
        bands = tuple(parsed)
    partial = r.number(d, "partial_credit", "$")
    sections = tuple(
        _section(r, raw, f"$.sections[{si}]", f"S{si + 1}")
        for si, raw in enumerate(r.items_of(d, "sections", "$"))
    )
    t = Template(
        id=r.text(d, "id", "$"),
        version=r.text(d, "version", "$"),
        title=r.text(d, "title", "$"),
        sections=sections,
        issuer=r.text(d, "issuer", "$"),
        plan_ref=r.text(d, "plan_ref", "$"),
        published=published,
        description=r.text(d, "description", "$"),
        stages=r.stages(r.items_of(d, "stages", "$"), "$", "stages"),
        review_period=r.text(d, "review_period", "$"),
        bands=bands,
        partial_credit=DEFAULT_PARTIAL_CREDIT if partial is None else partial,
    )
    return t, r.problems + check_template(t, JsonLocator(file))


def _section(r: _Reader, raw: Any, path: str, default_code: str) -> Section:
    d = r.obj(raw, path, SECTION_FIELDS)
    code = r.text(d, "code", path) or default_code
    return Section(
        code=code,
        title=r.text(d, "title", path) or code,
        description=r.text(d, "description", path),
        items=tuple(
            _item(r, item, f"{path}.items[{ii}]")
            for ii, item in enumerate(r.items_of(d, "items", path))
        ),
    )


def _item(r: _Reader, raw: Any, path: str) -> Item:
    d = r.obj(raw, path, ITEM_FIELDS)
    kind_text = r.text(d, "kind", path, required=True)
    try:
        kind = Kind(kind_text)
    except ValueError:
        if kind_text:
            r.bad(
                path,
                f"未知题型“{clip(kind_text, 31)}”，可用：{', '.join(k.value for k in Kind)}",
                "kind",
            )
        kind = Kind.TEXT
    target = None
    target_text = r.text(d, "target", path)
    if target_text:
        try:
            target = parse_target(target_text, yes_no=kind is Kind.YES_NO)
        except TargetSyntaxError as exc:
            r.bad(path, str(exc), "target")
    options = []
    for oi, raw_option in enumerate(r.items_of(d, "options", path)):
        opath = f"{path}.options[{oi}]"
        od = r.obj(raw_option, opath, OPTION_FIELDS)
        name = r.text(od, "name", opath, required=True)
        options.append(
            Option(name, r.text(od, "label", opath) or name, r.number(od, "score", opath))
        )
    return Item(
        code=r.text(d, "code", path),
        text=r.text(d, "text", path),
        kind=kind,
        method=r.text(d, "method", path),
        evidence=r.text(d, "evidence", path),
        clause=r.text(d, "clause", path),
        guidance=r.text(d, "guidance", path),
        options=tuple(options),
        unit=r.text(d, "unit", path),
        target=target,
        weight=r.number(d, "weight", path),
        required=r.flag(d, "required", path),
        applies=_applies(r, d.get("applies_to"), path),
        show_if=r.text(d, "show_if", path),
        stage_targets=_stage_targets(r, d.get("stage_targets"), path),
        allow_na=r.flag(d, "allow_na", path),
    )


def _stage_targets(r: _Reader, raw: Any, path: str) -> tuple[StageTarget, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        r.bad(
            path,
            f'应为对象，如 {{"幼儿园": ">= 2", "小学 初中": ">= 4"}}，而不是{_type_name(raw)}',
            "stage_targets",
        )
        return ()
    out: list[StageTarget] = []
    for key, value in raw.items():
        entry, message = parse_stage_target(str(key), value)
        if entry is None:
            r.bad(path, message, "stage_targets")
        else:
            out.append(entry)
    return tuple(out)


def parse_stage_target(stages_text: str, target_text: object) -> tuple[StageTarget | None, str]:
    """One ``stage_targets`` entry (``"小学 初中"`` → ``">= 4"``), or None and why not."""
    names = [p for p in stages_text.replace("、", " ").replace(",", " ").split() if p]
    if not names:
        return None, "分学段目标缺少学段"
    stages: set[str] = set()
    for name in names:
        stage = normalize_stage(name)
        if stage is None:
            return None, (
                f"分学段目标中的“{clip(name, 31)}”不是学段，"
                "可用：幼儿园、小学、初中、高中、完全中学、九年一贯制、十二年一贯制、中职"
            )
        stages.add(stage)
    if isinstance(target_text, bool) or not isinstance(target_text, str | int | float):
        return None, f"学段“{stages_text}”的目标应为文字，如“>= 4”"
    try:
        target = parse_target(str(target_text))
    except TargetSyntaxError as exc:
        return None, f"学段“{stages_text}”的{exc}"
    return StageTarget(frozenset(stages), target), ""


def _applies(r: _Reader, raw: Any, path: str) -> Applicability:
    if raw is None:
        return Applicability()
    d = r.obj(raw, path, APPLIES_FIELDS)
    stages = r.stages(r.items_of(d, "stages", path), path, "applies_to.stages")
    facts: dict[str, bool] = {}
    raw_facts = d.get("facts", {})
    if not isinstance(raw_facts, dict):
        r.bad(path, 'facts 应为对象，如 {"has_canteen": true}', "applies_to.facts")
        raw_facts = {}
    for name, wanted in raw_facts.items():
        if name not in FACTS:
            r.bad(
                path,
                f"未知学校情况“{clip(str(name), 31)}”，可用：{', '.join(FACTS)}",
                "applies_to.facts",
            )
        elif not isinstance(wanted, bool):
            r.bad(path, f"“{name}”应为 true 或 false", "applies_to.facts")
        else:
            facts[name] = wanted
    return Applicability(stages, tuple(sorted(facts.items())))


def template_from_dict_strict(data: Any, file: str = "") -> Template:
    """Like ``template_from_dict`` but raises InputError if anything is wrong."""
    t, problems = template_from_dict(data, file)
    if problems:
        raise InputError(problems)
    return t


def _type_name(value: Any) -> str:
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "数字"
    if isinstance(value, str):
        return "文字"
    if isinstance(value, list):
        return "数组"
    if isinstance(value, dict):
        return "对象"
    return type(value).__name__
