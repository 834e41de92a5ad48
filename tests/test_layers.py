"""The arrows of DESIGN.md's architecture, checked on the source and on a running CLI."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPLE, _env

PACKAGE = REPO / "wjself"
FORBIDDEN_IN_CORE = ("PySide6", "shiboken6", "sqlalchemy", "alembic", "reportlab", "openpyxl")
OURS_NOT_IN_CORE = (
    "wjself.store",
    "wjself.formats",
    "wjself.report",
    "wjself.ui",
    "wjself.cli",
    "wjself.app",
)


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level > 0:
            raise AssertionError(f"{path}: use absolute imports (wjself.…), not relative ones")
    return names


def modules(under: str) -> list[Path]:
    return sorted((PACKAGE / under).rglob("*.py")) if (PACKAGE / under).is_dir() else []


def _hits(names: set[str], prefixes: tuple[str, ...]) -> list[str]:
    return sorted(n for n in names if any(n == p or n.startswith(p + ".") for p in prefixes))


@pytest.mark.parametrize("path", modules("core"), ids=lambda p: p.name)
def test_core_imports_no_framework_and_nothing_of_ours_above_it(path: Path) -> None:
    names = imports_of(path)
    assert not _hits(names, FORBIDDEN_IN_CORE), path
    assert not _hits(names, OURS_NOT_IN_CORE), path


@pytest.mark.parametrize(
    "path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_only_app_and_ui_import_ui(path: Path) -> None:
    rel = path.relative_to(PACKAGE)
    if rel.parts[0] == "ui" or rel == Path("app.py"):
        return
    assert not _hits(imports_of(path), ("wjself.ui",)), f"{rel} imports wjself.ui"


@pytest.mark.parametrize("path", modules("ui"), ids=lambda p: p.name)
def test_ui_does_not_import_the_composition_root(path: Path) -> None:
    """``wjself.app`` starts the window; the window takes ``Context``/``Startup`` from
    ``wjself.context`` (nothing depends on the layer that composes it)."""
    assert not _hits(imports_of(path), ("wjself.app", "wjself.cli")), path


@pytest.mark.parametrize("path", modules("formats") + modules("report"), ids=lambda p: p.name)
def test_formats_and_report_do_not_import_store(path: Path) -> None:
    """File formats and the PDF report work on core's objects; the front end reads the store."""
    assert not _hits(imports_of(path), ("wjself.store",)), path


@pytest.mark.parametrize("layer", ["formats", "store", "report"])
def test_lower_layers_do_not_import_qt_or_cli(layer: str) -> None:
    for path in modules(layer):
        names = imports_of(path)
        assert not _hits(names, ("PySide6", "shiboken6", "wjself.cli", "wjself.app")), path


@pytest.mark.parametrize("path", modules("district"), ids=lambda p: p.name)
def test_district_imports_no_qt_and_nothing_above_it(path: Path) -> None:
    """The district service sits above store/formats/report and below ui/cli: the window and
    the command line use it; it uses neither, nor the composition root."""
    names = imports_of(path)
    assert not _hits(names, ("PySide6", "shiboken6", "wjself.ui", "wjself.cli", "wjself.app")), path


@pytest.mark.parametrize(
    "path",
    modules("core") + modules("store") + modules("formats") + modules("report"),
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_lower_layers_do_not_import_district(path: Path) -> None:
    assert not _hits(imports_of(path), ("wjself.district",)), path


def test_district_layer_is_checked() -> None:
    assert modules("district"), "wjself/district is where the bureau's service lives"


def test_checker_sees_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QObject\nimport wjself.ui.main_window\n")
    names = imports_of(bad)
    assert _hits(names, FORBIDDEN_IN_CORE) and _hits(names, ("wjself.ui",))
    seen = imports_of(_write(tmp_path / "ui.py", "if 1:\n    from wjself.app import Context\n"))
    assert _hits(seen, ("wjself.app",))
    seen = imports_of(_write(tmp_path / "fmt.py", "from wjself.store.workspace import Workspace\n"))
    assert _hits(seen, ("wjself.store",))


def _write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def test_command_line_never_loads_qt() -> None:
    code = (
        "import sys\n"
        "from wjself.cli.main import main\n"
        f"rc = main(['template', 'validate', {str(SAMPLE)!r}])\n"
        "main_mods = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6') or m.startswith('wjself.ui')]\n"
        "print('QT:' + ','.join(main_mods))\n"
        "sys.exit(rc)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=_env(), check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert "QT:\n" in proc.stdout, proc.stdout
