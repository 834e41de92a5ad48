"""Text too long for a narrow table column, cut into pieces for full-width rows under its row.

A note of a few thousand characters in the 说明 column (or a long 整改措施) made one table
row several pages tall.  ``wide_pieces`` decides whether a text is long for its column and, if
so, cuts it into pieces of a few lines at the table's full width; each piece becomes a row of
its own, so rows break between pages like any others.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle

from wjself.report.text import counting, note_replaced, printable
from wjself.report.wrap import line_chunks

LONG_LINES = 10  # a text longer than this in its column moves to full-width rows
CHUNK_LINES = 12  # lines per full-width row: far shorter than a page, so rows never split


def wide_pieces(raw: str, style: ParagraphStyle, narrow: float, wide: float) -> list[str]:
    """``raw`` (user text) in full-width pieces, already printable, or ``[]`` when it fits
    its ``narrow`` column in ``LONG_LINES`` lines (the caller then prints it there)."""
    if len(raw) < 100 and raw.count("\n") < LONG_LINES:
        return []
    with counting() as boxes:  # counted once: here if moved, else when the cell prints it
        text = printable(raw, fallback=True)
    font, size = style.fontName, style.fontSize
    if len(line_chunks(text, font, size, narrow, LONG_LINES)) <= 1:
        return []
    note_replaced(boxes[0])
    return line_chunks(text, font, size, wide, CHUNK_LINES)
