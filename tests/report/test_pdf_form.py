"""The PDF's form, read back: 公文 heading levels, sign-off lines, cover facts, type sizes, QR."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers.pdfcheck import Pdf
from tests.helpers.views import GENERATED, TODAY, sample_view
from wjself.core.assessment import AssessmentView, Status
from wjself.report.numbering import bare, chinese, number, numbered
from wjself.report.pdf import write_pdf


def make(tmp_path: Path, *views: AssessmentView, name: str = "r.pdf") -> Pdf:
    target = tmp_path / name
    write_pdf(list(views), target, generated_at=GENERATED, today=TODAY)
    return Pdf(target)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


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
    part = text.index("二、逐项自查情况")
    first, second = (bare(s.title) for s in v.template.sections)
    assert text.index("（一）" + first, part) < text.index("（二）" + second, part)
    assert text.index("（二）" + second, part) < text.index("三、整改清单", part)
    # The checklist's own 一、 二、 never stand under 二、 as if they were parts.
    for section in v.template.sections:
        assert squash(section.title) not in text[part:]
    # Part one: its table and chart name the sections the same way; its subheadings are
    # （一）（二） and the rating rules are points 1. 2.
    summary = text[text.index("一、总体情况") : part]
    assert "（一）" + first in summary and "（二）" + second in summary
    assert summary.index("（一）各部分得分率") < summary.index("（二）评定等级与计分规则")
    assert summary.index("1.评定等级：") < summary.index("2.计分规则：")
    appendix = text[text.index("附录佐证材料") :]
    assert "（一）A01" in appendix and "（二）A02" in appendix


def test_outline_follows_the_levels(final_pdf: tuple[AssessmentView, Pdf]) -> None:
    v, pdf = final_pdf
    outline = [(level, title) for level, title, _ in pdf.outline_pages()]
    first, second = (bare(s.title) for s in v.template.sections)
    part = outline.index((0, "二、逐项自查情况"))
    assert outline[part + 1 : part + 3] == [(1, "（一）" + first), (1, "（二）" + second)]
    assert outline[part + 3] == (0, "三、整改清单")
