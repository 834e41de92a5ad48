"""The bureau's School keys page (学校密钥) on a real bureau folder: a key pinned by a received
bundle is listed; keys are recorded from a key list or a .pub (asking the code it lacks); a
school with another key on record is replaced only when the user agrees; a hostile file
changes nothing."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from tests.helpers.prompts import ScriptedPrompts
from tests.helpers.school_bundles import school_bundle
from wjself.context import DistrictContext
from wjself.core.signing import key_id
from wjself.district import import_bundles
from wjself.formats.key_files import public_key_document, read_key_file
from wjself.key_trust import conflicts, read_requests
from wjself.ui.district_keys import KeysPage
from wjself.ui.district_receive import ReceivePage
from wjself.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def new_key() -> bytes:
    return Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def key_list(path: Path, rows: list[tuple[str, str, bytes]]) -> Path:
    lines = ["学校代码,学校名称,公钥"] + [f"{code},{name},{b64(raw)}" for code, name, raw in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def window(bureau_window: MainWindow) -> MainWindow:
    return bureau_window


def keys_page(window: MainWindow) -> KeysPage:
    page = window.show_page("district-keys")
    assert isinstance(page, KeysPage)
    return page


def cells(page: KeysPage) -> list[list[str]]:
    model = page.table.model()
    return [
        [str(model.index(r, c).data()) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_a_received_bundle_s_key_is_listed_with_its_school(
    window: MainWindow, prompts: ScriptedPrompts, tmp_path: Path, qtbot: Any
) -> None:
    page = keys_page(window)
    assert page.model.rowCount() == 0
    assert window.navigation.item(3).text() == "学校密钥"
    assert window.district.workspace.signing_key.key_id in page.own_key.text()
    bundle = school_bundle(
        tmp_path / "school", tmp_path / "b.wjsa", name="武进区测试小学", code="3204120077"
    )
    receive = window.show_page("district-receive")
    assert isinstance(receive, ReceivePage)
    prompts.script("open_files", [bundle])
    receive.files_button.click()
    qtbot.waitUntil(lambda: not receive.running, timeout=30_000)
    assert receive.summary is not None and len(receive.summary.accepted) == 1
    # The page refreshed on the receive signal, before it is shown again.
    rows = cells(page)
    assert len(rows) == 1
    status, role, code, name, kid, how, _ = rows[0]
    assert (status, role, code, name, how) == (
        "当前",
        "学校",
        "3204120077",
        "武进区测试小学",
        "首个数据包",
    )
    assert kid == receive.summary.accepted[0].key_id


def test_a_key_list_pins_new_schools_and_a_pub_asks_for_its_code(
    window: MainWindow, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    page = keys_page(window)
    one, two, three = new_key(), new_key(), new_key()
    listing = key_list(
        tmp_path / "keys.csv", [("3204120001", "一小", one), ("3204120002", "二小", two)]
    )
    prompts.script("open_file", listing)
    page.record_button.click()
    assert "学校 3204120001" in page.result.text() and key_id(one) in page.result.text()
    rows = cells(page)
    assert [r[2] for r in rows] == ["3204120001", "3204120002"]
    assert all(r[0] == "当前" and r[5] == "密钥清单" for r in rows)
    assert rows[0][3] == ""  # not on a roster, no bundle yet: no name
    pub = tmp_path / "三小.pub"  # exported before the school was registered: no code
    pub.write_bytes(public_key_document(three, "school", "", "", None))
    prompts.script("open_file", pub)
    prompts.script("ask_text", "3204120003")
    page.record_button.click()
    assert "三小.pub" in prompts.asked[-1][2]
    rows = cells(page)
    assert rows[2][2] == "3204120003" and rows[2][4] == key_id(three)
    assert rows[2][5] == "手动核对"
    # The same list again changes nothing, and says so.
    prompts.script("open_file", listing)
    page.record_button.click()
    assert "已记录" in page.result.text()
    assert len(cells(page)) == 3


def test_another_key_is_replaced_only_when_the_user_agrees(
    window: MainWindow, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    page = keys_page(window)
    old, new = new_key(), new_key()
    prompts.script("open_file", key_list(tmp_path / "a.csv", [("3204120001", "一小", old)]))
    page.record_button.click()
    lost = key_list(tmp_path / "new.csv", [("3204120001", "一小", new)])  # the lost-key path
    prompts.script("open_file", lost)
    prompts.script("confirm", False)
    page.record_button.click()
    question = prompts.asked[-1][2]
    assert "3204120001" in question and key_id(old) in question and key_id(new) in question
    assert "拒收" in question
    assert [r[4] for r in cells(page)] == [key_id(old)]
    assert window.district.workspace.keys.pinned_for("school", "3204120001")[0].public_key == old
    prompts.script("open_file", lost)
    prompts.script("confirm", True)
    page.record_button.click()
    assert key_id(old) in page.result.text() and key_id(new) in page.result.text()
    rows = cells(page)
    assert [(r[0], r[4]) for r in rows] == [("当前", key_id(new)), ("已被替换", key_id(old))]


@pytest.mark.reliability(
    fault="Hostile key list in the bureau window",
    method="a key list with one good row and one row whose key is not 32 bytes of base64, and a "
    "file that is not a key list, chosen on the School keys page: the message names the file "
    "and the row, and no key is recorded",
)
def test_a_broken_key_list_shows_its_problem_and_records_nothing(
    window: MainWindow, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    page = keys_page(window)
    broken = tmp_path / "坏清单.csv"
    broken.write_text(
        f"学校代码,公钥\n3204120001,{b64(new_key())}\n3204120002,bm90IGEga2V5\n", encoding="utf-8"
    )
    prompts.script("open_file", broken)
    page.record_button.click()
    text = page.result.text()
    assert "坏清单.csv:2" in text and "公钥应是 32 字节" in text, text
    assert page.model.rowCount() == 0
    junk = tmp_path / "junk.json"
    junk.write_bytes(b"[" * 5000)
    prompts.script("open_file", junk)
    page.record_button.click()
    assert "junk.json" in page.result.text()
    assert window.district.workspace.keys.all_pins() == []


def test_the_shared_function_reads_files_as_the_command_line_does(
    bureau: DistrictContext, tmp_path: Path
) -> None:
    ws = bureau.district.workspace
    old, new = new_key(), new_key()
    first = key_list(tmp_path / "a.csv", [("3204120001", "一小", old)])
    outcomes = ws.keys.pin_many(*read_requests(first, note="电话核对"))
    assert [(o.change, o.key.source, o.key.note) for o in outcomes] == [
        ("new", "key-list", "一小；电话核对")
    ]
    requests, source = read_requests(key_list(tmp_path / "b.csv", [("3204120001", "一小", new)]))
    assert source == "key-list"
    found = conflicts(ws, requests)
    assert [(c.owner(), [k.key_id for k in c.current]) for c in found] == [
        ("学校 3204120001", [key_id(old)])
    ]
    assert conflicts(ws, read_requests(first)[0]) == []


def test_the_filter_and_the_bureau_s_own_public_key(
    window: MainWindow, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    page = keys_page(window)
    rows = [("3204120001", "一小", new_key()), ("3204120002", "二小", new_key())]
    prompts.script("open_file", key_list(tmp_path / "keys.csv", rows))
    page.record_button.click()
    page.filter.setText("120002")
    assert [r[2] for r in cells(page)] == ["3204120002"]
    page.filter.clear()
    assert len(cells(page)) == 2
    prompts.script("save_file", tmp_path / "本局")
    page.export_button.click()
    written = tmp_path / "本局.pub"  # the suffix added
    entries = read_key_file(written)
    own = window.district.workspace.signing_key
    assert [(e.role, e.key_id) for e in entries] == [("bureau", own.key_id)]
    assert own.key_id in page.result.text()


def test_replacing_a_received_school_s_key_names_the_school(
    window: MainWindow, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    bundle = school_bundle(
        tmp_path / "school", tmp_path / "b.wjsa", name="武进区测试小学", code="3204120077"
    )
    summary = import_bundles(window.district, [bundle], lambda *_: None, lambda: False)
    window.changes.bundles_received.emit()
    page = keys_page(window)
    pub = tmp_path / "新密钥.pub"
    pub.write_bytes(public_key_document(new_key(), "school", "武进区测试小学", "3204120077", None))
    prompts.script("open_file", pub)
    prompts.script("confirm", False)
    page.record_button.click()
    question = prompts.asked[-1][2]
    assert "学校 3204120077 武进区测试小学" in question
    assert summary.accepted[0].key_id in question
    assert [r[4] for r in cells(page)] == [summary.accepted[0].key_id]
