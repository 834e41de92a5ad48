"""Template snapshots parsed once, by the SHA-256 of their bytes.

A bureau receiving thousands of bundles of the same eleven checklists would otherwise parse
and check each snapshot thousands of times; a template is frozen, so one parsed copy serves
every bundle whose ``template.json`` has exactly the same bytes.
"""

from __future__ import annotations

import hashlib
import threading

from wjself.core.template import Template

KEPT = 64
_parsed: dict[str, Template] = {}
_lock = threading.Lock()


def known_template(data: bytes) -> Template | None:
    """The template parsed earlier from exactly ``data``, if any."""
    key = hashlib.sha256(data).hexdigest()
    with _lock:
        return _parsed.get(key)


def remember_template(data: bytes, template: Template) -> None:
    """Keep ``template``, parsed (and found valid) from ``data``."""
    key = hashlib.sha256(data).hexdigest()
    with _lock:
        if len(_parsed) >= KEPT:
            _parsed.clear()
        _parsed[key] = template
