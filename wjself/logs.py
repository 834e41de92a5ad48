"""Logging to a rotating file in the data folder, so a crash report can point at it."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(process)d %(name)s: %(message)s"
_configured: Path | None = None


class QuietFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log file that is skipped silently when it cannot be written.

    On a full disk or a read-only data folder the program's own message says what is wrong;
    logging's default "--- Logging error ---" traceback on stderr would only bury it.
    """

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        del record


def setup_logging(log_file: Path, level: int = logging.INFO) -> Path:
    """Send wjself's log to ``log_file`` (1 MiB × 5 rotations); safe to call again."""
    global _configured  # noqa: PLW0603 - one process, one log file
    if _configured == log_file:
        return log_file
    log_file.parent.mkdir(parents=True, exist_ok=True)
    handler = QuietFileHandler(
        log_file, maxBytes=1024 * 1024, backupCount=5, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter(FORMAT))
    logger = logging.getLogger("wjself")
    for old in list(logger.handlers):
        logger.removeHandler(old)
        old.close()
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False
    _configured = log_file
    return log_file


def current_log_file() -> Path | None:
    return _configured
