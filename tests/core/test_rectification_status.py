"""The rectification state machine in core: each step clears what its state does not keep."""

from __future__ import annotations

import datetime as dt

import pytest

from wjself.core.assessment import Rectification, RectStatus
from wjself.core.errors import InputError
from wjself.core.rectification_status import (
    mark_done,
    mark_verified,
    reopen,
    settled,
    unverify,
)

TODAY = dt.date(2024, 6, 1)
OPEN = Rectification(1, 1, "A01", measure="补齐台账", owner="张老师", due=TODAY)


def test_steps_forward_and_back() -> None:
    done = settled(mark_done(OPEN, None), TODAY)
    assert (done.status, done.done_on) == (RectStatus.DONE, TODAY)
    verified = settled(mark_verified(done, "李校长", None), TODAY)
    assert (verified.done_on, verified.verified_on) == (TODAY, TODAY)
    assert verified.verified_by == "李校长"
    assert progress(unverify(verified)) == (RectStatus.DONE, TODAY, None, "")
    assert progress(reopen(verified)) == (RectStatus.OPEN, None, None, "")


def progress(r: Rectification) -> tuple[object, ...]:
    return (r.status, r.done_on, r.verified_on, r.verified_by)


def test_settled_refuses_what_cannot_be() -> None:
    with pytest.raises(InputError) as caught:
        settled(mark_verified(OPEN, "", None), TODAY)
    assert [p.field for p in caught.value.problems] == ["verified_by"]
    with pytest.raises(InputError) as caught:
        settled(mark_done(OPEN, TODAY + dt.timedelta(days=1)), TODAY)
    assert [p.field for p in caught.value.problems] == ["done_on"]
    with pytest.raises(InputError) as caught:
        settled(
            mark_verified(mark_done(OPEN, TODAY), "李校长", TODAY - dt.timedelta(days=1)), TODAY
        )
    assert [p.field for p in caught.value.problems] == ["verified_on"]


def test_open_keeps_no_dates_even_when_given() -> None:
    stale = Rectification(
        1, 1, "A01", status=RectStatus.OPEN, done_on=TODAY, verified_on=TODAY, verified_by="李"
    )
    assert settled(stale, TODAY) == OPEN.__class__(1, 1, "A01")
