"""一、总体情况: a sentence of totals, a table and a bar chart by section, and the rating bands."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from wjself.core.assessment import AssessmentView
from wjself.core.counts import COLUMNS, Counts
from wjself.core.previous import comparison
from wjself.core.scoring import Score, SectionScore, Tally
from wjself.core.text import clip, percent_text
from wjself.report import fonts
from wjself.report.cell_text import cell
from wjself.report.numbering import numbered
from wjself.report.pdf_toc import Heading
from wjself.report.styles import (
    ACCENT,
    BAD,
    FRAME_WIDTH,
    MUTED,
    NOTE_SIZE,
    SUBTLE_FILL,
    RowTable,
    grid_table_style,
    para,
    percent_bars,
    styles,
    table_style,
)
from wjself.report.styles import drawing as new_drawing
from wjself.report.text import fit_width, markup, printable
from wjself.report.wrap import break_text

CHART_ROWS = 30  # sections per chart; more make a second chart
CHART_ROWS_TWO_LINES = 20  # when labels take two lines
ROW_HEIGHT = 15.0
ROW_HEIGHT_TWO_LINES = 24.0  # when a label takes two lines
LABEL_SIZE = NOTE_SIZE
LABEL_WIDTH = 42 * mm


def summary(view: AssessmentView, score: Score, key: str, level: int) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [
        Heading(markup("一、总体情况"), s.h1, key=key, outline="一、总体情况", level=level)
    ]
    out.append(para(_sentence(score), s.body))
    if view.previous is not None:
        out.append(para(markup(comparison(view.previous, score) + "。"), s.body))
    out.append(Spacer(1, 4 * mm))
    out.append(_table(score))
    scored = [(i, sec) for i, sec in enumerate(score.sections, 1) if sec.tally.items]
    sub = 1 if scored else 0  # （一）各部分得分率 when there is a chart, then the rules
    all_labels, _ = chart_labels([numbered(2, i, sec.title) for i, sec in scored])
    rows = CHART_ROWS if all("\n" not in label for label in all_labels) else CHART_ROWS_TWO_LINES
    for start in range(0, len(scored), rows):
        chunk = scored[start : start + rows]
        title = numbered(2, 1, "各部分得分率") + ("（续）" if start else "")
        labels, legend = chart_labels([numbered(2, i, sec.title) for i, sec in chunk])
        block: list[Flowable] = [para(title, s.h2), _chart(view, chunk, labels)]
        if legend:
            block.append(para("注：" + "；".join(legend) + "。", s.cell_muted))
        out.append(Spacer(1, 5 * mm))
        out.append(KeepTogether(block))
    out.append(Spacer(1, 4 * mm))
    rules = [para(numbered(3, n, text), s.muted) for n, text in enumerate(_rules(view), 1)]
    out.append(KeepTogether([para(numbered(2, sub + 1, "评定等级与计分规则"), s.h2), *rules]))
    return out


def _sentence(score: Score) -> str:
    counts = Counts.of(score.overall)
    text = "本次自评" + counts.sentence()
    if score.percent is None:
        return text + "尚无计分项目的答案，暂无得分率。"
    missing = counts.unanswered
    tail = f"（尚有 {missing} 项未作答，按未得分计）" if missing > 0 else ""
    return text + f"总得分率 {percent_text(score.percent)}{tail}，评定等级为“{score.band}”。"


# Columns that add up: 题数 = 不适用于本校 + 适用; 适用 = 学校填报不适用 + 已作答 + 未作答.
HEAD = ("部分", *COLUMNS, "得分率")


def _row(title: str, t: Tally) -> list[str]:
    return [title, *map(str, Counts.of(t).values()), percent_text(t.percent)]


def _table(score: Score) -> Table:
    s = styles()
    head = list(HEAD)
    data: list[list[object]] = [
        [cell([(h, s.head_center if i else s.head)]) for i, h in enumerate(head)]
    ]
    for i, sec in enumerate(score.sections, 1):
        data.append(_cells(_row(numbered(2, i, sec.title), sec.tally)))
    data.append(_cells(_row("合计", score.overall)))
    widths = [38 * mm] + [12.5 * mm] * 9
    widths.append(FRAME_WIDTH - sum(widths))
    table = RowTable(data, colWidths=widths, continued="一、总体情况")
    commands = grid_table_style()
    commands += [
        ("BACKGROUND", (0, -1), (-1, -1), SUBTLE_FILL),
        ("LINEABOVE", (0, -1), (-1, -1), 0.7, ACCENT),
    ]
    for row, sec in enumerate(score.sections, start=1):
        if sec.tally.not_met:
            commands.append(("TEXTCOLOR", (9, row), (9, row), BAD))
    table.setStyle(table_style(commands))
    return table


def _cells(values: list[str]) -> list[object]:
    s = styles()
    out: list[object] = [cell([(values[0], s.cell)])]
    out += [cell([(v, s.cell_center)]) for v in values[1:]]
    return out


def chart_labels(titles: list[str]) -> tuple[list[str], list[str]]:
    """The chart's label for each section title, and the legend that names the shortened ones.

    A title that fits in two lines of the label column is printed whole on two lines; a
    longer one is shortened to "〔注1〕first words…" and given in full in the legend."""
    labels: list[str] = []
    legend: list[str] = []
    width = LABEL_WIDTH - 8
    for title in titles:
        text = " ".join(printable(title).split())
        lines = break_text(text, fonts.SANS, LABEL_SIZE, [width])
        if len(lines) <= 2:
            labels.append("\n".join(text[a:b] for a, b, *_ in lines))
            continue
        mark = f"〔注{len(legend) + 1}〕"
        legend.append(f"{mark}{text}")
        text = mark + text
        a, b, c, *_ = break_text(text, fonts.SANS, LABEL_SIZE, [width])[0]
        rest = fit_width(text[c:], fonts.SANS, LABEL_SIZE, width)
        labels.append(text[a:b] + "\n" + rest)
    return labels, legend


def _chart(
    view: AssessmentView, numbered_sections: list[tuple[int, SectionScore]], labels: list[str]
) -> Drawing:
    """A bar per section; ``numbered_sections`` pairs each with its number under 二、."""
    n = len(numbered_sections)
    sections = [sec for _, sec in numbered_sections]
    row_height = ROW_HEIGHT_TWO_LINES if any("\n" in label for label in labels) else ROW_HEIGHT
    height = n * row_height + 34
    drawing = new_drawing(FRAME_WIDTH, height)
    chart = percent_bars(
        LABEL_WIDTH,
        20,
        FRAME_WIDTH - LABEL_WIDTH - 34,
        n * row_height,
        label_size=LABEL_SIZE,
        value_size=NOTE_SIZE,
    )
    # The chart draws its first category at the bottom; reverse so the list reads top-down.
    ordered = list(reversed(sections))
    chart.data = [[sec.tally.percent if sec.tally.percent is not None else 0 for sec in ordered]]
    chart.categoryAxis.categoryNames = list(reversed(labels))
    chart.categoryAxis.labels.leading = LABEL_SIZE * 1.15
    chart.barWidth = row_height * 0.6 if row_height == ROW_HEIGHT else ROW_HEIGHT * 0.6
    chart.groupSpacing = row_height - chart.barWidth
    lowest = min((b.minimum for b in view.template.bands if b.minimum > 0), default=60.0)
    for i, sec in enumerate(ordered):
        pct = sec.tally.percent
        if pct is not None and pct < lowest:
            chart.bars[(0, i)].fillColor = BAD
    drawing.add(chart)
    step = chart.height / n
    for i, sec in enumerate(ordered):
        pct = sec.tally.percent
        x = chart.x + chart.width * (pct or 0) / 100 + 3
        label = String(
            x, chart.y + (i + 0.5) * step - 2.5, "无计分项" if pct is None else percent_text(pct)
        )
        label.fontName = fonts.SANS
        label.fontSize = NOTE_SIZE
        label.fillColor = MUTED
        drawing.add(label)
    for band in view.template.bands:
        if 0 < band.minimum < 100:
            x = chart.x + chart.width * band.minimum / 100
            line = Line(x, chart.y, x, chart.y + chart.height + 4)
            line.strokeColor = ACCENT
            line.strokeWidth = 0.6
            line.strokeDashArray = [2, 2]
            drawing.add(line)
            label = String(x, chart.y + chart.height + 7, clip(printable(band.label), 6))
            label.fontName = fonts.SANS
            label.fontSize = NOTE_SIZE
            label.fillColor = ACCENT
            label.textAnchor = "middle"
            drawing.add(label)
    return drawing


def _rules(view: AssessmentView) -> list[str]:
    t = view.template
    bands = sorted(t.bands, key=lambda b: b.minimum, reverse=True)
    parts = []
    for i, band in enumerate(bands):
        if i == len(bands) - 1 and band.minimum <= 0:
            parts.append(f"{band.label} 低于 {percent_text(bands[i - 1].minimum) if i else '—'}")
        else:
            parts.append(f"{band.label} ≥ {percent_text(band.minimum)}")
    credit = percent_text(t.partial_credit * 100)
    return [
        "评定等级：" + "；".join(parts) + "。",
        f"计分规则：每项按权重计分，符合得满分，基本符合得 {credit}，不符合不得分；"
        "不适用的项目不计入总分；未填写的计分项目计入总分但不得分；因前置条件未触发而无需填写的项目不计入。",
    ]
