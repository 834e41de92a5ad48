"""Template files for GUI tests and screenshots: a newer version of a bundled checklist, a broken one."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import openpyxl

from wjself import resources
from wjself.core.codec import template_from_dict_strict, template_to_dict
from wjself.core.template import Template
from wjself.formats.templates import read_template, write_template

SAFETY = "wj2024-safety.json"


def bundled(name: str = SAFETY) -> Template:
    return read_template(resources.path("templates", name))


def newer_version(target: Path, version: str = "2024.3") -> Template:
    """The bundled safety checklist as the bureau might revise it: reworded, added, removed items."""
    data: dict[str, Any] = copy.deepcopy(template_to_dict(bundled()))
    data["version"] = version
    first = data["sections"][0]["items"]
    first[2]["text"] = first[2]["text"].replace("定期", "每月")
    added = copy.deepcopy(first[0])
    added["code"] = "AQ1.99"
    added["text"] = "学校每学期开展一次安全工作自查，并向教育局报送自查报告。"
    first.append(added)
    del data["sections"][-1]["items"][-1]
    template = template_from_dict_strict(data)
    write_template(template, target)
    return template


def broken_xlsx(target: Path) -> Path:
    """The safety checklist as XLSX with several mistakes in the survey and settings sheets."""
    write_template(bundled(), target)
    book = openpyxl.load_workbook(target)
    survey = book["survey"]
    survey["A3"] = "geopoint"  # a question type wjself cannot ask
    survey["B5"] = None  # an item without its code
    survey["M4"] = "很重要"  # a weight that is not a number
    book["settings"]["B2"] = None  # no version
    book.save(target)
    return target
