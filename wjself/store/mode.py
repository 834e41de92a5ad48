"""Whether a data folder belongs to a school or to the bureau (区教育局端).

The mode is the ``mode`` row of ``settings`` (so it travels with backups).  A folder is marked
the first time it is opened; from then on opening it the other way is refused with a message
naming the folder and the option to use, before anything in it is changed.  A folder from
before the mark existed is a school's (the district side did not exist) unless it holds
nothing yet.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import Literal

from sqlalchemy import text
from sqlalchemy.orm import Session

from wjself.core.errors import EnvironmentFault
from wjself.store.models import SettingRecord

Mode = Literal["school", "district"]
SCHOOL: Mode = "school"
DISTRICT: Mode = "district"
MODE_SETTING = "mode"

_HOLDS = {
    SCHOOL: ("schools", "assessments"),
    DISTRICT: ("received", "district_schools"),
}


def wrong_folder(root: Path, found: Mode) -> EnvironmentFault:
    """The message for a folder of the other mode."""
    if found == DISTRICT:
        return EnvironmentFault(
            f"{root} 是区教育局端的数据文件夹，不能作为学校的数据文件夹打开。"
            f"请用“wjself --district {root}”打开它，或另选一个数据文件夹；该文件夹未作任何改动。"
        )
    return EnvironmentFault(
        f"{root} 是学校的数据文件夹，不能作为区教育局端的数据文件夹打开。"
        f"请用“wjself --data-dir {root}”打开它，或给 --district 另选一个文件夹；该文件夹未作任何改动。"
    )


def folder_mode(s: Session) -> Mode | None:
    """The mode recorded in the database of ``s``, or None if none is."""
    record = s.get(SettingRecord, MODE_SETTING)
    if record is None:
        return None
    return DISTRICT if record.value == DISTRICT else SCHOOL


def settle_mode(s: Session, root: Path, wanted: Mode) -> None:
    """Refuse a folder of the other mode; mark an unmarked one as ``wanted``.

    ``s`` is a write session; raises EnvironmentFault (nothing written) on a mismatch."""
    found = folder_mode(s)
    if found is None:
        other: Mode = DISTRICT if wanted == SCHOOL else SCHOOL
        if any(_has_rows(s, table) for table in _HOLDS[other]):
            raise wrong_folder(root, other)
        s.add(SettingRecord(key=MODE_SETTING, value=wanted))
    elif found != wanted:
        raise wrong_folder(root, found)


def _has_rows(s: Session, table: str) -> bool:
    # ``table`` is one of the fixed names above, never user input.
    return s.execute(text(f"SELECT 1 FROM {table} LIMIT 1")).first() is not None


def file_mode(path: Path, *, read_only: bool = True) -> Mode | None:
    """The mode of the database file at ``path`` read directly (a backup being restored):
    its mark, else what it holds; None when it holds nothing of either side or cannot be read.

    ``read_only=False`` for the folder's own database: a read-only connection could not tidy
    away the WAL files it makes, leaving the folder changed by a refused restore."""
    try:
        if read_only:
            connection = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0
            )
        else:
            connection = sqlite3.connect(path, timeout=5.0)
        with contextlib.closing(connection) as conn:
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if "settings" in tables:
                row = conn.execute(
                    "SELECT value FROM settings WHERE key = ?", (MODE_SETTING,)
                ).fetchone()
                if row is not None:
                    return DISTRICT if row[0] == DISTRICT else SCHOOL
            for mode, names in _HOLDS.items():
                for table in names:
                    if (
                        table in tables
                        and conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone()
                    ):
                        return DISTRICT if mode == DISTRICT else SCHOOL
    except (sqlite3.Error, OSError):
        return None
    return None


def other_side_backup(root: Path, incoming: Mode, current: Mode) -> str:
    """Why a backup of the other side is not restored into this folder."""
    words = {SCHOOL: "学校", DISTRICT: "区教育局端"}
    return (
        f"这是{words[incoming]}的备份，而 {root} 是{words[current]}的数据文件夹；"
        "不能混用，未恢复，当前数据保持不变。请把它恢复到"
        f"{'用 --district 打开的' if incoming == DISTRICT else '学校的'}数据文件夹"
    )
