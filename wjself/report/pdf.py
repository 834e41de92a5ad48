"""The PDF report for inspectors: ``write_pdf(views, target, generated_at=…, today=…)``.

One assessment gives: cover, 一、总体情况 (with the items that do not apply, the school's
profile's and the school's own apart), 二、自查报告 (the school's written part), 三、逐项自查情况,
四、整改清单, 五、审核与签章 and the evidence appendix.  Several assessments (of one period, typically one school's several
checklists) go into one document behind a cover with a table of contents.  Every page has a
header (school, report title) and a footer (short fingerprint, 第 X 页 共 Y 页, generation
time); pages of drafts carry a light diagonal 草稿.  Layout takes one pass: page counts and
contents page numbers are filled in when the canvas is saved (``pdf_canvas``).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from typing import Any, BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import (
    ActionFlowable,
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
)

from wjself import __version__
from wjself.atomic import write_output
from wjself.core.assessment import STATUS_LABELS, AssessmentView
from wjself.core.errors import InputError
from wjself.core.periods import one_period
from wjself.core.text import clip, percent_text
from wjself.report import fonts
from wjself.report.keep import lead
from wjself.report.pdf_canvas import PageContext, ReportCanvas, canvas_maker, on_page
from wjself.report.pdf_cover import cover
from wjself.report.pdf_details import details
from wjself.report.pdf_evidence import appendix
from wjself.report.pdf_na import not_applicable
from wjself.report.pdf_narrative import narrative_part
from wjself.report.pdf_overview import overview
from wjself.report.pdf_rectify import rectifications
from wjself.report.pdf_review import review_part
from wjself.report.pdf_signoff import signoff
from wjself.report.pdf_summary import summary
from wjself.report.pdf_toc import Heading, TocLine
from wjself.report.rows import item_rows
from wjself.report.styles import (
    FRAME_HEIGHT,
    FRAME_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    para,
    styles,
)
from wjself.report.text import MISSING, counting, markup, printable

PARTS = (
    "一、总体情况",
    "二、自查报告",
    "三、逐项自查情况",
    "四、整改清单",
    "五、审核与签章",
    "附录　佐证材料",
)


def write_pdf(
    views: Sequence[AssessmentView],
    target: str | os.PathLike[str],
    *,
    generated_at: dt.datetime,
    today: dt.date,
) -> None:
    """Write the report of ``views`` to ``target`` atomically (InputError if there are none,
    or they are of more than one period)."""
    views = list(views)
    if not views:
        raise InputError("没有要导出的自评：请至少指定一份自评")
    one_period(views)
    write_output(
        target,
        lambda handle: build_pdf(views, handle, generated_at=generated_at, today=today),
        "PDF 报告",
    )


def build_pdf(
    views: Sequence[AssessmentView], out: BinaryIO, *, generated_at: dt.datetime, today: dt.date
) -> None:
    """Lay out the report of ``views`` into the open binary file ``out``."""
    fonts.register()
    views = list(views)
    contexts = [_context(v) for v in views]
    collection = len(views) > 1
    first = _collection_context(views) if collection else contexts[0]
    doc = ReportDoc(out, first, _metadata(views))
    story: list[Flowable] = []
    level = 1 if collection else 0
    generated = generated_at.strftime("%Y-%m-%d %H:%M")
    if collection:
        story += _contents(views, first.title)
    for index, (view, ctx) in enumerate(zip(views, contexts, strict=True)):
        if index or collection:
            story += [
                ActionFlowable(("wjContext", ctx)),
                NextPageTemplate("cover"),
                PageBreak(),
            ]
        story += _assessment(view, index, level, today, generated)

    doc.build(story, canvasmaker=canvas_maker(generated))


def _assessment(
    view: AssessmentView, index: int, level: int, today: dt.date, generated: str
) -> list[Flowable]:
    with counting() as boxes:
        story = _parts(view, index, level, today, generated)
    if boxes[0]:
        # Never silent: the reader learns that □ on the pages stands for something.
        note = f"本报告中有 {boxes[0]} 个字符无法显示，已替换为 {MISSING}。"
        story += [Spacer(1, 6 * mm), para(note, styles().muted)]
    return story


def _parts(
    view: AssessmentView, index: int, level: int, today: dt.date, generated: str
) -> list[Flowable]:
    score = view.score()
    key = f"a{index}"
    story: list[Flowable] = cover(view, score, key, max(0, level - 1) if level else 0, generated)
    story += [NextPageTemplate("body"), PageBreak()]
    story += summary(view, score, f"{key}.p0", level)
    story += not_applicable(view, score)
    story += [PageBreak()]
    story += narrative_part(view, f"{key}.p1", level)
    story += [PageBreak()] if not view.narrative.empty else [Spacer(1, 8 * mm)]
    story += details(view, score, f"{key}.p2", level)
    story += [Spacer(1, 6 * mm), CondPageBreak(70 * mm)]
    story += rectifications(view, score, today, f"{key}.p3", level)
    story += [Spacer(1, 6 * mm), CondPageBreak(90 * mm)]
    story += signoff(view, f"{key}.p4", level)
    if view.review is not None:
        story += [Spacer(1, 6 * mm), CondPageBreak(60 * mm)]
        story += review_part(view, f"{key}.p6", level)
    if any(row.evidence and not row.hidden for row in item_rows(view, score)):
        story += [PageBreak()]
    else:  # a one-line "no evidence" appendix does not need a page of its own
        story += [Spacer(1, 8 * mm), CondPageBreak(20 * mm)]
    story += appendix(view, score, f"{key}.p5", level)
    return story


def _contents(views: list[AssessmentView], title: str) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [Spacer(1, 10 * mm)]
    story.append(para("学校自查报告汇编", s.cover_kicker))
    story.append(Spacer(1, 4 * mm))
    story.append(
        Heading(markup(f"《{title}》"), s.cover_title, key="contents", outline="目录", level=0)
    )
    story.append(Spacer(1, 8 * mm))
    story += lead([para("总　览", s.h2)], [overview(views)])
    story.append(Spacer(1, 6 * mm))
    story.append(para("目　录", s.h1))
    schools = {v.school.name for v in views}
    # One school's collection says the school on its cover; its lines need not repeat it
    # (shorter lines stay on one line instead of breaking inside 不合格).
    shared = schools.pop() if len(schools) == 1 else ""
    for i, view in enumerate(views):
        score = view.score()
        band = f" {score.band}" if score.band else ""
        status = STATUS_LABELS[view.status]
        title = view.title()
        if shared and title.startswith(shared) and len(title) > len(shared):
            title = title[len(shared) :]
        line = f"{i + 1}. 《{title}》（{status}，{percent_text(score.percent)}{band}）"
        block: list[Flowable] = [Spacer(1, 2 * mm), TocLine(f"a{i}", line, s.toc)]
        block += [TocLine(f"a{i}.p{p}", part, s.toc_sub) for p, part in enumerate(PARTS)]
        story.append(KeepTogether(block))  # a report's parts never on a page without its title
    return story


def _context(view: AssessmentView) -> PageContext:
    fp = view.signoff.fingerprint if view.finalized and view.signoff else ""
    return PageContext(
        school=view.school.name,
        title=view.title(),
        fingerprint=fp,
        draft=not view.finalized,
        note="草稿 · 无指纹" if not fp else "",
    )


def _collection_context(views: list[AssessmentView]) -> PageContext:
    schools = list(dict.fromkeys(v.school.name for v in views))
    periods = list(dict.fromkeys(v.period for v in views))
    if len(schools) == 1 and len(periods) == 1:
        title = f"{schools[0]}{periods[0]}年度自查报告汇编"
    else:
        title = "学校自查报告汇编"
    return PageContext(
        school=clip("、".join(schools), 40),
        title=title,
        # Each part's status is in its contents line; the collection's own pages say 草稿
        # only when every part is a draft.
        draft=all(not v.finalized for v in views),
        note=f"本汇编含 {len(views)} 份自查报告",
    )


def _metadata(views: list[AssessmentView]) -> dict[str, Any]:
    if len(views) == 1:
        v = views[0]
        title = v.title()
        subject = (
            f"{v.template.title}（{v.template.id} 版本 {v.template.version}），{v.period} 年度"
        )
    else:
        title = _collection_context(views).title
        subject = "；".join(f"{v.template.title}（{v.period} 年度）" for v in views)
    keywords = [v.signoff.fingerprint for v in views if v.finalized and v.signoff]
    return {
        "title": printable(title),
        "author": printable("、".join(dict.fromkeys(v.school.name for v in views))),
        "subject": printable(clip(subject, 1000)),
        "creator": f"wjself {__version__}",
        "keywords": keywords,
    }


class ReportDoc(BaseDocTemplate):  # type: ignore[misc]
    """A4 document with a cover template (no running header) and a body template."""

    def __init__(self, out: BinaryIO, first: PageContext, metadata: dict[str, Any]) -> None:
        super().__init__(
            out,
            pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
            leftMargin=MARGIN_LEFT,
            rightMargin=PAGE_WIDTH - MARGIN_LEFT - FRAME_WIDTH,
            topMargin=PAGE_HEIGHT - MARGIN_BOTTOM - FRAME_HEIGHT,
            bottomMargin=MARGIN_BOTTOM,
            initialFontName=fonts.SANS,
            lang="zh-CN",
            displayDocTitle=1,
            **metadata,
        )
        self.wj_context = first
        frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, FRAME_WIDTH, FRAME_HEIGHT, 0, 0, 0, 0, id="main")
        self.addPageTemplates(
            [
                PageTemplate("cover", [frame], onPage=self._cover_page),
                PageTemplate("body", [frame], onPage=self._body_page),
            ]
        )

    def handle_wjContext(self, ctx: PageContext) -> None:  # noqa: N802 - reportlab dispatches on the name
        self.wj_context = ctx

    def _cover_page(self, canv: ReportCanvas, _doc: Any) -> None:
        on_page(canv, self.wj_context, header=False)

    def _body_page(self, canv: ReportCanvas, _doc: Any) -> None:
        on_page(canv, self.wj_context, header=True)
