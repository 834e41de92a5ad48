"""The small rough edges a new user met (issue #14 item 8): an untouched assessment reads
未开始, empty dates look empty, the school code is judged when typed in full, and 打开文件
without a program to open the file says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication, QWidget

from tests.helpers.window import open_walkthrough, sample_assessment
from wjself.ui.export import ExportDialog
from wjself.ui.home import HomePage
from wjself.ui.wizard import first_start

pytestmark = pytest.mark.gui


def leave(widget: QWidget) -> None:
    """The focus leaves ``widget`` (Tab, or a click elsewhere), as Qt tells the widget."""
    QApplication.sendEvent(widget, QFocusEvent(QEvent.Type.FocusOut, Qt.FocusReason.TabFocusReason))


def test_an_untouched_assessment_reads_not_started(window) -> None:
    aid = sample_assessment(window)
    home = window.show_page("home")
    assert isinstance(home, HomePage)
    score, rating = home.proxy.index(0, 5), home.proxy.index(0, 6)
    assert (score.data(), rating.data()) == ("未开始", "")
    page = open_walkthrough(window, aid)
    assert page.score_label.text() == "未开始"
    assert "不合格" not in page.section_info.text()

    window.workspace.answers.set(aid, "A01", "不符合")
    page.session.reload()
    assert "不合格" in page.score_label.text()
    window.show_page("home")
    assert home.proxy.index(0, 5).data() == "0" and home.proxy.index(0, 6).data() == "不合格"


@pytest.fixture
def cli_list(cli):
    """``wjself assessment list`` in this process (text output)."""
    return lambda: cli("assessment", "list").out


def test_the_command_line_list_also_says_not_started(window, cli_list) -> None:
    aid = sample_assessment(window)
    (line,) = cli_list().splitlines()
    assert line.split("\t")[6] == "未开始"
    window.workspace.answers.set(aid, "A01", "不符合")
    (line,) = cli_list().splitlines()
    assert line.split("\t")[6] == "0% 不合格"


def test_assessment_show_says_not_started_before_the_first_answer(window, cli) -> None:
    aid = sample_assessment(window)
    assert "得分：未开始" in cli("assessment", "show", aid).out
    window.workspace.answers.set(aid, "A01", "不符合")
    assert "得分：0%（不合格）" in cli("assessment", "show", aid).out


def test_an_empty_date_field_looks_empty(window, qtbot) -> None:
    aid = sample_assessment(window)
    page = open_walkthrough(window, aid)
    page.focus_items()
    qtbot.keyClick(page.items, Qt.Key.Key_3)  # A01 不符合: the rectification form with a due date
    due = page.detail.rectification.due
    assert due.text() == ""
    placeholder = due.line.placeholderText()
    assert placeholder == "未填写" and not any(ch.isdigit() for ch in placeholder)
    assert due.line.isClearButtonEnabled() and "2024-03-15" in due.line.toolTip()


def test_the_school_code_is_judged_when_complete_or_left_and_the_stages_stay_put(
    window, qtbot
) -> None:
    wizard = first_start(window)
    assert wizard is not None
    wizard.next()
    identity = wizard.identity
    qtbot.waitUntil(lambda: wizard.currentPage() is identity)
    box = identity.stage_boxes["小学"]
    where = box.mapTo(wizard, box.rect().topLeft())
    notes = []
    for digit in "320412345":
        qtbot.keyClick(identity.code_edit, digit)
        notes.append((identity.code_note.text(), identity.code_note.styleSheet()))
        assert box.mapTo(wizard, box.rect().topLeft()) == where
    # While typing: the hint, never the red problem.
    assert all("b3261e" not in style for _, style in notes), notes
    leave(identity.code_edit)  # the person moves on: now the problem is said
    assert "应为 10 位数字" in identity.code_note.text()
    assert "b3261e" in identity.code_note.styleSheet()
    assert box.mapTo(wizard, box.rect().topLeft()) == where
    qtbot.keyClick(identity.code_edit, "6")
    assert identity.code_note.text().startswith("✓")
    qtbot.keyClick(identity.code_edit, "7")  # eleven digits: complete, and wrong at once
    assert "b3261e" in identity.code_note.styleSheet()
    assert box.mapTo(wizard, box.rect().topLeft()) == where
    wizard.reject()


@pytest.mark.reliability(
    fault="no program on the computer opens PDF files",
    method="the system refuses to open the exported file; 打开文件 must say so with its path",
)
def test_open_file_without_a_pdf_viewer_says_where_the_file_is(
    window, qtbot, prompts, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    aid = sample_assessment(window)
    page = open_walkthrough(window, aid)
    target = tmp_path / "报告.pdf"
    prompts.script("save_file", target)
    qtbot.keyClick(page.items, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    assert isinstance(dialog, ExportDialog)
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.target is not None, timeout=20000)
    monkeypatch.setattr(prompts, "open_path", lambda path: False)  # what openUrl answers
    dialog.open_file_button.click()
    (warning,) = prompts.messages("warn")
    assert "PDF" in warning and str(target) in warning
