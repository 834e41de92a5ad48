"""Long work (exports, imports, backups) off the GUI thread, with progress and a result.

The window stays responsive; the result or the error comes back on the GUI thread through
Qt signals.  Only plain data crosses threads; each task opens what it needs itself.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class TaskSignals(QObject):
    """Signals a task emits; connected slots run on the GUI thread."""

    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # the result
    failed = Signal(object, str)  # the exception, its traceback


class Task(QRunnable):
    """Runs ``work(report)`` in the thread pool; ``report(done, total)`` emits progress."""

    def __init__(self, work: Callable[[Callable[[int, int], None]], Any]) -> None:
        super().__init__()
        self.signals = TaskSignals()
        self._work = work
        self.setAutoDelete(False)  # the caller keeps a reference until a signal arrived

    def run(self) -> None:
        try:
            result = self._work(self.signals.progress.emit)
        except BaseException as exc:
            log.info("background task failed", exc_info=True)
            self.signals.failed.emit(exc, traceback.format_exc())
            return
        self.signals.finished.emit(result)


_running: set[Task] = set()


def start(
    work: Callable[[Callable[[int, int], None]], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException, str], None],
    on_progress: Callable[[int, int], None] | None = None,
) -> Task:
    """Start ``work`` in the background; exactly one of ``on_done``/``on_error`` is called."""
    task = Task(work)
    _running.add(task)

    def done(result: Any) -> None:
        _running.discard(task)
        on_done(result)

    def failed(exc: BaseException, details: str) -> None:
        _running.discard(task)
        on_error(exc, details)

    task.signals.finished.connect(done)
    task.signals.failed.connect(failed)
    if on_progress is not None:
        task.signals.progress.connect(on_progress)
    QThreadPool.globalInstance().start(task)
    return task


def wait_all(timeout_ms: int = 30_000) -> bool:
    """Wait for background tasks (used when closing the window and in tests)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
