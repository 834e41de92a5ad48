"""A 整改 plan given as text (the command line, an answer file): its date read as people write
it, and the checks the window's date fields make by construction.

The window's date field only offers dates; a file or a command line can say anything, so the
same rules are spelled out here: a date is a real calendar date (``2024-03-15``, ``2024/3/15``,
``2024年3月15日``), and a due date is not before the assessment was started (a 整改期限 that
had passed before the self-check began is a typing mistake, never a plan).
"""

from __future__ import annotations

import datetime as dt
import re

from wjself.core.errors import InputError, Problem

_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")


def read_date(raw: object, label: str, field: str) -> dt.date:
    """``raw`` (a date, or text as people write dates) as a date, or InputError naming ``label``."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = str(raw).strip()
    match = _DATE.fullmatch(text)
    if match:
        try:
            return dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            pass
    shown = text if len(text) <= 30 else text[:29] + "…"
    raise InputError([Problem(f"{label}“{shown}”不是有效日期，应写作 2024-03-15", field=field)])


def due_problems(due: dt.date | None, started: dt.date) -> list[Problem]:
    """Why ``due`` cannot be the 整改期限 of an assessment started on ``started`` (empty: it can)."""
    if due is not None and due < started:
        return [
            Problem(
                f"整改期限 {due.isoformat()} 早于本次自评的开始日期 {started.isoformat()}；"
                "请填写今后完成整改的日期",
                field="due",
            )
        ]
    return []
