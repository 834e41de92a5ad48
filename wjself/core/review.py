"""The bureau's review of one assessment: per-item comments and a verdict (通过 / 退回修改).

The bureau writes a review in its district folder and sends it to the school as a ``.wjsr``
file (``formats/review_file.py``); the school keeps what it imported (``ReceivedReview``) and
shows the comments on the items, in the walkthrough and in its PDF.  A review names the
assessment it answers by school code, template id and version, period and fingerprint, so it
can never be attached to another one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from wjself.core.values import has_surrogate, is_hidden_control


class Verdict(StrEnum):
    """What the bureau decided about an assessment."""

    PASSED = "通过"
    RETURNED = "退回修改"


class ReviewLimits:
    """What a review may hold; far above what an inspector writes."""

    COMMENT = 2000  # characters of one comment
    COMMENTS = 5000  # comments in one review (a checklist has a few hundred items at most)
    REASON = 1000
    NAME = 100


# The audit reason of an assessment a review returned; people search the history for it.
RETURN_REASON_PREFIX = "区教育局退回："


@dataclass(frozen=True, slots=True)
class ReviewComment:
    """The inspector's comment (督学意见) on one item."""

    code: str
    text: str


@dataclass(frozen=True, slots=True)
class Review:
    """A review as the bureau made it and the ``.wjsr`` file carries it."""

    school_code: str
    school_name: str
    template_id: str
    template_version: str
    period: str
    fingerprint: str  # of the finalized assessment the bureau received
    verdict: Verdict
    reason: str  # why it was returned (may also explain a 通过)
    reviewer: str  # who reviewed, e.g. 武进区教育局 督导室 张三
    reviewed_at: dt.datetime
    comments: tuple[ReviewComment, ...] = ()

    def comment_for(self, code: str) -> str:
        return next((c.text for c in self.comments if c.code == code), "")

    def verdict_line(self) -> str:
        """``通过`` or ``退回修改：<reason>`` as one line for people."""
        if self.reason:
            return f"{self.verdict.value}：{self.reason}"
        return self.verdict.value


@dataclass(frozen=True, slots=True)
class ReceivedReview:
    """A review the school imported: the review, when and by whom, and who signed it.

    ``matched``: when it was imported, it answered the assessment as it then was (finalized,
    same fingerprint); a 退回修改 of such a review reopened it.
    """

    id: int
    review: Review
    imported_at: dt.datetime
    imported_by: str
    key_id: str  # the bureau key that signed it (read out by phone)
    matched: bool = True

    def for_fingerprint(self, fingerprint: str | None) -> bool:
        """Whether the review answers the assessment as it is: a finalized one (``fingerprint``)
        must be the version reviewed; a draft is the one being revised after the review,
        when the review answered it at import (else the review is of an earlier version)."""
        if fingerprint:
            return fingerprint == self.review.fingerprint
        return self.matched


def text_problem(text: str, what: str, limit: int, *, multiline: bool = True) -> str | None:
    """Why ``text`` cannot be a review's text (too long, control characters), or None."""
    if len(text) > limit:
        return f"{what}过长（{len(text)} 字），上限 {limit} 字"
    allowed = "\n\t" if multiline else ""
    if any((ord(ch) < 32 and ch not in allowed) or is_hidden_control(ch) for ch in text):
        return f"{what}中含有控制字符"
    if has_surrogate(text):
        return f"{what}中含有无效的字符（单独的代理项）"
    return None


def return_reason(reason: str) -> str:
    """The reopen reason recorded when a review returns a finalized assessment."""
    return f"{RETURN_REASON_PREFIX}{reason}"
