"""Page layout of the PDF, read back: what may end or start a page, and how long text breaks."""

from __future__ import annotations

import random
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.pdfcheck import Pdf
from tests.helpers.views import (
    GENERATED,
    TEXTS,
    TODAY,
    EvidenceMaker,
    answer,
    generated_view,
    sample_view,
    view,
)
from wjself.core.assessment import AssessmentView, Status
from wjself.core.template import Item, Kind, Section, Template
from wjself.report.numbering import bare
from wjself.report.pdf import PARTS, write_pdf
from wjself.report.styles import (
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    styles,
)

MM = 72 / 25.4


def make(tmp_path: Path, *views: AssessmentView, name: str = "r.pdf") -> Pdf:
    target = tmp_path / name
    write_pdf(list(views), target, generated_at=GENERATED, today=TODAY)
    return Pdf(target)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def body_lines(pdf: Pdf, index: int) -> list[list[dict[str, Any]]]:
    """Lines of a page between the running header and the footer."""
    return pdf.lines(index, top=MARGIN_TOP - 4, bottom=PAGE_HEIGHT - MARGIN_BOTTOM + 4)


def text_of(line: list[dict[str, Any]]) -> str:
    return "".join(c["text"] for c in line)


def worst_case_view() -> AssessmentView:
    """Many short sections of varied length, each with a follow-up that stays hidden: some
    heading and some 另有 line are bound to fall at the foot of a page."""
    rng = random.Random(15)
    sections = []
    answers = {}
    for s in range(60):
        items = []
        for i in range(rng.randint(1, 4)):
            code = f"S{s:02d}.{i}"
            text = "".join(rng.choice(TEXTS) for _ in range(rng.randint(1, 3)))
            items.append(Item(code, text, Kind.COMPLIANCE))
            answers[code] = answer(code, "met", "已落实。" * rng.randint(0, 12))
        first = items[0].code
        items.append(
            Item(
                f"S{s:02d}.x",
                "若不符合，说明原因。",
                Kind.TEXT,
                show_if=f"${{{first}}} = 'not_met'",
            )
        )
        title = f"第{s + 1}部分　" + "专项督导检查" * rng.randint(1, 3)
        sections.append(Section(f"S{s:02d}", title, tuple(items)))
    template = Template(id="worst", version="2024.1", title="版面检查表", sections=tuple(sections))
    return view(template, answers)


@pytest.fixture(scope="module")
def worst_pdf(tmp_path_factory: pytest.TempPathFactory) -> Pdf:
    return make(tmp_path_factory.mktemp("worst"), worst_case_view())


@pytest.fixture(scope="module")
def demo_pdf(tmp_path_factory: pytest.TempPathFactory) -> Pdf:
    return make(tmp_path_factory.mktemp("demo"), generated_view(300))


def _heading_size() -> float:
    return float(styles().h2.fontSize)


@pytest.mark.parametrize("which", ["demo_pdf", "worst_pdf"])
def test_no_page_ends_with_a_heading(which: str, request: pytest.FixtureRequest) -> None:
    pdf: Pdf = request.getfixturevalue(which)
    top, bottom = MARGIN_TOP - 4, PAGE_HEIGHT - MARGIN_BOTTOM + 4
    assert not pdf.stranded_headings(_heading_size(), top, bottom)


def test_the_hidden_items_line_never_starts_a_page(worst_pdf: Pdf) -> None:
    count = 0
    for index in range(1, len(worst_pdf.pages)):
        lines = body_lines(worst_pdf, index)
        texts = [squash(text_of(line)) for line in lines]
        count += sum("本部分另有" in t for t in texts)
        assert not texts or "本部分另有" not in texts[0], index + 1
    assert count == 60


def test_a_long_note_gets_full_width_rows_and_continued_tables_are_marked(tmp_path: Path) -> None:
    base = sample_view(tmp_path / "ev", status=Status.DRAFT)
    note = "".join(f"第{i}条：检查发现记录不完整，已要求补齐。" for i in range(150))
    answers = dict(base.answers)
    answers["A04"] = replace(answers["A04"], note=note)
    pdf = make(tmp_path, replace(base, answers=answers))
    assert pdf.squashed.count("条：检查发现") >= 145  # a few are cut between two rows
    assert "第0条：" in pdf.squashed and "第149条：" in pdf.squashed
    on = [i for i, page in enumerate(pdf.pages) if re.search(r"第\d+条：", page)]
    assert len(on) <= 3, on  # in the 40 mm column it ran over six pages
    widest = max(
        line[-1]["x1"] - line[0]["x0"]
        for i in on
        for line in body_lines(pdf, i)
        if "条：" in text_of(line)
    )
    assert widest > 120 * MM
    continued = 0
    for index in range(1, len(pdf.pages)):
        texts = [squash(text_of(line)) for line in body_lines(pdf, index)]
        if texts and texts[0].endswith("（续）"):
            continued += 1
            assert texts[1].startswith("编号"), texts[:2]
        # A repeated header row never opens a page without the 续 line above it.
        assert not texts or not texts[0].startswith("编号检查内容"), index + 1
    assert continued >= 1


NAMES = (
    "classroom-inspection_record.final.version2024.pdf",
    "report/2024/summary-of-all-inspections.docx",
    "安全检查记录_final-version-2024-06-signed.pdf",
)


def test_titles_keep_three_characters_on_their_last_line_and_file_names_break_sensibly(
    tmp_path: Path,
) -> None:
    base = sample_view(tmp_path / "ev")
    size = styles().h2.fontSize
    per_line = int((PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT) / size)
    first, second = base.template.sections
    titles = [f"《武进区{'安全' * ((per_line + k) // 2)}汇编》" for k in range(-3, 2)]
    sections = [replace(first, title=titles[0]), replace(second, title=titles[1])]
    sections += [
        Section(f"X{k}", t, (Item(f"X{k}.1", "检查内容。", Kind.COMPLIANCE),))
        for k, t in enumerate(titles[2:])
    ]
    ev = EvidenceMaker(tmp_path / "ev2")
    answers = dict(base.answers)
    answers["A02"] = replace(
        answers["A02"], evidence=tuple(ev.document("A02", name) for name in NAMES)
    )
    v = replace(base, template=replace(base.template, sections=tuple(sections)), answers=answers)
    pdf = make(tmp_path, replace(v, signoff=None, status=Status.DRAFT))
    heading_lines = [
        text_of(line)
        for index in range(len(pdf.pages))
        for line in body_lines(pdf, index)
        if any(abs(c["size"] - size) < 0.01 for c in line)
    ]
    assert len(heading_lines) > len(titles)  # some titles take two lines
    assert all(len(squash(line)) >= 3 for line in heading_lines), heading_lines
    for name in NAMES:
        pattern = r"\s*".join(re.escape(ch) for ch in name)
        found = [m.group(0) for page in pdf.pages for m in re.finditer(pattern, page)]
        assert found, name
        for text in found:
            for m in re.finditer(r"\s+", text):
                before, after = text[m.start() - 1], text[m.end()]
                cjk = ord(before) > 0x2E80 and ord(after) > 0x2E80
                assert before in "._-/" or cjk, (name, text)


def test_contents_leaders_stay_clear_of_the_text_and_an_overview_heads_the_page(
    tmp_path: Path,
) -> None:
    first = sample_view(tmp_path / "ev")
    long_title = replace(first.template, title="关于全面落实学校安全与心理健康工作" * 3 + "自查表")
    first = replace(first, template=long_title)
    second = replace(sample_view(tmp_path / "ev", status=Status.DRAFT), id=8)
    pdf = make(tmp_path, first, second)
    page = squash(pdf.pages[0])
    for head in ("自查表", "时段", "状态", "得分", "等级", "不符合项数"):
        assert head in page
    # Only the draft part says 草稿, in its overview row and its contents line.
    assert page.count("草稿") == 2
    assert not pdf.images_per_page()[0]
    chars = pdf.chars[0]
    leaders = [
        r
        for r in pdf.rules(0)
        if MARGIN_TOP < r["top"] < PAGE_HEIGHT - MARGIN_BOTTOM
        and r["x1"] - r["x0"] < PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT - 1
        and abs(r["top"] - r["bottom"]) < 0.1
    ]
    assert len(leaders) == 2 * (len(PARTS) + 1)  # per assessment: its title and each part
    for r in leaders:
        hit = [
            c["text"]
            for c in chars
            if c["top"] < r["top"] < c["bottom"] and c["x0"] < r["x1"] and c["x1"] > r["x0"]
        ]
        assert not hit, (r, hit)


def test_chart_labels_are_never_cut(tmp_path: Path) -> None:
    base = sample_view(tmp_path / "ev")
    first, second = base.template.sections
    titles = ["一、心理健康教育与家庭教育指导", "二、" + "校园安全与综合治理及周边环境整治" * 3]
    sections = (replace(first, title=titles[0]), replace(second, title=titles[1]))
    v = replace(base, template=replace(base.template, sections=sections), signoff=None)
    pdf = make(tmp_path, replace(v, status=Status.DRAFT))
    summary = next(i for i, page in enumerate(pdf.pages) if "各部分得分率" in page)
    page = squash(pdf.pages[summary])
    chart = page[page.index("各部分得分率") :]
    for title in titles:
        assert squash(bare(title)) in chart  # on the chart's two-line label or in its legend
    assert f"〔注1〕（二）{squash(bare(titles[1]))}" in chart
    left = min(c["x0"] for c in pdf.chars[summary])
    assert left >= MARGIN_LEFT - 0.5


def test_every_table_continued_on_a_new_page_says_so(worst_pdf: Pdf) -> None:
    continued = 0
    for index in range(1, len(worst_pdf.pages)):
        lines = body_lines(worst_pdf, index)
        texts = [squash(text_of(line)) for line in lines]
        if not texts or texts[0].endswith("（续）"):
            continued += bool(texts)
            continue
        if max(c["size"] for c in lines[0]) >= _heading_size() - 0.01:
            continue  # a new section: its heading, then its table
        # A header row (whose cells may wrap) never opens a page without the 续 line above.
        headers = ("编号检查内容", "部分题数")
        assert not any(t.startswith(headers) for t in texts[:2]), (index + 1, texts[:2])
    assert continued >= 2  # the 60-section summary table and a section's table


def test_a_long_rectification_measure_gets_full_width_rows(tmp_path: Path) -> None:
    base = sample_view(tmp_path / "ev", status=Status.DRAFT)
    measure = "".join(f"第{i}步：明确责任人并按期完成整改。" for i in range(120))
    rects = (replace(base.rectifications[0], measure=measure), *base.rectifications[1:])
    pdf = make(tmp_path, replace(base, rectifications=rects))
    text = pdf.squashed
    assert "见下方整改措施" in text and "措施（续）" in text
    assert "第0步：" in text and "第119步：" in text
    on = [i for i, page in enumerate(pdf.pages) if re.search(r"第\d+步：", page)]
    assert len(on) <= 2, on
    widest = max(
        line[-1]["x1"] - line[0]["x0"]
        for i in on
        for line in body_lines(pdf, i)
        if "步：" in text_of(line)
    )
    assert widest > 120 * MM
