"""The composition root: paths, logging, (lock, backup, migrations, database,) translations, window.

The command line and the window both start here.  ``bootstrap`` does the Qt-free part; only
``run_gui`` imports the ``ui`` package, so the command line never loads Qt.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from wjself import __version__
from wjself.logs import setup_logging
from wjself.paths import DataPaths, resolve_data_dir

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Context:
    """Everything a front end needs, made once per process."""

    paths: DataPaths
    log_file: Path


def bootstrap(data_dir: str | None = None) -> Context:
    """Resolve and prepare the data folder and start logging."""
    paths = DataPaths(resolve_data_dir(data_dir))
    paths.ensure()
    log_file = setup_logging(paths.log_file)
    log.info("wjself %s starting with data folder %s", __version__, paths.root)
    return Context(paths=paths, log_file=log_file)


def run_gui(data_dir: str | None = None, exit_after_startup: bool = False) -> int:
    """Start the window; returns the process exit code."""
    context = bootstrap(data_dir)
    from wjself.ui.application import run

    return run(context, exit_after_startup=exit_after_startup)
