"""A long session does not wear the interpreter away.

PySide6 6.12.0 on CPython 3.11 loses a reference to ``None`` with every void call; a day's work
makes hundreds of thousands of them, and CPython aborts when ``None`` runs out ("none_dealloc").
pyproject.toml keeps PySide6 below 6.12 for this; these tests fail if a PySide6 with the fault
comes back.  The long run is in a fresh process, so an abort takes that process, not the run.
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


def test_void_calls_into_qt_keep_none_referenced() -> None:
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(1000):
        probe.setObjectName("probe")
    # Other code may take or drop a few references meanwhile; the fault drops one per call.
    assert before - sys.getrefcount(None) < 100, "this PySide6 loses references to None"
