"""What a report shows of an assessment, worked out once for the PDF and the XLSX alike.

``item_rows`` gives one row per template item in template order with its answer, outcome and
the reason it does not apply; ``rect_rows`` gives the 整改清单, including not-met items for
which no rectification has been planned yet (an inspector needs to see those most of all).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from wjself.core.assessment import (
    RECT_STATUS_LABELS,
    Answer,
    AssessmentView,
    Evidence,
    Rectification,
)
from wjself.core.rectification_text import own_problem
from wjself.core.scoring import OUTCOME_LABELS, ItemResult, Outcome, Score
from wjself.core.target_words import school_target_words
from wjself.core.template import Item, Kind, Section
from wjself.core.values import NA, display


@dataclass(frozen=True, slots=True)
class ItemRow:
    """One item as reported: its answer, outcome and why it does not apply."""

    section: Section
    item: Item
    result: ItemResult
    answer: Answer | None
    stages: tuple[str, ...] = ()  # the school's, for the target that applies to it

    @property
    def target_words(self) -> str:
        """The target this school must reach (``≥ 4 次``), or ``""``."""
        return school_target_words(self.item, self.stages)

    @property
    def outcome(self) -> Outcome:
        return self.result.outcome

    @property
    def hidden(self) -> bool:
        return self.outcome is Outcome.HIDDEN

    @property
    def value_text(self) -> str:
        if self.answer is None or self.answer.value is None:
            return ""
        return display(self.item, self.answer.value)

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS[self.outcome]

    @property
    def verdict(self) -> str:
        """The outcome for a table to filter on, the two kinds of 不适用 apart: 不适用于本校
        (the school's profile) and 学校填报不适用 (the school's own answer)."""
        if self.outcome is Outcome.EXCLUDED:
            return "不适用于本校"
        if self.declared_na:
            return "学校填报不适用"
        return self.outcome_label

    @property
    def note(self) -> str:
        return self.answer.note if self.answer else ""

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        return self.answer.evidence if self.answer else ()

    @property
    def na_reason(self) -> str:
        """Why the item does not apply: the profile's rule (``仅适用于寄宿制的学校``), or the
        reason the school gave for its own 不适用 (the answer's note; ``""`` if none)."""
        if self.outcome is Outcome.EXCLUDED:
            return self.result.reason or "不适用于本校"
        if self.declared_na:
            return self.note.strip()
        return ""

    @property
    def declared_na(self) -> bool:
        """Whether the school itself answered the (applicable) item 不适用."""
        return self.outcome is Outcome.NA or (
            self.answer is not None
            and self.answer.value == NA
            and self.item.kind is Kind.COMPLIANCE
            and self.outcome is not Outcome.EXCLUDED
        )

    @property
    def requirement(self) -> str:
        return self.item.text

    @property
    def earned(self) -> float | None:
        return None if self.result.share is None else self.result.earned

    @property
    def possible(self) -> float | None:
        return None if self.result.share is None else self.result.possible


def item_rows(view: AssessmentView, score: Score) -> list[ItemRow]:
    """Every item of the template in order (hidden ones included; callers decide)."""
    rows = []
    for section in view.template.sections:
        for item in section.items:
            rows.append(
                ItemRow(
                    section,
                    item,
                    score.items[item.code],
                    view.answers.get(item.code),
                    tuple(view.school.stages),
                )
            )
    return rows


@dataclass(frozen=True, slots=True)
class RectRow:
    """One line of the 整改清单; ``rect`` is None for a not-met item with no plan yet."""

    code: str
    item: Item | None
    rect: Rectification | None
    overdue: bool

    @property
    def problem(self) -> str:
        """The entry's own 存在问题 (never a copy of the item's text, which is shown beside it)."""
        if self.rect is None:
            return ""
        return own_problem(self.rect.problem, self.item.text) if self.item else self.rect.problem

    @property
    def measure(self) -> str:
        return self.rect.measure if self.rect else ""

    @property
    def owner(self) -> str:
        return self.rect.owner if self.rect else ""

    @property
    def due(self) -> dt.date | None:
        return self.rect.due if self.rect else None

    @property
    def status_label(self) -> str:
        if self.rect is None:
            return "未制定整改计划"
        label = RECT_STATUS_LABELS[self.rect.status]
        if self.rect.verified_on:
            who = f"，{self.rect.verified_by}" if self.rect.verified_by else ""
            return f"{label}\n{self.rect.verified_on.isoformat()}{who}"
        if self.rect.done_on:
            return f"{label}\n{self.rect.done_on.isoformat()}"
        return label


def rect_rows(view: AssessmentView, score: Score, today: dt.date) -> list[RectRow]:
    """The 整改清单 in template order, then entries for codes the template no longer has."""
    items = {item.code: item for item in view.template.items()}
    order = {code: i for i, code in enumerate(items)}
    rows = [RectRow(r.code, items.get(r.code), r, r.overdue(today)) for r in view.rectifications]
    planned = {r.code for r in view.rectifications}
    for code, result in score.items.items():
        if result.needs_rectification and code not in planned:
            rows.append(RectRow(code, items.get(code), None, False))
    rows.sort(key=lambda r: (order.get(r.code, len(order)), r.code, r.rect.id if r.rect else 0))
    return rows
