"""六、督学审阅意见: the bureau's verdict and its comments on the items, when the school has
imported a review (``.wjsr``) of this assessment.

The part says which version the review answered: a review of an earlier version (the school
has changed the assessment since) is printed, marked as such, so nobody reads it as the
bureau's word on the version in hand.  The comments are also printed under their items in
三、逐项自查情况 (``pdf_details``).
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Table

from wjself.core.assessment import AssessmentView
from wjself.core.review import ReceivedReview, Verdict
from wjself.report.cell_text import cell
from wjself.report.pdf_toc import Heading
from wjself.report.styles import (
    BAD,
    FRAME_WIDTH,
    GOOD,
    RowTable,
    grid_table_style,
    para,
    rich,
    span,
    styles,
    table_style,
)
from wjself.report.text import markup

TITLE = "六、督学审阅意见"
COMMENT_PREFIX = "督学意见："
EARLIER_NOTE = "本审阅针对的是此前报送的版本（指纹不同）；本报告所示为之后修改的版本。"
WIDTHS = (18 * mm, 62 * mm, FRAME_WIDTH - 80 * mm)


def review_comments(view: AssessmentView) -> dict[str, str]:
    """The inspector's comment per item code (empty when no review was imported)."""
    if view.review is None:
        return {}
    return {c.code: c.text for c in view.review.review.comments}


def review_part(view: AssessmentView, key: str, level: int) -> list[Flowable]:
    """The part for ``view.review``; nothing when there is none."""
    received = view.review
    if received is None:
        return []
    s = styles()
    r = received.review
    out: list[Flowable] = [Heading(markup(TITLE), s.h1, key=key, outline=TITLE, level=level)]
    colour = GOOD if r.verdict is Verdict.PASSED else BAD
    out.append(rich("审阅结论：" + span(r.verdict.value, colour), s.body))
    if r.reason:
        label = "退回原因" if r.verdict is Verdict.RETURNED else "说明"
        out.append(para(f"{label}：{r.reason}", s.body))
    out.append(_facts(received, s.cell, s.mono))
    current = view.signoff.fingerprint if view.finalized and view.signoff else None
    if not received.for_fingerprint(current):
        out.append(para(EARLIER_NOTE, s.small_warn))
    out = [KeepTogether(out)]  # the verdict never on a page without its heading
    if r.comments:
        out.append(para(f"对检查项的意见（{len(r.comments)} 条）：", s.h2))
        out.append(_comments(view, received))
    else:
        out.append(para("区教育局未对具体检查项提出意见。", s.muted))
    return out


def _facts(received: ReceivedReview, cell: Any, mono: Any) -> Table:
    r = received.review
    rows = [
        ("审阅人", para(r.reviewer or "（未署名）", cell)),
        ("审阅时间", para(r.reviewed_at.strftime("%Y-%m-%d %H:%M"), cell)),
        ("所审版本指纹", para(r.fingerprint, mono)),
        ("区教育局密钥", para(received.key_id, mono)),
        ("导入时间", para(received.imported_at.strftime("%Y-%m-%d %H:%M"), cell)),
    ]
    s = styles()
    data = [[para(label, s.cell_muted), value] for label, value in rows]
    table = Table(data, colWidths=[28 * mm, FRAME_WIDTH - 28 * mm])
    table.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _comments(view: AssessmentView, received: ReceivedReview) -> Table:
    s = styles()
    data: list[list[Any]] = [[cell([(h, s.head)]) for h in ("编号", "检查内容", "督学意见")]]
    for c in received.review.comments:
        item = view.template.item(c.code)
        text = item.text if item is not None else "（本版本检查表中已无此检查项）"
        data.append([para(c.code, s.cell), para(text, s.cell), para(c.text, s.cell)])
    table = RowTable(data, colWidths=list(WIDTHS))
    table.setStyle(table_style(grid_table_style()))
    return table
