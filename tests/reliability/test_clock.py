"""Clocks set backwards or ahead, and time zones changing: the audit log keeps the order things
happened in (it is ordered by a sequence, never by wall time) and backup rotation never
deletes the newest backup because of a date."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.crash import prepare
from tests.reliability.plugin import tally
from wjself.paths import DataPaths
from wjself.store import Workspace, backup


@pytest.fixture
def paths(data_dir: Path) -> DataPaths:
    prepare(data_dir, 5)
    return DataPaths(data_dir)


def stamps(paths: DataPaths) -> set[dt.datetime]:
    return {t for p in backup.list_backups(paths) if (t := backup.backup_time(p)) is not None}


def days(start: dt.datetime, n: int) -> Iterator[dt.datetime]:
    return (start + dt.timedelta(days=i) for i in range(n))


@pytest.mark.reliability(
    fault="Clock set backwards",
    method="40 daily backups in 2024, then the clock says 2020 for 15 days, then it is fixed",
)
def test_rotation_with_the_clock_set_backwards(paths: DataPaths) -> None:
    for when in days(dt.datetime(2024, 4, 11, 9), 40):
        backup.automatic_backup(paths, when)
    real = stamps(paths)
    assert len(real) == 9  # the last 7 days and the newest of each of 4 weeks (2 overlap)
    for when in days(dt.datetime(2020, 1, 1, 9), 15):
        made = backup.automatic_backup(paths, when)
        # The backup just taken holds the newest data: never rotated away for its date.
        assert made is not None and made.exists(), when
        tally()
    assert real <= stamps(paths)  # the later-dated ones are kept, not trusted to be old
    wrong = {t for t in stamps(paths) if t.year == 2020}
    assert 7 <= len(wrong) <= 11  # and rotation goes on among the rest
    backup.automatic_backup(paths, dt.datetime(2024, 5, 21, 9))  # the clock is right again
    after = stamps(paths)
    assert not [t for t in after if t.year == 2020]
    assert {(t.month, t.day) for t in after} == {
        (5, d) for d in (5, 12, 15, 16, 17, 18, 19, 20, 21)
    }


@pytest.mark.reliability(
    fault="Clock set ahead",
    method="one backup taken with the clock in 2099, then 20 normal days",
)
def test_rotation_after_the_clock_was_ahead(paths: DataPaths) -> None:
    ahead = backup.automatic_backup(paths, dt.datetime(2099, 1, 1, 9))
    assert ahead is not None
    for when in days(dt.datetime(2024, 5, 1, 9), 20):
        assert backup.automatic_backup(paths, when) is not None
        tally()
    kept = stamps(paths)
    assert dt.datetime(2099, 1, 1, 9) in kept
    normal = {t.day for t in kept if t.year == 2024}
    # The 2099 file takes none of the 7 daily and 4 weekly places: the last 7 days and the
    # newest of each ISO week (May 5, 12, 19, 20) stay, as without it.
    assert normal == {5, 12, 14, 15, 16, 17, 18, 19, 20}


@pytest.mark.reliability(
    fault="Clock set backwards",
    method="every stored time one hour earlier than the last while answering",
)
def test_history_keeps_the_order_of_changes_when_the_clock_runs_backwards(
    paths: DataPaths,
) -> None:
    start = dt.datetime(2024, 5, 1, 12, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    ticks = (start - dt.timedelta(hours=n) for n in itertools.count())

    def backwards() -> dt.datetime:
        return next(ticks)

    with Workspace.open(paths, automatic_backup=False, clock=backwards) as ws:
        for n, code in enumerate(["T0003", "T0001", "T0004", "T0001"]):
            ws.answers.set(1, code, f"第{n}次")
            tally()
        history = [e for e in ws.assessments.history(1) if e.action == "answer.set"]
    assert [(e.code, e.new) for e in history] == [
        ("T0003", "第0次"),
        ("T0001", "第1次"),
        ("T0004", "第2次"),
        ("T0001", "第3次"),
    ]
    assert [e.at for e in history] == sorted((e.at for e in history), reverse=True)
    assert history[-1].at < history[0].at <= start  # stamped by the clock given to the workspace


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="time.tzset is POSIX")
@pytest.mark.reliability(
    fault="Time zone changed",
    method="answers saved alternately under UTC+8, UTC-10 and UTC+14 (TZ and tzset)",
)
def test_history_across_time_zones(paths: DataPaths) -> None:
    zones = ["CST-8", "HST10", "LINT-14", "CST-8"]
    saved = os.environ.get("TZ")
    try:
        with Workspace.open(paths, automatic_backup=False) as ws:
            for n, zone in enumerate(zones):
                os.environ["TZ"] = zone
                time.tzset()
                ws.answers.set(1, f"T{n:04d}", f"时区{zone}")
                tally()
            history = [e for e in ws.assessments.history(1) if e.action == "answer.set"]
    finally:
        if saved is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = saved
        time.tzset()
    assert [e.new for e in history] == [f"时区{z}" for z in zones]
    offsets = [e.at.utcoffset() for e in history]
    assert offsets == [dt.timedelta(hours=h) for h in (8, -10, 14, 8)]
    # The same instants, whatever the zone: they never go backwards.
    instants = [e.at.astimezone(dt.UTC) for e in history]
    assert instants == sorted(instants)
