"""The user guide describes the program as it is: its pictures exist, its buttons exist."""

from __future__ import annotations

import json
import re

from tests.conftest import REPO

GUIDE = REPO / "docs" / "用户手册.md"


def catalogue_texts() -> set[str]:
    texts: set[str] = set()
    for path in (REPO / "resources" / "i18n" / "zh_CN").glob("*.json"):
        for table in json.loads(path.read_text("utf-8")).values():
            texts.update(table.values())
    # Menu accelerators like 导入模板(&I)… read as 导入模板… on screen.
    return {re.sub(r"\(&\w\)", "", t) for t in texts}


def test_every_picture_in_the_guide_exists() -> None:
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", GUIDE.read_text("utf-8"))
    assert len(pictures) >= 6
    for picture in pictures:
        assert (GUIDE.parent / picture).is_file(), picture


def test_every_button_the_guide_names_is_in_the_window() -> None:
    """Buttons and menu items are quoted “like this…”; each must be a string of the window."""
    texts = catalogue_texts()
    quoted = set(re.findall(r"“([^”]{2,20})”", GUIDE.read_text("utf-8")))
    buttons = {q for q in quoted if q.endswith("…")}
    assert len(buttons) >= 6, buttons
    missing = sorted(b for b in buttons if not any(b in t or b.rstrip("…") == t for t in texts))
    assert not missing, f"the guide names buttons the window does not have: {missing}"


def test_the_guide_links_to_its_own_sections() -> None:
    text = GUIDE.read_text("utf-8")
    headings = {re.sub(r"[\s\W_]+", "", h.lower()) for h in re.findall(r"^## (.+)$", text, re.M)}
    for anchor in re.findall(r"\]\(#([^)]+)\)", text):
        assert re.sub(r"[\s\W_]+", "", anchor.lower()) in headings, anchor


def test_every_file_the_guide_mentions_is_shipped() -> None:
    spec = (REPO / "packaging" / "wjself.spec").read_text("utf-8")
    assert "用户手册.md" in spec and "screenshots" in spec
