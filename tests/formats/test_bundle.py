"""Assessment bundles: round trip, verification of every file and the fingerprint, and the
zips a reader must refuse."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import stat
import warnings
import zipfile
from pathlib import Path

import pytest

from tests.helpers.pdfcheck import Pdf
from tests.helpers.views import GENERATED, TODAY, hostile_view, sample_view
from wjself.core.assessment import AssessmentView, Status
from wjself.core.errors import EnvironmentFault, InputError
from wjself.core.fingerprint import assessment_fingerprint, short
from wjself.formats.bundle import (
    ANSWERS,
    MANIFEST,
    export_bundle,
    read_bundle,
    verify_bundle,
)
from wjself.formats.bundle_zip import BundleLimits
from wjself.report.pdf import write_pdf


@pytest.fixture
def exported(tmp_path: Path) -> tuple[AssessmentView, Path]:
    v = sample_view(tmp_path / "evidence")
    target = tmp_path / "a.wjsa"
    export_bundle(v, target, generated_at=GENERATED)
    return v, target


def entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def rewrite(path: Path, files: dict[str, bytes] | list[tuple[str, bytes]]) -> None:
    items = files.items() if isinstance(files, dict) else files
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names we write on purpose
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in items:
                zf.writestr(name, data)


def test_round_trip(exported: tuple[AssessmentView, Path], tmp_path: Path) -> None:
    v, path = exported
    report = verify_bundle(path)
    assert report.ok, report.problems
    assert v.signoff is not None
    assert report.recorded == report.computed == v.signoff.fingerprint
    assert report.files_checked == 4 + 4  # four JSON files and four evidence files
    manifest = entries(path)[MANIFEST]
    data = json.loads(manifest)
    assert data["format"] == "wjself-assessment-bundle" and data["status"] == "finalized"
    assert data["template"] == {"id": "wj-sample", "version": "2024.1", "title": v.template.title}
    back = read_bundle(path, evidence_dir=tmp_path / "unpacked")
    assert back.template == v.template and back.period == v.period
    assert back.school.name == v.school.name and back.school.facts == v.school.facts
    assert {c: (a.value, a.note) for c, a in back.answers.items()} == {
        c: (a.value, a.note) for c, a in v.answers.items()
    }
    assert [dataclasses.replace(r, id=0, assessment_id=0) for r in back.rectifications] == [
        dataclasses.replace(r, id=0, assessment_id=0) for r in v.rectifications
    ]
    assert assessment_fingerprint(back) == v.signoff.fingerprint
    assert back.score() == v.score()
    for a in back.answers.values():
        for e in a.evidence:
            assert hashlib.sha256(Path(e.path).read_bytes()).hexdigest() == e.sha256
    assert "全部文件完整，指纹一致" in "\n".join(report.lines())


def test_pdf_prints_the_bundles_fingerprint(
    exported: tuple[AssessmentView, Path], tmp_path: Path
) -> None:
    v, path = exported
    fp = verify_bundle(path).recorded
    assert fp
    write_pdf([v], tmp_path / "r.pdf", generated_at=GENERATED, today=TODAY)
    pdf = Pdf(tmp_path / "r.pdf")
    cover = "".join(pdf.pages[0].split())
    assert fp in cover
    assert all(short(fp).replace(" ", "") in "".join(p.split()) for p in pdf.pages)
    assert pdf.reader.metadata is not None
    assert fp in str(pdf.reader.metadata.get("/Keywords", ""))


def test_hostile_content_round_trips(tmp_path: Path) -> None:
    v = hostile_view(tmp_path / "ev")
    export_bundle(v, tmp_path / "h.wjsa", generated_at=GENERATED)
    report = verify_bundle(tmp_path / "h.wjsa")
    assert report.ok, report.problems
    back = read_bundle(tmp_path / "h.wjsa")
    assert back.answers["A01"].note == v.answers["A01"].note
    assert back.school.name == v.school.name


def test_draft_has_no_fingerprint(tmp_path: Path) -> None:
    v = sample_view(tmp_path / "ev", status=Status.DRAFT)
    export_bundle(v, tmp_path / "d.wjsa", generated_at=GENERATED)
    report = verify_bundle(tmp_path / "d.wjsa")
    assert report.ok and report.recorded is None and not report.finalized
    assert report.computed == assessment_fingerprint(v)
    assert "草稿无指纹" in "\n".join(report.lines())


@pytest.mark.reliability(
    fault="Hostile bundle", method="a file changed after export (wrong SHA-256)"
)
def test_changed_file_is_named_with_both_hashes(exported: tuple[AssessmentView, Path]) -> None:
    _, path = exported
    files = entries(path)
    answers = json.loads(files[ANSWERS])
    answers["answers"][0]["note"] = "定稿后改过"
    files[ANSWERS] = json.dumps(answers, ensure_ascii=False).encode()
    rewrite(path, files)
    report = verify_bundle(path)
    assert not report.ok
    text = "\n".join(report.problems)
    assert "answers.json 大小不符" in text or "answers.json 的 SHA-256 不符" in text
    assert "指纹不符" in text
    with pytest.raises(InputError, match="指纹不符"):
        read_bundle(path)


def test_consistent_manifest_still_catches_the_fingerprint(
    exported: tuple[AssessmentView, Path],
) -> None:
    _, path = exported
    files = entries(path)
    answers = json.loads(files[ANSWERS])
    answers["answers"][0]["value"] = "not_met"
    files[ANSWERS] = json.dumps(answers, ensure_ascii=False).encode()
    manifest = json.loads(files[MANIFEST])
    manifest["files"][ANSWERS] = {
        "sha256": hashlib.sha256(files[ANSWERS]).hexdigest(),
        "size": len(files[ANSWERS]),
    }
    files[MANIFEST] = json.dumps(manifest).encode()
    rewrite(path, files)
    report = verify_bundle(path)
    assert len(report.problems) == 2 and report.problems[0].startswith("指纹不符")
    assert report.recorded and report.computed
    assert report.recorded in report.problems[0] and report.computed in report.problems[0]
    assert "与定稿时不同的是：答案" in report.problems[0]
    assert (
        report.problems[1].startswith("得分不符")
        and "不符合项 清单记录 2，按内容计算为 3" in (report.problems[1])
    )


@pytest.mark.reliability(fault="Hostile bundle", method="files missing from or added to the bundle")
def test_missing_and_extra_files(exported: tuple[AssessmentView, Path]) -> None:
    _, path = exported
    files = entries(path)
    evidence = sorted(n for n in files if n.startswith("evidence/"))
    del files[evidence[0]]
    files["notes.txt"] = b"hello"
    rewrite(path, files)
    problems = verify_bundle(path).problems
    assert f"缺少文件 {evidence[0]}" in problems
    assert "多出文件 notes.txt（清单中没有）" in problems


@pytest.mark.parametrize(
    "name", ["../evil.txt", "/etc/passwd", "evidence\\x", "C:/x.txt", "a//b", "./x", "a\x01b"]
)
@pytest.mark.reliability(
    fault="Hostile bundle",
    method="entry names that leave the bundle (.., absolute, backslash, drive letter, control characters)",
)
def test_unsafe_names_are_refused(exported: tuple[AssessmentView, Path], name: str) -> None:
    _, path = exported
    files = [*entries(path).items(), (name, b"x")]
    rewrite(path, files)
    with pytest.raises(InputError, match="拒绝读取"):
        verify_bundle(path)
    with pytest.raises(InputError):
        read_bundle(path)


@pytest.mark.reliability(fault="Hostile bundle", method="symbolic links and duplicate names")
def test_symlinks_and_duplicates_are_refused(exported: tuple[AssessmentView, Path]) -> None:
    _, path = exported
    files = entries(path)
    link = zipfile.ZipInfo("evidence/link")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr(link, "/etc/passwd")
    with pytest.raises(InputError, match="符号链接"):
        verify_bundle(path)
    rewrite(path, [*files.items(), (ANSWERS, files[ANSWERS])])
    with pytest.raises(InputError, match="文件名重复"):
        verify_bundle(path)


@pytest.mark.reliability(
    fault="Hostile bundle", method="zip bomb (ratio) and entries over the size limits"
)
def test_zip_bomb_and_oversize_entries_are_refused(
    exported: tuple[AssessmentView, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, path = exported
    files = entries(path)
    rewrite(path, [*files.items(), ("evidence/" + "0" * 64, bytes(20 * 1024 * 1024))])
    with pytest.raises(InputError, match="压缩炸弹"):
        verify_bundle(path)
    rewrite(path, files)
    monkeypatch.setattr(BundleLimits, "FILE_BYTES", 1000)
    with pytest.raises(InputError, match="过大"):
        verify_bundle(path)


@pytest.mark.reliability(
    fault="Hostile bundle", method="not a zip, empty, a zip without a manifest"
)
def test_not_a_bundle(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="文件不存在"):
        verify_bundle(tmp_path / "none.wjsa")
    (tmp_path / "x.wjsa").write_text("hello")
    with pytest.raises(InputError, match=r"不是有效的 \.wjsa 数据包"):
        verify_bundle(tmp_path / "x.wjsa")
    rewrite(tmp_path / "y.wjsa", {"readme.txt": b"hi"})
    with pytest.raises(InputError, match=r"缺少 manifest\.json"):
        verify_bundle(tmp_path / "y.wjsa")
    rewrite(
        tmp_path / "z.wjsa",
        {MANIFEST: b'{"format": "wjself-assessment-bundle", "format_version": 9}'},
    )
    with pytest.raises(InputError, match="请升级 wjself"):
        verify_bundle(tmp_path / "z.wjsa")


def test_export_refuses_damaged_evidence(tmp_path: Path) -> None:
    v = sample_view(tmp_path / "ev")
    photo = next(e for a in v.answers.values() for e in a.evidence)
    Path(photo.path).write_bytes(b"changed")
    target = tmp_path / "a.wjsa"
    with pytest.raises(EnvironmentFault, match="与记录不符"):
        export_bundle(v, target)
    Path(photo.path).unlink()
    with pytest.raises(EnvironmentFault, match="无法读取佐证文件"):
        export_bundle(v, target)
    assert not target.exists()
    assert list(tmp_path.glob(".a.wjsa.*")) == []
    with pytest.raises(InputError, match="不存在"):
        export_bundle(v, tmp_path / "missing" / "a.wjsa")


@pytest.mark.reliability(
    fault="Hostile bundle", method="an entry in a compression method Python lacks"
)
def test_an_unsupported_compression_method_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "odd.wjsa"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("manifest.json", b"{}")
    raw = bytearray(path.read_bytes())
    for at in (8, raw.rfind(b"PK\x01\x02") + 10):  # method 99 (AES) in both headers
        raw[at : at + 2] = (99).to_bytes(2, "little")
    path.write_bytes(bytes(raw))
    with pytest.raises(InputError, match="已损坏"):
        verify_bundle(path)
