"""The written 自查报告 travels in the bundle (``narrative.json``), is covered by the fingerprint
(scheme 3) and is checked like typed text when the bundle is read; older bundles have none."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from tests.formats.test_bundle import entries, rewrite
from tests.helpers.views import GENERATED, NARRATIVE, sample_view
from wjself.core.assessment import Status
from wjself.core.errors import InputError
from wjself.core.narrative import Narrative
from wjself.formats.bundle import MANIFEST, export_bundle, read_bundle, verify_bundle
from wjself.formats.bundle import NARRATIVE as NARRATIVE_JSON


def bundle_of(tmp_path: Path, status: Status = Status.FINALIZED) -> Path:
    v = sample_view(tmp_path / "ev", status, narrative=NARRATIVE)
    target = tmp_path / "n.wjsa"
    export_bundle(v, target, generated_at=GENERATED)
    return target


def test_the_narrative_round_trips_and_is_in_the_fingerprint(tmp_path: Path) -> None:
    path = bundle_of(tmp_path)
    report = verify_bundle(path)
    assert report.ok, report.problems
    manifest = json.loads(entries(path)[MANIFEST])
    assert manifest["fingerprint_scheme"] == 3 and "narrative" in manifest["fingerprint_parts"]
    assert read_bundle(path).narrative == NARRATIVE
    assert json.loads(entries(path)[NARRATIVE_JSON]) == {"narrative": NARRATIVE.as_dict()}


@pytest.mark.reliability(
    fault="Hostile bundle",
    method="narrative.json edited and its hash in the manifest updated (fingerprint catches it)",
)
def test_a_narrative_changed_after_finalizing_fails_the_fingerprint(tmp_path: Path) -> None:
    path = bundle_of(tmp_path)
    files = entries(path)
    changed = {"narrative": NARRATIVE.replace("存在问题", "无。").as_dict()}
    data = json.dumps(changed, ensure_ascii=False).encode()
    manifest = json.loads(files[MANIFEST])
    manifest["files"][NARRATIVE_JSON] = {
        "sha256": hashlib.sha256(data).hexdigest(),
        "size": len(data),
    }
    files[NARRATIVE_JSON] = data
    files[MANIFEST] = json.dumps(manifest, ensure_ascii=False).encode()
    rewrite(path, files)
    report = verify_bundle(path)
    assert not report.ok
    assert any("指纹不符" in p and "自查报告（文字部分）" in p for p in report.problems), (
        report.problems
    )


@pytest.mark.reliability(
    fault="Hostile bundle", method="narrative.json with an unknown part and a control character"
)
def test_a_hostile_narrative_is_refused_when_read(tmp_path: Path) -> None:
    path = bundle_of(tmp_path, Status.DRAFT)
    files = entries(path)
    data = json.dumps({"narrative": {"附件": "x", "基本情况": "a\u0007b"}}).encode()
    manifest = json.loads(files[MANIFEST])
    manifest["files"][NARRATIVE_JSON] = {
        "sha256": hashlib.sha256(data).hexdigest(),
        "size": len(data),
    }
    files[NARRATIVE_JSON] = data
    files[MANIFEST] = json.dumps(manifest).encode()
    rewrite(path, files)
    report = verify_bundle(path)
    assert any("未知的部分“附件”" in p for p in report.problems), report.problems
    assert any("基本情况：含有控制字符" in p for p in report.problems), report.problems
    with pytest.raises(InputError):
        read_bundle(path)


def test_a_bundle_without_narrative_json_reads_as_nothing_written(tmp_path: Path) -> None:
    """As a draft bundle of wjself 1.1 (scheme 2, no narrative.json) reads."""
    path = bundle_of(tmp_path, Status.DRAFT)
    files = entries(path)
    del files[NARRATIVE_JSON]
    manifest = json.loads(files[MANIFEST])
    del manifest["files"][NARRATIVE_JSON]
    manifest["fingerprint_scheme"] = 2
    manifest["fingerprint_parts"].pop("narrative")
    files[MANIFEST] = json.dumps(manifest).encode()
    rewrite(path, files)
    report = verify_bundle(path)
    assert report.ok, report.problems
    assert read_bundle(path).narrative == Narrative()
    with zipfile.ZipFile(path) as zf:
        assert NARRATIVE_JSON not in zf.namelist()
