"""Where an evidence file's bytes are: the one place a stored digest becomes a path.

Evidence is addressed only by its SHA-256 as 64 lowercase hex digits, kept at
``evidence/<sha[:2]>/<sha>``.  A digest read back from a database (which may come from a
restored or edited backup) that is anything else — ``../victim.txt``, ``/dev/zero`` — resolves
to nothing, so no file outside ``evidence/`` is read, written or deleted because of it.  The
two-letter folder must be a real folder inside ``evidence/``, not a link elsewhere.  The name a
person gave the file is display text, never part of a path.

Reading the bytes goes through ``wjself.regular_files`` (ordinary files only, bounded size).
No SQLAlchemy here, so anything that knows the data folder can use it.
"""

from __future__ import annotations

import os
from pathlib import Path

from wjself.core.fingerprint import is_digest
from wjself.paths import DataPaths
from wjself.regular_files import read_regular

MAX_BYTES = 50 * 1024 * 1024  # the largest evidence file accepted (see store.evidence)


def blob_path(paths: DataPaths, sha256: str) -> Path | None:
    """Where the evidence file with digest ``sha256`` is kept, or None for anything that is
    not a digest or whose folder is a link out of ``evidence/``."""
    if not is_digest(sha256):
        return None
    folder = paths.evidence / sha256[:2]
    if os.path.islink(folder):
        return None
    return folder / sha256


def blob_text(paths: DataPaths, sha256: str) -> str:
    """``blob_path`` as the text ``Evidence.path`` holds (``""`` when there is none)."""
    path = blob_path(paths, sha256)
    return "" if path is None else str(path)


def read_blob(paths: DataPaths, sha256: str, size: int) -> bytes:
    """The stored bytes of one evidence file (OSError if missing, not an ordinary file, or
    larger than the ``size`` recorded for it)."""
    path = blob_path(paths, sha256)
    if path is None:
        raise FileNotFoundError(2, "佐证文件记录的 SHA-256 无效", sha256)
    return read_regular(path, max(0, min(size, MAX_BYTES)))


__all__ = ["MAX_BYTES", "blob_path", "blob_text", "is_digest", "read_blob"]
