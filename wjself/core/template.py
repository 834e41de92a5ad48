"""The checklist template model: template, sections, items, options, rating bands.

Values are immutable.  Construction does not check anything: ``wjself.core.checks`` finds every
problem of a template in one pass and the file readers turn them into located messages.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from wjself.core.stages import COMBINED, STAGES, Applicability, expand
from wjself.core.targets import Target


class Kind(StrEnum):
    """What kind of answer an item asks for."""

    COMPLIANCE = "compliance"  # 符合 / 基本符合 / 不符合 / 不适用
    YES_NO = "yes_no"
    NUMBER = "number"
    PERCENT = "percent"
    TEXT = "text"
    DATE = "date"
    SINGLE = "single"
    MULTIPLE = "multiple"


KIND_LABELS: dict[Kind, str] = {
    Kind.COMPLIANCE: "符合度",
    Kind.YES_NO: "是/否",
    Kind.NUMBER: "数值",
    Kind.PERCENT: "百分比",
    Kind.TEXT: "文字",
    Kind.DATE: "日期",
    Kind.SINGLE: "单选",
    Kind.MULTIPLE: "多选",
}

# Item and section codes double as XLSForm names, so they follow XML's name rules.
CODE_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")
TEMPLATE_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
VERSION_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")


class Limits:
    """Sane upper bounds; beyond them a template is refused with a message, not processed."""

    CODE = 40
    ID = 64
    VERSION = 32
    TITLE = 200
    TEXT = 1000
    LONG_TEXT = 4000
    OPTIONS = 100
    ITEMS = 10_000
    SECTIONS = 500
    FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Option:
    """One choice of a single or multiple choice item; ``score`` is its share (0–1) if scored."""

    name: str
    label: str
    score: float | None = None


@dataclass(frozen=True, slots=True)
class Band:
    """A rating band: ``label`` for an overall percentage at or above ``minimum``."""

    label: str
    minimum: float


DEFAULT_BANDS: tuple[Band, ...] = (
    Band("优秀", 90.0),
    Band("良好", 80.0),
    Band("合格", 60.0),
    Band("不合格", 0.0),
)
DEFAULT_PARTIAL_CREDIT = 0.5


# Kinds that may carry ``allow_na`` (compliance items always allow 不适用).
NA_KINDS: frozenset[Kind] = frozenset({Kind.YES_NO, Kind.NUMBER, Kind.PERCENT, Kind.SINGLE})


@dataclass(frozen=True, slots=True)
class StageTarget:
    """The target of a number or percent item for schools of some stages (``幼儿园: >= 2``)."""

    stages: frozenset[str]
    target: Target

    def stages_text(self) -> str:
        """The stages as written in a template file: ``小学 初中`` in the usual order."""
        return " ".join(
            sorted(self.stages, key=lambda s: STAGES.index(s) if s in STAGES else len(STAGES))
        )


@dataclass(frozen=True, slots=True)
class Item:
    """One checkable requirement, identified across versions by its ``code``."""

    code: str
    text: str
    kind: Kind
    method: str = ""
    evidence: str = ""
    clause: str = ""
    guidance: str = ""
    options: tuple[Option, ...] = ()
    unit: str = ""
    target: Target | None = None
    weight: float | None = None  # None: the default for the kind (see ``effective_weight``)
    required: bool = False
    applies: Applicability = field(default_factory=Applicability)
    show_if: str = ""
    stage_targets: tuple[StageTarget, ...] = ()
    allow_na: bool = False  # 不适用 accepted on a yes/no, number, percent or single item

    @property
    def is_scored(self) -> bool:
        """Whether an answer to this item earns a share of its weight."""
        if self.kind in (Kind.COMPLIANCE, Kind.YES_NO):
            return True
        if self.kind in (Kind.NUMBER, Kind.PERCENT):
            return self.target is not None or bool(self.stage_targets)
        if self.kind is Kind.SINGLE:
            return any(o.score is not None for o in self.options)
        return False

    @property
    def effective_weight(self) -> float:
        if self.weight is not None:
            return self.weight
        return 1.0 if self.is_scored else 0.0

    def option(self, name: str) -> Option | None:
        return next((o for o in self.options if o.name == name), None)

    @property
    def accepts_na(self) -> bool:
        """Whether 不适用 is an answer to this item."""
        return self.kind is Kind.COMPLIANCE or (self.allow_na and self.kind in NA_KINDS)

    def targets_for(self, school_stages: Iterable[str]) -> tuple[Target, ...]:
        """The targets a school teaching ``school_stages`` must meet, every one of them.

        Each stage the school teaches (combined stages opened up) with an entry in
        ``stage_targets`` brings that entry's target; its other stages bring ``target``.  A
        combined stage (九年一贯制 …) counts only through its basic stages unless it has an
        entry of its own.  A school without stages gets ``target``.
        """
        if not self.stage_targets:
            return () if self.target is None else (self.target,)
        taught = expand(school_stages)
        out: list[Target] = []
        default_needed = not taught
        for stage in sorted(taught, key=lambda s: STAGES.index(s) if s in STAGES else 99):
            entry = next((e for e in self.stage_targets if stage in e.stages), None)
            if entry is not None:
                if entry.target not in out:
                    out.append(entry.target)
            elif stage not in COMBINED:
                default_needed = True
        if default_needed and self.target is not None and self.target not in out:
            out.append(self.target)
        return tuple(out)


@dataclass(frozen=True, slots=True)
class Section:
    """A group of items with a title; ``code`` identifies it across versions."""

    code: str
    title: str
    items: tuple[Item, ...] = ()
    description: str = ""


@dataclass(frozen=True, slots=True)
class Template:
    """A versioned checklist; identity is ``(id, version)``."""

    id: str
    version: str
    title: str
    sections: tuple[Section, ...] = ()
    issuer: str = ""
    plan_ref: str = ""
    published: dt.date | None = None
    description: str = ""
    stages: frozenset[str] = frozenset()
    review_period: str = ""  # 自查时段, e.g. 2024年1月1日至2024年12月31日
    bands: tuple[Band, ...] = DEFAULT_BANDS
    partial_credit: float = DEFAULT_PARTIAL_CREDIT

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"

    def items(self) -> Iterator[Item]:
        for section in self.sections:
            yield from section.items

    def item_count(self) -> int:
        return sum(len(s.items) for s in self.sections)

    def item(self, code: str) -> Item | None:
        return next((i for i in self.items() if i.code == code), None)

    def section_of(self, code: str) -> Section | None:
        return next((s for s in self.sections if any(i.code == code for i in s.items)), None)

    def band_for(self, percent: float) -> str:
        for band in sorted(self.bands, key=lambda b: b.minimum, reverse=True):
            if percent >= band.minimum:
                return band.label
        return self.bands[-1].label if self.bands else ""


@dataclass(frozen=True, slots=True)
class TemplateInfo:
    """An installed template as listed: identity, titles, size and when it was installed."""

    id: str
    version: str
    title: str
    issuer: str
    plan_ref: str
    items: int
    stages: frozenset[str]
    sha256: str
    installed_at: dt.datetime

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key for versions: numeric runs compare as numbers (``2024.10`` > ``2024.9``)."""
    parts = re.findall(r"\d+|[A-Za-z]+", version)
    return tuple((0, int(p)) if p.isdigit() else (1, p.lower()) for p in parts)
