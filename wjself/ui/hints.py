"""What the window says about a problem's remedy: the button to use, never a command to type.

Problems from core and the store state the fact and carry a ``Hint`` (``core.errors``); the
command line words it as a command (``cli.common.command_hint``), the window as here.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from wjself.core.errors import Hint, Problem, Remedy


def window_hint(hint: Hint | None) -> str:
    """The words that follow a problem's message in the window (empty: nothing to add)."""
    if hint is None:
        return ""
    if hint.remedy is Remedy.REOPEN:
        return QCoreApplication.translate("Hints", " (open it and use “Reopen…” on its page)")
    if hint.remedy is Remedy.UPGRADE:
        return QCoreApplication.translate(
            "Hints", " (open the draft and use “See the changes and upgrade…”)"
        )
    if hint.remedy is Remedy.WHOLE_BACKUP:
        return QCoreApplication.translate("Hints", " (Settings → “Back up now”)")
    return ""  # the lists are what the home page and the checklists page show


def problem_text(problems: Sequence[Problem]) -> str:
    """The messages of an InputError's problems with their remedies, one text for a person."""
    return "\n".join(p.message + window_hint(p.hint) for p in problems)


def problem_lines(problems: Sequence[Problem]) -> str:
    """The problems one per line, with their location when there is one, and remedies."""
    return "\n".join(str(p) + window_hint(p.hint) for p in problems)
