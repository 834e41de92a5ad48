"""The window's modules name their colours and fill their texts one way.

Colours come from the palette in ``ui/widgets.py`` (``ui/icons.py`` holds the icons' default
stroke); a translated text with values is ``fill(self.tr("… %1 …"), value)`` from
``ui/i18n.py``, never a chain of ``.replace("%1", …)`` (which also replaces a ``%2`` inside
the first value).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import REPO

UI = REPO / "wjself" / "ui"
PALETTE = {"widgets.py", "icons.py"}
# Modules still being cleaned up under issue #16.1; empty this set as each is done.
PENDING = {
    "walkthrough.py",
    "walkthrough_models.py",
    "answer_editor.py",
    "item_detail.py",
    "evidence_panel.py",
    "feedback.py",
}
COLOUR = re.compile(r"""(?<![\w&])#[0-9a-fA-F]{6}\b|["']#[0-9a-fA-F]{3}\b""")
CHAINED_FILL = re.compile(r"""\.replace\(\s*["']%[1-9]["']""")


def modules() -> list[Path]:
    return sorted(p for p in UI.rglob("*.py") if p.name not in PENDING)


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.name)
def test_no_colour_literal_outside_the_palette(path: Path) -> None:
    if path.name in PALETTE:
        return
    found = [
        f"{path.name}:{n}: {line.strip()}"
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if COLOUR.search(line)
    ]
    assert not found, "name the colour in ui/widgets.py:\n" + "\n".join(found)


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.name)
def test_texts_with_values_use_fill(path: Path) -> None:
    found = CHAINED_FILL.findall(path.read_text("utf-8"))
    assert not found, f"{path.name}: use ui/i18n.py fill() instead of .replace: {found}"


def test_the_checks_see_what_they_look_for() -> None:
    assert COLOUR.search('setStyleSheet("color: #1b5e20")')
    assert COLOUR.search('QColor("#fff")')
    assert not COLOUR.search("# a comment about #1 and &#12345;")
    assert CHAINED_FILL.search('self.tr("a %1").replace(\n    "%1", x)')
    assert not CHAINED_FILL.search("dataclasses.replace(row, rect=saved)")
