"""The Chinese translation is complete, in step with the source, and what the window shows."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from tests.conftest import REPO
from wjself.app import bootstrap
from wjself.ui.application import create_application
from wjself.ui.i18n import CHINESE, ENGLISH
from wjself.ui.main_window import MainWindow

pytestmark = pytest.mark.gui

spec = importlib.util.spec_from_file_location("i18n_script", REPO / "scripts" / "i18n.py")
assert spec and spec.loader
i18n = importlib.util.module_from_spec(spec)
spec.loader.exec_module(i18n)


def test_every_string_is_translated() -> None:
    missing = [(c, s) for c, s, t in i18n.messages(i18n.ts_file(CHINESE)) if t is None]
    assert not missing, (
        f"untranslated: {missing[:10]} — run scripts/i18n.py update, translate, release"
    )


def test_ts_is_generated_from_the_source_and_the_catalogue(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    shutil.copy(i18n.ts_file(CHINESE), fresh)
    i18n.lupdate(fresh, CHINESE)
    i18n.apply(fresh, CHINESE, i18n.catalogue(CHINESE))
    committed = set(i18n.messages(i18n.ts_file(CHINESE)))
    current = set(i18n.messages(fresh))
    assert current == committed, (
        f"run scripts/i18n.py — new: {sorted(current - committed)[:5]}, gone: {sorted(committed - current)[:5]}"
    )


def test_qm_is_built_from_the_ts(tmp_path: Path) -> None:
    built = tmp_path / "built.qm"
    i18n.lrelease(i18n.ts_file(CHINESE), built)
    assert built.read_bytes() == i18n.qm_file(CHINESE).read_bytes(), "run scripts/i18n.py release"


def test_window_speaks_chinese_by_default_and_english_on_request(qapp: QApplication, qtbot) -> None:
    context = bootstrap()
    create_application(CHINESE)
    window = MainWindow(context)
    qtbot.addWidget(window)
    assert window.windowTitle().startswith("武进学校自评")
    assert window.data_label.text().startswith("数据文件夹：")
    create_application(ENGLISH)
    english = MainWindow(context)
    qtbot.addWidget(english)
    assert english.windowTitle().startswith("Wujin School Self-Assessment")
    create_application(CHINESE)
