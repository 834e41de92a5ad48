"""The demo school's offices and papers: who answers for an item, what proves it, what is plausible.

The bureau trains staff with ``wjself demo``, so what it writes has to read like a real school:
a canteen audit is owned by the canteen manager, not the counselling centre; its evidence is a
canteen record named after what the item asks for; a food-cost surplus is a few percent, not
89.7%.  Everything here is derived from the item itself (its text, section, evidence, unit and
target), so it stays right when the bureau's checklists change.
"""

from __future__ import annotations

import random
import re

from wjself.core.template import Item, Kind, Template

# The people of the demo school who take on rectifications, by office.
FINANCE = "财务室 赵磊"
CANTEEN = "总务处 冯强（食堂管理员）"
FACILITIES = "总务处 王建国"
LABS = "教导处 沈洁（实验室管理员）"
TEACHING = "教导处 刘芳"
MORAL = "德育处 周敏"
COUNSELLING = "心理健康中心 孙丽"
SAFETY = "安全办 陈晓东"
PE_ARTS = "体卫艺办 韩磊"
PARTY = "党支部 吴海燕（党务干事）"
IT = "信息中心 钱伟"
RESEARCH = "教科室 郑慧"
UNION = "工会 杨丽"
OFFICE = "校长办公室 黄涛"

# What each office's items speak of.
WORDS: dict[str, tuple[str, ...]] = {
    FINANCE: ("伙食费", "财务", "预算", "收费", "会计", "结余", "经费", "收入"),
    CANTEEN: ("食堂", "食品", "食材", "陪餐", "供餐", "留样", "餐饮"),
    FACILITIES: ("校舍", "工程", "资产", "维修", "停车", "充电", "电气", "线路"),
    LABS: ("危化品", "危险化学品", "实验室", "仪器", "装备", "耗材"),
    TEACHING: ("课堂", "作业", "课程", "集体备课", "考试", "课后服务", "作息"),
    MORAL: (
        "家访",
        "家长",
        "家庭教育",
        "法治教育",
        "普法",
        "宪法",
        "劳动",
        "国防",
        "班主任",
        "欺凌",
    ),
    COUNSELLING: ("心理",),
    SAFETY: ("安全", "隐患", "演练", "校车", "交通", "安保", "溺水", "消防"),
    PE_ARTS: ("体育", "体质", "近视", "视力", "艺术", "美育", "书法"),
    PARTY: ("党", "意识形态", "廉政", "廉洁", "宣传", "舆情"),
    IT: ("网络安全", "信息系统", "智慧", "数字", "网站", "移动应用", "网络日志", "账号"),
    RESEARCH: ("师德", "培训", "课题", "教科研", "教研", "梯队", "骨干", "继续教育", "教师资格"),
    UNION: ("健康体检", "体检", "关爱", "尊师"),
    OFFICE: ("章程", "依法", "法律顾问", "招生", "公开"),
}
# Per bundled checklist: its own office (the default), then the other offices that answer for
# some of its items.  An office not listed never owns that checklist's items (no counselling
# centre on a canteen item, whatever words the item uses).
TEMPLATE_OFFICES: dict[str, tuple[str, ...]] = {
    "wj2024-canteen": (CANTEEN, FINANCE),
    "wj2024-safety": (SAFETY, LABS, CANTEEN, MORAL, FACILITIES),
    "wj2024-lab": (TEACHING, FINANCE, LABS),
    "wj2024-heartcare": (COUNSELLING, MORAL),
    "wj2024-double-reduction": (TEACHING, MORAL),
    "wj2024-five-education": (PE_ARTS, MORAL),
    "wj2024-rule-of-law": (OFFICE, MORAL),
    "wj2024-party": (PARTY,),
    "wj2024-teachers": (RESEARCH, MORAL, UNION, TEACHING),
    "wj2024-logistics": (FACILITIES, FINANCE),
    "wj2024-smart-campus": (IT,),
}
# Any other checklist: every office (on a tie, the narrower area first).
ALL_OFFICES: tuple[str, ...] = (
    OFFICE, FINANCE, CANTEEN, LABS, COUNSELLING, MORAL, IT, PE_ARTS, PARTY, SAFETY, FACILITIES,
    UNION, RESEARCH, TEACHING,
)  # fmt: skip

NOT_MET_NOTES = (
    "抽查发现{e}不完整，部分记录缺失",
    "{e}未按要求及时整理归档",
    "{e}中部分内容缺少责任人签字和日期",
    "对照要求，{e}内容不够完整",
)
PARTIAL_NOTES = (
    "{e}基本齐全，个别记录不够规范",
    "已开展，但{e}等过程性材料不够完整",
    "{e}已建立，少数记录填写不及时",
)
NOT_DONE_NOTE = "自查时段内尚未完成，已列入下阶段工作计划"
MEASURES = (
    "明确专人负责，限期补齐{e}，建立每月自查制度",
    "组织相关人员专项培训，完善{e}，由分管领导督查落实",
    "对照要求逐项整改，整改完成后组织复查，{e}归档备查",
)
NUMBER_MEASURE = "分析未达标原因，制定提升计划并分解到责任部门，按月跟踪进度"

# Words by which a 不适用 circumstance speaks of a profile fact: a school that has the fact cannot
# claim it (no "未自办食堂" at a school with a canteen).
FACT_WORDS: dict[str, tuple[str, ...]] = {
    "has_canteen": ("食堂",),
    "has_labs": ("实验室",),
    "boarding": ("寄宿", "住宿"),
    "school_bus": ("校车",),
    "party_org": ("党组织", "党支部"),
    "outsourced_meals": ("校外供餐", "供餐企业"),
}
# Circumstances that are never the demo school's: another stage, a new school.
NOT_THIS_SCHOOL = ("幼儿园", "初中", "高中", "中职", "新建", "新开办", "新学校")

# "…的选“不适用”" in an item's guidance names the circumstance in which 不适用 is the answer.
_NA_CONDITION = re.compile(r"([^。；：]+?)的选“不适用”")
_EVIDENCE_SPLIT = re.compile(r"[、，,；;]")
_BRACKETS = re.compile(r"（[^）]*）|\([^)]*\)")


def office(template: Template, item: Item) -> str:
    """Who in the demo school answers for ``item``: office and name.

    Among the offices that work on the checklist, the one whose words come first in the item's
    text (which names its subject first), else in its section's title, else the checklist's own.
    """
    own = TEMPLATE_OFFICES.get(template.id)
    default, offices = (own[0], own) if own else (OFFICE, ALL_OFFICES)
    section = template.section_of(item.code)
    for where in (item.text, section.title if section else ""):
        found = [
            (where.find(w), n, who)
            for n, who in enumerate(offices)
            for w in WORDS[who]
            if w in where
        ]
        if found:
            return min(found)[2]
    return default


def evidence_names(item: Item) -> list[str]:
    """The papers the item asks for, one name each (remarks in brackets dropped)."""
    parts = [p.strip() for p in _EVIDENCE_SPLIT.split(_BRACKETS.sub("", item.evidence))]
    return [p for p in parts if len(p) >= 2] or [f"{item.code}佐证材料"]


def na_condition(item: Item) -> str:
    """The circumstance the guidance names for 不适用 (``本校无入选教师``), or ``""``."""
    found = _NA_CONDITION.search(item.guidance)
    return found.group(1).strip() if found else ""


def problem_note(item: Item, partial: bool, rng: random.Random) -> str:
    """A note for a 不符合 (or 基本符合) answer that speaks of the item's own papers."""
    names = evidence_names(item)
    paper = rng.choice([n for n in names if "照片" not in n] or names)
    return rng.choice(PARTIAL_NOTES if partial else NOT_MET_NOTES).format(e=paper)


def measure(item: Item, rng: random.Random) -> str:
    """A rectification measure for ``item`` in its own terms."""
    if item.kind in (Kind.NUMBER, Kind.PERCENT):
        return NUMBER_MEASURE
    return rng.choice(MEASURES).format(e=evidence_names(item)[0])


# Plausible ranges for figures a checklist only records, by the words of the item: the first
# entry whose word occurs wins.  Anything else is a coverage rate (percent) or a small count.
PERCENT_RANGES: tuple[tuple[str, float, float], ...] = (
    ("结余", 0.5, 2.5),  # 伙食费 is charged at cost; a surplus is a few percent at most
    ("近视", 30.0, 42.0),
    ("超重", 8.0, 15.0),
    ("肥胖", 8.0, 15.0),
    ("优良率", 45.0, 65.0),
    ("合格率", 92.0, 99.0),
    ("执行进度", 78.0, 92.0),
    ("发生率", 0.0, 0.0),
    ("事故", 0.0, 0.0),
)
COUNT_RANGES: tuple[tuple[str, int, int], ...] = (
    ("违反", 0, 0),
    ("失范", 0, 0),
    ("事故", 0, 0),
    ("投诉", 0, 0),
    ("查实", 0, 0),
    ("停车位", 40, 120),
    ("演练", 1, 3),
    ("产业学院", 0, 1),
)
UNIT_RANGES: dict[str, tuple[int, int]] = {
    "个月": (6, 12),
    "篇": (4, 15),
    "项": (1, 5),
    "个": (1, 3),
    "人": (1, 4),
    "人次": (2, 12),
    "次": (2, 8),
    "节": (2, 6),
    "所": (1, 3),
}


def untargeted_value(item: Item, rng: random.Random) -> float:
    """A plausible figure for a number or percent the checklist only records (no target)."""
    text = item.text
    if item.kind is Kind.PERCENT:
        for word, low, high in PERCENT_RANGES:
            if word in text:
                return round(rng.uniform(low, high), 1)
        return round(rng.uniform(88.0, 100.0), 1)
    for word, first, last in COUNT_RANGES:
        if word in text:
            return float(rng.randint(first, last))
    first, last = UNIT_RANGES.get(item.unit, (1, 10))
    return float(rng.randint(first, last))
