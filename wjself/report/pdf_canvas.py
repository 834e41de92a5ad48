"""The page furniture: running header, footer with 第 X 页 共 Y 页, draft watermark, bookmarks.

``ReportCanvas`` keeps every page until the document is complete (the NumberedCanvas pattern),
so the footer can say how many pages there are and the table of contents can print page
numbers in a single layout pass.  Anything that needs the final page count or another page's
number is registered with ``defer`` and drawn when the canvas is saved.  PDF bookmarks and
outline entries are deferred too: reportlab binds them to "the current page", which is only
right while that page is being written out.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from wjself import resources
from wjself.core.fingerprint import short
from wjself.report import fonts
from wjself.report.styles import (
    ACCENT,
    FOOTER_Y,
    HEADER_Y,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MUTED,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RULE,
    WATERMARK,
)
from wjself.report.text import fit_width, printable

Deferred = Callable[["ReportCanvas", int], None]
WATERMARK_TEXT = "草稿"
WATERMARK_SIZE = 120
FURNITURE_SIZE = 9.0  # header and footer: 小五, the smallest size in the report


@dataclass(frozen=True, slots=True)
class PageContext:
    """What the header and footer of a page say, and whether the page is a draft's."""

    school: str
    title: str
    fingerprint: str = ""  # full hex; empty for drafts and for a collection's own pages
    draft: bool = False
    note: str = ""  # footer text where there is no fingerprint


class ReportCanvas(Canvas):  # type: ignore[misc]
    """A canvas that holds pages back until ``save`` so it can number them "of Y"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initialFontName", fonts.SANS)
        super().__init__(*args, **kwargs)
        self._wj_pages: list[dict[str, Any]] = []
        self._wj_deferred: list[Deferred] = []
        self._wj_ctx: PageContext | None = None
        self.wj_anchors: dict[str, int] = {}
        self.wj_generated = ""

    def defer(self, draw: Deferred) -> None:
        """Run ``draw(canvas, total_pages)`` on this page when the document is complete."""
        self._wj_deferred.append(draw)

    def set_context(self, ctx: PageContext) -> None:
        self._wj_ctx = ctx

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._wj_pages.append(dict(self.__dict__))
        self._wj_deferred = []
        self._startPage()

    def save(self) -> None:
        total = len(self._wj_pages)
        # Restoring a page's state also restores reportlab's annotation counter; link names
        # must stay unique over the whole document (contents over two pages clashed).
        counts = [int(s["_annotationCount"]) for s in self._wj_pages]
        used = max([int(self.__dict__["_annotationCount"]), *counts])
        for number, state in enumerate(self._wj_pages, 1):
            self.__dict__.update(state)
            self.__dict__["_annotationCount"] = used
            for draw in state["_wj_deferred"]:
                draw(self, total)
            used = int(self.__dict__["_annotationCount"])
            self._draw_footer(number, total)
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        ctx = self._wj_ctx
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.4)
        self.line(MARGIN_LEFT, FOOTER_Y + 9, PAGE_WIDTH - MARGIN_RIGHT, FOOTER_Y + 9)
        self.setFillColor(MUTED)
        self.setFont(fonts.SANS, FURNITURE_SIZE)
        if ctx is not None:
            if ctx.fingerprint:
                self.drawString(MARGIN_LEFT, FOOTER_Y, "指纹 ")
                self.setFont(fonts.MONO, FURNITURE_SIZE)
                self.drawString(
                    MARGIN_LEFT + self.stringWidth("指纹 ", fonts.SANS, FURNITURE_SIZE),
                    FOOTER_Y,
                    short(ctx.fingerprint),
                )
                self.setFont(fonts.SANS, FURNITURE_SIZE)
            elif ctx.note:
                self.drawString(MARGIN_LEFT, FOOTER_Y, ctx.note)
        self.drawCentredString(PAGE_WIDTH / 2, FOOTER_Y, f"第 {number} 页 共 {total} 页")
        if self.wj_generated:
            self.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, FOOTER_Y, f"生成于 {self.wj_generated}")
        self.restoreState()


def canvas_maker(generated: str) -> Callable[..., ReportCanvas]:
    """``doc.build``'s ``canvasmaker``: a ``ReportCanvas`` whose footers say 生成于 ``generated``."""

    def make(*args: Any, **kwargs: Any) -> ReportCanvas:
        canv = ReportCanvas(*args, **kwargs)
        canv.wj_generated = generated
        return canv

    return make


@functools.cache
def watermark_image() -> tuple[ImageReader, float, float]:
    """The 草稿 mark as a picture (and its size in points), made once per process.

    A picture, not text: copied or extracted text of a draft page must not carry a stray
    草稿 in the middle of its sentences.  Drawn at 4 pixels per point it prints sharp.
    """
    scale = 4
    font = ImageFont.truetype(str(resources.font_file()), WATERMARK_SIZE * scale, index=0)
    left, top, right, bottom = (round(v) for v in font.getbbox(WATERMARK_TEXT))
    pad = WATERMARK_SIZE * scale // 20
    image = PILImage.new("LA", (right - left + 2 * pad, bottom - top + 2 * pad), (255, 0))
    grey = round(sum(WATERMARK.rgb()) / 3 * 255)
    ImageDraw.Draw(image).text((pad - left, pad - top), WATERMARK_TEXT, font=font, fill=(grey, 255))
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return ImageReader(io.BytesIO(out.getvalue())), image.width / scale, image.height / scale


def draw_watermark(canv: Canvas) -> None:
    """A light diagonal 草稿 under the page's content."""
    image, width, height = watermark_image()
    canv.saveState()
    canv.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canv.rotate(35)
    canv.drawImage(image, -width / 2, -height / 2, width, height, mask="auto")
    canv.restoreState()


def draw_header(canv: Canvas, ctx: PageContext) -> None:
    """School on the left, 《report title》 on the right, a rule below; both clipped to fit."""
    size = FURNITURE_SIZE
    width = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    school = fit_width(printable(ctx.school), fonts.SANS, size, width * 0.38)
    title = fit_width(f"《{printable(ctx.title)}》", fonts.SANS, size, width * 0.58, keep_last=True)
    canv.saveState()
    canv.setFont(fonts.SANS, size)
    canv.setFillColor(ACCENT)
    canv.drawString(MARGIN_LEFT, HEADER_Y, school)
    canv.setFillColor(MUTED)
    canv.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, HEADER_Y, title)
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.4)
    canv.line(MARGIN_LEFT, HEADER_Y - 4, PAGE_WIDTH - MARGIN_RIGHT, HEADER_Y - 4)
    canv.restoreState()


def on_page(canv: ReportCanvas, ctx: PageContext, header: bool) -> None:
    """What every page gets before its content: context for the footer, watermark, header."""
    canv.set_context(ctx)
    if ctx.draft:
        draw_watermark(canv)
    if header:
        draw_header(canv, ctx)
