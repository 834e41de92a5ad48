"""Flowables that keep pieces of the report together across page breaks.

``Lead(head, body)`` keeps a heading (or a 续 mark) with the start of what follows it: when
they do not fit, the body is split so that at least its first lines or rows go on the page
with the heading, or both move to the next page.  reportlab's own ``keepWithNext`` wraps the
pair in a ``KeepTogether``, which gives up and strands the heading when the body is taller
than a page (a section's long table).

``Tail(body, tail)`` keeps a closing line (``本部分另有 N 项……未列出``) with the end of what it
belongs to: when the line would start a page on its own, the body's last line or row moves
down with it.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable

_EPS = 0.5


def _at_top(flowable: Flowable) -> bool:
    frame = getattr(flowable, "_frame", None)
    return bool(frame is not None and getattr(frame, "_atTop", False))


class Lead(Flowable):  # type: ignore[misc]
    """``head`` drawn above ``body``, never on a page without the start of ``body``."""

    def __init__(self, head: Flowable, body: Flowable) -> None:
        super().__init__()
        self.head = head
        self.body = body
        self._gap = max(head.getSpaceAfter(), body.getSpaceBefore())
        self._hh = self._bh = self._bw = self._hw = 0.0

    def getSpaceBefore(self) -> float:  # noqa: N802 - reportlab's name
        return float(self.head.getSpaceBefore())

    def getSpaceAfter(self) -> float:  # noqa: N802 - reportlab's name
        return float(self.body.getSpaceAfter())

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._hw, self._hh = self.head.wrap(availWidth, availHeight)
        self._bw, self._bh = self.body.wrap(availWidth, max(0.0, availHeight - self._hh))
        self.width = availWidth
        self.height = self._hh + self._gap + self._bh
        return self.width, self.height

    def draw(self) -> None:
        # Head first: copied text reads in order.
        self.head.drawOn(self.canv, 0, self._bh + self._gap, _sW=self.width - self._hw)
        self.body.drawOn(self.canv, 0, 0, _sW=self.width - self._bw)

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        _, hh = self.head.wrap(availWidth, availHeight)
        room = availHeight - hh - self._gap
        parts: list[Any] = self.body.split(availWidth, room) if room > _EPS else []
        if len(parts) >= 2:
            return [Lead(self.head, parts[0]), *parts[1:]]
        if _at_top(self):  # even a fresh page cannot hold the start: let the body flow
            return [self.head, self.body]
        return []


class Tail(Flowable):  # type: ignore[misc]
    """``body`` with ``tail`` drawn under it; ``tail`` never starts a page on its own."""

    def __init__(self, body: Flowable, tail: Flowable) -> None:
        super().__init__()
        self.body = body
        self.tail = tail
        self._gap = max(body.getSpaceAfter(), tail.getSpaceBefore())
        self._bh = self._bw = self._th = self._tw = 0.0

    def getSpaceBefore(self) -> float:  # noqa: N802 - reportlab's name
        return float(self.body.getSpaceBefore())

    def getSpaceAfter(self) -> float:  # noqa: N802 - reportlab's name
        return float(self.tail.getSpaceAfter())

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._bw, self._bh = self.body.wrap(availWidth, availHeight)
        self._tw, self._th = self.tail.wrap(availWidth, availHeight)
        self.width = availWidth
        self.height = self._bh + self._gap + self._th
        return self.width, self.height

    def draw(self) -> None:
        self.body.drawOn(self.canv, 0, self._th + self._gap, _sW=self.width - self._bw)
        self.tail.drawOn(self.canv, 0, 0, _sW=self.width - self._tw)

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        _, bh = self.body.wrap(availWidth, availHeight)
        # When the body fits but the tail does not, ask for a little less than the body so
        # its last line or row goes down with the tail.
        room = min(availHeight, bh - _EPS)
        parts: list[Any] = self.body.split(availWidth, room) if room > _EPS else []
        if len(parts) >= 2:
            return [*parts[:-1], Tail(parts[-1], self.tail)]
        if _at_top(self):
            return [self.body, self.tail]
        return []


def lead(heads: list[Flowable], body: list[Flowable]) -> list[Flowable]:
    """``heads`` (outermost first) each kept with what follows, then the rest of ``body``."""
    if not body:
        return list(heads)
    first: Flowable = body[0]
    for head in reversed(heads):
        first = Lead(head, first)
    return [first, *body[1:]]
