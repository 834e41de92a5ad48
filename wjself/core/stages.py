"""School stages (学段) and profile facts, and which items apply to which schools.

A school declares one or more stages; combined schools (九年一贯制 …) cover several of the basic
stages, so an item written for 小学 applies to a 九年一贯制 school too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

KINDERGARTEN = "幼儿园"
PRIMARY = "小学"
JUNIOR = "初中"
SENIOR = "高中"
COMPLETE = "完全中学"
NINE_YEAR = "九年一贯制"
TWELVE_YEAR = "十二年一贯制"
VOCATIONAL = "中职"

STAGES: tuple[str, ...] = (
    KINDERGARTEN,
    PRIMARY,
    JUNIOR,
    SENIOR,
    COMPLETE,
    NINE_YEAR,
    TWELVE_YEAR,
    VOCATIONAL,
)

# English names accepted on input (templates from elsewhere, the command line).
STAGE_ALIASES: dict[str, str] = {
    "kindergarten": KINDERGARTEN,
    "preschool": KINDERGARTEN,
    "primary": PRIMARY,
    "junior": JUNIOR,
    "junior_high": JUNIOR,
    "senior": SENIOR,
    "senior_high": SENIOR,
    "complete": COMPLETE,
    "complete_secondary": COMPLETE,
    "nine_year": NINE_YEAR,
    "twelve_year": TWELVE_YEAR,
    "vocational": VOCATIONAL,
}

# Which basic stages a combined school teaches; an item for any of them applies.
_COVERS: dict[str, frozenset[str]] = {
    COMPLETE: frozenset({JUNIOR, SENIOR}),
    NINE_YEAR: frozenset({PRIMARY, JUNIOR}),
    TWELVE_YEAR: frozenset({PRIMARY, JUNIOR, SENIOR}),
}

COMBINED: frozenset[str] = frozenset(_COVERS)

FACTS: dict[str, str] = {
    "has_canteen": "有食堂",
    "has_labs": "有实验室",
    "boarding": "寄宿制",
    "school_bus": "运营校车",
    "outsourced_meals": "校外供餐（由供餐企业配送学生餐）",
    "party_org": "建有独立党组织（党委、党总支或党支部）",
}


def normalize_stage(name: str) -> str | None:
    """The canonical stage for a name or alias, or None when it is not a stage."""
    name = name.strip()
    if name in STAGES:
        return name
    return STAGE_ALIASES.get(name.lower())


def expand(stages: Iterable[str]) -> frozenset[str]:
    """The stages a school with ``stages`` teaches, combined stages opened up."""
    out: set[str] = set()
    for stage in stages:
        out.add(stage)
        out |= _COVERS.get(stage, frozenset())
    return frozenset(out)


def stages_overlap(item_stages: Iterable[str], school_stages: Iterable[str]) -> bool:
    """Whether an item (or template) restricted to ``item_stages`` concerns the school."""
    wanted = expand(item_stages)
    if not wanted:
        return True
    return bool(wanted & expand(school_stages))


@dataclass(frozen=True, slots=True)
class Applicability:
    """To which schools an item applies: any of ``stages`` (empty: all) and every fact.

    ``facts`` maps a profile fact (``has_canteen`` …) to the value it must have.
    """

    stages: frozenset[str] = frozenset()
    facts: tuple[tuple[str, bool], ...] = ()

    @property
    def is_universal(self) -> bool:
        return not self.stages and not self.facts

    def reason_not_applicable(
        self, school_stages: Iterable[str], school_facts: dict[str, bool]
    ) -> str | None:
        """Why the item does not apply to this school, or None when it does."""
        school_stages = tuple(school_stages)
        if self.stages and not stages_overlap(self.stages, school_stages):
            return "仅适用于" + "、".join(sorted(self.stages, key=_stage_order))
        for fact, wanted in self.facts:
            if bool(school_facts.get(fact, False)) != wanted:
                label = FACTS.get(fact, fact)
                return f"仅适用于{label}的学校" if wanted else f"不适用于{label}的学校"
        return None

    def to_text(self) -> str:
        """The ``applies_to`` cell form: ``小学 初中 has_canteen !boarding``."""
        parts = sorted(self.stages, key=_stage_order)
        parts += [fact if wanted else f"!{fact}" for fact, wanted in self.facts]
        return " ".join(parts)


def _stage_order(stage: str) -> int:
    return STAGES.index(stage) if stage in STAGES else len(STAGES)


def parse_applicability(text: str) -> tuple[Applicability, list[str]]:
    """Parse an ``applies_to`` cell; returns the value and the tokens it did not know.

    Tokens are separated by spaces, commas or 、; stage names (or English aliases) combine with
    OR, facts (``has_canteen``, ``!boarding``, ``not boarding``) with AND.
    """
    stages: set[str] = set()
    facts: dict[str, bool] = {}
    unknown: list[str] = []
    tokens = text.replace("，", " ").replace(",", " ").replace("、", " ").replace(";", " ").split()
    negate_next = False
    for raw in tokens:
        token = raw.strip()
        if token.lower() == "not":
            negate_next = True
            continue
        wanted = not negate_next
        negate_next = False
        if token.startswith(("!", "！")):
            token, wanted = token[1:], False
        stage = normalize_stage(token)
        if stage is not None and wanted:
            stages.add(stage)
        elif token in FACTS:
            facts[token] = wanted
        else:
            unknown.append(raw)
    return Applicability(frozenset(stages), tuple(sorted(facts.items()))), unknown


@dataclass(frozen=True, slots=True)
class Profile:
    """What applicability looks at in a school: its stages and its facts."""

    stages: frozenset[str] = frozenset()
    facts: tuple[tuple[str, bool], ...] = ()

    @classmethod
    def of(cls, stages: Iterable[str], facts: dict[str, bool] | None = None) -> Profile:
        return cls(frozenset(stages), tuple(sorted((facts or {}).items())))

    def fact_map(self) -> dict[str, bool]:
        return dict(self.facts)
