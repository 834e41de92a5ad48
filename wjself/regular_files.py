"""Reading a file that something else named, without trusting what is at that name.

A path written in a database or a bundle may name a FIFO (reading blocks forever), a device
such as ``/dev/zero`` (reading never ends), or a symbolic link out of the data folder.
``open_regular`` opens only a regular file, without following a link at the last step and
without blocking on a FIFO; ``read_regular`` also refuses a file larger than the caller
expects, so a wrong size never turns into unbounded memory.  Failures are ``OSError`` so the
callers' existing "cannot read" handling applies.

``wjself.inputs`` is its counterpart for a file a person points at (InputError, links
followed); this module is for paths that stored data names, where a link is never followed.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

# Absent on Windows, where FIFOs and device names are not reachable through a data path.
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)


class NotRegularFile(OSError):
    """The name is a folder, link, FIFO, device or socket instead of an ordinary file."""


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """``path`` opened for binary reading, if it is an ordinary file (not a link to one)."""
    if not os.fspath(path):
        raise FileNotFoundError(errno.ENOENT, "没有记录文件位置", os.fspath(path))
    if os.path.islink(path):
        raise NotRegularFile(errno.ELOOP, "这是符号链接，不是普通文件", os.fspath(path))
    fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _BINARY)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(errno.EINVAL, "这不是普通文件", os.fspath(path))
        if _NONBLOCK and hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """The whole content of the ordinary file ``path``; OSError if it holds more than ``limit`` bytes."""
    with open_regular(path) as handle:
        if os.fstat(handle.fileno()).st_size > limit:
            raise OSError(errno.EFBIG, f"文件大于预期（上限 {limit} 字节）", os.fspath(path))
        data = handle.read(limit + 1)
    if len(data) > limit:  # grew while being read
        raise OSError(errno.EFBIG, f"文件大于预期（上限 {limit} 字节）", os.fspath(path))
    return data


def safe_file_name(name: str, fallback: str = "file") -> str:
    """``name`` as one harmless file name: display text only, never a path.

    Only the part after the last folder separator counts; control characters and characters
    Windows forbids become ``_``; leading dots and spaces go (no ``..``, no hidden files); at
    most 120 characters, keeping the extension.
    """
    last = name.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    cleaned = "".join(
        "_" if ch in ':*?"<>|' or ord(ch) < 32 or ord(ch) == 127 else ch for ch in last
    )
    cleaned = cleaned.strip().lstrip(". ").rstrip(". ")
    if len(cleaned) > 120:
        stem, suffix = os.path.splitext(cleaned)
        suffix = suffix if len(suffix) <= 16 else ""
        cleaned = stem[: 120 - len(suffix)] + suffix
    if not cleaned or Path(cleaned).name != cleaned:
        return fallback
    return cleaned
