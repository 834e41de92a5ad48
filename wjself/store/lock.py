"""One window per data folder: an OS file lock held for the window's lifetime.

The lock is ``wjself.lock`` (``filelock``: released by the OS when the process ends, however
it ends, so it never goes stale); beside it ``wjself.lock.json`` says who holds it (user,
computer, process, since when), so a second window can tell the person where the first one is.
The command line does not take this lock for ordinary commands (SQLite transactions keep them
safe beside an open window); ``restore`` takes it, so it cannot replace data under a window.

Deleting ``wjself.lock`` while a window holds it must not let a second window or a restore in:
on POSIX an OS lock lives on the open file, so a new file under the same name could be locked
again.  The holder therefore also takes ``flock`` on the data folder itself (a descriptor of
the directory): a folder cannot be deleted while it holds the database, and a renamed folder
keeps its lock, so a second process opening the same folder is refused whatever happened to
the lock file.  On Windows an open lock file cannot be deleted at all, so that guard is not
needed there.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import getpass
import json
import logging
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from filelock import FileLock, Timeout

from wjself.atomic import os_error_message, write_bytes
from wjself.core.errors import EnvironmentFault
from wjself.paths import DataPaths

if sys.platform != "win32":
    import fcntl

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class LockHolder:
    """Who holds the window lock of a data folder."""

    user: str
    host: str
    pid: int
    since: str  # ISO time

    def describe(self) -> str:
        since = self.since
        with contextlib.suppress(ValueError):
            since = dt.datetime.fromisoformat(self.since).strftime("%Y-%m-%d %H:%M")
        return f"用户 {self.user}，计算机 {self.host}，进程 {self.pid}，自 {since} 起"


def info_file(paths: DataPaths) -> Path:
    return paths.lock_file.with_name(paths.lock_file.name + ".json")


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some services, containers)
        return "unknown"


def read_holder(paths: DataPaths) -> LockHolder | None:
    """What the info file beside the lock says (it may be stale if nobody holds the lock)."""
    try:
        data = json.loads(info_file(paths).read_text("utf-8"))
        return LockHolder(
            str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"])
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


class FolderGuard:
    """An exclusive ``flock`` on the data folder's directory (POSIX; a no-op on Windows).

    Released when closed or when the process ends, like the lock file's lock.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._fd: int | None = None

    def acquire(self) -> bool:
        """Take the guard; False when another holder has it."""
        if sys.platform == "win32" or self._fd is not None:
            return True
        try:
            fd = os.open(self.root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError as exc:
            log.warning("cannot open %s to guard it: %s", self.root, exc)
            return True
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return False
            # A file system without flock (some network shares): the lock file still guards.
            log.warning("cannot lock folder %s: %s", self.root, exc)
            return True
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None


class WindowLock:
    """The window lock of one data folder; ``acquire`` refuses if another process holds it."""

    def __init__(self, paths: DataPaths) -> None:
        self.paths = paths
        self._lock = FileLock(str(paths.lock_file), timeout=0)
        self._guard = FolderGuard(paths.root)

    @property
    def held(self) -> bool:
        return self._lock.is_locked

    def acquire(self, purpose: str = "窗口") -> WindowLock:
        self.paths.root.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise EnvironmentFault(busy_message(self.paths, purpose)) from None
        except OSError as exc:
            raise lock_file_fault(self.paths, exc) from None
        if not self._guard.acquire():  # the lock file was deleted under a holder
            self._lock.release()
            raise EnvironmentFault(busy_message(self.paths, purpose))
        holder = LockHolder(
            current_user(),
            socket.gethostname(),
            os.getpid(),
            dt.datetime.now().astimezone().replace(microsecond=0).isoformat(),
        )
        payload = {
            "user": holder.user,
            "host": holder.host,
            "pid": holder.pid,
            "since": holder.since,
        }
        try:
            write_bytes(info_file(self.paths), json.dumps(payload, ensure_ascii=False).encode())
        except OSError:
            self._guard.release()
            self._lock.release()
            raise
        return self

    def release(self) -> None:
        if self._lock.is_locked:
            with contextlib.suppress(OSError):
                info_file(self.paths).unlink()
            self._guard.release()
            self._lock.release()

    def __enter__(self) -> WindowLock:
        return self.acquire()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def holder(paths: DataPaths) -> LockHolder | None:
    """Who holds the window lock now, or None when nobody does."""
    guard = FolderGuard(paths.root)
    if paths.root.is_dir() and not guard.acquire():
        return read_holder(paths) or LockHolder("?", "?", 0, "")
    guard.release()
    if not paths.lock_file.is_file():
        return None
    probe = FileLock(str(paths.lock_file), timeout=0)
    try:
        probe.acquire(timeout=0)
    except Timeout:
        return read_holder(paths) or LockHolder("?", "?", 0, "")
    except OSError:
        return None
    probe.release()
    return None


def lock_file_fault(paths: DataPaths, exc: OSError) -> EnvironmentFault:
    """The message when the lock file itself cannot be opened (a folder in its place, no rights)."""
    where = paths.lock_file
    if isinstance(exc, IsADirectoryError) or where.is_dir():
        return EnvironmentFault(
            f"锁文件 {where} 是一个文件夹，不是文件。请确认没有打开的 wjself 窗口，"
            "删除或改名这个文件夹后重试。"
        )
    plain = os_error_message(exc, where)
    return EnvironmentFault(
        plain or f"无法打开锁文件 {where}：{exc.strerror or exc}。请检查数据文件夹的写入权限。"
    )


def busy_message(paths: DataPaths, purpose: str = "窗口") -> str:
    who = read_holder(paths)
    by = f"（{who.describe()}）" if who else ""
    return (
        f"数据文件夹 {paths.root} 已在另一个 wjself 窗口中打开{by}。"
        f"请切换到那个窗口，或将其关闭后再{'打开' if purpose == '窗口' else purpose}。"
    )
