"""Edits of template values for tests of diffs and upgrades: new versions made with ``replace``."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from tests.conftest import SAMPLE
from wjself.core.codec import template_from_dict_strict
from wjself.core.template import Item, Section, Template


def sample(version: str = "2024.1") -> Template:
    """The bundled sample template (items A01–A05 in section A, B01–B04 in section B)."""
    t = template_from_dict_strict(json.loads(SAMPLE.read_text(encoding="utf-8")))
    return replace(t, version=version)


def item_of(t: Template, code: str) -> Item:
    found = t.item(code)
    assert found is not None, code
    return found


def edit_item(t: Template, code: str, **fields: Any) -> Template:
    """``t`` with item ``code`` changed by ``fields`` (dataclass fields of Item)."""
    item_of(t, code)
    return replace(
        t,
        sections=tuple(
            replace(s, items=tuple(replace(i, **fields) if i.code == code else i for i in s.items))
            for s in t.sections
        ),
    )


def remove_item(t: Template, code: str) -> Template:
    item_of(t, code)
    return replace(
        t,
        sections=tuple(
            replace(s, items=tuple(i for i in s.items if i.code != code)) for s in t.sections
        ),
    )


def add_item(t: Template, section: str, item: Item, at: int | None = None) -> Template:
    def insert(s: Section) -> Section:
        items = list(s.items)
        items.insert(len(items) if at is None else at, item)
        return replace(s, items=tuple(items))

    assert any(s.code == section for s in t.sections), section
    return replace(t, sections=tuple(insert(s) if s.code == section else s for s in t.sections))


def move_item(t: Template, code: str, section: str, at: int | None = None) -> Template:
    return add_item(remove_item(t, code), section, item_of(t, code), at)


def edit_section(t: Template, code: str, **fields: Any) -> Template:
    assert any(s.code == code for s in t.sections), code
    return replace(
        t, sections=tuple(replace(s, **fields) if s.code == code else s for s in t.sections)
    )


def add_section(t: Template, section: Section, at: int | None = None) -> Template:
    sections = list(t.sections)
    sections.insert(len(sections) if at is None else at, section)
    return replace(t, sections=tuple(sections))


def remove_section(t: Template, code: str) -> Template:
    assert any(s.code == code for s in t.sections), code
    return replace(t, sections=tuple(s for s in t.sections if s.code != code))
