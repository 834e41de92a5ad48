"""A blank checklist to print for a walk-round on paper: ``write_blank(template, target, …)``.

Items (those that apply to the school, if one is given, else all) grouped by section; for
each: code, requirement, method, evidence wanted and guidance, the target, answer boxes
(□符合 □基本符合 □不符合 □不适用, the options, or a line for a number or a date) and ruled
lines for notes.  The first page has blanks for 学校, 检查人 and 日期.  Nothing is read from
the database: the caller passes the template and the school.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any, BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from wjself import __version__
from wjself.atomic import write_output
from wjself.core.errors import InputError
from wjself.core.expressions import parse, references
from wjself.core.school import School
from wjself.core.stages import stages_overlap
from wjself.core.target_words import all_target_words, school_target_words
from wjself.core.template import Item, Kind, Template
from wjself.report import fonts
from wjself.report.cell_text import cell
from wjself.report.keep import lead
from wjself.report.pdf import ReportDoc
from wjself.report.pdf_canvas import PageContext, canvas_maker
from wjself.report.styles import (
    ACCENT,
    FRAME_WIDTH,
    GRID,
    RowTable,
    grid_table_style,
    para,
    rich,
    span,
    styles,
    table_style,
)
from wjself.report.text import MISSING, counting, markup, printable

BOX = "□"
DATE_BLANK = "＿＿＿＿年＿＿月＿＿日"
NUMBER_BLANK = "＿" * 9
WIDTHS = (18 * mm, FRAME_WIDTH - 66 * mm, 48 * mm)
NOTE_LINES = 2
LINE_GAP = 7 * mm


class Ruled(Flowable):  # type: ignore[misc]
    """``count`` ruled lines to write on, the full width of the cell."""

    def __init__(self, count: int, gap: float = LINE_GAP) -> None:
        super().__init__()
        self.count = count
        self.gap = gap

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        return availWidth, self.count * self.gap

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.setStrokeColor(GRID)
        self.canv.setLineWidth(0.5)
        for n in range(self.count):
            self.canv.line(0, n * self.gap + 1, self.width, n * self.gap + 1)
        self.canv.restoreState()


def applicable_items(template: Template, school: School | None) -> list[tuple[str, list[Item]]]:
    """(section title, items) of the sections with items that apply to ``school`` (all if None;
    none when the whole checklist is for other stages)."""
    if school is not None and not stages_overlap(template.stages, school.stages):
        return []
    out = []
    for section in template.sections:
        items = [
            item
            for item in section.items
            if school is None
            or item.applies.reason_not_applicable(school.stages, dict(school.facts)) is None
        ]
        if items:
            out.append((section.title, items))
    return out


def write_blank(
    template: Template,
    target: str | os.PathLike[str],
    *,
    school: School | None,
    generated_at: dt.datetime,
) -> int:
    """Write the blank checklist atomically; returns how many items it lists (InputError if
    none of the template's items applies to ``school``)."""
    groups = applicable_items(template, school)
    if school is not None and not groups:
        raise InputError(
            f"《{template.title}》{template.version} 没有适用于{school.name}的检查项"
            "（学段或办学情况不符）；不指定学校即可打印全部检查项"
        )
    write_output(
        target,
        lambda handle: build_blank(template, school, groups, handle, generated_at),
        "空白自查表",
    )
    return sum(len(items) for _, items in groups)


def build_blank(
    template: Template,
    school: School | None,
    groups: list[tuple[str, list[Item]]],
    out: BinaryIO,
    generated_at: dt.datetime,
) -> None:
    fonts.register()
    s = styles()
    title = f"{template.title}（空白自查表）"
    ctx = PageContext(
        school=school.name if school else "",
        title=title,
        note=f"{template.id} 版本 {template.version} · 现场检查用",
    )
    metadata = {
        "title": printable(title),
        "author": printable(school.name if school else template.issuer),
        "subject": printable(f"{template.title}（{template.id} 版本 {template.version}）"),
        "creator": f"wjself {__version__}",
    }
    doc = ReportDoc(out, ctx, metadata)
    with counting() as boxes:
        story: list[Flowable] = [Spacer(1, 4 * mm), para(title, s.cover_title)]
        facts = [template.id + " 版本 " + template.version, template.issuer, template.plan_ref]
        story.append(para("　".join(f for f in facts if f), s.cover_sub))
        story += [Spacer(1, 6 * mm), _blanks(school), Spacer(1, 4 * mm)]
        story.append(para(_scope(template, school, groups), s.muted))
        for section_title, items in groups:
            story.append(Spacer(1, 2 * mm))
            story += lead([para(section_title, s.h2)], [_table(items, section_title, school)])
    if boxes[0]:
        story += [Spacer(1, 6 * mm)]
        story.append(para(f"本表中有 {boxes[0]} 个字符无法显示，已替换为 {MISSING}。", s.muted))
    generated = generated_at.strftime("%Y-%m-%d %H:%M")

    doc.build(story, canvasmaker=canvas_maker(generated))


def _scope(template: Template, school: School | None, groups: list[tuple[str, list[Item]]]) -> str:
    listed = sum(len(items) for _, items in groups)
    total = template.item_count()
    if school is None:
        return (
            f"本表列出全部 {total} 个检查项。逐项勾选结论，数值和日期填在横线上，"
            "情况记录写在各项下方。"
        )
    left_out = total - listed
    text = f"本表按{school.name}的学段和办学情况列出适用的 {listed} 个检查项"
    if left_out:
        text += f"（另有 {left_out} 项不适用于本校，未列出）"
    return text + "。逐项勾选结论，数值和日期填在横线上，情况记录写在各项下方。"


def _blanks(school: School | None) -> Table:
    s = styles()
    line = ""
    data = [
        [para("学校", s.cover_label), para(school.name if school else line, s.cover_value)],
        [para("检查人", s.cover_label), para(line, s.cover_value)],
        [para("检查日期", s.cover_label), para(DATE_BLANK, s.cover_value)],
    ]
    table = Table(data, colWidths=[26 * mm, 90 * mm], hAlign="LEFT")
    table.setStyle(
        table_style(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.SANS),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LINEBELOW", (1, 0), (1, -1), 0.6, ACCENT),
            ]
        )
    )
    return table


def _table(items: list[Item], title: str, school: School | None) -> Table:
    s = styles()
    data: list[list[Any]] = [[cell([(h, s.head)]) for h in ("编号", "检查内容与方法", "检查结论")]]
    for item in items:
        code: list[Flowable] = [para(item.code, s.cell)]
        if item.clause:
            code.append(para(item.clause, s.cell_muted))
        data.append([code, _content(item, school), _answer(item)])
    table = RowTable(data, colWidths=list(WIDTHS), continued=title)
    table.setStyle(table_style(grid_table_style()))
    return table


def _content(item: Item, school: School | None) -> list[Flowable]:
    s = styles()
    cell: list[Flowable] = [para(item.text, s.cell)]
    for label, text in (("检查方法", item.method), ("佐证材料", item.evidence)):
        if text:
            cell.append(para(f"{label}：{text}", s.cell_muted))
    if item.guidance:
        cell.append(para(f"说明：{item.guidance}", s.cell_muted))
    target = school_target_words(item, school.stages) if school else all_target_words(item)
    if target:
        cell.append(para(f"目标：{target}", s.cell_muted))
    if item.show_if:
        codes = "、".join(sorted(references(parse(item.show_if))))
        cell.append(para(f"仅在前置条件满足时填写（见 {codes}）", s.cell_muted))
    cell += [para("情况记录：", s.cell_muted), Ruled(NOTE_LINES)]
    return cell


def _answer(item: Item) -> list[Flowable]:
    s = styles()
    kind = item.kind
    if kind is Kind.COMPLIANCE:
        choices = ["符合", "基本符合", "不符合", "不适用"]
    elif kind is Kind.YES_NO:
        choices = ["是", "否"] + (["不适用"] if item.allow_na else [])
    elif kind in (Kind.SINGLE, Kind.MULTIPLE):
        choices = [o.label for o in item.options]
        if item.allow_na:
            choices.append("不适用")
    else:
        choices = []
    if choices:
        cell: list[Flowable] = [rich(f"{span(BOX, size=12)} {markup(c)}", s.cell) for c in choices]
        if kind is Kind.MULTIPLE:
            cell.insert(0, para("（可多选）", s.cell_muted))
        return cell
    if kind is Kind.DATE:
        return [para(DATE_BLANK, s.cell)]
    if kind in (Kind.NUMBER, Kind.PERCENT):
        unit = "%" if kind is Kind.PERCENT else item.unit
        cell = [para(f"{NUMBER_BLANK} {unit}".rstrip(), s.cell)]
        if item.allow_na:
            cell.append(rich(f"{span(BOX, size=12)} 不适用", s.cell))
        return cell
    return [para("见左侧情况记录", s.cell_muted)]
