"""Reading a QR code back from a PDF page, for tests (no decoder library is installed).

The page's black rectangles give the module grid; the decoder then follows ISO/IEC 18004:
format information (error level, mask), function patterns skipped, the zig-zag bit order,
the unmasking, the de-interleaving of the blocks, and the segments (ECI, byte).  The grid read
from the page is exact, so no error correction is needed: a wrong bit shows as wrong text.
Only the block table comes from reportlab; the decoder checks it against the module count.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from reportlab.graphics.barcode.qrencoder import QRRSBlock

FORMAT_MASK = 0x5412

LEVEL_NAMES = {1: "L", 0: "M", 3: "Q", 2: "H"}
MASKS = (
    lambda i, j: (i + j) % 2 == 0,
    lambda i, j: i % 2 == 0,
    lambda i, j: j % 3 == 0,
    lambda i, j: (i + j) % 3 == 0,
    lambda i, j: (i // 2 + j // 3) % 2 == 0,
    lambda i, j: (i * j) % 2 + (i * j) % 3 == 0,
    lambda i, j: ((i * j) % 2 + (i * j) % 3) % 2 == 0,
    lambda i, j: ((i + j) % 2 + (i * j) % 3) % 2 == 0,
)


@dataclass
class Decoded:
    version: int
    level: str
    eci: int | None
    data: bytes


def grid_from_page(path: Path, page: int = 0) -> list[list[bool]]:
    """The module grid of the one QR code on ``page``: black filled rectangles, one row of
    modules high, laid on a square grid (reportlab draws each dark run as a rectangle)."""
    with pdfplumber.open(path) as pdf:
        rects = [
            r
            for r in pdf.pages[page].rects
            if r["fill"] and tuple(r["non_stroking_color"] or ()) in ((0, 0, 0), (0,))
        ]
    assert rects, "no QR code on the page"
    module = min(r["height"] for r in rects)
    x0 = min(r["x0"] for r in rects)
    top = min(r["top"] for r in rects)
    size = round((max(r["x1"] for r in rects) - x0) / module)
    assert size == round((max(r["bottom"] for r in rects) - top) / module)
    grid = [[False] * size for _ in range(size)]
    for r in rects:
        row = round((r["top"] - top) / module)
        first, last = round((r["x0"] - x0) / module), round((r["x1"] - x0) / module)
        for col in range(first, last):
            grid[row][col] = True
    return grid


def _bch_format(data: int) -> int:
    bits = data << 10
    for shift in range(4, -1, -1):
        if bits & (1 << (shift + 10)):
            bits ^= 0x537 << shift
    return ((data << 10) | bits) ^ FORMAT_MASK


def _format(grid: list[list[bool]]) -> tuple[int, int]:
    """(error level bits, mask) from the copy around the top-left finder, MSB first."""
    cells = [(8, c) for c in (0, 1, 2, 3, 4, 5, 7, 8)] + [(r, 8) for r in (7, 5, 4, 3, 2, 1, 0)]
    word = 0
    for r, c in cells:
        word = word << 1 | grid[r][c]
    matches = [d for d in range(32) if _bch_format(d) == word]
    assert matches, f"format information {word:015b} is not a valid code word"
    return matches[0] >> 3, matches[0] & 7


def _alignment(version: int) -> list[int]:
    if version == 1:
        return []
    count = version // 7 + 2
    size = version * 4 + 17
    step = 26 if version == 32 else (version * 4 + count * 2 + 1) // (count * 2 - 2) * 2
    return [6, *sorted(size - 7 - i * step for i in range(count - 1))]


def _function_modules(version: int) -> list[list[bool]]:
    size = version * 4 + 17
    used = [[False] * size for _ in range(size)]

    def block(r0: int, c0: int, rows: int, cols: int) -> None:
        for r, c in itertools.product(range(r0, r0 + rows), range(c0, c0 + cols)):
            if 0 <= r < size and 0 <= c < size:
                used[r][c] = True

    block(0, 0, 9, 9)  # finder, separator, format information
    block(0, size - 8, 9, 8)
    block(size - 8, 0, 8, 9)
    block(6, 0, 1, size)  # timing
    block(0, 6, size, 1)
    positions = _alignment(version)
    for r, c in itertools.product(positions, positions):
        corner = (r == 6 and c == 6) or (r == 6 and c == size - 7) or (r == size - 7 and c == 6)
        if not corner:
            block(r - 2, c - 2, 5, 5)
    if version >= 7:  # version information
        block(0, size - 11, 6, 3)
        block(size - 11, 0, 3, 6)
    return used


def _bits(grid: list[list[bool]], version: int, mask: int) -> list[int]:
    size = len(grid)
    used = _function_modules(version)
    bits: list[int] = []
    right = size - 1
    while right >= 1:
        if right == 6:
            right = 5
        upward = (right + 1) & 2 == 0
        for vert in range(size):
            row = size - 1 - vert if upward else vert
            for col in (right, right - 1):
                if not used[row][col]:
                    bits.append(int(grid[row][col] ^ MASKS[mask](row, col)))
        right -= 2
    return bits


def decode(grid: list[list[bool]]) -> Decoded:
    size = len(grid)
    version = (size - 17) // 4
    assert size == version * 4 + 17, size
    level_bits, mask = _format(grid)
    level = level_bits
    bits = _bits(grid, version, mask)
    codewords = [
        int("".join(map(str, bits[i : i + 8])), 2) for i in range(0, len(bits) - len(bits) % 8, 8)
    ]
    blocks = QRRSBlock.getRSBlocks(version, level)
    assert sum(b.totalCount for b in blocks) == len(codewords), "block table disagrees"
    data: list[list[int]] = [[] for _ in blocks]
    index = 0
    for i in range(max(b.dataCount for b in blocks)):
        for n, b in enumerate(blocks):
            if i < b.dataCount:
                data[n].append(codewords[index])
                index += 1
    stream = "".join(f"{c:08b}" for c in itertools.chain.from_iterable(data))
    eci, payload = _segments(stream, version)
    return Decoded(version, LEVEL_NAMES[level], eci, payload)


def _segments(stream: str, version: int) -> tuple[int | None, bytes]:
    pos = 0

    def take(n: int) -> int:
        nonlocal pos
        value = int(stream[pos : pos + n], 2)
        pos += n
        return value

    eci: int | None = None
    out = bytearray()
    while pos + 4 <= len(stream):
        mode = take(4)
        if mode == 0:
            break
        if mode == 0x7:
            lead = stream[pos : pos + 3]
            width = 8 if lead[0] == "0" else 16 if lead[:2] == "10" else 24
            eci = take(width) & ((1 << (width - width // 8)) - 1)
        elif mode == 0x4:
            length = take(8 if version < 10 else 16)
            out += bytes(take(8) for _ in range(length))
        else:
            raise AssertionError(f"segment mode {mode:#x} is not expected in our codes")
    return eci, bytes(out)
