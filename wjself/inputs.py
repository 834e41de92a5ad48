"""Reading a file a person points at — an answer file, a template, an evidence file.

Only a regular file is read, and never more than a limit: a FIFO, a device such as
``/dev/zero`` (named directly or through a link), a folder or a socket is refused before a
byte is read, and a file over the limit (or one that grows past it while being read) is
refused without reading more than the limit.  The file is opened without blocking and checked
on the open handle, so nothing can be swapped in between the check and the read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from wjself.core.errors import InputError, Problem

_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
_FLAGS |= getattr(os, "O_NOCTTY", 0)


def size_text(n: int) -> str:
    """A size as people read it: 3.2 MiB, 540 KiB, 12 字节."""
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MiB"
    if n >= 1024:
        return f"{n / 1024:.0f} KiB"
    return f"{n} 字节"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "这是文件夹，不是文件"
    if stat.S_ISFIFO(mode):
        return "这是命名管道（FIFO），不是普通文件，不读取"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "这是设备文件（如 /dev/zero），不是普通文件，不读取"
    if stat.S_ISSOCK(mode):
        return "这是套接字，不是普通文件，不读取"
    return "这不是普通文件，不读取"


def open_input_file(path: Path, limit: int, what: str, advice: str = "") -> BinaryIO:
    """``path`` opened for reading once it is known to be a regular file of at most ``limit``
    bytes, or InputError naming it (see ``read_input_file``)."""
    name = str(path)
    try:
        fd = os.open(path, _FLAGS)
    except FileNotFoundError:
        raise InputError([Problem("文件不存在", name)]) from None
    except IsADirectoryError:
        raise InputError([Problem("这是文件夹，不是文件", name)]) from None
    except PermissionError:
        raise InputError([Problem("没有读取权限", name)]) from None
    except OSError as exc:
        raise InputError([_unreadable(exc, name)]) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError([Problem(_kind(info.st_mode), name)])
        if info.st_size > limit:
            raise InputError([_too_big(info.st_size, limit, what, advice, name)])
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_input_file(path: Path, limit: int, what: str, advice: str = "") -> bytes:
    """The bytes of the regular file ``path`` (at most ``limit``), or InputError naming it.

    ``what`` names the kind of file in the size message (``答案文件``); ``advice`` follows it.
    """
    name = str(path)
    with open_input_file(path, limit, what, advice) as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise InputError([_unreadable(exc, name)]) from None
    if len(data) > limit:  # it grew after it was opened
        raise InputError([_too_big(len(data), limit, what, advice, name)])
    return data


def _too_big(size: int, limit: int, what: str, advice: str, name: str) -> Problem:
    return Problem(
        f"文件过大（{size_text(size)}），{what}上限 {limit // 1024 // 1024} MiB{advice}", name
    )


def _unreadable(exc: OSError, name: str) -> Problem:
    return Problem(f"无法读取：{os.strerror(exc.errno or 0) or exc}", name)
