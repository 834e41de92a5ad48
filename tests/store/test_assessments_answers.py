"""Assessments and answers: starting, listing, viewing, deleting; setting, clearing, importing."""

from __future__ import annotations

import dataclasses
import getpass
import sqlite3

import pytest
from sqlalchemy import func, select

from tests.helpers.factory import item, template
from tests.store.conftest import primary_school
from wjself.core.assessment import AnswerRow, Status
from wjself.core.errors import InputError
from wjself.core.school import School
from wjself.core.scoring import Outcome
from wjself.paths import DataPaths
from wjself.store import Workspace
from wjself.store.models import AnswerRecord, AuditRecord


def audit_rows(ws: Workspace) -> int:
    with ws._db.read() as s:
        return int(s.scalar(select(func.count()).select_from(AuditRecord)) or 0)


def answer_rows(ws: Workspace) -> int:
    with ws._db.read() as s:
        return int(s.scalar(select(func.count()).select_from(AnswerRecord)) or 0)


# ---------------------------------------------------------------- assessments


def test_new_keeps_its_own_snapshot(ws: Workspace, school: School) -> None:
    ws.templates.install(template([item("A")], version="1"))
    first = ws.assessments.new(school.id, "t-test", None, "2024")
    ws.templates.install(template([item("A"), item("B")], version="2"))
    second = ws.assessments.new(school.id, "t-test", None, "2025")
    older = ws.assessments.new(school.id, "t-test", "1", "2026")
    assert ws.assessments.view(first).template.item_count() == 1
    assert ws.assessments.view(second).template.version == "2"
    assert ws.assessments.view(older).template.version == "1"


def test_new_refuses_templates_for_other_stages(ws: Workspace, school: School) -> None:
    ws.templates.install(template([item("K")], id="kg", stages=["幼儿园"], title="幼儿园保育"))
    with pytest.raises(InputError, match=r"只适用于幼儿园.*学段是小学"):
        ws.assessments.new(school.id, "kg", None, "2024")
    nine_year = ws.schools.add(primary_school(code="3204120003", stages=("九年一贯制",)))
    ws.templates.install(template([item("J")], id="jh", stages=["初中"]))
    assert ws.assessments.new(nine_year.id, "jh", None, "2024") > 0  # 九年一贯制 covers 初中


def test_new_refuses_bad_period_duplicates_and_unknowns(
    ws: Workspace, school: School, aid: int
) -> None:
    with pytest.raises(InputError, match=r"已有.*自评 1"):
        ws.assessments.new(school.id, "wj-sample", None, "2024")
    for period in ("", "24", "二〇二四"):
        with pytest.raises(InputError, match="期间"):
            ws.assessments.new(school.id, "wj-sample", None, period)
    with pytest.raises(InputError, match="学校 99 不存在"):
        ws.assessments.new(99, "wj-sample", None, "2025")
    with pytest.raises(InputError, match="没有版本 9"):
        ws.assessments.new(school.id, "wj-sample", "9", "2025")
    with pytest.raises(InputError, match="自评 99 不存在"):
        ws.assessments.view(99)
    assert ws.assessments.new(school.id, "wj-sample", None, "2024-2025学年") == aid + 1


def test_list_filters_and_summary(ws: Workspace, school: School, aid: int) -> None:
    other = ws.schools.add(primary_school(name="二小", code="3204120002"))
    other_aid = ws.assessments.new(other.id, "wj-sample", None, "2023")
    ws.answers.set(aid, "A01", "符合")
    ws.answers.set(aid, "A04", "不符合")
    (summary,) = ws.assessments.list(school_id=school.id)
    assert (summary.id, summary.school_name, summary.period, summary.status) == (
        aid,
        "武进区测试小学",
        "2024",
        Status.DRAFT,
    )
    assert summary.template_key == "wj-sample@2024.1"
    assert (summary.answered, summary.applicable) == (2, 8)  # A03 (校车) does not apply
    assert summary.open_rectifications == 1 and summary.overdue_rectifications == 0
    assert summary.percent is not None and summary.band
    assert [x.id for x in ws.assessments.list()] == [aid, other_aid]  # newest period first
    assert [x.id for x in ws.assessments.list(period="2023")] == [other_aid]
    assert ws.assessments.list(status=Status.FINALIZED) == []


def test_view_gives_not_applicable_items_with_the_reason(ws: Workspace, aid: int) -> None:
    result = ws.assessments.view(aid).score()
    assert result.items["A03"].outcome is Outcome.EXCLUDED
    assert result.items["A03"].reason == "仅适用于运营校车的学校"


def test_delete_a_draft_keeps_the_audit_log(
    ws: Workspace, aid: int, paths: DataPaths, tmp_path
) -> None:
    ws.answers.set(aid, "A04", "不符合")
    photo = tmp_path / "p.png"
    from PIL import Image

    Image.new("RGB", (10, 10), "red").save(photo)
    evidence = ws.evidence.add(aid, "A01", photo)
    ws.assessments.delete(aid)
    with pytest.raises(InputError):
        ws.assessments.view(aid)
    with sqlite3.connect(paths.database) as conn:
        for table in ("answers", "evidence", "rectifications"):
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)
        actions = [r[0] for r in conn.execute("SELECT action FROM audit_log ORDER BY id")]
        orphaned = conn.execute(
            "SELECT count(*) FROM audit_log WHERE assessment_id IS NULL AND action != 'template.install' "
            "AND action NOT LIKE 'school.%'"
        ).fetchone()
    assert actions[-1] == "assessment.delete" and orphaned[0] >= 3
    assert not (paths.evidence / evidence.sha256[:2] / evidence.sha256).exists()


# ---------------------------------------------------------------- answers


def test_set_is_one_transaction_with_one_audit_row(
    ws: Workspace, aid: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WJSELF_USER", "安全办 陈老师")
    before = audit_rows(ws)
    answer = ws.answers.set(aid, "B01", "95%", note="新校区辅导室在建")
    assert answer.value == 95.0 and answer.note == "新校区辅导室在建"
    assert answer.updated_by == "安全办 陈老师"
    assert audit_rows(ws) == before + 1
    (entry,) = [e for e in ws.assessments.history(aid) if e.code == "B01"]
    assert (entry.who, entry.action, entry.old, entry.new) == (
        "安全办 陈老师",
        "answer.set",
        "（未填）",
        "95%；备注：新校区辅导室在建",
    )
    # The same value again changes nothing and records nothing.
    ws.answers.set(aid, "B01", "95")
    assert audit_rows(ws) == before + 1
    ws.answers.set(aid, "B01", "100")
    assert audit_rows(ws) == before + 2
    assert ws.answers.get(aid, "B01").note == "新校区辅导室在建"  # note None keeps it


def test_clear_and_note(ws: Workspace, aid: int) -> None:
    ws.answers.set(aid, "A01", "符合", note="有记录")
    ws.answers.set_note(aid, "A01", "记录齐全")
    assert ws.answers.get(aid, "A01").value == "met"
    ws.answers.set(aid, "A01", "")  # an empty value clears the value, keeps the note
    assert ws.answers.get(aid, "A01").value is None
    assert ws.answers.get(aid, "A01").note == "记录齐全"
    ws.answers.clear(aid, "A01")
    assert answer_rows(ws) == 0
    actions = [e.action for e in ws.assessments.history(aid) if e.code == "A01"]
    assert actions == ["answer.set", "answer.note", "answer.clear", "answer.clear"]


def test_operator_defaults_to_login_name_and_can_be_set(
    ws: Workspace, aid: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WJSELF_USER", raising=False)
    assert ws.answers.set(aid, "A01", "符合").updated_by == getpass.getuser()
    ws.set_operator("办公室 王老师")
    assert ws.answers.set(aid, "A01", "不符合").updated_by == "办公室 王老师"
    monkeypatch.setenv("WJSELF_USER", "env-user")
    assert ws.operator == "env-user"


def test_bad_values_are_refused_and_change_nothing(ws: Workspace, aid: int) -> None:
    before = audit_rows(ws)
    with pytest.raises(InputError, match="不是数字"):
        ws.answers.set(aid, "A02", "两次")
    with pytest.raises(InputError, match="0 到 100"):
        ws.answers.set(aid, "B01", "120%")
    with pytest.raises(InputError, match="不在模板"):
        ws.answers.set(aid, "Z99", "符合")
    with pytest.raises(InputError, match="不是本题的选项"):
        ws.answers.set(aid, "B03", "外聘")
    assert audit_rows(ws) == before and answer_rows(ws) == 0


def test_values_as_people_write_them(ws: Workspace, aid: int) -> None:
    assert ws.answers.set(aid, "A01", "基本符合").value == "partial"
    assert ws.answers.set(aid, "B02", "线下讲座、“大家访”入户指导").value == ["offline", "visit"]
    assert ws.answers.set(aid, "B03", "仅有兼职教师").value == "part"
    assert ws.answers.set(aid, "B04", "2024/3/5").value == "2024-03-05"


def test_hidden_item_answer_is_kept_but_does_not_count(ws: Workspace, aid: int) -> None:
    ws.answers.set(aid, "A04", "不符合")
    ws.answers.set(aid, "A05", "柜锁损坏")
    assert ws.assessments.view(aid).score().items["A05"].outcome is Outcome.ANSWERED
    ws.answers.set(aid, "A04", "符合")  # A05 is now hidden
    view = ws.assessments.view(aid)
    assert view.answers["A05"].value == "柜锁损坏"
    assert view.score().items["A05"].outcome is Outcome.HIDDEN
    assert view.score().overall.answered == 1


def test_import_rows_all_or_nothing(ws: Workspace, aid: int) -> None:
    ws.answers.set(aid, "A01", "符合")
    before = audit_rows(ws)
    rows = [
        AnswerRow(2, "A01", "不符合", "台账缺失"),
        AnswerRow(3, "A02", "很多"),
        AnswerRow(4, "Z9", "符合"),
        AnswerRow(5, "B01", "100"),
        AnswerRow(6, "B01", "90"),
        AnswerRow(7, "", "符合"),
    ]
    with pytest.raises(InputError) as caught:
        ws.answers.import_rows(aid, rows, "answers.csv")
    lines = [str(p) for p in caught.value.problems]
    assert [line.split(":")[1] for line in lines] == ["row 3", "row 4", "row 6", "row 7"]
    assert all(line.startswith("answers.csv:row ") for line in lines)
    assert ws.answers.get(aid, "A01").value == "met" and audit_rows(ws) == before

    good = [
        AnswerRow(2, "A01", "不符合", "台账缺失"),
        AnswerRow(3, "A02", 3),
        AnswerRow(4, "B01", None, "在建"),
    ]
    result = ws.answers.import_rows(aid, good, "answers.csv")
    assert (result.rows, result.changed, result.unchanged) == (3, 3, 0)
    view = ws.assessments.view(aid)
    assert view.answers["A01"].value == "not_met" and view.answers["B01"].value is None
    assert view.answers["B01"].note == "在建"
    assert [r.code for r in view.rectifications] == ["A01"]
    assert audit_rows(ws) == before + 3
    again = ws.answers.import_rows(aid, good, "answers.csv")
    assert (again.changed, again.unchanged) == (0, 3)


def test_finalized_assessment_refuses_answer_changes(ws: Workspace, aid: int) -> None:
    for code, value in (("A01", "符合"), ("A02", "3"), ("A04", "符合"), ("B01", "100")):
        ws.answers.set(aid, code, value)
    ws.assessments.finalize(aid, "李老师", "张校长")
    before = audit_rows(ws)
    for change in (
        lambda: ws.answers.set(aid, "A01", "不符合"),
        lambda: ws.answers.set_note(aid, "A01", "x"),
        lambda: ws.answers.clear(aid, "A01"),
        lambda: ws.answers.import_rows(aid, [AnswerRow(2, "A01", "不符合")]),
        lambda: ws.assessments.delete(aid),
    ):
        with pytest.raises(InputError, match="已定稿"):
            change()
    assert audit_rows(ws) == before
    assert ws.assessments.view(aid).answers["A01"].value == "met"


def test_school_facts_change_draft_applicability(ws: Workspace, aid: int, school: School) -> None:
    ws.answers.set(aid, "A04", "不符合")
    assert [r.code for r in ws.assessments.view(aid).rectifications] == ["A04"]
    no_labs = dataclasses.replace(school, facts=(("has_canteen", True), ("has_labs", False)))
    ws.schools.update(no_labs)
    view = ws.assessments.view(aid)
    assert view.score().items["A04"].outcome is Outcome.EXCLUDED
    assert view.rectifications == ()  # untouched entry removed with the item
