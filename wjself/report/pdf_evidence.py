"""附录 佐证材料: evidence images scaled into the page with captions, other files listed.

Images are read with Pillow, turned upright by their EXIF orientation (phone photos), flattened
onto white and re-encoded at print resolution, so a 12-megapixel photo does not make a 12 MB
page.  A file that is missing, unreadable or not what its hash says is listed with a plain
note instead of breaking the report.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

from PIL import Image as PILImage
from PIL import ImageOps
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, Spacer, Table

from wjself.core.assessment import AssessmentView, Evidence
from wjself.core.scoring import Score
from wjself.core.text import clip
from wjself.regular_files import read_regular
from wjself.report import fonts
from wjself.report.cell_text import cell
from wjself.report.keep import lead
from wjself.report.numbering import number as heading_number
from wjself.report.pdf_toc import Heading
from wjself.report.rows import item_rows
from wjself.report.styles import (
    BAD,
    FRAME_WIDTH,
    NOTE_SIZE,
    RowTable,
    grid_table_style,
    para,
    rich,
    span,
    styles,
    table_style,
)
from wjself.report.text import markup, size_text

COLUMN_GAP = 6 * mm
CELL_WIDTH = (FRAME_WIDTH - COLUMN_GAP) / 2
MAX_IMAGE_HEIGHT = 78 * mm
MAX_PIXELS = 1400  # long side; ~430 dpi at the printed size
MAX_SOURCE_PIXELS = 80_000_000


@dataclass(frozen=True, slots=True)
class Picture:
    """An evidence image ready to print, or why it cannot be."""

    evidence: Evidence
    data: bytes | None
    width: int
    height: int
    problem: str = ""


def load_picture(evidence: Evidence) -> Picture:
    """Read, check, orient and shrink one evidence image."""
    try:
        raw = read_regular(evidence.path, max(0, evidence.size))
    except OSError:
        return Picture(evidence, None, 0, 0, "文件缺失或无法读取")
    if hashlib.sha256(raw).hexdigest() != evidence.sha256:
        return Picture(evidence, None, 0, 0, "文件内容与记录的 SHA-256 不符")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(io.BytesIO(raw)) as img:
                if img.width * img.height > MAX_SOURCE_PIXELS:
                    return Picture(evidence, None, 0, 0, "图片像素过多，未嵌入")
                img.load()
                upright = ImageOps.exif_transpose(img)
                if upright.mode in ("RGBA", "LA", "P", "PA"):
                    rgba = upright.convert("RGBA")
                    flat = PILImage.new("RGB", rgba.size, "white")
                    flat.paste(rgba, mask=rgba.getchannel("A"))
                    upright = flat
                elif upright.mode != "RGB":
                    upright = upright.convert("RGB")
                upright.thumbnail((MAX_PIXELS, MAX_PIXELS))
                out = io.BytesIO()
                upright.save(out, "JPEG", quality=85, optimize=True)
                return Picture(evidence, out.getvalue(), upright.width, upright.height)
    except (OSError, ValueError, SyntaxError, PILImage.DecompressionBombError,
            PILImage.DecompressionBombWarning):  # fmt: skip
        return Picture(evidence, None, 0, 0, "无法识别的图片")


def appendix(view: AssessmentView, score: Score, key: str, level: int) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [
        Heading(markup("附录　佐证材料"), s.h1, key=key, outline="附录　佐证材料", level=level)
    ]
    figure = 0
    entries = 0
    for row in item_rows(view, score):
        if row.hidden or not row.evidence:
            continue
        entries += 1
        heading = para(
            f"{heading_number(2, entries)}{row.item.code}　{clip(row.item.text, 60)}", s.h2
        )
        pictures = [load_picture(e) for e in row.evidence if e.is_image]
        shown = [p for p in pictures if p.data is not None]
        others = [p.evidence for p in pictures if p.data is None]
        others += [e for e in row.evidence if not e.is_image]
        problems = {p.evidence.id: p.problem for p in pictures if p.problem}
        body: list[Flowable] = []
        cells = []
        for picture in shown:
            figure += 1
            cells.append(_figure(picture, figure, row.item.code))
        for i in range(0, len(cells), 2):
            pair = cells[i : i + 2] + ([""] if len(cells[i : i + 2]) == 1 else [])
            grid = Table([pair], colWidths=[CELL_WIDTH + COLUMN_GAP / 2] * 2, hAlign="LEFT")
            grid.setStyle(
                table_style(
                    [
                        ("FONTNAME", (0, 0), (-1, -1), fonts.SANS),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), COLUMN_GAP / 2),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                    ]
                )
            )
            body.append(grid)
        if others:
            body.append(_files(others, problems))
        # The heading goes with the first pictures (or the file list), never alone.
        out += lead([heading], body)
        out.append(Spacer(1, 2 * mm))
    if not entries:
        out.append(para("本次自评未附佐证材料。", s.body))
    return lead(out[:1], out[1:])


def _figure(picture: Picture, number: int, code: str) -> list[Flowable]:
    s = styles()
    scale = min(CELL_WIDTH / picture.width, MAX_IMAGE_HEIGHT / picture.height)
    image = Image(io.BytesIO(picture.data or b""), picture.width * scale, picture.height * scale)
    image.hAlign = "CENTER"
    caption = para(f"图 {number}　{code} · {picture.evidence.name}", s.caption)
    return [image, Spacer(1, 1.5 * mm), caption]


def _files(files: list[Evidence], problems: dict[int, str]) -> Table:
    s = styles()
    data: list[list[object]] = [
        [cell([(h, s.head)]) for h in ("文件名", "大小", "SHA-256")],
    ]
    for e in files:
        if e.id in problems:
            name = rich(markup(e.name) + "<br/>" + span(problems[e.id], BAD, NOTE_SIZE), s.cell)
        else:
            name = cell([(e.name, s.cell)])
        data.append([name, cell([(size_text(e.size), s.cell)]), cell([(e.sha256, s.mono)])])
    widths = [62 * mm, 18 * mm, FRAME_WIDTH - 80 * mm]
    table = RowTable(data, colWidths=widths, continued="佐证材料文件")
    table.setStyle(table_style(grid_table_style()))
    return table
