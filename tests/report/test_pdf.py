"""The PDF report, read back: text, fonts, pages, positions, watermark, metadata, contents."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from pypdf.generic import DictionaryObject

from tests.helpers.pdfcheck import SUBSET_TAG, Pdf
from tests.helpers.views import (
    GENERATED,
    HOSTILE,
    TODAY,
    answer,
    generated_view,
    hostile_view,
    sample_view,
    view,
)
from wjself import __version__
from wjself.core.assessment import AssessmentView, Status
from wjself.core.errors import EnvironmentFault, InputError
from wjself.core.fingerprint import short
from wjself.report import fonts
from wjself.report.pdf import write_pdf
from wjself.report.pdf_canvas import watermark_image
from wjself.report.styles import MARGIN_LEFT, MARGIN_RIGHT, PAGE_HEIGHT, PAGE_WIDTH
from wjself.report.text import printable
from wjself.report.wrap import CANNOT_START

MM = 72 / 25.4


def make(tmp_path: Path, *views: AssessmentView, name: str = "r.pdf") -> Pdf:
    target = tmp_path / name
    write_pdf(list(views), target, generated_at=GENERATED, today=TODAY)
    return Pdf(target)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def contents_lines(pdf: Pdf, index: int) -> list[str]:
    """The lines of a contents page after its 目录 heading (the overview table is above it)."""
    lines = pdf.layout_text(index).splitlines()
    starts = [i for i, line in enumerate(lines) if squash(line) == "目录"]
    return lines[starts[0] + 1 :] if starts else lines


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[AssessmentView, Pdf]:
    folder = tmp_path_factory.mktemp("sample")
    v = sample_view(folder / "evidence")
    return v, make(folder, v)


@pytest.fixture(scope="module")
def hostile_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[AssessmentView, Pdf]:
    folder = tmp_path_factory.mktemp("hostile")
    v = hostile_view(folder / "evidence", status=Status.DRAFT)
    with fonts.fallbacks(()):  # what every machine prints, fallback font or not
        return v, make(folder, v)


def test_text_matches_the_answers(sample_pdf: tuple[AssessmentView, Pdf]) -> None:
    v, pdf = sample_pdf
    text = pdf.squashed
    assert squash(f"《{v.title()}》") in text
    for code in ("A01", "A02", "A03", "A04", "A05", "B01", "B02", "B03", "B04"):
        item = v.template.item(code)
        assert item is not None
        assert squash(item.text) in text, code
    for a in v.answers.values():
        if a.note:
            assert squash(a.note) in text, a.code
    assert "危化品柜未实行双人双锁，台账记录不全，账物不符2处。" in text  # a text answer
    assert "3次" in text and "目标≥2次" in text and "95%" in text  # number, percent
    assert "线下讲座、“大家访”入户指导" in text  # multiple choice by label
    assert "不适用于本校（按学校情况）：仅适用于运营校车的学校" in text  # excluded, with its rule
    assert "✘不符合" in text and "△基本符合" in text
    for r in v.rectifications:
        assert squash(r.measure) in text and r.owner in text
    assert "▲已逾期" in text  # A04's rectification was due 2024-07-01
    assert "未制定整改计划" not in text  # both not-met items have plans


def test_hidden_items_are_left_out(tmp_path: Path) -> None:
    v = sample_view(tmp_path / "ev")
    answers = dict(v.answers)
    answers["A04"] = dataclasses.replace(answers["A04"], value="met")
    del answers["A05"]
    pdf = make(tmp_path, view(v.template, answers, rectifications=v.rectifications[1:]))
    hidden = v.template.item("A05")
    assert hidden is not None
    assert squash(hidden.text) not in pdf.squashed
    assert "本部分另有1项因前置条件未满足而无需填写，未列出。" in pdf.squashed


def test_every_font_is_embedded_as_a_subset(hostile_pdf: tuple[AssessmentView, Pdf]) -> None:
    for _, pdf in (hostile_pdf,):
        fonts = pdf.fonts()
        assert fonts
        for font in fonts:
            name = str(font["/BaseFont"])
            assert str(font["/Subtype"]) == "/TrueType", name
            assert SUBSET_TAG.match(name.lstrip("/")), name
            descriptor = font["/FontDescriptor"].get_object()
            assert isinstance(descriptor, DictionaryObject), name
            assert "/FontFile2" in descriptor, name


def test_pages_say_x_of_y(sample_pdf: tuple[AssessmentView, Pdf]) -> None:
    v, pdf = sample_pdf
    n = len(pdf.pages)
    assert n == 5  # cover, summary, details, rectification + sign-off, appendix
    fp = v.signoff.fingerprint if v.signoff else ""
    for i, page in enumerate(pdf.pages, start=1):
        assert f"第 {i} 页 共 {n} 页" in page
        assert squash(f"指纹 {short(fp)}") in squash(page)
        assert "生成于 2024-07-10 14:05" in page
    for page in pdf.pages[1:]:
        assert v.school.name in page  # the running header


def _check_inside(pdf: Pdf) -> None:
    top_limit = 8 * MM
    for number, chars in enumerate(pdf.chars, start=1):
        assert chars
        for c in chars:
            if c["size"] >= 100:  # the watermark
                continue
            where = f"page {number}: {c['text']!r}"
            assert c["x0"] >= MARGIN_LEFT - 0.5, where
            assert c["x1"] <= PAGE_WIDTH - MARGIN_RIGHT + 0.5, where
            assert c["top"] >= top_limit and c["bottom"] <= PAGE_HEIGHT - top_limit, where
            assert c["size"] <= 22, where


def test_every_glyph_stays_inside_the_margins(sample_pdf: tuple[AssessmentView, Pdf]) -> None:
    _check_inside(sample_pdf[1])


@pytest.mark.reliability(
    fault="Hostile text in outputs",
    method="reportlab markup, control characters, emoji, rare CJK, long runs into the PDF (report tests)",
)
def test_hostile_text_prints_as_text_inside_the_page(
    hostile_pdf: tuple[AssessmentView, Pdf],
) -> None:
    _, pdf = hostile_pdf
    _check_inside(pdf)
    text = pdf.squashed
    for name, value in HOSTILE.items():
        if name not in ("latin_run", "cjk_run", "punctuation"):  # these run across pages
            assert squash(printable(value)) in text, name
    assert pdf.text.count("」") == 60
    assert pdf.text.count("x") == 5000
    assert pdf.text.count("测") == 5000 + 800  # a note and a rectification measure
    assert "<fontsize=100>大字</font>&<b>粗</b>&amp;&#169;<br/>]]>" in text
    assert "生僻字□龘□结束" in text  # Extension B is not in the font: □
    assert "表扬□□□□□完毕" in text  # five emoji boxed, the joiners between them dropped
    assert "甲乙丙丁反向零宽" in text  # controls and format characters dropped
    assert "\x00" not in pdf.text


def test_no_line_starts_with_closing_punctuation(hostile_pdf: tuple[AssessmentView, Pdf]) -> None:
    _, pdf = hostile_pdf
    lines = [line.strip() for page in pdf.pages for line in page.splitlines()]
    bad = [line for line in lines if line and line[0] in CANNOT_START and line[0] != "·"]
    # A run made only of closing punctuation cannot avoid it; nothing else may.
    assert all(set(line) <= CANNOT_START | {" "} for line in bad), bad[:5]


def test_watermark_only_on_drafts(
    sample_pdf: tuple[AssessmentView, Pdf], hostile_pdf: tuple[AssessmentView, Pdf]
) -> None:
    def marks(pdf: Pdf) -> list[int]:
        mark = watermark_image()[0].getSize()
        return [sizes.count(mark) for sizes in pdf.images_per_page()]

    assert marks(hostile_pdf[1]) == [1] * len(hostile_pdf[1].pages)
    assert marks(sample_pdf[1]) == [0] * len(sample_pdf[1].pages)
    # The mark is a picture: no page's text carries it (the footer still says 草稿).
    assert not any(c["size"] >= 50 for page in hostile_pdf[1].chars for c in page)
    assert all(squash(page).count("草稿") == 1 for page in hostile_pdf[1].pages[1:])
    assert "草稿无指纹" in hostile_pdf[1].pages[0]
    assert "草稿·无指纹" in squash(hostile_pdf[1].pages[-1])


def test_cover_prints_the_fingerprint(sample_pdf: tuple[AssessmentView, Pdf]) -> None:
    v, pdf = sample_pdf
    assert v.signoff is not None
    fp = v.signoff.fingerprint
    assert fp in squash(pdf.pages[0])
    assert "警告" not in pdf.pages[0]
    assert "已定稿" in pdf.pages[0] and "2024-06-28" in pdf.pages[0]
    assert "41.7%" in pdf.pages[0] and "不合格" in pdf.pages[0]


def test_changed_content_is_flagged_on_the_cover(tmp_path: Path) -> None:
    v = sample_view(tmp_path / "ev")
    answers = dict(v.answers)
    answers["A01"] = dataclasses.replace(answers["A01"], note="定稿后改过的说明")
    tampered = dataclasses.replace(v, answers=answers)
    pdf = make(tmp_path, tampered)
    assert "警告：报告内容与定稿指纹不一致" in pdf.pages[0]


def test_metadata(sample_pdf: tuple[AssessmentView, Pdf]) -> None:
    v, pdf = sample_pdf
    meta = pdf.reader.metadata
    assert meta is not None
    assert meta.title == v.title()
    assert meta.author == v.school.name
    assert v.template.title in (meta.subject or "")
    assert meta.creator == f"wjself {__version__}"


def test_signoff_is_prefilled_only_when_finalized(
    sample_pdf: tuple[AssessmentView, Pdf], hostile_pdf: tuple[AssessmentView, Pdf]
) -> None:
    final = squash(sample_pdf[1].text)
    assert "填表人李晓梅（签字）" in final and "审核人王建国（签字）" in final
    assert "2024年6月28日" in final
    draft = squash(hostile_pdf[1].text)
    draft = draft[draft.index("、审核与签章") :]
    assert "填表人（签字）" in draft and "审核人（签字）" in draft  # no names yet
    assert "学校（盖章）" in draft and "____年__月__日" in draft


def test_evidence_images_are_embedded_upright(sample_pdf: tuple[AssessmentView, Pdf]) -> None:
    _, pdf = sample_pdf
    images = [size for page in pdf.images_per_page() for size in page]
    assert len(images) == 3
    assert len([(w, h) for w, h in images if w < h]) == 1  # the EXIF-rotated photo stands up
    appendix = squash(pdf.pages[-1])
    assert "图1A01·1530安全教育记录.jpg" in appendix
    assert "应急疏散演练方案.pdf" in appendix and "23.5KB" in appendix


def test_missing_or_damaged_evidence_is_listed_not_fatal(tmp_path: Path) -> None:
    v = sample_view(tmp_path / "ev")
    photos = [e for a in v.answers.values() for e in a.evidence if e.is_image]
    Path(photos[0].path).unlink()
    Path(photos[1].path).write_bytes(b"not an image any more")
    pdf = make(tmp_path, v)
    text = squash(pdf.text)
    assert "文件缺失或无法读取" in text
    assert "文件内容与记录的SHA-256不符" in text
    assert len([s for page in pdf.images_per_page() for s in page]) == 1


def test_several_assessments_get_contents_with_page_numbers(tmp_path: Path) -> None:
    first = sample_view(tmp_path / "ev")
    second = sample_view(tmp_path / "ev", status=Status.DRAFT)
    pdf = make(tmp_path, first, second)
    assert "目录" in squash(pdf.pages[0])
    toc = [
        (m.group(1), int(m.group(2)))
        for line in contents_lines(pdf, 0)
        if (m := re.match(r"^(.*?)\s*(\d+)$", line.strip()))
        and "页" not in line
        and "生成于" not in line
    ]
    outline = [(title, page) for level, title, page in pdf.outline_pages() if level <= 1][1:]
    assert len(toc) == len(outline) == 14  # per assessment: its title and six parts
    assert [p for _, p in toc] == [p for _, p in outline]
    for title, page in outline:
        assert squash(title)[:8] in squash(pdf.pages[page - 1])
    n = len(pdf.pages)
    assert all(f"第 {i} 页 共 {n} 页" in page for i, page in enumerate(pdf.pages, 1))


def test_no_views_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="没有要导出的自评"):
        write_pdf([], tmp_path / "x.pdf", generated_at=GENERATED, today=TODAY)


def test_views_of_two_periods_are_refused_by_the_report_itself(tmp_path: Path) -> None:
    views = [sample_view(tmp_path / "ev", period="2023"), sample_view(tmp_path / "ev2")]
    target = tmp_path / "r.pdf"
    with pytest.raises(InputError, match="同一期间") as caught:
        write_pdf(views, target, generated_at=GENERATED, today=TODAY)
    assert [p.field for p in caught.value.problems] == ["period"]
    assert not target.exists()


def test_target_problems_leave_nothing_behind(tmp_path: Path) -> None:
    v = sample_view(tmp_path / "ev")
    with pytest.raises(InputError, match="不存在"):
        write_pdf([v], tmp_path / "nope" / "r.pdf", generated_at=GENERATED, today=TODAY)
    with pytest.raises(InputError, match="文件夹"):
        write_pdf([v], tmp_path, generated_at=GENERATED, today=TODAY)
    before = sorted(p.name for p in tmp_path.iterdir())
    sysfs = Path("/sys/wjself-report.pdf")
    if Path("/sys").is_dir():
        with pytest.raises(EnvironmentFault, match="无法写入"):
            write_pdf([v], sysfs, generated_at=GENERATED, today=TODAY)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    v = sample_view(tmp_path / "ev")
    target = tmp_path / "r.pdf"
    target.write_bytes(b"old report")

    def full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", full)
    with pytest.raises(EnvironmentFault, match="磁盘空间"):
        write_pdf([v], target, generated_at=GENERATED, today=TODAY)
    assert target.read_bytes() == b"old report"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".r.pdf")] == []


def test_large_assessment_breaks_tables_with_repeated_headers(tmp_path: Path) -> None:
    v = generated_view(120)
    pdf = make(tmp_path, v)
    detail_pages = [p for p in pdf.pages if "检查内容" in p]
    assert len(detail_pages) >= 3
    for page in detail_pages:
        assert "编号检查内容结果说明佐证材料" in squash(page)
    for item in v.template.items():
        assert item.code in pdf.text
    _check_inside(pdf)


def test_unanswered_items_are_marked(tmp_path: Path) -> None:
    v = sample_view(tmp_path / "ev", status=Status.DRAFT)
    answers = dict(v.answers)
    answers["A01"] = answer("A01", None, "")
    pdf = make(tmp_path, dataclasses.replace(v, answers=answers))
    assert "○未填" in pdf.squashed


def test_contents_over_two_pages_keep_each_report_together(tmp_path: Path) -> None:
    """Eight reports: the contents take two pages (links on both must get unique names) and
    no report's part lines are separated from its title line."""
    views = [sample_view(tmp_path / "ev", period="2024") for _ in range(8)]
    views = [dataclasses.replace(v, id=i) for i, v in enumerate(views)]
    pdf = make(tmp_path, *views)
    contents = [i for i, page in enumerate(pdf.pages) if "本汇编含" in page]
    assert contents[:2] == [0, 1]
    for index in contents:
        lines = [line.strip() for line in contents_lines(pdf, index) if line.strip()]
        entries = [line for line in lines if re.search(r"\d+$", line) and "页" not in line]
        first = entries[0]
        assert re.match(r"^\d+\.", first), first  # a report's title, never a stray part line
    titles = [line for page in contents for line in contents_lines(pdf, page)]
    # One school: its name is on the cover of the collection, not on every contents line.
    school = views[0].school.name
    numbered = [t for t in titles if re.match(r"^\d+\.", t.strip())]
    assert len(numbered) == 8 and not any(school in t for t in numbered)


def test_owners_are_not_broken_inside_a_name(tmp_path: Path) -> None:
    base = sample_view(tmp_path / "ev", status=Status.DRAFT)
    rects = (
        dataclasses.replace(base.rectifications[0], owner="德育处 周敏"),
        dataclasses.replace(base.rectifications[1], owner="心理健康中心 孙丽"),
    )
    pdf = make(tmp_path, dataclasses.replace(base, rectifications=rects))
    page = next(i for i, text in enumerate(pdf.pages) if "整改清单" in text and "整改措施" in text)
    lines = [line.strip() for line in pdf.layout_text(page).splitlines()]
    assert any("德育处 周敏" in line for line in lines)
    # Too long for one line: the department on one line, the person whole on the next.
    assert any(line.endswith("心理健康中心") or "心理健康中心 " in line for line in lines)
    assert any(re.search(r"(^|\s)孙丽(\s|$)", line) for line in lines), lines
    assert not any(re.search(r"(周|孙)$", line) for line in lines)


def test_a_report_without_evidence_has_no_page_just_to_say_so(tmp_path: Path) -> None:
    base = sample_view(tmp_path / "ev")
    bare = dataclasses.replace(
        base,
        answers={c: dataclasses.replace(a, evidence=()) for c, a in base.answers.items()},
    )
    with_files = make(tmp_path, base, name="with.pdf")
    without = make(tmp_path, bare, name="without.pdf")
    pages = {title: page for _, title, page in without.outline_pages()}
    assert pages["附录　佐证材料"] == pages["五、审核与签章"]
    assert "本次自评未附佐证材料" in without.pages[pages["附录　佐证材料"] - 1]
    pages = {title: page for _, title, page in with_files.outline_pages()}
    assert pages["附录　佐证材料"] == pages["五、审核与签章"] + 1


def test_short_rows_move_to_the_next_page_whole_tall_ones_split() -> None:
    from reportlab.platypus import Paragraph

    from wjself.report.styles import FRAME_HEIGHT, RowTable, styles

    s = styles()

    def table(lines: int) -> RowTable:
        text = "<br/>".join(f"第 {n} 行" for n in range(lines))
        return RowTable([["编号", "说明"], ["A01", Paragraph(text, s.cell)]], colWidths=[60, 200])

    short = table(4)
    _, height = short.wrap(260, 1000)
    assert short.split(260, height - 20) == []  # moves whole: no row cut in two
    tall = table(int(FRAME_HEIGHT / 13) + 5)  # taller than a third of a page
    _, height = tall.wrap(260, 10_000)
    assert height > RowTable.MOVE_WHOLE
    first, rest = tall.split(260, 200)
    assert first.wrap(260, 200)[1] <= 200 and isinstance(rest, RowTable)


def test_an_upgraded_draft_shows_flags_set_aside_answers_and_detached_entries(
    tmp_path: Path,
) -> None:
    base = sample_view(tmp_path / "ev", status=Status.DRAFT)
    answers = dict(base.answers)
    answers["A01"] = dataclasses.replace(answers["A01"], needs_reconfirm=True)
    answers["B03"] = dataclasses.replace(answers["B03"], value=None, set_aside="part")
    detached = dataclasses.replace(
        base.rectifications[0], id=9, code="Z99", problem="旧版检查项的问题", measure="补齐台账"
    )
    pdf = make(
        tmp_path,
        dataclasses.replace(base, answers=answers, rectifications=(*base.rectifications, detached)),
    )
    text = squash(pdf.text)
    assert "模板已修订，本项待重新确认" in text
    assert "原答案不再适用（已存入历史，不计分），待重新作答" in text
    assert "旧版检查项的问题（模板修订后已无此检查项）" in text


def test_the_rectification_list_prints_the_requirement_once(tmp_path: Path) -> None:
    """存在问题: the requirement (muted) and the entry's own text; an entry written by an
    earlier version (item text + "存在问题：〈note〉") does not print the item twice."""
    base = sample_view(tmp_path / "ev", status=Status.DRAFT)
    first, second = base.rectifications[0], base.rectifications[1]
    item = base.template.item(first.code)
    other = base.template.item(second.code)
    assert item is not None and other is not None
    legacy = dataclasses.replace(first, problem=f"{item.text}\n存在问题：柜锁只有一把")
    bare = dataclasses.replace(second, problem="")
    pdf = make(tmp_path, dataclasses.replace(base, rectifications=(legacy, bare)))
    page = next(t for t in pdf.pages if "整改清单" in t and "整改措施" in t)
    text = squash(page)
    assert text.count(squash(item.text)) == 1
    assert "存在问题：" not in text and "柜锁只有一把" in text
    assert text.count(squash(other.text)) == 1  # an empty problem: the requirement alone


def test_cover_gives_the_period_and_items_the_schools_target(tmp_path: Path) -> None:
    """2024.2: the template's 自查时段 is on the cover; a number item with stage targets shows
    the one that applies to the school; 不适用 on an allow_na item reads as such."""
    from tests.helpers.factory import item, template

    t = template(
        [
            item(
                "D1",
                "number",
                unit="次",
                stage_targets={"幼儿园": ">= 4", "小学 初中 高中 中职": ">= 10"},
            ),
            item("Y", "yes_no", allow_na=True),
        ],
        review_period="2024年1月1日至2024年12月31日",
    )
    v = view(t, {"D1": answer("D1", 8.0), "Y": answer("Y", "na")}, status=Status.DRAFT)
    pdf = make(tmp_path, v)
    text = pdf.squashed
    assert "自查时段2024年1月1日至2024年12月31日" in text
    assert "目标≥10次" in text and "目标≥4次" not in text  # a primary school
    assert "学校填报不适用" in text
