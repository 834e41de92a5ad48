"""Real school bundles for the bureau's tests: a school folder per school, a small checklist
answered and finalized through the services, exported as ``.wjsa`` like a school does."""

from __future__ import annotations

import dataclasses
import datetime as dt
import zipfile
from pathlib import Path

from PIL import Image

from tests.helpers.factory import item, template
from wjself.core.school import School, normalize_facts
from wjself.core.template import Template
from wjself.formats.bundle import export_bundle
from wjself.paths import DataPaths
from wjself.store import Workspace
from wjself.store.keys import installation_key

CODES = ("A1", "A2", "A3", "A4")


def checklist() -> Template:
    """Four compliance items, for primary schools."""
    return template(
        [item(code, text=f"检查项 {code}：制度健全、台账齐全") for code in CODES],
        id="t-district",
        title="区级测试自查表",
    )


def school_bundle(
    folder: Path,
    target: Path,
    *,
    name: str,
    code: str,
    township: str = "湖塘镇",
    period: str = "2024",
    not_met: tuple[str, ...] = ("A2",),
    due: dt.date | None = None,
    signed: bool = True,
    photo: bool = False,
) -> Path:
    """Finalize the checklist for school ``name``/``code`` in its own folder and export its
    bundle to ``target`` (``signed`` with the folder's installation key, as the window does);
    ``not_met`` items get 不符合 and a rectification plan due ``due``; with ``photo`` item A1
    has a picture as evidence (``台账照片.png``)."""
    with Workspace.open(DataPaths(folder)) as ws:
        ws.templates.install(checklist())
        school = ws.schools.find(code) or ws.schools.add(
            School(
                id=0,
                name=name,
                code=code,
                stages=("小学",),
                township=township,
                facts=normalize_facts({}),
            )
        )
        aid = ws.assessments.new(school.id, "t-district", None, period)
        for code_ in CODES:
            ws.answers.set(aid, code_, "不符合" if code_ in not_met else "符合", f"{name} 的备注")
        if photo:
            picture = folder / "台账照片.png"
            Image.new("RGB", (40, 30), (200, 30, 30)).save(picture)
            ws.evidence.add(aid, "A1", picture)
        for rect in ws.assessments.view(aid).rectifications:
            ws.rectifications.save(
                dataclasses.replace(
                    rect, measure="补齐台账", owner="办公室 张老师", due=due or dt.date(2025, 6, 30)
                )
            )
        ws.assessments.finalize(aid, "张老师", "李校长")
        key = installation_key(folder).private_key if signed else None
        export_bundle(ws.assessments.view(aid), target, signing_key=key)
    return target


def schools(folder: Path, count: int, *, period: str = "2024") -> list[Path]:
    """Bundles of ``count`` schools in two townships, school n failing n mod 3 items."""
    out = []
    for n in range(count):
        out.append(
            school_bundle(
                folder / f"school-{n}",
                folder / f"学校{n}-{period}.wjsa",
                name=f"武进区第{n + 1}实验小学",
                code=f"32041200{n:02d}",
                township=("湖塘镇", "牛塘镇")[n % 2],
                period=period,
                not_met=CODES[: n % 3],
            )
        )
    return out


def tampered(source: Path, target: Path) -> Path:
    """A copy of bundle ``source`` whose answers were edited without fixing anything else."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "answers.json":
                data = data.replace("不符合".encode(), "符合".encode())
                data = data.replace(b'"not_met"', b'"met"')
            zout.writestr(info, data)
    return target


def newer_bundle(folder: Path, target: Path, *, not_met: str = "A4") -> Path:
    """The school of ``folder`` reopens its assessment, answers ``not_met`` 不符合 (with a plan),
    finalizes again an hour later and exports the newer bundle to ``target``."""
    later = dt.datetime.now().astimezone() + dt.timedelta(hours=1)
    with Workspace.open(DataPaths(folder), clock=lambda: later) as ws:
        aid = ws.assessments.list()[0].id
        ws.assessments.reopen(aid, "补充整改")
        ws.answers.set(aid, not_met, "不符合", "复查发现问题")
        for rect in ws.assessments.view(aid).rectifications:
            if not rect.planned:
                ws.rectifications.save(
                    dataclasses.replace(
                        rect, measure="限期整改", owner="总务处", due=dt.date(2025, 9, 1)
                    )
                )
        ws.assessments.finalize(aid, "张老师", "李校长")
        export_bundle(
            ws.assessments.view(aid), target, signing_key=installation_key(folder).private_key
        )
    return target
