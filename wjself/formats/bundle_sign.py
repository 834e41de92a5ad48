"""The signature of a bundle: ``signature.json`` signing the exact bytes of ``manifest.json``.

The manifest holds the SHA-256 of every other entry, so one signature over it covers the
whole bundle.  The entry is not listed in the manifest (it cannot hash what signs it).
"""

from __future__ import annotations

from collections.abc import Mapping

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from wjself.core.errors import InputError
from wjself.core.school import School
from wjself.core.signing import SignatureCheck
from wjself.formats.bundle_zip import SafeZip
from wjself.formats.signature import (
    MANIFEST_ENTRY,
    MAX_SIGNATURE_JSON,
    SIGNATURE_ENTRY,
    check_signature,
    sign_entry,
    signature_bytes,
)


def school_signer(school: School) -> Mapping[str, str]:
    return {"role": "school", "name": school.name, "code": school.code}


def signature_entry(key: Ed25519PrivateKey, manifest: bytes, school: School) -> bytes:
    """The bytes of ``signature.json`` for a bundle whose manifest is ``manifest``."""
    return signature_bytes(sign_entry(key, manifest, school_signer(school), signed=MANIFEST_ENTRY))


def bundle_signature(bundle: SafeZip) -> SignatureCheck:
    """The bundle's signature checked against its manifest's bytes; never raises."""
    info = bundle.files.get(SIGNATURE_ENTRY)
    if info is None:
        return check_signature(None, b"")
    if info.file_size > MAX_SIGNATURE_JSON:
        return SignatureCheck("malformed", message=f"{SIGNATURE_ENTRY} 过大，不是 wjself 的签名")
    try:
        raw = bundle.read(SIGNATURE_ENTRY)
        manifest = bundle.read(MANIFEST_ENTRY)
    except InputError as exc:
        return SignatureCheck("malformed", message=f"{SIGNATURE_ENTRY} 无法读取：{exc}")
    return check_signature(raw, manifest, signed=MANIFEST_ENTRY)
