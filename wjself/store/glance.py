"""The home page's figures from the last session, so the window shows them before the store loads.

Opening the database means importing SQLAlchemy, which alone costs about three bare Qt
windows.  When the window closes it writes ``glance.json``: the schools, their assessment
summaries and the newer checklist versions on offer — exactly what the home page showed —
stamped with the database file's signature (size, modification time and header of
``wjself.db``, and whether a ``-wal`` file is beside it) taken after the database was closed,
and with the day and wjself's version.  At the next start the home page shows it at once when
the stamp still matches, that is when nothing has written the database since (the command
line, a restore, a crash that left a ``-wal``), and it is the same day (overdue counts
change at midnight); then the store opens and the live figures replace it.  Anything else —
no file, another stamp, a file that does not read as a glance — means no glance: the window
waits for the store as before.  This module imports nothing of SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wjself import __version__
from wjself.atomic import atomic_writer
from wjself.core.assessment import AssessmentSummary, Status
from wjself.core.school import School
from wjself.paths import DataPaths

if TYPE_CHECKING:
    from wjself.store.workspace import Workspace

log = logging.getLogger(__name__)

FILE_NAME = "glance.json"
FORMAT = 1
MAX_BYTES = 4 * 1024 * 1024  # thousands of assessments; a larger file is not ours


@dataclass(frozen=True, slots=True)
class Glance:
    """What the home page showed when the window last closed, for each school."""

    schools: tuple[School, ...]
    summaries: tuple[AssessmentSummary, ...]
    newer: tuple[tuple[int, str], ...]  # (draft assessment id, newest installed version)

    def of_school(self, school_id: int) -> list[AssessmentSummary]:
        return [s for s in self.summaries if s.school_id == school_id]

    def newer_of_school(self, school_id: int) -> dict[int, str]:
        ids = {s.id for s in self.of_school(school_id)}
        return {aid: version for aid, version in self.newer if aid in ids}


def path_of(paths: DataPaths) -> Path:
    return paths.root / FILE_NAME


def signature(paths: DataPaths) -> list[Any] | None:
    """The database file's stamp: None when there is no database or it cannot be read."""
    db = paths.database
    try:
        stat = db.stat()
        with db.open("rb") as handle:
            header = handle.read(100)
    except OSError:
        return None
    wal = Path(f"{db}-wal")
    return [stat.st_size, stat.st_mtime_ns, header.hex(), wal.exists()]


def collect(workspace: Workspace) -> Glance:
    """The figures the home page shows, for every school (one read per school)."""
    schools = tuple(workspace.schools.list())
    summaries: list[AssessmentSummary] = []
    newer: list[tuple[int, str]] = []
    for school in schools:
        summaries += workspace.assessments.list(school.id)
        newer += [
            (o.assessment_id, o.newest) for o in workspace.upgrades.offers(school.id) if o.is_draft
        ]
    return Glance(schools, tuple(summaries), tuple(newer))


def write(paths: DataPaths, glance: Glance, today: dt.date | None = None) -> None:
    """Keep ``glance`` for the next start; call it after the database was closed."""
    stamp = signature(paths)
    target = path_of(paths)
    if stamp is None:
        return
    data = {
        "format": FORMAT,
        "version": __version__,
        "day": (today or dt.date.today()).isoformat(),
        "signature": stamp,
        "schools": [_school_data(s) for s in glance.schools],
        "summaries": [_summary_data(s) for s in glance.summaries],
        "newer": [list(pair) for pair in glance.newer],
    }
    try:
        with atomic_writer(target) as handle:
            handle.write(json.dumps(data, ensure_ascii=False).encode("utf-8"))
    except OSError as exc:  # a glance is a convenience: the next start just waits for the store
        log.info("glance not written: %s", exc)


def read(paths: DataPaths, today: dt.date | None = None) -> Glance | None:
    """The glance of the last session if the database has not changed since, else None."""
    target = path_of(paths)
    try:
        if target.is_symlink() or not target.is_file() or target.stat().st_size > MAX_BYTES:
            return None
        data = json.loads(target.read_bytes().decode("utf-8"))
        if (
            not isinstance(data, dict)
            or data.get("format") != FORMAT
            or data.get("version") != __version__
            or data.get("day") != (today or dt.date.today()).isoformat()
            or data.get("signature") != signature(paths)
        ):
            return None
        return Glance(
            tuple(_school(d) for d in data["schools"]),
            tuple(_summary(d) for d in data["summaries"]),
            tuple((_int(a), _text(v)) for a, v in data["newer"]),
        )
    except (
        OSError,
        ValueError,
        TypeError,
        KeyError,
        AttributeError,
        UnicodeError,
        OverflowError,  # a whole number too large for a float
        RecursionError,  # JSON nested deeper than the parser's stack
    ) as exc:
        log.info("glance not used: %s", exc)
        return None


def discard(paths: DataPaths) -> None:
    """Forget the glance (the database is about to be replaced)."""
    try:
        path_of(paths).unlink(missing_ok=True)
    except OSError as exc:
        log.info("glance not removed: %s", exc)


# ------------------------------------------------------------------ plain data, checked back


def _school_data(s: School) -> dict[str, Any]:
    return {
        "id": s.id, "name": s.name, "code": s.code, "stages": list(s.stages),
        "township": s.township, "address": s.address, "principal": s.principal,
        "contact": s.contact, "phone": s.phone, "facts": [list(f) for f in s.facts],
    }  # fmt: skip


def _school(d: dict[str, Any]) -> School:
    return School(
        id=_int(d["id"]), name=_text(d["name"]), code=_text(d["code"]),
        stages=tuple(_text(s) for s in d["stages"]), township=_text(d["township"]),
        address=_text(d["address"]), principal=_text(d["principal"]),
        contact=_text(d["contact"]), phone=_text(d["phone"]),
        facts=tuple((_text(name), _bool(value)) for name, value in d["facts"]),
    )  # fmt: skip


def _summary_data(s: AssessmentSummary) -> dict[str, Any]:
    return {
        "id": s.id, "school_id": s.school_id, "school_name": s.school_name,
        "template_id": s.template_id, "template_version": s.template_version,
        "template_title": s.template_title, "period": s.period, "status": s.status.value,
        "answered": s.answered, "applicable": s.applicable, "percent": s.percent,
        "band": s.band, "open_rectifications": s.open_rectifications,
        "overdue_rectifications": s.overdue_rectifications,
        "updated_at": s.updated_at.isoformat(),
    }  # fmt: skip


def _summary(d: dict[str, Any]) -> AssessmentSummary:
    percent = d["percent"]
    return AssessmentSummary(
        id=_int(d["id"]), school_id=_int(d["school_id"]), school_name=_text(d["school_name"]),
        template_id=_text(d["template_id"]), template_version=_text(d["template_version"]),
        template_title=_text(d["template_title"]), period=_text(d["period"]),
        status=Status(d["status"]), answered=_int(d["answered"]),
        applicable=_int(d["applicable"]),
        percent=None if percent is None else float(_number(percent)), band=_text(d["band"]),
        open_rectifications=_int(d["open_rectifications"]),
        overdue_rectifications=_int(d["overdue_rectifications"]),
        updated_at=dt.datetime.fromisoformat(_text(d["updated_at"])),
    )  # fmt: skip


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"text expected, not {type(value).__name__}")
    return value


def _int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"whole number expected, not {type(value).__name__}")
    return value


def _number(value: object) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise TypeError(f"number expected, not {type(value).__name__}")
    return float(value)


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"true or false expected, not {type(value).__name__}")
    return value
