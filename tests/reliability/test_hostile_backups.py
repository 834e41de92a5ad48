"""A backup file is hostile input: every crafted container is refused with one Chinese message
(exit 2) and nothing in the data folder changes; evidence is written only under a validated
digest inside ``evidence/``, never under a name from the file."""

from __future__ import annotations

import hashlib
import json
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result
from tests.store.conftest import primary_school
from wjself.core.errors import InputError
from wjself.paths import DataPaths
from wjself.store import Workspace

Entries = list[tuple[str, bytes]]


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the data folder but the log and the (empty) lock file, and its bytes."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "logs" not in p.relative_to(root).parts and p.name != "wjself.lock"
    }


def entries_of(path: Path) -> Entries:
    with zipfile.ZipFile(path) as archive:
        return [(i.filename, archive.read(i.filename)) for i in archive.infolist()]


def write_zip(path: Path, entries: Entries) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate names we want
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in entries:
                archive.writestr(name, data)
    return path


def manifest_of(entries: Entries) -> dict[str, object]:
    return dict(json.loads(dict(entries)["manifest.json"]))


def with_manifest(entries: Entries, manifest: dict[str, object]) -> Entries:
    raw = json.dumps(manifest).encode()
    return [(n, raw if n == "manifest.json" else d) for n, d in entries]


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def good(data_dir: Path, tmp_path: Path) -> Path:
    """A whole backup of a folder with one school and two evidence files."""
    paths = DataPaths(data_dir)
    with Workspace.open(paths) as ws:
        school = ws.schools.add(primary_school())
        from tests.helpers.factory import item, template

        tpl = template([item("A01"), item("A02")])
        ws.templates.install(tpl)
        aid = ws.assessments.new(school.id, tpl.id, None, "2024")
        for n, code in enumerate(("A01", "A02")):
            note = tmp_path / f"记录{n}.txt"
            note.write_text(f"记录 {n}\n" * 50, "utf-8")
            ws.evidence.add(aid, code, note)
        target = ws.backup_to(tmp_path / "good.wjbak")
        ws.schools.add(primary_school(name="备份之后", code="3204120002"))
    return target


def _evidence(entries: Entries) -> list[tuple[str, bytes]]:
    return [(n, d) for n, d in entries if n.startswith("evidence/")]


def zip_slip(e: Entries) -> Entries:
    _, data = _evidence(e)[0]
    return [*e, ("evidence/../../victim.txt", data)]


def absolute(e: Entries) -> Entries:
    return [*e, ("/tmp/victim.txt", b"x")]


def backslash(e: Entries) -> Entries:
    return [*e, ("evidence\\..\\victim.txt", b"x")]


def duplicate(e: Entries) -> Entries:
    name, _ = _evidence(e)[0]
    return [*e, (name, b"other bytes")]


def not_in_manifest(e: Entries) -> Entries:
    data = b"not listed"
    return [*e, (f"evidence/{sha(data)}", data)]


def hash_mismatch(e: Entries) -> Entries:
    first, _ = _evidence(e)[0]
    manifest = manifest_of(e)
    out = with_manifest(e, manifest)
    size = next(x["size"] for x in manifest["evidence"] if f"evidence/{x['sha256']}" == first)  # type: ignore[attr-defined]
    return [(n, b"X" * size if n == first else d) for n, d in out]


def lying_manifest_extra(e: Entries) -> Entries:
    """The manifest and the zip list a file the database does not refer to."""
    data = b"planted"
    manifest = manifest_of(e)
    manifest["evidence"] = [*manifest["evidence"], {"sha256": sha(data), "size": len(data)}]  # type: ignore[misc]
    return [*with_manifest(e, manifest), (f"evidence/{sha(data)}", data)]


def lying_manifest_missing(e: Entries) -> Entries:
    """A file the database refers to left out of the manifest and the zip."""
    first, _ = _evidence(e)[0]
    manifest = manifest_of(e)
    manifest["evidence"] = [
        x
        for x in manifest["evidence"]  # type: ignore[attr-defined]
        if f"evidence/{x['sha256']}" != first
    ]
    return [(n, d) for n, d in with_manifest(e, manifest) if n != first]


def database_swapped(e: Entries) -> Entries:
    """Another database put in place of the one the manifest hashed."""
    return [(n, d[:-1] + bytes([d[-1] ^ 1]) if n == "wjself.db" else d) for n, d in e]


def uppercase_digest(e: Entries) -> Entries:
    return [(n.upper() if n.startswith("evidence/") else n, d) for n, d in e]


def no_manifest(e: Entries) -> Entries:
    return [(n, d) for n, d in e if n != "manifest.json"]


def manifest_not_json(e: Entries) -> Entries:
    return [(n, b"\xff{not json" if n == "manifest.json" else d) for n, d in e]


def manifest_from_the_future(e: Entries) -> Entries:
    return with_manifest(e, {**manifest_of(e), "version": 99})


def manifest_path_digest(e: Entries) -> Entries:
    manifest = manifest_of(e)
    manifest["evidence"] = [{"sha256": "../../victim.txt", "size": 1}]
    return with_manifest(e, manifest)


def path_in_a_row(e: Entries) -> Entries:
    """The database (manifest rehashed to match) has an evidence row naming ``../victim.txt``."""
    import sqlite3
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "db"
        db.write_bytes(dict(e)["wjself.db"])
        with sqlite3.connect(db) as conn:
            conn.execute("UPDATE evidence SET sha256 = '../victim.txt' WHERE code = 'A02'")
        conn.close()
        data = db.read_bytes()
    manifest = manifest_of(e)
    manifest["database"] = {"name": "wjself.db", "sha256": sha(data), "size": len(data)}
    return [(n, data if n == "wjself.db" else d) for n, d in with_manifest(e, manifest)]


def _database_changed(e: Entries, sql: str) -> Entries:
    """The database changed by ``sql`` and the manifest rehashed to match."""
    import sqlite3
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "db"
        db.write_bytes(dict(e)["wjself.db"])
        conn = sqlite3.connect(db)
        conn.executescript(sql)
        conn.close()
        data = db.read_bytes()
    manifest = manifest_of(e)
    manifest["database"] = {"name": "wjself.db", "sha256": sha(data), "size": len(data)}
    return [(n, data if n == "wjself.db" else d) for n, d in with_manifest(e, manifest)]


def trigger_in_the_database(e: Entries) -> Entries:
    """A trigger that would empty every assessment on the next answer written."""
    return _database_changed(
        e, "CREATE TRIGGER wipe AFTER INSERT ON answers BEGIN DELETE FROM answers; END;"
    )


def view_in_the_database(e: Entries) -> Entries:
    return _database_changed(e, "CREATE VIEW peek AS SELECT * FROM answers;")


def extra_table(e: Entries) -> Entries:
    return _database_changed(e, "CREATE TABLE planted (x);")


def extra_column(e: Entries) -> Entries:
    """A column our writes do not fill: every new answer would fail."""
    return _database_changed(e, "ALTER TABLE answers ADD COLUMN planted INTEGER CHECK (0);")


def extra_unique_index(e: Entries) -> Entries:
    return _database_changed(e, "CREATE UNIQUE INDEX one_per ON answers (assessment_id);")


def manifest_nested_deep(e: Entries) -> Entries:
    return [(n, b"[" * 100_000 + b"]" * 100_000 if n == "manifest.json" else d) for n, d in e]


CRAFTED: dict[str, tuple[Callable[[Entries], Entries], str]] = {
    "a trigger in the database": (trigger_in_the_database, "触发器“wipe”"),
    "a view in the database": (view_in_the_database, "视图“peek”"),
    "a table wjself does not create": (extra_table, "数据表“planted”"),
    "a column wjself does not create": (extra_column, "数据表“answers”的定义与 wjself 的不同"),
    "an index wjself does not create": (extra_unique_index, "索引“one_per”"),
    "manifest JSON nested 100,000 deep": (manifest_nested_deep, "清单无法读取"),
    "an evidence row naming ../victim.txt": (path_in_a_row, "../victim.txt"),
    "zip slip name (evidence/../../x)": (zip_slip, "不应有的条目"),
    "absolute name (/tmp/x)": (absolute, "不应有的条目"),
    "backslash name": (backslash, "不应有的条目"),
    "duplicate name": (duplicate, "出现了两次"),
    "file not in the manifest": (not_in_manifest, "清单未列出"),
    "evidence hash mismatch": (hash_mismatch, "SHA-256 不符"),
    "manifest lists a file the database does not use": (lying_manifest_extra, "清单与数据库不符"),
    "manifest leaves out a file the database uses": (lying_manifest_missing, "清单与数据库不符"),
    "database replaced after hashing": (database_swapped, "SHA-256 不符"),
    "digest in capitals": (uppercase_digest, "不应有的条目"),
    "no manifest": (no_manifest, "缺少清单"),
    "manifest not JSON": (manifest_not_json, "清单无法读取"),
    "manifest of a newer format": (manifest_from_the_future, "较新版本"),
    "a path as a digest in the manifest": (manifest_path_digest, "清单格式不对"),
}


def _refused(result: Result, message: str) -> None:
    code, err = result.code, result.err
    assert code == 2, err
    assert message in err and "Traceback" not in err, err
    assert len(err.strip().splitlines()) <= 2, err


@pytest.mark.parametrize("case", CRAFTED)
def test_crafted_backup_is_refused_and_nothing_changes(
    good: Path, data_dir: Path, tmp_path: Path, cli, case: str, request: pytest.FixtureRequest
) -> None:
    request.applymarker(
        pytest.mark.reliability(fault="Hostile backup file", method=f"restore: {case}")
    )
    craft, message = CRAFTED[case]
    hostile = write_zip(tmp_path / "hostile.wjbak", craft(entries_of(good)))
    before = snapshot(data_dir)
    result = cli("--data-dir", data_dir, "restore", hostile)
    _refused(result, message)
    assert str(hostile) in result.err
    assert snapshot(data_dir) == before
    assert not (tmp_path / "victim.txt").exists() and not Path("/tmp/victim.txt").exists()


@pytest.mark.reliability(
    fault="Hostile backup file",
    method="restore: zip bomb (100 MB of zeros declared for one evidence entry)",
)
def test_zip_bomb_is_refused_before_it_is_inflated(
    good: Path, data_dir: Path, tmp_path: Path, cli
) -> None:
    entries = entries_of(good)
    bomb = b"\0" * (100 * 1024 * 1024)
    digest = sha(bomb)
    manifest = manifest_of(entries)
    manifest["evidence"] = [*manifest["evidence"], {"sha256": digest, "size": len(bomb)}]  # type: ignore[misc]
    hostile = write_zip(
        tmp_path / "bomb.wjbak", [*with_manifest(entries, manifest), (f"evidence/{digest}", bomb)]
    )
    del bomb
    assert hostile.stat().st_size < 1024 * 1024
    before = snapshot(data_dir)
    _refused(cli("--data-dir", data_dir, "restore", hostile), "声明的大小过大")
    assert snapshot(data_dir) == before


@pytest.mark.reliability(
    fault="Hostile backup file", method="restore: truncated backup file, and a file that is no zip"
)
def test_truncated_and_foreign_files_are_refused(
    good: Path, data_dir: Path, tmp_path: Path, cli
) -> None:
    data = good.read_bytes()
    before = snapshot(data_dir)
    for cut in (len(data) // 2, len(data) - 30, 100):
        truncated = tmp_path / f"cut-{cut}.wjbak"
        truncated.write_bytes(data[:cut])
        _refused(cli("--data-dir", data_dir, "restore", truncated), "不完整")
    text = tmp_path / "照片.wjbak"
    text.write_text("这不是备份", "utf-8")
    _refused(cli("--data-dir", data_dir, "restore", text), "不是 SQLite")
    assert snapshot(data_dir) == before


@pytest.mark.reliability(
    fault="Hostile backup file",
    method="restore: evidence is written only as evidence/<2 hex>/<64 hex>",
)
def test_restored_evidence_lands_only_under_its_digest(good: Path, tmp_path: Path, cli) -> None:
    fresh = tmp_path / "fresh"
    assert cli("--data-dir", fresh, "restore", good).code == 0
    written = [p.relative_to(fresh / "evidence") for p in (fresh / "evidence").rglob("*")]
    files = [p for p in written if (fresh / "evidence" / p).is_file()]
    assert len(files) == 2
    for p in files:
        assert len(p.parts) == 2 and p.parts[0] == p.parts[1][:2] and len(p.parts[1]) == 64


@pytest.mark.reliability(
    fault="Hostile files in the data folder",
    method="restore: links planted under the names restore stages its copies in "
    "(.restore-PID.part) are removed, never written through",
)
def test_restore_never_writes_through_a_planted_staging_link(
    good: Path, data_dir: Path, tmp_path: Path
) -> None:
    import os

    from wjself.store.restore import restore_database

    victim = tmp_path / "victim.txt"
    victim.write_text("不能被覆盖", "utf-8")
    folder = tmp_path / "outside"
    folder.mkdir()
    (data_dir / f".restore-{os.getpid()}.part").symlink_to(victim)
    (data_dir / f".restore-{os.getpid()}.part-evidence").symlink_to(folder)
    refused = None
    try:
        restore_database(DataPaths(data_dir), good)
    except InputError as exc:
        refused = exc
    assert victim.read_bytes() == "不能被覆盖".encode()  # was overwritten with the database
    assert list(folder.iterdir()) == []
    assert refused is None, refused
    with Workspace.open(DataPaths(data_dir)) as ws:
        assert [s.name for s in ws.schools.list()] != []
