"""A 500-item section works like a small one: every row listed, keys answer, F3 and search find."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.helpers.factory import item, template
from tests.helpers.window import add_school, open_walkthrough, stored, type_text

pytestmark = pytest.mark.gui

SIZE = 500


def big_assessment(window) -> int:
    items = [item(f"Q{n:03d}", required=n % 5 == 0) for n in range(1, SIZE + 1)]
    items[431]["text"] = "学校食堂建立食品留样制度，留样 48 小时以上"
    checklist = template(items, [item("Z01")], id="big", title="大型检查表")
    window.workspace.templates.install(checklist)
    school = add_school(window.workspace)
    return int(window.workspace.assessments.new(school.id, "big", None, "2024"))


def test_a_500_item_section(window, qtbot) -> None:
    aid = big_assessment(window)
    window.workspace.answers.set(aid, "Q001", "符合")
    page = open_walkthrough(window, aid)
    assert page.item_model.rowCount() == SIZE
    assert page.section_info.text().startswith("已填 1/500")
    qtbot.keyClick(page.items, Qt.Key.Key_End)
    assert page.current_item().code == "Q500"
    qtbot.keyClick(page.items, Qt.Key.Key_3)
    assert stored(window, aid, "Q500").value == "not_met"
    assert page.detail.rectification.isVisible()
    qtbot.keyClick(page.items, Qt.Key.Key_Home)
    qtbot.keyClick(page.items, Qt.Key.Key_F3)
    assert page.current_item().code == "Q002"
    page.focus_search()
    type_text(page.search, "留样")
    assert page.item_model.codes() == ["Q432"]
    assert page.current_item().code == "Q432"
    page.search.clear()
    assert page.item_model.rowCount() == SIZE + 1  # back to every item, the other section too
