"""Scoring: what each answer earns, section and overall percentages, and the rating band.

Rules (DESIGN.md): a scored item earns a share of its weight — 符合 1, 基本符合 the template's
partial credit (0.5 by default), 不符合 0; 不适用 (answered, or because the item does not
apply to the school) leaves the denominator; an item hidden by its show-if condition counts
nowhere.  Unanswered scored items stay in the denominator and earn nothing, so a score never
looks better than the evidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from wjself.core import expressions
from wjself.core.stages import Profile
from wjself.core.targets import Target
from wjself.core.template import Item, Kind, Template
from wjself.core.values import MET, NA, NOT_MET, PARTIAL, YES, AnswerValue


class Outcome(StrEnum):
    """Where an item stands."""

    MET = "met"
    PARTIAL = "partial"
    NOT_MET = "not_met"
    NA = "na"  # answered 不适用
    EXCLUDED = "excluded"  # does not apply to this school
    HIDDEN = "hidden"  # its show-if condition is false
    UNANSWERED = "unanswered"
    ANSWERED = "answered"  # answered, not scored (text, date, untargeted number …)


OUTCOME_LABELS: dict[Outcome, str] = {
    Outcome.MET: "符合",
    Outcome.PARTIAL: "基本符合",
    Outcome.NOT_MET: "不符合",
    Outcome.NA: "不适用",
    Outcome.EXCLUDED: "不适用",
    Outcome.HIDDEN: "无需填写",
    Outcome.UNANSWERED: "未填",
    Outcome.ANSWERED: "已填",
}

_YES_TARGET = Target("=", 1.0)


@dataclass(frozen=True, slots=True)
class ItemResult:
    """The standing of one item: its outcome, share of weight earned, and why if excluded."""

    code: str
    outcome: Outcome
    weight: float
    share: float | None = None
    reason: str = ""

    @property
    def counts(self) -> bool:
        """Whether the item is in play: visible and applicable to the school."""
        return self.outcome not in (Outcome.EXCLUDED, Outcome.HIDDEN)

    @property
    def answered(self) -> bool:
        return self.outcome not in (Outcome.UNANSWERED, Outcome.EXCLUDED, Outcome.HIDDEN)

    @property
    def needs_rectification(self) -> bool:
        return self.outcome is Outcome.NOT_MET

    @property
    def possible(self) -> float:
        return 0.0 if self.share is None else self.weight

    @property
    def earned(self) -> float:
        return self.weight * (self.share or 0.0)


@dataclass(frozen=True, slots=True)
class Tally:
    """Counts and score over a set of items (a section, or the whole assessment)."""

    items: int = 0  # every item not hidden
    applicable: int = 0  # of those, the ones that apply to the school
    answered: int = 0
    met: int = 0
    partial: int = 0
    not_met: int = 0
    na: int = 0  # answered 不适用 plus excluded
    earned: float = 0.0
    possible: float = 0.0

    @property
    def percent(self) -> float | None:
        """Score in percent, or None when nothing here is scored."""
        return None if self.possible <= 0 else round(100.0 * self.earned / self.possible, 2)

    @property
    def progress(self) -> float:
        return 1.0 if self.applicable == 0 else self.answered / self.applicable

    @property
    def complete(self) -> bool:
        return self.answered >= self.applicable

    def add(self, result: ItemResult) -> Tally:
        o = result.outcome
        if o is Outcome.HIDDEN:
            return self
        return Tally(
            items=self.items + 1,
            applicable=self.applicable + (o is not Outcome.EXCLUDED),
            answered=self.answered + (result.answered),
            met=self.met + (o is Outcome.MET),
            partial=self.partial + (o is Outcome.PARTIAL),
            not_met=self.not_met + (o is Outcome.NOT_MET),
            na=self.na + (o in (Outcome.NA, Outcome.EXCLUDED)),
            earned=self.earned + result.earned,
            possible=self.possible + result.possible,
        )


@dataclass(frozen=True, slots=True)
class SectionScore:
    code: str
    title: str
    tally: Tally


@dataclass(frozen=True, slots=True)
class Score:
    """The scored state of an assessment: per item, per section, overall, and the band."""

    items: Mapping[str, ItemResult]
    sections: tuple[SectionScore, ...]
    overall: Tally
    band: str

    @property
    def percent(self) -> float | None:
        return self.overall.percent


def item_share(
    item: Item,
    value: AnswerValue,
    partial_credit: float,
    stages: Iterable[str] | None = None,
) -> tuple[Outcome, float | None]:
    """Outcome and share (0–1, None when unscored) of one answered, applicable, visible item.

    ``stages`` are the school's: a number or percent item with stage targets must meet the
    target of each of them (``Item.targets_for``); None reads as a school without stages.
    """
    if value == NA and item.accepts_na:
        return Outcome.NA, None
    if item.kind is Kind.COMPLIANCE:
        return {
            MET: (Outcome.MET, 1.0),
            PARTIAL: (Outcome.PARTIAL, partial_credit),
            NOT_MET: (Outcome.NOT_MET, 0.0),
            NA: (Outcome.NA, None),
        }.get(str(value), (Outcome.ANSWERED, None))
    if item.kind is Kind.YES_NO:
        target = item.target or _YES_TARGET
        ok = target.met_by(1.0 if value == YES else 0.0)
        return (Outcome.MET, 1.0) if ok else (Outcome.NOT_MET, 0.0)
    if item.kind in (Kind.NUMBER, Kind.PERCENT):
        targets = item.targets_for(stages or ())
        if not targets or not isinstance(value, int | float):
            return Outcome.ANSWERED, None
        ok = all(t.met_by(float(value)) for t in targets)
        return (Outcome.MET, 1.0) if ok else (Outcome.NOT_MET, 0.0)
    if item.kind is Kind.SINGLE and item.is_scored:
        option = item.option(str(value))
        share = max(0.0, min(1.0, option.score or 0.0)) if option else 0.0
        if share >= 1.0:
            return Outcome.MET, share
        return (Outcome.NOT_MET, share) if share <= 0.0 else (Outcome.PARTIAL, share)
    return Outcome.ANSWERED, None


def scored_for(item: Item, stages: Iterable[str]) -> bool:
    """Whether ``item`` is scored for a school of ``stages`` (stage targets may leave a stage
    without one)."""
    if item.kind in (Kind.NUMBER, Kind.PERCENT):
        return bool(item.targets_for(stages))
    return item.is_scored


def visible_answers(
    template: Template, answers: Mapping[str, AnswerValue], profile: Profile
) -> dict[str, ItemResult]:
    """Score every item in template order; show-if sees only earlier items that are in play."""
    facts = profile.fact_map()
    in_play: dict[str, AnswerValue] = {}
    results: dict[str, ItemResult] = {}
    for item in template.items():
        weight = item.effective_weight
        reason = item.applies.reason_not_applicable(profile.stages, facts)
        if reason is not None:
            results[item.code] = ItemResult(item.code, Outcome.EXCLUDED, weight, reason=reason)
            continue
        if item.show_if:
            try:
                shown = expressions.evaluate(expressions.parse(item.show_if), in_play)
            except expressions.ExpressionError:
                shown = True  # validation refuses such templates; never hide by accident
            if not shown:
                results[item.code] = ItemResult(item.code, Outcome.HIDDEN, weight)
                continue
        value = answers.get(item.code)
        if value is None or value in ("", []):
            results[item.code] = ItemResult(
                item.code,
                Outcome.UNANSWERED,
                weight,
                share=0.0 if scored_for(item, profile.stages) else None,
            )
            continue
        in_play[item.code] = value
        outcome, share = item_share(item, value, template.partial_credit, profile.stages)
        results[item.code] = ItemResult(item.code, outcome, weight, share=share)
    return results


def score(template: Template, answers: Mapping[str, AnswerValue], profile: Profile) -> Score:
    """Score an assessment of ``template`` with ``answers`` (code → canonical value)."""
    results = visible_answers(template, answers, profile)
    sections: list[SectionScore] = []
    overall = Tally()
    for section in template.sections:
        tally = Tally()
        for item in section.items:
            tally = tally.add(results[item.code])
        sections.append(SectionScore(section.code, section.title, tally))
        overall = Tally(
            *(getattr(overall, f) + getattr(tally, f) for f in Tally.__dataclass_fields__)
        )
    percent = overall.percent
    band = template.band_for(percent) if percent is not None else ""
    return Score(results, tuple(sections), overall, band)
