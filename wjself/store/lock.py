"""One window per data folder: an OS file lock held for the window's lifetime.

The lock is ``wjself.lock`` (``filelock``: released by the OS when the process ends, however
it ends, so it never goes stale); beside it ``wjself.lock.json`` says who holds it (user,
computer, process, since when), so a second window can tell the person where the first one is.
The command line does not take this lock for ordinary commands (SQLite transactions keep them
safe beside an open window); ``restore`` takes it, so it cannot replace data under a window.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from filelock import FileLock, Timeout

from wjself.atomic import write_bytes
from wjself.core.errors import EnvironmentFault
from wjself.paths import DataPaths


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


class WindowLock:
    """The window lock of one data folder; ``acquire`` refuses if another process holds it."""

    def __init__(self, paths: DataPaths) -> None:
        self.paths = paths
        self._lock = FileLock(str(paths.lock_file), timeout=0)

    @property
    def held(self) -> bool:
        return self._lock.is_locked

    def acquire(self, purpose: str = "窗口") -> WindowLock:
        self.paths.root.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise EnvironmentFault(busy_message(self.paths, purpose)) from None
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
            self._lock.release()
            raise
        return self

    def release(self) -> None:
        if self._lock.is_locked:
            with contextlib.suppress(OSError):
                info_file(self.paths).unlink()
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
    if not paths.lock_file.exists():
        return None
    probe = FileLock(str(paths.lock_file), timeout=0)
    try:
        probe.acquire(timeout=0)
    except Timeout:
        return read_holder(paths) or LockHolder("?", "?", 0, "")
    probe.release()
    return None


def busy_message(paths: DataPaths, purpose: str = "窗口") -> str:
    who = read_holder(paths)
    by = f"（{who.describe()}）" if who else ""
    return (
        f"数据文件夹 {paths.root} 已在另一个 wjself 窗口中打开{by}。"
        f"请切换到那个窗口，或将其关闭后再{'打开' if purpose == '窗口' else purpose}。"
    )
