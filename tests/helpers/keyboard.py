"""Typing as a person does: Latin keys as key presses, Chinese as an input method commits it.

QTest cannot press keys for characters outside ASCII; a Chinese input method delivers its
text as a QInputMethodEvent commit, which is what ``type_text`` sends for those.
"""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget


def type_text(widget: QWidget, text: str) -> None:
    widget.setFocus()
    run = ""
    for ch in text:
        if ch.isascii():
            run += ch
            continue
        if run:
            QTest.keyClicks(widget, run)
            run = ""
        event = QInputMethodEvent("", [])
        event.setCommitString(ch)
        QApplication.sendEvent(widget, event)
    if run:
        QTest.keyClicks(widget, run)
