"""Ed25519 signatures (formats.signature): signing, checking, detached .sig files, and
signature.json as untrusted input that never raises."""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.reliability.plugin import tally
from wjself.formats.signature import (
    MAX_SIGNATURE_JSON,
    check_detached,
    check_signature,
    key_id,
    public_raw,
    sig_path,
    sign_entry,
    signature_bytes,
    write_detached,
)

SCHOOL = {"role": "school", "name": "武进区测试小学", "code": "3204120001"}
DATA = b'{"entries": {"assessment.json": "ab12"}}'


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def test_key_id_is_sixteen_hex_in_four_groups() -> None:
    kid = key_id(bytes(32))
    # SHA-256 of 32 zero bytes starts 66687aadf862bd77
    assert kid == "6668-7AAD-F862-BD77"


def test_a_signature_verifies_over_its_bytes(key: Ed25519PrivateKey) -> None:
    sig = sign_entry(key, DATA, SCHOOL)
    assert sig["scheme"] == "ed25519" and sig["signed"] == "manifest.json"
    assert sig["key_id"] == key_id(public_raw(key))
    assert len(base64.b64decode(sig["signature"])) == 64
    for form in (sig, signature_bytes(sig), signature_bytes(sig).decode("utf-8")):
        check = check_signature(form, DATA, signed="manifest.json")
        assert check.status == "valid", check.message
        assert check.public_key == public_raw(key)
        assert check.signer == SCHOOL
        assert check.describe() == f"有效（学校密钥 {check.key_id}）"


def test_no_signature_is_absent() -> None:
    check = check_signature(None, DATA)
    assert check.status == "absent" and check.describe() == "未签名"


def test_signer_is_reduced_to_role_name_code(key: Ed25519PrivateKey) -> None:
    sig = sign_entry(key, DATA, {"role": "admin", "name": 5, "extra": "x"})
    assert sig["signer"] == {"role": "", "name": "", "code": ""}


def _variants(key: Ed25519PrivateKey) -> dict[str, object]:
    good = sign_entry(key, DATA, SCHOOL)
    other = Ed25519PrivateKey.generate()

    def changed(**fields: object) -> dict[str, object]:
        return {**good, **fields}

    return {
        "not json": b"\xff\xfe not json",
        "json list": b"[1, 2]",
        "huge": b" " * (MAX_SIGNATURE_JSON + 1) + b"{}",
        "deeply nested": b"[" * 100000 + b"]" * 100000,
        "wrong scheme": changed(scheme="rsa"),
        "key not a string": changed(public_key=12),
        "bad base64 key": changed(public_key="!!!not base64!!!"),
        "31-byte key": changed(public_key=base64.b64encode(bytes(31)).decode()),
        "bad base64 signature": changed(signature="###"),
        "63-byte signature": changed(signature=base64.b64encode(bytes(63)).decode()),
        "signed missing": changed(signed=None),
        "signer not object": changed(signer="school"),
        "swapped public key": changed(
            public_key=base64.b64encode(public_raw(other)).decode(), key_id=None
        ),
        "stated id disagrees": changed(key_id="0000-0000-0000-0000"),
        "over other bytes": sign_entry(key, DATA + b" ", SCHOOL),
        "other entry named": changed(signed="assessment.json"),
        "zero key": changed(public_key=base64.b64encode(bytes(32)).decode(), key_id=None),
    }


@pytest.mark.reliability(
    fault="Hostile signature.json",
    method="not JSON, huge, nested, wrong types, bad base64, 31-byte key, swapped key, "
    "signature over other bytes",
)
def test_hostile_signatures_are_answered_never_raised(key: Ed25519PrivateKey) -> None:
    for name, variant in _variants(key).items():
        sig = variant
        if isinstance(variant, dict):
            sig = {k: v for k, v in variant.items() if v is not None}
        check = check_signature(sig, DATA, signed="manifest.json")
        assert check.status in {"malformed", "invalid"}, name
        assert check.message and "Traceback" not in check.message, name
        assert check.describe().startswith("无效："), name
        tally()


def test_detached_signature_round_trip(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    template = tmp_path / "模板.xlsx"
    template.write_bytes(b"PK template bytes")
    written = write_detached(
        template, key, {"role": "bureau", "name": "武进区教育局"}, template.read_bytes()
    )
    assert written == sig_path(template) == tmp_path / "模板.xlsx.sig"
    assert json.loads(written.read_text("utf-8"))["signed"] == "模板.xlsx"
    check = check_detached(template, template.read_bytes())
    assert check.status == "valid" and check.role == "bureau"
    assert check_detached(template, b"PK changed").status == "invalid"
    assert check_detached(tmp_path / "other.xlsx", b"x").status == "absent"


@pytest.mark.reliability(
    fault="Hostile .sig beside a template", method="FIFO, symbolic link, folder, huge file"
)
def test_a_sig_that_is_not_a_small_file_is_malformed(tmp_path: Path) -> None:
    target = tmp_path / "t.xlsx"
    target.write_bytes(b"x")
    sig = sig_path(target)
    real = tmp_path / "real.sig"
    real.write_bytes(b"{}")
    cases: dict[str, Callable[[], object]] = {
        "huge": lambda: sig.write_bytes(b" " * (MAX_SIGNATURE_JSON + 10)),
        "folder": sig.mkdir,
        "link": lambda: sig.symlink_to(real),
    }
    if hasattr(os, "mkfifo"):
        cases["fifo"] = lambda: os.mkfifo(sig)
    for name, make in cases.items():
        make()
        check = check_detached(target, b"x")
        assert check.status == "malformed", name
        assert "t.xlsx.sig" in check.message, name
        if sig.is_dir() and not sig.is_symlink():
            sig.rmdir()
        else:
            sig.unlink()
        tally()
