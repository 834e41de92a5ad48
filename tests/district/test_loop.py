"""The district loop, offline (issue #17 "done when"): 30 schools answer, finalize and sign
their checklists in their own data folders; the bureau imports the bundles and its figures
are the schools' own; tampered, re-fingerprinted and wrongly signed bundles are refused with
a message naming the school and the reason.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.cli.results import ok
from tests.formats.test_bundle import entries, rewrite
from tests.helpers.district_schools import PERIOD, MadeSchool, make_schools, refingerprinted
from wjself.cli.assessment_cmds import view_json
from wjself.core.values import MET, NOT_MET
from wjself.district import (
    DistrictFilter,
    ImportSummary,
    import_bundles,
    item_failures,
    list_received,
    missing,
    open_district,
    open_rectifications,
)
from wjself.formats.bundle import ANSWERS, export_bundle
from wjself.formats.signature import SIGNATURE_ENTRY, key_id, public_raw
from wjself.paths import DataPaths
from wjself.store.workspace import Workspace

SCHOOLS = 30
TEMPLATES = ("wj2024-canteen", "wj2024-safety")
TODAY = dt.date.today()


@dataclass
class Loop:
    root: Path
    schools: list[MadeSchool]
    own: dict[tuple[str, str], dict[str, Any]]  # (code, template) -> assessment show --json
    bureau: Path
    summary: ImportSummary


@pytest.fixture(scope="module")
def loop(tmp_path_factory: pytest.TempPathFactory) -> Loop:
    root = tmp_path_factory.mktemp("loop")
    schools = make_schools(root, SCHOOLS, TEMPLATES, TODAY)
    own = {}
    for school in schools:
        with Workspace.open(DataPaths(school.folder), automatic_backup=False) as ws:
            for aid in school.bundles:
                shown = view_json(ws.assessments.view(aid), TODAY)
                own[(school.code, shown["template"]["id"])] = shown
    bureau = root / "bureau"
    with open_district(bureau) as dws:
        summary = import_bundles(dws, [root / "bundles"])
    return Loop(root, schools, own, bureau, summary)


def test_every_bundle_is_received_and_each_school_s_key_is_pinned_at_its_first(
    loop: Loop,
) -> None:
    s = loop.summary
    assert not s.refused, [x.line() for x in s.refused]
    assert len(s.accepted) == SCHOOLS * len(TEMPLATES) and not s.replaced and not s.already
    first = [x for x in s.accepted if x.reason.startswith("首次收到该校的签名密钥")]
    assert sorted(x.school_code for x in first) == sorted(m.code for m in loop.schools)
    for line in first:
        assert line.key_id and line.key_id in line.reason  # to read out over the phone
    assert all(not x.reason for x in s.accepted if x not in first)  # the second: key matches


def test_district_scores_and_ratings_are_the_schools_own(loop: Loop, cli: Any) -> None:
    with open_district(loop.bureau) as dws:
        rows = list_received(dws, DistrictFilter(period=PERIOD))
    assert len(rows) == SCHOOLS * len(TEMPLATES)
    for row in rows:
        own = loop.own[(row.school_code, row.template_id)]
        assert (row.score, row.rating) == (own["score"]["percent"], own["score"]["band"])
        assert row.fingerprint == own["signoff"]["fingerprint"]
        assert row.signature == "valid" and row.trust in ("first-seen", "pinned-match")
    # and the school's own command line says the same as the figures taken above
    first = loop.schools[0]
    shown = json.loads(ok(cli("--data-dir", first.folder, "assessment", "show", "1", "--json")))
    assert shown == loop.own[(first.code, shown["template"]["id"])]


def test_filters_narrow_by_township_template_and_text(loop: Loop) -> None:
    with open_district(loop.bureau) as dws:
        town = list_received(dws, DistrictFilter(township="牛塘镇"))
        canteen = list_received(dws, DistrictFilter(template_id="wj2024-canteen"))
        one = list_received(dws, DistrictFilter(text="测试007号"))
        primary = list_received(dws, DistrictFilter(stage="小学"))
        junior = list_received(dws, DistrictFilter(stage="高中"))
    assert {r.township for r in town} == {"牛塘镇"} and len(town) == 10 * len(TEMPLATES)
    assert {r.template_id for r in canteen} == {"wj2024-canteen"} and len(canteen) == SCHOOLS
    assert {r.school_name for r in one} == {"武进区测试007号小学"}
    assert len(primary) == SCHOOLS * len(TEMPLATES) and junior == []


def test_items_failing_across_schools_are_counted_as_the_schools_answered(loop: Loop) -> None:
    expected: Counter[tuple[str, str]] = Counter()
    assessed: Counter[tuple[str, str]] = Counter()
    for (_, template_id), own in loop.own.items():
        for answer in own["answers"]:
            key = (template_id, answer["code"])
            if answer["outcome"] in ("met", "partial", "not_met"):
                assessed[key] += 1
            if answer["outcome"] == "not_met":
                expected[key] += 1
    with open_district(loop.bureau) as dws:
        failures = item_failures(dws, DistrictFilter(period=PERIOD))
    assert {(f.template_id, f.code): f.failed for f in failures} == dict(expected)
    assert all(f.answered == assessed[(f.template_id, f.code)] for f in failures)
    assert [f.failed for f in failures] == sorted((f.failed for f in failures), reverse=True)
    assert all(f.text and len(f.schools) == f.failed for f in failures)


def test_open_and_overdue_rectifications_are_the_schools_own(loop: Loop) -> None:
    expected = set()
    for (code, _), own in loop.own.items():
        for r in own["rectifications"]:
            if r["status"] == "open":
                expected.add((code, r["code"], r["overdue"]))
    with open_district(loop.bureau) as dws:
        found = open_rectifications(dws, DistrictFilter(period=PERIOD), TODAY)
    assert {(o.school_code, o.code, o.overdue) for o in found} == expected
    assert any(o.overdue for o in found) and any(not o.overdue for o in found)
    overdue = [o.overdue for o in found]
    assert overdue == sorted(overdue, reverse=True)  # overdue first


def test_schools_without_the_other_checklists_are_missing(loop: Loop) -> None:
    with open_district(loop.bureau) as dws:
        gone = missing(dws, DistrictFilter(period=PERIOD))
        canteen = missing(dws, DistrictFilter(period=PERIOD, template_id="wj2024-canteen"))
    assert canteen == []  # every school sent it
    per_school = Counter(m.school_code for m in gone)
    assert set(per_school) == {m.code for m in loop.schools}
    assert len(set(per_school.values())) == 1  # the same checklists apply to each
    assert not {m.template_id for m in gone} & set(TEMPLATES)


def test_the_same_files_again_change_nothing(loop: Loop, tmp_path: Path) -> None:
    bureau = tmp_path / "bureau"
    shutil.copytree(loop.bureau, bureau)
    with open_district(bureau) as dws:
        before = list_received(dws, DistrictFilter())
        again = import_bundles(dws, [loop.root / "bundles"])
        after = list_received(dws, DistrictFilter())
    assert len(again.already) == SCHOOLS * len(TEMPLATES)
    assert not again.accepted and not again.replaced and not again.refused
    assert "已导入" in again.already[0].reason
    assert after == before


def _view(school: MadeSchool, aid: int) -> Any:
    with Workspace.open(DataPaths(school.folder), automatic_backup=False) as ws:
        return ws.assessments.view(aid), ws.signing_key.private_key


def _changed_answer(view: Any) -> tuple[str, str]:
    code = next(c for c, a in view.answers.items() if a.value == MET)
    return code, NOT_MET


@pytest.mark.reliability(
    fault="Hostile bundle",
    method="district import: a tampered, a re-fingerprinted (unsigned, and with the old "
    "signature) and a wrongly signed bundle among good ones",
)
def test_tampered_refingerprinted_and_wrongly_signed_bundles_are_refused_by_name(
    loop: Loop, tmp_path: Path
) -> None:
    school = loop.schools[3]
    aid, path = next(iter(school.bundles.items()))
    view, key = _view(school, aid)
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    # tampered: an answer edited inside the zip, hashes left as they were
    files = entries(path)
    files[ANSWERS] = files[ANSWERS].replace(b'"met"', b'"not_met"', 1)
    rewrite(incoming / "tampered.wjsa", files)
    # re-fingerprinted: content changed and the fingerprint made again, through the real export
    code, value = _changed_answer(view)
    forged = refingerprinted(view, code, value)
    export_bundle(forged, incoming / "refingerprinted.wjsa")  # no signature
    # the same with the school's old signature copied in
    files = entries(incoming / "refingerprinted.wjsa")
    files[SIGNATURE_ENTRY] = entries(path)[SIGNATURE_ENTRY]
    rewrite(incoming / "old-signature.wjsa", files)
    # signed by another key than the one pinned for the school
    other = Ed25519PrivateKey.generate()
    export_bundle(forged, incoming / "other-key.wjsa", signing_key=other)
    shutil.copy(
        loop.schools[4].bundles[next(iter(loop.schools[4].bundles))], incoming / "good.wjsa"
    )
    bureau = tmp_path / "bureau"
    shutil.copytree(loop.bureau, bureau)
    with open_district(bureau) as dws:
        before = list_received(dws, DistrictFilter())
        summary = import_bundles(dws, [incoming])
        after = list_received(dws, DistrictFilter())
    why = {x.path.name: x.line() for x in summary.refused}
    assert set(why) == {"tampered.wjsa", "refingerprinted.wjsa", "old-signature.wjsa",
                        "other-key.wjsa"}  # fmt: skip
    for line in why.values():
        assert f"{school.name} {school.code}" in line
    assert "核验未通过：answers.json 大小不符" in why["tampered.wjsa"]
    assert "没有签名" in why["refingerprinted.wjsa"]
    assert "签名无效" in why["old-signature.wjsa"]
    pinned = key_id(public_raw(key))
    assert "签名密钥不符" in why["other-key.wjsa"]
    assert pinned in why["other-key.wjsa"] and key_id(public_raw(other)) in why["other-key.wjsa"]
    assert [x.path.name for x in summary.already] == ["good.wjsa"]  # one bad never stops the rest
    assert after == before
    kept = {p.name for p in (bureau / "bundles").iterdir()}
    assert len(kept) == SCHOOLS * len(TEMPLATES)  # nothing refused is kept


def test_a_newer_bundle_replaces_the_older_which_stays_in_history(
    loop: Loop, tmp_path: Path
) -> None:
    school = loop.schools[5]
    aid, first = next(iter(school.bundles.items()))
    folder = tmp_path / "school"
    shutil.copytree(school.folder, folder)
    later: list[Path] = []
    with Workspace.open(DataPaths(folder), automatic_backup=False) as ws:
        for n in range(2):
            ws.assessments.reopen(aid, f"第 {n + 1} 次修改")
            code = next(c for c, a in ws.assessments.view(aid).answers.items() if a.value == MET)
            ws.answers.set(aid, code, "基本符合", note="复查后调整")
            ws.assessments.finalize(aid, "李老师", "王校长")
            target = tmp_path / f"v{n + 2}.wjsa"
            export_bundle(ws.assessments.view(aid), target, signing_key=ws.signing_key.private_key)
            later.append(target)
        newest = view_json(ws.assessments.view(aid), TODAY)
    with open_district(tmp_path / "bureau") as dws:
        import_bundles(dws, [first])
        third = import_bundles(dws, [later[1]])  # the newest arrives first …
        second = import_bundles(dws, [later[0]])  # … the one before it later
        rows = list_received(dws, DistrictFilter(school_code=school.code))
        from wjself.district import history

        versions = history(dws, rows[0].id)
    assert len(third.replaced) == 1 and not third.accepted
    assert len(second.accepted) == 1 and "存入历史" in second.accepted[0].reason
    assert len(rows) == 1 and rows[0].score == newest["score"]["percent"]
    assert rows[0].fingerprint == newest["signoff"]["fingerprint"]
    assert [v.current for v in versions] == [True, False, False]
    assert versions[0].id == rows[0].id
