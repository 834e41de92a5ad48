"""Counts that add up: items the profile excludes and items the school declared 不适用 apart."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers.factory import item, template
from wjself.core.counts import Counts
from wjself.core.scoring import score
from wjself.core.stages import Profile

BOARDING = {"facts": {"boarding": True}}
TEMPLATE = template(
    [
        item("A1"),
        item("A2"),
        item("A3", applies_to=BOARDING),
        item("A4", "text"),
        item("A5"),
    ],
    [item("B1", applies_to=BOARDING), item("B2"), item("B3", "yes_no", allow_na=True)],
)
DAY_SCHOOL = Profile.of({"小学"}, {"boarding": False})


def test_the_sentence_tells_the_two_kinds_apart_and_adds_up() -> None:
    answers = {"A1": "met", "A2": "na", "A3": "met", "A4": "已建立", "B2": "not_met", "B3": "na"}
    counts = Counts.of(score(TEMPLATE, answers, DAY_SCHOOL).overall)
    assert counts.as_dict() == {
        "total": 8, "excluded": 2, "applicable": 6, "declared_na": 2, "answered": 3,
        "unanswered": 1, "met": 1, "partial": 0, "not_met": 1,
    }  # fmt: skip
    assert counts.sentence() == (
        "共 8 项：不适用于本校 2 项（按学校情况），适用 6 项；其中学校填报不适用 2 项，"
        "已作答 3 项（符合 1 项，基本符合 0 项，不符合 1 项，不计分 1 项），未作答 1 项。"
    )


OUTCOMES = st.sampled_from([None, "met", "partial", "not_met", "na"])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(OUTCOMES, min_size=8, max_size=8),
    st.booleans(),
)
def test_counts_add_up_for_any_answers(outcomes: list[str | None], boarding: bool) -> None:
    codes = ["A1", "A2", "A3", "A4", "A5", "B1", "B2", "B3"]
    answers = {}
    for code, outcome in zip(codes, outcomes, strict=True):
        if outcome is None:
            continue
        if code == "A4":
            answers[code] = "文字"
        elif code == "B3":
            answers[code] = {"met": "yes", "not_met": "no"}.get(outcome, "na")
        else:
            answers[code] = outcome
    result = score(TEMPLATE, answers, Profile.of({"小学"}, {"boarding": boarding}))
    sections = [Counts.of(sec.tally) for sec in result.sections]
    c = Counts.of(result.overall)
    assert c.total == c.excluded + c.applicable == 8
    assert c.applicable == c.declared_na + c.answered + c.unanswered
    assert c.answered >= c.met + c.partial + c.not_met and c.unscored >= 0
    assert c.excluded == (0 if boarding else 2)
    for field in c.as_dict():
        assert getattr(c, field) == sum(getattr(sec, field) for sec in sections)
