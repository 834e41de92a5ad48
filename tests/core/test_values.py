"""Reading values as people write them, and showing them back."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.helpers.factory import item, template
from wjself.core.targets import TargetSyntaxError, parse_target
from wjself.core.values import ValueProblem, coerce, display

T = template(
    [
        item("C"),
        item("Y", "yes_no"),
        item("N", "number", unit="次"),
        item("P", "percent"),
        item("D", "date"),
        item("S", "single", options=[{"name": "a", "label": "甲"}, {"name": "b", "label": "乙"}]),
        item(
            "M",
            "multiple",
            options=[
                {"name": "a", "label": "甲"},
                {"name": "b", "label": "乙"},
                {"name": "c", "label": "丙"},
            ],
        ),
        item("T", "text"),
    ]
)


def it(code: str):
    found = T.item(code)
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("code", "raw", "value"),
    [
        ("C", "符合", "met"),
        ("C", "基本符合", "partial"),
        ("C", "不符合", "not_met"),
        ("C", "不适用", "na"),
        ("C", "met", "met"),
        ("C", " N/A ", "na"),
        ("Y", "是", "yes"),
        ("Y", "否", "no"),
        ("Y", True, "yes"),
        ("Y", "No", "no"),
        ("Y", 1.0, "yes"),
        ("N", "3", 3.0),
        ("N", 2.5, 2.5),
        ("N", "1,200", 1200.0),
        ("P", "95%", 95.0),
        ("P", "100", 100.0),
        ("P", 0, 0.0),
        ("D", "2024-03-05", "2024-03-05"),
        ("D", "2024/3/5", "2024-03-05"),
        ("D", "2024年3月5日", "2024-03-05"),
        ("D", dt.date(2024, 3, 5), "2024-03-05"),
        ("D", dt.datetime(2024, 3, 5, 10, 0), "2024-03-05"),
        ("S", "乙", "b"),
        ("S", "a", "a"),
        ("M", "丙、甲", ["a", "c"]),
        ("M", ["b"], ["b"]),
        ("M", "a, b", ["a", "b"]),
        ("T", "说明 <b>&", "说明 <b>&"),
        ("C", "", None),
        ("T", None, None),
    ],
)
def test_coerce(code: str, raw: object, value: object) -> None:
    assert coerce(it(code), raw) == value


@pytest.mark.parametrize(
    ("code", "raw", "fragment"),
    [
        ("C", "好", "符合、基本符合"),
        ("Y", "也许", "是或否"),
        ("N", "三次", "不是数字"),
        ("P", "101", "0 到 100"),
        ("P", "-1", "0 到 100"),
        ("N", "nan", "有限"),
        # Past 15 digits a float no longer holds every whole number: 10^23 would be saved and
        # shown as 99999999999999991611392, and 1e308 printed as 309 digits.
        ("N", "100000000000000000000000", "数字过大"),
        ("N", 1e308, "数字过大"),
        ("N", "-1e16", "数字过大"),
        ("D", "2024-02-30", "有效日期"),
        ("D", "昨天", "有效日期"),
        ("S", "丙", "甲、乙"),
        ("M", "甲 丁", "不是本题的选项"),
        ("N", True, "数字"),
    ],
)
def test_coerce_refuses_with_a_useful_message(code: str, raw: object, fragment: str) -> None:
    with pytest.raises(ValueProblem, match=fragment):
        coerce(it(code), raw)


def test_display() -> None:
    assert display(it("C"), "partial") == "基本符合"
    assert display(it("Y"), "no") == "否"
    assert display(it("N"), 3.0) == "3 次"
    assert display(it("P"), 92.5) == "92.5%"
    assert display(it("M"), ["a", "c"]) == "甲、丙"
    assert display(it("S"), None) == ""


@pytest.mark.parametrize(
    ("text", "op", "value"),
    [
        (">= 90", ">=", 90),
        ("≥90", ">=", 90),
        ("= 100%", "=", 100),
        ("<0.5", "<", 0.5),
        ("== 1", "=", 1),
    ],
)
def test_targets(text: str, op: str, value: float) -> None:
    target = parse_target(text)
    assert (target.op, target.value) == (op, value)


@pytest.mark.parametrize("text", ["90", ">= ninety", "=> 3", ">= inf", ""])
def test_bad_targets(text: str) -> None:
    with pytest.raises(TargetSyntaxError):
        parse_target(text)


def test_yes_no_targets() -> None:
    assert parse_target("= 否", yes_no=True).value == 0.0
    with pytest.raises(TargetSyntaxError):
        parse_target(">= 1", yes_no=True)
