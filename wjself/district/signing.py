"""A received bundle's signature and what the bureau makes of the key that made it.

``Seal`` is what the import needs of ``BundleReport.signature``; ``trust`` judges it against
the keys the bureau has pinned for the school (``store.keys``) and ``pin_first`` records the
key of a school seen for the first time.  Until key storage exists the schools' earlier
bundles stand in for the pins.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wjself.district.records import ReceivedRecord


@dataclass(frozen=True, slots=True)
class Seal:
    """The signature of one bundle as checked: ``status`` is valid | invalid | absent |
    malformed (``formats.signature.SignatureCheck``)."""

    status: str
    key_id: str = ""
    public_key: bytes | None = None
    message: str = ""
    signer: dict[str, Any] | None = None

    @property
    def signed(self) -> bool:
        return self.status == "valid"


def seal_of(report: object) -> Seal:
    """The signature ``verify_bundle`` found (absent when it reports none)."""
    check = getattr(report, "signature", None)
    if check is None:
        return Seal("absent")
    return Seal(
        str(getattr(check, "status", "malformed")),
        str(getattr(check, "key_id", "") or ""),
        getattr(check, "public_key", None),
        str(getattr(check, "message", "") or ""),
        dict(getattr(check, "signer", None) or {}),
    )


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the bureau makes of a seal: ``trust`` (pinned-match | first-seen | other-key |
    unsigned | invalid) and the key ids already pinned for the school."""

    trust: str
    pinned: tuple[str, ...] = ()


def judge(s: Session, school_code: str, seal: Seal) -> Verdict:
    """The seal against the keys known for ``school_code``."""
    pinned = _pinned(s, school_code)
    if seal.status in ("invalid", "malformed"):
        return Verdict("invalid", pinned)
    if not seal.signed:
        return Verdict("unsigned", pinned)
    if not pinned:
        return Verdict("first-seen", pinned)
    return Verdict("pinned-match" if seal.key_id in pinned else "other-key", pinned)


def pin_first(s: Session, school_code: str, school_name: str, seal: Seal) -> None:
    """Pin the key of a school seen for the first time (its first signed bundle)."""
    # Recorded by the received row itself (signer_key_id) until the key store is there.


def _pinned(s: Session, school_code: str) -> tuple[str, ...]:
    rows = s.scalars(
        select(ReceivedRecord.signer_key_id)
        .where(ReceivedRecord.school_code == school_code, ReceivedRecord.signer_key_id != "")
        .distinct()
    )
    return tuple(sorted(rows))
