"""Error types shared by every layer.

``InputError`` is bad input a person can fix (a broken template, a wrong value); it carries
located ``Problem`` lines.  ``EnvironmentFault`` is the machine's doing (disk full, folder
locked, database damaged).  Anything else that escapes is a bug.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Remedy(StrEnum):
    """What a person can do about a problem.  The message states the fact; each front end says
    the remedy its own way (the command line as the command to type, the window as the button)."""

    REOPEN = "reopen"  # undo the finalizing of assessment ``subject``
    UPGRADE = "upgrade"  # move draft ``subject`` to a newer version of its checklist
    LIST_ASSESSMENTS = "list_assessments"  # see which assessments there are
    LIST_SCHOOLS = "list_schools"  # see which schools are registered
    LIST_TEMPLATES = "list_templates"  # see which checklists are installed
    WHOLE_BACKUP = "whole_backup"  # make a backup holding the evidence files too
    NA_REASON = "na_reason"  # give the reason of a 不适用 answer of assessment ``subject``


@dataclass(frozen=True, slots=True)
class Hint:
    """A structured remedy: what to do, and to which record (an assessment id)."""

    remedy: Remedy
    subject: int | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    """One located problem: which file, where in it, what is wrong, and what to do about it."""

    message: str
    file: str = ""
    sheet: str = ""
    row: int | None = None
    field: str = ""
    hint: Hint | None = None  # shown after the message, in the front end's own words

    def location(self) -> str:
        """``FILE:sheet:row`` (or ``FILE:$.json.path``) without the message."""
        parts = [p for p in (self.file, self.sheet) if p]
        if self.row is not None:
            parts.append(str(self.row))
        return ":".join(parts)

    def __str__(self) -> str:
        where = self.location()
        what = f"{self.field}: {self.message}" if self.field else self.message
        return f"{where}: {what}" if where else what


class WjselfError(Exception):
    """Base of the errors wjself raises on purpose."""


class InputError(WjselfError):
    """Bad input: a message for the person, with every problem found, and nothing changed."""

    def __init__(self, problems: Iterable[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class EnvironmentFault(WjselfError):
    """The environment failed (disk full, read-only, locked, damaged database)."""
