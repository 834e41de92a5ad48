"""Plan a fully answered 10,000-item draft's upgrade, with the diff and both reports (≤ 1 s).

10,000 items is ``Limits.ITEMS``, the largest template wjself accepts.  The new version rewords,
re-kinds, removes, adds and moves a share of the items, so every path of the plan is taken.
"""

from __future__ import annotations

import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wjself.core.assessment import Answer, Rectification, Status
from wjself.core.diff_report import diff_to_dict, format_diff
from wjself.core.stages import Profile
from wjself.core.targets import Target
from wjself.core.template import Item, Kind, Option, Section, Template
from wjself.core.upgrade import plan_upgrade
from wjself.core.upgrade_report import format_plan, plan_to_dict

BUDGET_S = 1.0
ITEMS = 10_000
PER_SECTION = 100
KINDS = (Kind.COMPLIANCE, Kind.PERCENT, Kind.YES_NO, Kind.TEXT, Kind.SINGLE)
OPTIONS = (Option("a", "已落实", 1.0), Option("b", "部分落实", 0.5), Option("c", "未落实", 0.0))
VALUES = {
    Kind.COMPLIANCE: "met",
    Kind.PERCENT: 95.0,
    Kind.YES_NO: "yes",
    Kind.TEXT: "情况说明",
    Kind.SINGLE: "c",
}


def old_version(n_items: int) -> Template:
    sections = []
    for s in range(n_items // PER_SECTION):
        items = []
        for i in range(PER_SECTION):
            kind = KINDS[i % len(KINDS)]
            items.append(
                Item(
                    code=f"S{s:03d}.{i:03d}",
                    text=f"第{s + 1}部分第{i + 1}项：学校落实安全管理制度，建立台账并定期检查。",
                    kind=kind,
                    method="查阅资料；现场查看",
                    clause="§21",
                    options=OPTIONS if kind is Kind.SINGLE else (),
                    target=Target(">=", 90.0) if kind is Kind.PERCENT else None,
                )
            )
        sections.append(Section(f"S{s:03d}", f"第{s + 1}部分", tuple(items)))
    return Template(id="bench", version="2024.1", title="性能测试模板", sections=tuple(sections))


def new_version(old: Template) -> Template:
    sections: list[Section] = []
    for si, section in enumerate(old.sections):
        items: list[Item] = []
        for n, before in enumerate(section.items):
            if n % 20 == 1:
                continue  # removed
            item = before
            if n % 10 == 2:
                item = replace(before, text=before.text + "（修订）")
            elif n % 20 == 5 and before.kind is Kind.COMPLIANCE:
                item = replace(before, kind=Kind.YES_NO)
            elif before.kind is Kind.SINGLE and n % 2 == 0:
                item = replace(before, options=OPTIONS[:2])
            items.append(item)
        items += [
            Item(f"N{si:03d}.{k}", "新增检查项。", Kind.COMPLIANCE)
            for k in range(PER_SECTION // 20)
        ]
        sections.append(replace(section, items=tuple(items)))
    # move the first item of every section to the next one
    moved = [replace(s, items=s.items[1:]) for s in sections]
    for i, s in enumerate(sections):
        target = moved[(i + 1) % len(moved)]
        moved[(i + 1) % len(moved)] = replace(target, items=(*target.items, s.items[0]))
    return replace(old, version="2024.2", sections=tuple(moved))


def measure(n_items: int) -> float:
    """Median seconds for plan + diff + reports of a fully answered ``n_items`` draft."""
    old = old_version(n_items)
    new = new_version(old)
    answers = {i.code: Answer(i.code, VALUES[i.kind], note="备注") for i in old.items()}
    rects = tuple(Rectification(n, 1, code) for n, code in enumerate(list(answers)[::50]))
    profile = Profile.of(["小学"])
    times = []
    for _ in range(5):
        start = time.perf_counter()
        plan = plan_upgrade(old, new, answers, rects, status=Status.DRAFT, profile=profile)
        diff_to_dict(plan.diff)
        plan_to_dict(plan)
        format_diff(plan.diff)
        format_plan(plan)
        times.append(time.perf_counter() - start)
    c = plan.counts
    assert c.answered == n_items
    assert c.carried + c.reconfirm + c.set_aside + c.removed == n_items
    best, median = min(times), statistics.median(times)
    print(
        f"diff + upgrade plan + reports, {n_items} answered items "
        f"(carried {c.carried}, reconfirm {c.reconfirm}, set aside {c.set_aside}, "
        f"removed {c.removed}, added {c.added_unanswered}): "
        f"median {median:.3f} s, best {best:.3f} s"
    )
    return median


def main() -> int:
    measure(300)  # a large real checklist
    median = measure(ITEMS)
    print(f"budget for {ITEMS} items: {BUDGET_S:.1f} s")
    return 0 if median <= BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
