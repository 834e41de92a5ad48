"""Atomic writes: whole or nothing, and files readable like any other new file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from wjself.atomic import atomic_writer, write_bytes


def test_replaces_whole_or_leaves_the_old_file(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "report.pdf"
    write_bytes(target, b"old")
    with pytest.raises(RuntimeError), atomic_writer(target) as handle:
        handle.write(b"half")
        raise RuntimeError("interrupted")
    assert target.read_bytes() == b"old"
    assert [p.name for p in folder.iterdir()] == ["report.pdf"]
    write_bytes(target, b"new")
    assert target.read_bytes() == b"new"


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_new_files_follow_the_umask_and_replaced_ones_keep_their_mode(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.xlsx"
    write_bytes(fresh, b"x")
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask  # not mkstemp's private 0600
    kept = tmp_path / "kept.json"
    write_bytes(kept, b"1")
    kept.chmod(0o640)
    write_bytes(kept, b"2")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
