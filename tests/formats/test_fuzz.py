"""Whatever the bytes, the template readers return located problems and never raise."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SAMPLE
from tests.reliability.plugin import tally
from wjself.core.codec import template_from_dict
from wjself.formats.templates import parse_template
from wjself.formats.xlsform_write import xlsform_bytes

SAMPLE_DICT = json.loads(SAMPLE.read_text("utf-8"))
from wjself.formats.templates import read_template  # noqa: E402

SAMPLE_XLSX = xlsform_bytes(read_template(SAMPLE))

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=30,
)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_located(template: Any, problems: list[Any], name: str) -> None:
    assert template is not None or problems
    for problem in problems:
        assert problem.file == name and problem.message


@FUZZ
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".json", ".xlsx", ".txt", ""]))
@pytest.mark.reliability(
    fault="Random template files", method="hypothesis: random bytes as .json/.xlsx/.txt"
)
def test_random_bytes(data: bytes, suffix: str) -> None:
    tally()
    template, problems = parse_template(data, "f" + suffix, suffix)
    assert_located(template, problems, "f" + suffix)


@FUZZ
@given(value=json_values)
@pytest.mark.reliability(
    fault="Random template files", method="hypothesis: random JSON values as a template"
)
def test_random_json(value: Any) -> None:
    tally()
    template, problems = template_from_dict(value, "f.json")
    assert problems, "random data is never a valid template"
    del template


@FUZZ
@given(
    path=st.lists(
        st.sampled_from(
            ["sections", 0, "items", 0, 1, "kind", "options", "applies_to", "code", "text"]
        ),
        min_size=1,
        max_size=6,
    ),
    value=json_values,
)
@pytest.mark.reliability(
    fault="Random template files",
    method="hypothesis: sample template with one field replaced (reader only)",
)
def test_sample_with_one_field_replaced(path: list[Any], value: Any) -> None:
    tally()
    data = json.loads(json.dumps(SAMPLE_DICT))
    node = data
    for key in path[:-1]:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return
    try:
        node[path[-1]] = value
    except (TypeError, IndexError):
        return
    template, problems = template_from_dict(data, "f.json")
    assert template is not None
    for problem in problems:
        assert problem.file == "f.json" and problem.sheet.startswith("$")


@FUZZ
@given(data=st.data())
@pytest.mark.reliability(
    fault="Random template files",
    method="hypothesis: sample XLSX with random bytes changed and cut",
)
def test_damaged_xlsx(data: st.DataObject) -> None:
    tally()
    raw = bytearray(SAMPLE_XLSX)
    for _ in range(data.draw(st.integers(1, 20))):
        pos = data.draw(st.integers(0, len(raw) - 1))
        raw[pos] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(len(raw) // 2, len(raw)))
    template, problems = parse_template(bytes(raw[:cut]), "f.xlsx", ".xlsx")
    assert_located(template, problems, "f.xlsx")
