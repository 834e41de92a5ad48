"""Nothing read from a file is executed or unpickled, and nothing talks to the network.

Reads the program's source (``wjself/``) with ``ast`` — not by grepping text, so comments and
strings do not count and aliases do — and refuses the modules and calls that could run or
unpickle data, start programs through a shell, or open network connections.  Each exception
is listed with its reason.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.reliability.plugin import tally

SOURCE = REPO / "wjself"

# Modules whose import alone is refused: (de)serialising code or objects, network access,
# processes, raw XML parsers (openpyxl parses through defusedxml; see formats/workbook.py).
FORBIDDEN_MODULES = {
    "pickle": "unpickling runs code",
    "cPickle": "unpickling runs code",
    "_pickle": "unpickling runs code",
    "marshal": "loads code objects",
    "shelve": "pickle underneath",
    "dill": "pickle underneath",
    "jsonpickle": "pickle underneath",
    "yaml": "yaml.load can build objects",
    "socket": "network",
    "ssl": "network",
    "urllib": "network",
    "http": "network",
    "requests": "network",
    "httpx": "network",
    "aiohttp": "network",
    "ftplib": "network",
    "smtplib": "network",
    "telnetlib": "network",
    "xmlrpc": "network",
    "webbrowser": "opens URLs",
    "PySide6.QtNetwork": "network",
    "PySide6.QtWebEngineCore": "network",
    "subprocess": "starts programs",
    "ctypes": "calls native code",
    "xml.etree": "use defusedxml for anything read from a file",
    "xml.dom": "use defusedxml for anything read from a file",
    "xml.sax": "use defusedxml for anything read from a file",
    "xml.parsers": "use defusedxml for anything read from a file",
    "lxml": "use defusedxml for anything read from a file",
}
# Exceptions: (file relative to wjself/, module) → why it is harmless there.
ALLOWED_IMPORTS = {
    ("store/lock.py", "socket"): "socket.gethostname() names the computer holding the lock",
    ("report/text.py", "xml.sax.saxutils"): "escape() for reportlab markup; parses nothing",
}
# Exceptions for calls: (file relative to wjself/, call) → why it is harmless there.
ALLOWED_CALLS = {
    ("ui/prompts.py", "QDesktopServices.openUrl"): (
        "shows a folder or an exported file the user asked to open; always QUrl.fromLocalFile"
    ),
}
FORBIDDEN_CALLS = {
    "eval": "runs code",
    "exec": "runs code",
    "compile": "builds code",
    "__import__": "imports by name from data",
    "os.system": "runs a shell",
    "os.popen": "runs a shell",
    "os.startfile": "opens files with other programs",
    "os.execv": "replaces the process",
    "os.execl": "replaces the process",
    "os.spawnv": "starts programs",
    "os.spawnl": "starts programs",
    "QDesktopServices.openUrl": "opens URLs and files in other programs",
    "QProcess": "starts programs",
}


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else node.attr
    return ""


def findings(path: Path) -> list[str]:
    rel = path.relative_to(SOURCE).as_posix()
    tree = ast.parse(path.read_text("utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        modules: list[str] = []
        if isinstance(node, ast.Import):
            modules = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        for module in modules:
            for bad, why in FORBIDDEN_MODULES.items():
                if module == bad or module.startswith(bad + "."):
                    if (rel, module) in ALLOWED_IMPORTS or (rel, bad) in ALLOWED_IMPORTS:
                        continue
                    if any(
                        module.startswith(allowed) and r == rel for (r, allowed) in ALLOWED_IMPORTS
                    ):
                        continue
                    found.append(f"{rel}:{node.lineno}: imports {module} ({why})")
        if isinstance(node, ast.Call):
            name = _dotted(node.func)
            for bad, why in FORBIDDEN_CALLS.items():
                # Qt's dialog.exec() is a method, not the builtin: only bare names count.
                bare = "." not in bad
                if (rel, bad) in ALLOWED_CALLS:
                    continue
                if (bare and isinstance(node.func, ast.Name) and name == bad) or (
                    not bare and (name == bad or name.endswith("." + bad))
                ):
                    found.append(f"{rel}:{node.lineno}: calls {name} ({why})")
            if name.endswith(("subprocess.run", "subprocess.Popen", "subprocess.call")):
                for kw in node.keywords:
                    if kw.arg == "shell":
                        found.append(f"{rel}:{node.lineno}: subprocess with shell=")
    return found


@pytest.mark.reliability(
    fault="Code execution or network use",
    method="AST scan of every module in wjself/ for pickle/marshal/eval/exec/shell/socket/urllib/… with an allow-list",
)
def test_no_module_executes_data_or_uses_the_network() -> None:
    files = sorted(SOURCE.rglob("*.py"))
    assert len(files) > 50
    problems = [f for path in files for f in findings(path)]
    assert problems == []
    tally(len(files))


def test_the_scan_catches_what_it_should(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The scanner itself: every pattern it must refuse is refused."""
    fake = tmp_path / "wjself"
    fake.mkdir()
    bad = fake / "bad.py"
    bad.write_text(
        "import pickle\nfrom urllib.request import urlopen\nimport socket as s\n"
        "from xml.etree import ElementTree\nimport subprocess\n"
        "eval('1')\nexec('x=1')\nos.system('ls')\nsubprocess.run('ls', shell=True)\n"
        "box.exec()\n",
        "utf-8",
    )
    monkeypatch.setattr(sys.modules[__name__], "SOURCE", fake)
    found = findings(bad)
    for needle in (
        "pickle",
        "urllib",
        "socket",
        "xml.etree",
        "subprocess",
        "eval",
        "exec",
        "os.system",
        "shell=",
    ):
        assert any(needle in f for f in found), needle
    assert not any("box.exec" in f for f in found)
