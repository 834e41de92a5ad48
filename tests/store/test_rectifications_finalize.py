"""整改 entries, finalizing, reopening and the fingerprint."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from tests.store.conftest import primary_school
from wjself.core.assessment import RectStatus, Status
from wjself.core.errors import Hint, InputError, Remedy
from wjself.core.school import School
from wjself.store import Workspace

TODAY = dt.date(2024, 6, 1)


def test_not_met_item_gets_an_entry_prefilled_from_the_note_alone(ws: Workspace, aid: int) -> None:
    ws.answers.set(aid, "A04", "不符合", note="危化品柜只有一把锁")
    (rect,) = ws.assessments.view(aid).rectifications
    assert rect.code == "A04" and rect.status is RectStatus.OPEN and not rect.obsolete
    # The note alone: the item's text is shown beside the entry, never repeated in it.
    assert rect.problem == "危化品柜只有一把锁"
    ws.answers.set_note(aid, "A04", "台账与实物不符")  # untouched entries follow the note
    assert ws.assessments.view(aid).rectifications[0].problem == "台账与实物不符"
    ws.answers.set_note(aid, "A04", "")
    assert ws.assessments.view(aid).rectifications[0].problem == ""
    # Numbers below target and scored choices count as 不符合 too.
    ws.answers.set(aid, "A02", "1")
    ws.answers.set(aid, "B03", "未配备")
    assert [r.code for r in ws.assessments.view(aid).rectifications] == ["A02", "A04", "B03"]


def test_untouched_entry_goes_when_the_item_is_met(ws: Workspace, aid: int) -> None:
    ws.answers.set(aid, "A04", "不符合")
    ws.answers.set(aid, "A04", "基本符合")
    assert ws.assessments.view(aid).rectifications == ()


def test_edited_entry_is_kept_and_flagged_then_can_be_deleted(ws: Workspace, aid: int) -> None:
    ws.answers.set(aid, "A04", "不符合")
    (rect,) = ws.assessments.view(aid).rectifications
    ws.rectifications.save(dataclasses.replace(rect, measure="加装第二把锁"), today=TODAY)
    with pytest.raises(InputError, match="仍为不符合"):
        ws.rectifications.delete(rect.id)
    ws.answers.set(aid, "A04", "符合")
    (kept,) = ws.assessments.view(aid).rectifications
    assert kept.obsolete and kept.measure == "加装第二把锁"
    ws.answers.set(aid, "A04", "不符合")  # back to 不符合: the same entry, no longer obsolete
    (again,) = ws.assessments.view(aid).rectifications
    assert again.id == rect.id and not again.obsolete
    ws.answers.set(aid, "A04", "符合")
    ws.rectifications.delete(rect.id)
    assert ws.assessments.view(aid).rectifications == ()
    actions = [e.action for e in ws.assessments.history(aid) if e.action.startswith("rect")]
    assert actions == ["rectification.update", "rectification.delete"]


def test_status_moves_with_dates_and_verifier(ws: Workspace, aid: int) -> None:
    ws.answers.set(aid, "A04", "不符合")
    (rect,) = ws.assessments.view(aid).rectifications
    planned = ws.rectifications.save(
        dataclasses.replace(rect, measure="加锁", owner="总务处 王老师", due=dt.date(2024, 6, 30)),
        today=TODAY,
    )
    assert planned.planned
    done = ws.rectifications.save(dataclasses.replace(planned, status=RectStatus.DONE), today=TODAY)
    assert done.done_on == TODAY and done.verified_on is None
    with pytest.raises(InputError, match="验收人"):
        ws.rectifications.save(dataclasses.replace(done, status=RectStatus.VERIFIED), today=TODAY)
    with pytest.raises(InputError, match="晚于今天"):
        ws.rectifications.save(
            dataclasses.replace(done, done_on=TODAY + dt.timedelta(days=1)), today=TODAY
        )
    with pytest.raises(InputError, match="早于完成日期"):
        ws.rectifications.save(
            dataclasses.replace(
                done,
                status=RectStatus.VERIFIED,
                verified_by="张校长",
                verified_on=TODAY - dt.timedelta(days=3),
            ),
            today=TODAY,
        )
    verified = ws.rectifications.save(
        dataclasses.replace(done, status=RectStatus.VERIFIED, verified_by="张校长"), today=TODAY
    )
    assert (verified.status, verified.verified_on, verified.verified_by) == (
        RectStatus.VERIFIED,
        TODAY,
        "张校长",
    )
    back = ws.rectifications.save(
        dataclasses.replace(verified, status=RectStatus.OPEN), today=TODAY
    )
    assert (back.done_on, back.verified_on, back.verified_by) == (None, None, "")
    history = [e for e in ws.assessments.history(aid) if e.action == "rectification.update"]
    assert len(history) == 4
    assert "状态：整改中" in history[1].old and "状态：已整改" in history[1].new


def test_progress_may_be_recorded_after_finalizing(ws: Workspace, aid: int) -> None:
    finalize_ready(ws, aid)
    ws.assessments.finalize(aid, "李老师", "张校长")
    (rect,) = ws.assessments.view(aid).rectifications
    done = ws.rectifications.save(dataclasses.replace(rect, status=RectStatus.DONE), today=TODAY)
    assert done.status is RectStatus.DONE
    assert ws.assessments.history(aid)[-1].action == "rectification.update"
    assert ws.assessments.fingerprint(aid) == ws.assessments.view(aid).signoff.fingerprint  # type: ignore[union-attr]


def test_open_entries_across_a_school_overdue_first(
    ws: Workspace, aid: int, school: School
) -> None:
    second = ws.assessments.new(school.id, "wj-sample", None, "2025")
    ws.answers.set(aid, "A04", "不符合")
    ws.answers.set(aid, "A01", "不符合")
    ws.answers.set(second, "A02", "0")
    ws.answers.set(second, "A04", "不符合")
    rects = {
        (r.assessment_id, r.code): r
        for v in (aid, second)
        for r in ws.assessments.view(v).rectifications
    }
    due = {
        (aid, "A04"): dt.date(2024, 7, 1),
        (aid, "A01"): dt.date(2024, 5, 1),  # overdue
        (second, "A02"): None,
        (second, "A04"): dt.date(2024, 5, 20),  # overdue
    }
    for key, when in due.items():
        ws.rectifications.save(dataclasses.replace(rects[key], measure="m", due=when), today=TODAY)
    ws.rectifications.save(
        dataclasses.replace(rects[(aid, "A04")], measure="m", status=RectStatus.DONE), today=TODAY
    )
    listed = ws.rectifications.open_for_school(school.id, today=TODAY)
    assert [(r.assessment_id, r.code) for r in listed] == [
        (aid, "A01"),
        (second, "A04"),
        (second, "A02"),
    ]
    assert [x.overdue_rectifications for x in ws.assessments.list(today=TODAY)] == [1, 1]
    other = ws.schools.add(primary_school(code="3204120002"))
    assert ws.rectifications.open_for_school(other.id) == []


def test_every_entry_of_a_school_by_status(ws: Workspace, aid: int, school: School) -> None:
    for code in ("A01", "A04", "B03"):
        ws.answers.set(aid, code, "不符合" if code != "B03" else "未配备")
    rects = {r.code: r for r in ws.assessments.view(aid).rectifications}
    ws.rectifications.save(
        dataclasses.replace(rects["A01"], due=dt.date(2024, 7, 1), measure="m"), today=TODAY
    )
    ws.rectifications.save(
        dataclasses.replace(rects["A04"], status=RectStatus.VERIFIED, verified_by="张校长"),
        today=TODAY,
    )
    ws.rectifications.save(
        dataclasses.replace(rects["B03"], status=RectStatus.DONE, due=dt.date(2024, 5, 1)),
        today=TODAY,
    )
    listed = ws.rectifications.for_school(school.id, today=TODAY)
    assert [(r.code, r.status) for r in listed] == [
        ("A01", RectStatus.OPEN),
        ("B03", RectStatus.DONE),  # past its due date but done: not overdue
        ("A04", RectStatus.VERIFIED),
    ]
    done = ws.rectifications.for_school(school.id, {RectStatus.DONE, RectStatus.VERIFIED})
    assert [r.code for r in done] == ["B03", "A04"]
    assert [r.code for r in ws.rectifications.open_for_school(school.id)] == ["A01"]


# ---------------------------------------------------------------- finalize


def finalize_ready(ws: Workspace, aid: int) -> None:
    """Answer the required items, one of them not met with a complete plan."""
    ws.answers.set(aid, "A01", "符合")
    ws.answers.set(aid, "A02", "3")
    ws.answers.set(aid, "B01", "100")
    ws.answers.set(aid, "A04", "不符合", note="只有一把锁")
    (rect,) = ws.assessments.view(aid).rectifications
    ws.rectifications.save(
        dataclasses.replace(rect, measure="加锁", owner="王老师", due=dt.date(2024, 9, 1)),
        today=TODAY,
    )


def test_finalize_lists_exactly_what_is_missing(ws: Workspace, aid: int) -> None:
    ws.answers.set(aid, "A04", "不符合")
    ws.answers.set(aid, "A02", "1")
    (_, a04) = ws.assessments.view(aid).rectifications
    ws.rectifications.save(dataclasses.replace(a04, measure="加锁"), today=TODAY)
    with pytest.raises(InputError) as caught:
        ws.assessments.finalize(aid, "李老师", " ")
    got = [(p.field, p.message.split("：")[0]) for p in caught.value.problems]
    assert got == [
        ("A01", "必填项未作答"),
        ("A02", "不符合项缺少整改措施、责任人、整改期限"),
        ("A04", "不符合项缺少责任人、整改期限"),
        ("B01", "必填项未作答"),
        ("reviewed_by", "缺少审核人（校长）"),
    ]
    assert str(caught.value.problems[0]).startswith("A01: 必填项未作答：学校落实“1530”")
    assert ws.assessments.missing(aid)[0].field == "A01"
    assert ws.assessments.view(aid).status is Status.DRAFT


def test_required_items_that_do_not_apply_or_are_hidden_are_not_missing(ws: Workspace) -> None:
    from tests.helpers.factory import item, template

    t = template(
        [
            item("Q", "yes_no", required=True),
            item("R", "text", required=True, show_if="${Q} = 'no'"),
            item("K", required=True, applies_to={"stages": ["幼儿园"]}),
        ]
    )
    ws.templates.install(t)
    school = ws.schools.add(primary_school())
    aid = ws.assessments.new(school.id, t.id, None, "2024")
    ws.answers.set(aid, "Q", "是")
    assert ws.assessments.missing(aid) == []


def test_finalize_records_signoff_and_makes_read_only(
    ws: Workspace, aid: int, tmp_path, school: School
) -> None:
    finalize_ready(ws, aid)
    signoff = ws.assessments.finalize(aid, " 李老师 ", "张校长")
    view = ws.assessments.view(aid)
    assert view.status is Status.FINALIZED and view.signoff == signoff
    assert (signoff.filled_by, signoff.reviewed_by, len(signoff.fingerprint)) == (
        "李老师",
        "张校长",
        64,
    )
    photo = tmp_path / "p.png"
    from PIL import Image

    Image.new("RGB", (5, 5)).save(photo)
    with pytest.raises(InputError, match="已定稿"):
        ws.evidence.add(aid, "A01", photo)
    with pytest.raises(InputError, match="已定稿"):
        ws.assessments.finalize(aid, "李老师", "张校长")
    # The school changes later; the finalized assessment keeps the school it was signed for.
    ws.schools.update(dataclasses.replace(school, name="改名后的学校", facts=()))
    again = ws.assessments.view(aid)
    assert again.school.name == "武进区测试小学" and again.school.fact("has_labs")
    assert again.score() == view.score()
    assert ws.assessments.fingerprint(aid) == signoff.fingerprint
    assert ws.assessments.list(status=Status.FINALIZED)[0].school_name == "武进区测试小学"


def test_a_refusal_states_the_fact_and_hints_the_remedy_without_a_command(
    ws: Workspace, aid: int
) -> None:
    finalize_ready(ws, aid)
    ws.assessments.finalize(aid, "李老师", "张校长")
    with pytest.raises(InputError) as caught:
        ws.answers.set(aid, "A01", "不符合")
    (problem,) = caught.value.problems
    assert problem.hint == Hint(Remedy.REOPEN, aid)
    assert "已定稿" in problem.message and "wjself" not in problem.message
    with pytest.raises(InputError) as caught:
        ws.assessments.view(aid + 100)
    (problem,) = caught.value.problems
    assert problem.hint == Hint(Remedy.LIST_ASSESSMENTS) and "wjself" not in problem.message


def test_reopen_needs_a_reason_is_audited_and_fingerprint_is_stable(
    ws: Workspace, aid: int
) -> None:
    finalize_ready(ws, aid)
    first = ws.assessments.finalize(aid, "李老师", "张校长")
    with pytest.raises(InputError, match="原因"):
        ws.assessments.reopen(aid, "  ")
    ws.assessments.reopen(aid, "补充佐证材料")
    entry = ws.assessments.history(aid)[-1]
    assert entry.action == "assessment.reopen"
    assert first.fingerprint in entry.old and entry.new == "原因：补充佐证材料"
    assert ws.assessments.view(aid).signoff is None
    with pytest.raises(InputError, match="草稿"):
        ws.assessments.reopen(aid, "again")
    # Nothing changed: finalizing again gives the same fingerprint (time is not part of it).
    assert ws.assessments.finalize(aid, "李老师", "张校长").fingerprint == first.fingerprint
    ws.assessments.reopen(aid, "修改备注")
    ws.answers.set_note(aid, "A01", "补充说明")
    changed = ws.assessments.finalize(aid, "李老师", "张校长").fingerprint
    assert changed != first.fingerprint
    finalizes = [e for e in ws.assessments.history(aid) if e.action == "assessment.finalize"]
    assert [first.fingerprint in e.new for e in finalizes] == [True, True, False]
    # Sign-off names are part of the fingerprint.
    ws.assessments.reopen(aid, "换审核人")
    assert ws.assessments.finalize(aid, "李老师", "王副校长").fingerprint != changed


def test_quick_single_item_sync_agrees_with_scoring_everything(ws: Workspace, aid: int) -> None:
    """After each single answer the entries are what a full re-scoring would make them."""
    import random

    from wjself.store.common import get_assessment
    from wjself.store.rectifications import sync_rectifications

    def entries() -> list[tuple[str, str]]:
        return [(r.code, r.problem) for r in ws.assessments.view(aid).rectifications]

    choices = {
        "A01": ["符合", "不符合", "基本符合", ""],
        "A02": ["0", "2", "5", ""],
        "A04": ["不符合", "符合", ""],  # A05's show-if looks at A04: the full path
        "A05": ["柜锁损坏", ""],
        "B01": ["80", "100", ""],
        "B03": ["未配备", "已配备专职教师", "仅有兼职教师"],
    }
    rng = random.Random(7)
    for _ in range(60):
        code = rng.choice(sorted(choices))
        ws.answers.set(
            aid, code, rng.choice(choices[code]), note=rng.choice([None, "", "台账不全"])
        )
        quick = entries()
        with ws._db.write() as s:
            sync_rectifications(s, get_assessment(s, aid))
        assert entries() == quick
