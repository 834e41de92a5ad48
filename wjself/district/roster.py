"""The bureau's roster of schools (a CSV file): which schools the district expects reports
from, so ``missing`` knows a school before its first bundle arrives.

Columns, by header (Chinese or English): 学校标识码/code, 学校名称/name, 镇街/township,
学段/stages (several separated by 、 , or spaces).  Every row is checked as a school typed in
the window is (``store.schools.validated``); one bad row refuses the file, naming the row and
the column, and nothing is changed.  A roster row is the bureau's own word: bundles update
``last_seen`` but not what the roster says.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from sqlalchemy.dialects.sqlite import insert

from wjself.core.errors import InputError, Problem
from wjself.core.school import School
from wjself.district.workspace import DistrictWorkspace
from wjself.inputs import read_input_file
from wjself.store.db import now_in
from wjself.store.models import Base
from wjself.store.schools import validated

MAX_BYTES = 16 * 1024 * 1024
COLUMNS = {
    "code": ("学校标识码", "code", "学校代码"),
    "name": ("学校名称", "name"),
    "township": ("镇街", "township", "所属镇街"),
    "stages": ("学段", "stages"),
}
_SPLIT = re.compile(r"[,，、;；\s]+")


def read_roster(path: Path) -> list[School]:
    """The schools of a roster CSV, validated; InputError naming every bad row."""
    data = read_input_file(path, MAX_BYTES, "学校名单")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            [Problem(f"不是 UTF-8 编码（第 {exc.start} 字节）；请另存为 UTF-8 CSV", str(path))]
        ) from None
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise InputError([Problem("文件是空的", str(path))])
    header = [h.strip().lower() for h in rows[0]]
    where: dict[str, int] = {}
    for key, names in COLUMNS.items():
        found = next((i for i, h in enumerate(header) if h in names), None)
        if found is None and key != "township":
            raise InputError(
                [
                    Problem(
                        f"缺少“{names[0]}”列（表头应有：学校标识码、学校名称、镇街、学段）",
                        str(path),
                        row=1,
                    )
                ]
            )
        if found is not None:
            where[key] = found
    problems: list[Problem] = []
    schools: dict[str, School] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cell = {k: (row[i].strip() if i < len(row) else "") for k, i in where.items()}
        try:
            school = validated(
                School(0, cell["name"], cell["code"], tuple(s for s in _SPLIT.split(cell["stages"]) if s),
                       cell.get("township", ""))
            )  # fmt: skip
        except InputError as exc:
            problems += [
                Problem(p.message, str(path), row=number, field=p.field) for p in exc.problems
            ]
            continue
        if school.code in schools:
            problems.append(
                Problem(f"学校标识码 {school.code} 重复出现", str(path), row=number, field="code")
            )
        schools[school.code] = school
    if problems:
        raise InputError(problems)
    return list(schools.values())


def import_roster(dws: DistrictWorkspace, path: Path) -> int:
    """Record the roster's schools (source ``roster``); returns how many rows it held."""
    schools = read_roster(path)
    table = Base.metadata.tables["district_schools"]
    with dws.write() as s:
        at = now_in(s)
        for school in schools:
            upsert = insert(table).values(
                code=school.code, name=school.name, township=school.township,
                stages=list(school.stages), source="roster", first_seen=at, last_seen=at,
            )  # fmt: skip
            s.execute(
                upsert.on_conflict_do_update(
                    index_elements=[table.c.code],
                    set_={
                        "name": upsert.excluded.name,
                        "township": upsert.excluded.township,
                        "stages": upsert.excluded.stages,
                        "source": "roster",
                    },
                )
            )
    return len(schools)
