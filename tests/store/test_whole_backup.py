"""Backups hold the whole year: one file with the database and every evidence file, restored
whole into a fresh data folder; 1.0's database-only backups still restore; the automatic
backups share one store of evidence files."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from tests.store.conftest import primary_school
from wjself.core.errors import Hint, InputError, Remedy
from wjself.paths import DataPaths
from wjself.store import Workspace, backup, container
from wjself.store.restore import restore_database


def png(path: Path, color: str, size: tuple[int, int] = (60, 40)) -> Path:
    Image.new("RGB", size, color).save(path, "PNG")
    return path


def rows(database: Path, sql: str) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(database)) as conn:
        return [tuple(r) for r in conn.execute(sql)]


ANSWERS = "SELECT assessment_id, code, value, note FROM answers ORDER BY assessment_id, code"
EVIDENCE = "SELECT assessment_id, code, sha256, name, size FROM evidence ORDER BY id"


def evidence_files(paths: DataPaths) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in paths.evidence.rglob("*") if p.is_file()}


@pytest.fixture
def filled(ws: Workspace, aid: int, tmp_path: Path) -> Workspace:
    """A draft with answers, three evidence files (one PNG, two text) and one kept in history."""
    ws.answers.set(aid, "A01", "met", note="台账齐全")
    ws.evidence.add(aid, "A01", png(tmp_path / "现场.png", "navy"))
    notes = tmp_path / "记录.txt"
    notes.write_text("检查记录\n" * 400, "utf-8")
    ws.evidence.add(aid, "A01", notes)
    extra = tmp_path / "会议纪要.txt"
    extra.write_text("纪要 " * 100, "utf-8")
    ws.evidence.add(aid, "A02", extra)
    return ws


def test_backup_restored_into_a_fresh_folder_brings_back_everything(
    filled: Workspace, paths: DataPaths, tmp_path: Path
) -> None:
    target = filled.backup_to(tmp_path / "全年备份.wjbak")
    answers = rows(paths.database, ANSWERS)
    evidence = rows(paths.database, EVIDENCE)
    files = evidence_files(paths)
    assert len(files) == 3 and len(answers) >= 1
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        assert names[0] == "manifest.json" and "wjself.db" in names
        assert sorted(n for n in names if n.startswith("evidence/")) == sorted(
            f"evidence/{sha}" for sha in files
        )
        png_entry = next(
            i for i in archive.infolist() if archive.read(i.filename).startswith(b"\x89PNG")
        )
        assert png_entry.compress_type == zipfile.ZIP_STORED  # compressed already
        manifest = json.loads(archive.read("manifest.json"))
        assert {e["sha256"] for e in manifest["evidence"]} == set(files)

    fresh = DataPaths(tmp_path / "新电脑")
    assert restore_database(fresh, target) is None  # nothing there to keep
    assert rows(fresh.database, ANSWERS) == answers
    assert rows(fresh.database, EVIDENCE) == evidence
    assert evidence_files(fresh) == files  # byte for byte
    with Workspace.open(fresh) as other:
        view = other.assessments.view(1)
        assert view.answers["A01"].note == "台账齐全"
        assert all(Path(e.path).read_bytes() for e in view.answers["A01"].evidence)
    assert not list(fresh.root.glob(".restore-*"))


def test_restore_brings_back_evidence_deleted_since(
    filled: Workspace, paths: DataPaths, aid: int, tmp_path: Path
) -> None:
    target = filled.backup_to(tmp_path / "copy.wjbak")
    before = evidence_files(paths)
    for item in filled.assessments.view(aid).answers["A02"].evidence:
        filled.evidence.remove(item.id)
    assert evidence_files(paths) != before
    filled.restore(target)
    assert evidence_files(paths) == before
    assert [e.name for e in filled.assessments.view(aid).answers["A02"].evidence] == [
        "会议纪要.txt"
    ]


def test_database_only_backups_of_1_0_still_restore(
    filled: Workspace, paths: DataPaths, aid: int, tmp_path: Path
) -> None:
    """``backup -o`` files and automatic ``backups/auto-*.db`` made by 1.0: the database alone."""
    by_hand = tmp_path / "backup-2024.db"
    backup.online_backup(paths.database, by_hand)
    automatic = paths.backups / "auto-20240301-080000.db"
    backup.online_backup(paths.database, automatic)
    files = evidence_files(paths)
    assert automatic in backup.list_backups(paths) and backup.is_good_backup(automatic)
    filled.schools.add(primary_school(name="之后新增", code="3204120009"))
    filled.restore(by_hand)
    assert [s.name for s in filled.schools.list()] == ["武进区测试小学"]
    filled.schools.add(primary_school(name="又新增", code="3204120010"))
    filled.restore(automatic)
    assert [s.name for s in filled.schools.list()] == ["武进区测试小学"]
    assert evidence_files(paths) == files  # evidence untouched by a database-only backup


def test_automatic_backups_share_one_store_of_evidence(
    filled: Workspace, paths: DataPaths, aid: int, tmp_path: Path
) -> None:
    import datetime as dt

    start = dt.datetime(2024, 5, 6, 8, 0)
    first = backup.automatic_backup(paths, start)
    second = backup.automatic_backup(paths, start + dt.timedelta(days=1))
    assert first is not None and second is not None
    store = backup.evidence_store(paths)
    kept = {p.name: p for p in store.rglob("*") if p.is_file()}
    assert set(kept) == set(evidence_files(paths))  # one file per digest, not one per backup
    for name, file in kept.items():
        # A hard link: no second copy of the bytes on disk.
        assert file.stat().st_ino == (paths.evidence / name[:2] / name).stat().st_ino
    with zipfile.ZipFile(second) as archive:
        assert not [n for n in archive.namelist() if n.startswith("evidence/")]
    # Evidence removed from the data is still in the store; restoring the backup brings it back.
    gone = filled.assessments.view(aid).answers["A02"].evidence[0]
    filled.evidence.remove(gone.id)
    assert not Path(gone.path).exists()
    filled.restore(second)
    assert Path(gone.path).read_bytes() == kept[gone.sha256].read_bytes()
    # Once rotation has deleted every backup naming a file, pruning deletes it from the store
    # (files linked within the hour are left for later: another program may be writing).
    filled.evidence.remove(filled.assessments.view(aid).answers["A02"].evidence[0].id)
    for n in range(2, 80):
        backup.automatic_backup(paths, start + dt.timedelta(days=n))
    assert gone.sha256 in {p.name for p in store.rglob("*") if p.is_file()}
    assert backup.prune_store(paths, min_age_s=0) == 1
    remaining = {p.name for p in store.rglob("*") if p.is_file()}
    needed: set[str] = set()
    for b in backup.list_backups(paths):
        with container.Container.open(b) as opened:
            needed |= set(opened.manifest.evidence)
    assert remaining == needed and gone.sha256 not in remaining


def test_an_internal_backup_copied_elsewhere_is_refused_with_a_hint(
    filled: Workspace, paths: DataPaths, tmp_path: Path
) -> None:
    import datetime as dt

    made = backup.automatic_backup(paths, dt.datetime(2024, 5, 6, 8, 0))
    assert made is not None
    stick = tmp_path / "u盘" / made.name
    stick.parent.mkdir()
    stick.write_bytes(made.read_bytes())
    with pytest.raises(InputError, match="完整备份") as caught:
        restore_database(DataPaths(tmp_path / "other"), stick)
    # The remedy is structured: the command line says "wjself backup -o", the window its button.
    assert caught.value.problems[0].hint == Hint(Remedy.WHOLE_BACKUP)
    assert "wjself" not in caught.value.problems[0].message


def test_missing_evidence_is_named_when_backing_up(
    filled: Workspace, paths: DataPaths, tmp_path: Path, cli
) -> None:
    victim = next(p for p in paths.evidence.rglob("*") if p.is_file())
    victim.unlink()
    result = cli("--data-dir", paths.root, "backup", "-o", tmp_path / "b.wjbak")
    assert result.code == 0, result.err
    assert "缺失或已损坏" in result.out and victim.name[:16] in result.out
    fresh = DataPaths(tmp_path / "fresh")
    restore_database(fresh, tmp_path / "b.wjbak")
    assert len(evidence_files(fresh)) == 2


@pytest.mark.reliability(
    fault="Stray files in backups/",
    method="a file named like a backup with month 13, a folder and a FIFO with backup names",
)
def test_stray_files_named_like_backups_are_not_backups(paths: DataPaths, cli) -> None:
    import os

    Workspace.open(paths).close()
    (paths.backups / "auto-20241301-000000.db").write_bytes(b"stray")
    (paths.backups / "auto-20240101-000000.wjbak").mkdir()
    if hasattr(os, "mkfifo"):
        os.mkfifo(paths.backups / "auto-20240102-000000.wjbak")
    assert backup.list_backups(paths) == []
    assert cli("--data-dir", paths.root, "school", "list").code == 0


@pytest.mark.reliability(
    fault="Hostile files in backups/",
    method="backups/evidence (or one of its folders) is a link out of the data folder: "
    "automatic backups hold their evidence in the file instead, pruning deletes nothing there",
)
@pytest.mark.parametrize("linked", ["store", "subfolder"])
def test_a_linked_evidence_store_is_never_written_or_pruned_through(
    filled: Workspace, paths: DataPaths, aid: int, tmp_path: Path, linked: str
) -> None:
    import datetime as dt
    import os

    outside = tmp_path / "outside"
    outside.mkdir()
    store = backup.evidence_store(paths)
    sha = next(iter(evidence_files(paths)))
    # Someone else's file, named like a stored digest no backup here needs.
    stranger = "f" * 64
    if linked == "store":
        store.parent.mkdir(parents=True, exist_ok=True)
        store.symlink_to(outside)
        victim = outside / stranger[:2] / stranger
        planted = outside / sha[:2]
    else:
        store.mkdir(parents=True, exist_ok=True)
        (store / sha[:2]).symlink_to(outside)
        (store / stranger[:2]).symlink_to(outside)
        victim = outside / stranger
        planted = outside
    victim.parent.mkdir(parents=True, exist_ok=True)
    victim.write_bytes(b"not ours")
    stale = victim.parent / ".old.part"
    stale.write_bytes(b"x")
    os.utime(stale, (0, 0))
    made = backup.automatic_backup(paths, dt.datetime(2024, 5, 6, 8, 0))
    assert made is not None
    assert not [p for p in planted.rglob("*") if p.name == sha]  # nothing written out there
    assert backup.prune_store(paths, min_age_s=0) == 0
    assert victim.read_bytes() == b"not ours" and stale.exists()
    # The backup is whole all the same: its evidence is inside the file.
    fresh = DataPaths(tmp_path / "fresh")
    restore_database(fresh, made)
    assert evidence_files(fresh) == evidence_files(paths)
