"""The window's restore passes the same trust boundary as the command line's."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from tests.store.conftest import primary_school
from wjself.store import backup

pytestmark = pytest.mark.gui


@pytest.mark.reliability(
    fault="Hostile backup",
    method="backup edited with sqlite3 (stages 42); Settings → Restore from a file",
)
def test_the_window_refuses_a_backup_with_impossible_values(
    window, qtbot, prompts, tmp_path: Path
) -> None:
    ws = window.workspace
    ws.schools.add(primary_school())
    bad = tmp_path / "edited.db"
    backup.online_backup(ws.paths.database, bad)
    with contextlib.closing(sqlite3.connect(bad)) as conn, conn:
        conn.execute("UPDATE schools SET stages = '42'")
    page = window.show_page("settings")
    prompts.script("open_file", bad)
    prompts.script("confirm", True)
    page.restore_from_file()
    message = prompts.messages("warn")[-1]
    assert "未恢复" in message and "schools:1: stages" in message, message
    assert [s.name for s in ws.schools.list()] == ["武进区测试小学"]
    assert not [p for p in ws.backups() if p.name.startswith("pre-restore-")]
