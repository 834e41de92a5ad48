"""The last session's home-page figures: kept at close, shown at start only while still true."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from wjself.core.template import Template
from wjself.paths import DataPaths
from wjself.store import Workspace, glance


def _closed_with_glance(paths: DataPaths, sample: Template) -> glance.Glance:
    from tests.store.conftest import primary_school

    ws = Workspace.open(paths)
    school = ws.schools.add(primary_school())
    ws.templates.install(sample)
    aid = ws.assessments.new(school.id, sample.id, None, "2024")
    first = sample.sections[0].items[0]
    ws.answers.set(aid, first.code, "met" if first.kind.value == "compliance" else "是")
    kept = glance.collect(ws)
    ws.close()
    glance.write(paths, kept)
    return kept


def test_glance_reads_back_what_the_home_page_showed(paths: DataPaths, sample: Template) -> None:
    kept = _closed_with_glance(paths, sample)
    again = glance.read(paths)
    assert again == kept
    assert len(again.summaries) == 1 and again.summaries[0].answered == 1
    assert again.of_school(again.schools[0].id) == list(kept.summaries)


def test_any_write_to_the_database_makes_the_glance_stale(
    paths: DataPaths, sample: Template
) -> None:
    kept = _closed_with_glance(paths, sample)
    ws = Workspace.open(paths)  # what the command line does between two windows
    ws.answers.set(kept.summaries[0].id, sample.sections[0].items[0].code, None)
    ws.close()
    assert glance.read(paths) is None


def test_reading_the_database_leaves_the_glance_true(paths: DataPaths, sample: Template) -> None:
    kept = _closed_with_glance(paths, sample)
    ws = Workspace.open(paths)  # `assessment list` between two windows
    ws.assessments.list(kept.schools[0].id)
    ws.close()
    assert glance.read(paths) == kept


def test_a_left_over_wal_or_another_day_or_version_is_no_glance(
    paths: DataPaths, sample: Template, monkeypatch: pytest.MonkeyPatch
) -> None:
    _closed_with_glance(paths, sample)
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert glance.read(paths, today=tomorrow) is None  # overdue counts change at midnight
    wal = Path(f"{paths.database}-wal")
    wal.write_bytes(b"")  # a crash left the log: the database may hold more than the glance
    assert glance.read(paths) is None
    wal.unlink()
    assert glance.read(paths) is not None
    monkeypatch.setattr(glance, "__version__", "9.9.9")
    assert glance.read(paths) is None


@pytest.mark.reliability(
    fault="Hostile glance.json",
    method="glance.json replaced by garbage, wrong types, a huge file, a FIFO and a link: no glance, no error",
)
def test_a_glance_file_that_is_not_ours_is_ignored(paths: DataPaths, sample: Template) -> None:
    _closed_with_glance(paths, sample)
    target = glance.path_of(paths)
    good = json.loads(target.read_text("utf-8"))
    variants: list[bytes] = [b"", b"\xff\xfe\x00", b"null", b"[]", b'{"format": 1}']
    for key, bad in (("schools", [{"id": "1"}]), ("summaries", [None]), ("newer", [[1]]),
                     ("summaries", [{**good["summaries"][0], "status": "gone"}]),
                     ("summaries", [{**good["summaries"][0], "updated_at": "2024-13-45"}]),
                     ("schools", 5)):  # fmt: skip
        variants.append(json.dumps({**good, key: bad}).encode())
    for data in variants:
        target.write_bytes(data)
        assert glance.read(paths) is None, data[:80]
    target.write_bytes(b" " * (glance.MAX_BYTES + 1))
    assert glance.read(paths) is None
    target.unlink()
    if hasattr(os, "mkfifo"):
        os.mkfifo(target)  # never opened: a FIFO would block the start
        assert glance.read(paths) is None
        target.unlink()
    target.symlink_to("/dev/zero")
    assert glance.read(paths) is None


@pytest.mark.reliability(
    fault="Hostile glance.json",
    method="glance.json nested 100,000 deep, a 400-digit percent, an infinite assessment id: no glance, no error",
)
def test_a_glance_that_breaks_the_parser_or_a_number_is_ignored(
    paths: DataPaths, sample: Template
) -> None:
    _closed_with_glance(paths, sample)
    target = glance.path_of(paths)
    good = json.loads(target.read_text("utf-8"))
    summary = good["summaries"][0]
    variants = [
        b"[" * 100_000 + b"]" * 100_000,
        json.dumps({**good, "summaries": [{**summary, "percent": 10**400}]}).encode(),
        json.dumps({**good, "newer": [[1e400, "2024.3"]]}).encode(),  # Infinity
        json.dumps({**good, "newer": [[2.5, "2024.3"]]}).encode(),
    ]
    for data in variants:
        target.write_bytes(data)
        assert glance.read(paths) is None, data[:80]
