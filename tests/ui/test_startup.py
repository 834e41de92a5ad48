"""The window starts offscreen, says which data folder it uses, and shows Chinese with the bundled font."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QApplication

from wjself.ui.application import create_application

pytestmark = pytest.mark.gui


def test_window_names_data_folder(window, data_dir: Path, prompts) -> None:
    assert str(data_dir) in window.data_label.text()
    assert window.context.log_file.parent == data_dir / "logs"
    assert window.context.lock is not None and window.context.lock.held
    window.show_about()
    about = prompts.messages("inform")[-1]
    assert str(data_dir) in about and "wjself.log" in about


def test_window_remembers_its_size(qtbot, context, prompts) -> None:
    from wjself.ui.main_window import MainWindow
    from wjself.ui.preferences import Preferences

    first = MainWindow(context, prompts, Preferences(context.paths.root))
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(1101, 703)  # not the first size; at least 1024×700 on a laptop
    qtbot.waitUntil(lambda: first.width() == 1101)
    first.close()
    second = MainWindow(context, prompts, Preferences(context.paths.root))
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (1101, 703)


def test_bundled_font_renders_chinese(qapp: QApplication) -> None:
    create_application()
    families = [f for f in QFontDatabase.families() if "WenQuanYi" in f]
    assert families, "bundled WenQuanYi Micro Hei was not registered"
    bundled = QFontMetrics(QFont(families[0], 12))
    app_font = qapp.font()
    own = QFontMetrics(app_font)
    falls_back = families[0] in QFont.substitutes(app_font.family())
    for ch in "武进学校自评润心食堂§≥":
        assert bundled.inFontUcs4(ord(ch)), ch
        assert own.inFontUcs4(ord(ch)) or falls_back, ch


def test_exit_after_startup(run_cli, data_dir: Path) -> None:
    result = run_cli("--exit-after-startup", "--data-dir", data_dir / "other")
    assert result.code == 0, result.err
    assert (data_dir / "other" / "logs" / "wjself.log").exists()
