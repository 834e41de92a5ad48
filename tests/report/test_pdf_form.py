"""The PDF's form, read back: 公文 heading levels, sign-off lines, cover facts, type sizes, QR."""

from __future__ import annotations

import contextlib
import itertools
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from tests.helpers.pdfcheck import Pdf
from tests.helpers.qrdecode import decode, grid_from_page
from tests.helpers.views import GENERATED, TODAY, hostile_view, sample_view, school
from wjself.core.assessment import AssessmentView, Status
from wjself.report.numbering import bare, chinese, number, numbered
from wjself.report.pdf import write_pdf


def make(tmp_path: Path, *views: AssessmentView, name: str = "r.pdf") -> Pdf:
    target = tmp_path / name
    write_pdf(list(views), target, generated_at=GENERATED, today=TODAY)
    return Pdf(target)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def part(text: str, name: str) -> str:
    """A part's heading as printed, whatever its number (other parts may come before it)."""
    found = re.search(r"[一二三四五六七八九十]+、" + name, text)
    assert found, name
    return found.group(0)


@pytest.fixture(scope="module")
def final_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[AssessmentView, Pdf]:
    folder = tmp_path_factory.mktemp("final")
    v = sample_view(folder / "evidence")
    return v, make(folder, v)


@pytest.fixture(scope="module")
def draft_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[AssessmentView, Pdf]:
    folder = tmp_path_factory.mktemp("draft")
    v = sample_view(folder / "evidence", status=Status.DRAFT)
    return v, make(folder, v)


# -- 1. heading levels -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "words"), [(1, "一"), (9, "九"), (10, "十"), (12, "十二"), (20, "二十"), (35, "三十五")]
)
def test_chinese_numbers(n: int, words: str) -> None:
    assert chinese(n) == words


def test_four_levels_as_in_gongwen() -> None:
    assert [number(level, 2) for level in (1, 2, 3, 4)] == ["二、", "（二）", "2.", "（2）"]
    assert numbered(2, 3, "三、校车安全") == "（三）校车安全"
    assert numbered(2, 1, "（四）校车安全") == "（一）校车安全"
    assert numbered(2, 1, "第二部分 校车安全") == "（一）校车安全"
    assert numbered(2, 11, "校车安全") == "（十一）校车安全"
    # Numbers that belong to the words stay: 1.5 倍, 2024 年, a bare 一、 title.
    assert bare("1.5倍于标准") == "1.5倍于标准"
    assert bare("2024年度工作") == "2024年度工作"
    assert bare("一、") == "一、"


def test_sections_are_second_level_under_part_two(
    final_pdf: tuple[AssessmentView, Pdf],
) -> None:
    v, pdf = final_pdf
    text = pdf.squashed
    details, rectify = part(text, "逐项自查情况"), part(text, "整改清单")
    start = text.index(details)
    first, second = (bare(s.title) for s in v.template.sections)
    assert text.index("（一）" + first, start) < text.index("（二）" + second, start)
    assert text.index("（二）" + second, start) < text.index(rectify, start)
    # The checklist's own 一、 二、 never stand under 二、 as if they were parts.
    for section in v.template.sections:
        assert squash(section.title) not in text[start:]
    # Part one: its table and chart name the sections the same way; its subheadings are
    # （一）（二） and the rating rules are points 1. 2.
    summary = text[text.index(part(text, "总体情况")) : start]
    assert "（一）" + first in summary and "（二）" + second in summary
    assert summary.index("（一）各部分得分率") < summary.index("（二）评定等级与计分规则")
    assert summary.index("1.评定等级：") < summary.index("2.计分规则：")
    appendix = text[text.index("附录佐证材料") :]
    assert "（一）A01" in appendix and "（二）A02" in appendix


def test_outline_follows_the_levels(final_pdf: tuple[AssessmentView, Pdf]) -> None:
    v, pdf = final_pdf
    outline = [(level, title) for level, title, _ in pdf.outline_pages()]
    first, second = (bare(s.title) for s in v.template.sections)
    titles = " ".join(title for _, title in outline)
    at = outline.index((0, part(titles, "逐项自查情况")))
    assert outline[at + 1 : at + 3] == [(1, "（一）" + first), (1, "（二）" + second)]
    assert outline[at + 3] == (0, part(titles, "整改清单"))


# -- 4. sign-off and cover ---------------------------------------------------------------

MM = 72 / 25.4


def _text_lines(chars: list[dict[str, Any]]) -> list[tuple[float, str, list[dict[str, Any]]]]:
    """(top, text without spaces, chars) of each printed row, top to bottom: characters whose
    bottoms lie within 4 pt are one row (a smaller typed name sits on the same line); the 草稿
    watermark is left out."""
    rows: list[list[dict[str, Any]]] = []
    for c in sorted((c for c in chars if c["size"] < 100), key=lambda c: c["bottom"]):
        if rows and c["bottom"] - rows[-1][0]["bottom"] <= 4:
            rows[-1].append(c)
        else:
            rows.append([c])
    out = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        text = squash("".join(c["text"] for c in row))
        out.append((min(c["top"] for c in row), text, row))
    return out


def _signoff_page(pdf: Pdf) -> tuple[int, Any]:
    index = next(i for i, page in enumerate(pdf.pages) if "、审核与签章" in page)
    with pdfplumber.open(pdf.path) as doc:
        page = doc.pages[index]
        return index, (page.chars, page.lines)


@pytest.mark.parametrize("which", ["final", "draft"])
def test_each_signer_has_a_line_with_room_to_sign(
    which: str, final_pdf: tuple[AssessmentView, Pdf], draft_pdf: tuple[AssessmentView, Pdf]
) -> None:
    _, pdf = final_pdf if which == "final" else draft_pdf
    _, (chars, rules) = _signoff_page(pdf)
    lines = _text_lines(chars)
    signers = []
    roles = ("填表人", "审核人", "校长")
    for role in roles:
        found = [(top, text, row) for top, text, row in lines if text.startswith(role)]
        assert len(found) == 1, (role, [t for _, t, _ in lines])
        top, text, row = found[0]
        assert "（签字）" in text and text.endswith("日期____年__月__日"), text
        signers.append((len(role), top, row))
    tops = [top for _, top, _ in signers]
    assert tops == sorted(tops) and min(b - a for a, b in itertools.pairwise(tops)) >= 12 * MM
    for role_length, top, row in signers:
        sign = next(c for c in row if c["text"] == "）")  # the end of （签字）
        # The line to sign on: right of （签字）, at the foot of this signer's row, ≥ 40 mm.
        under = [
            r
            for r in rules
            if abs(r["top"] - r["bottom"]) < 0.5
            and r["x0"] >= sign["x1"] - 1
            and 0 <= r["top"] - top <= 8 * MM
        ]
        assert len(under) == 1, under
        rule = under[0]
        assert rule["x1"] - rule["x0"] >= 40 * MM
        # ... and nothing printed in the space above it, where the signature goes.
        inside = [
            c
            for c in chars
            if c["size"] < 100
            and c["x1"] > rule["x0"]
            and c["x0"] < rule["x1"]
            and rule["top"] - 12 * MM < c["bottom"] <= rule["top"] + 1
        ]
        assert inside == []
        # The typed name, if any, is printed smaller than the role it stands beside.
        opening = next(c for c in row if c["text"] == "（")
        names = [c for c in row[role_length:] if c["x1"] <= opening["x0"]]
        assert all(c["size"] < row[0]["size"] for c in names)
        assert (len(names) > 0) == (which == "final" or role_length == 2)  # 校长 from the record


def test_typed_names_and_seal_box(final_pdf: tuple[AssessmentView, Pdf]) -> None:
    v, pdf = final_pdf
    index, (chars, rules) = _signoff_page(pdf)
    text = squash(pdf.pages[index])
    assert "填表人李晓梅（签字）" in text and "审核人王建国（签字）" in text
    assert f"校长{v.school.principal}（签字）" in text
    assert "联系人：李晓梅" in text and "联系电话：0519-86000000" in text
    assert "定稿日期：2024年6月28日" in text
    seal = [c for c in chars if c["text"] == "盖"]
    assert len(seal) == 1
    sides = [
        r
        for r in rules
        if abs(r["x0"] - r["x1"]) < 0.5
        and r["bottom"] - r["top"] >= 42 * MM
        and r["top"] <= seal[0]["top"]
    ]
    assert len(sides) == 2  # the box for a 42 mm seal: left and right edges
    left, right = sorted(r["x0"] for r in sides)
    assert right - left >= 42 * MM and left < seal[0]["x0"] < right


def test_cover_gives_the_school_record(tmp_path: Path) -> None:
    the_school = school(address="武进区湖塘镇花园街 88 号", stages=("小学", "初中"))
    v = sample_view(tmp_path / "ev", the_school=the_school)
    text = squash(make(tmp_path, v).pages[0])
    for words in (
        "学段小学、初中",
        "所属镇街湖塘镇",
        "校长王建国",
        "联系人李晓梅",
        "联系电话0519-86000000",
        "地址武进区湖塘镇花园街88号",
    ):
        assert words in text, words


def test_a_drafts_cover_shows_when_it_was_made(
    final_pdf: tuple[AssessmentView, Pdf], draft_pdf: tuple[AssessmentView, Pdf]
) -> None:
    cover = squash(draft_pdf[1].pages[0])
    assert "草稿·生成于2024-07-1014:05" in cover
    assert "尚未定稿，最后修改于2024-06-28" in cover
    final = squash(final_pdf[1].pages[0])
    assert "草稿" not in final and "已定稿定稿日期2024-06-28" in final


# -- 9. QR code --------------------------------------------------------------------------


def test_the_qr_code_tells_a_phone_what_the_paper_is(
    final_pdf: tuple[AssessmentView, Pdf],
) -> None:
    v, pdf = final_pdf
    assert v.signoff is not None
    code = decode(grid_from_page(pdf.path, 0))
    assert code.eci == 26 and code.level == "M"  # UTF-8 said so; medium error correction
    assert code.data.decode("utf-8") == (
        "武进学校自评 自查报告\n"
        "学校：常州市武进区湖塘桥实验小学（3204120001）\n"
        "自查表：学校安全与心理健康工作自查表（示例） 2024.1\n"
        "时段：2024 年度\n"
        "状态：已定稿 2024-06-28\n"
        f"指纹：{v.signoff.fingerprint}"
    )
    assert len(v.signoff.fingerprint) == 64


def test_hostile_names_are_clipped_in_the_qr_code(tmp_path: Path) -> None:
    v = hostile_view(tmp_path / "ev")
    assert v.signoff is not None
    text = decode(grid_from_page(make(tmp_path, v).path, 0)).data.decode("utf-8")
    lines = text.split("\n")
    assert len(lines) == 6 and lines[-1] == f"指纹：{v.signoff.fingerprint}"
    assert all(len(line) <= 70 for line in lines)


@pytest.mark.reliability(
    fault="Hostile text in outputs",
    method="line breaks and tabs in a school name, read back from the QR text (report tests)",
)
def test_line_breaks_in_names_stay_on_their_line_in_the_qr_text(tmp_path: Path) -> None:
    from wjself.report.pdf_cover import qr_text

    v = sample_view(tmp_path / "ev", the_school=school(name="湖塘桥\n实验小学\t（本部）"))
    lines = qr_text(v).split("\n")
    assert len(lines) == 6
    assert lines[1] == "学校：湖塘桥 实验小学 （本部）（3204120001）"


def test_a_draft_has_no_qr_code(draft_pdf: tuple[AssessmentView, Pdf]) -> None:
    with pdfplumber.open(draft_pdf[1].path) as pdf:
        black = [r for r in pdf.pages[0].rects if r["non_stroking_color"] in ((0, 0, 0), (0,))]
    assert black == []


# -- 7. typography -----------------------------------------------------------------------


def _glyphs(path: Path) -> list[dict[str, Any]]:
    with pdfplumber.open(path) as pdf:
        return [
            {
                "text": c["text"],
                "font": c["fontname"].split("+")[-1],
                "size": round(c["size"], 2),
                "color": tuple(c["non_stroking_color"] or ()),
            }
            for page in pdf.pages
            for c in page.chars
        ]


def _run(glyphs: list[dict[str, Any]], words: str, after: str = "") -> list[dict[str, Any]]:
    """The glyphs of the first place ``words`` is printed in one run (after ``after``)."""
    text = "".join(g["text"] for g in glyphs)
    start = text.index(words, text.index(after) if after else 0)
    return glyphs[start : start + len(words)]


def _face(run: list[dict[str, Any]]) -> set[tuple[str, float]]:
    return {(g["font"].split("-")[0], g["size"]) for g in run}


def test_headings_are_black_sans_and_text_is_serif(
    final_pdf: tuple[AssessmentView, Pdf],
) -> None:
    v, pdf = final_pdf
    glyphs = _glyphs(pdf.path)
    sans, serif = "WenQuanYiMicroHei", "NotoSerifCJKsc"
    first = bare(v.template.sections[0].title)
    text = "".join(g["text"] for g in glyphs)
    details = part(text, "逐项自查情况")
    assert _face(_run(glyphs, details)) == {(sans, 16)}  # 三号黑体
    assert _face(_run(glyphs, "（一）" + first, details)) == {(sans, 14)}  # 四号黑体
    assert _face(_run(glyphs, "本次自评共")) == {(serif, 12)}  # 小四宋体
    item = v.template.sections[0].items[0].text
    assert _face(_run(glyphs, item[:8])) == {(serif, 10.5)}  # 五号 in tables
    headings = [part(text, "总体情况"), details, "（一）" + first, part(text, "审核与签章")]
    for words in headings:
        run = _run(glyphs, words, details if words.startswith("（") else "")
        assert {g["color"] for g in run} <= {(0, 0, 0), (0,)}, words


@pytest.mark.parametrize("which", ["final", "draft"])
def test_nothing_prints_smaller_than_9_pt(
    which: str, final_pdf: tuple[AssessmentView, Pdf], draft_pdf: tuple[AssessmentView, Pdf]
) -> None:
    _, pdf = final_pdf if which == "final" else draft_pdf
    sizes = {g["size"] for g in _glyphs(pdf.path)}
    assert min(sizes) >= 9, sorted(sizes)


def test_both_faces_are_embedded_as_subsets(final_pdf: tuple[AssessmentView, Pdf]) -> None:
    names = {str(f["/BaseFont"]).split("+")[-1] for f in final_pdf[1].fonts()}
    assert any(n.startswith("NotoSerifCJKsc") for n in names), names
    assert any(n.startswith("WenQuanYiMicroHei") for n in names), names


@pytest.mark.reliability(
    fault="Hostile text in outputs",
    method="a name character outside the serif subset, read back from the PDF (report tests)",
)
def test_a_character_the_serif_lacks_prints_in_the_sans(tmp_path: Path) -> None:
    from wjself.report import fonts

    rare = "喆"  # a name character outside GB 2312: in the sans face, not in the serif subset
    assert fonts.has_glyph(rare) and not fonts.serif_draws(rare)
    v = sample_view(tmp_path / "ev")
    answers = dict(v.answers)
    answers["A01"] = replace(answers["A01"], note="责任人张喆负责落实")
    pdf = make(tmp_path, replace(v, answers=answers))
    assert "责任人张喆负责落实" in pdf.squashed
    run = _run(_glyphs(pdf.path), "张喆负")
    assert [g["font"].split("-")[0] for g in run] == [
        "NotoSerifCJKsc",
        "WenQuanYiMicroHei",
        "NotoSerifCJKsc",
    ]


def test_the_serif_subset_covers_gb2312_and_the_bundled_checklists() -> None:
    from wjself import resources
    from wjself.report import fonts

    hanzi = set()
    for hi in range(0xB0, 0xF8):  # GB 2312 level 1 and 2 hanzi
        for lo in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                hanzi.add(bytes([hi, lo]).decode("gb2312"))
    assert len(hanzi) == 6763
    assert fonts.serif_draws("".join(hanzi))
    for path in resources.bundled_templates():
        used = {
            c for c in path.read_text(encoding="utf-8") if c.isprintable() and fonts.has_glyph(c)
        }
        missing = "".join(sorted(c for c in used if not fonts.serif_draws(c)))
        assert not missing, f"{path.name}: rerun scripts/subset_serif_font.py for {missing}"


def test_the_fallback_leaves_text_whose_face_is_chosen_alone() -> None:
    from wjself.report import fonts

    assert fonts.sans_fallback("张喆") == f'张<font name="{fonts.SANS}">喆</font>'
    chosen = f'<font name="{fonts.MONO}">喆</font><font color="#000000">喆</font>&amp;'
    assert fonts.sans_fallback(chosen) == (
        f'<font name="{fonts.MONO}">喆</font>'
        f'<font color="#000000"><font name="{fonts.SANS}">喆</font></font>&amp;'
    )


@pytest.mark.reliability(
    fault="Hostile text in outputs",
    method="a 60-character signer name on the sign-off line, read back from the PDF (report tests)",
)
def test_a_long_name_stays_inside_its_signing_row(tmp_path: Path) -> None:
    long_name = "很长的填表人姓名" * 8
    v = sample_view(tmp_path / "ev", filled_by=long_name)
    pdf = make(tmp_path, v)
    _, (chars, _rules) = _signoff_page(pdf)
    lines = _text_lines(chars)
    filled = next(top for top, text, _ in lines if text.startswith("填表人"))
    reviewed = next(top for top, text, _ in lines if text.startswith("审核人"))
    name_chars = [c for c in chars if c["text"] == "姓" and c["size"] < 10]
    assert name_chars and all(filled - 12 * MM < c["top"] < reviewed - 3 for c in name_chars)
