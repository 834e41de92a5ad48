"""Registers the bundled CJK font with Qt so Chinese shows on machines without one."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from wjself import resources

log = logging.getLogger(__name__)


def install_cjk_font(app: QApplication) -> str | None:
    """Add the bundled font and make it the fallback for Han characters; returns its family."""
    font_id = QFontDatabase.addApplicationFont(str(resources.font_file()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("bundled CJK font %s could not be loaded", resources.font_file())
        return None
    family = families[0]
    # Put the bundled face behind the platform's UI font: Latin keeps the native look,
    # Han characters that the native font lacks come from the bundled one.
    base = app.font()
    QFont.insertSubstitution(base.family(), family)
    if not _has_cjk(base.family()):
        font = QFont(family, base.pointSize())
        app.setFont(font)
    return family


def _has_cjk(family: str) -> bool:
    return QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)
