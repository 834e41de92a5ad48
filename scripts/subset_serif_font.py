"""Make resources/fonts/noto-serif-sc-subset.ttf, the report's body face, from Noto Serif CJK SC.

Usage (a maintainer's step, not a build step; needs ``fonttools``, which the program itself
does not):

    python scripts/subset_serif_font.py NotoSerifCJK-Regular.ttc [out.ttf]

The source is Noto Serif CJK (SIL Open Font License 1.1, which allows embedding and
redistributing a subset; "Noto" is not a reserved name), e.g. from Debian's fonts-noto-cjk.
The subset keeps GB 2312 (the 6,763 common hanzi and its symbols), ASCII and Latin-1, the
CJK and full-width punctuation blocks, and every character of the bundled checklists, the
bureau's plan and the program's own text.  reportlab embeds TrueType outlines only, so the
CFF outlines are converted to quadratic curves (``cu2qu``, within 1 unit of 1000).  A
character outside the subset is printed in the sans face instead (``report.fonts``).
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "fonts" / "noto-serif-sc-subset.ttf"
SC_NAME = "Noto Serif CJK SC"
MAX_ERR = 1.0  # font units (of 1000): invisible at any printed size


def gb2312() -> set[str]:
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes([hi, lo]).decode("gb2312"))
    return chars


def wanted() -> set[str]:
    chars = gb2312()
    chars |= {chr(c) for c in range(0x20, 0x7F)} | {chr(c) for c in range(0xA0, 0x100)}
    for start, end in ((0x2000, 0x206F), (0x3000, 0x303F), (0xFF00, 0xFFEF), (0x2460, 0x24FF)):
        chars |= {chr(c) for c in range(start, end + 1)}
    for folder, pattern in (
        ("resources/templates", "*.json"),
        ("resources/plan", "*"),
        ("wjself", "**/*.py"),
        ("docs/examples", "*.json"),
    ):
        for path in (ROOT / folder).glob(pattern):
            if path.is_file():
                chars |= set(path.read_text(encoding="utf-8", errors="ignore"))
    return {c for c in chars if c.isprintable() or c == " "}


def to_truetype(font: TTFont) -> None:
    """Replace the CFF outlines with TrueType ones (the fontTools otf2ttf recipe)."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyphs.items():
        if hasattr(glyph, "xMin"):
            width, _ = hmtx[name]
            hmtx[name] = (width, glyph.xMin)
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 1 if field == "maxZones" else 0)
    post = font["post"]
    post.formatType = 3.0  # no glyph names: reportlab does not need them
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def main(source: str, out: Path = OUT) -> None:
    fonts = TTCollection(source).fonts if source.endswith(".ttc") else [TTFont(source)]
    font = next(f for f in fonts if f["name"].getDebugName(1) == SC_NAME)
    options = subset.Options()
    options.layout_features = []  # reportlab applies no OpenType layout
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in wanted()))
    subsetter.subset(font)
    to_truetype(font)
    font.save(out)
    kept = len(font.getBestCmap())
    print(f"{out}: {kept} characters, {out.stat().st_size / 1024 / 1024:.1f} MiB")


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]) if len(sys.argv) > 2 else OUT)
