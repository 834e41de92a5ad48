"""The window's own words for the data's fixed terms: status badges, ratings, item kinds.

The store, the reports and the bureau's files keep these terms in Chinese; the window shows
them in its interface language, so the English interface reads "Draft", "Good", "Compliance".
Checklist content (item text, options, section titles, a checklist's own rating names) is data
and stays as written.  Qt's own dialogs get the few strings its Chinese catalogue lacks here too.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from wjself.core.assessment import Status
from wjself.core.template import Kind

CONTEXT = "Labels"

_STATUS = {
    Status.DRAFT: QT_TRANSLATE_NOOP("Labels", "Draft"),
    Status.FINALIZED: QT_TRANSLATE_NOOP("Labels", "Finalized"),
}
_BANDS = {  # the default rating bands (core.template.DEFAULT_BANDS), by their stored names
    "优秀": QT_TRANSLATE_NOOP("Labels", "Excellent"),
    "良好": QT_TRANSLATE_NOOP("Labels", "Good"),
    "合格": QT_TRANSLATE_NOOP("Labels", "Pass"),
    "不合格": QT_TRANSLATE_NOOP("Labels", "Fail"),
}
_KINDS = {
    Kind.COMPLIANCE: QT_TRANSLATE_NOOP("Labels", "Compliance"),
    Kind.YES_NO: QT_TRANSLATE_NOOP("Labels", "Yes/no"),
    Kind.NUMBER: QT_TRANSLATE_NOOP("Labels", "Number"),
    Kind.PERCENT: QT_TRANSLATE_NOOP("Labels", "Percentage"),
    Kind.TEXT: QT_TRANSLATE_NOOP("Labels", "Text"),
    Kind.DATE: QT_TRANSLATE_NOOP("Labels", "Date"),
    Kind.SINGLE: QT_TRANSLATE_NOOP("Labels", "Single choice"),
    Kind.MULTIPLE: QT_TRANSLATE_NOOP("Labels", "Multiple choice"),
}

# Strings of Qt's file dialog that its own zh_CN catalogue (qtbase_zh_CN.qm) leaves in English;
# found on the dialog itself.  Looked up by Qt under its own contexts, so listed under them.
QT_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "%1 File"),
)


def _translate(text: object) -> str:  # QT_TRANSLATE_NOOP is typed as returning object
    return QCoreApplication.translate(CONTEXT, str(text))


def status_label(status: Status) -> str:
    """草稿 / 已定稿 in the interface language."""
    return _translate(_STATUS[status])


def band_label(band: str) -> str:
    """A rating in the interface language; a checklist's own rating name as it is."""
    source = _BANDS.get(band)
    return _translate(source) if source else band


def kind_label(kind: Kind) -> str:
    """What kind of answer an item takes, in the interface language."""
    return _translate(_KINDS[kind])
