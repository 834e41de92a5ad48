"""Finalizing records fingerprint scheme 2, which covers the school profile; assessments
finalized by wjself 1.0 (scheme 1, revision < 0005) still verify as what they are."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import sqlite3

import pytest

from tests.store.test_rectifications_finalize import finalize_ready
from wjself.core.fingerprint import FINGERPRINT_VERSION, assessment_fingerprint
from wjself.paths import DataPaths
from wjself.store import Workspace


def test_finalize_uses_the_current_scheme(ws: Workspace, aid: int) -> None:
    finalize_ready(ws, aid)
    signoff = ws.assessments.finalize(aid, "李老师", "张校长")
    assert signoff.scheme == FINGERPRINT_VERSION == 3
    view = ws.assessments.view(aid)
    assert view.signoff == signoff
    assert ws.assessments.fingerprint(aid) == signoff.fingerprint


@pytest.mark.reliability(
    fault="Edited data", method="school facts of a finalized assessment changed in the database"
)
def test_changed_school_facts_change_the_fingerprint(
    ws: Workspace, aid: int, paths: DataPaths
) -> None:
    finalize_ready(ws, aid)
    signoff = ws.assessments.finalize(aid, "李老师", "张校长")
    with contextlib.closing(sqlite3.connect(paths.database)) as conn, conn:
        (raw,) = conn.execute(
            "SELECT school_snapshot FROM assessments WHERE id = ?", (aid,)
        ).fetchone()
        snapshot = json.loads(raw)
        snapshot["facts"]["has_canteen"] = not snapshot["facts"].get("has_canteen", False)
        conn.execute(
            "UPDATE assessments SET school_snapshot = ? WHERE id = ?",
            (json.dumps(snapshot, ensure_ascii=False), aid),
        )
    assert ws.assessments.fingerprint(aid) != signoff.fingerprint


def test_scheme_1_assessments_still_verify(ws: Workspace, aid: int, paths: DataPaths) -> None:
    finalize_ready(ws, aid)
    signoff = ws.assessments.finalize(aid, "李老师", "张校长")
    view = ws.assessments.view(aid)
    assert view.signoff is not None
    old = dataclasses.replace(view, signoff=dataclasses.replace(view.signoff, scheme=1))
    fp_1 = assessment_fingerprint(old)
    assert fp_1 != signoff.fingerprint
    # what wjself 1.0 stored (the migration to 0005 gives every existing row scheme 1)
    with contextlib.closing(sqlite3.connect(paths.database)) as conn, conn:
        conn.execute(
            "UPDATE assessments SET fingerprint = ?, fingerprint_scheme = 1 WHERE id = ?",
            (fp_1, aid),
        )
    again = ws.assessments.view(aid)
    assert again.signoff is not None and again.signoff.scheme == 1
    assert ws.assessments.fingerprint(aid) == fp_1
    ws.assessments.reopen(aid, "重新定稿")
    assert ws.assessments.finalize(aid, "李老师", "张校长").scheme == 3


def test_scheme_2_ignores_facts_that_do_not_hold(ws: Workspace, aid: int) -> None:
    """A fact added in a later version (absent = false) leaves scheme 2 fingerprints as they
    were; one that holds is part of it."""
    finalize_ready(ws, aid)
    signoff = ws.assessments.finalize(aid, "李老师", "张校长")
    view = ws.assessments.view(aid)
    fewer = tuple((name, holds) for name, holds in view.school.facts if holds)
    same = dataclasses.replace(view, school=dataclasses.replace(view.school, facts=fewer))
    assert assessment_fingerprint(same) == signoff.fingerprint
    more = (*view.school.facts, ("a_fact_of_the_future", True))
    other = dataclasses.replace(view, school=dataclasses.replace(view.school, facts=more))
    assert assessment_fingerprint(other) != signoff.fingerprint
