"""Small builders for templates in tests."""

from __future__ import annotations

from typing import Any

from wjself.core.codec import template_from_dict_strict
from wjself.core.template import Template


def item(code: str, kind: str = "compliance", **extra: Any) -> dict[str, Any]:
    return {"code": code, "text": f"检查项 {code}", "kind": kind, **extra}


def template_dict(*sections: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"id": "t-test", "version": "1", "title": "测试模板"}
    data.update(extra)
    data["sections"] = [
        {"code": f"S{i + 1}", "title": f"分组{i + 1}", "items": items}
        for i, items in enumerate(sections)
    ]
    return data


def template(*sections: list[dict[str, Any]], **extra: Any) -> Template:
    return template_from_dict_strict(template_dict(*sections, **extra))
