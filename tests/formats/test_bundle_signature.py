"""Signed bundles (format 3): ``signature.json`` signs the manifest's bytes; verification
reports valid / absent and refuses an invalid or malformed signature, never raising."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.cli.results import ok, refused
from tests.formats.test_bundle import entries, rewrite
from tests.helpers.views import GENERATED, sample_view
from tests.reliability.plugin import tally
from wjself.core.assessment import AssessmentView
from wjself.core.errors import InputError
from wjself.formats.bundle import MANIFEST, export_bundle, read_bundle, verify_bundle
from wjself.formats.signature import (
    SIGNATURE_ENTRY,
    key_id,
    public_raw,
    sign_entry,
    signature_bytes,
)


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture
def signed(tmp_path: Path, key: Ed25519PrivateKey) -> tuple[AssessmentView, Path]:
    v = sample_view(tmp_path / "evidence")
    target = tmp_path / "signed.wjsa"
    export_bundle(v, target, generated_at=GENERATED, signing_key=key)
    return v, target


def test_a_signed_bundle_verifies_with_the_school_key(
    signed: tuple[AssessmentView, Path], key: Ed25519PrivateKey
) -> None:
    v, path = signed
    files = entries(path)
    sig = json.loads(files[SIGNATURE_ENTRY])
    assert sig["signed"] == MANIFEST and sig["signer"]["code"] == v.school.code
    assert SIGNATURE_ENTRY not in json.loads(files[MANIFEST])["files"]
    report = verify_bundle(path)
    assert report.ok, report.problems
    assert report.signature.status == "valid"
    assert report.signature.public_key == public_raw(key)
    assert f"签名：有效（学校密钥 {key_id(public_raw(key))}）" in report.lines()
    assert read_bundle(path).school.code == v.school.code


def test_an_unsigned_bundle_verifies_as_unsigned(tmp_path: Path) -> None:
    target = tmp_path / "plain.wjsa"
    export_bundle(sample_view(tmp_path / "ev"), target, generated_at=GENERATED)
    report = verify_bundle(target)
    assert report.ok and report.signature.status == "absent"
    assert "签名：未签名" in report.lines()


def _refingerprinted(path: Path) -> None:
    """Someone edits the manifest (e.g. the period) and keeps the old signature."""
    files = entries(path)
    manifest = json.loads(files[MANIFEST])
    manifest["period"] = "2099"
    files[MANIFEST] = json.dumps(manifest, ensure_ascii=False).encode()
    rewrite(path, files)


def test_a_manifest_edited_after_signing_is_refused(signed: tuple[AssessmentView, Path]) -> None:
    _, path = signed
    _refingerprinted(path)
    report = verify_bundle(path)
    assert report.signature.status == "invalid"
    assert any(p.startswith("签名无效：签名与内容不符") for p in report.problems)
    with pytest.raises(InputError, match="签名无效"):
        read_bundle(path)


def test_re_signing_with_another_key_is_valid_but_another_key(
    signed: tuple[AssessmentView, Path], key: Ed25519PrivateKey
) -> None:
    """A forger can sign with their own key: the signature is valid, the key is not the
    school's — which the receiver's pins tell (store.keys.judge)."""
    v, path = signed
    files = entries(path)
    forger = Ed25519PrivateKey.generate()
    school = {"role": "school", "name": v.school.name, "code": v.school.code}
    files[SIGNATURE_ENTRY] = signature_bytes(sign_entry(forger, files[MANIFEST], school))
    rewrite(path, files)
    report = verify_bundle(path)
    assert report.ok and report.signature.valid
    assert report.signature.public_key == public_raw(forger) != public_raw(key)


def _hostile_entries(good: dict[str, Any]) -> dict[str, bytes]:
    def changed(**fields: Any) -> bytes:
        return json.dumps({**good, **fields}).encode()

    return {
        "not json": b"\x00\x01garbage",
        "huge": b"{" + b" " * 20_000 + b"}",
        "wrong types": changed(signature=[1, 2], public_key={"x": 1}),
        "bad base64": changed(signature="%%%"),
        "31-byte key": changed(public_key=base64.b64encode(bytes(31)).decode()),
        "swapped key": changed(
            public_key=base64.b64encode(public_raw(Ed25519PrivateKey.generate())).decode(),
            key_id=None,
        ),
        "signs another entry": changed(signed="answers.json"),
    }


@pytest.mark.reliability(
    fault="Hostile bundle signature",
    method="signature.json not JSON, huge, wrong types, bad base64, 31-byte key, swapped key, "
    "another entry named",
)
def test_hostile_signature_entries_are_refused_with_a_message(
    signed: tuple[AssessmentView, Path], cli: Any
) -> None:
    _, path = signed
    original = entries(path)
    good = json.loads(original[SIGNATURE_ENTRY])
    for name, data in _hostile_entries(good).items():
        rewrite(path, {**original, SIGNATURE_ENTRY: data})
        report = verify_bundle(path)
        assert report.signature.status in {"invalid", "malformed"}, name
        assert any(p.startswith("签名无效") for p in report.problems), name
        refused(cli("bundle", "verify", path), "签名无效")
        tally()


def test_cli_export_signs_and_verify_prints_the_key(tmp_path: Path, cli: Any) -> None:
    folder = tmp_path / "data"
    out = ok(cli("--data-dir", folder, "demo"))
    aid = out.split()[0]
    bundle = tmp_path / "a.wjsa"
    exported = ok(cli("--data-dir", folder, "bundle", "export", aid, "-o", bundle))
    pub = json.loads((folder / "keys" / "signing.pub").read_text("utf-8"))
    assert f"签名：学校密钥 {pub['key_id']}" in exported
    verified = ok(cli("bundle", "verify", bundle))
    assert f"签名：有效（学校密钥 {pub['key_id']}）" in verified
    _refingerprinted(bundle)
    result = cli("bundle", "verify", bundle)
    refused(result, "签名无效")
