"""二、自查报告: the school's own words — 基本情况, 主要做法与成效, 存在问题, 整改措施与下一步打算.

Printed before the item tables, each part under a second-level heading (（一）…), its text one
paragraph per line as the school wrote it (nothing is markup).  A part not written says so, so
that an inspector sees a gap rather than a missing page.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from wjself.core.assessment import AssessmentView
from wjself.core.narrative import PARTS
from wjself.report.pdf_toc import Heading
from wjself.report.styles import para, styles
from wjself.report.text import markup

TITLE = "二、自查报告"
_SUB = ("（一）", "（二）", "（三）", "（四）")
NOT_WRITTEN = "（学校未填写本部分）"


def narrative_part(
    view: AssessmentView, key: str, level: int, title: str = TITLE
) -> list[Flowable]:
    """The part's flowables: its heading, then the four parts in order."""
    s = styles()
    out: list[Flowable] = [Heading(markup(title), s.h1, key=key, outline=title, level=level)]
    if view.narrative.empty:
        out.append(para("学校未填写自查报告的文字部分。", s.muted))
        return out
    for index, (name, number) in enumerate(zip(PARTS, _SUB, strict=True)):
        heading = Heading(
            markup(number + name),
            s.h2,
            key=f"{key}.{index}",
            outline=number + name,
            level=level + 1,
        )
        lines = [line for line in view.narrative.get(name).splitlines() if line.strip()]
        if not lines:
            out.append(KeepTogether([heading, para(NOT_WRITTEN, s.muted)]))
            continue
        # The heading stays with the first lines of its text, never alone at a page's foot.
        out.append(KeepTogether([heading, para(lines[0].strip(), s.body)]))
        out += [para(line.strip(), s.body) for line in lines[1:]]
    return out
