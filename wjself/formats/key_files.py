"""Public-key files people hand each other: one installation's ``.pub`` and key lists.

``keys export`` writes a ``.pub`` (JSON)::

    {"format": "wjself-public-key", "scheme": "ed25519", "key_id": "AB12-CD34-EF56-7890",
     "public_key": base64(32 bytes), "role": "school" | "bureau", "name": "…", "code": "…",
     "created": "2024-05-01T10:00:00+08:00", "schools": [{"name": …, "code": …}, …]}

A key list is what the bureau collects: a JSON list (or ``{"keys": [...]}``) of such objects,
or a CSV with a header naming the columns ``code``/``学校代码``, ``public_key``/``公钥`` and,
optionally, ``key_id``/``密钥编号`` (checked against the key, which catches a mistyped key),
``name``/``学校名称`` and ``role``/``角色``.  Reading is all or nothing: every problem is
reported with its row, and no key is taken from a list with a problem in it.
"""

from __future__ import annotations

import base64
import binascii
import csv
import datetime as dt
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wjself.core.errors import InputError, Problem
from wjself.core.signing import PUBLIC_KEY_BYTES, ROLES, key_id
from wjself.inputs import read_input_file

PUBLIC_FORMAT = "wjself-public-key"
MAX_KEY_FILE = 4 * 1024 * 1024  # a list of thousands of schools is a few hundred KB
MAX_ROWS = 50_000
MAX_TEXT = 200
_COLUMNS = {
    "code": ("code", "学校代码", "学校标识码", "school_code"),
    "public_key": ("public_key", "公钥"),
    "key_id": ("key_id", "密钥编号"),
    "name": ("name", "学校名称", "名称"),
    "role": ("role", "角色"),
}


@dataclass(frozen=True, slots=True)
class KeyEntry:
    """One key read from a file: whose (role, code, name) and which (raw bytes, id)."""

    role: str
    code: str
    name: str
    public_key: bytes
    key_id: str
    row: int | None = None  # where in a list it was (1-based data row), for messages


def public_key_document(
    raw: bytes,
    role: str,
    name: str,
    code: str,
    created: dt.datetime | None,
    schools: Sequence[Mapping[str, str]] = (),
) -> bytes:
    """The ``.pub`` file's bytes for this installation's key."""
    body: dict[str, Any] = {
        "format": PUBLIC_FORMAT,
        "scheme": "ed25519",
        "key_id": key_id(raw),
        "public_key": base64.b64encode(raw).decode("ascii"),
        "role": role,
        "name": name,
        "code": code,
        "created": created.isoformat() if created else "",
    }
    if schools:
        body["schools"] = [{"name": s["name"], "code": s["code"]} for s in schools]
    return (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def read_key_file(path: Path, role: str | None = None, code: str | None = None) -> list[KeyEntry]:
    """The keys in ``path`` (a ``.pub``, a JSON key list or a CSV key list); ``role`` is used
    where the file does not say, and ``code`` for a single-key file (a ``.pub``) that names no
    school.  InputError lists every problem, located."""
    data = read_input_file(path, MAX_KEY_FILE, "密钥文件")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError([Problem(f"不是 UTF-8 文本（第 {exc.start} 字节）", str(path))]) from None
    if text.lstrip()[:1] in {"{", "["}:
        rows, numbered = _json_rows(text, str(path))
    else:
        rows, numbered = _csv_rows(text, str(path)), True
    if not rows:
        raise InputError([Problem("文件中没有密钥", str(path))])
    if len(rows) > MAX_ROWS:
        raise InputError([Problem(f"密钥超过 {MAX_ROWS} 个，不是密钥清单", str(path))])
    entries: list[KeyEntry] = []
    problems: list[Problem] = []
    for number, row in enumerate(rows, 1):
        where = number if numbered else None
        entry = _entry(row, role, str(path), where, problems, None if numbered else code)
        if entry is not None:
            entries.extend(entry)
    if problems:
        raise InputError(problems)
    return entries


def _json_rows(text: str, where: str) -> tuple[list[Any], bool]:
    """The rows of a JSON key file, and whether it is a list (rows numbered in messages)."""
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError):
        raise InputError([Problem("不是有效的 JSON 密钥文件", where)]) from None
    if isinstance(doc, dict) and isinstance(doc.get("keys"), list):
        doc = doc["keys"]
    if isinstance(doc, dict):
        return [doc], False
    if isinstance(doc, list):
        return doc, True
    raise InputError([Problem("JSON 密钥文件应是一个对象或一个列表", where)])


def _csv_rows(text: str, where: str) -> list[Any]:
    try:
        reader = csv.reader(io.StringIO(text))
        table = [row for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as exc:
        raise InputError([Problem(f"不是有效的 CSV：{exc}", where)]) from None
    if not table:
        return []
    header = [cell.strip().lower() for cell in table[0]]
    columns: dict[str, int] = {}
    for field, names in _COLUMNS.items():
        for index, cell in enumerate(header):
            if cell in names:
                columns[field] = index
                break
    if "public_key" not in columns:
        raise InputError(
            [Problem("CSV 第一行应是表头，至少包括“学校代码”和“公钥”两列", where, row=1)]
        )
    return [
        {field: row[index] if index < len(row) else "" for field, index in columns.items()}
        for row in table[1:]
    ]


def _text(value: object) -> str:
    return value.strip()[:MAX_TEXT] if isinstance(value, str) else ""


def _entry(
    row: object,
    role: str | None,
    where: str,
    number: int | None,
    problems: list[Problem],
    given_code: str | None = None,
) -> list[KeyEntry] | None:
    def problem(message: str, field: str = "") -> None:
        problems.append(Problem(message, where, row=number, field=field))

    if not isinstance(row, dict):
        problem("应是一个对象（学校代码、公钥）")
        return None
    raw = _raw_key(row.get("public_key"))
    if raw is None:
        problem(f"公钥应是 {PUBLIC_KEY_BYTES} 字节的 base64 文本", "public_key")
        return None
    kid = key_id(raw)
    stated = _text(row.get("key_id"))
    if stated and stated.upper() != kid:
        problem(f"密钥编号 {stated} 与公钥不符（公钥的编号是 {kid}）；请核对是否抄错", "key_id")
        return None
    who = _text(row.get("role")) or role or "school"
    if who not in ROLES:
        problem(f"角色应为 school 或 bureau，不是 {who!r}", "role")
        return None
    code, name = _text(row.get("code")) or _text(given_code), _text(row.get("name"))
    schools = row.get("schools")
    if who == "school" and not code and isinstance(schools, list):
        listed = [
            KeyEntry(who, _text(s.get("code")), _text(s.get("name")), raw, kid, number)
            for s in schools
            if isinstance(s, dict) and _text(s.get("code"))
        ]
        if listed:
            return listed
    if who == "school" and not code:
        problem("缺少学校代码", "code")
        return None
    return [KeyEntry(who, code if who == "school" else "", name, raw, kid, number)]


def _raw_key(value: object) -> bytes | None:
    if not isinstance(value, str) or len(value) > 4 * PUBLIC_KEY_BYTES:
        return None
    try:
        raw = base64.b64decode(value.strip().encode("ascii"), validate=True)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        return None
    return raw if len(raw) == PUBLIC_KEY_BYTES else None
