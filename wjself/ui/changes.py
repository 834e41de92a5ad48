"""What changed in the data, announced to the pages as it happens.

The main window owns one ``Changes`` hub and passes it to every page (``window.changes``). A
page that stores something announces it here with the typed signal for that kind of change;
each page connects to the signals for what it shows and refreshes itself, so a page on screen
is never stale (the home page shows a school registered by the first-start wizard at once).
Pages never look each other up: requests to show something elsewhere go through the window.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Changes(QObject):
    """The window's change signals, one per kind of change; each carries what changed."""

    school_saved = Signal(int)  # school id: registered or edited
    assessments_created = Signal(list)  # list[int]: the new assessments' ids
    assessment_deleted = Signal(int)  # assessment id
    assessment_finalized = Signal(int)  # assessment id
    assessment_reopened = Signal(int)  # assessment id
    assessment_upgraded = Signal(int)  # assessment id: moved to a newer checklist version
    answers_changed = Signal(int)  # assessment id: an answer, note, evidence or rectification
    templates_imported = Signal(str)  # template key: a checklist (version) installed
    data_replaced = Signal()  # a restore replaced the whole database
    bundles_received = Signal()  # the bureau's window: an import kept new bundles
    review_saved = Signal(int)  # the bureau's window: received id whose comments/verdict changed
