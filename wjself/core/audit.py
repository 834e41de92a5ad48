"""The audit log's one vocabulary: every action a change can record.

The store writes these values in ``audit_log.action`` (spelled ``thing.verb``, as they have
always been stored, so older logs read the same); core builds the entries of a template
upgrade with them, the window names them for people. Nothing else spells an action.
"""

from __future__ import annotations

from enum import StrEnum


class AuditAction(StrEnum):
    """What one audit row records."""

    ANSWER_SET = "answer.set"
    ANSWER_CLEAR = "answer.clear"
    ANSWER_NOTE = "answer.note"
    ANSWER_IMPORT = "answer.import"
    ANSWER_CONFIRM = "answer.confirm"
    # Written by a template upgrade or prefill, one per item it concerns.
    ANSWER_NEEDS_RECONFIRM = "answer.needs_reconfirm"
    ANSWER_SET_ASIDE = "answer.set_aside"
    ANSWER_ITEM_REMOVED = "answer.item_removed"
    EVIDENCE_ADD = "evidence.add"
    EVIDENCE_REMOVE = "evidence.remove"
    RECTIFICATION_UPDATE = "rectification.update"
    RECTIFICATION_DELETE = "rectification.delete"
    ASSESSMENT_NEW = "assessment.new"
    ASSESSMENT_FINALIZE = "assessment.finalize"
    ASSESSMENT_REOPEN = "assessment.reopen"
    ASSESSMENT_DELETE = "assessment.delete"
    ASSESSMENT_UPGRADE = "assessment.upgrade"
    ASSESSMENT_PREFILL = "assessment.prefill"
    ASSESSMENT_NARRATIVE = "assessment.narrative"  # one row per part of the 自查报告 changed
    SCHOOL_ADD = "school.add"
    SCHOOL_UPDATE = "school.update"
    TEMPLATE_INSTALL = "template.install"
    REVIEW_IMPORT = "review.import"  # the bureau's review (.wjsr) received


# The actions that move a whole assessment to another template version.
VERSION_MOVES = frozenset({AuditAction.ASSESSMENT_UPGRADE, AuditAction.ASSESSMENT_PREFILL})
