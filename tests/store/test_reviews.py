"""Receiving the bureau's review (.wjsr) at the school: trust, matching, reopening, keeping."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.store.test_rectifications_finalize import finalize_ready
from wjself.core.assessment import Status
from wjself.core.errors import InputError
from wjself.core.review import Review, ReviewComment, Verdict
from wjself.core.signing import SignatureCheck
from wjself.formats.review_file import read_review, write_review
from wjself.formats.signature import sign_entry
from wjself.paths import DataPaths
from wjself.store import Workspace
from wjself.store.vet import vet_database

WHEN = dt.datetime(2024, 12, 20, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
BUREAU = {"role": "bureau", "name": "武进区教育局", "code": ""}


def finalized(ws: Workspace, aid: int) -> str:
    finalize_ready(ws, aid)
    return ws.assessments.finalize(aid, "李老师", "张校长").fingerprint


def review_of(ws: Workspace, aid: int, fingerprint: str, **changes: object) -> Review:
    view = ws.assessments.view(aid)
    base = Review(
        school_code=view.school.code,
        school_name=view.school.name,
        template_id=view.template.id,
        template_version=view.template.version,
        period=view.period,
        fingerprint=fingerprint,
        verdict=Verdict.RETURNED,
        reason="台账不全",
        reviewer="督导室 张三",
        reviewed_at=WHEN,
        comments=(ReviewComment("A01", "请补充检查记录"),),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def receive(
    ws: Workspace, review: Review, key: Ed25519PrivateKey, folder: Path, name: str = "r.wjsr"
):  # type: ignore[no-untyped-def]
    path = folder / name
    write_review(review, path, lambda data: sign_entry(key, data, BUREAU))
    found = read_review(path)
    return ws.reviews.receive(found.review, found.signature, found.sha256)


@pytest.fixture
def bureau() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def test_a_returned_review_reopens_with_the_reason_in_the_history(
    ws: Workspace, aid: int, bureau: Ed25519PrivateKey, tmp_path: Path
) -> None:
    fp = finalized(ws, aid)
    result = receive(ws, review_of(ws, aid, fp), bureau, tmp_path)
    assert result.reopened and not result.earlier and not result.already
    assert result.pinned  # the bureau's key, seen first
    view = ws.assessments.view(aid)
    assert view.status is Status.DRAFT
    assert view.review is not None and view.review.review.comment_for("A01") == "请补充检查记录"
    assert view.review.matched and view.review.for_fingerprint(None)  # the draft answers it
    history = ws.assessments.history(aid)
    assert any(
        e.action == "assessment.reopen" and "区教育局退回：台账不全" in e.new for e in history
    )
    assert any(e.action == "review.import" for e in history)
    assert ws.keys.pinned_for("bureau", "")[0].source == "first-review"


def test_the_same_file_again_changes_nothing(
    ws: Workspace, aid: int, bureau: Ed25519PrivateKey, tmp_path: Path
) -> None:
    fp = finalized(ws, aid)
    review = review_of(ws, aid, fp, verdict=Verdict.PASSED, reason="")
    first = receive(ws, review, bureau, tmp_path)
    assert not first.reopened and ws.assessments.view(aid).finalized  # 通过 is recorded only
    rows = len(ws.assessments.history(aid))
    again = receive(ws, review, bureau, tmp_path)
    assert again.already and len(ws.assessments.history(aid)) == rows
    assert len(ws.reviews.list(aid)) == 1


@pytest.mark.reliability(
    fault="Hostile review file", method="a review signed by a key other than the pinned bureau key"
)
def test_a_review_signed_by_another_key_is_refused(
    ws: Workspace, aid: int, bureau: Ed25519PrivateKey, tmp_path: Path
) -> None:
    fp = finalized(ws, aid)
    receive(ws, review_of(ws, aid, fp, verdict=Verdict.PASSED, reason=""), bureau, tmp_path)
    other = Ed25519PrivateKey.generate()
    with pytest.raises(InputError, match="另一把密钥"):
        receive(ws, review_of(ws, aid, fp), other, tmp_path, "other.wjsr")
    assert ws.assessments.view(aid).finalized  # nothing changed
    assert len(ws.reviews.list(aid)) == 1


@pytest.mark.reliability(
    fault="Hostile review file", method="an unsigned review, a signature that does not match"
)
def test_unsigned_or_broken_signatures_are_refused(ws: Workspace, aid: int) -> None:
    fp = finalized(ws, aid)
    review = review_of(ws, aid, fp)
    with pytest.raises(InputError, match="没有签名"):
        ws.reviews.receive(review, SignatureCheck("absent"), "0" * 64)
    with pytest.raises(InputError, match="签名无效"):
        ws.reviews.receive(review, SignatureCheck("invalid", message="内容被改动"), "0" * 64)
    assert ws.reviews.list(aid) == [] and ws.assessments.view(aid).finalized


def test_a_review_of_an_earlier_version_is_kept_but_reopens_nothing(
    ws: Workspace, aid: int, bureau: Ed25519PrivateKey, tmp_path: Path
) -> None:
    old = finalized(ws, aid)
    ws.assessments.reopen(aid, "补充材料")
    ws.answers.set_note(aid, "A01", "已补充")
    new = ws.assessments.finalize(aid, "李老师", "张校长").fingerprint
    assert new != old
    result = receive(ws, review_of(ws, aid, old), bureau, tmp_path)
    assert result.earlier and not result.reopened
    assert any("较早的版本" in line for line in result.lines())
    view = ws.assessments.view(aid)
    assert view.finalized and view.review is not None
    assert not view.review.for_fingerprint(new)
    ws.assessments.reopen(aid, "再次修改")
    assert not ws.assessments.view(aid).review.for_fingerprint(None)  # still an earlier one


@pytest.mark.reliability(
    fault="Hostile review file",
    method="a review naming another school, period or items the checklist does not have",
)
def test_reviews_that_do_not_fit_are_refused(
    ws: Workspace, aid: int, bureau: Ed25519PrivateKey, tmp_path: Path
) -> None:
    fp = finalized(ws, aid)
    cases = {
        "学校标识码为 3204129999": review_of(ws, aid, fp, school_code="3204129999"),
        "没有检查表": review_of(ws, aid, fp, period="2023"),
        "Z99": review_of(ws, aid, fp, comments=(ReviewComment("Z99", "x"),)),
    }
    for message, review in cases.items():
        with pytest.raises(InputError, match=message):
            receive(ws, review, bureau, tmp_path, "bad.wjsr")
    assert ws.reviews.list(aid) == [] and ws.assessments.view(aid).finalized


@pytest.mark.reliability(
    fault="Hostile backup", method="received reviews with unknown verdicts or malformed comments"
)
def test_restore_vetting_checks_received_reviews(
    ws: Workspace, aid: int, bureau: Ed25519PrivateKey, tmp_path: Path, paths: DataPaths
) -> None:
    fp = finalized(ws, aid)
    receive(ws, review_of(ws, aid, fp), bureau, tmp_path)
    ws.close()
    assert vet_database(paths.database) == []
    with contextlib.closing(sqlite3.connect(paths.database)) as conn, conn:
        conn.execute(
            "UPDATE received_reviews SET verdict = '随便', comments = ?",
            ('[{"code": "A01", "text": "\\u001b[31m"}]',),
        )
    fields = {p.field for p in vet_database(paths.database) if p.sheet == "received_reviews"}
    assert fields == {"verdict", "comments"}
