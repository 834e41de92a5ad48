"""Keep ``None`` alive under PySide6 builds that lose references to it (CPython before 3.12).

PySide6 6.12.0 on CPython 3.11 hands out ``None`` from every void method (``label.setText``,
``widget.update`` …) and from calls that return no object without counting the reference, so
``None`` loses one reference per call.  It starts with some tens of thousands; a day's work in
the window makes far more calls than that, and when the count reaches zero CPython aborts
("none_dealloc: deallocating None") — mid-session or while exiting.  From 3.12 on ``None`` is
immortal and nothing needs doing.

``protect_none`` measures whether the running PySide6 has the fault (a few calls to a void
method) and, only then, gives ``None`` 2**40 references — what 3.12 does for immortal objects —
so no session can use them up.  The count is written in place (``ob_refcnt`` is the first field
of every object in a release build of CPython) and checked afterwards.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

BALLAST = 1 << 40
PROBE_CALLS = 64


def drops_none() -> bool:
    """Whether a void PySide6 call costs ``None`` a reference here."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(PROBE_CALLS):
        probe.setObjectName("probe")
    return before - sys.getrefcount(None) >= PROBE_CALLS // 2


def protect_none() -> bool:
    """Make ``None`` effectively immortal if this PySide6 needs it; True when it was done."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if sys.getrefcount(None) > BALLAST // 2:  # done already (another window, a test)
        return False
    if not drops_none():
        return False
    count = ctypes.c_ssize_t.from_address(id(None))
    before = sys.getrefcount(None)
    count.value += BALLAST
    if sys.getrefcount(None) != before + BALLAST:  # not the layout we expect: undo, say so
        count.value -= BALLAST
        log.warning("PySide6 loses references to None, and they could not be topped up")
        return False
    log.info("PySide6 loses references to None on this Python; None given %d more", BALLAST)
    return True
