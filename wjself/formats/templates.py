"""Reading, checking and writing template files, whichever format they are in.

The format is decided by the file's content (not only its name) so a misnamed file gets a
message that says what it really is.
"""

from __future__ import annotations

from pathlib import Path

from wjself.core.errors import InputError, Problem
from wjself.core.template import Limits, Template
from wjself.formats import json_template, xlsform, xlsform_write
from wjself.formats.sniff import DESCRIPTIONS, FileKind, sniff_bytes
from wjself.inputs import read_input_file

SUFFIXES = (".json", ".xlsx")


def _read_bytes(path: Path) -> tuple[bytes | None, list[Problem]]:
    try:
        return read_input_file(path, Limits.FILE_BYTES, "模板文件"), []
    except InputError as exc:
        return None, list(exc.problems)


def load_template(path: Path) -> tuple[Template | None, list[Problem]]:
    """Read a template file; returns the template (None if unreadable) and every problem."""
    data, problems = _read_bytes(path)
    if data is None:
        return None, problems
    return parse_template(data, str(path), path.suffix.lower())


def parse_template(data: bytes, name: str, suffix: str) -> tuple[Template | None, list[Problem]]:
    kind = sniff_bytes(data[:65536])
    if suffix == ".json" or (suffix not in SUFFIXES and kind is FileKind.JSON):
        if kind in (FileKind.JSON, FileKind.TEXT):
            return json_template.read_json_template(data, name)
        return None, [Problem(DESCRIPTIONS[kind], name)]
    if suffix == ".xlsx" or (suffix not in SUFFIXES and kind is FileKind.ZIP):
        if kind is FileKind.ZIP:
            return xlsform.read_xlsform(data, name)
        return None, [Problem(DESCRIPTIONS[kind], name)]
    return None, [
        Problem(f"不支持的文件类型“{suffix or '无扩展名'}”：模板应为 .json 或 .xlsx 文件", name)
    ]


def read_template(path: Path) -> Template:
    """Read a valid template or raise InputError listing every problem."""
    template, problems = load_template(path)
    if problems or template is None:
        raise InputError(problems or [Problem("无法读取模板", str(path))])
    return template


def write_template(t: Template, path: Path) -> None:
    """Write ``t`` as JSON or XLSX by the target's extension, atomically."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        json_template.write_json_template(t, path)
    elif suffix == ".xlsx":
        xlsform_write.write_xlsform(t, path)
    else:
        raise InputError([Problem("输出文件应以 .json 或 .xlsx 结尾", str(path))])
