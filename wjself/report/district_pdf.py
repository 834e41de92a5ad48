"""The district summary PDF (公文 form): ``write_district_pdf(figures, target, generated_at=…)``.

A 版头 (武进区教育局 in red over a red rule), the title 武进区学校自查情况汇总（<period>）, then
一、总体情况 (schools expected, reported and missing, the mean score, the ratings, a table per
checklist and a chart of the mean score by township), 二、各校得分 (a table per township),
三、问题较多的项目 (items most often 不符合 across schools), 四、整改情况 (open and overdue
整改), 五、未报送学校, and the issuer and date at the end.  Every page but the first has a
running header; every page 第 X 页 共 Y 页 (``pdf_canvas.ReportCanvas``).

It works on the district service's plain figures (``wjself.district.DistrictFigures``) and
never imports the district package or the store.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from typing import Any, BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Spacer,
)

from wjself import __version__
from wjself.atomic import write_output
from wjself.core.text import clip, percent_text
from wjself.report import fonts
from wjself.report.cell_text import cell
from wjself.report.district_charts import township_chart
from wjself.report.district_rows import (
    DistrictSummary,
    by_township,
    change_text,
    days_text,
    summarize,
    township,
)
from wjself.report.pdf_canvas import PageContext, canvas_maker, on_page
from wjself.report.pdf_toc import Heading
from wjself.report.styles import (
    BAD,
    FRAME_HEIGHT,
    FRAME_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RowTable,
    grid_table_style,
    para,
    styles,
    table_style,
)
from wjself.report.text import markup, printable

ISSUER = "武进区教育局"
PARTS = ("一、总体情况", "二、各校得分", "三、问题较多的项目", "四、整改情况", "五、未报送学校")
TOP_ITEMS = 30  # 三、问题较多的项目 lists the items failed by the most schools
SCHOOLS_LISTED = 6  # names of failing schools per item before "等 N 所"


def title_of(period: str) -> str:
    return f"武进区学校自查情况汇总（{period}）"


def write_district_pdf(
    figures: Any, target: str | os.PathLike[str], *, generated_at: dt.datetime
) -> DistrictSummary:
    """Write the district PDF of ``figures`` to ``target`` atomically; returns its counts."""
    totals = summarize(figures)
    write_output(
        target,
        lambda handle: _build(figures, totals, handle, generated_at),
        "区级汇总 PDF",
    )
    return totals


def _build(figures: Any, totals: DistrictSummary, out: BinaryIO, when: dt.datetime) -> None:
    fonts.register()
    title = title_of(totals.period)
    ctx = PageContext(school=ISSUER, title=title, note=f"{ISSUER} · 学校自查情况汇总")
    frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, FRAME_WIDTH, FRAME_HEIGHT, id="body")
    doc = BaseDocTemplate(
        out,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        title=title,
        author=ISSUER,
        subject=f"{totals.period} 学校自查情况汇总",
        creator=f"wjself {__version__}",
        pageTemplates=[
            PageTemplate("first", [frame], onPage=lambda c, d: on_page(c, ctx, False)),
            PageTemplate("body", [frame], onPage=lambda c, d: on_page(c, ctx, True)),
        ],
    )
    story = _masthead(title, when)
    story += _overall(figures, totals)
    story += _schools(figures)
    story += _failures(figures)
    story += _rectifications(figures, totals)
    story += _missing(figures)
    story += _closing(when)
    generated = when.strftime("%Y-%m-%d %H:%M")

    doc.build(story, canvasmaker=canvas_maker(generated))


def _masthead(title: str, when: dt.datetime) -> list[Flowable]:
    from reportlab.platypus import HRFlowable, NextPageTemplate

    s = styles()
    head = _derived("masthead", s.cover_title, fontSize=26, leading=36, textColor=BAD)
    return [
        NextPageTemplate("body"),
        Spacer(1, 6 * mm),
        para(ISSUER, head),
        HRFlowable(width="100%", thickness=1.6, color=BAD, spaceBefore=2, spaceAfter=10),
        Heading(markup(title), s.cover_title, key="title", outline=title, level=0),
        para(f"（统计截至 {when:%Y年%m月%d日}）", s.cover_sub),
        Spacer(1, 6 * mm),
    ]


def _derived(name: str, base: Any, **changes: Any) -> Any:
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(name, parent=base, **changes)


def _heading(index: int) -> Flowable:
    s = styles()
    return Heading(markup(PARTS[index]), s.h1, key=f"p{index}", outline=PARTS[index], level=1)


def _overall(figures: Any, totals: DistrictSummary) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [_heading(0), para(totals.sentence(), s.body), Spacer(1, 3 * mm)]
    head = ["检查表", "学校数", "平均得分率", "最低", "最高", "评定等级"]
    data: list[list[Any]] = [[cell([(h, s.head)]) for h in head]]
    for t in figures.templates:
        ratings = "、".join(f"{k} {v}" for k, v in sorted(t.ratings.items(), key=lambda kv: -kv[1]))
        data.append(
            [
                para(f"{t.template_title}（{t.template_id}）", s.cell),
                para(str(t.schools), s.cell_center),
                para(percent_text(t.mean) if t.mean is not None else "—", s.cell_center),
                para(percent_text(t.lowest) if t.lowest is not None else "—", s.cell_center),
                para(percent_text(t.highest) if t.highest is not None else "—", s.cell_center),
                para(ratings or "—", s.cell),
            ]
        )
    if len(data) > 1:
        out.append(_table(data, (62, 16, 22, 16, 16)))
    lines = [t for t in totals.townships if t.mean is not None]
    if lines:
        out += [Spacer(1, 5 * mm), para("各镇街平均得分率", s.h2), township_chart(lines)]
    return out


def _table(
    data: list[list[Any]], widths_mm: Sequence[float], commands: list[Any] | None = None
) -> RowTable:
    widths = [w * mm for w in widths_mm]
    widths.append(FRAME_WIDTH - sum(widths))
    table = RowTable(data, colWidths=widths)
    table.setStyle(table_style(commands if commands is not None else grid_table_style()))
    return table


def _schools(figures: Any) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [CondPageBreak(60 * mm), _heading(1)]
    if not figures.rows:
        return [*out, para("本期尚未收到任何学校的自查表。", s.body)]
    head = ["学校", "检查表", "得分率", "等级", "较上期", "状态"]
    for name, rows in by_township(figures.rows):
        out.append(para(f"{name}（{len({r.school_code for r in rows})} 所学校）", s.h2))
        data: list[list[Any]] = [[cell([(h, s.head)]) for h in head]]
        commands = [*grid_table_style(), ("ALIGN", (2, 1), (-1, -1), "CENTER")]
        for i, r in enumerate(rows, start=1):
            # Short cells of our own words are plain strings: 3,300 rows lay out in seconds.
            data.append(
                [
                    para(f"{r.school_name}（{r.school_code}）", s.cell),
                    para(clip(r.template_title, 40), s.cell),
                    percent_text(r.score) if r.score is not None else "—",
                    clip(printable(r.rating), 6) or "—",
                    change_text(r),
                    _status(r),
                ]
            )
            if r.signature != "valid":
                commands.append(("TEXTCOLOR", (5, i), (5, i), BAD))
        out.append(_table(data, (52, 56, 18, 16, 16), commands))
    return out


def _status(row: Any) -> str:
    parts = ["已定稿" if row.status == "finalized" else "草稿"]
    if row.signature != "valid":
        parts.append("未签名" if row.signature == "absent" else "签名无效")
    return "，".join(parts)


def _failures(figures: Any) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [CondPageBreak(60 * mm), _heading(2)]
    failing = [f for f in figures.failures if f.failed]
    if not failing:
        return [*out, para("已报送的自查表中没有“不符合”的项目。", s.body)]
    top = sorted(failing, key=lambda f: (-f.failed, -f.rate, f.template_id, f.code))[:TOP_ITEMS]
    out.append(
        para(
            f"共有 {len(failing)} 个检查项被至少一所学校自评为“不符合”；"
            f"下表列出不符合学校最多的 {len(top)} 项。",
            s.body,
        )
    )
    head = ["编号", "检查内容", "不符合/作答", "不符合率", "不符合的学校"]
    data: list[list[Any]] = [[cell([(h, s.head)]) for h in head]]
    for f in top:
        names = "、".join(f.schools[:SCHOOLS_LISTED])
        if len(f.schools) > SCHOOLS_LISTED:
            names += f" 等 {len(f.schools)} 所"
        data.append(
            [
                para(f.code, s.cell),
                para(f.text, s.cell),
                para(f"{f.failed}/{f.answered}", s.cell_center),
                para(percent_text(f.rate * 100), s.cell_center),
                para(names, s.cell_muted),
            ]
        )
    out.append(_table(data, (18, 66, 20, 18)))
    return out


def _rectifications(figures: Any, totals: DistrictSummary) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [CondPageBreak(60 * mm), _heading(3)]
    out.append(
        para(
            f"各校整改项目未完成 {totals.open_rects} 项，其中已逾期 {totals.overdue_rects} 项。"
            + ("逾期项目如下，请督促相关学校限期完成。" if totals.overdue_rects else ""),
            s.body,
        )
    )
    overdue = sorted(
        (r for r in figures.open_rects if r.overdue),
        key=lambda r: (township(r.township), r.school_name, r.code),
    )
    if not overdue:
        return out
    head = ["学校", "编号", "存在问题", "责任人", "完成时限", "逾期"]
    data: list[list[Any]] = [[cell([(h, s.head)]) for h in head]]
    for r in overdue:
        data.append(
            [
                para(r.school_name, s.cell),
                para(r.code, s.cell),
                para(r.problem or r.item_text, s.cell),
                para(r.owner, s.cell),
                para(r.due.isoformat() if r.due else "", s.cell_center),
                para(days_text(figures.today, r.due), s.cell_bad),
            ]
        )
    out.append(_table(data, (36, 16, 66, 22, 20)))
    return out


def _missing(figures: Any) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [CondPageBreak(60 * mm), _heading(4)]
    if not figures.missing:
        return [*out, para("应报送的学校均已报送。", s.body)]
    lacking: dict[tuple[str, str, str], list[str]] = {}
    for m in figures.missing:
        key = (township(m.township), m.school_name, m.school_code)
        lacking.setdefault(key, []).append(m.template_title or m.template_id)
    out.append(
        para(f"以下 {len(lacking)} 所学校尚未报送（共缺 {len(figures.missing)} 份）：", s.body)
    )
    head = ["镇街", "学校", "学校标识码", "未报送的检查表"]
    data: list[list[Any]] = [[cell([(h, s.head)]) for h in head]]
    for (town, name, code), titles in sorted(lacking.items()):
        data.append(
            [
                para(town, s.cell),
                para(name, s.cell),
                para(code, s.cell),
                para("；".join(titles), s.cell_muted),
            ]
        )
    out.append(_table(data, (26, 46, 26)))
    return out


def _closing(when: dt.datetime) -> list[Flowable]:
    s = styles()
    right = _derived("closing", s.body, alignment=2)
    return [
        Spacer(1, 12 * mm),
        para(ISSUER, right),
        para(f"{when.year}年{when.month}月{when.day}日", right),
    ]
