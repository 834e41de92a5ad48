"""Show-if conditions: the supported subset parses and evaluates; the rest is refused."""

from __future__ import annotations

import pytest

from wjself.core.expressions import ExpressionError, evaluate, parse, references


@pytest.mark.parametrize(
    ("source", "answers", "expected"),
    [
        ("${A} = 'not_met'", {"A": "not_met"}, True),
        ("${A} = 'not_met'", {"A": "met"}, False),
        ("${A} = 'not_met'", {}, False),
        ("${A} != 'met'", {}, True),
        ("${N} >= 3", {"N": 3.0}, True),
        ("${N} > 3", {"N": 3.0}, False),
        ("3 < ${N}", {"N": 4.0}, True),
        ("${N} < 3", {}, False),
        ("selected(${M}, 'b')", {"M": ["a", "b"]}, True),
        ("selected(${M}, 'c')", {"M": ["a", "b"]}, False),
        ("${A} = 'no' and ${N} >= 1", {"A": "no", "N": 1.0}, True),
        ("${A} = 'no' or ${N} >= 1", {"A": "yes", "N": 0.0}, False),
        ("not(${A} = 'yes')", {"A": "yes"}, False),
        ("(${A} = 'x' or ${A} = 'y') and not(${B} = 'z')", {"A": "y", "B": "w"}, True),
        ('${A} = "met"', {"A": "met"}, True),
    ],
)
def test_evaluate(source: str, answers: dict[str, object], expected: bool) -> None:
    assert evaluate(parse(source), answers) is expected  # type: ignore[arg-type]


def test_references() -> None:
    assert references(parse("${A} = 'x' and selected(${B}, 'y') or not(${C} > 1)")) == {
        "A",
        "B",
        "C",
    }


@pytest.mark.parametrize(
    "source",
    [
        "",
        "${A}",
        "${A} = ",
        "${A} == 'x'",
        "__import__('os')",
        "${A} = 'x' and",
        "${A} = 'x')",
        "count(${A}) > 1",
        "${A} = 'x' ${B}",
    ],
)
def test_refused(source: str) -> None:
    with pytest.raises(ExpressionError):
        parse(source)
