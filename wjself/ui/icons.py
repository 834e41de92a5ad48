"""Line icons drawn from small SVG strings, so every platform shows the same clear set.

Qt's standard icons differ per style and have nothing for "finish" or "next unanswered"; these
are 24×24 strokes (in the manner of common open icon sets, drawn for wjself) tinted with one
colour and rendered at the sizes Qt asks for.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

_SHAPES: dict[str, str] = {
    "new": '<path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z"/>'
    '<path d="M14 3v5h5"/><path d="M12 11v6M9 14h6"/>',
    "open": '<path d="M4 20h15a1 1 0 0 0 1-.8L21.8 11a1 1 0 0 0-1-1.2H8.2a1 1 0 0 0-1 .8L5 20"/>'
    '<path d="M4 20a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h5l2 3h7a1 1 0 0 1 1 1v2"/>',
    "delete": '<path d="M4 7h16"/><path d="M10 11v6M14 11v6"/>'
    '<path d="M6 7l1 13a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1l1-13"/><path d="M9 7V4h6v3"/>',
    "export": '<path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z"/>'
    '<path d="M14 3v5h5"/><path d="M12 11v7M9 15l3 3 3-3"/>',
    "finish": '<circle cx="12" cy="12" r="9"/><path d="M8 12.5l3 3 5-6"/>',
    "reopen": '<rect x="5" y="11" width="14" height="10" rx="2"/><path d="M8 11V7a4 4 0 0 1 7.7-1.5"/>',
    "calendar": '<rect x="3.5" y="5" width="17" height="15.5" rx="2"/><path d="M3.5 10h17M8 3v4M16 3v4"/>',
    "arrow": '<path d="M5 12h14M13 6l6 6-6 6"/>',
    "next": '<path d="M12 4v11M7 10l5 5 5-5"/><path d="M5 20h14"/>',
    "search": '<circle cx="11" cy="11" r="7"/><path d="M20 20l-4-4"/>',
    "attach": '<path d="M20.5 11.5l-8.3 8.3a5 5 0 0 1-7.1-7.1l8.5-8.5a3.4 3.4 0 0 1 4.8 4.8l-8.5 8.5'
    'a1.7 1.7 0 0 1-2.4-2.4l7.8-7.8"/>',
    "paste": '<rect x="5" y="4" width="14" height="17" rx="2"/><path d="M9 4V2.5h6V4"/>'
    '<path d="M9 11h6M9 15h4"/>',
    "home": '<path d="M3 11l9-7 9 7"/><path d="M5 9.5V20h5v-6h4v6h5V9.5"/>',
    "checklist": '<path d="M3.5 6l1.5 1.5L8 4.5M3.5 12l1.5 1.5L8 10.5M3.5 18l1.5 1.5L8 16.5"/>'
    '<path d="M11 6h10M11 12h10M11 18h10"/>',
    "clear": '<path d="M6 6l12 12M18 6L6 18"/>',
    "launch": '<path d="M14 4h6v6"/><path d="M20 4l-9 9"/>'
    '<path d="M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5"/>',
    "folder": '<path d="M3 6a1 1 0 0 1 1-1h5l2 3h9a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1z"/>',
    "flag": '<path d="M5 21V4"/><path d="M5 4h12l-2.5 4.5L17 13H5"/>',
    "warning": '<path d="M12 3.5l9.5 16.5h-19z"/><path d="M12 10v4.5"/><path d="M12 17.2v.3"/>',
    "info": '<circle cx="12" cy="12" r="9"/><path d="M12 11v6"/><path d="M12 7.5v.3"/>',
    "lock": '<rect x="5" y="11" width="14" height="10" rx="2"/><path d="M8 11V7a4 4 0 0 1 8 0v4"/>',
    "note": '<path d="M4 20h4L19 9l-4-4L4 16z"/><path d="M13 7l4 4"/>',
    "revised": '<path d="M19.5 12a7.5 7.5 0 1 1-2.2-5.3"/><path d="M19.5 4.5v4.5H15"/>'
    '<path d="M9 12.5l2 2 4-4.5"/>',
    "history": '<path d="M3.5 12a8.5 8.5 0 1 0 2.5-6"/><path d="M3.5 4v4.5H8"/><path d="M12 7.5V12l3 2"/>',
    "upgrade": '<circle cx="12" cy="12" r="9"/><path d="M12 16.5V8M8.5 11.5L12 8l3.5 3.5"/>',
    "school": '<path d="M2 9l10-5 10 5-10 5z"/><path d="M6 11v5c0 1.5 3 3 6 3s6-1.5 6-3v-5"/>',
}

INK = "#37474f"  # the default stroke: dark slate, readable on light and selected backgrounds


@cache
def icon(name: str, color: str = INK) -> QIcon:
    """The icon ``name`` (see ``_SHAPES``) stroked in ``color``."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" '
        f'stroke="{color}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">'
        f"{_SHAPES[name]}</svg>"
    )
    renderer = QSvgRenderer(QByteArray(svg.encode()))
    result = QIcon()
    for size in (16, 20, 24, 32, 48):
        pixmap = QPixmap(size, size)
        pixmap.fill(QColor(Qt.GlobalColor.transparent))
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        result.addPixmap(pixmap)
    return result


def names() -> list[str]:
    return sorted(_SHAPES)
