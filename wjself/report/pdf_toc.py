"""Headings that mark their page, and table-of-contents lines that print those pages.

A ``Heading`` records its page number and, once the document is complete, becomes a PDF
bookmark and an outline entry.  A ``TocLine`` prints its title at once and its page number
when the canvas is saved (``ReportCanvas.defer``), so the contents need one layout pass.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus import Flowable

from wjself.report import fonts
from wjself.report.pdf_canvas import ReportCanvas
from wjself.report.styles import MUTED, RULE
from wjself.report.text import markup, printable
from wjself.report.wrap import CJKParagraph

NUMBER_WIDTH = 36.0


def mark(canv: ReportCanvas, key: str, outline: str, level: int, top: float) -> None:
    """Record ``key`` on the current page; bookmark and outline it when the page is written."""
    canv.wj_anchors[key] = canv.getPageNumber()
    _, y = canv.absolutePosition(0, top)
    title = printable(outline).replace("\n", " ")

    def bind(c: ReportCanvas, _total: int) -> None:
        c.bookmarkHorizontalAbsolute(key, y + 6)
        c.addOutlineEntry(title, key, level=level, closed=level > 0)

    canv.defer(bind)


class Heading(CJKParagraph):
    """A paragraph that is also a destination: ``key`` for links, ``outline`` for bookmarks."""

    def __init__(
        self,
        text: str,
        style: ParagraphStyle,
        *args: Any,
        key: str = "",
        outline: str = "",
        level: int = 0,
        **kwargs: Any,
    ) -> None:
        super().__init__(text, style, *args, **kwargs)
        self.wj_key = key
        self.wj_outline = outline
        self.wj_level = level

    def draw(self) -> None:
        if self.wj_key and isinstance(self.canv, ReportCanvas):
            mark(self.canv, self.wj_key, self.wj_outline, self.wj_level, self.height)
        super().draw()

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        parts: list[Any] = super().split(availWidth, availHeight)
        if parts and parts[0] is not self and isinstance(parts[0], Heading):
            parts[0].wj_key, parts[0].wj_outline = self.wj_key, self.wj_outline
            parts[0].wj_level = self.wj_level
        return parts


def _line_width(line: Any, max_width: float) -> float:
    """How wide a laid-out paragraph line is drawn: a line of styled fragments knows its width,
    a plain line (``(extra space, words)``) only the space it leaves free."""
    width = getattr(line, "currentWidth", None)
    if width is not None:
        return float(width)
    return float(max_width - line[0])


class TocLine(Flowable):  # type: ignore[misc]
    """One line of contents: title, dot leader, and the page of ``key`` (filled in at save).

    A long title wraps short of the page-number column; the leader runs only from the end of
    its last line to the number."""

    def __init__(self, key: str, title: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.key = key
        self.style = style
        self.para = CJKParagraph(markup(title), style)
        self._text_width = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        text_width = availWidth - NUMBER_WIDTH - 8
        self._text_width = text_width - self.style.leftIndent - self.style.rightIndent
        _, self.height = self.para.wrap(text_width, availHeight)
        return self.width, self.height + 2

    def draw(self) -> None:
        canv = self.canv
        self.para.drawOn(canv, 0, 2)
        lines = self.para.blPara.lines
        last_width = _line_width(lines[-1], self._text_width) if lines else 0.0
        ascent, _ = getAscentDescent(self.style.fontName, self.style.fontSize)
        baseline = 2 + self.height - ascent - (len(lines) - 1) * self.style.leading
        x0, y0 = canv.absolutePosition(self.style.leftIndent + last_width + 4, baseline)
        x1, _ = canv.absolutePosition(self.width, baseline)
        top_x, top_y = canv.absolutePosition(0, self.height + 2)
        size = self.style.fontSize
        key = self.key

        def number(c: ReportCanvas, _total: int) -> None:
            page = c.wj_anchors.get(key)
            text = str(page) if page is not None else "—"
            c.saveState()
            c.setFont(fonts.SANS, size)
            c.setFillColor(MUTED)
            c.drawRightString(x1, y0, text)
            dots_end = x1 - stringWidth(text, fonts.SANS, size) - 4
            if dots_end > x0 + 4:
                c.setStrokeColor(RULE)
                c.setLineWidth(0.6)
                c.setDash(0.6, 2.4)
                c.line(x0, y0 + 1, dots_end, y0 + 1)
            if page is not None:
                c.linkAbsolute("", key, Rect=(top_x, y0 - 3, x1, top_y))
            c.restoreState()

        canv.defer(number)
