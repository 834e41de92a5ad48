"""Which items of the bundled templates assess which point of the bureau's annual plan.

The plan's points live in ``resources/plan/wujin-2024-points.json``: number, part, title, and
for work the bureau does itself (not a school) ``"school_level": false`` with a reason.  Every
item of a bundled template cites one point in its ``clause`` (``§9``).  ``check_coverage``
finds what does not fit together — a clause that is not ``§N``, a point the plan does not have,
a school-level point that no item assesses, a bureau-level point that an item cites anyway —
and ``render_markdown`` writes the table in ``docs/plan-coverage.md``.

``python scripts/plan_coverage.py`` rewrites that file (``--check`` only compares).  It is a
documentation generator, so it lives beside the other scripts, outside the program.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wjself import resources
from wjself.atomic import write_bytes
from wjself.core.errors import InputError, Problem
from wjself.core.template import Template
from wjself.formats.json_template import parse_json_bytes
from wjself.formats.templates import read_template

PLAN_FILE = ("plan", "wujin-2024-points.json")
DOC_NAME = "plan-coverage.md"
CLAUSE_PATTERN = re.compile(r"^§([1-9][0-9]*)$")
PART_NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")

# Shows template authors every answer kind; it is not one of the bureau's checklists, and its
# items would make points look assessed that no real checklist covers.
NOT_PLAN_TEMPLATES = frozenset({"wj-sample"})


@dataclass(frozen=True, slots=True)
class Part:
    """One of the plan's parts (一 … 六) and its title."""

    numeral: str
    title: str


@dataclass(frozen=True, slots=True)
class Point:
    """One numbered point of the plan; ``reason`` says why a bureau-level point is not assessed."""

    number: int
    part: str
    title: str
    school_level: bool = True
    reason: str = ""

    @property
    def label(self) -> str:
        return f"§{self.number} {self.title}"


@dataclass(frozen=True, slots=True)
class Plan:
    """The plan's parts and points, in the plan's order; ``file`` is where they were read."""

    title: str
    parts: tuple[Part, ...]
    points: tuple[Point, ...]
    file: str = ""

    def point(self, number: int) -> Point | None:
        return next((p for p in self.points if p.number == number), None)

    def index_of(self, number: int) -> int:
        return next(i for i, p in enumerate(self.points) if p.number == number)


@dataclass(frozen=True, slots=True)
class Source:
    """A template together with the file it was read from (for locating problems)."""

    template: Template
    file: str = ""


class Issue(StrEnum):
    """The kinds of problem ``check_coverage`` reports."""

    MALFORMED_CLAUSE = "malformed_clause"  # not exactly one "§N"
    UNKNOWN_POINT = "unknown_point"  # §N where the plan has no point N
    UNCOVERED = "uncovered"  # school-level point with no item citing it
    CONTRADICTION = "contradiction"  # bureau-level point (has a reason) cited by an item


@dataclass(frozen=True, slots=True)
class CoverageProblem:
    """One coverage problem: its kind, the point it concerns (if any), and where to fix it."""

    issue: Issue
    problem: Problem
    point: int | None = None

    def __str__(self) -> str:
        return str(self.problem)


@dataclass(frozen=True, slots=True)
class Citation:
    """One item that cites a point."""

    template_id: str
    template_title: str
    item_code: str


# ---------------------------------------------------------------- reading the plan


def plan_path() -> Path:
    return resources.path(*PLAN_FILE)


def load_plan(path: Path | None = None) -> Plan:
    """Read the plan's points file; raise InputError naming every problem in it."""
    path = path or plan_path()
    name = display_path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError([Problem(f"无法读取计划要点文件：{exc.strerror or exc}", name)]) from None
    value, problems = parse_json_bytes(data, name)
    if value is None or problems:
        raise InputError(problems)
    return plan_from_dict(value, name)


def plan_from_dict(value: Any, file: str = "") -> Plan:
    """Build a Plan from plain data; raise InputError naming every problem with its JSON path."""
    problems: list[Problem] = []

    def bad(path: str, message: str, field: str = "") -> None:
        problems.append(Problem(message, file, path, field=field))

    if not isinstance(value, dict):
        raise InputError([Problem("计划要点文件应为 JSON 对象", file)])
    title = value.get("title")
    if not isinstance(title, str) or not title.strip():
        bad("$", "缺少计划名称", "title")
        title = ""

    parts: list[Part] = []
    raw_parts = value.get("parts")
    if not isinstance(raw_parts, list) or not raw_parts:
        bad("$", "缺少部分列表（一、二 …）", "parts")
        raw_parts = []
    for i, raw in enumerate(raw_parts):
        where = f"$.parts[{i}]"
        if not isinstance(raw, dict):
            bad(where, "应为对象")
            continue
        numeral, part_title = raw.get("part"), raw.get("title")
        expected = PART_NUMERALS[i] if i < len(PART_NUMERALS) else "?"
        if numeral != expected:
            bad(where, f"应为第“{expected}”部分，而不是“{numeral}”", "part")
        if not isinstance(part_title, str) or not part_title.strip():
            bad(where, "缺少部分标题", "title")
        parts.append(Part(str(numeral), str(part_title or "")))
    numerals = [p.numeral for p in parts]

    points: list[Point] = []
    raw_points = value.get("points")
    if not isinstance(raw_points, list) or not raw_points:
        bad("$", "缺少要点列表", "points")
        raw_points = []
    for i, raw in enumerate(raw_points):
        where = f"$.points[{i}]"
        if not isinstance(raw, dict):
            bad(where, "应为对象")
            continue
        number, part = raw.get("number"), raw.get("part")
        point_title, reason = raw.get("title"), raw.get("reason", "")
        school_level = raw.get("school_level", True)
        if isinstance(number, bool) or number != i + 1:
            bad(where, f"要点应按计划顺序编号，此处应为 {i + 1}，而不是 {number!r}", "number")
        if part not in numerals:
            bad(where, f"部分“{part}”不在 parts 列表中", "part")
        elif (
            points
            and points[-1].part in numerals
            and numerals.index(part) < numerals.index(points[-1].part)
        ):
            bad(where, f"部分“{part}”出现在“{points[-1].part}”之后，不合计划顺序", "part")
        if not isinstance(point_title, str) or not point_title.strip():
            bad(where, "缺少要点标题", "title")
        if not isinstance(school_level, bool):
            bad(where, "应为 true 或 false", "school_level")
            school_level = True
        if not isinstance(reason, str):
            bad(where, "应为文字", "reason")
            reason = ""
        if not school_level and not reason.strip():
            bad(where, "不在学校层面评估的要点须说明理由（reason）", "reason")
        if school_level and reason.strip():
            bad(
                where,
                "学校层面的要点不应写理由；若确属教育局层面，请设 school_level 为 false",
                "reason",
            )
        points.append(
            Point(
                number if isinstance(number, int) and not isinstance(number, bool) else i + 1,
                str(part),
                str(point_title or ""),
                school_level,
                reason.strip(),
            )
        )
    for part_obj in parts:
        if not any(p.part == part_obj.numeral for p in points):
            bad("$.parts", f"第“{part_obj.numeral}”部分没有要点")
    if problems:
        raise InputError(problems)
    return Plan(title, tuple(parts), tuple(points), file)


def display_path(path: Path) -> str:
    """``path`` relative to the checkout when inside it, so the document reads the same anywhere."""
    try:
        return path.resolve().relative_to(resources.root().parent.resolve()).as_posix()
    except ValueError:
        return str(path)


def bundled_sources() -> list[Source]:
    """Every bundled template that belongs to the plan's checklists (the sample excluded)."""
    sources = [Source(read_template(p), display_path(p)) for p in resources.bundled_templates()]
    return [s for s in sources if s.template.id not in NOT_PLAN_TEMPLATES]


# ---------------------------------------------------------------- checking


def citations(plan: Plan, sources: Iterable[Source]) -> dict[int, list[Citation]]:
    """For every point of the plan, the items (in template order) whose clause cites it."""
    cited: dict[int, list[Citation]] = {p.number: [] for p in plan.points}
    for source in sorted(sources, key=lambda s: s.template.id):
        t = source.template
        for item in t.items():
            match = CLAUSE_PATTERN.match(item.clause.strip())
            if match and int(match.group(1)) in cited:
                cited[int(match.group(1))].append(Citation(t.id, t.title, item.code))
    return cited


def check_coverage(plan: Plan, sources: Sequence[Source]) -> list[CoverageProblem]:
    """Every coverage problem of ``sources`` against ``plan``; empty when all fits."""
    found: list[CoverageProblem] = []
    for source in sorted(sources, key=lambda s: s.template.id):
        t = source.template
        for si, section in enumerate(t.sections):
            for ii, item in enumerate(section.items):
                where = Problem(
                    "", source.file or t.id, f"$.sections[{si}].items[{ii}]", field="clause"
                )
                clause = item.clause.strip()
                match = CLAUSE_PATTERN.match(clause)
                if not match:
                    message = (
                        f"检查项 {item.code} 没有注明计划条款，应写作“§9”这样的一个条款"
                        if not clause
                        else f"检查项 {item.code} 的计划条款“{clause}”格式不对，"
                        "应只写一个条款，如“§9”"
                    )
                    found.append(_at(where, Issue.MALFORMED_CLAUSE, message))
                    continue
                number = int(match.group(1))
                if plan.point(number) is None:
                    last = plan.points[-1].number if plan.points else 0
                    found.append(
                        _at(
                            where,
                            Issue.UNKNOWN_POINT,
                            f"检查项 {item.code} 引用的 §{number} 不存在，"
                            f"《{plan.title}》只有 §1–§{last}；请改正条款",
                            number,
                        )
                    )
    cited = citations(plan, sources)
    for point in plan.points:
        where = Problem("", plan.file, f"$.points[{plan.index_of(point.number)}]")
        codes = [f"{c.template_id}:{c.item_code}" for c in cited[point.number]]
        if point.school_level and not codes:
            found.append(
                _at(
                    where,
                    Issue.UNCOVERED,
                    f"{point.label} 没有任何检查项引用：请在模板中加入 clause 为“§{point.number}”的检查项，"
                    "或（确属教育局层面工作时）在要点文件中设 school_level 为 false 并写明理由",
                    point.number,
                )
            )
        elif not point.school_level and codes:
            found.append(
                _at(
                    where,
                    Issue.CONTRADICTION,
                    f"{point.label} 标为教育局层面（{point.reason}），"
                    f"却被检查项引用：{'、'.join(codes)}；请改正这些检查项的条款，或删去理由",
                    point.number,
                )
            )
    return found


def _at(where: Problem, issue: Issue, message: str, point: int | None = None) -> CoverageProblem:
    return CoverageProblem(
        issue, Problem(message, where.file, where.sheet, where.row, where.field), point
    )


# ---------------------------------------------------------------- the document


def render_markdown(plan: Plan, sources: Sequence[Source]) -> str:
    """``docs/plan-coverage.md``: each point in plan order with the items that assess it."""
    cited = citations(plan, sources)
    problems = check_coverage(plan, sources)
    templates = sorted((s.template for s in sources), key=lambda t: t.id)
    assessed = [p for p in plan.points if cited[p.number]]
    bureau = [p for p in plan.points if not p.school_level]
    open_points = [p for p in plan.points if p.school_level and not cited[p.number]]
    item_total = sum(len(c) for c in cited.values())

    out: list[str] = [f"# 《{_md(plan.title)}》与内置检查表的对应情况", ""]
    out += [
        "本文件由 `python scripts/plan_coverage.py` 根据 `resources/plan/wujin-2024-points.json`"
        " 和 `resources/templates/` 中的内置模板生成，请勿手改；模板或要点变动后重新运行该命令。"
        "示例模板（" + "、".join(sorted(NOT_PLAN_TEMPLATES)) + "）不计入。",
        "",
        f"共 {len(plan.points)} 条要点：{len(assessed)} 条由 {len(templates)} 个模板的"
        f" {item_total} 个检查项评估；{len(bureau)} 条属教育局层面工作，不在学校自评"
        + (f"；{len(open_points)} 条尚无检查项。" if open_points else "。"),
        "",
    ]
    for part in plan.parts:
        out += [f"## {part.numeral}、{_md(part.title)}", ""]
        out += ["| 要点 | 检查项数 | 模板与检查项 |", "| --- | ---: | --- |"]
        for point in (p for p in plan.points if p.part == part.numeral):
            items = cited[point.number]
            if items:
                cell = "<br>".join(_template_cell(group) for group in _by_template(items))
                out.append(f"| {_md(point.label)} | {len(items)} | {cell} |")
            elif not point.school_level:
                out.append(f"| {_md(point.label)} | — | 教育局层面：{_md(point.reason)} |")
            else:
                out.append(f"| {_md(point.label)} | 0 | **尚无检查项** |")
        out.append("")

    out += ["## 各模板引用的要点", ""]
    out += ["| 模板 | 标题 | 检查项数 | 引用要点 |", "| --- | --- | ---: | --- |"]
    for t in templates:
        numbers = sorted(
            {int(m.group(1)) for i in t.items() if (m := CLAUSE_PATTERN.match(i.clause.strip()))}
        )
        refs = "、".join(f"§{n}" for n in numbers) or "—"
        out.append(f"| `{t.id}` | {_md(t.title)} | {t.item_count()} | {refs} |")
    out.append("")

    if problems:
        out += ["## 待处理", ""]
        out += [f"- {_md(str(p))}" for p in problems]
        out.append("")
    return "\n".join(out)


def _by_template(items: list[Citation]) -> list[list[Citation]]:
    groups: dict[str, list[Citation]] = {}
    for c in items:
        groups.setdefault(c.template_id, []).append(c)
    return list(groups.values())


def _template_cell(group: list[Citation]) -> str:
    first = group[0]
    codes = "、".join(c.item_code for c in group)
    return f"《{_md(first.template_title)}》`{first.template_id}` {len(group)} 项：{codes}"


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell: no pipe breaks a row, no newline ends it."""
    return (
        text.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("<", "&lt;")
        .replace("\r", " ")
        .replace("\n", " ")
    )


def doc_path() -> Path:
    """Where the document lives in a source checkout (beside ``resources``)."""
    return resources.root().parent / "docs" / DOC_NAME


def current_markdown() -> str:
    """The document as the plan file and the bundled templates make it now."""
    return render_markdown(load_plan(), bundled_sources())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python scripts/plan_coverage.py",
        description="根据计划要点和内置模板生成 docs/plan-coverage.md",
    )
    parser.add_argument("-o", "--output", type=Path, default=None, help="输出文件（默认 docs/…）")
    parser.add_argument("--check", action="store_true", help="只比较，不写入；文件过期时退出码 1")
    args = parser.parse_args(argv)
    target: Path = args.output or doc_path()
    try:
        plan, sources = load_plan(), bundled_sources()
    except InputError as exc:
        print(exc, file=sys.stderr)
        return 2
    text = render_markdown(plan, sources)
    for problem in check_coverage(plan, sources):
        print(f"注意：{problem}", file=sys.stderr)
    if args.check:
        try:
            same = target.read_text("utf-8") == text
        except OSError:
            same = False
        if not same:
            print(f"{target} 不是最新的，请运行 python scripts/plan_coverage.py", file=sys.stderr)
            return 1
        print(f"{target} 是最新的")
        return 0
    write_bytes(target, text.encode("utf-8"))
    print(f"已写入 {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
