"""The database file: connection settings, integrity check at open, migrations, newer databases."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from wjself.core.errors import EnvironmentFault
from wjself.paths import DataPaths
from wjself.store import Workspace, backup
from wjself.store.db import (
    MIGRATIONS,
    SCHEMA_HEAD,
    Database,
    known_revisions,
    schema_revision,
    upgrade,
)


def test_every_connection_has_the_durability_settings(ws: Workspace) -> None:
    db: Database = ws._db
    # Two connections at once: the settings are per connection, not a one-off.
    with db.engine.connect() as one, db.engine.connect() as two:
        for conn in (one, two):
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_write_sessions_take_the_write_lock_at_begin(ws: Workspace, paths: DataPaths) -> None:
    with ws._db.write() as s:
        s.execute(text("SELECT 1"))
        # BEGIN IMMEDIATE: another writer is locked out even though we have not written yet.
        with (
            contextlib.closing(sqlite3.connect(paths.database, timeout=0)) as other,
            pytest.raises(sqlite3.OperationalError, match="locked"),
        ):
            other.execute("BEGIN IMMEDIATE")


def test_foreign_keys_are_enforced(ws: Workspace) -> None:
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), ws._db.write() as s:
        s.execute(
            text(
                "INSERT INTO answers (assessment_id, code, note, updated_at, updated_by, needs_reconfirm)"
                " VALUES (999, 'X', '', '2024-01-01T00:00:00+08:00', 'x', 0)"
            )
        )


def test_schema_head_is_the_newest_migration() -> None:
    assert known_revisions()[-1] == SCHEMA_HEAD
    assert known_revisions()[0] == "0001"
    assert (MIGRATIONS / "env.py").is_file()


def test_models_match_the_migrations(ws: Workspace) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    import wjself.store.received
    import wjself.store.review_tables  # noqa: F401
    from wjself.store.models import Base

    with ws._db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def _first_schema_with_data(path: Path) -> None:
    upgrade(path, "0001")
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        t = "2024-03-01T09:00:00+08:00"
        conn.execute(
            "INSERT INTO schools VALUES (1, '旧库小学', '3204120009', '[\"小学\"]', '湖塘镇', '', '', '', '', "
            '\'{"has_canteen":true,"has_labs":false,"boarding":false,"school_bus":false}\', ?, ?)',
            (t, t),
        )
        from tests.conftest import SAMPLE
        from wjself.core.codec import canonical_json, content_hash, template_to_dict
        from wjself.formats.templates import read_template

        sample = read_template(SAMPLE)
        content = canonical_json(template_to_dict(sample)).decode()
        sha = content_hash(sample)
        conn.execute(
            "INSERT INTO templates VALUES (1, ?, ?, ?, ?, ?, ?)",
            (sample.id, sample.version, sample.title, sha, content, t),
        )
        conn.execute(
            "INSERT INTO assessments VALUES (1, 1, ?, ?, ?, ?, '2024', 'finalized', ?, ?, '李老师', "
            "'张校长', ?, 'f00d', '')",
            (sample.id, sample.version, sha, content, t, t, t),
        )
        conn.execute(
            "INSERT INTO answers VALUES (1, 1, 'A01', '\"not_met\"', '台账不全', ?, '李老师', 0, NULL)",
            (t,),
        )
        conn.execute(
            "INSERT INTO rectifications VALUES (1, 1, 'A01', '台账不全', '补齐台账', '王老师', "
            "'2024-06-30', 'open', NULL, NULL, '')"
        )
        conn.execute(
            "INSERT INTO audit_log VALUES (1, ?, '李老师', 1, 'answer.set', 'A01', '', '不符合')",
            (t,),
        )


def test_migration_from_the_first_schema_keeps_the_data(paths: DataPaths) -> None:
    paths.root.mkdir(parents=True)
    _first_schema_with_data(paths.database)
    assert schema_revision(paths.database) == "0001"

    with Workspace.open(paths, automatic_backup=False) as ws:
        assert schema_revision(paths.database) == SCHEMA_HEAD
        view = ws.assessments.view(1)
        assert view.school.name == "旧库小学"  # from the snapshot the migration took
        assert view.answers["A01"].value == "not_met"
        assert view.answers["A01"].note == "台账不全"
        assert view.signoff is not None and view.signoff.fingerprint == "f00d"
        (rect,) = view.rectifications
        assert (rect.measure, rect.owner, str(rect.due)) == ("补齐台账", "王老师", "2024-06-30")
        (entry,) = ws.assessments.history(1)
        assert (entry.who, entry.new) == ("李老师", "不符合")
        # The edited rectification counts as touched: it survives the item becoming met later.
        with ws._db.read() as s:
            assert s.execute(text("SELECT touched FROM rectifications")).scalar() == 1
    saved = [p for p in backup.list_backups(paths) if p.name.startswith("pre-migration-0001-")]
    assert len(saved) == 1
    with backup.database_in(saved[0]) as db:
        assert schema_revision(db) == "0001"


def test_a_current_database_is_not_migrated_or_backed_up_again(paths: DataPaths) -> None:
    Workspace.open(paths, automatic_backup=False).close()
    Workspace.open(paths, automatic_backup=False).close()
    assert backup.list_backups(paths) == []


@pytest.mark.reliability(
    fault="Database of another program",
    method="database written by a newer wjself (unknown revision)",
)
def test_a_database_from_a_newer_wjself_is_refused_untouched(paths: DataPaths) -> None:
    Workspace.open(paths, automatic_backup=False).close()
    with contextlib.closing(sqlite3.connect(paths.database)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099_future'")
    before = paths.database.read_bytes()
    with pytest.raises(EnvironmentFault) as caught:
        Workspace.open(paths, automatic_backup=False)
    message = str(caught.value)
    assert "更新版本" in message and "0099_future" in message and str(paths.database) in message
    assert paths.database.read_bytes() == before


def test_a_sqlite_file_that_is_not_ours_is_refused(paths: DataPaths) -> None:
    paths.root.mkdir(parents=True)
    with contextlib.closing(sqlite3.connect(paths.database)) as conn, conn:
        conn.execute("CREATE TABLE other (x)")
    with pytest.raises(EnvironmentFault, match="不是 wjself 数据库"):
        Workspace.open(paths)


def test_damage_is_reported_with_the_file_and_latest_backup(paths: DataPaths) -> None:
    with Workspace.open(paths) as ws:
        from wjself.core.school import School

        ws.schools.add(School(0, "某校", "3204120002", ("小学",)))
    # Yesterday's automatic backup exists; then the file is damaged in the middle.
    made = backup.automatic_backup(paths)
    latest = made or backup.latest_backup(paths)
    assert latest is not None
    data = bytearray(paths.database.read_bytes())
    page = 4096
    for i in range(page * 2, min(len(data), page * 4)):
        data[i] = 0xA5
    paths.database.write_bytes(bytes(data))
    with pytest.raises(EnvironmentFault) as caught:
        Workspace.open(paths)
    message = str(caught.value)
    assert "已损坏" in message and str(paths.database) in message and str(latest) in message


def test_garbage_instead_of_a_database(paths: DataPaths) -> None:
    paths.root.mkdir(parents=True)
    paths.database.write_bytes(b"this is not a database at all" * 200)
    with pytest.raises(EnvironmentFault, match="已损坏"):
        Workspace.open(paths)


def test_migration_from_the_previous_head_keeps_the_data(paths: DataPaths, tmp_path: Path) -> None:
    """A database at 0002 with a draft (flags from an upgrade, evidence, a touched entry)
    reaches the head with everything as it was and an empty answer history."""
    paths.root.mkdir(parents=True)
    _first_schema_with_data(paths.database)
    upgrade(paths.database, "0002")
    t = "2024-04-01T10:00:00+08:00"
    with contextlib.closing(sqlite3.connect(paths.database)) as conn, conn:
        conn.execute(
            "UPDATE assessments SET status = 'draft', fingerprint = '', upgraded_from = '2023.1'"
        )
        conn.execute(
            "INSERT INTO answers (id, assessment_id, code, value, note, updated_at, updated_by, "
            "needs_reconfirm, set_aside) VALUES (2, 1, 'B03', NULL, '招聘中', ?, '李老师', 0, '\"part\"')",
            (t,),
        )
        conn.execute("UPDATE answers SET needs_reconfirm = 1 WHERE code = 'A01'")
        conn.execute(
            "INSERT INTO evidence (assessment_id, code, sha256, name, size, media_type, added_at, "
            "added_by) VALUES (1, 'A01', ?, '台账.png', 10, 'image/png', ?, '李老师')",
            ("ab" * 32, t),
        )
    before = dump_rows(paths.database)
    assert schema_revision(paths.database) == "0002"

    with Workspace.open(paths, automatic_backup=False) as ws:
        assert schema_revision(paths.database) == SCHEMA_HEAD
        view = ws.assessments.view(1)
        assert view.answers["A01"].needs_reconfirm and view.answers["A01"].note == "台账不全"
        assert view.answers["B03"].set_aside == "part" and view.answers["B03"].value is None
        assert [e.name for e in view.answers["A01"].evidence] == ["台账.png"]
        assert view.upgraded_from == "2023.1"
        assert ws.answers.history(1) == []
    after = dump_rows(paths.database)
    # revision 0005 appends assessments.fingerprint_scheme: 1 for everything made before it;
    # 0006 appends the narrative: NULL (nothing written)
    assert [row[-2:] for row in after["assessments"]] == [(1, None)]
    after["assessments"] = [row[:-2] for row in after["assessments"]]
    # 0004 only adds the two new profile facts (as false) to the school.
    before["schools"] = [_with_new_facts(row) for row in before["schools"]]
    # Opening marks the folder as a school's (store.mode): it holds a school's data.
    assert ("mode", "school") in after["settings"]
    after["settings"] = [row for row in after["settings"] if row[0] != "mode"]
    assert {k: v for k, v in after.items() if k in before} == before
    assert after["answer_history"] == after["answer_history_evidence"] == []
    saved = [p for p in backup.list_backups(paths) if p.name.startswith("pre-migration-0002-")]
    assert len(saved) == 1
    with backup.database_in(saved[0]) as db:
        assert schema_revision(db) == "0002"


def dump_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name != 'alembic_version'"
            )
        ]
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}


def _with_new_facts(row: tuple[object, ...]) -> tuple[object, ...]:
    import json

    out = list(row)
    for i, cell in enumerate(out):
        if isinstance(cell, str) and cell.startswith('{"has_canteen"'):
            facts = json.loads(cell)
            facts.update(outsourced_meals=False, party_org=False)
            out[i] = json.dumps(facts, ensure_ascii=False, separators=(",", ":"))
    return tuple(out)


def test_migration_0004_adds_the_new_facts_as_false_and_nothing_else(paths: DataPaths) -> None:
    """Schools of a 0003 database get 校外供餐 and 独立党组织 as false; a damaged facts cell is
    left alone; every other row stays as it was; a backup is taken first."""
    paths.root.mkdir(parents=True)
    _first_schema_with_data(paths.database)
    upgrade(paths.database, "0003")
    t = "2024-04-01T10:00:00+08:00"
    with contextlib.closing(sqlite3.connect(paths.database)) as conn, conn:
        conn.execute(
            "INSERT INTO schools VALUES (2, '坏数据小学', '3204120010', '[\"小学\"]', '', '', '', "
            "'', '', 'not json', ?, ?)",
            (t, t),
        )
    before = dump_rows(paths.database)
    with Workspace.open(paths, automatic_backup=False) as ws:
        assert schema_revision(paths.database) == SCHEMA_HEAD
        school = ws.assessments.view(1).school
        assert school.name == "旧库小学"
    after = dump_rows(paths.database)
    facts = after["schools"][0][9]
    assert facts == (
        '{"has_canteen":true,"has_labs":false,"boarding":false,"school_bus":false,'
        '"outsourced_meals":false,"party_org":false}'
    )
    assert after["schools"][1] == before["schools"][1]  # unreadable: untouched
    after["assessments"] = [row[:-2] for row in after["assessments"]]  # 0005's, 0006's columns
    # Opening marks the folder as a school's (store.mode); later revisions add tables.
    after["settings"] = [row for row in after["settings"] if row[0] != "mode"]
    assert {k: v for k, v in after.items() if k != "schools" and k in before} == {
        k: v for k, v in before.items() if k != "schools"
    }
    saved = [p for p in backup.list_backups(paths) if p.name.startswith("pre-migration-0003-")]
    assert len(saved) == 1
    with backup.database_in(saved[0]) as saved_db:
        assert schema_revision(saved_db) == "0003"


def test_migration_0005_normalises_fullwidth_school_codes(paths: DataPaths) -> None:
    """A school stored with a fullwidth code gets the ASCII one, unless another school has it."""
    paths.root.mkdir(parents=True)
    _first_schema_with_data(paths.database)
    upgrade(paths.database, "0004")
    t = "2024-04-01T10:00:00+08:00"
    with contextlib.closing(sqlite3.connect(paths.database)) as conn, conn:
        for sid, code in ((2, "３２０４１２００２０"), (3, "３２０４１２０００９")):
            conn.execute(
                "INSERT INTO schools VALUES (?, '全角小学', ?, '[\"小学\"]', '', '', '', '', '', "
                "'{}', ?, ?)",
                (sid, code, t, t),
            )
    with Workspace.open(paths, automatic_backup=False) as ws:
        found = ws.schools.find("3204120020")
        assert found is not None and found.id == 2
        twin = ws.schools.get(3)
        assert twin.code == "３２０４１２０００９"  # 3204120009 is school 1's: left for a person


@pytest.mark.reliability(
    fault="Hostile files in the data folder",
    method=".migrate.lock as a link to a file outside, a link to a FIFO, or a folder: exit-2 message, nothing outside touched",
)
def test_the_migration_lock_never_follows_a_link(paths: DataPaths, tmp_path: Path) -> None:
    """Migrations take a lock file in the data folder; whatever stands at its name is refused
    with a message, and the file a link points at is neither truncated nor written."""
    import os

    victim = tmp_path / "victim.txt"
    victim.write_text("precious", "utf-8")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    paths.root.mkdir(parents=True)
    lock = paths.root / ".migrate.lock"
    for make in (lambda: lock.symlink_to(victim), lambda: lock.symlink_to(fifo), lock.mkdir):
        make()
        with pytest.raises(EnvironmentFault, match="锁文件"):
            Workspace.open(paths, automatic_backup=False)
        assert victim.read_text("utf-8") == "precious"
        assert not paths.database.exists()  # nothing migrated, nothing half made
        if lock.is_symlink():
            lock.unlink()
        else:
            lock.rmdir()
    Workspace.open(paths, automatic_backup=False).close()  # the name free: it opens
