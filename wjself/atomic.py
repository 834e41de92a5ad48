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


def write_output(
    target: str | os.PathLike[str], produce: Callable[[BinaryIO], None], what: str = "文件"
) -> None:
    """Write a report or export to ``target`` atomically, turning OS errors into our errors.

    A target folder that does not exist, or a target that is a folder, is the user's input
    (``InputError``); no permission, a full disk or a read-only medium is the environment's
    (``EnvironmentFault``).  Either way nothing is left at ``target`` or beside it.
    """
    from wjself.core.errors import EnvironmentFault, InputError, Problem

    path = Path(target)
    name = str(path)
    if path.is_dir():
        raise InputError([Problem(f"这是一个文件夹，请给出要写入的{what}文件名", name)])
    if not path.parent.is_dir():
        raise InputError([Problem(f"文件夹“{path.parent}”不存在，请先创建它或换一个位置", name)])
    try:
        write_with(path, produce)
    except PermissionError as exc:
        raise EnvironmentFault(
            f"无法写入{what} {name}：没有写入权限（{exc.strerror or exc}）。请换一个文件夹，或关闭正在使用该文件的程序后重试。"
        ) from exc
    except OSError as exc:
        if isinstance(exc, IsADirectoryError | NotADirectoryError | FileNotFoundError):
            raise InputError([Problem(f"无法写入：{exc.strerror or exc}", name)]) from exc
        raise EnvironmentFault(
            f"无法写入{what} {name}：{exc.strerror or exc}。请检查磁盘空间和写入权限后重试。"
        ) from exc
