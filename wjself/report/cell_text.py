"""``CellText``: a table cell's few lines of plain text in one flowable, drawn in one text object.

An item row's cells hold several short pieces each (code and plan clause; value, target and
result; note and remarks), each in its own colour or size.  As reportlab Paragraphs, every
piece is a flowable the table measures and draws apart, with its own graphics state and text
object; a 2,000-item report holds some 17,000 of them.  ``CellText`` lays the pieces of one
cell out with the same line breaking (``wrap.break_text``) and writes them (``text_ops``) at the positions
the Paragraphs would take (first baseline one font size below the top, ``leading`` between
lines), so the page reads and copies the same.

Only plain text goes here: a piece with a line break, a fallback font or a character the
serif face lacks stays a ``CJKParagraph`` (``cell`` sorts them).
"""

from __future__ import annotations

from typing import Any

from reportlab import rl_config
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getAscentDescent
from reportlab.platypus import Flowable

from wjself.report.styles import needs_markup, para_printed
from wjself.report.text import printable
from wjself.report.text_ops import is_truetype, text_ops
from wjself.report.wrap import break_text

Piece = tuple[object, ParagraphStyle]  # user text (printed literally) and its style


class CellText(Flowable):  # type: ignore[misc]
    """Pieces of plain, one-line text, each in its style, stacked top to bottom."""

    def __init__(self, pieces: list[tuple[str, ParagraphStyle]]) -> None:
        super().__init__()
        self.pieces = pieces  # (printed text, style); whitespace already collapsed
        self._wrapped: tuple[float, list[list[tuple[str, float]]], float] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if self._wrapped is None or self._wrapped[0] != availWidth:
            lines = [_lines(text, style, availWidth) for text, style in self.pieces]
            height = sum(
                len(ls) * style.leading for ls, (_t, style) in zip(lines, self.pieces, strict=True)
            )
            self._wrapped = (availWidth, lines, height)
        self.width, self.height = availWidth, self._wrapped[2]
        return self.width, self.height

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        # Written in page coordinates between q and Q, so the colour and font stay inside and
        # the canvas's own idea of its state (never touched here) stays true.  reportlab's
        # drawOn saves and restores the canvas's whole state and translates for every
        # flowable, which for thousands of small cells costs more than their text.
        x = self._hAlignAdjust(x, _sW)
        canvas.addLiteral(f"q\n{self._ops(canvas, x, y)}\nQ")

    def draw(self) -> None:
        self.canv.addLiteral(self._ops(self.canv, 0, 0))

    def _ops(self, canvas: Any, x: float, y: float) -> str:
        assert self._wrapped is not None
        _, lines, height = self._wrapped
        top = y + height
        pieces = []
        for piece_lines, (_text, style) in zip(lines, self.pieces, strict=True):
            if not piece_lines:
                continue
            placed = [(line, _shift(style, spare)) for line, spare in piece_lines]
            baseline = top - _first_drop(style)
            size, leading = style.fontSize, style.leading
            pieces.append((style.fontName, size, leading, style.textColor, x, baseline, placed))
            top -= len(piece_lines) * leading
        return text_ops(canvas._doc, pieces)

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        """The lines that fit in ``availHeight``, and the rest (``[]`` if not both).

        The lines are those of the last ``wrap``: a table splitting a row passes the column's
        whole width here, not the width inside its padding that the cell is laid out in.
        """
        if self._wrapped is None:
            self.wrap(availWidth, availHeight)
        assert self._wrapped is not None
        first: list[tuple[str, ParagraphStyle]] = []
        rest: list[tuple[str, ParagraphStyle]] = []
        room = availHeight
        for piece_lines, (_text, style) in zip(self._wrapped[1], self.pieces, strict=True):
            for line, _spare in piece_lines:
                if not rest and room >= style.leading - 1e-6:
                    room -= style.leading
                    first.append((line, style))
                else:
                    rest.append((line, style))
        if not first or not rest:
            return []
        return [CellText(first), CellText(rest)]


def _first_drop(style: ParagraphStyle) -> float:
    """How far below a piece's top its first baseline lies, as reportlab's Paragraph puts it."""
    if rl_config.paraFontSizeHeightOffset:
        return float(style.fontSize)
    return float(getAscentDescent(style.fontName, style.fontSize)[0])


def _shift(style: ParagraphStyle, spare: float) -> float:
    if style.alignment == TA_CENTER:
        return spare / 2
    if style.alignment == TA_RIGHT:
        return spare
    return 0.0


def _lines(text: str, style: ParagraphStyle, width: float) -> list[tuple[str, float]]:
    """``text`` broken to ``width``: each line's text and the width left over."""
    return [
        (text[start:content_end], width - drawn)
        for start, content_end, _end, drawn, _hard in break_text(
            text, style.fontName, style.fontSize, [width]
        )
    ]


def is_plain(printed: str, style: ParagraphStyle) -> bool:
    """Whether ``printed`` (``printable(…, fallback=True)``) can go into a ``CellText``: plain
    text in the style's own face (``needs_markup``), a TrueType one (``text_ops`` writes it)."""
    return not needs_markup(printed, style) and is_truetype(style.fontName)


def cell(pieces: list[Piece]) -> Any:
    """What a table cell holds for ``pieces``: ``""``, one flowable, or a list of them.

    Runs of plain pieces become one ``CellText``; a piece that needs markup (a line break,
    another font) becomes a paragraph between them, in order.
    """
    out: list[Flowable] = []
    run: list[tuple[str, ParagraphStyle]] = []
    for text, style in pieces:
        printed = printable(text, fallback=True)
        if is_plain(printed, style):
            collapsed = " ".join(printed.split())
            if collapsed:
                run.append((collapsed, style))
            continue
        if run:
            out.append(CellText(run))
            run = []
        out.append(para_printed(printed, style))
    if run:
        out.append(CellText(run))
    if not out:
        return ""
    return out[0] if len(out) == 1 else out
