"""The school profile: identity, stages and the facts that decide which items apply."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from wjself.core.stages import FACTS, Profile

SCHOOL_CODE = re.compile(r"^[0-9]{10}$")  # ASCII digits only: \d would take ３ and ٣ too


@dataclass(frozen=True, slots=True)
class School:
    """One school in the data folder (a data folder may hold several)."""

    id: int
    name: str
    code: str  # 学校标识码, 10 digits
    stages: tuple[str, ...]
    township: str = ""
    address: str = ""
    principal: str = ""
    contact: str = ""
    phone: str = ""
    facts: tuple[tuple[str, bool], ...] = ()

    def fact(self, name: str) -> bool:
        return dict(self.facts).get(name, False)

    def profile(self) -> Profile:
        return Profile(frozenset(self.stages), self.facts)


def normalize_school_code(code: str) -> str:
    """The code as stored: NFKC (fullwidth ３２０４… typed with a Chinese input method becomes
    3204…, so it is the same school, not another), spaces trimmed."""
    return unicodedata.normalize("NFKC", code).strip()


def school_code_problem(code: str) -> str | None:
    """Why ``code`` is not a valid 学校标识码, or None."""
    if not SCHOOL_CODE.match(normalize_school_code(code)):
        return f"学校标识码“{code}”应为 10 位数字"
    return None


def normalize_facts(facts: dict[str, bool]) -> tuple[tuple[str, bool], ...]:
    """Facts in a fixed order with every known fact present (absent means False)."""
    return tuple((name, bool(facts.get(name, False))) for name in FACTS)


def school_dict(s: School) -> dict[str, object]:
    """The profile as plain data (for bundles and ``--json``), without the data folder's id."""
    return {
        "name": s.name,
        "code": s.code,
        "stages": list(s.stages),
        "township": s.township,
        "address": s.address,
        "principal": s.principal,
        "contact": s.contact,
        "phone": s.phone,
        "facts": dict(s.facts),
    }
