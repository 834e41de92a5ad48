"""Finding bundled resources (templates, fonts, schema, translations, icons) at run time.

Works from a source checkout, an installed package and a PyInstaller bundle alike: the
``resources`` folder sits beside the ``wjself`` package in all three.
"""

from __future__ import annotations

import sys
from pathlib import Path


def root() -> Path:
    candidates = [Path(__file__).resolve().parent.parent / "resources"]
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        candidates.insert(0, Path(frozen_base) / "resources")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("wjself's resources folder is missing; the installation is incomplete")


def path(*parts: str) -> Path:
    return root().joinpath(*parts)


def font_file() -> Path:
    return path("fonts", "wqy-microhei.ttc")


def serif_font_file() -> Path:
    """The report's body face: a subset of Noto Serif CJK SC (scripts/subset_serif_font.py)."""
    return path("fonts", "noto-serif-sc-subset.ttf")


def bundled_templates() -> list[Path]:
    return sorted(path("templates").glob("*.json"))
