"""The assessment open in the walkthrough: what the services returned, kept current as it changes.

Widgets read from a session and change things through it.  Every change goes straight to a
service of the workspace (one transaction, on disk when it returns); the session then updates
its copy from what the service returned and re-scores with ``core.scoring``, so progress,
scores, show-if visibility and rectification marks follow each answer without reloading the
whole assessment.  Only when the set of not-met items changes (entries appear or go) are the
rectifications read again.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from wjself.core.assessment import (
    Answer,
    AssessmentView,
    Evidence,
    HistoryEntry,
    Rectification,
    SignOff,
    set_aside_shown,
)
from wjself.core.diff import FieldChange, TemplateDiff, diff_templates
from wjself.core.errors import InputError, Problem
from wjself.core.narrative import Narrative
from wjself.core.school import School
from wjself.core.scoring import ItemResult, Outcome, Score, score
from wjself.core.template import Item, Section, Template
from wjself.core.upgrade import UpgradeOffer
from wjself.core.values import AnswerValue
from wjself.ui import hints

if TYPE_CHECKING:
    from wjself.store.workspace import Workspace


class AssessmentSession(QObject):
    """One open assessment: its template, school, answers, rectifications and score."""

    loaded = Signal()  # another assessment, or the same one after finalize / reopen
    items_changed = Signal(list)  # codes whose row or detail may look different now
    visibility_changed = Signal()  # a show-if condition hid or showed some item
    saved = Signal()  # something was stored
    signed_off = Signal(int)  # the assessment (id) was finalized
    reopened = Signal(int)  # the assessment (id) was reopened

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._view: AssessmentView | None = None
        self._answers: dict[str, Answer] = {}
        self._values: dict[str, AnswerValue] = {}
        self._rects: dict[str, Rectification] = {}
        self._score: Score | None = None
        self._where: dict[str, tuple[int, Item]] = {}
        self._history: list[HistoryEntry] = []
        self._offer: UpgradeOffer | None = None
        self._revision: TemplateDiff | None = None  # against upgraded_from, made when first asked
        self._revision_made = False

    # ------------------------------------------------------------ loading

    def load(self, assessment_id: int) -> None:
        """Read assessment ``assessment_id`` (InputError if it does not exist), what template
        upgrades took out of use, and the newer template version it could move to."""
        view = self._ws.assessments.view(assessment_id)
        self._history = self._ws.answers.history(assessment_id)
        self._offer = self._ws.upgrades.offer(assessment_id)
        self._apply(view)
        self.loaded.emit()

    def reload(self) -> None:
        if self._view is not None:
            self.load(self._view.id)

    def close(self) -> None:
        self._view = None
        self._answers, self._values, self._rects, self._where = {}, {}, {}, {}
        self._score = None
        self._history, self._offer = [], None
        self.loaded.emit()

    def _apply(self, view: AssessmentView) -> None:
        self._view = view
        self._answers = dict(view.answers)
        self._values = view.values()
        self._rects = {r.code: r for r in view.rectifications}
        self._score = view.score()
        self._revision, self._revision_made = None, False
        self._where = {
            item.code: (n, item) for n, section in enumerate(view.template.sections)
            for item in section.items
        }  # fmt: skip

    # ------------------------------------------------------------ reading

    @property
    def is_open(self) -> bool:
        return self._view is not None

    @property
    def view(self) -> AssessmentView:
        """The assessment as loaded (answers and rectifications in it are not kept current)."""
        if self._view is None:
            raise RuntimeError("no assessment is open")
        return self._view

    @property
    def assessment_id(self) -> int:
        return self.view.id

    @property
    def template(self) -> Template:
        return self.view.template

    @property
    def school(self) -> School:
        return self.view.school

    @property
    def finalized(self) -> bool:
        return self.view.finalized

    @property
    def signoff(self) -> SignOff | None:
        return self.view.signoff

    @property
    def score(self) -> Score:
        if self._score is None:
            raise RuntimeError("no assessment is open")
        return self._score

    def sections(self) -> tuple[Section, ...]:
        return self.template.sections

    def item(self, code: str) -> Item | None:
        found = self._where.get(code)
        return None if found is None else found[1]

    def section_index(self, code: str) -> int:
        return self._where[code][0]

    def answer(self, code: str) -> Answer | None:
        return self._answers.get(code)

    def value(self, code: str) -> AnswerValue:
        return self._values.get(code)

    def result(self, code: str) -> ItemResult:
        return self.score.items[code]

    def rectification(self, code: str) -> Rectification | None:
        return self._rects.get(code)

    @property
    def offer(self) -> UpgradeOffer | None:
        """A newer installed version of the template, as it was when the assessment was loaded."""
        return self._offer

    def history(self, code: str | None = None) -> list[HistoryEntry]:
        """What template upgrades took out of use (set aside, or item removed), oldest first;
        only item ``code``'s when given."""
        return [h for h in self._history if code is None or h.code == code]

    def set_aside_shown(self, code: str) -> str:
        """The set-aside answer of ``code`` as it read in the version it was given in."""
        answer = self._answers.get(code)
        if answer is None:
            return ""
        return set_aside_shown(code, answer.set_aside, self._history, self.item(code))

    def revision(self, code: str) -> tuple[FieldChange, ...]:
        """How item ``code`` differs from the version the draft was upgraded from (empty when it
        was not upgraded, or that version is no longer installed)."""
        if not self._revision_made:
            self._revision_made = True
            view = self.view
            if view.upgraded_from:
                try:
                    old = self._ws.templates.get(view.template.id, view.upgraded_from)
                except InputError:
                    old = None
                if old is not None:
                    self._revision = diff_templates(old, view.template)
        entry = self._revision.item(code) if self._revision is not None else None
        return entry.changes if entry is not None else ()

    def reconfirm_codes(self) -> list[str]:
        """Items a template upgrade reworded whose answer is not confirmed yet, in checklist order."""
        return [
            i.code
            for i in self.template.items()
            if (a := self._answers.get(i.code)) is not None and a.needs_reconfirm
        ]

    @property
    def narrative(self) -> Narrative:
        """The written 自查报告 as last stored."""
        return self.view.narrative

    def set_narrative(self, narrative: Narrative) -> Narrative:
        """Store the written 自查报告 (InputError: a part too long or with control characters)."""
        stored = self._ws.assessments.set_narrative(self.assessment_id, narrative)
        self._view = dataclasses.replace(self.view, narrative=stored)
        self.saved.emit()
        return stored

    def missing(self) -> list[Problem]:
        """What finalizing would refuse for now (item code in ``field``)."""
        return self._ws.assessments.missing(self.assessment_id)

    # ------------------------------------------------------------ changing

    def set_value(self, code: str, raw: object, note: str | None = None) -> Answer:
        """Store the answer to ``code`` as a person gave it ("" clears); InputError if it does
        not fit.  ``note`` (the reason of a 不适用) replaces the note when given."""
        answer = self._ws.answers.set(self.assessment_id, code, raw, note)
        self._keep(answer)
        self._rescore(code)
        return answer

    def confirm(self, code: str) -> Answer:
        """ "The answer still holds" for an item a template upgrade reworded."""
        answer = self._ws.answers.confirm(self.assessment_id, code)
        self._keep(answer)
        self.saved.emit()
        self.items_changed.emit([code])
        return answer

    def set_note(self, code: str, note: str) -> Answer:
        answer = self._ws.answers.set_note(self.assessment_id, code, note)
        self._keep(answer)
        rect = self._rects.get(code)
        if rect is not None:  # an unedited entry's problem follows the note
            self._rects[code] = self._ws.rectifications.get(rect.id)
        self.saved.emit()
        self.items_changed.emit([code])
        return answer

    def add_evidence(self, code: str, evidence: Evidence) -> None:
        """Show a file the evidence service has just attached to ``code``."""
        answer = self._answers.get(code) or Answer(code=code, value=None)
        if all(e.id != evidence.id for e in answer.evidence):
            answer = dataclasses.replace(answer, evidence=(*answer.evidence, evidence))
        self._answers[code] = answer
        self.saved.emit()
        self.items_changed.emit([code])

    def remove_evidence(self, code: str, evidence_id: int) -> None:
        self._ws.evidence.remove(evidence_id)
        answer = self._answers.get(code)
        if answer is not None:
            kept = tuple(e for e in answer.evidence if e.id != evidence_id)
            self._answers[code] = dataclasses.replace(answer, evidence=kept)
        self.saved.emit()
        self.items_changed.emit([code])

    def save_rectification(self, rectification: Rectification) -> Rectification:
        stored = self._ws.rectifications.save(rectification)
        self._rects[stored.code] = stored
        self.saved.emit()
        self.items_changed.emit([stored.code])
        return stored

    def finalize(self, filled_by: str, reviewed_by: str) -> SignOff:
        signoff = self._ws.assessments.finalize(self.assessment_id, filled_by, reviewed_by)
        self.saved.emit()
        self.reload()
        self.signed_off.emit(self.assessment_id)
        return signoff

    def reopen(self, reason: str) -> None:
        self._ws.assessments.reopen(self.assessment_id, reason)
        self.saved.emit()
        self.reload()
        self.reopened.emit(self.assessment_id)

    # ------------------------------------------------------------ internals

    def _keep(self, answer: Answer) -> None:
        self._answers[answer.code] = answer
        if answer.value is None:
            self._values.pop(answer.code, None)
        else:
            self._values[answer.code] = answer.value

    def _rescore(self, code: str) -> None:
        before = self.score
        after = score(self.template, self._values, self.school.profile())
        self._score = after
        changed = {code}
        visibility = failing = False
        for c, now in after.items.items():
            was = before.items[c].outcome
            if now.outcome is was:
                continue
            changed.add(c)
            visibility |= Outcome.HIDDEN in (now.outcome, was)
            failing |= Outcome.NOT_MET in (now.outcome, was)
        if failing:
            # Entries appear, go, or become obsolete: read them as the store now has them.
            fresh = {
                r.code: r for r in self._ws.assessments.view(self.assessment_id).rectifications
            }
            changed |= {
                c for c in fresh.keys() | self._rects.keys() if fresh.get(c) != self._rects.get(c)
            }
            self._rects = fresh
        self.saved.emit()
        if visibility:
            self.visibility_changed.emit()
        self.items_changed.emit(sorted(changed))


def problem_text(problems: Sequence[Problem]) -> str:
    """The messages of an InputError's problems, as one text for a person."""
    return hints.problem_text(problems)
