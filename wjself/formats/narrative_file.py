"""A 自查报告 written outside wjself: a UTF-8 text/Markdown file or a JSON object.

Text: the parts headed "一、基本情况" … or "## 基本情况" (``core.narrative``); JSON:
``{"基本情况": "…", …}`` (or the bundle's ``{"narrative": {…}}``).  Parts not in the file are
empty: the file is the whole narrative.
"""

from __future__ import annotations

from pathlib import Path

from wjself.core.errors import InputError, Problem
from wjself.core.narrative import MAX_PART, PARTS, Narrative, checked, parse_narrative_text
from wjself.formats.answers import decode_text
from wjself.formats.json_template import parse_json_bytes
from wjself.formats.sniff import FileKind, sniff_bytes
from wjself.inputs import read_input_file

MAX_BYTES = 4 * len(PARTS) * MAX_PART + 64 * 1024  # four full parts in UTF-8, and headings


def read_narrative_file(path: Path) -> Narrative:
    """The narrative in ``path``, or InputError naming the file (and line) of every problem."""
    name = str(path)
    data = read_input_file(path, MAX_BYTES, "自查报告文件")
    kind = sniff_bytes(data[:65536])
    if kind is FileKind.EMPTY:
        raise InputError([Problem("文件是空的", name)])
    if kind is FileKind.UTF16:
        raise InputError([Problem("这是 UTF-16 编码的文本文件；请以 UTF-8 编码另存后再读入", name)])
    if kind in (FileKind.ZIP, FileKind.OLE, FileKind.ENCRYPTED, FileKind.BINARY):
        raise InputError(
            [
                Problem(
                    "不是文本文件（可能是 Word/Excel 文档或压缩包）：自查报告应为 UTF-8 编码的"
                    "文本/Markdown 文件或 JSON 文件；Word 文档请另存为“纯文本”",
                    name,
                )
            ]
        )
    if kind is FileKind.JSON or path.suffix.lower() == ".json":
        value, problems = parse_json_bytes(data, name)
        if problems:
            raise InputError(problems)
        if isinstance(value, dict) and set(value) == {"narrative"}:
            value = value["narrative"]
        return checked(value, name)
    return parse_narrative_text(decode_text(data, name), name)
