"""Small filesystems for fault tests: a size-limited tmpfs (disk full) and read-only folders.

Mounting needs root (CI and the development machines run as root).  Without it the tests
that need a mount are skipped with the reason; ``RLIMIT_FSIZE`` covers "the disk refuses to
grow the file" without root (``test_environment``).  Root ignores ``chmod``, so a read-only
folder is a read-only bind mount when running as root, and ``chmod a-w`` otherwise.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, check=False)


def can_mount() -> str | None:
    """Why mounting is impossible here, or None."""
    if os.name != "posix" or not hasattr(os, "geteuid"):
        return "mounting filesystems needs Linux"
    if os.geteuid() != 0:
        return "mounting a tmpfs needs root; not root here"
    if shutil.which("mount") is None or shutil.which("umount") is None:
        return "no mount/umount command"
    return None


@contextlib.contextmanager
def tmpfs(folder: Path, size_kib: int) -> Iterator[Path]:
    """``folder`` becomes a tmpfs of ``size_kib`` KiB for the duration (skip if impossible)."""
    why = can_mount()
    if why:
        pytest.skip(why)
    folder.mkdir(parents=True, exist_ok=True)
    done = _run("mount", "-t", "tmpfs", "-o", f"size={size_kib}k,mode=0755", "tmpfs", str(folder))
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        _run("umount", "-l", str(folder))


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[str]:
    """Make ``folder`` (and what is in it) read-only for the duration; yields how it was done."""
    if can_mount() is None:
        done = _run("mount", "--bind", str(folder), str(folder))
        if done.returncode == 0:
            remount = _run("mount", "-o", "remount,ro,bind", str(folder))
            if remount.returncode != 0:
                _run("umount", "-l", str(folder))
                pytest.skip(f"cannot remount read-only: {remount.stderr.strip()}")
            try:
                yield "read-only bind mount"
            finally:
                _run("umount", "-l", str(folder))
            return
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("root ignores chmod and a read-only bind mount is not possible here")
    modes = {p: p.stat().st_mode for p in [folder, *folder.rglob("*")]}
    for p, mode in modes.items():
        p.chmod(mode & ~0o222)
    try:
        yield "chmod a-w"
    finally:
        for p, mode in modes.items():
            p.chmod(mode)


def fill(folder: Path, leave: int = 0) -> Path:
    """Fill the filesystem of ``folder`` until ``leave`` bytes (about) are free; returns the filler."""
    filler = folder / "filler.bin"
    chunk = b"\xa5" * 65536
    with open(filler, "wb") as handle:
        try:
            while True:
                free = shutil.disk_usage(folder).free
                if free <= leave:
                    break
                handle.write(chunk[: max(4096, min(len(chunk), free - leave))])
                handle.flush()
        except OSError as exc:
            if exc.errno != errno.ENOSPC:
                raise
    return filler
