"""Installed templates and schools."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from tests.conftest import SAMPLE
from tests.helpers.factory import item, template
from tests.store.conftest import primary_school
from wjself import app, resources
from wjself.core.codec import content_hash
from wjself.core.errors import InputError
from wjself.core.school import School
from wjself.core.template import Template
from wjself.paths import DataPaths
from wjself.store import Workspace


def test_install_is_idempotent_and_refuses_other_content_under_the_same_version(
    ws: Workspace, sample: Template
) -> None:
    assert ws.templates.install(sample) is True
    assert ws.templates.install(sample) is False
    changed = dataclasses.replace(sample, title=sample.title + "（改）")
    with pytest.raises(InputError) as caught:
        ws.templates.install(changed)
    message = str(caught.value)
    assert content_hash(sample)[:16] in message and content_hash(changed)[:16] in message
    (info,) = ws.templates.list()
    assert (info.id, info.version, info.title, info.items) == (
        sample.id,
        sample.version,
        sample.title,
        9,
    )
    assert info.issuer == "常州市武进区教育局" and info.plan_ref.startswith("《2024年")
    assert info.sha256 == content_hash(sample)
    assert ws.templates.get(sample.id) == sample


def test_get_picks_the_newest_version_and_names_missing_ones(ws: Workspace) -> None:
    for version in ("2024.9", "2024.10", "2024.2"):
        ws.templates.install(template([item("A")], version=version))
    assert ws.templates.get("t-test").version == "2024.10"
    assert ws.templates.get("t-test", "2024.2").version == "2024.2"
    assert [i.version for i in ws.templates.list()] == ["2024.2", "2024.9", "2024.10"]
    with pytest.raises(InputError, match=r"没有版本 2025.*2024\.2、2024\.9、2024\.10"):
        ws.templates.get("t-test", "2025")
    with pytest.raises(InputError, match="未安装"):
        ws.templates.parse_ref("nope@1")


def test_invalid_template_is_refused(ws: Workspace) -> None:
    broken = Template(id="x", version="1", title="", sections=())
    with pytest.raises(InputError):
        ws.templates.install(broken)
    assert ws.templates.list() == []


def test_bundled_templates_are_installed_on_first_run_only_once(data_dir: Path) -> None:
    context = app.bootstrap()
    try:
        installed = {(i.id, i.version) for i in context.workspace.templates.list()}
        bundled = {
            (t["id"], t["version"])
            for t in (json.loads(p.read_text("utf-8")) for p in resources.bundled_templates())
        }
        assert bundled and bundled <= installed
        # Same files again: nothing is parsed or installed.
        assert app.install_bundled_templates(context.workspace) == 0
    finally:
        context.close()


def test_newly_bundled_version_is_installed_on_a_later_run(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.bootstrap().close()
    newer = json.loads(SAMPLE.read_text("utf-8"))
    newer["version"] = "2025.1"
    folder = tmp_path / "bundle"
    folder.mkdir()
    (folder / "wj-sample-2025.json").write_text(json.dumps(newer, ensure_ascii=False), "utf-8")
    monkeypatch.setattr(
        resources, "bundled_templates", lambda: [SAMPLE, folder / "wj-sample-2025.json"]
    )
    context = app.bootstrap()
    try:
        versions = [i.version for i in context.workspace.templates.list() if i.id == "wj-sample"]
        assert versions == ["2024.1", "2025.1"]
    finally:
        context.close()


# ---------------------------------------------------------------- schools


def test_add_list_get_update(ws: Workspace) -> None:
    added = ws.schools.add(primary_school(stages=("primary", "初中")))
    assert added.id > 0 and added.stages == ("小学", "初中")
    assert added.fact("has_canteen") and not added.fact("boarding")
    other = ws.schools.add(primary_school(name="另一所学校", code="3204120002", stages=("幼儿园",)))
    assert [s.id for s in ws.schools.list()] == [added.id, other.id]
    assert ws.schools.get(other.id) == other
    updated = ws.schools.update(dataclasses.replace(added, name=" 改名后的学校 ", phone="0519-1"))
    assert updated.name == "改名后的学校" and ws.schools.get(added.id).phone == "0519-1"
    assert ws.schools.find("3204120002") == other and ws.schools.find("0000000000") is None


def test_school_problems_are_all_reported(ws: Workspace) -> None:
    bad = School(0, "", "12345", ("大学",), facts=(("has_pool", True),))
    with pytest.raises(InputError) as caught:
        ws.schools.add(bad)
    fields = sorted(p.field for p in caught.value.problems)
    assert fields == ["code", "facts", "name", "stages"]
    with pytest.raises(InputError, match="至少选择一个学段"):
        ws.schools.add(primary_school(stages=()))
    assert ws.schools.list() == []


def test_duplicate_school_code_is_refused(ws: Workspace) -> None:
    first = ws.schools.add(primary_school())
    with pytest.raises(InputError, match="3204120001 已被“武进区测试小学”"):
        ws.schools.add(primary_school(name="重复"))
    second = ws.schools.add(primary_school(name="第二所", code="3204120002"))
    with pytest.raises(InputError, match="已被"):
        ws.schools.update(dataclasses.replace(second, code=first.code))


def test_missing_school_is_a_plain_message(ws: Workspace) -> None:
    with pytest.raises(InputError, match="学校 42 不存在"):
        ws.schools.get(42)


def test_workspace_paths(paths: DataPaths, ws: Workspace) -> None:
    assert paths.database.is_file() and paths.evidence.is_dir() and paths.backups.is_dir()
