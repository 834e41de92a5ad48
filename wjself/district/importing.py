"""Receiving bundles: verify each one (hashes, fingerprint, score, signature), keep it
read-only under ``bundles/<sha256>.wjsa``, and record it; one bad file never stops the rest."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from wjself.district.model import ImportSummary
from wjself.district.workspace import DistrictWorkspace

Progress = Callable[[int, int, str], None]  # (done, total, file name)
Cancel = Callable[[], bool]


def import_bundles(
    dws: DistrictWorkspace,
    paths: Iterable[Path],
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ImportSummary:
    """Import the ``.wjsa`` files of ``paths`` (a folder stands for the ``*.wjsa`` in it)."""
    raise NotImplementedError
