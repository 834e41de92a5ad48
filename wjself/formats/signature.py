"""Ed25519 signatures on what wjself hands from one installation to another.

A signed zip (a ``.wjsa`` bundle, a ``.wjsr`` review) carries an entry ``signature.json``::

    {"scheme": "ed25519", "key_id": "AB12-CD34-EF56-7890",
     "public_key": base64(32 raw bytes), "signed": "manifest.json",
     "signature": base64(64 bytes),
     "signer": {"role": "school" | "bureau", "name": "…", "code": "…"}}

The signature is over the exact bytes of the entry ``signed`` names (the manifest, which holds
the SHA-256 of every other entry).  A template file is signed by a detached ``FILE.sig`` beside
it: the same JSON, ``signed`` the file's name, the signature over the file's bytes.

A signature proves only that whoever holds the private key made it; *whose* key it is the
receiver decides by pinning (``wjself.store.keys``).  ``key_id`` is short enough to be read out
over the phone to compare.

``check_signature`` is fed untrusted bytes: it never raises on them, it answers ``malformed``
(not a signature at all), ``invalid`` (a signature that does not match these bytes),
``absent`` or ``valid``, with a Chinese message.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from wjself.atomic import write_output
from wjself.core.signing import (
    PUBLIC_KEY_BYTES,
    ROLE_WORDS,
    ROLES,
    SignatureCheck,
    SignatureStatus,
    key_id,
)
from wjself.regular_files import read_regular

__all__ = [
    "PUBLIC_KEY_BYTES",
    "ROLES",
    "ROLE_WORDS",
    "SignatureCheck",
    "SignatureStatus",
    "check_detached",
    "check_signature",
    "key_id",
    "sign_entry",
    "write_detached",
]

SCHEME = "ed25519"
SIGNATURE_ENTRY = "signature.json"
MANIFEST_ENTRY = "manifest.json"
SIG_SUFFIX = ".sig"
SIGNATURE_BYTES = 64
# A signature.json is a few hundred bytes; anything far bigger is not one of ours.
MAX_SIGNATURE_JSON = 16 * 1024
MAX_SIGNER_TEXT = 200


def public_raw(private_key: Ed25519PrivateKey) -> bytes:
    """The 32 raw bytes of ``private_key``'s public half."""
    return private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def clean_signer(signer: Mapping[str, object]) -> dict[str, str]:
    """``signer`` reduced to role, name and code as bounded strings (unknown role: "")."""
    role = signer.get("role")
    name = signer.get("name")
    code = signer.get("code")
    return {
        "role": role if isinstance(role, str) and role in ROLES else "",
        "name": name[:MAX_SIGNER_TEXT] if isinstance(name, str) else "",
        "code": code[:MAX_SIGNER_TEXT] if isinstance(code, str) else "",
    }


def sign_entry(
    private_key: Ed25519PrivateKey,
    data: bytes,
    signer: Mapping[str, object],
    *,
    signed: str = MANIFEST_ENTRY,
) -> dict[str, Any]:
    """The ``signature.json`` dict signing ``data`` (the bytes of the entry ``signed``)."""
    raw = public_raw(private_key)
    return {
        "scheme": SCHEME,
        "key_id": key_id(raw),
        "public_key": base64.b64encode(raw).decode("ascii"),
        "signed": signed,
        "signature": base64.b64encode(private_key.sign(data)).decode("ascii"),
        "signer": clean_signer(signer),
    }


def signature_bytes(sig: Mapping[str, Any]) -> bytes:
    """``sig`` as the bytes stored in ``signature.json`` or a ``.sig`` file."""
    return (json.dumps(sig, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _malformed(message: str) -> SignatureCheck:
    return SignatureCheck("malformed", message=f"签名文件格式不对：{message}")


def _decode_b64(value: object, size: int) -> bytes | None:
    if not isinstance(value, str) or len(value) > 4 * size:
        return None
    try:
        raw = base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        return None
    return raw if len(raw) == size else None


def _parse(sig: object) -> dict[str, Any] | SignatureCheck:
    if sig is None:
        return SignatureCheck("absent", message="没有签名")
    if isinstance(sig, (bytes, bytearray, memoryview, str)):
        if len(sig) > MAX_SIGNATURE_JSON:
            return _malformed(f"大于 {MAX_SIGNATURE_JSON // 1024} KB，不是 wjself 的签名")
        try:
            text = sig if isinstance(sig, str) else bytes(sig).decode("utf-8")
            sig = json.loads(text)
        except (UnicodeDecodeError, ValueError, RecursionError):
            return _malformed("不是 UTF-8 JSON")
    if not isinstance(sig, dict):
        return _malformed("应是一个 JSON 对象")
    return sig


def _fields(parsed: dict[str, Any]) -> tuple[bytes, bytes, str, dict[str, str]] | SignatureCheck:
    """(public key, signature, signed entry, signer) from a parsed signature, or malformed."""
    if parsed.get("scheme") != SCHEME:
        return _malformed(f"签名方式应为 {SCHEME}")
    raw = _decode_b64(parsed.get("public_key"), PUBLIC_KEY_BYTES)
    if raw is None:
        return _malformed(f"public_key 应是 {PUBLIC_KEY_BYTES} 字节的 base64 公钥")
    signature = _decode_b64(parsed.get("signature"), SIGNATURE_BYTES)
    if signature is None:
        return _malformed(f"signature 应是 {SIGNATURE_BYTES} 字节的 base64 签名")
    named = parsed.get("signed")
    if not isinstance(named, str) or not named or len(named) > MAX_SIGNER_TEXT:
        return _malformed("缺少 signed（签了哪个文件）")
    signer = parsed.get("signer")
    if not isinstance(signer, dict):
        return _malformed("signer 应是一个对象（role、name、code）")
    return raw, signature, named, clean_signer(signer)


def check_signature(sig: object, data: bytes, *, signed: str | None = None) -> SignatureCheck:
    """Whether ``sig`` (``signature.json`` as bytes/str or parsed, or None when there is none)
    signs ``data``; when ``signed`` is given the signature must name that entry.

    Never raises on what ``sig`` holds: a bad one is ``malformed`` or ``invalid`` with a message.
    """
    parsed = _parse(sig)
    if isinstance(parsed, SignatureCheck):
        return parsed
    fields = _fields(parsed)
    if isinstance(fields, SignatureCheck):
        return fields
    raw, signature, named, signer = fields
    kid = key_id(raw)
    stated = parsed.get("key_id")
    problem = ""
    if stated is not None and stated != kid:
        # The stated id is only a convenience; one that disagrees with the key is tampering.
        problem = f"签名中的密钥编号与公钥不符（公钥为 {kid}）"
    elif signed is not None and named != signed:
        problem = f"签名签的是 {named}，不是 {signed}"
    else:
        try:
            Ed25519PublicKey.from_public_bytes(raw).verify(signature, data)
        except InvalidSignature:
            problem = f"签名与内容不符（密钥 {kid}）：内容在签名后被改动过"
        except ValueError:
            return _malformed("公钥不是有效的 Ed25519 公钥")
    if problem:
        return SignatureCheck("invalid", kid, raw, signer, problem)
    role = ROLE_WORDS.get(signer["role"], "")
    return SignatureCheck("valid", kid, raw, signer, f"签名有效（{role}密钥 {kid}）")


# ---------------------------------------------------------------- detached signatures


def sig_path(path: Path) -> Path:
    """Where the detached signature of ``path`` lives: ``FILE.sig`` beside ``FILE``."""
    return path.with_name(path.name + SIG_SUFFIX)


def write_detached(
    path: Path, private_key: Ed25519PrivateKey, signer: Mapping[str, object], data: bytes
) -> Path:
    """Sign ``data`` (the bytes of ``path`` as the caller read and checked them) into
    ``FILE.sig`` beside it, atomically; returns the .sig path.

    Raises InputError / EnvironmentFault (``atomic.write_output``) when it cannot be written.
    """
    sig = sign_entry(private_key, data, signer, signed=path.name)
    target = sig_path(path)
    body = signature_bytes(sig)

    def produce(handle: BinaryIO) -> None:
        handle.write(body)

    write_output(target, produce, "签名文件")
    return target


def check_detached(path: Path, data: bytes) -> SignatureCheck:
    """The detached signature beside ``path`` checked against ``data`` (the file's bytes as
    the caller read them, so the file cannot change between reading and checking).

    No ``.sig``: ``absent``.  A ``.sig`` that is a link, FIFO, folder, device or larger than a
    signature: ``malformed`` with a message.  Never raises.
    """
    target = sig_path(path)
    if not os.path.lexists(target):
        return SignatureCheck("absent", message="没有签名文件")
    try:
        raw = read_regular(target, MAX_SIGNATURE_JSON)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return _malformed(f"{target.name} 无法读取（{reason}）；它应是普通文件，几百字节")
    # The file may have been renamed since signing (模板(1).xlsx); the bytes are what count.
    return check_signature(raw, data)
