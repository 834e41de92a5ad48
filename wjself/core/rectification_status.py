"""整改's state machine: open → done → verified, and what each state keeps.

- ``open``: no completion date, no verification.
- ``done``: a completion date (today when none is given); no verification.
- ``verified``: a completion date and a verification date (today when none is given) and the
  verifier, who must be named.
Dates are never after today and a verification never before the completion.

The store applies ``settled`` to every entry it saves; the window moves an entry with the step
functions, so both clear the same fields.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from wjself.core.assessment import Rectification, RectStatus
from wjself.core.errors import InputError, Problem


def mark_done(r: Rectification, on: dt.date | None) -> Rectification:
    """``r`` completed ``on`` (today when None, once settled)."""
    return settled_fields(dataclasses.replace(r, status=RectStatus.DONE, done_on=on))


def mark_verified(r: Rectification, by: str, on: dt.date | None) -> Rectification:
    """``r`` verified by ``by`` ``on`` (today when None, once settled)."""
    return settled_fields(
        dataclasses.replace(r, status=RectStatus.VERIFIED, verified_by=by, verified_on=on)
    )


def reopen(r: Rectification) -> Rectification:
    """``r`` open again: its completion and any verification cleared."""
    return settled_fields(dataclasses.replace(r, status=RectStatus.OPEN))


def unverify(r: Rectification) -> Rectification:
    """``r`` back to done: its verification cleared, the completion kept."""
    return settled_fields(
        dataclasses.replace(r, status=RectStatus.DONE, verified_on=None, verified_by="")
    )


def settled_fields(r: Rectification) -> Rectification:
    """``r`` with the fields its status does not keep cleared (no defaults, no checks)."""
    status = RectStatus(r.status)
    if status is RectStatus.OPEN:
        return dataclasses.replace(r, status=status, done_on=None, verified_on=None, verified_by="")
    if status is RectStatus.DONE:
        return dataclasses.replace(r, status=status, verified_on=None, verified_by="")
    return dataclasses.replace(r, status=status)


def settled(r: Rectification, today: dt.date) -> Rectification:
    """``r`` as its status keeps it, missing dates defaulting to ``today``; or InputError when
    the verifier is missing or the dates are impossible."""
    r = settled_fields(r)
    done_on, verified_on = r.done_on, r.verified_on
    problems: list[Problem] = []
    if r.status is not RectStatus.OPEN:
        done_on = done_on or today
    if r.status is RectStatus.VERIFIED:
        verified_on = verified_on or today
        if not r.verified_by:
            problems.append(Problem("验收须填写验收人", field="verified_by"))
    if done_on is not None and done_on > today:
        problems.append(Problem(f"完成日期 {done_on} 晚于今天", field="done_on"))
    if verified_on is not None and verified_on > today:
        problems.append(Problem(f"验收日期 {verified_on} 晚于今天", field="verified_on"))
    if done_on and verified_on and verified_on < done_on:
        problems.append(
            Problem(f"验收日期 {verified_on} 早于完成日期 {done_on}", field="verified_on")
        )
    if problems:
        raise InputError(problems)
    return dataclasses.replace(r, done_on=done_on, verified_on=verified_on)
