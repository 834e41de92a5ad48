"""Telling people why something they asked for was not done.

``InputError`` (bad input) lists its problems, ``EnvironmentFault`` (disk, lock, damaged file)
gives its message — both as a warning, after which the window carries on with nothing changed.
Anything else is a bug: logged with its traceback and shown like the crash dialog, naming the
log file.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtCore import QCoreApplication

from wjself.core.errors import EnvironmentFault, InputError
from wjself.ui import crash, hints

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWidgets import QWidget

    from wjself.ui.main_window import MainWindow


def problem_lines(exc: InputError) -> str:
    """The problems of ``exc`` one per line, without the location when there is none."""
    return hints.problem_lines(exc.problems)


def show_failure(window: MainWindow, title: str, exc: BaseException, details: str = "") -> None:
    """Warn about a refused input or a machine fault; treat anything else as a bug."""
    if isinstance(exc, InputError):
        window.prompts.warn(window, title, problem_lines(exc))
    elif isinstance(exc, EnvironmentFault):
        window.prompts.warn(window, title, str(exc))
    else:
        details = details or "".join(traceback.format_exception(exc))
        crash.log_bug(details)
        bug_title, text = crash.bug_message(window.log_file)
        window.prompts.error(window, bug_title, text, details)


@dataclass
class Outcome:
    """Whether the guarded block went through (see ``reported``)."""

    ok: bool = True


@contextmanager
def reported(window: MainWindow, title: str) -> Iterator[Outcome]:
    """Run a service call; an InputError or EnvironmentFault is shown and ``ok`` becomes False.

    Bugs are not caught here: they go to the crash dialog like any other.
    """
    outcome = Outcome()
    try:
        yield outcome
    except (InputError, EnvironmentFault) as exc:
        outcome.ok = False
        show_failure(window, title, exc)


T = TypeVar("T")


@dataclass
class Attempt(Generic[T]):
    """What a ``guarded`` call gave: ``ok`` and its value, or not ok (the problem was shown)."""

    ok: bool
    value: T | None = None


def guarded(
    window: MainWindow,
    parent: QWidget,
    call: Callable[[], T],
    *,
    problems: Callable[[str], object] | None = None,
    fault: Callable[[], object] | None = None,
    title: str = "",
) -> Attempt[T]:
    """Try a service call; show the problem and report ``ok=False`` instead of raising.

    An InputError's messages go to ``problems`` (usually the red line under the field), or
    else are a warning titled ``title`` as ``reported`` gives; an EnvironmentFault (disk, lock)
    is an error dialog titled ``title`` (default "Could not save") over ``parent``, after
    ``fault`` (e.g. keep the text to retry) runs.  Bugs are not caught: they go to the crash
    dialog like any other.  ``reported`` is the same for a block of code rather than a call.
    """
    heading = title or QCoreApplication.translate("Feedback", "Could not save")
    try:
        return Attempt(ok=True, value=call())
    except InputError as exc:
        if problems is not None:
            problems("\n".join(p.message for p in exc.problems))
        else:
            show_failure(window, heading, exc)
    except EnvironmentFault as exc:
        if fault is not None:
            fault()
        window.prompts.error(parent, heading, str(exc))
    return Attempt(ok=False)


def open_with_system(window: MainWindow, parent: QWidget, path: Path) -> bool:
    """Open ``path`` with the program the system uses for it; when there is none (no PDF
    viewer on a fresh machine), say so and where the file is, instead of doing nothing."""
    if window.prompts.open_path(path):
        return True
    kind = path.suffix.lstrip(".").upper() if path.is_file() and path.suffix else ""
    text = (
        QCoreApplication.translate(
            "Feedback", "No program on this computer opens %1 files. The file is here:\n%2"
        )
        .replace("%1", kind)
        .replace("%2", str(path))
        if kind
        else QCoreApplication.translate(
            "Feedback", "The system could not open it. It is here:\n%1"
        ).replace("%1", str(path))
    )
    window.prompts.warn(parent, QCoreApplication.translate("Feedback", "Cannot open"), text)
    return False
