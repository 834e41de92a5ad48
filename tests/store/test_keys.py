"""The installation's key pair (made once per data folder) and trusted-key pins (revision 0007)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from wjself.core.errors import EnvironmentFault, InputError
from wjself.core.signing import SignatureCheck
from wjself.formats.signature import check_signature, public_raw, sign_entry
from wjself.paths import DataPaths
from wjself.store import Workspace
from wjself.store.keys import PRIVATE_FILE, PUBLIC_FILE, installation_key, key_folder

DATA = b"manifest bytes"


def _check(
    key: Ed25519PrivateKey, role: str = "school", code: str = "3204120001"
) -> SignatureCheck:
    return check_signature(sign_entry(key, DATA, {"role": role, "code": code}), DATA)


def test_opening_a_folder_makes_its_key_once(ws: Workspace, paths: DataPaths) -> None:
    first = ws.signing_key
    folder = key_folder(paths.root)
    assert (folder / PRIVATE_FILE).is_file() and (folder / PUBLIC_FILE).is_file()
    if os.name == "posix":
        assert stat.S_IMODE((folder / PRIVATE_FILE).stat().st_mode) == 0o600
    again = installation_key(paths.root)
    assert again.public_key == first.public_key and again.key_id == first.key_id
    assert again.created == first.created is not None
    with Workspace.open(paths) as other:
        assert other.signing_key.key_id == first.key_id


def test_a_lost_public_file_is_rewritten_from_the_private_key(tmp_path: Path) -> None:
    pair = installation_key(tmp_path)
    (key_folder(tmp_path) / PUBLIC_FILE).write_text("garbage")
    assert installation_key(tmp_path).key_id == pair.key_id
    assert pair.key_id in (key_folder(tmp_path) / PUBLIC_FILE).read_text()


@pytest.mark.reliability(
    fault="Damaged signing key file", method="garbage, RSA-free junk PEM, huge file, FIFO"
)
def test_a_damaged_private_key_is_a_message_and_left_alone(tmp_path: Path) -> None:
    folder = key_folder(tmp_path)
    folder.mkdir()
    target = folder / PRIVATE_FILE
    for content in (
        b"garbage",
        b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
        b"x" * 100_000,
    ):
        target.write_bytes(content)
        with pytest.raises(EnvironmentFault, match="签名密钥文件"):
            installation_key(tmp_path)
        assert target.read_bytes() == content
    target.unlink()
    if hasattr(os, "mkfifo"):
        os.mkfifo(target)
        with pytest.raises(EnvironmentFault, match="签名密钥文件"):
            installation_key(tmp_path)


def test_judge_and_pin_a_school(ws: Workspace) -> None:
    key = Ed25519PrivateKey.generate()
    trust = ws.keys.judge("school", "3204120001", _check(key))
    assert trust.status == "first-seen" and trust.key_id in trust.message
    pinned = ws.keys.pin("school", "3204120001", public_raw(key), "first-bundle")
    assert pinned.current and pinned.key_id == trust.key_id
    assert ws.keys.pin("school", "3204120001", public_raw(key), "manual").id == pinned.id
    assert ws.keys.judge("school", "3204120001", _check(key)).status == "pinned-match"
    # another school's code is its own owner
    assert ws.keys.judge("school", "3204120002", _check(key)).status == "first-seen"
    assert ws.keys.judge("school", "3204120001", check_signature(None, DATA)).status == ("unsigned")
    bad = check_signature(b"nonsense", DATA)
    assert ws.keys.judge("school", "3204120001", bad).status == "invalid"


def test_another_key_is_flagged_and_replacing_keeps_history(ws: Workspace) -> None:
    old, new = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    ws.keys.pin("school", "3204120001", public_raw(old), "first-bundle")
    trust = ws.keys.judge("school", "3204120001", _check(new))
    assert trust.status == "other-key" and trust.pinned[0].public_key == public_raw(old)
    with pytest.raises(InputError, match="--replace"):
        ws.keys.pin("school", "3204120001", public_raw(new), "manual")
    ws.keys.pin("school", "3204120001", public_raw(new), "manual", "电话核对", replace=True)
    assert ws.keys.judge("school", "3204120001", _check(new)).status == "pinned-match"
    assert ws.keys.judge("school", "3204120001", _check(old)).status == "other-key"
    history = ws.keys.pinned_for("school", "3204120001", include_replaced=True)
    assert [k.source for k in history] == ["replaced", "manual"]
    assert "first-bundle" in history[0].note and history[1].key_id in history[0].note


def test_pin_refuses_bad_arguments(ws: Workspace) -> None:
    with pytest.raises(InputError) as caught:
        ws.keys.pin("admin", "", bytes(31), "stolen")
    fields = {p.field for p in caught.value.problems}
    assert fields == {"role", "source", "public_key"}
    with pytest.raises(InputError, match="学校代码"):
        ws.keys.pin("school", " ", bytes(32), "manual")
    assert ws.keys.all_pins() == []


def test_the_bureau_key_is_pinned_without_a_code(ws: Workspace) -> None:
    bureau = Ed25519PrivateKey.generate()
    check = _check(bureau, "bureau", "")
    assert ws.keys.judge("bureau", "", check).status == "first-seen"
    ws.keys.pin("bureau", "", public_raw(bureau), "first-template")
    assert ws.keys.judge("bureau", "", check).status == "pinned-match"
