"""Review files (``.wjsr``): written signed, read back; hostile files refused naming the field."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from wjself.core.errors import InputError
from wjself.core.review import Review, ReviewComment, Verdict
from wjself.formats.review_file import MANIFEST, SIGNATURE, manifest_dict, read_review, write_review
from wjself.formats.signature import sign_entry, signature_bytes

WHEN = dt.datetime(2024, 12, 20, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
SIGNER = {"role": "bureau", "name": "武进区教育局", "code": ""}


def review(**changes: Any) -> Review:
    base = Review(
        school_code="3204120001",
        school_name="武进区湖塘实验小学",
        template_id="wj2024-safety",
        template_version="2024.2",
        period="2024",
        fingerprint="ab" * 32,
        verdict=Verdict.RETURNED,
        reason="消防器材检查记录不全",
        reviewer="督导室 张三",
        reviewed_at=WHEN,
        comments=(
            ReviewComment("AQ1.01", "请补充每月检查记录"),
            ReviewComment("AQ2.03", "照片不清"),
        ),
    )
    from dataclasses import replace

    return replace(base, **changes)


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def write(path: Path, key: Ed25519PrivateKey, r: Review | None = None) -> Path:
    write_review(r or review(), path, lambda data: sign_entry(key, data, SIGNER))
    return path


def zip_of(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return path


def signed(path: Path, key: Ed25519PrivateKey, manifest: dict[str, Any]) -> Path:
    data = json.dumps(manifest).encode("ascii")  # \ud800 stays an escape, as a forger writes it
    sig = signature_bytes(sign_entry(key, data, SIGNER))
    return zip_of(path, {MANIFEST: data, SIGNATURE: sig})


def test_a_review_round_trips_with_a_valid_signature(
    tmp_path: Path, key: Ed25519PrivateKey
) -> None:
    found = read_review(write(tmp_path / "r.wjsr", key))
    assert found.review == review()
    assert found.signature.status == "valid"
    assert found.signature.role == "bureau"
    assert len(found.sha256) == 64


def test_a_changed_manifest_breaks_the_signature(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    path = write(tmp_path / "r.wjsr", key)
    with zipfile.ZipFile(path) as zf:
        manifest = json.loads(zf.read(MANIFEST))
        sig = zf.read(SIGNATURE)
    manifest["verdict"] = "通过"
    manifest["reason"] = ""
    data = json.dumps(manifest, ensure_ascii=False).encode("utf-8")
    tampered = zip_of(tmp_path / "t.wjsr", {MANIFEST: data, SIGNATURE: sig})
    found = read_review(tampered)
    assert found.signature.status == "invalid"
    unsigned = zip_of(tmp_path / "u.wjsr", {MANIFEST: data})
    assert read_review(unsigned).signature.status == "absent"


def _broken_fields() -> list[tuple[str, Any, str]]:
    return [
        ("kind", "wjself-assessment-bundle", "kind"),
        ("format", 2, "format"),
        ("format", "1", "format"),
        ("school_code", "32041", "school_code"),
        ("school_code", 3204120001, "school_code"),
        ("template_id", "../etc", "template_id"),
        ("template_version", "", "template_version"),
        ("period", "去年", "period"),
        ("fingerprint", "AB" * 32, "fingerprint"),
        ("verdict", "不通过", "verdict"),
        ("reason", "", "reason"),
        ("reason", "x" * 5000, "reason"),
        ("reason", "原因\x1b[31m", "reason"),
        ("reviewer", "张三\u202e", "reviewer"),
        ("reviewer", "张\ud800三", "reviewer"),
        ("reviewed_at", "2024-12-20", "reviewed_at"),
        ("reviewed_at", "yesterday", "reviewed_at"),
        ("comments", {"AQ1.01": "x"}, "comments"),
        ("comments", ["x"], "comments[0]"),
        ("comments", [{"code": "AQ 1", "text": "x"}], "comments[0].code"),
        ("comments", [{"code": "AQ1", "text": ""}], "comments[0].text"),
        ("comments", [{"code": "AQ1", "text": "y" * 2001}], "comments[0].text"),
        (
            "comments",
            [{"code": "AQ1", "text": "a"}, {"code": "aq1", "text": "b"}],
            "comments[1].code",
        ),
        ("comments", [{"code": "AQ1", "text": 5}], "comments[0].text"),
        ("comments", [{"code": "A", "text": "t"}] * 5001, "comments"),
    ]


@pytest.mark.reliability(
    fault="Hostile review file",
    method="manifest fields of the wrong type, form or length, control characters, lone surrogates",
)
@pytest.mark.parametrize(("name", "value", "field"), _broken_fields())
def test_a_bad_manifest_field_is_named(
    tmp_path: Path, key: Ed25519PrivateKey, name: str, value: Any, field: str
) -> None:
    manifest = manifest_dict(review())
    manifest[name] = value
    path = signed(tmp_path / "r.wjsr", key, manifest)
    with pytest.raises(InputError) as caught:
        read_review(path)
    (problem,) = caught.value.problems
    assert field in (problem.field, problem.sheet.removeprefix("$.")), problem
    assert str(path) in str(problem)


@pytest.mark.reliability(
    fault="Hostile review file",
    method="not a zip, extra or unsafe entries, no manifest, a zip bomb, a huge file, a FIFO",
)
def test_a_hostile_archive_is_refused_before_reading(
    tmp_path: Path, key: Ed25519PrivateKey
) -> None:
    import os

    good = manifest_dict(review())
    data = json.dumps(good).encode()
    cases = {
        "text.wjsr": None,
        "extra.wjsr": {MANIFEST: data, SIGNATURE: b"{}", "evil.exe": b"MZ"},
        "slip.wjsr": {"../manifest.json": data},
        "other.wjsr": {"readme.txt": b"hi"},
        "nomanifest.wjsr": {SIGNATURE: b"{}"},
        "bomb.wjsr": {MANIFEST: b" " * (17 * 1024 * 1024)},
        "notjson.wjsr": {MANIFEST: b"\xff\xfe not json"},
        "array.wjsr": {MANIFEST: b"[1, 2]"},
    }
    for name, entries in cases.items():
        path = tmp_path / name
        if entries is None:
            path.write_text("这不是审阅文件", encoding="utf-8")
        else:
            zip_of(path, entries)
        with pytest.raises(InputError) as caught:
            read_review(path)
        assert str(path) in str(caught.value), name
    odd = zip_of(tmp_path / "odd.wjsr", {MANIFEST: data})
    raw = bytearray(odd.read_bytes())
    for at in (8, raw.rfind(b"PK\x01\x02") + 10):  # compression method 99 in both headers
        raw[at : at + 2] = (99).to_bytes(2, "little")
    odd.write_bytes(bytes(raw))
    with pytest.raises(InputError) as caught:
        read_review(odd)
    assert str(odd) in str(caught.value)
    huge = tmp_path / "huge.wjsr"
    with huge.open("wb") as handle:
        handle.truncate(17 * 1024 * 1024)
    with pytest.raises(InputError, match="过大"):
        read_review(huge)
    fifo = tmp_path / "fifo.wjsr"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="管道"):
        read_review(fifo)
