"""Moving a draft to a newer version of its template: what happens to every answer, decided purely.

``plan_upgrade`` looks at the old and new template, the draft's answers and rectifications, and
decides for every answer row one *disposition*:

- ``carried``    the value fits the new item and nothing about the question changed that a
                 person must look at again (a new target, weight, applicability or show-if is
                 noted: the answer stays, it may count differently);
- ``reconfirm``  the value fits but the question was reworded (its text, 检查方法 or 佐证材料;
                 a new 填写说明 or plan clause alone is only noted), its kind moved to a close
                 relative (number ↔ percent, single ↔ multiple), its unit changed, options were
                 added or the chosen option was renamed: the answer stays, flagged
                 ``needs_reconfirm`` until someone touches it;
- ``set_aside``  the value no longer fits (another kind, a removed option, a number outside
                 0–100 for a percent …): the item is unanswered in the new version, the old
                 value is kept on the row (``Answer.set_aside``, shown beside the item, never
                 counted) and in the history;
- ``removed``    the item is gone: value, note, evidence and rectifications go to the history
                 and are listed in the report.

Nothing disappears: every code of ``answers`` (and of rectifications of removed items) is in
exactly one of those lists.  The plan also holds what the store writes in one transaction —
``rows`` (the answer rows of the upgraded draft, with flags) and ``history`` — and the audit
entries, so a dry run shows exactly what the real upgrade does.  Recompute the plan inside the
store's transaction and compare ``basis`` with the previewed plan's to know the draft did not
change in between.

``prefill_from`` applies the same fit rules to start a *new* draft of a newer version from a
finalized assessment's answers.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from wjself.core.assessment import Answer, HistoryReason, Rectification, Status
from wjself.core.diff import ItemDiff, diff_templates, option_renames
from wjself.core.errors import InputError, Problem
from wjself.core.scoring import score
from wjself.core.stages import Profile
from wjself.core.template import KIND_LABELS, Item, Kind, Template, version_key
from wjself.core.text import clip
from wjself.core.upgrade_model import (
    AnswerOutcome,
    AnswerRow,
    AppliedPlan,
    Disposition,
    HistoryRecord,
    PlanCounts,
    PlanMode,
    UpgradeOffer,
    UpgradePlan,
)
from wjself.core.upgrade_report import PLAN_FORMAT, format_plan, plan_to_dict
from wjself.core.values import NA, AnswerValue, ValueProblem, coerce, display

# The plan's model and output are importable from here too: this is the module callers know.
__all__ = [
    "PLAN_FORMAT",
    "AnswerOutcome",
    "AnswerRow",
    "AppliedPlan",
    "Disposition",
    "HistoryReason",
    "HistoryRecord",
    "PlanCounts",
    "PlanMode",
    "UpgradeOffer",
    "UpgradePlan",
    "format_plan",
    "plan_to_dict",
    "plan_upgrade",
    "prefill_from",
    "upgrade_problems",
]

# Kinds close enough that a value can move between them (and is then re-confirmed).
_COMPATIBLE: tuple[frozenset[Kind], ...] = (
    frozenset({Kind.NUMBER, Kind.PERCENT}),
    frozenset({Kind.SINGLE, Kind.MULTIPLE}),
)
_CHOICE = (Kind.SINGLE, Kind.MULTIPLE)
# Changes that make a fitting answer worth a second look.
_RECONFIRM_FIELDS = ("kind", "unit", "option_added")
# Changes to options that matter only when they touch the chosen option(s).
_CHOSEN_OPTION_FIELDS = ("option_label", "option_name")
_SCORE_FIELDS = ("target", "weight", "option_score", "allow_na")
# Wording that changes what is asked or how it is checked (#7: text, method, evidence); a new
# 填写说明 or plan clause alone leaves the answer standing.
_ASKED_FIELDS = ("text", "method", "evidence", "option_order")


@dataclass(frozen=True, slots=True)
class _Misfit:
    reason: str


# ---------------------------------------------------------------- refusing


def upgrade_problems(old: Template, new: Template, status: Status | str) -> list[Problem]:
    """Why a draft on ``old`` cannot move to ``new`` (empty: it can); for greying out buttons."""
    problems: list[Problem] = []
    if old.id != new.id:
        problems.append(
            Problem(
                f"不能把《{old.title}》（{old.id}）的自评升级为另一个模板《{new.title}》"
                f"（{new.id}）：只能升级到同一模板的更高版本",
                field="template",
            )
        )
    elif version_key(new.version) == version_key(old.version):
        problems.append(
            Problem(
                f"自评已在使用 {old.id} 的 {old.version} 版，无需升级；请选择更高的版本",
                field="version",
            )
        )
    elif version_key(new.version) < version_key(old.version):
        problems.append(
            Problem(
                f"不能从 {old.version} 版降级到 {new.version} 版：升级只能转到更高的版本；"
                f"如需使用 {new.version} 版，请用它新建一份自评",
                field="version",
            )
        )
    if Status(status) is Status.FINALIZED:
        problems.append(
            Problem(
                f"该自评已定稿，不能升级（定稿内容保持不变）。可以用 {new.id} 的 {new.version} 版"
                "新建一份草稿，并选择按检查项代码预填本次定稿的答案",
                field="status",
            )
        )
    return problems


# ---------------------------------------------------------------- planning


def plan_upgrade(
    old: Template,
    new: Template,
    answers: Mapping[str, Answer],
    rectifications: Iterable[Rectification] = (),
    *,
    status: Status | str,
    profile: Profile | None = None,
) -> UpgradePlan:
    """Decide what moving a draft from ``old`` to ``new`` does; raise InputError if it may not.

    ``answers`` maps item code → the draft's answer row; ``status`` is the assessment's;
    with the school's ``profile`` the plan also gives the score before and after.
    """
    problems = upgrade_problems(old, new, status)
    if problems:
        raise InputError(problems)
    return _plan(PlanMode.UPGRADE, old, new, answers, tuple(rectifications), profile)


def prefill_from(
    finalized_answers: Mapping[str, Answer],
    new_template: Template,
    old_template: Template,
    *,
    profile: Profile | None = None,
) -> UpgradePlan:
    """What a new draft of ``new_template`` gets from a finalized assessment's answers.

    ``old_template`` is the finalized assessment's snapshot.  The fit rules are those of an
    upgrade; values, notes and evidence carry by code, rectifications stay with the finalized
    assessment, and a value that does not fit is put beside the item (``set_aside``) for
    reference.  The finalized assessment itself is untouched, so nothing goes to history.
    """
    if old_template.id != new_template.id:
        raise InputError(
            [
                Problem(
                    f"不能用《{old_template.title}》（{old_template.id}）的答案预填另一个模板"
                    f"《{new_template.title}》（{new_template.id}）",
                    field="template",
                )
            ]
        )
    return _plan(PlanMode.PREFILL, old_template, new_template, finalized_answers, (), profile)


@dataclass(frozen=True, slots=True)
class _Versions:
    """What ``_plan`` looks up for every code: both versions' items and the diff's entries."""

    mode: PlanMode
    new_version: str
    old_items: dict[str, Item]
    new_items: dict[str, Item]
    entries: dict[str, ItemDiff]
    rectifications: dict[str, tuple[Rectification, ...]]

    @property
    def upgrade(self) -> bool:
        return self.mode is PlanMode.UPGRADE

    def order(self, codes: Iterable[str]) -> list[str]:
        """New-version order first, then old-version order, then unknown codes by name."""
        new_pos = {code: i for i, code in enumerate(self.new_items)}
        old_pos = {code: i for i, code in enumerate(self.old_items)}

        def key(code: str) -> tuple[int, int, str]:
            if code in new_pos:
                return (0, new_pos[code], "")
            if code in old_pos:
                return (1, old_pos[code], "")
            return (2, 0, code)

        return sorted(codes, key=key)


@dataclass(frozen=True, slots=True)
class _Step:
    """What the plan records for one code."""

    outcome: AnswerOutcome
    row: AnswerRow | None = None  # None for a removed item
    history: HistoryRecord | None = None


def _plan(
    mode: PlanMode,
    old: Template,
    new: Template,
    answers: Mapping[str, Answer],
    rectifications: tuple[Rectification, ...],
    profile: Profile | None,
) -> UpgradePlan:
    diff = diff_templates(old, new)
    by_code: dict[str, list[Rectification]] = {}
    for r in rectifications:
        by_code.setdefault(r.code, []).append(r)
    versions = _Versions(
        mode=mode,
        new_version=new.version,
        old_items=_items(old),
        new_items=_items(new),
        entries={d.code: d for d in diff.reworded + diff.changed + diff.moved + diff.kept},
        rectifications={code: tuple(rs) for code, rs in by_code.items()},
    )
    detached = tuple(r for r in rectifications if r.code not in versions.new_items)

    lists: dict[Disposition, list[AnswerOutcome]] = {d: [] for d in Disposition}
    rows: list[AnswerRow] = []
    history: list[HistoryRecord] = []
    for code in versions.order(set(answers) | {r.code for r in detached}):
        step = _step(versions, code, answers.get(code) or Answer(code, None))
        lists[step.outcome.disposition].append(step.outcome)
        if step.row is not None:
            rows.append(step.row)
        if step.history is not None and versions.upgrade:
            history.append(step.history)

    answered_codes = set(answers)
    before = after = None
    if profile is not None:
        before = score(old, {c: a.value for c, a in answers.items()}, profile)
        after = score(new, {r.code: r.value for r in rows}, profile)
    return UpgradePlan(
        mode=mode,
        template_id=new.id,
        from_version=old.version,
        to_version=new.version,
        title=new.title,
        diff=diff,
        carried=tuple(lists[Disposition.CARRIED]),
        reconfirm=tuple(lists[Disposition.RECONFIRM]),
        set_aside=tuple(lists[Disposition.SET_ASIDE]),
        removed=tuple(lists[Disposition.REMOVED]),
        added_unanswered=tuple(d for d in diff.added if d.code not in answered_codes),
        rows=tuple(rows),
        history=tuple(history),
        detached_rectifications=detached if versions.upgrade else (),
        score_before=before.percent if before else None,
        band_before=before.band if before else "",
        score_after=after.percent if after else None,
        band_after=after.band if after else "",
        scored=profile is not None,
        basis=_basis(mode, old, new, answers, rectifications),
    )


def _step(versions: _Versions, code: str, answer: Answer) -> _Step:
    """The disposition of one answer row (or of a removed item's rectifications)."""
    old_item = versions.old_items.get(code)
    new_item = versions.new_items.get(code)
    old_display = _display(old_item or new_item, answer.value)
    if new_item is None:
        return _removed_step(versions, code, answer, old_item, old_display)
    disposition, value, reasons = _decide(
        old_item, new_item, versions.entries.get(code), answer.value
    )
    outcome = AnswerOutcome(
        code=code,
        text=new_item.text,
        disposition=disposition,
        old_value=answer.value,
        value=value,
        old_display=old_display,
        reasons=reasons,
        note=answer.note,
        evidence=answer.evidence,
        rectifications=versions.rectifications.get(code, ()) if versions.upgrade else (),
    )
    evidence_ids = tuple(e.id for e in answer.evidence)
    if disposition is Disposition.SET_ASIDE:
        row = AnswerRow(
            code=code,
            value=None,
            note=answer.note,
            needs_reconfirm=False,
            set_aside=answer.value,
            evidence_ids=evidence_ids,
            changed=True,
        )
        record = HistoryRecord(
            code=code,
            reason=HistoryReason.SET_ASIDE,
            item_text=old_item.text if old_item else new_item.text,
            value=answer.value,
            set_aside=answer.set_aside,
            note=answer.note,
            evidence_ids=evidence_ids,
            rectification_ids=(),
            message=(
                f"升级到 {versions.new_version} 版时暂存：原答案“{old_display}”— {reasons[0]}"
            ),
        )
        return _Step(outcome=outcome, row=row, history=record)
    row = _kept_row(versions, code, answer, disposition, value, evidence_ids)
    return _Step(outcome=outcome, row=row)


def _kept_row(
    versions: _Versions,
    code: str,
    answer: Answer,
    disposition: Disposition,
    value: AnswerValue,
    evidence_ids: tuple[int, ...],
) -> AnswerRow:
    """The row of a carried or re-confirmed answer; an upgrade keeps the row's earlier flags."""
    reconfirm = disposition is Disposition.RECONFIRM
    kept_aside: AnswerValue = None
    if versions.upgrade:
        reconfirm = reconfirm or answer.needs_reconfirm
        kept_aside = answer.set_aside
    return AnswerRow(
        code=code,
        value=value,
        note=answer.note,
        needs_reconfirm=reconfirm,
        set_aside=kept_aside,
        evidence_ids=evidence_ids,
        changed=(
            not versions.upgrade
            or value != answer.value
            or reconfirm != answer.needs_reconfirm
            or kept_aside != answer.set_aside
        ),
    )


def _removed_step(
    versions: _Versions, code: str, answer: Answer, old_item: Item | None, old_display: str
) -> _Step:
    """An item the new version no longer has: everything of it goes to the history."""
    text = old_item.text if old_item else ""
    item_rects = versions.rectifications.get(code, ())
    outcome = AnswerOutcome(
        code=code,
        text=text,
        disposition=Disposition.REMOVED,
        old_value=answer.value,
        value=None,
        old_display=old_display,
        reasons=("新版本中已删除此题",),
        note=answer.note,
        evidence=answer.evidence,
        rectifications=item_rects,
    )
    record = HistoryRecord(
        code=code,
        reason=HistoryReason.REMOVED_ITEM,
        item_text=text,
        value=answer.value,
        set_aside=answer.set_aside,
        note=answer.note,
        evidence_ids=tuple(e.id for e in answer.evidence),
        rectification_ids=tuple(r.id for r in item_rects),
        message=_removed_message(versions.new_version, outcome),
    )
    return _Step(outcome=outcome, history=record)


def _items(t: Template) -> dict[str, Item]:
    out: dict[str, Item] = {}
    for item in t.items():
        out.setdefault(item.code, item)
    return out


def _decide(
    old_item: Item | None, new_item: Item, entry: ItemDiff | None, value: AnswerValue
) -> tuple[Disposition, AnswerValue, tuple[str, ...]]:
    if _empty(value):
        return Disposition.CARRIED, None, ()
    fitted = _fit(old_item, new_item, value)
    if isinstance(fitted, _Misfit):
        return Disposition.SET_ASIDE, None, (fitted.reason,)
    if fitted is None:
        return Disposition.CARRIED, None, ()
    reconfirm: list[str] = []
    remarks: list[str] = []
    if old_item is None:
        reconfirm.append("原版本中没有此题，答案按检查项代码对应而来")
    if entry is not None:
        wording = [c for c in entry.changes if not c.affects_answers]
        asked = [c for c in wording if c.field in _ASKED_FIELDS]
        if asked:
            labels = dict.fromkeys(c.label for c in wording)
            reconfirm.append("措辞修改：" + "、".join(labels))
        elif wording:
            # A new hint or plan clause does not change what was asked: noted, not re-asked.
            remarks.append("修改：" + "、".join(dict.fromkeys(c.label for c in wording)))
        chosen = set(fitted) if isinstance(fitted, list) else {str(fitted)}
        for c in entry.changes:
            if not c.affects_answers:
                continue
            if c.field in _RECONFIRM_FIELDS or (
                c.field in _CHOSEN_OPTION_FIELDS and c.option in chosen
            ):
                reconfirm.append(c.text)
            elif c.field in _SCORE_FIELDS:
                remarks.append(f"{c.text}（答案不变，得分可能变化）")
            elif c.field == "applies":
                remarks.append(f"{c.text}（答案不变，是否计入取决于本校情况）")
            elif c.field == "show_if":
                remarks.append(f"{c.text}（答案不变，是否显示取决于前面的答案）")
            else:
                remarks.append(c.text)
        if entry.moved:
            remarks.append(f"移至分组“{clip(entry.section_title, 20)}”")
    if reconfirm:
        return Disposition.RECONFIRM, fitted, tuple(reconfirm + remarks)
    return Disposition.CARRIED, fitted, tuple(remarks)


def _fit(old_item: Item | None, new_item: Item, value: AnswerValue) -> AnswerValue | _Misfit:
    """The value ``value`` becomes on ``new_item``, or why it does not fit."""
    old_kind = old_item.kind if old_item is not None else new_item.kind
    new_kind = new_item.kind
    if old_kind is not new_kind and frozenset({old_kind, new_kind}) not in _COMPATIBLE:
        return _Misfit(
            f"题型由“{KIND_LABELS[old_kind]}”改为“{KIND_LABELS[new_kind]}”，原答案不能直接沿用"
        )
    if value == NA and (old_item is None or old_item.accepts_na):
        # 不适用 is no option name or number: it fits exactly when the new item accepts it.
        if new_item.accepts_na:
            return NA
        return _Misfit("新版本中此题不能再答“不适用”，请按实际情况重新作答")
    if new_kind in _CHOICE:
        names = [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]
        renames = option_renames(old_item, new_item) if old_item is not None else {}
        mapped: list[str] = []
        for name in names:
            if new_item.option(name) is not None:
                mapped.append(name)
            elif name in renames:
                mapped.append(renames[name])
            else:
                before = old_item.option(name) if old_item is not None else None
                label = (before.label or before.name) if before is not None else name
                return _Misfit(f"所选选项“{label}”在新版本中已删除")
        if new_kind is Kind.SINGLE and len(mapped) != 1:
            return _Misfit(f"题型改为单选，原答案选了 {len(mapped)} 项")
        candidate: object = mapped[0] if new_kind is Kind.SINGLE else mapped
    elif isinstance(value, list | tuple):
        return _Misfit("原答案的形式与新版本的题型不符")
    else:
        candidate = value
    try:
        return coerce(new_item, candidate)
    except ValueProblem as exc:
        if old_kind is not new_kind:
            return _Misfit(
                f"题型由“{KIND_LABELS[old_kind]}”改为“{KIND_LABELS[new_kind]}”，原答案不适合：{exc}"
            )
        return _Misfit(f"原答案不符合新版本的要求：{exc}")


def _empty(value: AnswerValue) -> bool:
    return value is None or value in ("", [])


def _display(item: Item | None, value: AnswerValue) -> str:
    if value is None:
        return ""
    if item is None:
        return "、".join(value) if isinstance(value, list) else str(value)
    return display(item, value)


def _removed_message(version: str, o: AnswerOutcome) -> str:
    parts = [f"{version} 版删除了此题"]
    if o.old_display:
        parts.append(f"原答案“{o.old_display}”")
    if o.note:
        parts.append(f"备注“{clip(o.note, 40)}”")
    if o.evidence:
        parts.append(f"佐证材料 {len(o.evidence)} 个")
    if o.rectifications:
        parts.append(f"整改 {len(o.rectifications)} 条")
    return "，".join(parts)


def _basis(
    mode: PlanMode,
    old: Template,
    new: Template,
    answers: Mapping[str, Answer],
    rectifications: tuple[Rectification, ...],
) -> str:
    data = {
        "mode": mode.value,
        "from": old.key,
        "to": new.key,
        "answers": sorted(
            (
                code,
                a.value,
                a.note,
                a.needs_reconfirm,
                a.set_aside,
                sorted(e.id for e in a.evidence),
            )
            for code, a in answers.items()
        ),
        "rectifications": sorted((r.id, r.code) for r in rectifications),
    }
    raw = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()
