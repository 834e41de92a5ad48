"""A long session does not wear the interpreter away (see ``wjself.ui.none_guard``).

PySide6 6.12.0 on CPython 3.11 loses a reference to ``None`` with every void call; a day's work
makes hundreds of thousands of them.  Run in a fresh process, so that if ``None`` does run out
the abort takes that process and this test fails, rather than the test run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.gui

WORK = textwrap.dedent(
    """
    import sys
    from wjself.ui.application import create_application
    from PySide6.QtWidgets import QLabel

    app = create_application()
    label = QLabel()
    for n in range(300_000):  # about a day of setText / setVisible / update calls
        label.setText("已保存")
    print("done", sys.getrefcount(None) > 0)
    """
)


def run(code: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_a_day_of_calls_into_qt_does_not_abort_the_window() -> None:
    result = run(WORK)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "done True" in result.stdout


def test_the_guard_only_acts_where_it_is_needed() -> None:
    from wjself.ui.none_guard import BALLAST, drops_none, protect_none

    probe = run("from wjself.ui.none_guard import drops_none; print(drops_none())")
    assert probe.returncode == 0, probe.stderr
    affected = probe.stdout.strip() == "True"
    if sys.version_info >= (3, 12):
        assert protect_none() is False
    elif affected:
        assert drops_none()
        protect_none()
        assert sys.getrefcount(None) > BALLAST // 2
