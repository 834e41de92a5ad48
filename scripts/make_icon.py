"""Draw wjself's application icon (PNG sizes and a Windows .ico) from the bundled font.

    python scripts/make_icon.py

A checklist on a blue tile with the character 评; regenerate when the design changes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

REPO = Path(__file__).resolve().parent.parent
ICONS = REPO / "resources" / "icons"
FONT = REPO / "resources" / "fonts" / "wqy-microhei.ttc"
BLUE = (28, 84, 160, 255)
WHITE = (255, 255, 255, 255)
GREEN = (76, 175, 80, 255)


def draw(size: int = 512) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(image)
    r = size // 8
    d.rounded_rectangle((0, 0, size - 1, size - 1), radius=r, fill=BLUE)
    # the sheet
    m = size // 6
    d.rounded_rectangle(
        (m, m // 2 + m // 3, size - m, size - m // 2), radius=size // 32, fill=WHITE
    )
    # three check rows
    line = max(2, size // 40)
    for i in range(3):
        y = int(size * (0.36 + i * 0.14))
        x0 = int(size * 0.26)
        d.line((x0, y, x0 + size * 0.04, y + size * 0.04), fill=GREEN, width=line)
        d.line(
            (x0 + size * 0.04, y + size * 0.04, x0 + size * 0.10, y - size * 0.04),
            fill=GREEN,
            width=line,
        )
        d.line((size * 0.42, y, size * 0.74, y), fill=(180, 190, 205, 255), width=line)
    # the seal-like badge with 评
    font = ImageFont.truetype(str(FONT), int(size * 0.26), index=0)
    cx, cy, rad = int(size * 0.74), int(size * 0.74), int(size * 0.2)
    d.ellipse((cx - rad, cy - rad, cx + rad, cy + rad), fill=(200, 40, 40, 255))
    d.text((cx, cy), "评", font=font, fill=WHITE, anchor="mm")
    return image


def main() -> int:
    ICONS.mkdir(parents=True, exist_ok=True)
    big = draw(512)
    for px in (16, 32, 48, 64, 128, 256):
        big.resize((px, px), Image.Resampling.LANCZOS).save(
            ICONS / f"wjself-{px}.png", optimize=True
        )
    big.save(
        ICONS / "wjself.ico",
        sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)],
    )
    print(f"icons written to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
