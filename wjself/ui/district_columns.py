"""How the bureau's lists read: the columns of received assessments, failing items, open
rectifications and missing checklists, and the words for a bundle's signature.

The district service hands out plain records (``wjself.district.model``); these column specs
(``ui.models.Column``) turn them into table cells, so the pages hold no wording of their own.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from wjself.core.assessment import RectStatus, Status
from wjself.core.text import clip, percent_text
from wjself.district import ItemFailure, Missing, OpenRect, ReceivedRow
from wjself.ui.i18n import fill
from wjself.ui.labels import band_label, status_label
from wjself.ui.models import Column
from wjself.ui.widgets import ERROR, MUTED, OVERDUE_TINT, SUCCESS, UPGRADE_INK

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
FOREGROUND = Qt.ItemDataRole.ForegroundRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole


def change_text(change: float | None) -> str:
    """The score against the previous period: ``+3.5``, ``-2``, ``0``, or — when unknown."""
    if change is None:
        return "—"
    text = f"{change:+.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("+0", "-0") else text


def _score_key(value: float | None) -> float:
    return -1.0 if value is None else value


class DistrictWords(QObject):
    """The translated words of the bureau's lists (a QObject for its translation context)."""

    def signature_text(self, row: ReceivedRow) -> str:
        words = {
            "pinned-match": self.tr("Signed, key known"),
            "first-seen": self.tr("Signed, key new"),
            "other-key": self.tr("Signed by another key!"),
            "unsigned": self.tr("Not signed"),
            "invalid": self.tr("Signature invalid"),
        }
        return words.get(row.trust, row.trust)

    def signature_colour(self, row: ReceivedRow) -> QBrush | None:
        if row.trust in ("other-key", "invalid"):
            return QBrush(QColor(ERROR))
        if row.trust in ("first-seen", "unsigned"):
            return QBrush(QColor(UPGRADE_INK))
        return QBrush(QColor(SUCCESS))

    def signature_tip(self, row: ReceivedRow) -> str:
        parts = [self.signature_text(row)]
        if row.key_id:
            parts.append(fill(self.tr("Key id: %1"), row.key_id))
        if row.note:
            parts.append(row.note)
        return "\n".join(parts)

    def status_text(self, status: str) -> str:
        try:
            return status_label(Status(status))
        except ValueError:
            return status

    def rect_status_text(self, status: str) -> str:
        words = {
            RectStatus.OPEN.value: self.tr("Open"),
            RectStatus.DONE.value: self.tr("Done, awaiting verification"),
            RectStatus.VERIFIED.value: self.tr("Verified"),
        }
        return words.get(status, status)

    def received_columns(self) -> list[Column[ReceivedRow]]:
        """学校, 镇街, 学段, 自查表, 时段, 状态, 得分, 等级, 较上期, 签名."""

        def change_colour(row: ReceivedRow) -> QBrush | None:
            change = row.change
            if change is None or change == 0:
                return None
            return QBrush(QColor(SUCCESS if change > 0 else ERROR))

        return [
            Column(
                lambda: self.tr("School"),
                lambda r: r.school_name,
                roles={TOOLTIP: lambda r: f"{r.school_name}\n{r.school_code}"},
            ),
            Column(lambda: self.tr("Township"), lambda r: r.township),
            Column(lambda: self.tr("Stages"), lambda r: "、".join(r.stages)),
            Column(
                lambda: self.tr("Checklist"),
                lambda r: r.template_title,
                roles={
                    TOOLTIP: lambda r: f"{r.template_title}\n{r.template_id}@{r.template_version}"
                },
            ),
            Column(lambda: self.tr("Period"), lambda r: r.period),
            Column(lambda: self.tr("Status"), lambda r: self.status_text(r.status)),
            Column(
                lambda: self.tr("Score"),
                lambda r: percent_text(r.score),
                sort_key=lambda r: _score_key(r.score),
                align=RIGHT,
            ),
            Column(lambda: self.tr("Rating"), lambda r: band_label(r.rating) if r.rating else ""),
            Column(
                lambda: self.tr("Change"),
                lambda r: change_text(r.change),
                sort_key=lambda r: -1000.0 if r.change is None else r.change,
                roles={
                    FOREGROUND: change_colour,
                    TOOLTIP: lambda r: (
                        f"{r.previous_period}：{percent_text(r.previous_score)}"
                        if r.previous_period
                        else self.tr("No earlier period received")
                    ),
                },
                align=RIGHT,
            ),
            Column(
                lambda: self.tr("Signature"),
                self.signature_text,
                roles={FOREGROUND: self.signature_colour, TOOLTIP: self.signature_tip},
            ),
        ]

    def failure_columns(self) -> list[Column[ItemFailure]]:
        return [
            Column(lambda: self.tr("Checklist"), lambda f: f.template_id),
            Column(lambda: self.tr("Item"), lambda f: f.code),
            Column(
                lambda: self.tr("Requirement"),
                lambda f: clip(f.text, 60),
                roles={TOOLTIP: lambda f: f.text},
            ),
            Column(
                lambda: self.tr("Not met"),
                lambda f: f"{f.failed} / {f.answered}",
                sort_key=lambda f: (f.failed, f.rate),
                align=RIGHT,
            ),
            Column(
                lambda: self.tr("Schools"),
                lambda f: clip("、".join(f.schools), 60),
                roles={TOOLTIP: lambda f: "\n".join(f.schools)},
            ),
        ]

    def rect_columns(self) -> list[Column[OpenRect]]:
        def shade(r: OpenRect) -> Any:
            return QBrush(QColor(OVERDUE_TINT)) if r.overdue else None

        base: dict[int, Any] = {Qt.ItemDataRole.BackgroundRole: shade}

        def due_text(r: OpenRect) -> str:
            if r.due is None:
                return ""
            if r.overdue:
                return fill(self.tr("%1 (%2 days overdue)"), r.due.isoformat(), r.days_overdue)
            return r.due.isoformat()

        return [
            Column(lambda: self.tr("School"), lambda r: r.school_name, roles=base),
            Column(lambda: self.tr("Township"), lambda r: r.township, roles=base),
            Column(lambda: self.tr("Checklist"), lambda r: r.template_id, roles=base),
            Column(lambda: self.tr("Item"), lambda r: r.code, roles=base),
            Column(
                lambda: self.tr("Problem"),
                lambda r: clip(r.problem or r.item_text, 50),
                roles={
                    **base,
                    TOOLTIP: lambda r: "\n\n".join(t for t in (r.item_text, r.problem) if t),
                },
            ),
            Column(lambda: self.tr("Responsible"), lambda r: r.owner, roles=base),
            Column(
                lambda: self.tr("Due"),
                due_text,
                sort_key=lambda r: r.due.isoformat() if r.due else "9999",
                roles={**base, FOREGROUND: lambda r: QBrush(QColor(ERROR)) if r.overdue else None},
            ),
            Column(
                lambda: self.tr("Status"), lambda r: self.rect_status_text(r.status), roles=base
            ),
        ]

    def missing_columns(self) -> list[Column[Missing]]:
        muted: dict[int, Any] = {FOREGROUND: lambda _m: QBrush(QColor(MUTED))}
        return [
            Column(lambda: self.tr("School"), lambda m: m.school_name),
            Column(lambda: self.tr("School code"), lambda m: m.school_code, roles=muted),
            Column(lambda: self.tr("Township"), lambda m: m.township),
            Column(lambda: self.tr("Stages"), lambda m: "、".join(m.stages)),
            Column(lambda: self.tr("Checklist not sent"), lambda m: m.template_title),
            Column(lambda: self.tr("Period"), lambda m: m.period),
        ]
