"""The templates that ship with wjself, installed into a data folder (school's or bureau's).

Neutral ground below both the composition root (``wjself.app``) and the district service.
"""

from __future__ import annotations

import hashlib
import logging
from typing import TYPE_CHECKING

from wjself import resources
from wjself.core.errors import InputError

if TYPE_CHECKING:
    from wjself.store.workspace import Workspace

log = logging.getLogger(__name__)

BUNDLED_STAMP = "bundled_templates"


def install_bundled_templates(workspace: Workspace) -> int:
    """Install the bundled templates not yet installed; returns how many were new.

    Skipped (no file is parsed) when the bundled files are byte for byte those of the last run.
    """
    files = resources.bundled_templates()
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    stamp = digest.hexdigest()
    if workspace.setting(BUNDLED_STAMP) == stamp:
        return 0
    from wjself.formats.templates import load_template  # only when the bundled files changed

    new = 0
    for file in files:
        template, problems = load_template(file)
        if template is None or problems:
            log.error("bundled template %s is invalid: %s", file.name, problems[:3])
            continue
        try:
            new += workspace.templates.install(template)
        except InputError as exc:
            # A school imported another file under the same id and version; theirs stays.
            log.warning("bundled template %s not installed: %s", file.name, exc)
    workspace.set_setting(BUNDLED_STAMP, stamp)
    return new
