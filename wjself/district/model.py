"""The plain data the district service hands out: filters, rows, summaries, figures.

Frozen dataclasses, safe to keep and hand to other threads (the window's district view and
the command line read these; nothing here is an ORM object).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

# The states of a bundle's signature (formats.signature.SignatureCheck.status) and of the
# school's key as the bureau knows it (store.keys.Trust.status), as stored in ``received``.
SIGNATURES = ("valid", "invalid", "absent", "malformed")
TRUSTS = ("pinned-match", "first-seen", "other-key", "unsigned", "invalid")


@dataclass(frozen=True, slots=True)
class DistrictFilter:
    """Which received assessments to show; ``None``/"" means any.

    ``text`` matches the school's name or code (a part of either)."""

    township: str | None = None
    stage: str | None = None
    template_id: str | None = None
    period: str | None = None
    text: str = ""
    school_code: str | None = None


@dataclass(frozen=True, slots=True)
class ReceivedRow:
    """One received assessment as the district list shows it."""

    id: int
    school_code: str
    school_name: str
    township: str
    stages: tuple[str, ...]
    template_id: str
    template_version: str
    template_title: str
    period: str
    status: str  # "finalized" | "draft" (core.assessment.Status value)
    score: float | None  # percent 0–100; None when nothing is scored
    rating: str
    finalized_at: dt.datetime | None
    received_at: dt.datetime
    signature: str  # one of SIGNATURES
    trust: str  # one of TRUSTS
    previous_score: float | None  # the same school + template, the period before (current)
    previous_period: str | None = None
    current: bool = True
    key_id: str = ""  # the signer's key id, "" when unsigned
    fingerprint: str = ""
    note: str = ""  # flags for people, e.g. "未签名"

    @property
    def change(self) -> float | None:
        """Score against the previous period (points), None when either is missing."""
        if self.score is None or self.previous_score is None:
            return None
        return round(self.score - self.previous_score, 2)


@dataclass(frozen=True, slots=True)
class ImportLine:
    """What happened to one file of an import.

    ``reason``: for a refused file why (Chinese, naming what is wrong); for an accepted one
    what to know (e.g. "未签名", or the key id to compare by phone for a school seen first)."""

    path: Path
    school_code: str
    school_name: str
    template_id: str
    period: str
    received_id: int | None
    reason: str = ""
    key_id: str = ""

    def line(self) -> str:
        """One line for people: "文件: 学校 代码: 原因"."""
        who = f"{self.school_name} {self.school_code}".strip() or "（无法识别学校）"
        tail = f": {self.reason}" if self.reason else ""
        return f"{self.path.name}: {who}{tail}"


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an import did, file by file.

    ``accepted``: new current bundles (also new history kept when an older one arrives late);
    ``replaced``: accepted and took the place of an older current bundle;
    ``refused``: not kept, with the reason; ``already``: the same file imported before (no-op);
    ``cancelled``: the person stopped it (what was done stays done)."""

    accepted: list[ImportLine] = field(default_factory=list)
    replaced: list[ImportLine] = field(default_factory=list)
    refused: list[ImportLine] = field(default_factory=list)
    already: list[ImportLine] = field(default_factory=list)
    cancelled: bool = False

    @property
    def total(self) -> int:
        return len(self.accepted) + len(self.replaced) + len(self.refused) + len(self.already)


@dataclass(frozen=True, slots=True)
class ItemFailure:
    """One item across the current received assessments: how many answered it 不符合."""

    template_id: str
    code: str
    text: str
    failed: int
    answered: int
    schools: list[str]  # names of the schools that failed it
    section: str = ""

    @property
    def rate(self) -> float:
        return 0.0 if self.answered == 0 else self.failed / self.answered


@dataclass(frozen=True, slots=True)
class OpenRect:
    """An open 整改 of a school, from its current received bundle."""

    received_id: int
    school_code: str
    school_name: str
    township: str
    template_id: str
    period: str
    code: str
    item_text: str
    problem: str
    measure: str
    owner: str
    due: dt.date | None
    status: str  # core.assessment.RectStatus value
    overdue: bool
    days_overdue: int = 0


@dataclass(frozen=True, slots=True)
class Missing:
    """A school known to the district that has not sent a checklist applicable to it."""

    school_code: str
    school_name: str
    township: str
    stages: tuple[str, ...]
    template_id: str
    template_title: str
    period: str


@dataclass(frozen=True, slots=True)
class TemplateFigures:
    """Score figures of one checklist over the schools shown."""

    template_id: str
    template_title: str
    schools: int
    mean: float | None
    lowest: float | None
    highest: float | None
    ratings: dict[str, int]  # rating band -> number of schools


@dataclass(frozen=True, slots=True)
class DistrictFigures:
    """Everything the district PDF/XLSX print for a filter (usually one period)."""

    filter: DistrictFilter
    today: dt.date
    rows: list[ReceivedRow]
    templates: list[TemplateFigures]
    failures: list[ItemFailure]
    open_rects: list[OpenRect]
    missing: list[Missing]
