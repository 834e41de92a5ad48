"""Schools with demo-like, finalized, signed assessments, made through the store and the real
bundle export: for the district loop test and the district benchmark.

``make_schools`` gives each school its own data folder (so its own installation key), starting
from one prepared database (migrated, bundled checklists installed) copied per school, so 30
schools take seconds.  ``variants`` turns one finalized assessment into many schools' bundles
without a data folder each: another school profile, a few answers changed, the fingerprint
recomputed and the bundle signed with that school's own key, all through the real export.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from wjself.bundled import install_bundled_templates
from wjself.core.assessment import Answer, AssessmentView, SignOff
from wjself.core.fingerprint import assessment_fingerprint
from wjself.core.school import School, normalize_facts
from wjself.core.stages import stages_overlap
from wjself.core.template import Kind
from wjself.core.values import MET, NOT_MET, PARTIAL
from wjself.demo import FILLED_BY, REVIEWED_BY, _Filler
from wjself.formats.bundle import export_bundle
from wjself.paths import DataPaths
from wjself.store.workspace import Workspace

TOWNSHIPS = ("湖塘镇", "牛塘镇", "南夏墅街道")
PERIOD = "2024"


@dataclass(frozen=True, slots=True)
class MadeSchool:
    """A school's data folder and what it exported: assessment id → bundle file."""

    code: str
    name: str
    township: str
    folder: Path
    bundles: dict[int, Path]


def prepared_database(folder: Path) -> Path:
    """A migrated database with the bundled checklists installed, to copy per school."""
    with Workspace.open(DataPaths(folder), automatic_backup=False) as ws:
        install_bundled_templates(ws)
    source = DataPaths(folder).database
    copy = folder.parent / f"{folder.name}-seed.db"
    with sqlite3.connect(source) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    return copy


def school_profile(n: int) -> School:
    township = TOWNSHIPS[n % len(TOWNSHIPS)]
    return School(
        id=0,
        name=f"武进区测试{n:03d}号小学",
        code=f"3204{n:06d}",
        stages=("小学",),
        township=township,
        principal="王校长",
        contact="李老师",
        facts=normalize_facts({"has_canteen": True, "has_labs": True, "party_org": True}),
    )


def make_schools(
    root: Path, count: int, templates: tuple[str, ...], today: dt.date
) -> list[MadeSchool]:
    """``count`` schools, each answering ``templates`` (ids) for ``PERIOD``, finalized and
    exported (signed) to ``root/bundles``."""
    seed = prepared_database(root / "seed")
    out_dir = root / "bundles"
    out_dir.mkdir(parents=True, exist_ok=True)
    made = []
    for n in range(count):
        folder = root / f"school-{n:03d}"
        folder.mkdir(parents=True)
        shutil.copyfile(seed, DataPaths(folder).database)
        with Workspace.open(DataPaths(folder), automatic_backup=False) as ws:
            school = ws.schools.add(school_profile(n))
            ids = [ws.assessments.new(school.id, t, None, PERIOD) for t in templates]
            filler = _Filler(ws, school, today, seed=1000 + n)
            for aid in ids:
                filler.fill(aid, leave_open=False)
            filler.plan_rectifications(ids)
            bundles = {}
            for aid in ids:
                ws.assessments.finalize(aid, FILLED_BY, REVIEWED_BY)
                target = out_dir / f"{school.code}-{aid}.wjsa"
                view = ws.assessments.view(aid)
                export_bundle(view, target, signing_key=ws.signing_key.private_key)
                bundles[aid] = target
        made.append(MadeSchool(school.code, school.name, school.township, folder, bundles))
    return made


def refingerprinted(view: AssessmentView, code: str, value: object) -> AssessmentView:
    """``view`` with one answer changed and the fingerprint made again to match: what someone
    who edits a bundle and recomputes its hashes would produce."""
    answers = dict(view.answers)
    answers[code] = dataclasses.replace(answers[code], value=value)  # type: ignore[arg-type]
    changed = dataclasses.replace(view, answers=MappingProxyType(answers))
    assert changed.signoff is not None
    signoff = dataclasses.replace(changed.signoff, fingerprint=assessment_fingerprint(changed))
    return dataclasses.replace(changed, signoff=signoff)


def variants(
    base: AssessmentView, schools: range, rng: random.Random
) -> Iterator[tuple[School, AssessmentView]]:
    """For each school number, ``base`` as that school's: profile, some compliance answers
    varied, fingerprint recomputed (sign it with the school's own key: ``school_key``)."""
    compliance = [i.code for i in base.template.items() if i.kind is Kind.COMPLIANCE
                  and i.code in base.answers]  # fmt: skip
    for n in schools:
        school = dataclasses.replace(school_profile(n), stages=base.school.stages,
                                     facts=base.school.facts)  # fmt: skip
        answers: dict[str, Answer] = dict(base.answers)
        for code in rng.sample(compliance, min(3, len(compliance))):
            value = rng.choice((MET, MET, PARTIAL, NOT_MET))
            answers[code] = dataclasses.replace(answers[code], value=value, evidence=())
        view = dataclasses.replace(base, school=school, answers=MappingProxyType(answers),
                                   rectifications=())  # fmt: skip
        assert view.signoff is not None
        signoff = SignOff(
            view.signoff.filled_by, view.signoff.reviewed_by, view.signoff.finalized_at,
            assessment_fingerprint(view), view.signoff.scheme,
        )  # fmt: skip
        yield school, dataclasses.replace(view, signoff=signoff)


def school_key(n: int, keys: dict[int, Ed25519PrivateKey]) -> Ed25519PrivateKey:
    """School ``n``'s own key, the same for all its bundles."""
    if n not in keys:
        keys[n] = Ed25519PrivateKey.generate()
    return keys[n]


def applicable_templates(ws: Workspace, stages: tuple[str, ...]) -> list[str]:
    """The ids of the installed checklists that concern a school of ``stages``."""
    return sorted({i.id for i in ws.templates.list() if stages_overlap(i.stages, stages)})
