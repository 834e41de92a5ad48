"""``keys trust FILE --code``: a ``.pub`` exported before the school was registered names no
school; the bureau gives its code on the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def test_a_pub_naming_no_school_is_recorded_with_code(tmp_path: Path, cli: Any) -> None:
    school, bureau, pub = tmp_path / "school", tmp_path / "bureau", tmp_path / "k.pub"
    assert cli("--data-dir", str(school), "keys", "export", "-o", str(pub)).code == 0
    refused = cli("--district", str(bureau), "keys", "trust", str(pub))
    assert refused.code == 2 and "缺少学校代码" in refused.err
    done = cli("--district", str(bureau), "keys", "trust", str(pub), "--code", "3204120009")
    assert done.code == 0, done.err
    assert "学校 3204120009：已记录密钥" in done.out
