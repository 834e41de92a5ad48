"""Template upgrades applied by the store: one transaction, nothing lost, preview equals result."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from tests.helpers.template_edits import sample
from tests.helpers.upgrade_pair import NEW_VERSION, OLD_VERSION, answered_draft, new
from wjself.core.assessment import Status
from wjself.core.errors import InputError
from wjself.core.upgrade import UpgradeOffer, UpgradePlan
from wjself.paths import DataPaths
from wjself.store import Workspace, backup, upgrades
from wjself.store.db import schema_revision


@pytest.fixture
def draft(ws: Workspace, tmp_path: Path) -> int:
    return answered_draft(ws, tmp_path / "files")


def dump(paths: DataPaths) -> list[str]:
    """Every row of every table, for comparing a database before and after."""
    with contextlib.closing(sqlite3.connect(paths.database)) as conn:
        return list(conn.iterdump())


def evidence_files(paths: DataPaths) -> set[str]:
    return {p.name for p in paths.evidence.rglob("*") if p.is_file()}


def test_the_upgrade_does_what_the_preview_said(ws: Workspace, draft: int) -> None:
    preview = ws.upgrades.plan(draft, NEW_VERSION)
    c = preview.counts
    assert (c.carried, c.reconfirm, c.set_aside, c.removed, c.added_unanswered) == (3, 3, 2, 1, 2)
    done = ws.upgrades.apply(draft, NEW_VERSION, basis=preview.basis)
    assert done.plan.counts == preview.counts and done.plan.basis == preview.basis

    view = ws.assessments.view(draft)
    assert (view.template.version, view.upgraded_from) == (NEW_VERSION, OLD_VERSION)
    flagged = {code for code, a in view.answers.items() if a.needs_reconfirm}
    assert flagged == {o.code for o in preview.reconfirm} == {"A01", "A02", "B02"}
    aside = {code: a.set_aside for code, a in view.answers.items() if a.set_aside is not None}
    assert (
        aside
        == {o.code: o.old_value for o in preview.set_aside}
        == {
            "A05": "危化品柜未实行双人双锁",
            "B03": "part",
        }
    )
    assert all(view.answers[code].value is None for code in aside)
    assert view.answers["B02"].value == ["onsite"]  # the renamed option's new name
    history = ws.answers.history(draft)
    assert sorted((h.code, h.reason) for h in history) == [
        ("A04", "removed_item"),
        ("A05", "set_aside"),
        ("B03", "set_aside"),
    ]
    assert len(history) == len(preview.history)
    values = {code: a.value for code, a in view.answers.items() if a.value is not None}
    assert values == {r.code: r.value for r in preview.rows if r.value is not None}
    # The dry run's figures are exactly what happened, scores included.
    result = view.score()
    assert (result.percent, result.band) == (preview.score_after, preview.band_after)


def test_no_answer_disappears_without_a_trace(ws: Workspace, draft: int, paths: DataPaths) -> None:
    before = ws.assessments.view(draft)
    files = evidence_files(paths)
    ws.upgrades.apply(draft, NEW_VERSION)
    after = ws.assessments.view(draft)
    history = {h.code: h for h in ws.answers.history(draft)}
    for code, old in before.answers.items():
        current = after.answers.get(code)
        kept = current is not None and (current.value is not None or current.set_aside is not None)
        assert kept or code in history, code
        if current is not None and current.value is None and old.value is not None:
            assert current.set_aside == old.value and history[code].value == old.value
        if code in history:
            h = history[code]
            assert (h.value, h.note) == (old.value, old.note)
            assert [e.sha256 for e in h.evidence] == [e.sha256 for e in old.evidence]
        if current is not None:
            assert current.note == old.note
            assert [e.sha256 for e in current.evidence] == [e.sha256 for e in old.evidence]
    assert evidence_files(paths) == files  # no stored file deleted: the history refers to them


def test_notes_evidence_and_rectifications_follow_their_item(
    ws: Workspace, draft: int, paths: DataPaths
) -> None:
    before = ws.assessments.view(draft)
    (rect,) = [r for r in before.rectifications if r.code == "A04"]
    ws.upgrades.apply(draft, NEW_VERSION)
    view = ws.assessments.view(draft)
    a01 = view.answers["A01"]
    assert a01.note == "每周五班会课落实安全提醒" and [e.name for e in a01.evidence] == [
        "班会记录.png"
    ]
    assert [e.name for e in view.answers["B04"].evidence] == ["培训签到表.png"]
    assert view.answers["B03"].note == "专职教师招聘中"
    assert "A04" not in view.answers
    (removed,) = ws.answers.history(draft, "A04")
    assert removed.shown == "不符合" and removed.note == "危化品柜只有一把锁"
    assert removed.rectification_ids == (rect.id,)
    (photo,) = removed.evidence
    assert photo.name == "危化品柜.png" and Path(photo.path).read_bytes()
    kept = next(r for r in view.rectifications if r.id == rect.id)
    assert (kept.measure, kept.owner, kept.due) == (rect.measure, rect.owner, rect.due)
    assert kept.obsolete and view.template.item("A04") is None  # detached, listed
    # A detached entry stays through later saves, and is deleted only on purpose.
    ws.answers.set(draft, "A06", "不符合")
    assert rect.id in {r.id for r in ws.assessments.view(draft).rectifications}
    ws.rectifications.delete(rect.id)
    assert rect.id not in {r.id for r in ws.assessments.view(draft).rectifications}


def test_audit_says_when_who_and_from_which_version(
    ws: Workspace, draft: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WJSELF_USER", "教务处 刘芳")
    ws.upgrades.apply(draft, NEW_VERSION)
    entries = [e for e in ws.assessments.history(draft) if e.who == "教务处 刘芳"]
    actions = [(e.action, e.code) for e in entries]
    assert actions[0] == ("assessment.upgrade", "")
    assert entries[0].old == f"wj-sample@{OLD_VERSION}"
    assert entries[0].new.startswith(f"wj-sample@{NEW_VERSION}；沿用 3 项")
    assert sorted(actions[1:]) == [
        ("answer.item_removed", "A04"),
        ("answer.needs_reconfirm", "A01"),
        ("answer.needs_reconfirm", "A02"),
        ("answer.needs_reconfirm", "B02"),
        ("answer.set_aside", "A05"),
        ("answer.set_aside", "B03"),
    ]
    assert len({e.at for e in entries}) == 1


def test_a_backup_is_taken_first(ws: Workspace, draft: int, paths: DataPaths) -> None:
    done = ws.upgrades.apply(draft, NEW_VERSION)
    saved = Path(done.backup)
    assert saved.parent == paths.backups and saved.name.startswith(f"pre-upgrade-{draft}-")
    assert saved in ws.backups()
    with backup.database_in(saved) as db:
        with contextlib.closing(sqlite3.connect(db)) as conn:
            version = conn.execute(
                "SELECT template_version FROM assessments WHERE id = ?", (draft,)
            ).fetchone()
            assert version == (OLD_VERSION,)
            assert conn.execute("SELECT count(*) FROM answer_history").fetchone() == (0,)
        assert schema_revision(db) == schema_revision(paths.database)


def test_touching_an_item_clears_its_flags(ws: Workspace, draft: int) -> None:
    ws.upgrades.apply(draft, NEW_VERSION)
    # Same value again: confirmed (one audit row), value unchanged.
    again = ws.answers.set(draft, "A01", "符合")
    assert again.value == "met" and not again.needs_reconfirm
    assert ws.assessments.history(draft)[-1].action == "answer.confirm"
    # "Still right" without giving the value.
    assert not ws.answers.confirm(draft, "A02").needs_reconfirm
    assert ws.answers.confirm(draft, "A02").needs_reconfirm is False  # no-op the second time
    confirms = [e for e in ws.assessments.history(draft) if e.action == "answer.confirm"]
    assert [e.code for e in confirms] == ["A01", "A02"]
    # A note alone is not a touch.
    assert ws.answers.set_note(draft, "B02", "另有线上课程").needs_reconfirm
    # A set-aside item has nothing to confirm; answering replaces the set-aside value.
    with pytest.raises(InputError, match="重新作答"):
        ws.answers.confirm(draft, "B03")
    answered = ws.answers.set(draft, "B03", "已配备专职教师")
    assert (answered.value, answered.set_aside, answered.note) == ("full", None, "专职教师招聘中")
    (kept,) = ws.answers.history(draft, "B03")
    assert kept.value == "part" and kept.shown == "仅有兼职教师"
    # Clearing a set-aside item's note leaves its set-aside value where it is.
    assert ws.answers.set_note(draft, "A05", "").set_aside == "危化品柜未实行双人双锁"


def test_refusals_change_nothing_and_take_no_backup(
    ws: Workspace, draft: int, paths: DataPaths
) -> None:
    ws.templates.install(sample("2023.9"))
    before = dump(paths)
    cases = {
        OLD_VERSION: "无需升级",
        "2023.9": "不能从 2024.1 版降级到 2023.9 版",
        "2099.1": "没有版本 2099.1",
    }
    for version, message in cases.items():
        with pytest.raises(InputError, match=message):
            ws.upgrades.plan(draft, version)
        with pytest.raises(InputError, match=message):
            ws.upgrades.apply(draft, version)
    with pytest.raises(InputError, match="不存在"):
        ws.upgrades.apply(9999, NEW_VERSION)
    assert dump(paths) == before
    assert not [p for p in ws.backups() if p.name.startswith("pre-upgrade-")]


def finalized(ws: Workspace, aid: int) -> None:
    """Complete what finalizing asks for on the answered 2024.1 draft, and finalize it."""
    for r in ws.assessments.view(aid).rectifications:
        if not r.planned:
            ws.rectifications.save(
                dataclasses.replace(
                    r, measure="制定整改方案", owner="校办 王明", due=r.due or dt.date(2024, 12, 31)
                )
            )
    for problem in ws.assessments.missing(aid):
        raise AssertionError(problem)
    ws.assessments.finalize(aid, "李老师", "张校长")


def test_a_finalized_assessment_is_never_upgraded(
    ws: Workspace, draft: int, paths: DataPaths
) -> None:
    finalized(ws, draft)
    before = dump(paths)
    with pytest.raises(InputError) as caught:
        ws.upgrades.apply(draft, NEW_VERSION)
    assert [p.field for p in caught.value.problems] == ["status"]
    assert "已定稿，不能升级" in str(caught.value) and "预填" in str(caught.value)
    assert dump(paths) == before


def test_a_change_after_the_preview_is_refused(ws: Workspace, draft: int, paths: DataPaths) -> None:
    preview = ws.upgrades.plan(draft, NEW_VERSION)
    ws.answers.set(draft, "B01", "100%")
    before = dump(paths)
    with pytest.raises(InputError, match="预览之后有改动"):
        ws.upgrades.apply(draft, NEW_VERSION, basis=preview.basis)
    assert dump(paths) == before
    fresh = ws.upgrades.plan(draft, NEW_VERSION)
    assert ws.upgrades.apply(draft, NEW_VERSION, basis=fresh.basis).plan.counts == fresh.counts


def test_a_failure_half_way_changes_nothing(
    ws: Workspace, draft: int, paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plan whose last row repeats an item (a constraint violation after the history, the
    deletions and most rows are written): the whole upgrade is rolled back."""
    real = upgrades.plan_upgrade

    def bad_plan(*args: object, **kwargs: object) -> UpgradePlan:
        plan = real(*args, **kwargs)  # type: ignore[arg-type]
        extra = dataclasses.replace(plan.rows[0], code="A06", changed=True, value="met")
        return dataclasses.replace(plan, rows=(*plan.rows, extra, extra))

    monkeypatch.setattr(upgrades, "plan_upgrade", bad_plan)
    before = dump(paths)
    files = evidence_files(paths)
    with pytest.raises(IntegrityError):
        ws.upgrades.apply(draft, NEW_VERSION)
    assert dump(paths) == before
    assert evidence_files(paths) == files
    monkeypatch.undo()
    assert ws.upgrades.apply(draft, NEW_VERSION).plan.counts.removed == 1


def test_upgrading_twice_and_deleting_the_draft(
    ws: Workspace, draft: int, paths: DataPaths
) -> None:
    ws.upgrades.apply(draft, NEW_VERSION)
    ws.templates.install(new("2024.3"))
    second = ws.upgrades.plan(draft, "2024.3")
    assert second.counts.removed == 0 and second.counts.set_aside == 0
    ws.upgrades.apply(draft, "2024.3")
    view = ws.assessments.view(draft)
    # Flags and set-aside values of the first upgrade stay until someone touches the item.
    assert view.answers["A01"].needs_reconfirm and view.answers["B03"].set_aside == "part"
    assert view.upgraded_from == NEW_VERSION
    assert len(ws.answers.history(draft)) == 3
    # Deleting the draft deletes its history, and the files only the history still needed.
    removed_photo = ws.answers.history(draft, "A04")[0].evidence[0].sha256
    ws.assessments.delete(draft)
    assert removed_photo not in evidence_files(paths)
    assert evidence_files(paths) == set()


def test_a_new_draft_prefilled_from_a_finalized_one(
    ws: Workspace, draft: int, paths: DataPaths
) -> None:
    finalized(ws, draft)
    source = ws.assessments.view(draft)
    fingerprint = ws.assessments.fingerprint(draft)
    preview = ws.upgrades.prefill_plan(draft, "wj-sample", NEW_VERSION)
    # Same school, template and period: a finalized older version leaves room for the new one.
    done = ws.upgrades.new_prefilled(source.school.id, "wj-sample", NEW_VERSION, "2024", draft)
    assert done.plan.counts == preview.counts and done.backup == ""
    view = ws.assessments.view(done.assessment_id)
    assert view.status is Status.DRAFT and view.template.version == NEW_VERSION
    assert view.answers["A01"].value == "met" and view.answers["A01"].needs_reconfirm
    assert [e.sha256 for e in view.answers["A01"].evidence] == [
        e.sha256 for e in source.answers["A01"].evidence
    ]
    assert view.answers["B03"].value is None and view.answers["B03"].set_aside == "part"
    assert "A04" not in view.answers and not any(r.code == "A04" for r in view.rectifications)
    assert ws.answers.history(done.assessment_id) == []
    actions = [e.action for e in ws.assessments.history(done.assessment_id)]
    assert actions[:2] == ["assessment.new", "assessment.prefill"]
    # The finalized one is untouched.
    assert ws.assessments.fingerprint(draft) == fingerprint
    assert ws.assessments.view(draft).answers == source.answers
    # Once is enough: a second draft of that version for the period is refused.
    with pytest.raises(InputError, match="已有"):
        ws.upgrades.new_prefilled(source.school.id, "wj-sample", NEW_VERSION, "2024", draft)


def test_prefill_refusals(ws: Workspace, draft: int) -> None:
    school = ws.assessments.view(draft).school
    with pytest.raises(InputError, match="只能用已定稿的自评预填"):
        ws.upgrades.new_prefilled(school.id, "wj-sample", NEW_VERSION, "2025", draft)
    finalized(ws, draft)
    with pytest.raises(InputError, match="不能用它的答案预填"):
        ws.upgrades.new_prefilled(school.id, "wj2024-safety", None, "2025", draft)
    from tests.store.conftest import primary_school

    other = ws.schools.add(primary_school(name="另一所小学", code="3204120099"))
    with pytest.raises(InputError, match="另一所学校"):
        ws.upgrades.new_prefilled(other.id, "wj-sample", NEW_VERSION, "2025", draft)
    assert len(ws.assessments.list()) == 1


def test_offers_name_the_newer_version_and_the_successor(ws: Workspace, draft: int) -> None:
    school = ws.assessments.view(draft).school
    other = ws.assessments.new(school.id, "wj-sample", NEW_VERSION, "2025")  # already newest
    offer = ws.upgrades.offer(draft)
    assert offer == UpgradeOffer(draft, Status.DRAFT, "wj-sample", OLD_VERSION, NEW_VERSION)
    assert offer.is_draft and ws.upgrades.offer(other) is None
    assert [o.assessment_id for o in ws.upgrades.offers(school.id)] == [draft]
    assert ws.upgrades.offers(school.id + 1000) == []

    finalized(ws, draft)
    offer = ws.upgrades.offer(draft)
    assert offer is not None and not offer.is_draft and offer.successor is None
    done = ws.upgrades.new_prefilled(school.id, "wj-sample", NEW_VERSION, "2024", draft)
    offer = ws.upgrades.offer(draft)
    assert offer is not None and offer.successor == done.assessment_id

    ws.templates.install(new("2024.3"))
    assert {o.assessment_id: o.newest for o in ws.upgrades.offers()} == {
        draft: "2024.3",
        other: "2024.3",
        done.assessment_id: "2024.3",
    }
