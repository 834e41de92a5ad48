"""Pytest plugin: what each reliability test tried, how many times, and how it went.

A test declares the row of ``docs/reliability.md`` it belongs to::

    @pytest.mark.reliability(fault="Disk full", method="tmpfs of 2 MiB, CLI answer set")
    def test_...():
        tally(40)  # optional: the cases tried (kill runs, generated inputs); default 1

With ``--reliability-json=PATH`` (or ``WJSELF_RELIABILITY_JSON=PATH``) the outcomes are merged
into PATH under the source ``pytest``; ``scripts/reliability_report.py`` renders the table from
it together with what the ``stress/`` scripts wrote (``record_source``).  The normal run writes
nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import platform
import sys
from pathlib import Path
from typing import Any

import pytest

ENV = "WJSELF_RELIABILITY_JSON"
MARKER = "reliability"

_counts: dict[str, int] = {}
_current: list[str] = []
_rows: list[dict[str, Any]] = []


def tally(count: int = 1) -> None:
    """Count ``count`` cases tried by the running test (called once per case, or with a total)."""
    if _current:
        _counts[_current[-1]] = _counts.get(_current[-1], 0) + count


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--reliability-json",
        metavar="PATH",
        default=os.environ.get(ENV) or None,
        help="merge the outcomes of @pytest.mark.reliability tests into this JSON file",
    )


def pytest_configure(config: pytest.Config) -> None:
    # Each xdist worker would write its own rows over the others'.
    if config.getoption("--reliability-json") and getattr(config.option, "numprocesses", None):
        raise pytest.UsageError("--reliability-json needs one process: add -n 0")


def pytest_runtest_setup(item: pytest.Item) -> None:
    _current.append(item.nodeid)
    _counts.pop(item.nodeid, None)


def pytest_runtest_teardown(item: pytest.Item) -> None:
    with contextlib.suppress(ValueError):
        _current.remove(item.nodeid)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    mark = item.get_closest_marker(MARKER)
    if mark is None:
        return
    # One row per test: the call's outcome, or the setup's when it failed or skipped there.
    if report.when == "call" or (report.when == "setup" and not report.passed):
        detail = ""
        if report.skipped and isinstance(report.longrepr, tuple):
            detail = str(report.longrepr[2]).removeprefix("Skipped: ")
        elif report.failed:
            detail = (
                report.longreprtext.strip().splitlines()[-1][:300] if report.longreprtext else ""
            )
        _rows.append(
            {
                "fault": str(mark.kwargs["fault"]),
                "method": str(mark.kwargs["method"]),
                "test": item.nodeid,
                "outcome": report.outcome,
                "count": _counts.get(item.nodeid, 1) if report.passed else 0,
                "detail": detail,
            }
        )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        mark = item.get_closest_marker(MARKER)
        if mark is not None and not {"fault", "method"} <= set(mark.kwargs):
            raise pytest.UsageError(f"{item.nodeid}: reliability marker needs fault= and method=")


def pytest_sessionfinish(session: pytest.Session) -> None:
    target = session.config.getoption("--reliability-json")
    if not target or not _rows:
        return
    record_source(
        Path(target), "pytest", _rows, command="python -m pytest " + " ".join(sys.argv[1:])
    )


def record_source(path: Path, source: str, rows: list[dict[str, Any]], command: str = "") -> None:
    """Replace ``source``'s rows in the JSON file at ``path`` (other sources are kept)."""
    data: dict[str, Any] = {"sources": {}}
    with contextlib.suppress(OSError, ValueError):
        data = json.loads(path.read_text("utf-8"))
    data.setdefault("sources", {})[source] = {
        "generated": dt.datetime.now().astimezone().replace(microsecond=0).isoformat(),
        "machine": f"{platform.system()} {platform.machine()}, Python {platform.python_version()}",
        "command": command,
        "rows": rows,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8")
    os.replace(tmp, path)
