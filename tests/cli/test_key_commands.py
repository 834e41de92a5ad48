"""``wjself keys show|export|trust|sign`` and ``template import`` of signed templates."""

from __future__ import annotations

import base64
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.cli.results import ok, refused
from tests.conftest import SAMPLE
from tests.reliability.plugin import tally
from wjself.formats.signature import MAX_SIGNATURE_JSON, key_id, public_raw, sig_path


def _pub(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def test_show_export_and_trust_a_school_key(tmp_path: Path, cli: Any) -> None:
    school, bureau = tmp_path / "school", tmp_path / "bureau"
    ok(cli("--data-dir", school, "demo"))
    shown = json.loads(ok(cli("--data-dir", school, "keys", "show", "--json")))
    assert shown["trusted"] == [] and len(base64.b64decode(shown["public_key"])) == 32
    assert f"本机密钥：{shown['key_id']}" in ok(cli("--data-dir", school, "keys", "show"))
    pub = tmp_path / "学校.pub"
    out = ok(cli("--data-dir", school, "keys", "export", "-o", pub))
    assert shown["key_id"] in out
    doc = json.loads(pub.read_text("utf-8"))
    assert doc["format"] == "wjself-public-key" and doc["role"] == "school"
    assert doc["code"] == "9999999901" and doc["key_id"] == shown["key_id"]

    out = ok(cli("--data-dir", bureau, "keys", "trust", pub))
    assert f"学校 9999999901：已记录密钥 {shown['key_id']}" in out
    assert "未改动" in ok(cli("--data-dir", bureau, "keys", "trust", pub))
    pins = json.loads(ok(cli("--data-dir", bureau, "keys", "show", "--json")))["trusted"]
    assert [(p["code"], p["key_id"], p["source"]) for p in pins] == [
        ("9999999901", shown["key_id"], "manual")
    ]


def test_a_lost_key_is_re_pinned_with_replace_and_the_old_one_kept(
    tmp_path: Path, cli: Any
) -> None:
    bureau = tmp_path / "bureau"
    old, new = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    first, second = tmp_path / "old.pub", tmp_path / "new.pub"
    for path, key in ((first, old), (second, new)):
        path.write_text(json.dumps({"public_key": _pub(public_raw(key)), "code": "3204120001"}))
    ok(cli("--data-dir", bureau, "keys", "trust", first))
    refused(
        cli("--data-dir", bureau, "keys", "trust", second), "--replace", key_id(public_raw(old))
    )
    out = ok(cli("--data-dir", bureau, "keys", "trust", second, "--replace", "--note", "电话核对"))
    assert "替换" in out and key_id(public_raw(old)) in out
    pins = json.loads(ok(cli("--data-dir", bureau, "keys", "show", "--json")))["trusted"]
    assert [p["source"] for p in pins] == ["replaced", "manual"]
    assert "电话核对" in pins[1]["note"]
    assert "已被替换" in ok(cli("--data-dir", bureau, "keys", "show"))


def test_a_key_list_is_all_or_nothing(tmp_path: Path, cli: Any) -> None:
    bureau = tmp_path / "bureau"
    keys = [public_raw(Ed25519PrivateKey.generate()) for _ in range(3)]
    rows = ["学校代码,学校名称,公钥,密钥编号"]
    rows += [f"320412000{i},学校{i},{_pub(k)},{key_id(k)}" for i, k in enumerate(keys)]
    listing = tmp_path / "keys.csv"
    listing.write_text("\n".join(rows) + "\n", encoding="utf-8-sig")
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join([*rows[:2], rows[2].replace(key_id(keys[1]), "0000-0000-0000-0000"),
                              "3204120009,x,not-a-key,"]), encoding="utf-8")  # fmt: skip
    err = refused(cli("--data-dir", bureau, "keys", "trust", bad), "bad.csv:2", "bad.csv:3")
    assert "与公钥不符" in err and "base64" in err
    assert json.loads(ok(cli("--data-dir", bureau, "keys", "show", "--json")))["trusted"] == []
    out = ok(cli("--data-dir", bureau, "keys", "trust", listing))
    assert out.count("已记录密钥") == 3
    pins = json.loads(ok(cli("--data-dir", bureau, "keys", "show", "--json")))["trusted"]
    assert {p["source"] for p in pins} == {"key-list"} and len(pins) == 3
    as_json = tmp_path / "keys.json"
    as_json.write_text(json.dumps({"keys": [{"code": "3204120000", "public_key": _pub(keys[1])}]}))
    refused(cli("--data-dir", bureau, "keys", "trust", as_json), "--replace")


@pytest.fixture
def template(tmp_path: Path) -> Path:
    target = tmp_path / "发布" / "模板.json"
    target.parent.mkdir()
    shutil.copy(SAMPLE, target)
    return target


def test_signed_templates_pin_the_bureau_key(tmp_path: Path, cli: Any, template: Path) -> None:
    school, bureau, other = tmp_path / "school", tmp_path / "bureau", tmp_path / "other"
    out = ok(cli("--data-dir", bureau, "keys", "sign", template, "--name", "武进区教育局"))
    bureau_id = json.loads(ok(cli("--data-dir", bureau, "keys", "show", "--json")))["key_id"]
    assert sig_path(template).is_file() and bureau_id in out

    result = cli("--data-dir", school, "template", "import", template)
    assert result.code == 0 and result.out.strip().count("\n") == 0  # stdout: "id version"
    assert f"已记录区教育局密钥 {bureau_id}，请与区教育局电话核对" in result.err
    again = cli("--data-dir", school, "template", "import", template)
    assert f"签名：有效（区教育局密钥 {bureau_id}）" in again.err

    ok(cli("--data-dir", other, "keys", "sign", template))
    refused(cli("--data-dir", school, "template", "import", template), "--accept-key", bureau_id)
    accepted = cli("--data-dir", school, "template", "import", template, "--accept-key")
    assert accepted.code == 0 and "已替换区教育局密钥" in accepted.err

    sig_path(template).unlink()
    unsigned = cli("--data-dir", school, "template", "import", template)
    assert unsigned.code == 0 and "模板未签名" in unsigned.err


def test_a_template_changed_after_signing_is_refused(
    tmp_path: Path, cli: Any, template: Path
) -> None:
    ok(cli("--data-dir", tmp_path / "bureau", "keys", "sign", template))
    doc = json.loads(template.read_text("utf-8"))
    doc["title"] += "（改）"
    template.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    refused(cli("--data-dir", tmp_path / "school", "template", "import", template), "签名无效")
    listed = json.loads(ok(cli("--data-dir", tmp_path / "school", "template", "list", "--json")))
    assert doc["id"] not in {t["id"] for t in listed}  # nothing installed


@pytest.mark.reliability(
    fault="Hostile .sig beside a template",
    method="template import with FILE.sig a FIFO, a link, a folder, huge, not JSON",
)
def test_template_import_with_a_hostile_sig_is_refused(
    tmp_path: Path, cli: Any, template: Path
) -> None:
    sig = sig_path(template)
    elsewhere = tmp_path / "real.sig"
    elsewhere.write_text("{}")
    makers = {
        "link": lambda: sig.symlink_to(elsewhere),
        "folder": sig.mkdir,
        "huge": lambda: sig.write_bytes(b"{" + b" " * MAX_SIGNATURE_JSON + b"}"),
        "not json": lambda: sig.write_bytes(b"\x89PNG"),
    }
    if hasattr(os, "mkfifo"):
        makers["fifo"] = lambda: os.mkfifo(sig)
    for name, make in makers.items():
        make()
        refused(cli("--data-dir", tmp_path / "school", "template", "import", template), "签名无效")
        if sig.is_dir() and not sig.is_symlink():
            sig.rmdir()
        else:
            sig.unlink()
        tally()
        assert name
