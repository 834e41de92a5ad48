"""The Settings page: backup and restore, language, operator, data folder."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.helpers.keyboard import type_text
from tests.store.conftest import primary_school
from wjself.store import backup
from wjself.ui.application import create_application
from wjself.ui.i18n import CHINESE, ENGLISH
from wjself.ui.preferences import Preferences

pytestmark = pytest.mark.gui


def school_names(database: Path) -> list[str]:
    with (
        backup.database_in(database) as file,
        contextlib.closing(sqlite3.connect(file)) as db,
    ):
        return [r[0] for r in db.execute("SELECT name FROM schools ORDER BY id")]


def test_backup_now_then_restore_from_the_list(window, qtbot, prompts, data_dir: Path) -> None:
    ws = window.workspace
    ws.schools.add(primary_school(name="备份之前的学校"))
    page = window.show_page("settings")
    target = data_dir / "backups" / "manual-20240601-120000.wjbak"
    prompts.script("save_file", target)
    qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
    suggested = Path(prompts.asked[-1][2])
    assert suggested.parent == data_dir / "backups" and suggested.name.startswith("manual-")
    qtbot.waitUntil(lambda: "已备份到" in page.backup_note.text())
    assert str(target) in page.backup_note.text()
    assert school_names(target) == ["备份之前的学校"]

    ws.schools.add(primary_school(name="备份之后的学校", code="3204120002"))
    page.refresh()
    listed = [page.backups_model.index(r, 3).data() for r in range(page.backups_model.rowCount())]
    assert target.name in listed
    row = listed.index(target.name)
    assert page.backups_model.index(row, 0).data() == "2024-06-01 12:00:00"
    assert page.backups_model.index(row, 1).data() == "手动"
    assert page.backups_model.index(row, 2).data().endswith("KB")
    page.backups_view.selectRow(row)

    prompts.script("confirm", False)  # asked to think again: nothing happens
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert len(ws.schools.list()) == 2

    prompts.script("confirm", True)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    warning = prompts.messages("confirm")[-1]
    assert "替换当前的全部数据" in warning and "2024-06-01 12:00" in warning
    assert [s.name for s in ws.schools.list()] == ["备份之前的学校"]
    assert school_names(data_dir / "wjself.db") == ["备份之前的学校"]
    assert "已恢复到 2024-06-01 12:00 的数据" in prompts.messages("inform")[-1]
    # The pages show the restored data, and the data replaced was kept.
    assert [s.name for s in page.schools_model.records()] == ["备份之前的学校"]
    kinds = [page.backups_model.index(r, 1).data() for r in range(page.backups_model.rowCount())]
    assert "恢复前" in kinds
    pre = next(p for p in ws.backups() if p.name.startswith("pre-restore-"))
    assert school_names(pre) == ["备份之前的学校", "备份之后的学校"]


def test_restoring_a_file_that_is_no_backup_changes_nothing(
    window, qtbot, prompts, tmp_path: Path
) -> None:
    ws = window.workspace
    ws.schools.add(primary_school())
    page = window.show_page("settings")
    fake = tmp_path / "照片.db"
    fake.write_bytes(b"not a database at all" * 100)
    prompts.script("open_file", fake)
    prompts.script("confirm", True)
    page.restore_from_file()
    assert "不是 SQLite 数据库文件" in prompts.messages("warn")[-1]
    assert [s.name for s in ws.schools.list()] == ["武进区测试小学"]


def test_window_backup_file_carries_the_evidence_to_another_folder(
    window, qtbot, prompts, tmp_path: Path
) -> None:
    """立即备份 writes one file with the evidence; restoring it (as on a new computer, with the
    evidence folder emptied) brings every file back, byte for byte; a tampered copy is refused
    and changes nothing."""
    import zipfile

    from tests.helpers.factory import item, template

    ws = window.workspace
    school = ws.schools.add(primary_school())
    tpl = template([item("A01")], id="ui-backup")
    ws.templates.install(tpl)
    aid = ws.assessments.new(school.id, tpl.id, None, "2024")
    note = tmp_path / "记录.txt"
    note.write_text("检查记录\n" * 30, "utf-8")
    attached = ws.evidence.add(aid, "A01", note)
    stored = Path(attached.path).read_bytes()
    page = window.show_page("settings")
    target = tmp_path / "u盘" / "全年"
    target.parent.mkdir()
    prompts.script("save_file", target)
    qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已备份到" in page.backup_note.text())
    written = target.with_name("全年.wjbak")
    assert written.is_file()

    ws.evidence.remove(attached.id)
    assert not Path(attached.path).exists()
    tampered = tmp_path / "改过.wjbak"
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(tampered, "w") as out:
        for info in source.infolist():
            data = source.read(info.filename)
            out.writestr(info.filename, b"X" * len(data) if "evidence/" in info.filename else data)
    prompts.script("open_file", tampered)
    prompts.script("confirm", True)
    page.restore_from_file()
    assert "SHA-256 不符" in prompts.messages("warn")[-1]
    assert not Path(attached.path).exists()

    prompts.script("open_file", written)
    prompts.script("confirm", True)
    page.restore_from_file()
    (back,) = ws.assessments.view(aid).answers["A01"].evidence
    assert Path(back.path).read_bytes() == stored


def test_language_switch_to_english(window, qtbot, context, prompts) -> None:
    """The language applies at once (issue #14): the pages are made again in it."""
    page = window.show_page("settings")
    page.language_box.setCurrentIndex(page.language_box.findData(ENGLISH))
    assert Preferences(context.paths.root).language == ENGLISH
    try:
        qtbot.waitUntil(lambda: window.navigation.item(0).text() == "Home")
        titles = [window.navigation.item(r).text() for r in range(window.navigation.count())]
        assert titles[-3:] == ["Rectifications", "Templates", "Settings"]
        assert window.pages["templates"].import_button.text() == "&Import template…"
        settings = window.current_page()
        assert settings is window.pages["settings"] and settings is not page  # still there
        assert settings.backup_button.text() == "&Back up now…"
        assert settings.language_box.currentData() == ENGLISH
        assert window.file_menu.title() == "&File"
        settings.language_box.setCurrentIndex(settings.language_box.findData(CHINESE))
        qtbot.waitUntil(lambda: window.navigation.item(0).text() == "首页")
        assert Preferences(context.paths.root).language == CHINESE
        assert window.current_page() is window.pages["settings"]
    finally:
        create_application(CHINESE)


def test_operator_name_is_what_changes_are_recorded_as(
    window, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WJSELF_USER", raising=False)
    page = window.show_page("settings")
    type_text(page.operator_edit, "安全办 陈老师")
    qtbot.keyClick(page.operator_edit, Qt.Key.Key_Return)
    assert window.workspace.operator == "安全办 陈老师"
    assert "当前署名：安全办 陈老师" in page.operator_note.text()
    window.workspace.schools.add(primary_school())
    with contextlib.closing(sqlite3.connect(window.context.paths.database)) as db:
        (who,) = db.execute("SELECT who FROM audit_log WHERE action = 'school.add'").fetchone()
    assert who == "安全办 陈老师"


def test_data_folder_and_log_are_shown_and_the_folder_opens(
    window, qtbot, prompts, data_dir: Path
) -> None:
    page = window.show_page("settings")
    texts = [label.text() for label in page.findChildren(QLabel)]
    assert str(data_dir) in texts and str(window.context.log_file) in texts
    page.open_data_folder()
    assert prompts.asked[-1] == ("open_path", str(data_dir), "")
