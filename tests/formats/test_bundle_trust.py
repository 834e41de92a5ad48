"""Bundles trust nothing in their manifest that is not checked: the school profile is inside
the fingerprint (scheme 2), the score is recomputed from the bundle's own content, and
wjself 1.0 bundles (scheme 1) still verify as what they are."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Result
from tests.formats.test_bundle import entries, rewrite
from tests.helpers.views import GENERATED, sample_view
from wjself.core.assessment import AssessmentView
from wjself.core.errors import InputError
from wjself.core.fingerprint import assessment_fingerprint
from wjself.formats.bundle import MANIFEST, export_bundle, read_bundle, verify_bundle


@pytest.fixture
def exported(tmp_path: Path) -> tuple[AssessmentView, Path]:
    v = sample_view(tmp_path / "evidence")
    target = tmp_path / "a.wjsa"
    export_bundle(v, target, generated_at=GENERATED)
    return v, target


def edit_manifest(path: Path, change: Any) -> None:
    files = entries(path)
    manifest = json.loads(files[MANIFEST])
    change(manifest)
    files[MANIFEST] = json.dumps(manifest, ensure_ascii=False).encode()
    rewrite(path, files)


@pytest.mark.reliability(
    fault="Hostile bundle",
    method="a school fact (has_canteen) flipped in the manifest of a finalized bundle",
)
def test_flipped_school_fact_is_refused_naming_what_differs(
    exported: tuple[AssessmentView, Path], cli: Any
) -> None:
    v, path = exported
    assert v.school.fact("has_canteen")

    def flip(m: dict[str, Any]) -> None:
        m["school"]["facts"]["has_canteen"] = False

    edit_manifest(path, flip)
    report = verify_bundle(path)
    assert not report.ok
    text = "\n".join(report.problems)
    assert "指纹不符" in text and "与定稿时不同的是：学校概况" in text
    with pytest.raises(InputError, match="指纹不符"):
        read_bundle(path)
    result: Result = cli("bundle", "verify", path)
    assert result.code == 2
    assert "学校概况" in result.err and "Traceback" not in result.err + result.out


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        (("school", "stages"), ["初中"], "学校概况"),
        (("school", "township"), "牛塘镇", "学校概况"),
        (("school", "principal"), "张三", "学校概况"),
        (("period",), "2023", "自评周期"),
        (("upgraded_from",), "2023.9", "升级来源版本"),
        (("signoff", "finalized_at"), "2020-01-01T10:00:00", "审核与签章"),
        (("signoff", "reviewed_by"), "别人", "审核与签章"),
    ],
)
@pytest.mark.reliability(
    fault="Hostile bundle", method="any covered manifest field edited (profile, period, sign-off)"
)
def test_every_covered_manifest_field_is_checked(
    exported: tuple[AssessmentView, Path], field: tuple[str, ...], value: Any, expected: str
) -> None:
    _, path = exported

    def change(m: dict[str, Any]) -> None:
        target = m
        for key in field[:-1]:
            target = target[key]
        target[field[-1]] = value

    edit_manifest(path, change)
    report = verify_bundle(path)
    assert any(p.startswith("指纹不符") and expected in p for p in report.problems), report.problems


@pytest.mark.reliability(
    fault="Hostile bundle", method="score or template title claimed in the manifest edited"
)
def test_claimed_score_and_title_are_checked(exported: tuple[AssessmentView, Path]) -> None:
    _, path = exported

    def boast(m: dict[str, Any]) -> None:
        m["score"]["percent"] = 99.5
        m["score"]["band"] = "优秀"
        m["template"]["title"] = "另一张表"

    edit_manifest(path, boast)
    problems = verify_bundle(path).problems
    assert any("得分不符" in p and "总得分率 清单记录 99.5%" in p for p in problems), problems
    assert any("检查表名称“另一张表”" in p for p in problems), problems


@pytest.mark.reliability(
    fault="Hostile bundle", method="unknown fingerprint scheme in the manifest"
)
def test_unknown_scheme_is_refused(exported: tuple[AssessmentView, Path]) -> None:
    _, path = exported

    def future(m: dict[str, Any]) -> None:
        m["fingerprint_scheme"] = 7

    edit_manifest(path, future)
    with pytest.raises(InputError, match="指纹方案 7 不受支持"):
        verify_bundle(path)


def as_wjself_1_0(v: AssessmentView, path: Path) -> str:
    """Rewrite an exported bundle the way wjself 1.0 wrote it: format 1, scheme 1, no score."""
    assert v.signoff is not None
    old = dataclasses.replace(v, signoff=dataclasses.replace(v.signoff, scheme=1, fingerprint=""))
    fp = assessment_fingerprint(old)

    def downgrade(m: dict[str, Any]) -> None:
        m["format_version"] = 1
        m["fingerprint"] = fp
        for key in ("fingerprint_scheme", "fingerprint_parts", "score"):
            del m[key]

    edit_manifest(path, downgrade)
    return fp


def test_wjself_1_0_bundle_verifies_as_scheme_1(exported: tuple[AssessmentView, Path]) -> None:
    v, path = exported
    fp = as_wjself_1_0(v, path)
    report = verify_bundle(path)
    assert report.ok, report.problems
    assert report.recorded == report.computed == fp
    text = "\n".join(report.lines())
    assert "指纹方案 1" in text and "无法核对" in text and "指纹一致" in text
    back = read_bundle(path)
    assert back.signoff is not None and back.signoff.scheme == 1
    assert assessment_fingerprint(back) == fp

    # its school name is covered by scheme 1 as it always was
    def rename(m: dict[str, Any]) -> None:
        m["school"]["name"] = "别的学校"

    edit_manifest(path, rename)
    assert any(p.startswith("指纹不符") for p in verify_bundle(path).problems)


def test_new_bundles_use_scheme_2_and_a_score(exported: tuple[AssessmentView, Path]) -> None:
    v, path = exported
    manifest = json.loads(entries(path)[MANIFEST])
    assert manifest["format_version"] == 3 and manifest["fingerprint_scheme"] == 3
    assert manifest["score"]["percent"] == v.score().percent
    assert set(manifest["fingerprint_parts"]) >= {"school", "answers", "template", "signoff"}
    assert all(len(h) == 64 and int(h, 16) >= 0 for h in manifest["fingerprint_parts"].values())
    assert hashlib.sha256(b"").hexdigest() not in manifest["fingerprint_parts"].values()


@pytest.mark.reliability(
    fault="Hostile bundle", method="status or evidence size edited in the manifest / answers"
)
def test_status_and_evidence_sizes_are_checked(exported: tuple[AssessmentView, Path]) -> None:
    _, path = exported
    original = entries(path)

    def demote(m: dict[str, Any]) -> None:
        m["status"] = "draft"

    edit_manifest(path, demote)
    assert any("标为草稿" in p for p in verify_bundle(path).problems)
    rewrite(path, original)

    def unknown(m: dict[str, Any]) -> None:
        m["status"] = "approved"

    edit_manifest(path, unknown)
    assert any("状态“approved”无效" in p for p in verify_bundle(path).problems)
    files = dict(original)
    answers = json.loads(files["answers.json"])
    row = next(r for r in answers["answers"] if r["evidence"])
    row["evidence"][0]["size"] += 1
    files["answers.json"] = json.dumps(answers, ensure_ascii=False).encode()

    def relist(m: dict[str, Any]) -> None:
        m["files"]["answers.json"] = {
            "sha256": hashlib.sha256(files["answers.json"]).hexdigest(),
            "size": len(files["answers.json"]),
        }

    rewrite(path, files)
    edit_manifest(path, relist)
    assert any("大小" in p and "不一致" in p for p in verify_bundle(path).problems)


@pytest.mark.parametrize("kind", ["fifo", "link to /dev/zero"])
@pytest.mark.reliability(
    fault="Hostile bundle", method="a FIFO or a link to /dev/zero given as the bundle"
)
def test_bundle_that_is_not_a_regular_file_is_refused(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "a.wjsa"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    with pytest.raises(InputError, match="不是普通文件"):
        verify_bundle(path)


@pytest.mark.parametrize(
    ("document", "change", "expected"),
    [
        ("rectifications.json", ("rectifications", 0, "status", "bogus"), "状态“bogus”无效"),
        ("answers.json", ("answers", 0, "evidence", "x"), "evidence 应为列表"),
        ("answers.json", ("answers", 0, "code", None), "缺少 code"),
        (MANIFEST, ("school", "facts", ["x"]), "school.facts 应为对象"),
        # Read by truth value, "false" was scored (and fingerprinted) as true.
        (MANIFEST, ("school", "facts", "boarding", "false"), "school.facts.boarding 应为 true"),
        (MANIFEST, ("school", "facts", "has_canteen", 1), "school.facts.has_canteen 应为 true"),
        (MANIFEST, ("school", "stages", [1]), "school.stages 应为文字的列表"),
    ],
)
@pytest.mark.reliability(
    fault="Hostile bundle", method="fields of the wrong type in answers, rectifications, manifest"
)
def test_wrong_types_get_chinese_messages(
    exported: tuple[AssessmentView, Path], document: str, change: tuple[Any, ...], expected: str
) -> None:
    _, path = exported
    files = entries(path)
    data = json.loads(files[document])
    target = data
    for key in change[:-2]:
        target = target[key]
    target[change[-2]] = change[-1]
    files[document] = json.dumps(data, ensure_ascii=False).encode()
    if document != MANIFEST:
        manifest = json.loads(files[MANIFEST])
        manifest["files"][document] = {
            "sha256": hashlib.sha256(files[document]).hexdigest(),
            "size": len(files[document]),
        }
        files[MANIFEST] = json.dumps(manifest, ensure_ascii=False).encode()
    rewrite(path, files)
    problems = verify_bundle(path).problems
    assert any(expected in p for p in problems), problems
    assert not any("'" in p or "Error" in p for p in problems), problems
