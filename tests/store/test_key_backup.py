"""The signing key travels with backups: included, restored (the backup's key comes back, a
different current key is kept beside, never overwritten silently), and vetted as untrusted."""

from __future__ import annotations

import base64
import contextlib
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.cli.results import ok
from tests.reliability.plugin import tally
from tests.reliability.test_hostile_backups import (
    Entries,
    entries_of,
    manifest_of,
    sha,
    snapshot,
    with_manifest,
    write_zip,
)
from wjself.core.errors import InputError
from wjself.formats.signature import public_raw
from wjself.paths import DataPaths
from wjself.store import Workspace
from wjself.store.container import KEY_ENTRY
from wjself.store.keys import private_pem


@pytest.fixture
def backed_up(tmp_path: Path) -> tuple[str, Path]:
    """A folder with a pinned school key, backed up; returns its key id and the backup."""
    paths = DataPaths(tmp_path / "old")
    with Workspace.open(paths) as ws:
        ws.keys.pin("school", "3204120001", public_raw(Ed25519PrivateKey.generate()), "manual")
        target = ws.backup_to(tmp_path / "whole.wjbak")
        return ws.signing_key.key_id, target


def test_a_backup_holds_the_key_and_restoring_brings_it_back(
    tmp_path: Path, backed_up: tuple[str, Path]
) -> None:
    kid, target = backed_up
    names = dict(entries_of(target))
    assert KEY_ENTRY in names and manifest_of(entries_of(target))["signing_key"]
    paths = DataPaths(tmp_path / "new")
    with Workspace.open(paths) as ws:
        other = ws.signing_key.key_id
        assert other != kid
        ws.restore(target)
        assert ws.signing_key.key_id == kid
        assert [k.school_code for k in ws.keys.all_pins()] == ["3204120001"]
    kept = list(paths.keys.glob("signing-before-restore-*.key"))
    assert len(kept) == 1  # the replaced key is kept beside, not lost
    with Workspace.open(paths) as ws:
        assert ws.signing_key.key_id == kid


def test_cli_restore_says_the_key_changed(
    tmp_path: Path, backed_up: tuple[str, Path], cli: Any
) -> None:
    kid, target = backed_up
    folder = tmp_path / "cli"
    ok(cli("--data-dir", folder, "keys", "show"))
    out = ok(cli("--data-dir", folder, "restore", target))
    assert f"签名密钥已恢复为备份中的密钥 {kid}" in out
    assert "签名密钥" not in ok(cli("--data-dir", folder, "restore", target))


def _with_key(e: Entries, data: bytes) -> Entries:
    manifest = manifest_of(e)
    manifest["signing_key"] = {"sha256": sha(data), "size": len(data)}
    return [(n, data if n == KEY_ENTRY else d) for n, d in with_manifest(e, manifest)]


def _rsa_like(e: Entries) -> Entries:
    return _with_key(e, b"-----BEGIN PRIVATE KEY-----\nMAA=\n-----END PRIVATE KEY-----\n")


def _garbage(e: Entries) -> Entries:
    return _with_key(e, b"garbage that is not a key")


def _hash_mismatch(e: Entries) -> Entries:
    other = private_pem(Ed25519PrivateKey.generate())
    return [(n, other if n == KEY_ENTRY else d) for n, d in e]


def _unlisted(e: Entries) -> Entries:
    manifest = manifest_of(e)
    del manifest["signing_key"]
    return with_manifest(e, manifest)


def _huge(e: Entries) -> Entries:
    return _with_key(e, b"-" * 100_000)


def _manifest_wrong_type(e: Entries) -> Entries:
    manifest = manifest_of(e)
    manifest["signing_key"] = "yes"
    return with_manifest(e, manifest)


@pytest.mark.reliability(
    fault="Hostile key file in a backup",
    method="garbage, a PEM that is no Ed25519 key, hash mismatch, unlisted, 100 KB, bad manifest",
)
def test_a_bad_key_in_a_backup_is_refused_and_nothing_changes(
    tmp_path: Path, backed_up: tuple[str, Path]
) -> None:
    _, target = backed_up
    paths = DataPaths(tmp_path / "victim")
    with Workspace.open(paths, automatic_backup=False) as ws:
        kid = ws.signing_key.key_id
        before = snapshot(paths.root)
        for craft in (_garbage, _rsa_like, _hash_mismatch, _unlisted, _huge, _manifest_wrong_type):
            crafted = write_zip(tmp_path / f"{craft.__name__}.wjbak", craft(entries_of(target)))
            with pytest.raises(InputError) as caught:
                ws.restore(crafted)
            assert "Traceback" not in str(caught.value), craft.__name__
            assert snapshot(paths.root) == before, craft.__name__
            assert ws.signing_key.key_id == kid
            tally()


@pytest.mark.reliability(
    fault="Hostile key pin in a backup", method="trusted_keys row with a 31-byte key, wrong id"
)
def test_restore_vets_trusted_keys(tmp_path: Path, backed_up: tuple[str, Path]) -> None:
    _, target = backed_up
    entries = entries_of(target)
    db = tmp_path / "edited.db"
    db.write_bytes(dict(entries)["wjself.db"])
    with contextlib.closing(sqlite3.connect(db)) as conn, conn:
        conn.execute(
            "UPDATE trusted_keys SET public_key = ?, role = 'admin'",
            (base64.b64encode(bytes(31)).decode(),),
        )
    data = db.read_bytes()
    manifest = manifest_of(entries)
    manifest["database"] = {"name": "wjself.db", "sha256": sha(data), "size": len(data)}
    crafted = [(n, data if n == "wjself.db" else d) for n, d in with_manifest(entries, manifest)]
    path = write_zip(tmp_path / "pins.wjbak", crafted)
    victim = DataPaths(tmp_path / "victim")
    with Workspace.open(victim, automatic_backup=False) as ws, pytest.raises(InputError) as caught:
        ws.restore(path)
    text = str(caught.value)
    assert "trusted_keys" in text and "public_key" in text and "role" in text
