"""The PDF read back: the school's 自查报告 as its own part before the item tables, and counts
that add up, with profile-excluded and school-declared 不适用 items listed apart."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from tests.helpers.pdfcheck import Pdf
from tests.helpers.views import GENERATED, NARRATIVE, TODAY, answer, sample_view, view
from wjself.core.assessment import AssessmentView
from wjself.core.narrative import PARTS
from wjself.report.pdf import write_pdf


def make(tmp_path: Path, v: AssessmentView) -> Pdf:
    target = tmp_path / "r.pdf"
    write_pdf([v], target, generated_at=GENERATED, today=TODAY)
    return Pdf(target)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_narrative_is_its_own_part_before_the_item_tables(tmp_path: Path) -> None:
    v = sample_view(tmp_path / "ev", narrative=NARRATIVE)
    pdf = make(tmp_path, v)
    text = pdf.squashed
    order = ["一、总体情况", "二、自查报告"]
    order += [f"（{n}）{name}" for n, name in zip("一二三四", PARTS, strict=True)]
    order += ["三、逐项自查情况", "四、整改清单", "五、审核与签章"]
    at = [text.find(squash(x)) for x in order]
    assert all(i >= 0 for i in at), list(zip(order, at, strict=True))
    assert at == sorted(at)
    for line in (NARRATIVE.get(p) for p in PARTS):
        for piece in line.splitlines():
            assert squash(piece) in text
    outline = [title for _, title, _ in pdf.outline_pages()]
    assert "二、自查报告" in outline and "（三）存在问题" in outline


def test_hostile_narrative_text_is_printed_as_written(tmp_path: Path) -> None:
    hostile = NARRATIVE.replace("基本情况", "<b>不是标记</b> & <font size=40>大</font>\n第二行")
    pdf = make(tmp_path, sample_view(tmp_path / "ev", narrative=hostile))
    assert squash("<b>不是标记</b> & <font size=40>大</font>") in pdf.squashed


def test_an_unwritten_narrative_or_part_says_so(tmp_path: Path) -> None:
    pdf = make(tmp_path, sample_view(tmp_path / "ev"))
    assert "二、自查报告学校未填写自查报告的文字部分。" in pdf.squashed
    partly = NARRATIVE.replace("存在问题", "")
    pdf = make(tmp_path, sample_view(tmp_path / "ev", narrative=partly))
    assert "（三）存在问题（学校未填写本部分）" in pdf.squashed


def _with_declared_na(tmp_path: Path) -> AssessmentView:
    """The sample: A03 excluded by the profile (school bus), A01 declared 不适用 by the school."""
    v = sample_view(tmp_path / "ev")
    answers = dict(v.answers)
    answers["A01"] = answer("A01", "na", "本校区为新建校区，尚未招生。")
    return view(v.template, answers, rectifications=v.rectifications)


def test_counts_add_up_and_the_two_kinds_of_na_are_listed_apart(tmp_path: Path) -> None:
    v = _with_declared_na(tmp_path)
    pdf = make(tmp_path, v)
    text = pdf.squashed
    found = re.search(
        r"共(\d+)项：不适用于本校(\d+)项（按学校情况），适用(\d+)项；其中学校填报不适用(\d+)项，"
        r"已作答(\d+)项（符合(\d+)项，基本符合(\d+)项，不符合(\d+)项(?:，不计分(\d+)项)?），未作答(\d+)项",
        text,
    )
    assert found, text[:600]
    total, excluded, applicable, declared, answered, met, partial, bad, unscored, unanswered = (
        int(x or 0) for x in found.groups()
    )
    assert total == excluded + applicable
    assert applicable == declared + answered + unanswered
    assert answered == met + partial + bad + unscored
    assert (excluded, declared) == (1, 1)
    # the two lists, each with its why
    one = text.index("1.按学校情况不适用于本校的项目（1项）")
    two = text.index("2.学校填报不适用的项目（1项）")
    assert one < two < text.index("二、自查报告")
    assert "A03" in text[one:two] and "仅适用于运营校车的学校" in text[one:two]
    assert "A01" in text[two:] and "本校区为新建校区，尚未招生。" in text[two : two + 400]
    # in the item table: the school's reason, not a phrase that says nothing
    assert "学校填报不适用，原因：本校区为新建校区，尚未招生。" in text
    assert "不适用原因：学校填报不适用" not in text
    # the summary table's columns that add up
    assert "部分题数不适用于本校适用学校填报不适用已作答未作答符合基本符合不符合得分率" in text


def test_a_reason_missing_on_an_old_answer_is_shown_as_missing(tmp_path: Path) -> None:
    v = _with_declared_na(tmp_path)
    answers = dict(v.answers)
    answers["A01"] = dataclasses.replace(answers["A01"], note="")
    pdf = make(tmp_path, view(v.template, answers, rectifications=v.rectifications))
    assert "学校填报不适用，原因：未说明" in pdf.squashed
    assert "（未说明原因）" in pdf.squashed


def test_a_part_of_the_longest_size_runs_over_pages_and_nothing_is_lost(tmp_path: Path) -> None:
    from wjself.core.narrative import MAX_PART

    long = "甲乙丙丁" * (MAX_PART // 4 - 1) + "最后一句"
    pdf = make(
        tmp_path, sample_view(tmp_path / "ev", narrative=NARRATIVE.replace("基本情况", long))
    )
    text = pdf.squashed
    start = text.index("（一）基本情况") + len("（一）基本情况")
    assert "最后一句（二）主要做法与成效" in text
    # every group is printed (a page break with its header and footer may cut one per page)
    assert text[start:].count("甲乙丙丁") >= MAX_PART // 4 - 1 - len(pdf.pages)
