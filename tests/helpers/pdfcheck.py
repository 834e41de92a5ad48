"""Reading our PDFs back for tests: text per page (pypdf), fonts, and every glyph's box
(pdfplumber)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pdfplumber
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject

SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")


def _resolve(obj: Any) -> Any:
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


@dataclass
class Pdf:
    path: Path

    @cached_property
    def reader(self) -> PdfReader:
        return PdfReader(self.path)

    @cached_property
    def pages(self) -> list[str]:
        return [page.extract_text() or "" for page in self.reader.pages]

    @property
    def text(self) -> str:
        return "\n".join(self.pages)

    @property
    def squashed(self) -> str:
        """All text without any whitespace: wrapped lines compare with the source text."""
        return re.sub(r"\s+", "", self.text)

    def fonts(self) -> list[DictionaryObject]:
        """Every font dictionary used on any page (and in any form XObject)."""
        found: dict[int, DictionaryObject] = {}

        def visit(resources: Any) -> None:
            resources = _resolve(resources)
            if not resources:
                return
            for ref in _resolve(resources.get("/Font", {})).values():
                font = _resolve(ref)
                found[id(font)] = font
            for ref in _resolve(resources.get("/XObject", {})).values():
                xobject = _resolve(ref)
                if xobject.get("/Subtype") == "/Form":
                    visit(xobject.get("/Resources"))

        for page in self.reader.pages:
            visit(page.get("/Resources"))
        return list(found.values())

    @cached_property
    def chars(self) -> list[list[dict[str, Any]]]:
        with pdfplumber.open(self.path) as pdf:
            return [
                [
                    {k: c[k] for k in ("text", "x0", "x1", "top", "bottom", "size")}
                    for c in page.chars
                ]
                for page in pdf.pages
            ]

    def images_per_page(self) -> list[list[tuple[int, int]]]:
        out = []
        for page in self.reader.pages:
            sizes = []
            for image in page.images:
                sizes.append(image.image.size if image.image else (0, 0))
            out.append(sizes)
        return out

    def layout_text(self, index: int) -> str:
        """One page's text in reading order by position (deferred drawing comes out in place)."""
        with pdfplumber.open(self.path) as pdf:
            return pdf.pages[index].extract_text() or ""

    def outline_pages(self) -> list[tuple[int, str, int]]:
        """(level, title, page number) of every outline entry, depth first."""
        out: list[tuple[int, str, int]] = []

        def walk(entries: list[Any], level: int) -> None:
            for entry in entries:
                if isinstance(entry, list):
                    walk(entry, level + 1)
                else:
                    number = self.reader.get_destination_page_number(entry)
                    assert number is not None, entry.title
                    page = number + 1
                    out.append((level, str(entry.title), page))

        walk(self.reader.outline, 0)
        return out

    def lines(
        self, index: int, top: float = 0.0, bottom: float = 1e9
    ) -> list[list[dict[str, Any]]]:
        """The characters of page ``index`` between ``top`` and ``bottom`` (points from the top
        of the page), grouped into lines by their baseline, top to bottom."""
        chars = sorted(
            (c for c in self.chars[index] if top <= c["top"] and c["bottom"] <= bottom),
            key=lambda c: (round(c["bottom"]), c["x0"]),
        )
        out: list[list[dict[str, Any]]] = []
        for c in chars:
            if out and abs(out[-1][-1]["bottom"] - c["bottom"]) <= 1.5:
                out[-1].append(c)
            else:
                out.append([c])
        return [sorted(line, key=lambda c: c["x0"]) for line in out]

    def rules(self, index: int) -> list[dict[str, Any]]:
        """The straight lines drawn on page ``index`` (x0, x1, top, bottom)."""
        with pdfplumber.open(self.path) as pdf:
            return [
                {k: ln[k] for k in ("x0", "x1", "top", "bottom")} for ln in pdf.pages[index].lines
            ]

    def stranded_headings(self, heading_size: float, top: float, bottom: float) -> list[str]:
        """Pages (after the first) whose last line between ``top`` and ``bottom`` is set at
        ``heading_size`` or larger: a heading left at the foot of a page."""
        stranded = []
        for index in range(1, len(self.pages)):
            lines = self.lines(index, top=top, bottom=bottom)
            if lines and max(c["size"] for c in lines[-1]) >= heading_size - 0.01:
                stranded.append(f"{index + 1}: " + "".join(c["text"] for c in lines[-1]))
        return stranded
