"""Line breaking for Chinese text: ``CJKParagraph``, a reportlab Paragraph that wraps correctly.

What reportlab's own ``wordWrap='CJK'`` lacks (checked against reportlab 4–5):

- its list of characters that must not start a line misses the full-width ，；：！？ and
  》〉”’… among others, and it has no rule at all for characters that must not end a line
  (“（《【 …);
- a character that must not start a line is hung past the right edge instead of taking the
  previous character with it, so text can run out of a table cell or past the margin;
- every wrap measures every character again (``stringWidth`` per character), and tables wrap
  each cell several times.

The rules here follow GB/T 15834 (标点符号用法): closing punctuation, 、。，；：！？ and
the like never start a line; opening brackets and quotes never end one; —— and …… are not
split.  A run of Latin letters and digits (a word, a number, a date, a file name) is kept
whole unless it is longer than the line, in which case it is broken where the line is full.
No line is ever wider than the space it was given (a single character wider than the whole
column is the only exception, and is placed on a line by itself).
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getAscentDescent
from reportlab.platypus.paragraph import FragLine, Paragraph, ParaLines
from reportlab.rl_config import _FUZZ

from wjself.report.fonts import text_widths

CANNOT_START = frozenset(
    "，。、；：！？）］｝〕〉》」』】〗〙〛”’…—·・‥％‰℃°′″"
    ",.;:!?)]}%"
    "々〻ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶー"
    "～"
)
CANNOT_END = frozenset("（［｛〔〈《「『【〖〘〚“‘([{￥＄£$#＃@＠§")
WORD_JOINS = frozenset("._-/\\")  # a long file name or address may break after these
WIDOW = 3  # fewest characters on a paragraph's last line (when the line above can spare them)
_LATIN_LIMIT = 0x2E80  # below: scripts that separate words with spaces


def _is_latin(ch: str) -> bool:
    """A letter of a script that separates words with spaces (Arabic presentation forms too:
    a shaped Arabic word is not broken)."""
    if len(ch) != 1 or ch.isspace():
        return False
    code = ord(ch)
    return code < _LATIN_LIMIT or 0xFB1D <= code <= 0xFEFC


def may_break(before: str, after: str) -> bool:
    """Whether a line may end after ``before`` with ``after`` starting the next line."""
    if after in CANNOT_START or before in CANNOT_END:
        return False
    if before == " " or after == " ":
        return True
    if after in WORD_JOINS:  # "记录_final.pdf" breaks after the _, never before it
        return False
    return not (_is_latin(before) and _is_latin(after))


def _allowed(chars: list[str], b: int) -> bool:
    """Whether a line may end before ``chars[b]``; spaces there are dropped, so the first
    character after them is the one that will start the next line."""
    if not may_break(chars[b - 1], chars[b]):
        return False
    if chars[b] == " ":
        j = b
        while j < len(chars) and chars[j] == " ":
            j += 1
        return j == len(chars) or chars[j] not in CANNOT_START
    return True


def _fallback_break(chars: list[str], start: int, end: int) -> int:
    """A break in ``(start, end]`` for a run with no proper break (a file name or a word
    longer than the line): after the last ``. _ - /`` on the line, else where punctuation
    allows, else where the line is full."""
    for b in range(end, start, -1):
        if chars[b - 1] in WORD_JOINS and chars[b] not in WORD_JOINS | CANNOT_START:
            return b
    for b in range(end, start, -1):
        if _starts_well(chars, b) and chars[b - 1] not in CANNOT_END:
            return b
    return end


def _starts_well(chars: list[str], b: int) -> bool:
    """Whether the line that would begin at ``b`` (after any spaces) starts with a character
    that may start a line."""
    while b < len(chars) and chars[b] == " ":
        b += 1
    return b == len(chars) or chars[b] not in CANNOT_START


def _widows(
    chars: list[str],
    widths: list[float],
    lines: list[tuple[int, int, int, float, bool]],
    max_widths: list[float],
) -> None:
    """Give a paragraph's (or a forced line's) last line at least three characters by pulling
    characters down from the line before, so a title never ends "……汇" / "编》"."""
    for n in range(1, len(lines)):
        start, content_end, end, _width, hard = lines[n]
        p_start, _p_content_end, p_end, _p_width, p_hard = lines[n - 1]
        last = n == len(lines) - 1 or hard
        if not last or p_hard:
            continue
        shown = sum(1 for ch in chars[start:content_end] if ch != " ")
        if shown >= WIDOW or p_end - p_start < 2 * WIDOW:
            continue
        max_w = max_widths[min(n, len(max_widths) - 1)]
        for b in range(start - 1, p_start + WIDOW, -1):
            moved = sum(1 for ch in chars[b:content_end] if ch != " ")
            if moved < WIDOW or not _allowed(chars, b):
                continue
            width = sum(widths[b:content_end])
            if width > max_w + _FUZZ:
                break
            p_content = b
            while p_content > p_start and chars[p_content - 1] == " ":
                p_content -= 1
            begin = b
            while chars[begin] == " ":
                begin += 1
            lines[n - 1] = (p_start, p_content, begin, sum(widths[p_start:p_content]), False)
            lines[n] = (begin, content_end, end, sum(widths[begin:content_end]), hard)
            break


def break_lines(
    chars: list[str], widths: list[float], forced: list[bool], max_widths: list[float]
) -> list[tuple[int, int, int, float, bool]]:
    """Break a run of characters into lines.

    ``forced[i]`` marks a hard line break after character ``i`` (an empty placeholder
    character).  Returns ``(start, content_end, next_start, width, hard)`` for each line:
    the characters ``start:content_end`` are drawn (trailing spaces are not), the next line
    begins at ``next_start``, ``width`` is the drawn width and ``hard`` says the line ended
    with a hard break.
    """
    lines: list[tuple[int, int, int, float, bool]] = []
    n = len(chars)
    start = 0
    hard_before = True
    while start < n:
        if not hard_before:
            while start < n and chars[start] == " ":
                start += 1
            if start >= n:
                break
        max_w = max_widths[min(len(lines), len(max_widths) - 1)]
        width = 0.0
        i = start
        hard = False
        while i < n:
            if forced[i]:
                i += 1
                hard = True
                break
            w = widths[i]
            if i > start and width + w > max_w + _FUZZ:
                break
            width += w
            i += 1
        end = i
        if not hard and i < n:
            end = next((b for b in range(i, start, -1) if _allowed(chars, b)), 0)
            if end <= start:
                end = _fallback_break(chars, start, i)
        content_end = end
        while content_end > start and chars[content_end - 1] == " ":
            content_end -= 1
        if end != i or content_end != end:
            width = sum(widths[start:content_end])
        lines.append((start, content_end, end, width, hard))
        start = end
        hard_before = hard
    if len(lines) > 1:
        _widows(chars, widths, lines, max_widths)
    return lines


def break_text(
    text: str, font: str, size: float, max_widths: list[float]
) -> list[tuple[int, int, int, float, bool]]:
    """``break_lines`` for a plain string in one face and size (no forced breaks).

    Most strings set in a table cell or a label fit on one line: that line is given without
    going character by character.
    """
    widths = text_widths(text, font, size)
    drawn = sum(widths)
    if text and drawn <= max_widths[0] + _FUZZ:
        content_end = len(text.rstrip(" "))
        if content_end != len(text):
            drawn = sum(widths[:content_end])
        return [(0, content_end, len(text), drawn, False)]
    return break_lines(list(text), widths, [False] * len(text), max_widths)


class CJKParagraph(Paragraph):  # type: ignore[misc]
    """A Paragraph that breaks Chinese (and mixed) text by ``break_lines`` and caches its wrap.

    A paragraph of one style (``plain_paragraph``) is laid out as reportlab's simple kind of
    paragraph, which draws fastest; one with markup keeps a list of styled fragments per line.
    """

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        cached = self.__dict__.get("_wj_wrapped")
        if cached is not None and cached[0] == availWidth and not getattr(self, "_splitpara", 0):
            self.width, self.blPara, self.height, self._wrapWidths = cached[1:]
            return self.width, self.height
        width, height = super().wrap(availWidth, availHeight)
        self._wj_wrapped = (availWidth, width, self.blPara, height, self._wrapWidths)
        return width, height

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        bl_para: Any = getattr(self, "blPara", None)
        parts: list[Any] = super().split(availWidth, availHeight)
        starts = getattr(bl_para, "wj_starts", None)
        if len(parts) == 2 and starts is not None:
            # reportlab rebuilds the rest from the line texts, losing the spaces that were
            # dropped at line ends; give it the exact remaining text instead.
            taken = len(parts[0].blPara.lines)
            rest = self.frags[0].clone()
            if hasattr(rest, "words"):
                del rest.words
            rest.text = bl_para.wj_text[starts[taken] :].lstrip(" ")
            parts[1].frags = [rest]
        return parts

    def breakLinesCJK(self, maxWidths: Any) -> Any:  # noqa: N802, N803
        max_widths = list(maxWidths) if isinstance(maxWidths, list | tuple) else [maxWidths]
        frags = self.frags
        simple = len(frags) == 1 and _is_simple(frags[0])
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            if simple and self.blPara.lines and isinstance(self.blPara.lines[0], tuple):
                return _simple_lines(frags[0], self.blPara.lines)
            return self.blPara
        if simple:
            return self._break_simple(frags[0], max_widths)
        style = self.style
        chars: list[str] = []
        widths: list[float] = []
        forced: list[bool] = []
        owner: list[Any] = []
        for frag in frags:
            text = getattr(frag, "text", "")
            if hasattr(frag, "lineBreak") or (not text and hasattr(frag, "cbDefn")):
                chars.append("")
                widths.append(0.0)
                forced.append(hasattr(frag, "lineBreak"))
                owner.append(frag)
                continue
            chars.extend(text)
            widths.extend(text_widths(text, frag.fontName, frag.fontSize))
            forced.extend([False] * len(text))
            owner.extend([frag] * len(text))
        if not chars:
            return ParaLines(
                kind=0,
                fontSize=style.fontSize,
                fontName=style.fontName,
                textColor=style.textColor,
                lines=[],
                ascent=style.fontSize,
                descent=-0.2 * style.fontSize,
            )
        lines: list[Any] = []
        for start, content_end, end, width, hard in break_lines(chars, widths, forced, max_widths):
            max_w = max_widths[min(len(lines), len(max_widths) - 1)]
            stop = end if hard else content_end
            lines.append(_frag_line(chars, owner, start, stop, max_w, width, hard))
        return ParaLines(kind=1, lines=lines)

    def _break_simple(self, frag: Any, max_widths: list[float]) -> Any:
        text = frag.text if hasattr(frag, "text") else "".join(getattr(frag, "words", []))
        lines: list[tuple[float, list[str]]] = []
        starts = []
        for start, content_end, _end, width, _hard in break_text(
            text, frag.fontName, frag.fontSize, max_widths
        ):
            max_w = max_widths[min(len(lines), len(max_widths) - 1)]
            lines.append((max_w - width, [text[start:content_end]]))
            starts.append(start)
        starts.append(len(text))
        bl_para = _simple_lines(frag, lines)
        bl_para.wj_starts = starts
        bl_para.wj_text = text
        return bl_para


def _is_simple(frag: Any) -> bool:
    return (
        not hasattr(frag, "lineBreak")
        and not hasattr(frag, "cbDefn")
        and (hasattr(frag, "text") or hasattr(frag, "words"))
    )


def _simple_lines(frag: Any, lines: list[Any]) -> Any:
    ascent, descent = getAscentDescent(frag.fontName, frag.fontSize)
    out = frag.clone(kind=0, lines=lines, ascent=ascent, descent=descent)
    for name in ("text", "words"):
        if hasattr(out, name):
            delattr(out, name)
    return out


_PROTOTYPES: dict[int, tuple[ParagraphStyle, Any]] = {}


def plain_paragraph(text: str, style: ParagraphStyle) -> CJKParagraph:
    """A paragraph of ``text`` (already ``printable``, one line) in one style, without markup.

    Skips reportlab's markup parser, which is the slowest part of making a paragraph, by
    cloning the fragment the parser makes for this style.  Whitespace collapses as it would
    in a parsed paragraph.
    """
    text = " ".join(text.split())
    if not text:
        return CJKParagraph("", style)
    entry = _PROTOTYPES.get(id(style))
    if entry is None or entry[0] is not style:
        entry = (style, CJKParagraph("x", style).frags[0])
        _PROTOTYPES[id(style)] = entry
    frag = entry[1].clone()
    frag.text = text
    return CJKParagraph(None, style, frags=[frag])


def _frag_line(
    chars: list[str],
    owner: list[Any],
    start: int,
    stop: int,
    max_w: float,
    width: float,
    hard: bool,
) -> Any:
    words = []
    max_size = max_ascent = min_descent = 0.0
    i = start
    while i < stop:
        frag = owner[i]
        j = i
        while j < stop and owner[j] is frag:
            j += 1
        word = frag.clone()
        word.text = "".join(chars[i:j])
        words.append(word)
        ascent, descent = getAscentDescent(frag.fontName, frag.fontSize)
        max_size = max(max_size, frag.fontSize)
        max_ascent = max(max_ascent, ascent)
        min_descent = min(min_descent, descent)
        i = j
    return FragLine(
        kind=1,
        extraSpace=max_w - width,
        wordCount=1,
        words=words,
        fontSize=max_size,
        ascent=max_ascent,
        descent=min_descent,
        maxWidth=max_w,
        currentWidth=width,
        lineBreak=hard,
    )


def line_chunks(text: str, font: str, size: float, width: float, max_lines: int) -> list[str]:
    """``text`` cut into pieces of at most ``max_lines`` lines when set ``width`` wide.

    A very long note is printed as several table rows of this size, so no single row is
    taller than a page and the rows break between pages like any others.  Line breaks in
    ``text`` are kept.
    """
    chunks: list[str] = []
    lines: list[str] = []
    for part in text.split("\n"):
        broken = break_text(part, font, size, [width]) or [(0, 0, 0, 0.0, False)]
        for n, (start, _content_end, _end, _width, _hard) in enumerate(broken):
            stop = broken[n + 1][0] if n + 1 < len(broken) else len(part)
            line = part[start:stop]
            if n + 1 == len(broken):
                line += "\n"
            lines.append(line)
            if len(lines) == max_lines:
                chunks.append("".join(lines))
                lines = []
    if lines:
        chunks.append("".join(lines))
    return [c.rstrip("\n") for c in chunks if c.strip()]
