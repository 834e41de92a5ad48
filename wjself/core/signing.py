"""What a checked signature says, in plain data (the cryptography is ``wjself.formats.signature``).

``SignatureCheck.status`` is ``valid``, ``invalid`` (a signature that does not match the
bytes), ``absent`` or ``malformed`` (not a signature at all); ``key_id`` is the short id
people read out over the phone to compare keys.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

ROLES = ("school", "bureau")
ROLE_WORDS = {"school": "学校", "bureau": "区教育局"}
PUBLIC_KEY_BYTES = 32


def owner_words(role: str, school_code: str) -> str:
    """Whose key, as messages name it: ``学校 3204…`` or ``区教育局``."""
    who = ROLE_WORDS.get(role, role)
    return f"{who} {school_code}" if school_code else who


SignatureStatus = Literal["valid", "invalid", "absent", "malformed"]


@dataclass(frozen=True, slots=True)
class SignatureCheck:
    """What a signature says about some bytes: ``status``, whose key (``key_id``,
    ``public_key``), who it claims to be (``signer``: role, name, code) and a Chinese
    ``message`` for the person."""

    status: SignatureStatus
    key_id: str = ""
    public_key: bytes | None = None
    signer: Mapping[str, str] = field(default_factory=dict)
    message: str = ""

    @property
    def valid(self) -> bool:
        return self.status == "valid"

    @property
    def role(self) -> str:
        return self.signer.get("role", "")

    def describe(self) -> str:
        """One line such as ``有效（学校密钥 AB12-CD34-EF56-7890）`` or ``未签名``."""
        if self.status == "valid":
            role = ROLE_WORDS.get(self.role, "")
            return f"有效（{role}密钥 {self.key_id}）"
        if self.status == "absent":
            return "未签名"
        return f"无效：{self.message}"


def key_id(public_raw: bytes) -> str:
    """``AB12-CD34-EF56-7890``: the first 16 hex digits of the key's SHA-256, upper case."""
    digest = hashlib.sha256(public_raw).hexdigest()[:16].upper()
    return "-".join(digest[i : i + 4] for i in range(0, 16, 4))


UNSIGNED = SignatureCheck("absent", message="没有签名")
