"""The demo school's 自查报告, written from its own answers the way a school would write it:
its situation and counts, what it does well (items met), its problems (the notes of items not
met) and its measures (the rectification plans)."""

from __future__ import annotations

from wjself.core.assessment import AssessmentView
from wjself.core.counts import Counts
from wjself.core.narrative import Narrative
from wjself.core.scoring import Outcome

_ORDINALS = "一二三四五"


def demo_narrative(view: AssessmentView, *, whole: bool = True) -> Narrative:
    """The four parts for ``view``; only 基本情况 when not ``whole`` (a report being written)."""
    s, t = view.school, view.template
    result = view.score()
    counts = Counts.of(result.overall)
    basic = (
        f"{s.name}位于{s.township or '武进区'}，学段：{'、'.join(s.stages)}。"
        f"学校对照《{t.title}》逐项开展自查，{counts.sentence()}"
    )
    if not whole:
        return Narrative.of({"基本情况": basic})
    items = {i.code: i for i in t.items()}
    met = [items[c] for c, r in result.items.items() if r.outcome is Outcome.MET][:5]
    practice = "；".join(f"{_ORDINALS[n]}是{_plain(i.text)}" for n, i in enumerate(met))
    problems = []
    for code, r in result.items.items():
        if r.outcome is Outcome.NOT_MET:
            answer = view.answers.get(code)
            why = answer.note if answer and answer.note else "未达到要求"
            problems.append(f"{_plain(items[code].text)}：{why}")
    measures = [
        f"{rect.measure}（责任人：{rect.owner}，{rect.due.isoformat()}前完成）"
        for rect in view.rectifications
        if rect.measure and rect.owner and rect.due
    ]
    return Narrative.of(
        {
            "基本情况": basic,
            "主要做法与成效": (practice + "。") if practice else "",
            "存在问题": "\n".join(problems) or "本次自查未发现不符合项。",
            "整改措施与下一步打算": "\n".join(measures)
            + ("\n" if measures else "")
            + "下一步将把整改情况纳入学期工作计划，定期复查，巩固自查成效。",
        }
    )


def _plain(text: str) -> str:
    """An item's text as part of a sentence: one line, no closing punctuation."""
    return " ".join(text.split()).rstrip("。；;，, ")
