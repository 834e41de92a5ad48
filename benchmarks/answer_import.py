"""Import 2,000 answers from CSV and from XLSX into a fresh assessment (budget ≤ 2 s each).

Measured: reading the file, checking every value against its item, writing the answers with
one audit row each and the rectification entries, in one transaction (fsynced).
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import openpyxl

from wjself.core.school import School
from wjself.core.targets import Target
from wjself.core.template import Item, Kind, Option, Section, Template
from wjself.formats.answers import read_answer_file
from wjself.paths import DataPaths
from wjself.store import Workspace

BUDGET_S = 2.0
ANSWERS = 2000
KINDS = (Kind.COMPLIANCE, Kind.NUMBER, Kind.PERCENT, Kind.YES_NO, Kind.TEXT, Kind.SINGLE, Kind.DATE)
VALUES = {
    Kind.COMPLIANCE: ("符合", "基本符合", "不符合"),
    Kind.NUMBER: ("3", "1", "12"),
    Kind.PERCENT: ("95%", "88.5", "100"),
    Kind.YES_NO: ("是", "否", "是"),
    Kind.TEXT: ("已落实，台账齐全。", "部分班级记录不全", "见附件"),
    Kind.SINGLE: ("已配备专职教师", "part", "none"),
    Kind.DATE: ("2024-03-05", "2024/4/1", "2024年5月6日"),
}


def generated(n: int) -> Template:
    options = (
        Option("full", "已配备专职教师", 1.0),
        Option("part", "仅有兼职教师", 0.5),
        Option("none", "未配备", 0.0),
    )
    sections = []
    for s in range(n // 100):
        items = []
        for i in range(100):
            kind = KINDS[(s * 100 + i) % len(KINDS)]
            items.append(
                Item(
                    code=f"S{s:02d}.{i:03d}",
                    text=f"第{s + 1}部分第{i + 1}项：学校落实安全管理制度，建立台账并定期检查。",
                    kind=kind,
                    target=Target(">=", 2.0)
                    if kind is Kind.NUMBER
                    else Target(">=", 90.0)
                    if kind is Kind.PERCENT
                    else None,
                    options=options if kind is Kind.SINGLE else (),
                    required=i % 3 == 0,
                )
            )
        sections.append(Section(f"S{s:02d}", f"第{s + 1}部分", tuple(items)))
    return Template(id="bench", version="1", title="性能测试模板", sections=tuple(sections))


def rows(template: Template) -> list[list[str]]:
    out = [["code", "value", "note"]]
    for n, item in enumerate(template.items()):
        value = VALUES[item.kind][n % 3]
        out.append([item.code, value, "台账记录不完整" if n % 7 == 0 else ""])
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", help="where to put the data folder (default: the temp folder)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    template = generated(ANSWERS)
    table = rows(template)
    failed = False
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        root = Path(folder)
        csv_file = root / "answers.csv"
        with csv_file.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows(table)
        xlsx_file = root / "answers.xlsx"
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        for row in table:
            sheet.append(row)
        book.save(xlsx_file)
        with Workspace.open(DataPaths(root / "data"), automatic_backup=False) as ws:
            ws.templates.install(template)
            school = ws.schools.add(School(0, "性能测试学校", "3204120001", ("小学",)))
            period = 2000
            for source in (csv_file, xlsx_file):
                times = []
                for _ in range(args.repeat):
                    period += 1
                    aid = ws.assessments.new(school.id, template.id, None, str(period))
                    start = time.perf_counter()
                    result = ws.answers.import_rows(aid, read_answer_file(source), str(source))
                    times.append(time.perf_counter() - start)
                    assert result.changed == ANSWERS, result
                median = statistics.median(times)
                failed |= median > BUDGET_S
                print(
                    f"import {ANSWERS} answers from {source.suffix[1:].upper()}: "
                    f"median {median:.3f} s, best {min(times):.3f} s, budget {BUDGET_S:.1f} s"
                )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
