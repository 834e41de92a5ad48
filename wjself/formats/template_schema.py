"""The JSON Schema of template files, generated from the codec's field lists.

``python -m wjself.formats.template_schema`` rewrites ``resources/schema/template.schema.json``;
a test fails when the shipped file and this generator disagree.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from wjself.core import codec
from wjself.core.stages import FACTS, STAGE_ALIASES, STAGES
from wjself.core.template import CODE_PATTERN, TEMPLATE_ID_PATTERN, VERSION_PATTERN, Kind, Limits

SCHEMA_ID = "https://wjself.example/schema/template-1.json"


def _text(limit: int, **extra: Any) -> dict[str, Any]:
    return {"type": "string", "maxLength": limit, **extra}


def _closed(
    properties: dict[str, Any], order: tuple[str, ...], required: list[str]
) -> dict[str, Any]:
    assert tuple(properties) == order, (tuple(properties), order)
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _item_schema(stage: dict[str, Any], code: dict[str, Any]) -> dict[str, Any]:
    """One checklist item, with its options and applicability."""
    option = _closed(
        {
            "name": code,
            "label": _text(Limits.TEXT),
            "score": {"type": "number", "minimum": 0, "maximum": 1},
        },
        codec.OPTION_FIELDS,
        ["name"],
    )
    applies = _closed(
        {
            "stages": {"type": "array", "items": stage, "uniqueItems": True},
            "facts": {
                "type": "object",
                "propertyNames": {"enum": list(FACTS)},
                "additionalProperties": {"type": "boolean"},
            },
        },
        codec.APPLIES_FIELDS,
        [],
    )
    return _closed(
        {
            "code": code,
            "text": _text(Limits.TEXT, minLength=1),
            "kind": {"type": "string", "enum": [k.value for k in Kind]},
            "clause": _text(Limits.CODE, description="计划条款，如 §21"),
            "method": _text(Limits.LONG_TEXT, description="检查方法"),
            "evidence": _text(Limits.LONG_TEXT, description="佐证材料"),
            "guidance": _text(Limits.LONG_TEXT, description="填写说明（XLSForm hint）"),
            "options": {"type": "array", "items": option, "maxItems": Limits.OPTIONS},
            "unit": _text(Limits.CODE),
            "target": _text(Limits.CODE, description="目标，如 >= 90；是/否题为 = yes 或 = no"),
            "stage_targets": {
                "type": "object",
                "description": "分学段目标：键为一个或多个学段（空格分隔），值为目标，"
                '如 {"幼儿园": ">= 2", "小学 初中": ">= 4"}；其余学段用 target',
                "propertyNames": {"minLength": 1, "maxLength": Limits.TITLE},
                "additionalProperties": _text(Limits.CODE),
            },
            "weight": {"type": "number", "minimum": 0, "maximum": 1000},
            "required": {"type": "boolean"},
            "allow_na": {
                "type": "boolean",
                "description": "是/否、数值、百分比、单选题可答“不适用”（不计入分母）",
            },
            "applies_to": applies,
            "show_if": _text(
                Limits.TEXT, description="显示条件（XLSForm relevant），如 ${A01} = 'not_met'"
            ),
        },
        codec.ITEM_FIELDS,
        ["code", "text", "kind"],
    )


def build_schema() -> dict[str, Any]:
    stage = {"type": "string", "enum": [*STAGES, *STAGE_ALIASES]}
    code = _text(Limits.CODE, pattern=CODE_PATTERN.pattern)
    item = _item_schema(stage, code)
    section = _closed(
        {
            "code": code,
            "title": _text(Limits.TITLE),
            "description": _text(Limits.LONG_TEXT),
            "items": {"type": "array", "items": item, "minItems": 1},
        },
        codec.SECTION_FIELDS,
        ["items"],
    )
    band = _closed(
        {
            "label": _text(Limits.TITLE, minLength=1),
            "min": {"type": "number", "minimum": 0, "maximum": 100},
        },
        codec.BAND_FIELDS,
        ["label", "min"],
    )
    top = _closed(
        {
            "format": {"const": codec.FORMAT},
            "format_version": {"const": codec.FORMAT_VERSION},
            "id": _text(Limits.ID, pattern=TEMPLATE_ID_PATTERN.pattern),
            "version": _text(Limits.VERSION, pattern=VERSION_PATTERN.pattern),
            "title": _text(Limits.TITLE, minLength=1),
            "issuer": _text(Limits.TITLE),
            "plan_ref": _text(Limits.TITLE),
            "published": {"type": "string", "format": "date"},
            "description": _text(Limits.LONG_TEXT),
            "stages": {"type": "array", "items": stage, "uniqueItems": True},
            "review_period": _text(
                Limits.TITLE, description="自查时段，如 2024年1月1日至2024年12月31日"
            ),
            "bands": {"type": "array", "items": band, "minItems": 1},
            "partial_credit": {"type": "number", "minimum": 0, "maximum": 1},
            "sections": {
                "type": "array",
                "items": section,
                "minItems": 1,
                "maxItems": Limits.SECTIONS,
            },
        },
        codec.TEMPLATE_FIELDS,
        ["id", "version", "title", "sections"],
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "wjself 检查表模板",
        "description": "武进学校自评（wjself）检查表模板的 JSON 格式。由 wjself.formats.template_schema 生成，请勿手改。",
        **top,
    }


def schema_text() -> str:
    return json.dumps(build_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    from wjself import resources

    target = resources.path("schema", "template.schema.json")
    target.write_text(schema_text(), encoding="utf-8")
    sys.stdout.write(f"wrote {target}\n")
