"""Fixtures for store tests: a real workspace on a real SQLite file in the test's data folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SAMPLE
from wjself.core.school import School, normalize_facts
from wjself.core.template import Template
from wjself.formats.templates import read_template
from wjself.paths import DataPaths
from wjself.store import Workspace


@pytest.fixture
def paths(data_dir: Path) -> DataPaths:
    return DataPaths(data_dir)


@pytest.fixture
def ws(paths: DataPaths) -> Iterator[Workspace]:
    workspace = Workspace.open(paths)
    yield workspace
    workspace.close()


@pytest.fixture
def sample() -> Template:
    return read_template(SAMPLE)


def primary_school(**extra: object) -> School:
    facts = extra.pop("facts", {"has_canteen": True, "has_labs": True})
    base: dict[str, object] = {
        "id": 0,
        "name": "武进区测试小学",
        "code": "3204120001",
        "stages": ("小学",),
        "township": "湖塘镇",
        "facts": normalize_facts(facts),  # type: ignore[arg-type]
    }
    base.update(extra)
    return School(**base)  # type: ignore[arg-type]


@pytest.fixture
def school(ws: Workspace) -> School:
    return ws.schools.add(primary_school())


@pytest.fixture
def aid(ws: Workspace, sample: Template, school: School) -> int:
    """A draft assessment of the sample template for a primary school with labs, no school bus."""
    ws.templates.install(sample)
    return ws.assessments.new(school.id, sample.id, None, "2024")
