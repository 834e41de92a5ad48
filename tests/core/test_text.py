"""core/text.py: the one clip, head and percent form every front end uses."""

from __future__ import annotations

from wjself.core.text import clip, head, percent_number, percent_text, quoted, signed_points


def test_clip_keeps_short_text_and_puts_it_on_one_line() -> None:
    assert clip("校园  安全\n管理", 30) == "校园 安全 管理"
    assert clip("十个字十个字十个字十", 10) == "十个字十个字十个字十"


def test_clip_cuts_to_at_most_n_characters_with_an_ellipsis() -> None:
    cut = clip("一二三四五六七八九十十一", 10)
    assert cut == "一二三四五六七八九…" and len(cut) == 10
    assert clip("abc", 1) == "a…"  # never empty before the ellipsis


def test_head_drops_closing_punctuation_and_quoted_adds_quotes() -> None:
    assert head("是否建立安全制度。") == "是否建立安全制度"
    assert quoted("长" * 50, 5) == "“长长长长…”"


def test_percent_text_forms() -> None:
    assert percent_text(87.5) == "87.5%"
    assert percent_text(100.0) == "100%"
    assert percent_text(87.25, digits=2) == "87.25%"
    assert percent_text(100.0, trim=False) == "100.0%"
    assert percent_text(None) == "—"
    assert percent_text(None, none="不计分") == "不计分"


def test_percent_rounds_half_up_to_one_decimal() -> None:
    """四舍五入, one decimal: 81.25 was 81.2% under Python's round-half-even formatting."""
    assert percent_text(81.25) == "81.3%"
    assert percent_text(93.06) == "93.1%"
    assert percent_text(93.05) == "93.1%"  # 93.05 is 93.04999… in binary: rounded as written
    assert percent_text(41.67) == "41.7%"
    assert percent_text(81.24) == "81.2%"
    assert percent_text(99.96) == "100%"
    assert percent_text(0.0) == "0%"
    assert percent_number(81.25) == "81.3" and percent_number(90.0, trim=False) == "90.0"
    assert percent_text(2.675, digits=2) == "2.68%"


def test_signed_points() -> None:
    assert signed_points(4.5) == "+4.5"
    assert signed_points(-1.04) == "-1"
    assert signed_points(0.04) == "±0" and signed_points(-0.04) == "±0"
    assert signed_points(-2.25) == "-2.3"  # half away from zero, as 四舍五入 is done by hand
