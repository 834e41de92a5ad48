"""Checking and reading a bundle in one pass, for receiving many at once (the district side).

``verify_bundle`` then ``read_bundle`` would open, hash and parse every bundle twice; the
bureau imports thousands.  Same checks, same messages (``formats/bundle.py`` does them).
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from wjself.core.assessment import AssessmentView
from wjself.core.errors import InputError
from wjself.formats.bundle import BundleReport, _verify
from wjself.formats.bundle_view import view_of
from wjself.formats.bundle_zip import open_bundle

UNREADABLE = "数据包内容无法读取：有字段的类型不对（不是 wjself 写出的内容）"


def check_bundle(path: str | os.PathLike[str]) -> tuple[BundleReport, AssessmentView | None]:
    """The report of ``verify_bundle``, and the assessment when the bundle verifies (else
    None; evidence is not unpacked: ``Evidence.path`` is empty).

    Raises InputError for a file that is not a safe, readable bundle, like ``verify_bundle``.
    """
    bundle = open_bundle(Path(path))
    try:
        report, content = _verify(bundle, str(path))
        if report.problems:
            return report, None
        try:
            return report, view_of(content, with_files=None)
        except (InputError, KeyError, TypeError, ValueError, AttributeError):
            return dataclasses.replace(report, problems=(UNREADABLE,)), None
    finally:
        bundle.close()
