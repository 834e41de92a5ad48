"""Safety in the window: a second window is refused, a bug shows the log file, F1 opens help."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QPushButton

from tests.helpers.prompts import ScriptedPrompts
from tests.store.conftest import primary_school
from wjself.app import run_gui
from wjself.core.errors import InputError
from wjself.ui.application import install_crash_dialog
from wjself.ui.feedback import show_failure

pytestmark = pytest.mark.gui


def test_a_second_window_on_the_same_folder_is_refused(window, data_dir: Path) -> None:
    assert window.context.lock is not None and window.context.lock.held
    before = sorted(p.name for p in data_dir.rglob("*") if p.is_file() and p.suffix != ".log")
    told = ScriptedPrompts()
    # Should the refusal ever break, the second window must not hang the test run.
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(QApplication.quit)
    guard.start(20_000)
    try:
        code = run_gui(prompts=told)
    finally:
        guard.stop()
    assert code == 2
    ((kind, title, text),) = told.asked
    assert kind == "error" and title == "武进学校自评无法打开"
    assert f"数据文件夹 {data_dir} 已在另一个 wjself 窗口中打开" in text
    assert "请切换到那个窗口" in text and "没有改动" in text
    after = sorted(p.name for p in data_dir.rglob("*") if p.is_file() and p.suffix != ".log")
    assert after == before
    assert window.context.lock.held  # the first window keeps its folder


@pytest.mark.qt_no_exception_capture
def test_a_bug_in_a_slot_names_the_log_file_and_keeps_the_data(
    window, qtbot, prompts, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    install_crash_dialog(window)
    school = window.workspace.schools.add(primary_school())

    def broken() -> None:
        raise RuntimeError("测试中故意引发的错误")

    button = QPushButton("坏按钮", window)
    button.clicked.connect(broken)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    ((kind, title, text),) = prompts.asked
    log_file = window.context.log_file
    assert kind == "error" and title == "意外错误"
    assert "已保存的答案都是安全的" in text and str(log_file) in text
    logged = log_file.read_text("utf-8")
    assert "unexpected error" in logged and "RuntimeError: 测试中故意引发的错误" in logged
    assert "in broken" in logged  # with the traceback
    assert window.workspace.schools.list() == [school]
    assert window.show_page("settings").schools_model.rowCount() == 1  # still working


def test_refusals_are_warnings_and_bugs_go_to_the_log(window, prompts) -> None:
    show_failure(window, "没有保存", InputError("备注过长"))
    assert prompts.asked[-1] == ("warn", "没有保存", "备注过长")
    show_failure(window, "没有保存", KeyError("某个键"))
    kind, _title, text = prompts.asked[-1]
    assert kind == "error" and str(window.context.log_file) in text
    assert "KeyError: '某个键'" in window.context.log_file.read_text("utf-8")


def test_f1_opens_the_user_guide_inside_the_program(window, qtbot) -> None:
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.help_window is not None)
    guide = window.help_window
    assert guide.isVisible()
    text = guide.browser.toPlainText()
    assert text.startswith("武进学校自评 用户手册")
    assert "完成自评与签字" in text and "快捷键" in text
    # Its pictures are the real screenshots, found beside the guide.
    image = guide.browser.document().resource(
        QTextDocument.ResourceType.ImageResource, QUrl("screenshots/home.png")
    )
    assert image is not None and not image.isNull()
    # The contents' links jump to their sections.
    assert guide.jump_to("十一出现问题怎么办")
    assert guide.browser.textCursor().block().text() == "十一、出现问题怎么办"
    assert not guide.jump_to("没有这一节")
    # Every shortcut the window registers is in the guide's table.
    for keys, _ in window.shortcuts:
        first = keys.split(" / ")[0].split("（")[0].strip()
        assert first.replace("Enter", "回车") in text or first in text, keys
