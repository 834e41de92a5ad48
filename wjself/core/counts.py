"""How many items there are and where they stand, in numbers that add up.

Two kinds of 不适用 are told apart everywhere (PDF, ``assessment show``, the window's finish
page): items the school's profile excludes (``仅适用于寄宿制学校``: 不适用于本校, with the
rule) and applicable items the school itself answered 不适用 (学校填报不适用, with the
school's reason — the answer's note).  An inspector checks the second kind.

    total      = excluded + applicable
    applicable = declared_na + answered + unanswered
    answered  >= met + partial + not_met   (the rest are answered but not scored)

Items hidden by their show-if condition count nowhere (the report says how many).
"""

from __future__ import annotations

from dataclasses import dataclass

from wjself.core.scoring import Tally
from wjself.core.stages import Profile
from wjself.core.template import Item
from wjself.core.values import NA, AnswerValue

# The note of a 不适用 answer is its reason.
NA_REASON_MESSAGE = "选择“不适用”须说明原因：请在备注中写明为何不适用（如“本校无寄宿生”）"


# The counts in the order the PDF's 总体情况 table and the XLSX 汇总 sheet give them (and
# ``Counts.as_dict`` keys them): the first six add up as above.
COLUMNS = (
    "题数", "不适用于本校", "适用", "学校填报不适用", "已作答", "未作答",
    "符合", "基本符合", "不符合",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Counts:
    """The items of an assessment (or a section) by where they stand."""

    total: int  # every item not hidden
    excluded: int  # 不适用于本校（按学校情况）
    applicable: int
    declared_na: int  # 学校填报不适用
    answered: int  # answered otherwise than 不适用
    unanswered: int
    met: int
    partial: int
    not_met: int

    @classmethod
    def of(cls, t: Tally) -> Counts:
        excluded = t.items - t.applicable
        declared = t.na - excluded
        return cls(
            total=t.items,
            excluded=excluded,
            applicable=t.applicable,
            declared_na=declared,
            answered=t.answered - declared,
            unanswered=t.applicable - t.answered,
            met=t.met,
            partial=t.partial,
            not_met=t.not_met,
        )

    @property
    def unscored(self) -> int:
        """Answered items that earn no score (text, dates, numbers without a target)."""
        return self.answered - self.met - self.partial - self.not_met

    def sentence(self) -> str:
        """``共 36 项：不适用于本校 5 项（按学校情况），适用 31 项；其中学校填报不适用 1 项，
        已作答 30 项（符合 25 项，…），未作答 0 项。``"""
        kinds = f"符合 {self.met} 项，基本符合 {self.partial} 项，不符合 {self.not_met} 项"
        if self.unscored:
            kinds += f"，不计分 {self.unscored} 项"
        return (
            f"共 {self.total} 项：不适用于本校 {self.excluded} 项（按学校情况），"
            f"适用 {self.applicable} 项；其中学校填报不适用 {self.declared_na} 项，"
            f"已作答 {self.answered} 项（{kinds}），未作答 {self.unanswered} 项。"
        )

    def values(self) -> tuple[int, ...]:
        """The counts in ``COLUMNS`` order."""
        return tuple(self.as_dict().values())

    def as_dict(self) -> dict[str, int]:
        return {
            "total": self.total,
            "excluded": self.excluded,
            "applicable": self.applicable,
            "declared_na": self.declared_na,
            "answered": self.answered,
            "unanswered": self.unanswered,
            "met": self.met,
            "partial": self.partial,
            "not_met": self.not_met,
        }


def reason_missing(item: Item, value: AnswerValue, note: str, profile: Profile) -> bool:
    """Whether ``value`` is a 不适用 the school declared on an item that applies to it, with
    no reason (``note``) given.  On an item the profile excludes, 不适用 is moot."""
    if value != NA or note.strip():
        return False
    return item.applies.reason_not_applicable(profile.stages, profile.fact_map()) is None
