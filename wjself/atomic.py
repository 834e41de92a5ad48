"""Atomic file writes: temp file in the target folder, fsync, rename, fsync the folder.

A reader never sees a half-written file under its final name, whatever happens mid-write.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO


@contextlib.contextmanager
def atomic_writer(target: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """Yield a binary file; on normal exit it replaces ``target`` whole, else nothing changes."""
    path = Path(target)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


def write_bytes(target: str | os.PathLike[str], data: bytes) -> None:
    with atomic_writer(target) as handle:
        handle.write(data)


def write_with(target: str | os.PathLike[str], produce: Callable[[BinaryIO], None]) -> None:
    """Let ``produce`` write into a temp file that then replaces ``target`` atomically."""
    with atomic_writer(target) as handle:
        produce(handle)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (no-op where directories cannot be opened)."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
