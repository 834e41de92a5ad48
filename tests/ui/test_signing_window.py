"""The window's side of signing: the settings page shows the key and exports the public key;
the templates page shows a template's signature, pins the bureau key, asks about another key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import Qt

from tests.helpers.template_files import newer_version
from tests.store.conftest import primary_school
from tests.ui.test_templates_page import form_texts, installed_rows
from wjself.formats.signature import key_id, public_raw, write_detached

pytestmark = pytest.mark.gui

BUREAU = {"role": "bureau", "name": "武进区教育局"}


def test_settings_show_the_key_and_export_it(window, qtbot, prompts, tmp_path: Path) -> None:
    window.workspace.schools.add(primary_school())
    page = window.show_page("settings")
    key = window.workspace.signing_key
    box = page.signing_box
    assert box.key_label.text() == f"密钥编号：{key.key_id}"
    assert box.export_button.text().startswith("导出公钥")
    target = tmp_path / "本校公钥"
    prompts.script("save_file", target)
    box.export_button.click()
    written = tmp_path / "本校公钥.pub"
    doc = json.loads(written.read_text("utf-8"))
    assert doc["key_id"] == key.key_id and doc["format"] == "wjself-public-key"
    assert doc["code"] == primary_school().code
    assert key.key_id in box.done_label.text()


def _signed(tmp_path: Path, name: str, version: str, key: Ed25519PrivateKey) -> Path:
    path = tmp_path / name
    newer_version(path, version)
    write_detached(path, key, BUREAU, path.read_bytes())
    return path


def _import(window, qtbot, prompts, path: Path):  # type: ignore[no-untyped-def]
    page = window.show_page("templates")
    prompts.script("open_files", [path])
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    return page


def test_a_signed_template_pins_the_bureau_key(window, qtbot, prompts, tmp_path: Path) -> None:
    bureau = Ed25519PrivateKey.generate()
    kid = key_id(public_raw(bureau))
    path = _signed(tmp_path, "safety-2024.3.json", "2024.3", bureau)
    page = _import(window, qtbot, prompts, path)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.preview)
    assert "导入时记录" in form_texts(page.preview.facts)["签名"]
    qtbot.mouseClick(page.preview.install_button, Qt.MouseButton.LeftButton)
    assert f"已记录区教育局密钥 {kid}" in page.banner.text()
    assert [k.key_id for k in window.workspace.keys.pinned_for("bureau", "")] == [kid]

    # another key: asked; declined: nothing installed
    other = _signed(tmp_path, "safety-2024.4.json", "2024.4", Ed25519PrivateKey.generate())
    prompts.script("confirm", False)
    page = _import(window, qtbot, prompts, other)
    qtbot.waitUntil(lambda: "未导入" in page.banner.text())
    assert kid in prompts.asked[-1][2]
    assert ("wj2024-safety", "2024.4") not in [r[:2] for r in installed_rows(window)]


def test_an_unsigned_template_says_so(window, qtbot, prompts, tmp_path: Path) -> None:
    path = tmp_path / "safety-2024.3.json"
    newer_version(path)
    page = _import(window, qtbot, prompts, path)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.preview)
    assert form_texts(page.preview.facts)["签名"].startswith("未签名")
    qtbot.mouseClick(page.preview.install_button, Qt.MouseButton.LeftButton)
    assert "模板未签名" in page.banner.text()


def test_a_tampered_template_is_listed_as_a_problem(window, qtbot, prompts, tmp_path: Path) -> None:
    path = _signed(tmp_path, "safety-2024.3.json", "2024.3", Ed25519PrivateKey.generate())
    newer_version(path, "2024.5")  # changed after signing
    page = _import(window, qtbot, prompts, path)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.problems)
    messages = [
        page.problems.model.index(r, 4).data() for r in range(page.problems.model.rowCount())
    ]
    assert any("签名无效" in m for m in messages)


@pytest.mark.reliability(
    fault="Damaged signing key file", method="window: settings page and bundle export"
)
def test_a_damaged_key_is_said_not_crashed_on(window, qtbot, prompts, tmp_path: Path) -> None:
    paths = window.context.paths
    paths.signing_key.write_bytes(b"damaged")
    window.workspace._key = None  # as at the next start
    page = window.show_page("settings")
    page.signing_box.refresh()
    assert page.signing_box.key_label.text() == "签名密钥不可用"
    assert not page.signing_box.export_button.isEnabled()
    assert "签名密钥文件" in page.signing_box.created_label.text()
