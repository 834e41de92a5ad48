"""Atomic file writes: temp file in the target folder, fsync, rename, fsync the folder.

A reader never sees a half-written file under its final name, whatever happens mid-write.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

# A temp file untouched this long belongs to a process that was killed or lost power: removed
# by the next write to the same target (an export or backup in progress keeps touching its own).
STALE_PART_S = 3600


def _current_umask() -> int:
    # os.umask can only be read by setting it; done once, at import, before any threads write.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


@contextlib.contextmanager
def atomic_writer(target: str | os.PathLike[str], mode: int | None = None) -> Iterator[BinaryIO]:
    """Yield a binary file; on normal exit it replaces ``target`` whole, else nothing changes.

    ``mode`` (e.g. 0o600 for a private key) is kept from the first byte written; by default
    the file gets what an ordinary new file would (or keeps the mode of the one it replaces).
    """
    path = Path(target)
    remove_stale_parts(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            # mkstemp makes the file private (0600); a report or template written for others
            # gets the permissions an ordinary new file would (or keeps those it replaces).
            if hasattr(os, "fchmod") and mode is None:  # POSIX; Windows: the folder's ACL
                with contextlib.suppress(OSError):
                    wanted = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_UMASK
                    os.fchmod(handle.fileno(), wanted)
            elif hasattr(os, "fchmod") and mode is not None:
                os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


def write_bytes(target: str | os.PathLike[str], data: bytes, mode: int | None = None) -> None:
    with atomic_writer(target, mode) as handle:
        handle.write(data)


def write_with(target: str | os.PathLike[str], produce: Callable[[BinaryIO], None]) -> None:
    """Let ``produce`` write into a temp file that then replaces ``target`` atomically."""
    with atomic_writer(target) as handle:
        produce(handle)


def remove_stale_parts(target: Path, max_age_s: float = STALE_PART_S) -> int:
    """Delete temp files left beside ``target`` by a write that never finished; returns how many.

    They are named ``.NAME.*.part`` (and SQLite's ``-journal``, ``-wal`` and ``-shm`` files of
    such a file, when it is a database copy); only those not
    modified for ``max_age_s`` are removed, so a write in progress elsewhere keeps its file.
    """
    removed = 0
    cutoff = time.time() - max_age_s
    try:
        leftovers = [
            *target.parent.glob(f".{_glob_escape(target.name)}.*.part"),
            *target.parent.glob(f".{_glob_escape(target.name)}.*.part-*"),
        ]
    except OSError:
        return 0
    for part in leftovers:
        with contextlib.suppress(OSError):
            if part.stat().st_mtime < cutoff:
                part.unlink()
                removed += 1
    return removed


def _glob_escape(name: str) -> str:
    return "".join(f"[{ch}]" if ch in "*?[]" else ch for ch in name)


def os_error_message(exc: OSError, where: str | os.PathLike[str]) -> str | None:
    """The plain message for an OS error the machine caused (disk full, read-only, no
    permission), or None when the error is something else."""
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG):
        return f"磁盘已满（或超出磁盘配额），无法写入 {where}。请清理磁盘空间后重试；已保存的内容不受影响。"
    if code == errno.EROFS:
        return f"{where} 所在的磁盘是只读的（如写保护的 U 盘或光盘），无法写入。请换一个可写的位置，或解除写保护后重试。"
    if code in (errno.EACCES, errno.EPERM):
        return f"没有写入 {where} 的权限。请检查文件夹权限，或关闭正在使用该文件的程序后重试。"
    return None


def probe_writable(folder: Path, size: int = 1024 * 1024) -> OSError | None:
    """Try to write and sync ``size`` bytes in ``folder``; the OSError if that fails, else None.

    Tells a full disk or a read-only folder apart from a damaged file when SQLite only says
    "disk I/O error" or "unable to open database file".
    """
    probe = folder / f".wjself-probe-{os.getpid()}.part"
    try:
        with open(probe, "wb") as handle:
            handle.write(b"\0" * size)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        return exc
    finally:
        with contextlib.suppress(OSError):
            probe.unlink()
    return None


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
        plain = os_error_message(exc, name)
        if plain is not None:
            raise EnvironmentFault(f"{what}未写入。{plain}") from exc
        raise EnvironmentFault(
            f"无法写入{what} {name}：{exc.strerror or exc}。请检查磁盘空间和写入权限后重试。"
        ) from exc
