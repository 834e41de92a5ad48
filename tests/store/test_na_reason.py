"""不适用 on an item that applies to the school needs a reason: the answer's note.  Setting,
clearing the note, importing and finalizing all refuse a 不适用 without one."""

from __future__ import annotations

import contextlib
import sqlite3

import pytest

from tests.helpers.factory import item, template
from tests.store.test_rectifications_finalize import finalize_ready
from wjself.core.assessment import AnswerRow
from wjself.core.counts import NA_REASON_MESSAGE
from wjself.core.errors import Hint, InputError, Remedy
from wjself.core.school import School
from wjself.store import Workspace

BOARDING = {"facts": {"boarding": True}}


@pytest.fixture
def own(ws: Workspace, school: School) -> int:
    """A day school's draft of a checklist with one boarding-only item (B)."""
    ws.templates.install(template([item("A"), item("B", applies_to=BOARDING), item("C")]))
    return ws.assessments.new(school.id, "t-test", None, "2024")


def test_set_refuses_na_without_a_reason(ws: Workspace, own: int) -> None:
    with pytest.raises(InputError) as caught:
        ws.answers.set(own, "A", "不适用")
    (problem,) = caught.value.problems
    assert problem.field == "A" and problem.message == NA_REASON_MESSAGE
    assert problem.hint == Hint(Remedy.NA_REASON, own)
    assert ws.answers.get(own, "A").value is None
    assert ws.answers.set(own, "A", "不适用", note="本校无此设施").note == "本校无此设施"
    # the note already there is the reason
    ws.answers.set(own, "C", "符合", note="已落实")
    assert ws.answers.set(own, "C", "不适用").value == "na"
    # and it cannot be taken away while the answer is 不适用
    with pytest.raises(InputError, match="须说明原因"):
        ws.answers.set_note(own, "A", "  ")
    assert ws.answers.get(own, "A").note == "本校无此设施"
    # an item the profile excludes: 不适用 is moot, no reason asked
    assert ws.answers.set(own, "B", "不适用").value == "na"


def test_import_refuses_a_row_of_na_without_a_reason_and_changes_nothing(
    ws: Workspace, own: int
) -> None:
    rows = [AnswerRow(2, "A", "符合"), AnswerRow(3, "C", "不适用", "")]
    with pytest.raises(InputError) as caught:
        ws.answers.import_rows(own, rows, "答案.csv")
    (problem,) = caught.value.problems
    assert str(problem).startswith("答案.csv:row 3: note: C：选择“不适用”须说明原因")
    assert ws.assessments.view(own).values() == {}
    rows[1] = AnswerRow(3, "C", "不适用", "本校未开设此项")
    assert ws.answers.import_rows(own, rows, "答案.csv").changed == 2


def test_finalize_refuses_a_na_left_without_a_reason(ws: Workspace, aid: int) -> None:
    """As an upgrade or an older wjself may have left one."""
    finalize_ready(ws, aid)
    ws.answers.set(aid, "A01", "不适用", note="暂无")
    with contextlib.closing(sqlite3.connect(ws.paths.database)) as conn, conn:
        conn.execute("UPDATE answers SET note = '' WHERE code = 'A01'")
    with pytest.raises(InputError) as caught:
        ws.assessments.finalize(aid, "李老师", "张校长")
    assert [(p.field, p.message.split("：")[0]) for p in caught.value.problems] == [
        ("A01", "填报“不适用”但未说明原因")
    ]
    ws.answers.set_note(aid, "A01", "本校无危化品")
    assert ws.assessments.finalize(aid, "李老师", "张校长").fingerprint
