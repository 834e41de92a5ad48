"""An upgrade plan for people and programs: the ``--json`` form and the Chinese text report.

``plan_to_dict`` gives the ``--json`` form of ``assessment upgrade`` (keys documented in
``docs/template-upgrades.md``); ``format_plan`` the text of ``--dry-run``, of the window's
preview and of a prefill.  The plan itself is decided in ``core/upgrade.py``.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from wjself.core.diff_report import diff_to_dict
from wjself.core.text import clip, head, percent_text
from wjself.core.upgrade_model import AnswerOutcome, PlanMode, UpgradePlan

PLAN_FORMAT = "wjself-upgrade-plan"
PLAN_FORMAT_VERSION = 1


def plan_to_dict(plan: UpgradePlan) -> dict[str, Any]:
    """The ``--json`` form of a plan; keys are stable (docs/template-upgrades.md)."""
    score_part: dict[str, Any] | None = None
    if plan.scored:
        score_part = {
            "before": {"percent": plan.score_before, "band": plan.band_before},
            "after": {"percent": plan.score_after, "band": plan.band_after},
        }
    return {
        "format": PLAN_FORMAT,
        "format_version": PLAN_FORMAT_VERSION,
        "mode": plan.mode.value,
        "id": plan.template_id,
        "from_version": plan.from_version,
        "to_version": plan.to_version,
        "basis": plan.basis,
        "counts": asdict(plan.counts),
        "score": score_part,
        "carried": [_outcome_dict(o) for o in plan.carried],
        "reconfirm": [_outcome_dict(o) for o in plan.reconfirm],
        "set_aside": [_outcome_dict(o) for o in plan.set_aside],
        "removed": [_outcome_dict(o) for o in plan.removed],
        "added_unanswered": [
            {"code": d.code, "text": d.text, "section": d.section} for d in plan.added_unanswered
        ],
        "diff": diff_to_dict(plan.diff),
    }


def _outcome_dict(o: AnswerOutcome) -> dict[str, Any]:
    return {
        "code": o.code,
        "text": o.text,
        "disposition": o.disposition.value,
        "old_value": o.old_value,
        "value": o.value,
        "old_display": o.old_display,
        "reasons": list(o.reasons),
        "note": o.note,
        "evidence": [{"id": e.id, "name": e.name, "sha256": e.sha256} for e in o.evidence],
        "rectifications": [r.id for r in o.rectifications],
    }


def format_plan(plan: UpgradePlan, *, applied: bool = False) -> str:
    """The Chinese text report of an upgrade (``assessment upgrade --dry-run``) or a prefill;
    ``applied`` words it as done rather than as a preview."""
    c = plan.counts
    upgrade = plan.mode is PlanMode.UPGRADE
    if upgrade:
        title_line = (
            f"{'已升级' if applied else '升级预览'}：《{plan.title}》{plan.template_id} "
            f"{plan.from_version} → {plan.to_version}"
        )
        summary = (
            f"已有答案 {c.answered} 项：沿用 {c.carried} 项，需重新确认 {c.reconfirm} 项，"
            f"暂存 {c.set_aside} 项，移入历史 {c.removed} 项；新增待填 {c.added_unanswered} 项。"
        )
    else:
        title_line = (
            f"{'已预填' if applied else '预填预览'}：用 {plan.template_id} {plan.from_version} 版的定稿答案"
            f"预填 {plan.to_version} 版新草稿《{plan.title}》"
        )
        summary = (
            f"定稿答案 {c.answered} 项：预填 {c.carried} 项，预填后需重新确认 {c.reconfirm} 项，"
            f"不预填 {c.set_aside + c.removed} 项；新增待填 {c.added_unanswered} 项。"
        )
    lines = [title_line, summary]
    if plan.scored:
        lines.append(
            f"得分：{_percent(plan.score_before, plan.band_before)} → "
            f"{_percent(plan.score_after, plan.band_after)}（暂存和新增待填的题目不得分）"
        )

    noted = [o for o in plan.carried if o.reasons]
    plain = len(plan.carried) - len(noted)
    lines += ["", f"{'沿用' if upgrade else '预填'} {len(plan.carried)} 项"]
    lines += [_outcome_line(o, o.old_display) for o in noted]
    if plain:
        lines.append(
            f"  {'其余' if noted else '全部'} {plain} 项原样{'沿用' if upgrade else '预填'}"
        )

    lines += [
        "",
        f"需重新确认 {len(plan.reconfirm)} 项"
        + ("（答案保留，请核对题目后确认）" if plan.reconfirm else ""),
    ]
    lines += [_outcome_line(o, o.old_display) for o in plan.reconfirm]

    aside_head = "暂存" if upgrade else "不预填（原答案不适合新题目）"
    aside_note = (
        "（原答案不再适合新题目：保留在历史中并显示在题目旁，不计分，请重新作答）"
        if upgrade
        else "（原答案显示在题目旁供参考，请重新作答）"
    )
    lines += ["", f"{aside_head} {len(plan.set_aside)} 项" + (aside_note if plan.set_aside else "")]
    lines += [_outcome_line(o, f"原答案“{o.old_display}”") for o in plan.set_aside]

    removed_head = "移入历史" if upgrade else "不预填（题目已删除）"
    lines += [
        "",
        f"{removed_head} {len(plan.removed)} 项"
        + ("（题目在新版本中已删除）" if upgrade and plan.removed else ""),
    ]
    for o in plan.removed:
        lines.append(f"  {o.code} {head(o.text)}：{_removed_details(o)}")

    lines += ["", f"新增待填 {len(plan.added_unanswered)} 项"]
    lines += [
        f"  {d.code} {head(d.text)}（{clip(d.section_title, 20)}）" for d in plan.added_unanswered
    ]
    if upgrade and (plan.set_aside or plan.removed):
        lines += [
            "",
            "不会删除任何内容：暂存和移入历史的答案、备注、佐证材料和整改记录都可在历史记录中查看。",
        ]
    return "\n".join(lines) + "\n"


def _outcome_line(o: AnswerOutcome, what: str) -> str:
    line = f"  {o.code} {head(o.text)}：{what or '（未作答）'}"
    return line + (f" — {'；'.join(o.reasons)}" if o.reasons else "")


def _removed_details(o: AnswerOutcome) -> str:
    parts = [f"原答案“{o.old_display}”" if o.old_display else "未作答"]
    if o.note:
        parts.append(f"备注“{clip(o.note, 30)}”")
    if o.evidence:
        parts.append(
            f"佐证材料 {len(o.evidence)} 个（{'、'.join(clip(e.name, 20) for e in o.evidence)}）"
        )
    if o.rectifications:
        parts.append(f"整改 {len(o.rectifications)} 条")
    return "；".join(parts)


def _percent(value: float | None, band: str) -> str:
    text = percent_text(value, none="不计分")
    return f"{text}（{band}）" if value is not None and band else text
