"""A received bundle's signature and what the bureau makes of the key that made it.

``seal_of`` takes ``BundleReport.signature`` (absent when the report has none); ``judge``
weighs it against the keys pinned for the school (``store.keys``), and ``pin_first``
records the key of a school seen for the first time (source ``first-bundle``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from wjself.core.signing import SignatureCheck
from wjself.store import keys

ROLE = "school"
FIRST_BUNDLE = "first-bundle"


def seal_of(report: object) -> SignatureCheck:
    """The signature ``verify_bundle`` found (absent when it reports none)."""
    check = getattr(report, "signature", None)
    return check if isinstance(check, SignatureCheck) else SignatureCheck("absent")


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the bureau makes of a signature: ``trust`` (pinned-match | first-seen | other-key
    | unsigned | invalid), the key ids pinned for the school, and the message for people."""

    trust: str
    pinned: tuple[str, ...] = ()
    message: str = ""


def judge(s: Session, school_code: str, check: SignatureCheck) -> Verdict:
    """``check`` against the keys pinned for ``school_code``; a valid signature that claims
    another role or another school than the bundle's is invalid here."""
    trust = keys.judge(s, ROLE, school_code, check)
    pinned = tuple(k.key_id for k in trust.pinned)
    if check.valid:
        role, code = check.signer.get("role", ""), check.signer.get("code", "")
        if role != ROLE or (code and code != school_code):
            claimed = f"{role or '未注明身份'} {code}".strip()
            return Verdict(
                "invalid", pinned, f"签名者（{claimed}）不是数据包中的学校 {school_code}"
            )
    return Verdict(trust.status, pinned, trust.message)


def pin_first(s: Session, school_code: str, school_name: str, check: SignatureCheck) -> None:
    """Pin the key of a school seen for the first time (its first signed bundle)."""
    assert check.public_key is not None  # judged first-seen: a valid signature
    keys.pin(
        s,
        ROLE,
        school_code,
        check.public_key,
        FIRST_BUNDLE,
        f"首次收到的数据包：{school_name}"[:200],
    )
