"""``text_ops``: the PDF text operators for lines already broken, in the bundled TrueType faces.

reportlab's text object works each line out afresh (font lookup, state saved and restored,
shaping checks) before the few operators it writes; for the tens of thousands of short lines
in a large report's tables that bookkeeping costs more than the lines.  This writes the same
operators directly: ``Tm`` to place a piece, ``rg`` for its colour, the font subset's ``Tf``
with the leading's ``TL`` whenever the subset changes, ``Tj`` per run and ``T*`` per line —
through the font's own ``splitString``, so glyph subsets, embedding and copied text are
reportlab's.  ``tests/report/test_cell_text.py`` compares every glyph with what paragraphs
print.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from reportlab.lib import colors
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

Line = tuple[str, float]  # a line's text and how far right of the piece's left edge it starts


@functools.cache
def fill_op(color: colors.Color) -> str:
    """The PDF operator that sets ``color`` as the fill colour."""
    return f"{fp_str(color.red, color.green, color.blue)} rg"


def is_truetype(font_name: str) -> bool:
    """Whether ``font_name`` is a registered TrueType face (the only kind written here)."""
    return isinstance(pdfmetrics.getFont(font_name), TTFont)


def text_ops(
    doc: object,
    pieces: Iterable[tuple[str, float, float, colors.Color, float, float, list[Line]]],
) -> str:
    """``BT … ET`` drawing each piece ``(font, size, leading, colour, x, baseline, lines)``:
    its first line's baseline at ``(x, baseline)``, each next line ``leading`` lower.

    ``doc`` is the canvas's document (``canvas._doc``): subsets are numbered per document.
    """
    out = ["BT"]
    color = ""
    for font_name, size, leading, fill, x, baseline, lines in pieces:
        font = pdfmetrics.getFont(font_name)
        tf = f"{fp_str(size)} Tf {fp_str(leading)} TL"
        op = fill_op(fill)
        if op != color:
            out.append(op)
            color = op
        subset = -1
        y = baseline
        # Centred or right-aligned lines are each placed where they start; left-aligned ones
        # follow the first with T*.
        placed = any(shift for _, shift in lines)
        if not placed:
            out.append(f"1 0 0 1 {fp_str(x, y)} Tm")
        for text, shift in lines:
            if placed:
                out.append(f"1 0 0 1 {fp_str(x + shift, y)} Tm")
            for part, chars in font.splitString(text, doc):
                if part != subset:
                    out.append(f"{font.getSubsetInternalName(part, doc)} {tf}")
                    subset = part
                out.append(f"({escapePDF(chars)}) Tj")
            out.append("T*")
            y -= leading
    out.append("ET")
    return "\n".join(out)
