"""``QrCode(text, size)``: the cover's QR code as a flowable that draws its modules as one path.

The symbol is encoded by reportlab (byte mode, UTF-8 behind an ECI); it is drawn here rather
than through reportlab's ``QrCodeWidget``, whose graphics renderer wraps each of the code's
several hundred dark runs in its own saved state, colour and line settings, a cost of the
order of the rest of the cover.  The page gets the same rectangles (one per dark run of a
module row, filled black), in one path filled once.
"""

from __future__ import annotations

import itertools

from reportlab.graphics.barcode.qrencoder import QRECI, QR8bitByte, QRCode, QRErrorCorrectLevel
from reportlab.lib import colors
from reportlab.platypus import Flowable

UTF8_ECI = 26  # ECI designator for UTF-8 (ISO/IEC 18004 §6.4.2)
QUIET_ZONE = 4  # modules of white around the symbol (ISO/IEC 18004 §6.3.8)


class _Utf8Eci(QRECI):  # type: ignore[misc]
    """The ECI segment "what follows is UTF-8": its 8-bit designator counted when reportlab
    picks the symbol size (its own ``QRECI`` counts only the 4-bit mode)."""

    def __init__(self) -> None:
        super().__init__(UTF8_ECI)

    @property
    def bitlength(self) -> int:
        return 8


class QrCode(Flowable):  # type: ignore[misc]
    """A square QR code of ``size`` points, quiet zone included, error correction level M."""

    def __init__(self, text: str, size: float) -> None:
        super().__init__()
        self.text = text
        self.width = self.height = size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        modules = _modules(self.text)
        box = self.width / (len(modules) + 2 * QUIET_ZONE)
        path = self.canv.beginPath()
        for r, row in enumerate(modules):
            c = 0
            for dark, run in itertools.groupby(bool(m) for m in row):
                count = len(list(run))
                if dark:
                    y = self.height - (r + QUIET_ZONE + 1) * box
                    path.rect((c + QUIET_ZONE) * box, y, count * box, box)
                c += count
        self.canv.setFillColor(colors.black)
        self.canv.drawPath(path, stroke=0, fill=1)


def _modules(text: str) -> list[list[bool | None]]:
    """The module grid of ``text``: byte mode holding UTF-8 behind an ECI that says so
    (reportlab would otherwise try Kanji mode first, and Chinese is not Shift-JIS)."""
    code = QRCode(None, QRErrorCorrectLevel.M)
    code.addData(_Utf8Eci())
    code.addData(QR8bitByte(text))
    code.make()
    modules: list[list[bool | None]] = code.modules
    return modules
