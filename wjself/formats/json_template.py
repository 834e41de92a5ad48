"""Templates as JSON files: strict reading (encoding, duplicate keys, depth, size) and writing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from wjself.atomic import write_bytes
from wjself.core.codec import template_from_dict, template_to_dict
from wjself.core.errors import Problem
from wjself.core.template import Limits, Template
from wjself.core.values import has_surrogate

MAX_DEPTH = 32


class _DuplicateKeys:
    """object_pairs_hook that keeps the first value and remembers duplicated keys."""

    def __init__(self) -> None:
        self.duplicates: list[str] = []

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                self.duplicates.append(key)
            else:
                out[key] = value
        return out


def _reject_constant(name: str) -> None:
    raise ValueError(f"JSON 中不允许 {name}")


def _integer(text: str) -> int | float:
    """JSON integers; one too long for Python's int (4300 digits) reads as a float (infinite),
    which the field's own check then refuses by row and field, instead of Python's message."""
    return int(text) if len(text) < 4000 else float(text)


def _depth(text: str) -> int:
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


# Python's json messages, in the words of the people who fix the file.
_JSON_ERRORS = (
    ("Expecting property name enclosed in double quotes", "此处应为用英文双引号括起的字段名"),
    ("Expecting value", "此处应为一个值（文字要用英文双引号括起）"),
    ("Expecting ',' delimiter", "缺少英文逗号"),
    ("Expecting ':' delimiter", "缺少英文冒号"),
    ("Unterminated string", "文字缺少结尾的英文双引号"),
    ("Invalid control character", "文字中有控制字符（如未转义的换行）"),
    ("Invalid \\uXXXX escape", "无效的 \\u 转义"),
    ("Invalid \\escape", "无效的反斜杠转义"),
    ("Extra data", "JSON 已结束，后面还有多余的内容"),
)


def json_error_text(message: str) -> str:
    """Python's json error message in Chinese (the message itself when not known)."""
    for english, chinese in _JSON_ERRORS:
        if message.startswith(english):
            return chinese
    return message


def parse_json_bytes(data: bytes, file: str) -> tuple[Any, list[Problem]]:
    """Decode and parse JSON bytes; returns the value (None on failure) and the problems."""
    if len(data) > Limits.FILE_BYTES:
        return None, [
            Problem(
                f"文件过大（{len(data) // 1024 // 1024} MiB），上限 {Limits.FILE_BYTES // 1024 // 1024} MiB",
                file,
            )
        ]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [
            Problem(f"不是 UTF-8 编码（第 {exc.start} 字节）；请以 UTF-8 保存 JSON 文件", file)
        ]
    if _depth(text) > MAX_DEPTH:
        return None, [Problem(f"JSON 嵌套过深（超过 {MAX_DEPTH} 层），不是检查表模板", file)]
    hook = _DuplicateKeys()
    try:
        value = json.loads(
            text, object_pairs_hook=hook, parse_constant=_reject_constant, parse_int=_integer
        )
    except json.JSONDecodeError as exc:
        return None, [
            Problem(
                f"JSON 格式错误：第 {exc.lineno} 行第 {exc.colno} 列：{json_error_text(exc.msg)}",
                file,
            )
        ]
    except (ValueError, RecursionError) as exc:
        return None, [Problem(f"JSON 无法读取：{exc}", file)]
    bad = _lone_surrogate(value)
    if bad is not None:
        return None, [
            Problem(
                "含有孤立的代理码位（如 \\ud800），不是有效的文字，无法保存；"
                "文件可能已损坏或由有缺陷的程序生成，请修正后再导入",
                file,
                sheet=bad,
            )
        ]
    problems = [Problem(f"字段“{key}”在同一对象中出现了两次", file) for key in hook.duplicates]
    return value, problems


def _lone_surrogate(value: Any) -> str | None:
    """The JSON path of the first string (or key) holding a lone surrogate, or None.

    JSON's ``\\uD800`` escapes can spell half a UTF-16 pair, which Python keeps but no file or
    database can store as UTF-8.
    """
    stack: list[tuple[str, Any]] = [("$", value)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, str):
            if has_surrogate(node):
                return path
        elif isinstance(node, dict):
            for key, child in node.items():
                if has_surrogate(key):
                    return path
                stack.append((f"{path}.{key}", child))
        elif isinstance(node, list):
            stack.extend((f"{path}[{i}]", child) for i, child in enumerate(node))
    return None


_KINDS = {type(None): "空值（null）", bool: "true/false", int: "数字", float: "数字", str: "文字"}


def not_an_object(value: Any, file: str, what: str) -> Problem | None:
    """One problem for a JSON file whose whole content is not an object (``null``, a list, a
    number…), instead of a line per missing field; None for an object."""
    if isinstance(value, dict):
        return None
    kind = "数组（[…]）" if isinstance(value, list) else _KINDS.get(type(value), "其他值")
    return Problem(f"文件的全部内容是{kind}，不是{what}：应为对象（{{…}}）", file)


def read_json_template(data: bytes, file: str) -> tuple[Template | None, list[Problem]]:
    value, problems = parse_json_bytes(data, file)
    if problems and value is None:
        return None, problems
    wrong = not_an_object(value, file, "检查表模板")
    if wrong is not None:
        return None, [wrong]
    template, more = template_from_dict(value, file)
    return template, problems + more


def template_json_bytes(t: Template) -> bytes:
    """Readable, stable JSON (two-space indent, Chinese as is, trailing newline)."""
    return (json.dumps(template_to_dict(t), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_json_template(t: Template, path: Path) -> None:
    write_bytes(path, template_json_bytes(t))
