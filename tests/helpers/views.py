"""Realistic ``AssessmentView`` values for report and bundle tests, built without a database.

``sample_view`` answers the bundled sample template the way a school would (notes, a not-met
item with its rectification, an excluded item, a hidden follow-up, photos and a PDF as
evidence); ``generated_view`` makes large assessments for benchmarks.  Evidence files are
real files written under the folder the caller gives.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import random
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from PIL import Image, ImageDraw

from tests.conftest import SAMPLE
from wjself.core.assessment import (
    Answer,
    AssessmentView,
    Evidence,
    Rectification,
    RectStatus,
    SignOff,
    Status,
)
from wjself.core.fingerprint import FINGERPRINT_VERSION, assessment_fingerprint
from wjself.core.narrative import Narrative
from wjself.core.school import School, normalize_facts
from wjself.core.stages import Applicability
from wjself.core.targets import Target
from wjself.core.template import Item, Kind, Option, Section, Template
from wjself.core.values import AnswerValue
from wjself.formats.templates import read_template

CREATED = dt.datetime(2024, 5, 6, 9, 30)
FINALIZED = dt.datetime(2024, 6, 28, 16, 45)
TODAY = dt.date(2024, 7, 10)
GENERATED = dt.datetime(2024, 7, 10, 14, 5)


def school(**changes: Any) -> School:
    base = School(
        id=1,
        name="常州市武进区湖塘桥实验小学",
        code="3204120001",
        stages=("小学",),
        township="湖塘镇",
        principal="王建国",
        contact="李晓梅",
        phone="0519-86000000",
        facts=normalize_facts({"has_canteen": True, "has_labs": True}),
    )
    return replace(base, **changes)


class EvidenceMaker:
    """Writes real evidence files under ``folder`` and returns their ``Evidence`` records."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.next_id = 1

    def file(self, code: str, name: str, data: bytes, media_type: str) -> Evidence:
        sha = hashlib.sha256(data).hexdigest()
        path = self.folder / sha
        path.write_bytes(data)
        evidence = Evidence(
            id=self.next_id,
            code=code,
            sha256=sha,
            name=name,
            size=len(data),
            media_type=media_type,
            path=str(path),
            added_at=CREATED,
        )
        self.next_id += 1
        return evidence

    def photo(
        self,
        code: str,
        name: str,
        size: tuple[int, int] = (1200, 900),
        color: str = "#6d8fb3",
        orientation: int | None = None,
        fmt: str = "JPEG",
    ) -> Evidence:
        img = Image.new("RGB" if fmt == "JPEG" else "RGBA", size, color)
        draw = ImageDraw.Draw(img)
        w, h = size
        draw.rectangle([w // 10, h // 10, w * 9 // 10, h * 9 // 10], outline="white", width=8)
        draw.ellipse([w // 3, h // 3, w * 2 // 3, h * 2 // 3], fill="#f0c36d")
        draw.line([0, 0, w, h], fill="#2d3e50", width=6)
        out = io.BytesIO()
        if fmt == "JPEG":
            exif = Image.Exif()
            if orientation:
                exif[0x0112] = orientation
            img.save(out, "JPEG", quality=80, exif=exif)
            media = "image/jpeg"
        else:
            img.save(out, "PNG")
            media = "image/png"
        return self.file(code, name, out.getvalue(), media)

    def document(self, code: str, name: str, size: int = 24_000) -> Evidence:
        data = b"%PDF-1.4\n% wjself test evidence\n" + bytes(random.Random(size).randbytes(size))
        return self.file(code, name, data, "application/pdf")


# A 自查报告 as a school writes it (``sample_view(..., narrative=NARRATIVE)``).
NARRATIVE = Narrative.of(
    {
        "基本情况": "本校现有教学班 24 个，学生 1,032 人，教职工 86 人。\n校园占地 42 亩。",
        "主要做法与成效": "一是健全安全管理制度；二是每月开展隐患排查；三是落实家校共育。",
        "存在问题": "危化品柜未实行双人双锁，领用台账不全。",
        "整改措施与下一步打算": "7 月 1 日前加装第二把锁并补全台账，由张卫东负责。",
    }
)


def sample_template() -> Template:
    return read_template(SAMPLE)


def view(
    template: Template,
    answers: Mapping[str, Answer],
    *,
    status: Status = Status.FINALIZED,
    rectifications: Iterable[Rectification] = (),
    the_school: School | None = None,
    period: str = "2024",
    filled_by: str = "李晓梅",
    reviewed_by: str = "王建国",
    fingerprint: str | None = None,
    narrative: Narrative | None = None,
) -> AssessmentView:
    """An assessment view; a finalized one gets the fingerprint its content gives."""
    base = AssessmentView(
        id=7,
        school=the_school or school(),
        template=template,
        period=period,
        status=status,
        created_at=CREATED,
        updated_at=FINALIZED,
        answers=MappingProxyType(dict(answers)),
        rectifications=tuple(rectifications),
        narrative=narrative or Narrative(),
    )
    if status is not Status.FINALIZED:
        return base
    unsigned = replace(
        base, signoff=SignOff(filled_by, reviewed_by, FINALIZED, "", FINGERPRINT_VERSION)
    )
    fp = fingerprint if fingerprint is not None else assessment_fingerprint(unsigned)
    return replace(
        base, signoff=SignOff(filled_by, reviewed_by, FINALIZED, fp, FINGERPRINT_VERSION)
    )


def answer(code: str, value: AnswerValue, note: str = "", *evidence: Evidence) -> Answer:
    return Answer(code, value, note, CREATED, "李晓梅", tuple(evidence))


def sample_view(folder: Path, status: Status = Status.FINALIZED, **kw: Any) -> AssessmentView:
    """The sample template answered like a real school: every outcome appears once."""
    ev = EvidenceMaker(folder)
    answers = {
        "A01": answer(
            "A01",
            "met",
            "每日放学前由班主任进行1分钟安全提醒，记录见班级日志。",
            ev.photo("A01", "1530安全教育记录.jpg"),
            ev.photo("A01", "班会照片（竖拍）.jpg", (1200, 900), "#7aa37a", orientation=6),
        ),
        "A02": answer(
            "A02", 3.0, "3月、5月、6月各一次。", ev.document("A02", "应急疏散演练方案.pdf")
        ),
        "A04": answer(
            "A04",
            "not_met",
            "危化品柜只有一把锁，领用台账缺少3月份记录。",
            ev.photo("A04", "危化品柜现状.png", (800, 600), "#c98a8a", fmt="PNG"),
        ),
        "A05": answer("A05", "危化品柜未实行双人双锁，台账记录不全，账物不符 2 处。"),
        "B01": answer("B01", 95.0, "新校区辅导室正在装修，预计9月验收。"),
        "B02": answer("B02", ["offline", "visit"], ""),
        "B03": answer("B03", "part", "现有兼职心理教师2名，专职教师招聘中。"),
        "B04": answer("B04", "2024-04-18", "邀请区心理健康指导中心专家授课。"),
    }
    rects = [
        Rectification(
            1,
            7,
            "A04",
            problem="危化品柜未实行双人双锁，台账缺少3月份记录。",
            measure="加装第二把锁，由两名实验员分别保管钥匙；补全台账并每月核对。",
            owner="张卫东",
            due=dt.date(2024, 7, 1),
        ),
        Rectification(
            2,
            7,
            "B01",
            problem="新校区心理辅导室尚未通过标准化验收。",
            measure="8月底前完成装修和设备配置，9月申请验收。",
            owner="陈静",
            due=dt.date(2024, 9, 30),
            status=RectStatus.DONE,
            done_on=dt.date(2024, 7, 8),
        ),
    ]
    return view(sample_template(), answers, status=status, rectifications=rects, **kw)


TEXTS = (
    "学校落实安全管理制度，建立台账并定期检查，做到账物相符，发现问题及时整改到位。",
    "按照《2024年武进教育工作要点》要求，开展专项检查并形成检查记录，相关资料归档备查。",
    "食堂从业人员持有效健康证明上岗，晨检记录完整；食品留样48小时以上，留样量不少于125克。",
    "每学期至少开展一次应急疏散演练，演练方案、过程记录、照片和总结齐全。",
    "学生体质健康测试合格率达到95%以上，测试数据按时上报国家学生体质健康标准数据管理系统。",
)
NOTES = (
    "已按要求落实，资料见档案室第3柜。",
    "本学期新增制度2项，已在教职工大会上通过。",
    "部分记录不够规范，已要求相关处室补齐。",
    "",
    "",
)


def generated_template(n: int, per_section: int = 25) -> Template:
    sections = []
    for s in range((n + per_section - 1) // per_section):
        items = []
        for i in range(min(per_section, n - s * per_section)):
            k = s * per_section + i
            kind = (Kind.COMPLIANCE, Kind.COMPLIANCE, Kind.PERCENT, Kind.YES_NO, Kind.SINGLE)[k % 5]
            options: tuple[Option, ...] = ()
            if kind is Kind.SINGLE:
                options = (
                    Option("a", "全部落实", 1.0),
                    Option("b", "部分落实", 0.5),
                    Option("c", "未落实", 0.0),
                )
            items.append(
                Item(
                    code=f"S{s + 1:02d}.{i + 1:03d}",
                    text=f"（{k + 1}）{TEXTS[k % len(TEXTS)]}",
                    kind=kind,
                    clause=f"§{k % 23 + 1}",
                    options=options,
                    target=Target(">=", 90.0) if kind is Kind.PERCENT else None,
                    applies=Applicability(frozenset({"初中"})) if k % 37 == 0 else Applicability(),
                )
            )
        sections.append(Section(f"S{s + 1:02d}", f"第{s + 1}部分　专项检查", tuple(items)))
    return Template(
        id="bench",
        version="2024.1",
        title="综合督导自查表（生成）",
        sections=tuple(sections),
        issuer="常州市武进区教育局",
        plan_ref="《2024年武进教育工作要点》",
    )


def generated_view(
    n: int, folder: Path | None = None, images: int = 0, status: Status = Status.FINALIZED
) -> AssessmentView:
    """An ``n``-item assessment with mixed outcomes, notes, evidence and rectifications."""
    template = generated_template(n)
    rng = random.Random(n)
    ev = EvidenceMaker(folder) if folder is not None else None
    answers: dict[str, Answer] = {}
    rects: list[Rectification] = []
    for k, item in enumerate(template.items()):
        roll = rng.random()
        value: AnswerValue
        if item.kind is Kind.COMPLIANCE:
            value = (
                "met"
                if roll < 0.8
                else "partial"
                if roll < 0.88
                else "not_met"
                if roll < 0.95
                else "na"
            )
        elif item.kind is Kind.PERCENT:
            value = 100.0 if roll < 0.85 else 80.0
        elif item.kind is Kind.YES_NO:
            value = "yes" if roll < 0.9 else "no"
        else:
            value = "a" if roll < 0.7 else "b" if roll < 0.9 else "c"
        if roll > 0.985:
            value = None
        evidence: list[Evidence] = []
        if ev is not None and k < images:
            evidence.append(ev.photo(item.code, f"现场照片{k + 1}.jpg", (1024, 768)))
        elif k % 7 == 0:
            evidence.append(
                Evidence(
                    10_000 + k,
                    item.code,
                    hashlib.sha256(item.code.encode()).hexdigest(),
                    f"检查记录{k + 1}.pdf",
                    150_000 + k,
                    "application/pdf",
                    "",
                    CREATED,
                )
            )
        answers[item.code] = answer(item.code, value, NOTES[k % len(NOTES)], *evidence)
        if value in ("not_met", "no", "c") or (value == 80.0):
            rects.append(
                Rectification(
                    len(rects) + 1,
                    7,
                    item.code,
                    problem="检查发现落实不到位，相关记录不完整。",
                    measure="明确责任处室，一个月内补齐资料并完善制度，由分管校长督促落实。",
                    owner="张卫东",
                    due=dt.date(2024, 6 + (k % 3), 15),
                )
            )
    return view(template, answers, status=status, rectifications=rects)


HOSTILE: dict[str, str] = {
    "markup": "<font size=100>大字</font> & <b>粗</b> &amp; &#169; <br/> ]]> \"引号\" '单'",
    "latin_run": "x" * 5000,
    "cjk_run": "测" * 5000,
    "emoji": "表扬😀👨\u200d👩\u200d👧🎉完毕",
    "control": "甲\x00乙\x07丙\x1b丁\u202e反向\u200b零宽\ufeff",
    "rare": "生僻字𠀀龘𪚥结束",
    "newlines": "第一行\r\n第二行\r第三行\n\n\n第六行",
    "surrogate": "坏\ud800字",
    "punctuation": "，。、；：！？）」》" * 60,
}


def hostile_view(folder: Path, status: Status = Status.FINALIZED) -> AssessmentView:
    """The sample with every hostile text in a note, an answer, a name or a title.

    The lone surrogate goes only into a rectification (not fingerprinted): no store can hold
    one, and it cannot be hashed as UTF-8."""
    base = sample_view(folder, status=status)
    t = base.template
    first, second = t.sections
    items = list(first.items)
    items[0] = replace(items[0], text=items[0].text + HOSTILE["markup"] + HOSTILE["emoji"])
    sections = (
        replace(first, items=tuple(items), title="一、" + HOSTILE["markup"]),
        replace(second, title="二、" + "很长的标题" * 39),
    )
    template = replace(t, sections=sections, title=t.title + HOSTILE["rare"])
    ev = EvidenceMaker(folder)
    answers = dict(base.answers)
    answers["A01"] = replace(answers["A01"], note=HOSTILE["latin_run"])
    answers["A02"] = replace(
        answers["A02"],
        note=HOSTILE["control"] + HOSTILE["newlines"],
        evidence=(ev.document("A02", "文件" + "名" * 300 + ".pdf"),),
    )
    answers["A04"] = replace(answers["A04"], note=HOSTILE["cjk_run"])
    answers["A05"] = replace(answers["A05"], value=HOSTILE["punctuation"])
    answers["B02"] = replace(answers["B02"], note=HOSTILE["emoji"] + HOSTILE["rare"])
    answers["B04"] = replace(answers["B04"], note=HOSTILE["markup"])
    rects = (
        replace(
            base.rectifications[0],
            problem=HOSTILE["markup"] + HOSTILE["surrogate"],
            measure=HOSTILE["cjk_run"][:800],
        ),
        *base.rectifications[1:],
    )
    the_school = school(name="湖塘桥<实验>小学 & “分校”" + HOSTILE["emoji"])
    return view(template, answers, status=status, rectifications=rects, the_school=the_school)
