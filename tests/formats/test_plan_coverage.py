# mypy: disable-error-code="valid-type,no-any-return,name-defined"
# (the generator is loaded from scripts/ at run time: its classes are values to mypy)
"""The plan's 23 points, the items that cite them, and the generated docs/plan-coverage.md."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, _env
from tests.helpers.factory import item, template
from wjself.core.errors import InputError

SCRIPT = REPO / "scripts" / "plan_coverage.py"
# A documentation generator, not part of the program: loaded from scripts/ as a module.
_spec = importlib.util.spec_from_file_location("plan_coverage", SCRIPT)
assert _spec and _spec.loader
coverage = importlib.util.module_from_spec(_spec)
sys.modules["plan_coverage"] = coverage  # dataclasses look their module up by name
_spec.loader.exec_module(coverage)
Issue, Plan, Source = coverage.Issue, coverage.Plan, coverage.Source
check_coverage, load_plan, plan_from_dict = (
    coverage.check_coverage,
    coverage.load_plan,
    coverage.plan_from_dict,
)

PLAN_TEXT = REPO.parent / "shared" / "plan" / "wujin-2024-education-work-points.txt"
POINTS_FILE = REPO / "resources" / "plan" / "wujin-2024-points.json"
DOC = REPO / "docs" / "plan-coverage.md"

BUREAU_LEVEL = frozenset({3, 11})


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan()


@pytest.fixture(scope="module")
def sources() -> list[Source]:
    return coverage.bundled_sources()


# ---------------------------------------------------------------- the points file


def test_points_file_has_the_plans_23_points_in_order(plan: Plan) -> None:
    assert [p.number for p in plan.points] == list(range(1, 24))
    assert [p.numeral for p in plan.parts] == ["一", "二", "三", "四", "五", "六"]
    by_part = {
        part.numeral: [p.number for p in plan.points if p.part == part.numeral]
        for part in plan.parts
    }
    assert by_part == {
        "一": [1, 2, 3, 4, 5],
        "二": [6, 7, 8],
        "三": [9, 10, 11, 12],
        "四": [13, 14, 15],
        "五": [16, 17, 18, 19],
        "六": [20, 21, 22, 23],
    }


@pytest.mark.skipif(not PLAN_TEXT.is_file(), reason="the plan text sits beside the repository")
def test_point_and_part_titles_are_the_plans_own_words(plan: Plan) -> None:
    text = PLAN_TEXT.read_text("utf-8")
    parts = dict(re.findall(r"^([一二三四五六])、(.+?)\s*$", text, re.M))
    points = {int(n): t for n, t in re.findall(r"^(\d+)\.([^。]+)。", text, re.M)}
    assert len(points) == 23
    assert {p.numeral: p.title for p in plan.parts} == parts
    assert {p.number: p.title for p in plan.points} == points
    # And each point sits in the part the plan puts it under.
    numeral_at: dict[int, str] = {}
    current = ""
    for line in text.splitlines():
        if m := re.match(r"^([一二三四五六])、", line):
            current = m.group(1)
        elif m := re.match(r"^(\d+)\.", line):
            numeral_at[int(m.group(1))] = current
    assert {p.number: p.part for p in plan.points} == numeral_at


def test_bureau_level_points_have_reasons_and_school_points_do_not(plan: Plan) -> None:
    bureau = {p.number for p in plan.points if not p.school_level}
    assert bureau == BUREAU_LEVEL
    for point in plan.points:
        if point.number in bureau:
            assert len(point.reason) >= 10 and point.reason.endswith("。"), point
        else:
            assert point.reason == "", point


# ---------------------------------------------------------------- the bundled templates


def test_bundled_templates_cite_only_real_points_and_no_bureau_point(
    plan: Plan, sources: list[Source]
) -> None:
    problems = [p for p in check_coverage(plan, sources) if p.issue is not Issue.UNCOVERED]
    assert not problems, "\n".join(map(str, problems))


def test_every_point_has_items_or_a_reason(plan: Plan, sources: list[Source]) -> None:
    uncovered = [p for p in check_coverage(plan, sources) if p.issue is Issue.UNCOVERED]
    assert not uncovered, "\n".join(map(str, uncovered))


def test_the_sample_template_does_not_count(sources: list[Source]) -> None:
    ids = {s.template.id for s in sources}
    assert "wj-sample" not in ids
    assert {"wj2024-double-reduction", "wj2024-party", "wj2024-smart-campus"} <= ids


# ---------------------------------------------------------------- the checker on bad input


def small_plan() -> Plan:
    return plan_from_dict(
        {
            "title": "测试要点",
            "parts": [{"part": "一", "title": "第一部分"}],
            "points": [
                {"number": 1, "part": "一", "title": "学校做的事"},
                {
                    "number": 2,
                    "part": "一",
                    "title": "局里做的事",
                    "school_level": False,
                    "reason": "由教育局实施。",
                },
                {"number": 3, "part": "一", "title": "没人管的事"},
            ],
        },
        "points.json",
    )


def source(*items: dict[str, Any]) -> Source:
    return Source(template(list(items)), "t.json")


def issues(found: list[coverage.CoverageProblem]) -> list[tuple[Issue, int | None]]:
    return [(p.issue, p.point) for p in found]


def test_checker_passes_a_good_example() -> None:
    good = source(item("A1", clause="§1"), item("A2", clause="§3"))
    assert check_coverage(small_plan(), [good]) == []


def test_checker_finds_a_point_that_does_not_exist() -> None:
    found = check_coverage(
        small_plan(),
        [source(item("A1", clause="§1"), item("A2", clause="§3"), item("A3", clause="§24"))],
    )
    assert issues(found) == [(Issue.UNKNOWN_POINT, 24)]
    assert str(found[0]) == (
        "t.json:$.sections[0].items[2]: clause: 检查项 A3 引用的 §24 不存在，《测试要点》只有 §1–§3；请改正条款"
    )


@pytest.mark.parametrize("clause", ["", "9", "第9条", "§9、§10", "§ 9", "§09", "§0", "§9a"])
def test_checker_finds_a_malformed_clause(clause: str) -> None:
    found = check_coverage(
        small_plan(),
        [source(item("A1", clause="§1"), item("A2", clause="§3"), item("A9", clause=clause))],
    )
    assert issues(found) == [(Issue.MALFORMED_CLAUSE, None)]
    assert "A9" in str(found[0]) and "$.sections[0].items[2]" in str(found[0])


def test_checker_finds_a_point_with_neither_items_nor_reason() -> None:
    found = check_coverage(small_plan(), [source(item("A1", clause="§1"))])
    assert issues(found) == [(Issue.UNCOVERED, 3)]
    assert str(found[0]).startswith("points.json:$.points[2]: §3 没人管的事 没有任何检查项引用")


def test_checker_finds_a_bureau_point_that_is_cited() -> None:
    found = check_coverage(
        small_plan(),
        [source(item("A1", clause="§1"), item("A2", clause="§2"), item("A3", clause="§3"))],
    )
    assert issues(found) == [(Issue.CONTRADICTION, 2)]
    assert "t-test:A2" in str(found[0])


def test_checker_with_no_templates_reports_every_school_level_point(plan: Plan) -> None:
    found = check_coverage(plan, [])
    school_level = {p.number for p in plan.points if p.school_level}
    assert issues(found) == [(Issue.UNCOVERED, n) for n in sorted(school_level)]


@pytest.mark.parametrize(
    ("change", "where", "words"),
    [
        (lambda d: d["points"][1].update(number=5), "$.points[1]", "应为 2"),
        (lambda d: d["points"][0].update(part="七"), "$.points[0]", "不在 parts 列表中"),
        (lambda d: d["points"][1].pop("reason"), "$.points[1]", "须说明理由"),
        (lambda d: d["points"][0].update(reason="其实由局里做。"), "$.points[0]", "不应写理由"),
        (lambda d: d["points"][0].update(title=""), "$.points[0]", "缺少要点标题"),
        (lambda d: d["parts"][0].update(part="二"), "$.parts[0]", "应为第“一”部分"),
        (lambda d: d["points"][2].update(school_level="否"), "$.points[2]", "true 或 false"),
    ],
)
def test_points_file_problems_are_located(change: Any, where: str, words: str) -> None:
    data: dict[str, Any] = {
        "title": "测试要点",
        "parts": [{"part": "一", "title": "第一部分"}],
        "points": [
            {"number": 1, "part": "一", "title": "甲"},
            {
                "number": 2,
                "part": "一",
                "title": "乙",
                "school_level": False,
                "reason": "由教育局实施。",
            },
            {"number": 3, "part": "一", "title": "丙"},
        ],
    }
    plan_from_dict(json.loads(json.dumps(data)), "p.json")  # the unchanged example is fine
    change(data)
    with pytest.raises(InputError) as caught:
        plan_from_dict(data, "p.json")
    assert any(p.sheet == where and words in p.message for p in caught.value.problems), caught.value


def test_points_file_duplicate_keys_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text('{"title": "a", "title": "b", "parts": [], "points": []}', "utf-8")
    with pytest.raises(InputError, match="出现了两次"):
        load_plan(path)


# ---------------------------------------------------------------- the document


def test_coverage_document_is_current() -> None:
    assert DOC.read_text("utf-8") == coverage.current_markdown(), (
        "docs/plan-coverage.md is stale; run: python scripts/plan_coverage.py"
    )


def test_document_lists_every_point_with_its_codes_or_reason(
    plan: Plan, sources: list[Source]
) -> None:
    text = coverage.render_markdown(plan, sources)
    for point in plan.points:
        row = next(line for line in text.splitlines() if line.startswith(f"| {point.label} |"))
        if not point.school_level:
            assert point.reason in row
        else:
            assert re.search(r"\| \d+ \| 《", row), row
    assert (
        "| §9 常态落实“双减” | 25 | 《“双减”落实自查表》`wj2024-double-reduction` 23 项：SJ1.01、"
        in text
    )
    # Parts appear in the plan's order, each followed by its own points.
    headings = [line for line in text.splitlines() if line.startswith("## ") and "、" in line[:6]]
    assert [h[3] for h in headings] == ["一", "二", "三", "四", "五", "六"]


def test_document_cells_cannot_be_broken_by_template_text(plan: Plan) -> None:
    odd = Source(template([item("A1", clause="§1")], title="标题|带竖线\n和换行"), "t.json")
    text = coverage.render_markdown(plan, [odd])
    row = next(line for line in text.splitlines() if line.startswith("| §1 "))
    assert row.count(" | ") == 2 and "标题\\|带竖线 和换行" in row


def test_module_rewrites_and_checks_the_document(tmp_path: Path) -> None:
    out = tmp_path / "coverage.md"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, str(SCRIPT), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=_env(),
            check=False,
        )

    assert run("--check", "-o", str(out)).returncode == 1
    written = run("-o", str(out))
    assert written.returncode == 0, written.stderr
    assert out.read_text("utf-8") == DOC.read_text("utf-8")
    assert run("--check", "-o", str(out)).returncode == 0
    out.write_text("旧内容", "utf-8")
    stale = run("--check", "-o", str(out))
    assert stale.returncode == 1 and "不是最新的" in stale.stderr
