"""Starting the window takes a short path: no command group (or its imports) is loaded."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REPO
from wjself.cli.main import window_call


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (None, False, False)),
        (["--data-dir", "D"], ("D", False, False)),
        (["--data-dir=D", "--exit-after-startup"], ("D", True, False)),
        (["--exit-after-startup", "--data-dir", "D"], ("D", True, False)),
        (["--district", "B"], ("B", False, True)),
        (["--district=B", "--exit-after-startup"], ("B", True, True)),
        (["--district"], None),
        (["--district="], None),
        (["--district", "B", "district", "list"], None),
        (["--district", "B", "--data-dir", "D"], None),  # two folders: the parser refuses
        (["--data-dir"], None),  # the full parser says what is missing
        (["--data-dir", "--exit-after-startup"], None),
        (["--version"], None),
        (["-h"], None),
        (["demo"], None),
        (["--data-dir", "D", "assessment", "list"], None),
        (["--exit"], None),
    ],
)
def test_only_window_calls_take_the_short_path(
    argv: list[str], expected: tuple[str | None, bool, bool] | None
) -> None:
    assert window_call(argv) == expected


def test_the_window_path_imports_no_command_group_and_no_sqlalchemy() -> None:
    code = (
        "import sys; import wjself.cli.main as m; import wjself.app, wjself.ui.application;"
        "print(sorted(n for n in sys.modules if n.startswith(('wjself.cli.', 'sqlalchemy',"
        " 'alembic', 'reportlab', 'openpyxl', 'PIL'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                         text=True, check=True, env={"PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"})  # fmt: skip
    assert out.stdout.strip() == "['wjself.cli.common', 'wjself.cli.main']"
