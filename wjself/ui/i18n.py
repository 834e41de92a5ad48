"""Loads the interface translation (Simplified Chinese by default) and Qt's own for its dialogs."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from wjself import resources

log = logging.getLogger(__name__)

CHINESE = "zh_CN"
ENGLISH = "en"
LANGUAGES = {CHINESE: "简体中文", ENGLISH: "English"}
# Qt's own catalogues, for its dialogs (file dialog, message box buttons, context menus).
QT_CATALOGS = ("qtbase",)


def qt_folders() -> list[Path]:
    """Where Qt's own catalogues are: Qt's translations folder, else the copy the standalone
    build keeps under resources/i18n/qt (packaging/wjself.spec)."""
    return [
        Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        resources.path("i18n", "qt"),
    ]


def qt_catalog(name: str, language: str, folders: list[Path] | None = None) -> Path | None:
    """Qt's catalogue ``name`` (``qtbase``) for ``language``, from the first folder holding it."""
    for folder in folders if folders is not None else qt_folders():
        candidate = folder / f"{name}_{language}.qm"
        if candidate.is_file():
            return candidate
    return None


def qt_catalog_files() -> list[Path]:
    """Qt's catalogues for every language but English: what the standalone build must carry."""
    found = (qt_catalog(n, lang) for n in QT_CATALOGS for lang in LANGUAGES if lang != ENGLISH)
    return [path for path in found if path is not None]


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
        for name in QT_CATALOGS:
            found = qt_catalog(name, language)
            theirs = QTranslator(app)
            if found is not None and theirs.load(str(found)):
                installed.append(theirs)
            else:
                log.warning("Qt's own translation %s_%s was not found", name, language)
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
