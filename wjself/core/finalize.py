"""What finalizing an assessment asks for: the one rule the store enforces, the window lists
(完成自评) and the command line prints.

Every applicable, visible required item answered, every 不符合 item's rectification
planned: a measure, an owner and a due date, and every 不适用 the school declared explained
(the answer's note is the reason).  An empty 自查报告 does not stop finalizing: the window's
finish page warns about it.
"""

from __future__ import annotations

from wjself.core.assessment import AssessmentView, Rectification
from wjself.core.errors import Problem
from wjself.core.scoring import Outcome
from wjself.core.text import clip

# How long an item's text may be in a message (the rest is cut with …).
TEXT_IN_MESSAGE = 41


def plan_lacks(rect: Rectification | None) -> list[str]:
    """What a 不符合 item's rectification still lacks for finalizing, as people name it."""
    return [
        label
        for label, ok in (
            ("整改措施", rect is not None and rect.measure.strip()),
            ("责任人", rect is not None and rect.owner.strip()),
            ("整改期限", rect is not None and rect.due is not None),
        )
        if not ok
    ]


def missing_for_finalize(view: AssessmentView) -> list[Problem]:
    """What stops ``view`` from being finalized, item by item (code in ``field``)."""
    result = view.score()
    problems: list[Problem] = []
    for item in view.template.items():
        outcome = result.items[item.code].outcome
        text = clip(item.text, TEXT_IN_MESSAGE)
        if item.required and outcome is Outcome.UNANSWERED:
            problems.append(Problem(f"必填项未作答：{text}", field=item.code))
        if outcome is Outcome.NOT_MET:
            lacks = plan_lacks(view.rectification_for(item.code))
            if lacks:
                problems.append(Problem(f"不符合项缺少{'、'.join(lacks)}：{text}", field=item.code))
        if outcome is Outcome.NA:
            answer = view.answers.get(item.code)
            if answer is None or not answer.note.strip():
                problems.append(Problem(f"填报“不适用”但未说明原因：{text}", field=item.code))
    return problems
