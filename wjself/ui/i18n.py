"""Loads the interface translation (Simplified Chinese by default) and Qt's own for its dialogs."""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from wjself import resources

log = logging.getLogger(__name__)

CHINESE = "zh_CN"
ENGLISH = "en"
LANGUAGES = {CHINESE: "简体中文", ENGLISH: "English"}


def install_translators(app: QApplication, language: str = CHINESE) -> list[QTranslator]:
    """Install wjself's and Qt's translators for ``language``; English needs none."""
    for old in getattr(app, "_wjself_translators", []):
        app.removeTranslator(old)
    installed: list[QTranslator] = []
    if language != ENGLISH:
        ours = QTranslator(app)
        if ours.load(str(resources.path("i18n", f"wjself_{language}.qm"))):
            installed.append(ours)
        else:
            log.warning("translation %s could not be loaded", language)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name in ("qtbase",):
            theirs = QTranslator(app)
            if theirs.load(f"{name}_{language}", qt_dir):
                installed.append(theirs)
        QLocale.setDefault(QLocale(language))
    else:
        QLocale.setDefault(QLocale("en_US"))
    for translator in installed:
        app.installTranslator(translator)
    app._wjself_translators = installed  # type: ignore[attr-defined]
    return installed


def fill(text: str, *values: object) -> str:
    """``text`` with ``%1`` … ``%9`` replaced by ``values`` in one pass (values may hold ``%``)."""
    return re.sub(r"%([1-9])", lambda m: str(values[int(m.group(1)) - 1]), text)
