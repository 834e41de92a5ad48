"""The written 自查报告: stored per assessment with audit rows, read-only once finalized, in the
fingerprint (scheme 3), and checked like any typed text when a backup is restored."""

from __future__ import annotations

import contextlib
import dataclasses
import sqlite3
from pathlib import Path

import pytest

from tests.store.test_rectifications_finalize import finalize_ready
from wjself.core.errors import InputError
from wjself.core.fingerprint import assessment_fingerprint
from wjself.core.narrative import MAX_PART, PARTS, Narrative
from wjself.paths import DataPaths
from wjself.store import Workspace
from wjself.store.backup import online_backup
from wjself.store.vet import vet_database

WRITTEN = Narrative.of({"基本情况": "本校有 24 个班。", "存在问题": "台账不全。\n消防通道堵塞。"})


def test_a_narrative_is_stored_and_audited_per_part(ws: Workspace, aid: int) -> None:
    assert ws.assessments.narrative(aid) == Narrative()
    assert ws.assessments.view(aid).narrative.empty
    ws.assessments.set_narrative(aid, WRITTEN)
    assert ws.assessments.narrative(aid) == WRITTEN
    assert ws.assessments.view(aid).narrative == WRITTEN
    rows = [e for e in ws.assessments.history(aid) if e.action == "assessment.narrative"]
    assert [(e.code, e.old, e.new) for e in rows] == [
        ("基本情况", "", "本校有 24 个班。"),
        ("存在问题", "", "台账不全。 消防通道堵塞。"),
    ]
    ws.assessments.set_narrative(aid, WRITTEN)  # the same again records nothing
    ws.assessments.set_narrative(aid, WRITTEN.replace("基本情况", "  本校有 25 个班。 "))
    rows = [e for e in ws.assessments.history(aid) if e.action == "assessment.narrative"]
    assert len(rows) == 3 and rows[-1].old == "本校有 24 个班。"
    assert ws.assessments.narrative(aid).get("基本情况") == "本校有 25 个班。"


@pytest.mark.reliability(
    fault="Hostile input", method="narrative part of 20,001 characters, or holding \\x07"
)
def test_too_long_or_control_characters_are_refused_and_nothing_changes(
    ws: Workspace, aid: int
) -> None:
    ws.assessments.set_narrative(aid, WRITTEN)
    for bad in ("字" * (MAX_PART + 1), "铃\x07声"):
        with pytest.raises(InputError) as caught:
            ws.assessments.set_narrative(aid, WRITTEN.replace("主要做法与成效", bad))
        assert caught.value.problems[0].field == "主要做法与成效"
        assert "自查报告" in str(caught.value)
    assert ws.assessments.narrative(aid) == WRITTEN


def test_a_finalized_narrative_is_read_only_and_in_the_fingerprint(ws: Workspace, aid: int) -> None:
    ws.assessments.set_narrative(aid, WRITTEN)
    finalize_ready(ws, aid)
    signoff = ws.assessments.finalize(aid, "李老师", "张校长")
    assert signoff.scheme == 3
    with pytest.raises(InputError, match="已定稿"):
        ws.assessments.set_narrative(aid, Narrative())
    view = ws.assessments.view(aid)
    assert ws.assessments.fingerprint(aid) == signoff.fingerprint
    changed = view.narrative.replace("整改措施与下一步打算", "加强巡查。")
    other = dataclasses.replace(view, narrative=changed)
    assert assessment_fingerprint(other) != signoff.fingerprint
    # scheme 2 does not cover it: a wjself 1.1 fingerprint keeps verifying
    old = dataclasses.replace(view.signoff, scheme=2) if view.signoff else None
    v2 = dataclasses.replace(view, signoff=old)
    assert assessment_fingerprint(v2) == assessment_fingerprint(
        dataclasses.replace(v2, narrative=changed)
    )


@pytest.mark.reliability(
    fault="Hostile backup",
    method="assessments.narrative edited: not an object, unknown part, a number, \\x1b, 20,001 characters; vetting",
)
def test_restore_vetting_refuses_a_hostile_narrative(
    ws: Workspace, aid: int, paths: DataPaths, tmp_path: Path
) -> None:
    ws.assessments.set_narrative(aid, WRITTEN)
    good = tmp_path / "good.db"
    online_backup(paths.database, good)
    assert vet_database(good) == []
    cases = {
        '"just text"': "应为 JSON 对象",
        '{"附件": "x"}': "未知的部分“附件”",
        '{"基本情况": 42}': "基本情况：应为文字",
        '{"基本情况": "a\\u001bb"}': "控制字符",
        '{"存在问题": "' + "长" * (MAX_PART + 1) + '"}': "过长",
        "{": "JSON",
    }
    for raw, expected in cases.items():
        bad = tmp_path / "bad.db"
        bad.write_bytes(good.read_bytes())
        with contextlib.closing(sqlite3.connect(bad)) as conn, conn:
            conn.execute("UPDATE assessments SET narrative = ? WHERE id = ?", (raw, aid))
        problems = vet_database(bad)
        assert problems, raw
        assert all(p.sheet == "assessments" and p.field == "narrative" for p in problems)
        assert any(expected in p.message for p in problems), (raw, problems)


def test_parts_are_the_four_of_a_report() -> None:
    assert PARTS == ("基本情况", "主要做法与成效", "存在问题", "整改措施与下一步打算")
