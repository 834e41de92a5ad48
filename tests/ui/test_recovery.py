"""A damaged database, met by the window: named, the latest intact backup offered with its date
and age, restored only when the person says so (the damaged file kept aside), else nothing
changed; no backup → what to do; a database of a newer wjself → a plain message."""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from tests.helpers.prompts import ScriptedPrompts
from wjself.app import bootstrap, run_gui
from wjself.core.school import School
from wjself.paths import DataPaths
from wjself.store import backup
from wjself.ui.main_window import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("qapp")]

BEFORE = "备份之前的学校"
AFTER = "备份之后新增的学校"


def _truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _garbage_in_pages(data: bytes) -> bytes:
    out = bytearray(data)
    rng = random.Random(20240506)
    for page in range(1, len(out) // 4096):
        for i in range(page * 4096, page * 4096 + 48):
            out[i] = rng.randrange(256)
    return bytes(out)


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "truncated": _truncated,
    "page bytes overwritten": _garbage_in_pages,
}


def school_names(database: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(database)) as conn:
        return [str(r[0]) for r in conn.execute("SELECT name FROM schools ORDER BY id")]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of the data folder but the log (which records the attempt) and its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "logs" not in p.relative_to(folder).parts
    }


@pytest.fixture
def paths(data_dir: Path) -> DataPaths:
    """A data folder with a good automatic backup from three days ago, a school added since."""
    context = bootstrap(window=True)  # the folder as a window leaves it (lock file included)
    ws = context.workspace
    ws.schools.add(School(0, BEFORE, "3204120101", ("小学",)))
    folder = context.paths
    for old in folder.backups.glob("*.*"):
        old.unlink()
    taken = dt.datetime.now().replace(microsecond=0) - dt.timedelta(days=3, hours=2)
    assert backup.automatic_backup(folder, taken) is not None
    ws.schools.add(School(0, AFTER, "3204120102", ("小学",)))
    context.close()
    return folder


def start_window(prompts: ScriptedPrompts) -> int:
    """``run_gui`` as the program starts it, guarded so that a broken offer cannot hang the run."""
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(QApplication.quit)
    guard.start(20_000)
    try:
        return run_gui(prompts=prompts)
    finally:
        guard.stop()


class ClosingPrompts(ScriptedPrompts):
    """Scripted prompts that, once told the backup is restored, look at the window as it opens
    with the restored data and close it (as the person would, later)."""

    def __init__(self, look: Callable[[MainWindow], None]) -> None:
        super().__init__()
        self.look = look
        self.attached_when_told = False

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        super().inform(parent, title, text)
        assert isinstance(parent, MainWindow)
        window = parent
        self.attached_when_told = window.attached  # said over the restored data, not before

        def look_and_close() -> None:
            try:
                self.look(window)
            finally:
                window.close()

        QTimer.singleShot(0, look_and_close)


@pytest.mark.reliability(
    fault="Database damaged",
    method="the window starts on a damaged database, offers the newest intact backup; accepted: opens on its data, damaged file kept aside",
)
@pytest.mark.parametrize("damage", DAMAGE)
def test_restoring_the_offered_backup_opens_the_window_on_its_data(
    paths: DataPaths, damage: str
) -> None:
    good = next(paths.backups.glob("auto-*.wjbak"))
    damaged = DAMAGE[damage](paths.database.read_bytes())
    paths.database.write_bytes(damaged)
    seen: dict[str, Any] = {}

    def look(window: MainWindow) -> None:
        seen["attached"] = window.attached
        seen["schools"] = [s.name for s in window.workspace.schools.list()]
        seen["lock"] = window.context.lock is not None and window.context.lock.held
        home = window.pages["home"]
        seen["home"] = home.school_label.text()  # type: ignore[attr-defined]

    told = ClosingPrompts(look)
    told.script("choose", "恢复此备份")
    assert start_window(told) == 0

    (offer, restored) = told.asked
    kind, title, text = offer
    assert (kind, title) == ("choose", "数据库文件已损坏")
    assert str(paths.database) in text and str(good) in text
    taken = backup.backup_time(good)
    assert taken is not None
    assert f"{taken:%Y-%m-%d %H:%M} 的自动备份（3 天前）" in text
    assert "将关闭程序，不作任何改动" in text
    kind, title, text = restored
    kept = list(paths.backups.glob("damaged-*.db"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged  # the damaged file, aside
    assert kind == "inform" and str(kept[0]) in text and "自动备份" in text

    assert told.attached_when_told
    assert seen == {"attached": True, "schools": [BEFORE], "lock": True, "home": f"{BEFORE} · 小学"}
    assert school_names(paths.database) == [BEFORE]  # the backup's data, on disk
    assert backup.latest_good_backup(paths) is not None


@pytest.mark.reliability(
    fault="Database damaged",
    method="the window offers the backup and the person cancels: the folder is byte for byte unchanged",
)
def test_cancel_closes_and_changes_nothing(paths: DataPaths) -> None:
    paths.database.write_bytes(_garbage_in_pages(paths.database.read_bytes()))
    before = snapshot(paths.root)
    told = ScriptedPrompts()
    told.script("choose", "取消")
    assert start_window(told) == 2
    ((kind, title, _text),) = told.asked
    assert (kind, title) == ("choose", "数据库文件已损坏")
    assert snapshot(paths.root) == before


@pytest.mark.reliability(
    fault="Database damaged",
    method="the window starts on a damaged database with no intact backup: says what to do, exit 2",
)
def test_without_an_intact_backup_it_says_what_to_do(paths: DataPaths) -> None:
    for file in paths.backups.glob("auto-*"):
        file.write_bytes(b"\0" * 4096)
    paths.database.write_bytes(_truncated(paths.database.read_bytes()))
    before = snapshot(paths.root)
    told = ScriptedPrompts()
    assert start_window(told) == 2
    ((kind, title, text),) = told.asked  # no offer, one message
    assert (kind, title) == ("error", "数据库文件已损坏")
    assert str(paths.database) in text and "没有找到完好的备份" in text
    assert "不要删除或覆盖" in text and str(paths.root) in text
    assert str(paths.log_file) in text
    assert snapshot(paths.root) == before


def test_a_database_of_a_newer_wjself_gets_a_plain_message(paths: DataPaths) -> None:
    with contextlib.closing(sqlite3.connect(paths.database)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    told = ScriptedPrompts()
    assert start_window(told) == 2
    ((kind, title, text),) = told.asked
    assert kind == "error" and title == "武进学校自评无法打开"
    assert "更新版本的 wjself" in text and "9999" in text and "恢复" not in text
    assert school_names(paths.database) == [BEFORE, AFTER]  # untouched
