"""A template difference for people and programs: the ``--json`` form and the Chinese text.

``diff_to_dict`` gives the ``--json`` form (keys documented in ``docs/template-upgrades.md``);
``format_diff`` the Chinese text report of ``wjself template diff ID@OLD ID@NEW``.  The
comparison itself is ``core/diff.py``.
"""

from __future__ import annotations

from typing import Any

from wjself.core.diff_model import FieldChange, ItemDiff, TemplateDiff
from wjself.core.text import clip, head, quoted

DIFF_FORMAT = "wjself-template-diff"
DIFF_FORMAT_VERSION = 1


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
            f"  {d.code} {head(d.text)}：{quoted(d.old_section_title, 20)} → {quoted(d.section_title, 20)}"
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
    return f"（移至{quoted(d.section_title, 20)}）" if d.moved else ""


def _key(template_id: str, version: str) -> str:
    return f"{template_id} {version}"
