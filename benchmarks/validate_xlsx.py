"""Validate a generated 5,000-item XLSForm template and print the time (budget ≤ 2 s)."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wjself.core.stages import Applicability
from wjself.core.targets import Target
from wjself.core.template import Item, Kind, Section, Template
from wjself.formats.templates import load_template
from wjself.formats.xlsform_write import write_xlsform

BUDGET_S = 2.0
ITEMS = 5000


def generated(n: int) -> Template:
    sections = []
    per = 100
    for s in range(n // per):
        items = []
        for i in range(per):
            code = f"S{s:02d}.{i:03d}"
            kind = (Kind.COMPLIANCE, Kind.PERCENT, Kind.YES_NO, Kind.TEXT)[i % 4]
            items.append(
                Item(
                    code=code,
                    text=f"第{s + 1}部分第{i + 1}项：学校落实安全管理制度，建立台账并定期检查，做到账物相符。",
                    kind=kind,
                    method="查阅资料；现场查看",
                    evidence="制度文本、台账、检查记录",
                    clause="§21",
                    target=Target(">=", 90.0) if kind is Kind.PERCENT else None,
                    required=i % 3 == 0,
                    applies=Applicability(frozenset({"小学"})) if i % 10 == 0 else Applicability(),
                    show_if=f"${{S{s:02d}.{i - 3:03d}}} = 'not_met'" if kind is Kind.TEXT else "",
                )
            )
        sections.append(Section(f"S{s:02d}", f"第{s + 1}部分", tuple(items)))
    return Template(id="bench", version="1", title="性能测试模板", sections=tuple(sections))


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.xlsx"
        write_xlsform(generated(ITEMS), path)
        times = []
        for _ in range(5):
            start = time.perf_counter()
            template, problems = load_template(path)
            times.append(time.perf_counter() - start)
            assert template is not None and not problems, problems[:3]
            assert template.item_count() == ITEMS
        size = path.stat().st_size
    best, median = min(times), statistics.median(times)
    print(
        f"validate {ITEMS}-item XLSX ({size // 1024} KiB): "
        f"median {median:.3f} s, best {best:.3f} s, budget {BUDGET_S:.1f} s"
    )
    return 0 if median <= BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
