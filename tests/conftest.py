"""Shared fixtures: offscreen Qt, a private data folder per test, and ways to run the CLI."""

from __future__ import annotations

import os

# Must be set before anything imports Qt.  One 1920×1080 screen, so the window's first size
# (a share of the screen) is the same on every machine; layout tests resize it themselves.
os.environ["QT_QPA_PLATFORM"] = "offscreen:configfile=" + os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "offscreen_screen.json"
)
os.environ.setdefault("QT_FONT_DPI", "96")

import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest_plugins = ["tests.reliability.plugin"]

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "docs" / "examples" / "wj-sample.json"


@pytest.fixture(autouse=True)
def private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own data folder; nothing reaches the real user folders."""
    data = tmp_path / "data"
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("WJSELF_DATA_DIR", str(data))
    monkeypatch.setenv("HOME", str(home))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    yield data


@pytest.fixture
def data_dir(private_folders: Path) -> Path:
    return private_folders


@dataclass
class Result:
    code: int
    out: str
    err: str


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env["PYTHONIOENCODING"] = "utf-8"
    return env


@pytest.fixture
def run_cli() -> Callable[..., Result]:
    """Run ``python -m wjself ARGS`` in a fresh process, as a user or script would."""

    def run(
        *args: str | os.PathLike[str], timeout: float = 120, stdin: str | None = None
    ) -> Result:
        proc = subprocess.run(
            [sys.executable, "-m", "wjself", *map(str, args)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=_env(),
            timeout=timeout,
            input=stdin,
            check=False,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    return run


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run the command line in this process (fast); exit code, stdout and stderr."""
    from wjself.cli.main import main

    def run(*args: str | os.PathLike[str]) -> Result:
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse usage errors and --help/--version
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run
