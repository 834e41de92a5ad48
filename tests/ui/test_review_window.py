"""The bureau's review in the school's window: 导入审阅意见… on the walkthrough imports a signed
.wjsr; a returned assessment reopens, the comments show on their items, the verdict in the
header; a review signed by another key is refused and changes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import Qt

from tests.helpers.window import open_walkthrough, sample_assessment, select
from wjself.core.review import Review, ReviewComment, Verdict
from wjself.formats.review_file import write_review
from wjself.formats.signature import sign_entry

pytestmark = pytest.mark.gui
BUREAU = {"role": "bureau", "name": "武进区教育局", "code": ""}


def finalized(window) -> int:  # type: ignore[no-untyped-def]
    aid = sample_assessment(window)
    ws = window.workspace
    for code, value in (("A01", "符合"), ("A02", "3"), ("A04", "符合"), ("B01", "100")):
        ws.answers.set(aid, code, value)
    ws.assessments.finalize(aid, "李老师", "张校长")
    return aid


def review_file(window, aid: int, path: Path, key: Ed25519PrivateKey, verdict: Verdict) -> Path:  # type: ignore[no-untyped-def]
    view = window.workspace.assessments.view(aid)
    review = Review(
        school_code=view.school.code,
        school_name=view.school.name,
        template_id=view.template.id,
        template_version=view.template.version,
        period=view.period,
        fingerprint=view.signoff.fingerprint,
        verdict=verdict,
        reason="演练记录不全" if verdict is Verdict.RETURNED else "",
        reviewer="督导室 张三",
        reviewed_at=dt.datetime(2024, 12, 20, 10, 0, tzinfo=dt.UTC),
        comments=(ReviewComment("A02", "请附演练照片和总结"),),
    )
    write_review(review, path, lambda data: sign_entry(key, data, BUREAU))
    return path


def test_a_returned_review_reopens_and_shows_on_the_item(
    window, qtbot, prompts, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    aid = finalized(window)
    path = review_file(
        window, aid, tmp_path / "r.wjsr", Ed25519PrivateKey.generate(), Verdict.RETURNED
    )
    page = open_walkthrough(window, aid)
    header = page.header
    assert header.review_button.isVisible() and header.review_button.text() == "导入审阅意见…"
    prompts.script("open_file", path)
    qtbot.mouseClick(header.review_button, Qt.MouseButton.LeftButton)
    (told,) = prompts.messages("inform")
    assert "区教育局退回：演练记录不全" in told
    assert not window.workspace.assessments.view(aid).finalized
    assert (
        header.review_label.isVisible() and "退回修改：演练记录不全" in header.review_label.text()
    )
    select(page, "A02")
    note = page.detail.review_note
    assert note.isVisible() and note.heading.text() == "督学意见"
    assert note.text.text() == "请附演练照片和总结"
    assert "督导室 张三" in note.source.text()
    assert "较早" not in note.source.text()  # the reopened draft is what the review answered
    select(page, "A01")
    assert not note.isVisible()  # no comment on this item


def test_a_review_signed_by_another_key_is_refused(window, qtbot, prompts, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    aid = finalized(window)
    first = review_file(
        window, aid, tmp_path / "a.wjsr", Ed25519PrivateKey.generate(), Verdict.PASSED
    )
    other = review_file(
        window, aid, tmp_path / "b.wjsr", Ed25519PrivateKey.generate(), Verdict.RETURNED
    )
    page = open_walkthrough(window, aid)
    prompts.script("open_file", first, other)
    qtbot.mouseClick(page.header.review_button, Qt.MouseButton.LeftButton)
    assert "通过" in page.header.review_label.text()
    qtbot.mouseClick(page.header.review_button, Qt.MouseButton.LeftButton)
    (warning,) = prompts.messages("warn")
    assert "另一把密钥" in warning
    assert window.workspace.assessments.view(aid).finalized
    assert "通过" in page.header.review_label.text()


def test_a_review_from_the_bureau_folder_round_trips_to_the_window(  # type: ignore[no-untyped-def]
    window, qtbot, prompts, tmp_path: Path
) -> None:
    from wjself.district import (
        export_review,
        import_bundles,
        open_district,
        set_comment,
        set_verdict,
    )
    from wjself.formats.bundle import export_bundle

    aid = finalized(window)
    ws = window.workspace
    export_bundle(
        ws.assessments.view(aid), tmp_path / "a.wjsa", signing_key=ws.signing_key.private_key
    )
    with open_district(tmp_path / "bureau") as dws:
        (line,) = import_bundles(dws, [tmp_path / "a.wjsa"]).accepted
        assert line.received_id is not None
        set_comment(dws, line.received_id, "A04", "危化品柜双人双锁请拍照佐证")
        set_verdict(dws, line.received_id, "退回修改", "佐证不足")
        export_review(dws, line.received_id, tmp_path / "r.wjsr")
    page = open_walkthrough(window, aid)
    prompts.script("open_file", tmp_path / "r.wjsr")
    qtbot.mouseClick(page.header.review_button, Qt.MouseButton.LeftButton)
    assert "区教育局退回：佐证不足" in prompts.messages("inform")[0]
    assert page.header.status_chip.text() == "草稿"
    select(page, "A04")
    assert page.detail.review_note.text.text() == "危化品柜双人双锁请拍照佐证"
    history = ws.assessments.history(aid)
    assert any("区教育局退回：佐证不足" in e.new for e in history)
