"""Writing this installation's public key to a ``.pub`` file to hand to the other side
(the command line's ``keys export`` and the settings page's button)."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from wjself.atomic import write_output
from wjself.formats.key_files import public_key_document
from wjself.store.keys import KeyPair
from wjself.store.mode import DISTRICT, MODE_SETTING
from wjself.store.workspace import Workspace


def export_public_key(
    ws: Workspace, target: Path, role: str | None = None, name: str = "", code: str = ""
) -> KeyPair:
    """Write the ``.pub`` of ``ws``'s key at ``target`` (atomically).  A school installation
    names its school (the one school of the folder; with several, the file lists them all;
    with none yet, no code: the bureau then gives it with ``keys trust --code``)."""
    if role is None:  # what the folder is: a bureau's (district mode) or a school's
        role = "bureau" if ws.setting(MODE_SETTING) == DISTRICT else "school"
    key = ws.signing_key
    schools = ws.schools.list() if role == "school" else []
    listed = [{"name": s.name, "code": s.code} for s in schools]
    name = name.strip() or (listed[0]["name"] if len(listed) == 1 else "")
    code = code.strip() or (listed[0]["code"] if len(listed) == 1 else "")
    body = public_key_document(key.public_key, role, name, code, key.created, listed)

    def produce(handle: BinaryIO) -> None:
        handle.write(body)

    write_output(target, produce, "公钥文件")
    return key
