"""Window preferences (language, geometry, splitters, last assessment) in the data folder.

Kept in an INI file beside the database rather than the registry, so they travel with the
data folder and tests never touch the real user's settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from wjself.ui.i18n import CHINESE, LANGUAGES


class Preferences:
    """Typed access to the window's own settings."""

    def __init__(self, folder: Path) -> None:
        self._settings = QSettings(str(folder / "window.ini"), QSettings.Format.IniFormat)

    @property
    def language(self) -> str:
        value = str(self._settings.value("language", CHINESE))
        return value if value in LANGUAGES else CHINESE

    @language.setter
    def language(self, value: str) -> None:
        self._settings.setValue("language", value)

    @property
    def district(self) -> bool:
        """Whether this folder's window is the bureau's (区教育局端), as chosen at first start."""
        return str(self._settings.value("mode", "school")) == "district"

    @district.setter
    def district(self, value: bool) -> None:
        self._settings.setValue("mode", "district" if value else "school")

    def bytes_value(self, key: str) -> QByteArray | None:
        value = self._settings.value(key)
        return value if isinstance(value, QByteArray) else None

    def set_value(self, key: str, value: object) -> None:
        self._settings.setValue(key, value)

    def value(self, key: str, default: object = None) -> object:
        return self._settings.value(key, default)

    def sync(self) -> None:
        self._settings.sync()
