"""The school's own PDF of a received assessment, as the bureau opens it from its window.

The report is written by ``report.pdf.write_pdf`` from the view the bundle gives
(``received_view``), exactly as the school would print it: the bureau reads the same pages.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from wjself.district.view import received_view
from wjself.district.workspace import DistrictWorkspace


def received_pdf(
    dws: DistrictWorkspace, received_id: int, target: Path, *, now: dt.datetime | None = None
) -> Path:
    """Write the PDF of received assessment ``received_id`` to ``target``; returns ``target``.

    InputError when the bundle cannot be read back; nothing is written then.
    """
    from wjself.report.pdf import write_pdf  # reportlab only when a PDF is made

    view = received_view(dws, received_id)
    moment = now or dt.datetime.now().astimezone()
    write_pdf([view], target, generated_at=moment, today=moment.date())
    return target
