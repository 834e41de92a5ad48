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

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from wjself.core.assessment import (
    Answer,
    AuditEntry,
    Evidence,
    HistoryReason,
    Rectification,
    Status,
)
from wjself.core.audit import AuditAction
from wjself.core.diff import (
    ItemDiff,
    TemplateDiff,
    clip,
    diff_templates,
    diff_to_dict,
    head,
    option_renames,
)
from wjself.core.errors import InputError, Problem
from wjself.core.scoring import score
from wjself.core.stages import Profile
from wjself.core.template import KIND_LABELS, Item, Kind, Template, version_key
from wjself.core.values import NA, AnswerValue, ValueProblem, coerce, display

PLAN_FORMAT = "wjself-upgrade-plan"
PLAN_FORMAT_VERSION = 1

UPGRADE = "upgrade"
PREFILL = "prefill"


class Disposition(StrEnum):
    """What an upgrade does with one answer row."""

    CARRIED = "carried"
    RECONFIRM = "reconfirm"
    SET_ASIDE = "set_aside"
    REMOVED = "removed"


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
class AnswerOutcome:
    """What happens to one answer row, for the report: before, after, and why."""

    code: str
    text: str  # the item's text in the new version (the old one for removed items)
    disposition: Disposition
    old_value: AnswerValue
    value: AnswerValue  # what the item holds afterwards (None when set aside or removed)
    old_display: str  # the old value as a person reads it, in the old item's terms
    reasons: tuple[str, ...] = ()  # why re-confirm / set aside, and remarks for carried ones
    note: str = ""
    evidence: tuple[Evidence, ...] = ()
    rectifications: tuple[Rectification, ...] = ()


@dataclass(frozen=True, slots=True)
class AnswerRow:
    """The answer row the upgraded (or prefilled) draft holds for one item.

    ``changed`` says whether it differs from the row before (value or flags), so the store
    can skip rows that stay as they are.
    """

    code: str
    value: AnswerValue
    note: str
    needs_reconfirm: bool
    set_aside: AnswerValue
    evidence_ids: tuple[int, ...]
    changed: bool


@dataclass(frozen=True, slots=True)
class HistoryRecord:
    """What the store keeps in the answer history: nothing an upgrade moves is lost."""

    code: str
    reason: HistoryReason
    item_text: str  # so the history reads without the old template
    value: AnswerValue
    set_aside: AnswerValue  # what an earlier upgrade had set aside on this row, if anything
    note: str
    evidence_ids: tuple[int, ...]
    rectification_ids: tuple[int, ...]
    message: str  # in Chinese: what happened and why


@dataclass(frozen=True, slots=True)
class PlanCounts:
    """The figures of a plan; each is the length of the matching list."""

    answered: int  # answer rows looked at (plus rectifications of removed items without one)
    carried: int
    reconfirm: int
    set_aside: int
    removed: int
    added_unanswered: int
    removed_evidence: int
    removed_rectifications: int


@dataclass(frozen=True, slots=True)
class UpgradePlan:
    """The complete, I/O-free decision for moving a draft from one version to another."""

    mode: str  # UPGRADE or PREFILL
    template_id: str
    from_version: str
    to_version: str
    title: str
    diff: TemplateDiff
    carried: tuple[AnswerOutcome, ...] = ()
    reconfirm: tuple[AnswerOutcome, ...] = ()
    set_aside: tuple[AnswerOutcome, ...] = ()
    removed: tuple[AnswerOutcome, ...] = ()
    added_unanswered: tuple[ItemDiff, ...] = ()
    rows: tuple[AnswerRow, ...] = ()
    history: tuple[HistoryRecord, ...] = ()
    detached_rectifications: tuple[Rectification, ...] = ()  # of removed items; keep them
    score_before: float | None = None
    band_before: str = ""
    score_after: float | None = None
    band_after: str = ""
    scored: bool = False  # whether the scores above were computed (a profile was given)
    basis: str = ""  # SHA-256 of the inputs; equal bases mean equal plans

    @property
    def counts(self) -> PlanCounts:
        return PlanCounts(
            answered=len(self.carried)
            + len(self.reconfirm)
            + len(self.set_aside)
            + len(self.removed),
            carried=len(self.carried),
            reconfirm=len(self.reconfirm),
            set_aside=len(self.set_aside),
            removed=len(self.removed),
            added_unanswered=len(self.added_unanswered),
            removed_evidence=sum(len(o.evidence) for o in self.removed),
            removed_rectifications=len(self.detached_rectifications),
        )

    def outcomes(self) -> tuple[AnswerOutcome, ...]:
        return self.carried + self.reconfirm + self.set_aside + self.removed

    def outcome(self, code: str) -> AnswerOutcome | None:
        return next((o for o in self.outcomes() if o.code == code), None)

    def row(self, code: str) -> AnswerRow | None:
        return next((r for r in self.rows if r.code == code), None)

    def audit(
        self, at: dt.datetime, who: str, source_id: int | None = None
    ) -> tuple[AuditEntry, ...]:
        """The audit-log entries the store records with the plan, as people read them.

        ``source_id``: the finalized assessment a prefilled draft was started from.
        """
        c = self.counts
        old = f"{self.template_id}@{self.from_version}"
        if self.mode == PREFILL:
            action = AuditAction.ASSESSMENT_PREFILL
            if source_id is not None:
                old = f"自评 {source_id}（{old}，已定稿）"
            new = (
                f"{self.template_id}@{self.to_version}；预填 {c.carried + c.reconfirm} 项"
                f"（其中需重新确认 {c.reconfirm} 项），不预填 {c.set_aside + c.removed} 项"
            )
        else:
            action = AuditAction.ASSESSMENT_UPGRADE
            new = (
                f"{self.template_id}@{self.to_version}；沿用 {c.carried} 项，需重新确认 "
                f"{c.reconfirm} 项，暂存 {c.set_aside} 项，移入历史 {c.removed} 项"
            )
        out = [AuditEntry(at, who, action, "", old, new)]
        for o in self.reconfirm:
            out.append(
                AuditEntry(
                    at,
                    who,
                    AuditAction.ANSWER_NEEDS_RECONFIRM,
                    o.code,
                    o.old_display,
                    o.old_display,
                )
            )
        for o in self.set_aside:
            out.append(AuditEntry(at, who, AuditAction.ANSWER_SET_ASIDE, o.code, o.old_display, ""))
        if self.mode == UPGRADE:
            for o in self.removed:
                out.append(
                    AuditEntry(at, who, AuditAction.ANSWER_ITEM_REMOVED, o.code, o.old_display, "")
                )
        return tuple(out)


@dataclass(frozen=True, slots=True)
class AppliedPlan:
    """A plan the store has carried out: the assessment upgraded (or newly prefilled) and the
    database backup taken just before an upgrade (empty for a prefill)."""

    assessment_id: int
    plan: UpgradePlan
    backup: str = ""


@dataclass(frozen=True, slots=True)
class UpgradeOffer:
    """A newer installed version of an assessment's template.

    A draft can be moved to ``newest`` (``plan_upgrade``); a finalized assessment never is, but
    a draft of ``newest`` can be started from it (``prefill_from``) — unless ``successor``, a
    later-version assessment of the same school, template and period, already exists.
    """

    assessment_id: int
    status: Status
    template_id: str
    version: str  # the assessment's own
    newest: str  # the newest installed version, newer than ``version``
    successor: int | None = None

    @property
    def is_draft(self) -> bool:
        return self.status is Status.DRAFT


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
    return _plan(UPGRADE, old, new, answers, tuple(rectifications), profile)


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
    return _plan(PREFILL, old_template, new_template, finalized_answers, (), profile)


def _plan(
    mode: str,
    old: Template,
    new: Template,
    answers: Mapping[str, Answer],
    rectifications: tuple[Rectification, ...],
    profile: Profile | None,
) -> UpgradePlan:
    diff = diff_templates(old, new)
    old_items = _items(old)
    new_items = _items(new)
    entries = {d.code: d for d in diff.reworded + diff.changed + diff.moved + diff.kept}
    rects: dict[str, list[Rectification]] = {}
    for r in rectifications:
        rects.setdefault(r.code, []).append(r)
    detached = tuple(r for r in rectifications if r.code not in new_items)

    codes = set(answers) | {r.code for r in detached}
    new_pos = {code: i for i, code in enumerate(new_items)}
    old_pos = {code: i for i, code in enumerate(old_items)}
    ordered = sorted(
        codes,
        key=lambda c: (
            (0, new_pos[c], "")
            if c in new_pos
            else (1, old_pos[c], "")
            if c in old_pos
            else (2, 0, c)
        ),
    )

    lists: dict[Disposition, list[AnswerOutcome]] = {d: [] for d in Disposition}
    rows: list[AnswerRow] = []
    history: list[HistoryRecord] = []
    for code in ordered:
        answer = answers.get(code) or Answer(code, None)
        old_item = old_items.get(code)
        new_item = new_items.get(code)
        shown_by = old_item or new_item
        old_display = _display(shown_by, answer.value)
        evidence_ids = tuple(e.id for e in answer.evidence)
        item_rects = tuple(rects.get(code, ()))
        if new_item is None:
            text = old_item.text if old_item else ""
            outcome = AnswerOutcome(
                code,
                text,
                Disposition.REMOVED,
                answer.value,
                None,
                old_display,
                ("新版本中已删除此题",),
                answer.note,
                answer.evidence,
                item_rects,
            )
            lists[Disposition.REMOVED].append(outcome)
            if mode == UPGRADE:
                history.append(
                    HistoryRecord(
                        code,
                        HistoryReason.REMOVED_ITEM,
                        text,
                        answer.value,
                        answer.set_aside,
                        answer.note,
                        evidence_ids,
                        tuple(r.id for r in item_rects),
                        _removed_message(new.version, outcome),
                    )
                )
            continue
        disposition, value, reasons = _decide(old_item, new_item, entries.get(code), answer.value)
        outcome = AnswerOutcome(
            code,
            new_item.text,
            disposition,
            answer.value,
            value,
            old_display,
            reasons,
            answer.note,
            answer.evidence,
            item_rects if mode == UPGRADE else (),
        )
        lists[disposition].append(outcome)
        if disposition is Disposition.SET_ASIDE:
            row = AnswerRow(code, None, answer.note, False, answer.value, evidence_ids, True)
            if mode == UPGRADE:
                history.append(
                    HistoryRecord(
                        code,
                        HistoryReason.SET_ASIDE,
                        old_item.text if old_item else new_item.text,
                        answer.value,
                        answer.set_aside,
                        answer.note,
                        evidence_ids,
                        (),
                        f"升级到 {new.version} 版时暂存：原答案“{old_display}”— {reasons[0]}",
                    )
                )
        else:
            reconfirm = disposition is Disposition.RECONFIRM
            if mode == UPGRADE:
                reconfirm = reconfirm or answer.needs_reconfirm
                kept_aside = answer.set_aside
            else:
                kept_aside = None
            row = AnswerRow(
                code,
                value,
                answer.note,
                reconfirm,
                kept_aside,
                evidence_ids,
                changed=(
                    mode == PREFILL
                    or value != answer.value
                    or reconfirm != answer.needs_reconfirm
                    or kept_aside != answer.set_aside
                ),
            )
        rows.append(row)

    answered_codes = set(answers)
    added_unanswered = tuple(d for d in diff.added if d.code not in answered_codes)
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
        added_unanswered=added_unanswered,
        rows=tuple(rows),
        history=tuple(history),
        detached_rectifications=detached if mode == UPGRADE else (),
        score_before=before.percent if before else None,
        band_before=before.band if before else "",
        score_after=after.percent if after else None,
        band_after=after.band if after else "",
        scored=profile is not None,
        basis=_basis(mode, old, new, answers, rectifications),
    )


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
    mode: str,
    old: Template,
    new: Template,
    answers: Mapping[str, Answer],
    rectifications: tuple[Rectification, ...],
) -> str:
    data = {
        "mode": mode,
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


# ---------------------------------------------------------------- output


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
        "mode": plan.mode,
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
    upgrade = plan.mode == UPGRADE
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
    if value is None:
        return "不计分"
    text = f"{value:.1f}%"
    return f"{text}（{band}）" if band else text
