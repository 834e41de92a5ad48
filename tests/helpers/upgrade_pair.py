"""Two versions of the sample template with every kind of change, and a draft answered on the
old one (notes, evidence, a planned rectification): shared by the store, CLI and kill tests.

2024.1 → 2024.2:

| item | change | answer on 2024.1 | afterwards |
| --- | --- | --- | --- |
| A01 | reworded, made optional | 符合, note, photo | reconfirm |
| A02 | number → percent (unit dropped, target ≥ 90) | 3 | reconfirm |
| A03 | none | 否, note | carried |
| A04 | removed | 不符合, note, photo, planned rectification | history (removed) |
| A05 | text → compliance, show-if dropped | text | set aside (history) |
| A06 | added | — | new, unanswered |
| B01 | target ≥ 100 → ≥ 90, weight 1 → 2 | 95% | carried, remarks |
| B02 | option added; the chosen one renamed (offline → onsite) | 线下讲座 | reconfirm, value onsite |
| B03 | chosen option removed | 仅有兼职教师, note | set aside (history) |
| B04 | moved to section A | date, photo | carried, remark |
| B  | section renamed; C with C01 added | | |
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from PIL import Image

from tests.helpers.template_edits import (
    add_item,
    add_section,
    edit_item,
    edit_section,
    item_of,
    move_item,
    remove_item,
    sample,
)
from wjself.core.school import School, normalize_facts
from wjself.core.targets import Target
from wjself.core.template import Item, Kind, Option, Section, Template
from wjself.store import Workspace

OLD_VERSION = "2024.1"
NEW_VERSION = "2024.2"
SCHOOL = School(
    0,
    "武进区升级测试小学",
    "3204120077",
    ("小学",),
    township="湖塘镇",
    facts=normalize_facts({"has_labs": True}),
)


def old() -> Template:
    return sample(OLD_VERSION)


def new(version: str = NEW_VERSION) -> Template:
    t = sample(version)
    t = edit_item(
        t, "A01", text="学校落实“1530”安全教育机制，并留存班级安全提醒记录。", required=False
    )
    t = edit_item(t, "A02", kind=Kind.PERCENT, unit="", target=Target(">=", 90.0))
    t = remove_item(t, "A04")
    t = edit_item(t, "A05", kind=Kind.COMPLIANCE, show_if="")
    t = add_item(t, "A", Item("A06", "学校每学期开展一次校园欺凌专项排查。", Kind.COMPLIANCE))
    t = edit_item(t, "B01", target=Target(">=", 90.0), weight=2.0)
    b02 = item_of(t, "B02")
    onsite = replace(b02.options[0], name="onsite")  # same label, new name
    t = edit_item(
        t, "B02", options=(onsite, *b02.options[1:], Option("school", "家长学校校本课程"))
    )
    b03 = item_of(t, "B03")
    t = edit_item(t, "B03", options=tuple(o for o in b03.options if o.name != "part"))
    t = move_item(t, "B04", "A")
    t = edit_section(t, "B", title="二、心理健康教育与家校共育")
    return add_section(
        t,
        Section(
            "C",
            "三、校园欺凌防治",
            (Item("C01", "学校建立学生欺凌防治工作机制并公示举报电话。", Kind.YES_NO),),
        ),
    )


def photo(folder: Path, name: str, colour: str) -> Path:
    path = folder / name
    Image.new("RGB", (64, 48), colour).save(path)
    return path


def answered_draft(ws: Workspace, folder: Path, period: str = "2024") -> int:
    """Install both versions, add the school, answer a draft of 2024.1; returns its id."""
    ws.templates.install(old())
    ws.templates.install(new())
    school = ws.schools.find(SCHOOL.code) or ws.schools.add(SCHOOL)
    aid = ws.assessments.new(school.id, "wj-sample", OLD_VERSION, period)
    folder.mkdir(parents=True, exist_ok=True)
    ws.answers.set(aid, "A01", "符合", note="每周五班会课落实安全提醒")
    ws.evidence.add(aid, "A01", photo(folder, "班会记录.png", "#336699"))
    ws.answers.set(aid, "A02", "3")
    ws.answers.set(aid, "A03", "否", note="学校没有校车")
    ws.answers.set(aid, "A04", "不符合", note="危化品柜只有一把锁")
    ws.evidence.add(aid, "A04", photo(folder, "危化品柜.png", "#993333"))
    rect = next(r for r in ws.assessments.view(aid).rectifications if r.code == "A04")
    ws.rectifications.save(
        replace(
            rect,
            measure="加装第二把锁，双人保管钥匙",
            owner="实验室 张卫东",
            due=dt.date(2024, 7, 1),
        )
    )
    ws.answers.set(aid, "A05", "危化品柜未实行双人双锁")
    ws.answers.set(aid, "B01", "95%")
    ws.answers.set(aid, "B02", "线下讲座")
    ws.answers.set(aid, "B03", "仅有兼职教师", note="专职教师招聘中")
    ws.answers.set(aid, "B04", "2024-04-18")
    ws.evidence.add(aid, "B04", photo(folder, "培训签到表.png", "#669933"))
    return aid
