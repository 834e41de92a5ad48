"""A school loses its key: the bureau refuses its next bundle as signed by another key, checks
the new key id by phone, re-pins the school with ``keys trust --replace``, and the bundle is
received; the old key stays in the bureau's records as replaced (docs/用户手册.md §十三)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

from tests.cli.results import ok, refused
from tests.helpers.district_schools import make_schools


def test_a_lost_school_key_is_recovered_by_re_pinning(tmp_path: Path, cli: Any) -> None:
    (school,) = make_schools(tmp_path / "made", 1, ("wj2024-canteen",), dt.date.today())
    ((assessment, first),) = school.bundles.items()
    bureau = tmp_path / "教育局"
    out = ok(cli("--district", bureau, "district", "import", first))
    old = json.loads(ok(cli("--data-dir", school.folder, "keys", "show", "--json")))["key_id"]
    assert f"首次收到该校的签名密钥 {old}" in out

    shutil.rmtree(school.folder / "keys")  # the key is lost; the next opening makes a new one
    again = tmp_path / "重新导出.wjsa"
    ok(cli("--data-dir", school.folder, "bundle", "export", assessment, "-o", again))
    new = json.loads(ok(cli("--data-dir", school.folder, "keys", "show", "--json")))["key_id"]
    assert new != old
    refused(cli("--district", bureau, "district", "import", again), "签名密钥不符", old, new)

    pub = tmp_path / "学校新公钥.pub"
    ok(cli("--data-dir", school.folder, "keys", "export", "-o", pub))
    refused(cli("--district", bureau, "keys", "trust", pub), "--replace")
    out = ok(cli("--district", bureau, "keys", "trust", pub, "--replace", "--note", "电话核对"))
    assert f"已用密钥 {new} 替换 {old}" in out
    ok(cli("--district", bureau, "district", "import", again))

    pins = json.loads(ok(cli("--district", bureau, "keys", "show", "--json")))["trusted"]
    assert [(p["key_id"], p["source"]) for p in pins] == [(old, "replaced"), (new, "manual")]
    assert "first-bundle" in pins[0]["note"]
