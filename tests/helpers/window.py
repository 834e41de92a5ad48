"""What the home and walkthrough tests share: a school made through the service (the first-start
wizard is another page's business), the sample checklist, and ways to drive the walkthrough."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.conftest import SAMPLE
from tests.helpers.keyboard import type_text  # noqa: F401 - one typing helper for all GUI tests
from wjself.core.school import School, normalize_facts
from wjself.core.template import Template
from wjself.formats.templates import read_template
from wjself.store.workspace import Workspace
from wjself.ui.main_window import MainWindow
from wjself.ui.walkthrough import WalkthroughPage


def add_school(
    ws: Workspace, name: str = "武进区测试小学", code: str = "3204120001", **extra: Any
) -> School:
    """A primary school with labs and a canteen, no school bus (as the wizard would register it)."""
    facts = extra.pop("facts", {"has_canteen": True, "has_labs": True})
    return ws.schools.add(
        School(
            id=0,
            name=name,
            code=code,
            stages=extra.pop("stages", ("小学",)),
            township="湖塘镇",
            principal=extra.pop("principal", "王校长"),
            facts=normalize_facts(facts),
            **extra,
        )
    )


def sample_template() -> Template:
    return read_template(SAMPLE)


def sample_assessment(window: MainWindow, period: str = "2024") -> int:
    """A draft of the sample checklist (A01–A05, B01–B04) for a new primary school."""
    ws = window.workspace
    ws.templates.install(sample_template())
    school = ws.schools.find("3204120001") or add_school(ws)
    return ws.assessments.new(school.id, "wj-sample", None, period)


def open_walkthrough(window: MainWindow, assessment_id: int) -> WalkthroughPage:
    page = window.pages["walkthrough"]
    assert isinstance(page, WalkthroughPage)
    assert page.open_assessment(assessment_id)
    window.show_page("walkthrough")
    return page


def listed(page: WalkthroughPage) -> list[str]:
    return page.item_model.codes()


def select(page: WalkthroughPage, code: str) -> None:
    """Click the item in the list, as a person would (it must be listed)."""
    row = page.item_model.row_of(code)
    assert row is not None, f"{code} is not listed: {listed(page)}"
    index = page.item_model.index(row, 1)
    page.items.scrollTo(index)
    QTest.mouseClick(
        page.items.viewport(), Qt.MouseButton.LeftButton, pos=page.items.visualRect(index).center()
    )
    assert page.current_item() is not None and page.current_item().code == code


def stored(window: MainWindow, assessment_id: int, code: str) -> Any:
    return window.workspace.answers.get(assessment_id, code)
