"""The bureau's side of reviews: comments and verdicts on the current bundle only, the signed
export, and the restore vetting of the review tables."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from tests.helpers.district_schools import make_schools
from wjself.core.errors import InputError
from wjself.core.review import Verdict
from wjself.district import (
    comments,
    export_review,
    import_bundles,
    open_district,
    review_of,
    set_comment,
    set_verdict,
)
from wjself.formats.bundle import export_bundle
from wjself.formats.review_file import read_review
from wjself.paths import DataPaths
from wjself.store.vet import vet_database
from wjself.store.workspace import Workspace


@pytest.fixture
def bureau(tmp_path: Path) -> tuple[Path, int, int, str]:
    """A bureau folder holding two bundles of one school's checklist: (folder, old, new, code)."""
    (school,) = make_schools(tmp_path, 1, ("wj2024-canteen",), dt.date.today())
    (aid, first) = next(iter(school.bundles.items()))
    later = dt.datetime.now().astimezone() + dt.timedelta(minutes=5)  # a newer bundle, surely
    with Workspace.open(
        DataPaths(school.folder), automatic_backup=False, clock=lambda: later
    ) as ws:
        code = next(iter(ws.assessments.view(aid).template.items())).code
        ws.assessments.reopen(aid, "补充说明")
        ws.answers.set_note(aid, code, "补充了检查记录")
        ws.assessments.finalize(aid, "李老师", "张校长")
        second = tmp_path / "second.wjsa"
        export_bundle(ws.assessments.view(aid), second, signing_key=ws.signing_key.private_key)
    folder = tmp_path / "bureau"
    with open_district(folder) as dws:
        old = import_bundles(dws, [first]).accepted[0].received_id
        new = import_bundles(dws, [second]).replaced[0].received_id
    assert old is not None and new is not None
    return folder, old, new, code


def test_comments_and_verdict_are_kept_and_exported_signed(bureau, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder, _old, new, code = bureau
    with open_district(folder) as dws:
        assert set_comment(dws, new, code, "  请附检查照片 ") is not None
        assert [c.text for c in comments(dws, new)] == ["请附检查照片"]
        with pytest.raises(InputError, match="尚未给出审阅结论"):
            export_review(dws, new, tmp_path / "r.wjsr")
        with pytest.raises(InputError, match="须写明原因"):
            set_verdict(dws, new, "退回修改", "  ")
        with pytest.raises(InputError, match="通过"):
            set_verdict(dws, new, "驳回", "x")
        assert set_verdict(dws, new, "退回修改", "照片不全") is Verdict.RETURNED
        review = export_review(dws, new, tmp_path / "r.wjsr")
        key = dws.workspace.signing_key.key_id
        state = review_of(dws, new)
        assert state.verdict is Verdict.RETURNED and state.decided_by
        set_comment(dws, new, code, "")  # removed
        assert comments(dws, new) == []
    found = read_review(tmp_path / "r.wjsr")
    assert found.review == review
    assert found.signature.status == "valid" and found.signature.key_id == key
    assert found.signature.role == "bureau"
    assert [c.code for c in found.review.comments] == [code]


def test_only_the_current_bundle_is_reviewed(bureau, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder, old, new, code = bureau
    with open_district(folder) as dws:
        for call in (
            lambda: set_comment(dws, old, code, "x"),
            lambda: set_verdict(dws, old, "通过"),
            lambda: export_review(dws, old, tmp_path / "old.wjsr"),
        ):
            with pytest.raises(InputError, match=f"较新的数据包（{new}）"):
                call()
        with pytest.raises(InputError, match=r"NO\.SUCH"):
            set_comment(dws, new, "NO.SUCH", "x")
        with pytest.raises(InputError, match="控制字符"):
            set_comment(dws, new, code, "意见\x1b[2J")
        with pytest.raises(InputError, match=r"\.wjsr"):
            export_review(dws, new, tmp_path / "r.zip")
    assert not (tmp_path / "old.wjsr").exists()


@pytest.mark.reliability(
    fault="Hostile backup",
    method="bureau review comments and verdicts that the bureau could not have made",
)
def test_restore_vetting_checks_the_bureau_review_tables(bureau) -> None:  # type: ignore[no-untyped-def]
    folder, _old, new, code = bureau
    with open_district(folder) as dws:
        set_comment(dws, new, code, "请附检查照片")
        set_verdict(dws, new, "通过")
    database = DataPaths(folder).database
    assert vet_database(database) == []
    with contextlib.closing(sqlite3.connect(database)) as conn, conn:
        conn.execute("UPDATE review_comments SET code = '../x', text = ?", ("\u202e",))
        conn.execute("UPDATE review_verdicts SET verdict = '退回修改', reason = ''")
    found = {(p.sheet, p.field) for p in vet_database(database)}
    assert {("review_comments", "code"), ("review_comments", "text")} <= found
    assert ("review_verdicts", "reason") in found
