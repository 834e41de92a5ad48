"""pyxform's verdict on an XLSForm workbook, as bureau staff's tools would read it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any


def pyxform_verdict(xlsx: Path, xml: Path) -> dict[str, Any]:
    """Run ``xls2xform --json --skip_validate xlsx xml`` and return its JSON verdict.

    xls2xform exits 0 even when it rejects a form: its verdict (``"code": 100`` means accepted)
    is the JSON line it prints, on stdout or stderr depending on the version.
    """
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from pyxform.xls2xform import main_cli; sys.exit(main_cli())",
            "--json",
            "--skip_validate",
            str(xlsx),
            str(xml),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    lines = [ln for ln in (proc.stdout + proc.stderr).splitlines() if ln.startswith("{")]
    assert lines, proc.stdout + proc.stderr
    verdict: dict[str, Any] = json.loads(lines[-1])
    return verdict
