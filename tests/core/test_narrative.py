"""Reading a 自查报告 written outside wjself: headings of both forms, and what is refused."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wjself.core.errors import InputError
from wjself.core.narrative import PARTS, Narrative, narrative_text, parse_narrative_text


def test_numbered_and_markdown_headings_and_the_schools_own_subheadings() -> None:
    text = (
        "# 基本情况\n本校概况。\n\n"
        "二、主要做法与成效\n（一）健全制度\n### 小标题\n一是……；二是……。\n"
        "## 四、整改措施与下一步打算\n限期整改。\n"
    )
    got = parse_narrative_text(text, "f.md")
    assert got.get("基本情况") == "本校概况。"
    assert got.get("主要做法与成效") == "（一）健全制度\n### 小标题\n一是……；二是……。"
    assert got.get("存在问题") == ""
    assert got.get("整改措施与下一步打算") == "限期整改。"


def test_a_numbered_sentence_stays_text() -> None:
    got = parse_narrative_text("一、基本情况\n一、坚持立德树人，落实“五育并举”。\n", "f")
    assert got.get("基本情况") == "一、坚持立德树人，落实“五育并举”。"


def test_every_problem_is_named_by_its_line() -> None:
    with pytest.raises(InputError) as caught:
        parse_narrative_text("序言\n## 基本情况\nx\n## 附件一\ny\n## 基本情况\nz\n", "f.md")
    assert [(p.row, p.message[:6]) for p in caught.value.problems] == [
        (1, "第一个标题之"),
        (4, "未知的标题“"),
        (6, "“基本情况”"),
    ]


PART = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp"), blacklist_characters="#"
    ),
    max_size=40,
).map(lambda t: "\n".join(line for line in t.splitlines() if line.strip()).strip())


@settings(max_examples=80, deadline=None)
@given(st.tuples(PART, PART, PART, PART))
def test_what_is_printed_reads_back(parts: tuple[str, str, str, str]) -> None:
    narrative = Narrative(parts)
    text = narrative_text(narrative)
    try:
        back = parse_narrative_text(text, "f")
    except InputError:
        # a line of the text that reads as a heading ("二、做法") is refused, never misread
        assert any(
            line.strip()[:1] in "一二三四五六七八九十" for p in parts for line in p.splitlines()
        )
        return
    assert back == Narrative(tuple(p.strip() for p in parts))  # type: ignore[arg-type]
    assert len(PARTS) == 4
