"""Recording (pinning) other people's keys from a file: a ``.pub`` or a key list (CSV/JSON).

Shared by the command line's ``keys trust`` and the bureau window's School keys page (学校密钥)
so both read files, word sources and pin keys the same way::

    requests, source = read_requests(path, role, code, note)   # InputError: file and row
    conflicts(ws, requests) -> list[Conflict]    # owners whose current key is another one
    ws.keys.pin_many(requests, source, replace=...)

``conflicts`` lets a window ask before replacing; ``pin_many`` still refuses a different key
without ``replace`` (another process may pin in between), so the check is never the only guard.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from wjself.core.errors import InputError, Problem
from wjself.core.signing import owner_words
from wjself.formats.key_files import KeyEntry, read_key_file
from wjself.store.keys import PinRequest, TrustedKey
from wjself.store.workspace import Workspace

# How a pin was recorded, in the words the command line prints and the window shows.
SOURCE_WORDS = {
    "first-bundle": "首个数据包",
    "first-template": "首个签名模板",
    "key-list": "密钥清单",
    "manual": "手动核对",
    "replaced": "已被替换",
}


@dataclass(frozen=True, slots=True)
class Conflict:
    """A key of a file whose owner already has another current key: what replacing would
    retire (``current``)."""

    request: PinRequest
    current: tuple[TrustedKey, ...]

    def owner(self) -> str:
        """``学校 3204…`` / ``区教育局``, as messages name an owner."""
        return owner_words(self.request.role, self.request.school_code)


@dataclass(frozen=True, slots=True)
class PinRow:
    """A pin as the bureau's School keys page lists it: the key and the school's name (from
    the roster or its bundles; "" when unknown)."""

    key: TrustedKey
    name: str


def pin_rows(ws: Workspace, names: Mapping[str, str]) -> list[PinRow]:
    """Every pin with its school's name from ``names`` (by code), the current ones first,
    each group by role (schools first) and code."""
    rows = [PinRow(k, names.get(k.school_code, "")) for k in ws.keys.all_pins()]
    return sorted(
        rows,
        key=lambda r: (not r.key.current, r.key.role != "school", r.key.school_code, -r.key.id),
    )


def read_requests(
    path: Path, role: str | None = None, code: str | None = None, note: str = ""
) -> tuple[list[PinRequest], str]:
    """The keys of ``path`` as pin requests, and their source: ``key-list`` for a list
    (entries with rows), ``manual`` for a single ``.pub``.  ``code`` names the school of a
    single-key file (and overrides the file's); the entry's name goes first in each note."""
    entries = read_key_file(path, role, code)
    if code is not None:
        if len(entries) != 1:
            raise InputError(
                [Problem("--code 只用于只含一把密钥的文件；密钥清单中每行已有学校代码", str(path))]
            )
        entries = [_with_code(entries[0], code)]
    source = "key-list" if any(e.row is not None for e in entries) else "manual"
    requests = [
        PinRequest(e.role, e.code, e.public_key, _note(note, e.name), str(path), e.row)
        for e in entries
    ]
    return requests, source


def needs_code(exc: InputError) -> bool:
    """Whether ``exc`` only says a single-key file names no school (ask for the code)."""
    return bool(exc.problems) and all(p.field == "code" and p.row is None for p in exc.problems)


def conflicts(ws: Workspace, requests: Sequence[PinRequest]) -> list[Conflict]:
    """The requests whose owner already has a current key other than the one requested."""
    found: list[Conflict] = []
    for request in requests:
        current = ws.keys.pinned_for(request.role, request.school_code)
        if current and all(k.public_key != request.public_key for k in current):
            found.append(Conflict(request, tuple(current)))
    return found


def _with_code(entry: KeyEntry, code: str) -> KeyEntry:
    code = code.strip()
    if entry.role == "school" and not code:
        raise InputError([Problem("--code 不能为空")])
    return dataclasses.replace(entry, code=code if entry.role == "school" else "")


def _note(note: str, name: str) -> str:
    return "；".join(part for part in (name.strip(), note.strip()) if part)
