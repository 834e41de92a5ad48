"""Every template rule finds its problem, located, and all problems come out in one pass."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers.factory import item, template_dict
from wjself.core.codec import template_from_dict, template_to_dict
from wjself.core.errors import Problem


def problems_of(data: dict[str, Any]) -> list[Problem]:
    return template_from_dict(data, "t.json")[1]


def messages(data: dict[str, Any]) -> str:
    return "\n".join(str(p) for p in problems_of(data))


def test_valid_template_has_no_problems() -> None:
    assert (
        problems_of(template_dict([item("A"), item("B", "number", target=">= 1", unit="次")])) == []
    )


@pytest.mark.parametrize(
    ("mutate", "where", "fragment"),
    [
        (lambda d: d.pop("id"), "$", "模板编号"),
        (lambda d: d.update(id="有 空格"), "$", "模板编号"),
        (lambda d: d.pop("version"), "$", "版本号"),
        (lambda d: d.update(title=""), "$", "标题"),
        (lambda d: d.update(title="长" * 201), "$", "过长"),
        (lambda d: d.update(stages=["大学"]), "$", "未知学段"),
        (lambda d: d.update(partial_credit=2), "$", "0 到 1"),
        (lambda d: d.update(bands=[{"label": "好", "min": 50}]), "$", "分数线为 0"),
        (
            lambda d: d.update(bands=[{"label": "好", "min": 150}, {"label": "差", "min": 0}]),
            "$",
            "0 到 100",
        ),
        (lambda d: d.update(sections=[]), "$", "没有任何分组"),
        (lambda d: d.update(surprise=1), "$", "未知字段"),
        (lambda d: d.update(published="2024-13-01"), "$", "发布日期"),
        (lambda d: d["sections"][0].update(items=[]), "$.sections[0]", "没有检查项"),
        (lambda d: d["sections"][0]["items"].append(item("A")), "$.sections[0].items[2]", "重复"),
        (
            lambda d: d["sections"][0]["items"][0].update(code="1.1"),
            "$.sections[0].items[0]",
            "以字母",
        ),
        (lambda d: d["sections"][0]["items"][0].pop("code"), "$.sections[0].items[0]", "缺少代码"),
        (
            lambda d: d["sections"][0]["items"][0].update(text=" "),
            "$.sections[0].items[0]",
            "缺少内容",
        ),
        (
            lambda d: d["sections"][0]["items"][0].update(kind="photo"),
            "$.sections[0].items[0]",
            "未知题型",
        ),
        (
            lambda d: d["sections"][0]["items"][0].update(kind="single"),
            "$.sections[0].items[0]",
            "缺少选项",
        ),
        (
            lambda d: d["sections"][0]["items"][0].update(target="about 90"),
            "$.sections[0].items[0]",
            "目标",
        ),
        (
            lambda d: d["sections"][0]["items"][0].update(kind="text", target=">= 1"),
            "$.sections[0].items[0]",
            "设目标",
        ),
        (
            lambda d: d["sections"][0]["items"][0].update(weight=-1),
            "$.sections[0].items[0]",
            "权重",
        ),
        (
            lambda d: d["sections"][0]["items"][0].update(weight="heavy"),
            "$.sections[0].items[0]",
            "数字",
        ),
        (
            lambda d: d["sections"][0]["items"][0].update(kind="text", weight=2),
            "$.sections[0].items[0]",
            "不计分",
        ),
        (
            lambda d: d["sections"][0]["items"][0].update(show_if="${B} = 'met'"),
            "$.sections[0].items[0]",
            "前面",
        ),
        (
            lambda d: d["sections"][0]["items"][1].update(show_if="${Z} = 'met'"),
            "$.sections[0].items[1]",
            "不存在",
        ),
        (
            lambda d: d["sections"][0]["items"][1].update(show_if="${A} = 'good'"),
            "$.sections[0].items[1]",
            "可选值",
        ),
        (
            lambda d: d["sections"][0]["items"][1].update(show_if="${A} ="),
            "$.sections[0].items[1]",
            "条件",
        ),
        (
            lambda d: d["sections"][0]["items"][1].update(applies_to={"stages": ["大学"]}),
            "$.sections[0].items[1]",
            "未知学段",
        ),
        (
            lambda d: d["sections"][0]["items"][1].update(applies_to={"facts": {"has_pool": True}}),
            "$.sections[0].items[1]",
            "未知学校情况",
        ),
        (
            lambda d: d["sections"][0]["items"][1].update(kind="number", unit="%"),
            "$.sections[0].items[1]",
            "百分比",
        ),
        (
            lambda d: d["sections"][0]["items"][1].update(text="字" * 1001),
            "$.sections[0].items[1]",
            "过长",
        ),
        (
            lambda d: d["sections"][0]["items"][1].update(required="yes"),
            "$.sections[0].items[1]",
            "true 或 false",
        ),
        (
            lambda d: d["sections"][0]["items"][1].update(
                kind="single", options=[{"name": "a"}, {"name": "a"}]
            ),
            "$.sections[0].items[1]",
            "重复",
        ),
        (
            lambda d: d["sections"][0]["items"][1].update(
                kind="single", options=[{"name": "a", "score": 3}]
            ),
            "$.sections[0].items[1]",
            "0 到 1",
        ),
        (
            lambda d: d["sections"][0]["items"][1].update(options=[{"name": "a"}]),
            "$.sections[0].items[1]",
            "只有单选",
        ),
        (
            lambda d: d["sections"].append({"code": "A", "title": "x", "items": [item("Q")]}),
            "$.sections[1]",
            "重复",
        ),
    ],
)
def test_rule(mutate: Any, where: str, fragment: str) -> None:
    data = template_dict([item("A"), item("B")])
    mutate(data)
    found = problems_of(data)
    assert any(p.sheet == where and fragment in p.message for p in found), "\n".join(
        map(str, found)
    )


def test_every_problem_in_one_pass() -> None:
    data = template_dict([item("1x"), item("B", "single"), item("C", target="x")])
    data.pop("title")
    found = problems_of(data)
    assert len(found) >= 4
    assert all(p.file == "t.json" for p in found)


def test_problem_line_format() -> None:
    p = Problem("缺少内容", "f.xlsx", "survey", 7, "label")
    assert str(p) == "f.xlsx:survey:7: label: 缺少内容"


def test_dict_round_trip_is_exact() -> None:
    data = template_dict(
        [
            item("A", weight=2, required=True, clause="§21", method="查阅资料", evidence="台账"),
            item("B", "percent", target=">= 90"),
            item(
                "C",
                "single",
                options=[
                    {"name": "x", "label": "甲", "score": 1},
                    {"name": "y", "label": "乙", "score": 0},
                ],
            ),
            item(
                "D",
                "text",
                show_if="${A} = 'not_met'",
                applies_to={"stages": ["小学"], "facts": {"has_canteen": True}},
            ),
        ],
        issuer="区教育局",
        published="2024-03-01",
        stages=["小学", "初中"],
        partial_credit=0.6,
    )
    t, problems = template_from_dict(data)
    assert problems == []
    again, _ = template_from_dict(template_to_dict(t))
    assert again == t
