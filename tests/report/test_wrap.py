"""Line breaking and the printable form of text, on their own (no PDF needed)."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from wjself.report import fonts
from wjself.report.text import MISSING, markup, printable
from wjself.report.wrap import CANNOT_END, CANNOT_START, break_lines

SIZE = 9.0


def lines_of(text: str, width: float) -> list[str]:
    chars = list(text)
    widths = [fonts.char_width(c, fonts.SANS, SIZE) for c in chars]
    out = []
    for start, content_end, _end, used, _hard in break_lines(
        chars, widths, [False] * len(chars), [width]
    ):
        line = text[start:content_end]
        assert used <= width + 0.01 or len(line) == 1
        out.append(line)
    return out


def test_closing_punctuation_goes_with_the_character_before_it() -> None:
    text = "学校应当建立安全管理制度，并定期开展检查。"
    width = fonts.char_width("学", fonts.SANS, SIZE) * 12  # the comma would start line two
    lines = lines_of(text, width)
    assert lines == ["学校应当建立安全管理制", "度，并定期开展检查。"]
    assert not any(line[0] in CANNOT_START for line in lines)


def test_opening_brackets_do_not_end_a_line() -> None:
    text = "依据上级文件《中小学校安全管理办法》执行"
    width = fonts.char_width("学", fonts.SANS, SIZE) * 7
    lines = lines_of(text, width)
    assert not any(line[-1] in CANNOT_END for line in lines)
    assert "".join(lines) == text


def test_latin_words_stay_whole_unless_longer_than_the_line() -> None:
    url = "https://example.com/report"
    assert sum(fonts.char_width(c, fonts.SANS, SIZE) for c in url) <= 120  # it fits a line
    lines = lines_of(f"请登录 {url} 填报 2024-06-30 数据", 120)
    assert sum(url in line for line in lines) == 1, lines  # the whole URL, on one line
    assert not any(line != url and line.strip() and line.strip() in url for line in lines), lines
    assert any("2024-06-30" in line for line in lines)
    long_run = lines_of("x" * 500, 100)
    assert len(long_run) > 3 and "".join(long_run) == "x" * 500


cjk = st.sampled_from(list("学校安全制度检查记录台账，。、；：！？（）《》“”——……"))
latin = st.sampled_from(list("abcXYZ0129 -./%"))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(cjk, latin), max_size=200), st.floats(min_value=12, max_value=300))
def test_lines_fit_keep_every_character_and_avoid_forbidden_starts(
    chars: list[str], width: float
) -> None:
    text = "".join(chars)
    lines = lines_of(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for before, after in itertools.pairwise(lines):
        # A forbidden start only where nothing else could be done: no shorter first line
        # would have kept the punctuation rules.
        if after and after[0] in CANNOT_START:
            rest = before + " " + after
            mark = len(before) + 1  # the punctuation mark that starts the line
            better = [
                k
                for k in range(1, len(before))
                if (rest[k:].lstrip(" ") or " ")[0] not in CANNOT_START
                and rest[k - 1] not in CANNOT_END
                # … and the mark would then have fitted on the next line after what moved
                and _width(rest[k : mark + 1].strip(" ")) <= width
            ]
            assert not better, (before, after, better)


def _width(text: str) -> float:
    return sum(fonts.char_width(c, fonts.SANS, SIZE) for c in text)


def test_printable_rules() -> None:
    assert printable("a\r\nb\rc\u2028d\te") == "a\nb\nc\nd e"
    assert printable("甲\x00\x1b乙\u202e\u200b\ufeff") == "甲乙"
    assert printable("𠀀😀龘") == MISSING + MISSING + "龘"
    assert printable("e\u0301") == "é"  # composed, and the font has é
    assert printable("坏\ud800") == "坏" + MISSING
    assert markup("<b>&amp;</b>\n") == "&lt;b&gt;&amp;amp;&lt;/b&gt;<br/>"


def _printable_by_character(text: str, fallback: bool) -> str:
    """``printable``'s rule applied one character at a time, without its whole-string
    shortcut (the text is already normalized and holds no right-to-left letters)."""
    from wjself.report.text import _char, _char_fallback

    rule = _char_fallback if fallback else _char
    return "".join(map(rule, text))


MIXED = st.text(
    alphabet=st.sampled_from(
        "学校安全，。、；：（）《》“”…—·a1 _-./\n\x00\x1b\u200b\u202e\ufeff\u00ad"
        "□▲✘△○→≥§％①😀𠀀\ue000\u0301éÅ"
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(MIXED, st.booleans())
def test_printable_shortcut_gives_what_each_character_gives(text: str, fallback: bool) -> None:
    import unicodedata

    with fonts.fallbacks(()):
        normal = unicodedata.normalize("NFC", text)
        assert printable(text, fallback=fallback) == _printable_by_character(normal, fallback)


def test_a_paragraph_never_ends_with_one_or_two_characters_alone() -> None:
    em = fonts.char_width("学", fonts.SANS, SIZE)
    for extra in range(0, 4):
        text = "关于印发武进区中小学" + "安全" * 3 + "工作" * extra + "资料汇编》"
        for per_line in (8, 9, 10, 11, 12):
            lines = lines_of(text, em * per_line)
            assert "".join(lines) == text
            if len(lines) > 1:
                assert len(lines[-1]) >= 3, (per_line, lines)


def test_a_widow_is_left_alone_when_the_line_above_cannot_spare_characters() -> None:
    em = fonts.char_width("学", fonts.SANS, SIZE)
    assert lines_of("学校安全", em * 3) == ["学校安", "全"]


def test_long_file_names_break_after_separators_not_mid_word() -> None:
    width = fonts.char_width("a", fonts.SANS, SIZE) * 22
    for name in (
        "classroom-inspection_record.final.version2024.pdf",
        "report/2024/summary-of-all-inspections.docx",
        "safety_check_2024_06_record_signed.jpeg",
    ):
        lines = lines_of(name, width)
        assert "".join(lines) == name
        assert len(lines) > 1
        for line in lines[:-1]:
            assert line[-1] in "._-/", lines


def test_a_word_with_no_separator_still_breaks_where_the_line_is_full() -> None:
    width = fonts.char_width("a", fonts.SANS, SIZE) * 10
    lines = lines_of("a" * 35, width)
    assert "".join(lines) == "a" * 35
    assert len(lines[0]) >= 9
