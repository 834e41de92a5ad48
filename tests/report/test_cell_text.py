"""``CellText`` prints a table cell's pieces where the paragraphs it replaces printed them.

The fast cell is only right if a reader cannot tell: same characters, same places, same faces
and colours, same line breaks; and a row too tall for the page still splits inside the page.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pdfplumber
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import SimpleDocTemplate

from tests.helpers.pdfcheck import Pdf
from wjself.report import fonts
from wjself.report.cell_text import CellText, Piece, cell
from wjself.report.styles import FRAME_HEIGHT, RowTable, grid_table_style, para, styles, table_style
from wjself.report.wrap import CJKParagraph

WIDTHS = [60.0, 150.0, 110.0]


def _pieces() -> list[list[Piece]]:
    s = styles()
    return [
        [("A01", s.cell), ("§21 平安校园", s.cell_muted), ("权重 2", s.cell_muted)],
        [
            ("学校每学期组织全体师生开展应急疏散演练不少于一次，并留存方案、记录和总结。", s.cell),
            ("目标 ≥ 2 次", s.cell_muted),
            ("不符合", s.cell_bad),
        ],
        [
            ("· 2024年春季_疏散演练_记录表_final-v2.pdf", s.cell_muted),
            ("居中的文字，按列宽居中排列", s.cell_center),
            ("右对齐的文字，右对齐的第二行", s.cell_right),
            (_many_characters(300), s.cell),  # more than one font subset, switched mid-line
            ("→ 见整改清单", s.small_bad),
        ],
    ]


def _many_characters(n: int) -> str:
    """``n`` different Han characters the serif draws (a font subset holds 256 codes)."""
    fonts.register()
    found: list[str] = []
    code = 0x4E00
    while len(found) < n:
        if fonts.serif_draws(chr(code)):
            found.append(chr(code))
        code += 3
    return "".join(found)


def _build(path: Path, rows: list[list[Any]]) -> None:
    table = RowTable([["编号", "内容", "说明"], *rows], colWidths=WIDTHS, continued="表")
    table.setStyle(table_style(grid_table_style()))
    SimpleDocTemplate(str(path), pagesize=A4, initialFontName=fonts.SANS).build([table])


def _glyphs(path: Path) -> list[list[tuple[str, float, float, float, str, Any]]]:
    with pdfplumber.open(path) as pdf:
        return [
            [
                (
                    c["text"],
                    round(c["x0"], 2),
                    round(c["top"], 2),
                    round(c["size"], 2),
                    re.sub(r"^[A-Z]{6}\+", "", c["fontname"]),
                    c["non_stroking_color"],
                )
                for c in page.chars
            ]
            for page in pdf.pages
        ]


def _as_paragraphs(pieces: list[Piece]) -> list[CJKParagraph]:
    return [para(text, style) for text, style in pieces]


def test_a_cell_prints_exactly_as_its_paragraphs_did(tmp_path: Path) -> None:
    fast, slow = tmp_path / "fast.pdf", tmp_path / "slow.pdf"
    pieces = _pieces()
    _build(fast, [[cell(p) for p in pieces]])
    _build(slow, [[_as_paragraphs(p) for p in pieces]])
    assert all(isinstance(cell(p), CellText) for p in pieces)
    # ✘ is not in the serif face: that piece stays a paragraph (in the sans), in its place.
    marked = [*pieces[1][:2], ("✘ 不符合", styles().cell_bad)]
    assert [type(v) for v in cell(marked)] == [CellText, CJKParagraph]
    _build(fast, [[cell(p) for p in (*pieces[:1], marked, pieces[2])]])
    _build(slow, [[_as_paragraphs(p) for p in (*pieces[:1], marked, pieces[2])]])
    assert _glyphs(fast) == _glyphs(slow)
    _build(fast, [[cell(p) for p in pieces]])
    _build(slow, [[_as_paragraphs(p) for p in pieces]])
    got, want = _glyphs(fast), _glyphs(slow)
    assert len(got[0]) > 400
    serif = [f for f in Pdf(fast).fonts() if "NotoSerif" in str(f["/BaseFont"])]
    assert len(serif) >= 2  # the text switched font subsets
    assert got == want


def test_pieces_that_need_markup_stay_paragraphs_in_their_place(tmp_path: Path) -> None:
    s = styles()
    pieces: list[Piece] = [
        ("第一段", s.cell),
        ("两行\n说明", s.cell),  # a line break: a paragraph of its own
        ("<b>不是标记</b> & 原样", s.cell_muted),
    ]
    value = cell(pieces)
    assert [type(v) for v in value] == [CellText, CJKParagraph, CellText]
    path = tmp_path / "mixed.pdf"
    _build(path, [[value, "", ""]])
    text = re.sub(r"\s+", "", "".join(ch[0] for ch in _glyphs(path)[0]))
    assert text.index("第一段") < text.index("两行说明") < text.index("<b>不是标记</b>&原样")
    assert cell([]) == "" and cell([("  ", s.cell)]) == ""


def _tall(style: ParagraphStyle, lines: int) -> str:
    return "".join(f"第{n:03d}行说明文字" for n in range(lines))


def test_a_row_taller_than_a_page_splits_inside_the_frame(tmp_path: Path) -> None:
    s = styles()
    text = _tall(s.cell, 400)
    path = tmp_path / "tall.pdf"
    _build(path, [["A01", cell([(text, s.cell), ("尾注", s.cell_muted)]), ""]])
    pages = _glyphs(path)
    assert len(pages) >= 3  # more than two pages of one cell
    frame_top = (A4[1] - FRAME_HEIGHT) / 2 - 1  # SimpleDocTemplate's frame, centred
    printed = ""
    for page in pages:
        for ch, _x, top, size, _font, _color in page:
            assert frame_top <= top and top + size <= A4[1] - frame_top, ch
        printed += "".join(ch[0] for ch in page)
    squashed = re.sub(r"\s+", "", printed)
    assert text + "尾注" in squashed.replace("表（续）编号内容说明", "")


def test_split_keeps_the_lines_it_was_laid_out_in() -> None:
    s = styles()
    value = CellText([(_tall(s.cell, 30), s.cell), ("尾注", s.cell_muted)])
    width, height = value.wrap(140, 10_000)
    # A table passes its column's full width here, wider than the cell's text.
    first, rest = value.split(width + 8, height / 2)
    lines_first = first.wrap(140, 10_000)[1] / s.cell.leading
    assert lines_first == int(height / 2 // s.cell.leading)
    assert first.wrap(140, 10_000)[1] + rest.wrap(140, 10_000)[1] == height
    assert value.split(140, s.cell.leading / 2) == []  # not one line fits


def test_shifted_lines_are_each_placed_and_left_ones_follow_the_first() -> None:
    from reportlab.lib import colors
    from reportlab.pdfgen.canvas import Canvas

    from wjself.report.text_ops import text_ops

    fonts.register()
    doc = Canvas(io.BytesIO())._doc
    black = colors.black
    centred = text_ops(doc, [(fonts.SANS, 10, 14, black, 100, 700, [("甲", 5.0), ("乙", 0.0)])])
    assert re.findall(r"([\d.]+) ([\d.]+) Tm", centred) == [("105", "700"), ("100", "686")]
    left = text_ops(doc, [(fonts.SANS, 10, 14, black, 100, 700, [("甲", 0.0), ("乙", 0.0)])])
    assert re.findall(r"([\d.]+) ([\d.]+) Tm", left) == [("100", "700")]
    assert left.count(" Tj") == 2 and left.count("T*") == 2 and " 14 TL" in left
