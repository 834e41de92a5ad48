"""What a restored or edited database says is data, never a path or a command: hostile
evidence digests and names, impossible values in a backup, stray files in ``backups/``, and a
window lock file deleted or replaced under an open window."""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.conftest import Result
from wjself.core.assessment import Evidence
from wjself.core.template import Kind
from wjself.paths import DataPaths
from wjself.store import Workspace

POSIX_ONLY = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev are POSIX")


def png(path: Path) -> Path:
    Image.new("RGB", (40, 30), "navy").save(path, "PNG")
    return path


def add_evidence_row(paths: DataPaths, aid: int, sha: str, name: str = "照片.png") -> None:
    """An evidence row written straight into the database, as an edited backup would hold it."""
    with sqlite3.connect(paths.database) as conn:
        conn.execute(
            "INSERT INTO evidence (assessment_id, code, sha256, name, size, media_type, added_at,"
            " added_by) VALUES (?, 'A01', ?, ?, 16, 'image/png', '2024-05-01T10:00:00+08:00', '')",
            (aid, sha, name),
        )
    conn.close()


# ---------------------------------------------------------------- case 1: evidence digests


@pytest.mark.reliability(
    fault="Hostile backup",
    method="evidence row whose sha256 is ../victim.txt (a file beside the data folder); assessment delete",
)
def test_a_digest_that_is_a_path_deletes_nothing_outside_the_data_folder(
    ws: Workspace, aid: int, paths: DataPaths, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    victim = paths.root.parent / "victim.txt"
    victim.write_text("keep me", "utf-8")
    ws.evidence.add(aid, "A01", png(tmp_path / "a.png"))
    ws.close()
    add_evidence_row(paths, aid, "../victim.txt")  # evidence/../../victim.txt
    odd = "cd" * 32  # a real digest whose stored "file" is a folder
    (paths.evidence / odd[:2] / odd).mkdir(parents=True)
    add_evidence_row(paths, aid, odd)
    result = cli("assessment", "delete", str(aid))
    assert result.code == 0, result.err
    assert victim.read_text("utf-8") == "keep me"
    assert [p for p in paths.evidence.rglob("*") if p.is_file()] == []  # the real blob went


def _hostile_target(kind: str, paths: DataPaths) -> str:
    if kind == "dev-zero":
        return "../" * 40 + "dev/zero"
    sha = "ab" * 32
    (paths.evidence / sha[:2]).mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(paths.evidence / sha[:2] / sha)
    else:  # a link out of the evidence folder, with a name that is a real digest
        (paths.evidence / sha[:2] / sha).symlink_to(paths.root.parent / "secret.png")
    return sha


@POSIX_ONLY
@pytest.mark.reliability(
    fault="Hostile backup",
    method="evidence digest ../…/dev/zero, a FIFO or a link out under a real digest; bundle export and report pdf (with a timeout)",
)
@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "link-out"])
def test_evidence_that_is_no_ordinary_file_neither_hangs_nor_is_read(
    kind: str,
    ws: Workspace,
    aid: int,
    paths: DataPaths,
    tmp_path: Path,
    run_cli: Callable[..., Result],
) -> None:
    png(paths.root.parent / "secret.png")
    ws.close()
    add_evidence_row(paths, aid, _hostile_target(kind, paths))
    out = tmp_path / "out"
    out.mkdir()
    exported = run_cli("bundle", "export", "-o", out / "b.wjsa", aid, timeout=60)
    assert exported.code == 2 and "佐证文件" in exported.err, exported.err
    assert not (out / "b.wjsa").exists()
    report = run_cli("report", "pdf", "-o", out / "r.pdf", aid, timeout=60)
    assert report.code == 0, report.err
    assert (out / "r.pdf").read_bytes().startswith(b"%PDF-")


def test_the_resolver_accepts_only_hex_digests_inside_the_evidence_folder(
    paths: DataPaths,
) -> None:
    from wjself.store.evidence_paths import blob_path, read_blob

    good = "0f" * 32
    assert blob_path(paths, good) == paths.evidence / "0f" / good
    for bad in ("../victim.txt", good.upper(), good[:-1], good + "0", "/" + good[1:], ""):
        assert blob_path(paths, bad) is None, bad
    (paths.evidence / "0f").mkdir(parents=True)
    (paths.evidence / "0f" / good).write_bytes(b"x" * 100)
    assert read_blob(paths, good, 100) == b"x" * 100
    with pytest.raises(OSError):
        read_blob(paths, good, 99)  # larger than recorded: never read unbounded


def open_in_window(evidence: Evidence) -> list[Path]:
    """What the walkthrough's "open evidence" hands the system to open (the controller with a
    window that only records the paths)."""
    from wjself.ui.walkthrough_evidence import EvidenceController

    opened: list[Path] = []

    class Prompts:
        def open_path(self, path: Path) -> bool:
            opened.append(path)
            return True

    class Window:
        prompts = Prompts()

    class Controller:  # the walkthrough's evidence controller, as far as opening needs it
        _window = Window()
        _parent = None

    EvidenceController.open(Controller(), evidence)  # type: ignore[arg-type]
    return opened


@pytest.mark.reliability(
    fault="Hostile backup",
    method="evidence name ../../../escape.txt; open evidence in the window",
)
def test_opening_evidence_named_with_dots_writes_only_inside_the_temp_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt
    import tempfile

    temp = tmp_path / "t" / "a"
    temp.mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    source = tmp_path / "blob"
    source.write_bytes(b"hello")
    evidence = Evidence(
        1, "A01", "ab" * 32, "../../../escape.txt", 5, "text/plain", str(source),
        dt.datetime(2024, 5, 1).astimezone(),
    )  # fmt: skip
    opened = open_in_window(evidence)
    assert len(opened) == 1
    assert opened[0].resolve().is_relative_to((temp / "wjself-open").resolve())
    assert opened[0].read_bytes() == b"hello" and opened[0].name == "escape.txt"
    assert sorted(p.name for p in (tmp_path / "t").iterdir()) == ["a"]


# ---------------------------------------------------------------- case 2: vetting a backup


@pytest.fixture
def demo_backup(data_dir: Path, tmp_path: Path, cli: Callable[..., Result]) -> Path:
    """A database-only backup (as wjself 1.0 wrote them, and as anyone can edit with sqlite3)
    of the demo data: schools, finalized and draft assessments, evidence, 整改."""
    from wjself.store.backup import online_backup

    assert cli("demo").code == 0
    target = tmp_path / "demo-backup.db"
    online_backup(DataPaths(data_dir).database, target)
    return target


def edited(source: Path, target: Path, *statements: str) -> Path:
    target.write_bytes(source.read_bytes())
    with sqlite3.connect(target) as conn:
        for statement in statements:
            conn.execute(statement)
    conn.close()
    return target


def test_the_demo_data_passes_the_vetting(
    demo_backup: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    from wjself.store.backup import database_in
    from wjself.store.vet import vet_database

    assert vet_database(demo_backup) == []
    whole = tmp_path / "whole.wjbak"
    assert cli("backup", "-o", whole).code == 0
    with database_in(whole) as database:
        assert vet_database(database) == []


@pytest.mark.reliability(
    fault="Hostile backup",
    method="backup edited with sqlite3: answer not JSON, unknown status, due 2024-13-45, stages 42, digest ../x; restore",
)
def test_a_backup_with_impossible_values_is_refused_and_nothing_changes(
    demo_backup: Path, data_dir: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    bad = edited(
        demo_backup,
        tmp_path / "bad.db",
        "UPDATE answers SET value = 'not json' WHERE id = (SELECT min(id) FROM answers)",
        "UPDATE assessments SET status = 'weird' WHERE id = 2",
        "UPDATE rectifications SET due = '2024-13-45' WHERE id = (SELECT min(id) FROM rectifications)",
        "UPDATE schools SET stages = '42'",
        "UPDATE evidence SET sha256 = '../victim.txt' WHERE id = (SELECT min(id) FROM evidence)",
    )
    before = cli("assessment", "list")
    backups_before = sorted(p.name for p in (data_dir / "backups").iterdir())
    result = cli("restore", bad)
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert "未恢复" in lines[0] and "当前数据库保持不变" in lines[0]
    for expected in (
        "answers:",
        "status: 未知状态“weird”",
        "due: “2024-13-45”不是有效日期",
        "schools:1: stages:",
        "evidence:",
    ):
        assert any(expected in line for line in lines), (expected, result.err)
    assert cli("assessment", "list").out == before.out
    assert sorted(p.name for p in (data_dir / "backups").iterdir()) == backups_before


def test_a_refusal_lists_the_first_ten_problems_and_counts_the_rest(
    demo_backup: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    bad = edited(demo_backup, tmp_path / "bad.db", "UPDATE answers SET value = '{'")
    with sqlite3.connect(bad) as conn:
        count = conn.execute("SELECT count(*) FROM answers").fetchone()[0]
    conn.close()
    assert count > 12
    result = cli("restore", bad)
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 + 10 + 1
    assert lines[-1].endswith(f"还有 {count - 10} 处问题未列出")


def test_answers_must_be_canonical_values_of_their_item() -> None:
    from wjself.core.template import Item, Option
    from wjself.store.vet import value_problem

    compliance = Item(code="A", text="t", kind=Kind.COMPLIANCE)
    assert value_problem(compliance, "met") is None
    assert value_problem(compliance, "符合") is not None  # what a person types, not what is stored
    assert value_problem(compliance, 1.0) is not None
    percent = Item(code="P", text="t", kind=Kind.PERCENT)
    assert value_problem(percent, 87.5) is None
    assert value_problem(percent, 870) is not None
    assert value_problem(percent, True) is not None
    date = Item(code="D", text="t", kind=Kind.DATE)
    assert value_problem(date, "2024-03-05") is None
    assert value_problem(date, "2024-13-45") is not None
    multiple = Item(
        code="M", text="t", kind=Kind.MULTIPLE, options=(Option("a", "甲"), Option("b", "乙"))
    )
    assert value_problem(multiple, ["a", "b"]) is None
    assert value_problem(multiple, ["b", "a"]) is not None
    assert value_problem(multiple, ["c"]) is not None


@pytest.mark.reliability(
    fault="Hostile backup",
    method="newest backup in backups/ holds invalid rows, database damaged; the recovery offer",
)
def test_the_recovery_offer_skips_a_backup_that_fails_the_vetting(
    demo_backup: Path, data_dir: Path, tmp_path: Path
) -> None:
    from wjself.store.backup import latest_good_backup, list_backups, online_backup

    paths = DataPaths(data_dir)
    good = paths.backups / "manual-20240101-000000.db"
    online_backup(paths.database, good)
    bad = edited(
        demo_backup,
        paths.backups / "manual-20991231-000000.db",
        "UPDATE assessments SET status = 'weird'",
    )
    assert list_backups(paths)[0] == bad
    assert latest_good_backup(paths) == good


# ---------------------------------------------------------------- case 3: stray files in backups/


def _damage(database: Path) -> None:
    data = bytearray(database.read_bytes())
    data[:1000] = b"\x00" * 1000  # the header and the first page gone
    database.write_bytes(bytes(data))


@pytest.mark.reliability(
    fault="Stray file in backups/",
    method="backups/auto-20241301-000000.db (month 13); a CLI command and the window's --exit-after-startup",
)
def test_a_backup_name_with_an_impossible_date_is_skipped(
    data_dir: Path, run_cli: Callable[..., Result]
) -> None:
    assert run_cli("template", "list", timeout=60).code == 0
    stray = data_dir / "backups" / "auto-20241301-000000.db"
    stray.write_bytes(b"")
    listed = run_cli("template", "list", timeout=60)
    assert listed.code == 0, listed.err
    started = run_cli("--exit-after-startup", timeout=60)
    assert started.code == 0, started.err
    assert stray.exists()  # not ours to delete


@POSIX_ONLY
@pytest.mark.reliability(
    fault="Stray file in backups/",
    method="a FIFO, a folder and a link out named as the newest backups, database damaged; a CLI command with a timeout",
)
def test_a_fifo_folder_or_link_named_as_a_backup_is_never_opened(
    data_dir: Path, tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    for _ in range(2):  # the second start takes the day's backup of what the first made
        assert run_cli("template", "list", timeout=60).code == 0
    backups = data_dir / "backups"
    good = next(backups.glob("auto-*"))
    outside = tmp_path / "outside.db"
    outside.write_bytes(good.read_bytes())
    os.mkfifo(backups / "auto-20991231-000000.wjbak")
    (backups / "auto-20991230-000000.wjbak").mkdir()
    (backups / "auto-20991229-000000.db").symlink_to(outside)
    _damage(data_dir / "wjself.db")
    refused = run_cli("template", "list", timeout=60)
    assert refused.code == 2, refused.err
    assert "已损坏" in refused.err and str(good) in refused.err
    assert "2099" not in refused.err


# ---------------------------------------------------------------- cases 6 and 7: the window lock


@pytest.mark.reliability(
    fault="Window lock held by another program",
    method="wjself.lock deleted while a window holds it; a second window and a restore",
)
def test_deleting_the_lock_file_lets_no_second_window_or_restore_in(
    demo_backup: Path, data_dir: Path, cli: Callable[..., Result]
) -> None:
    from wjself.core.errors import EnvironmentFault
    from wjself.store.lock import WindowLock, holder

    paths = DataPaths(data_dir)
    before = cli("assessment", "list").out
    window = WindowLock(paths).acquire()
    try:
        paths.lock_file.unlink()
        assert holder(paths) is not None
        with pytest.raises(EnvironmentFault, match="已在另一个 wjself 窗口中打开"):
            WindowLock(paths).acquire()
        refused = cli("restore", demo_backup)
        assert refused.code == 2 and "已在另一个 wjself 窗口中打开" in refused.err
        assert cli("assessment", "list").out == before
    finally:
        window.release()
    with WindowLock(paths):  # free again once the window closes
        pass
    assert holder(paths) is None


@pytest.mark.reliability(
    fault="Window lock held by another program",
    method="wjself.lock is a folder; restore and the window's --exit-after-startup",
)
def test_a_folder_in_place_of_the_lock_file_is_a_clear_refusal(
    demo_backup: Path, data_dir: Path, cli: Callable[..., Result], run_cli: Callable[..., Result]
) -> None:
    (data_dir / "wjself.lock").mkdir()
    refused = cli("restore", demo_backup)
    assert refused.code == 2, refused.err
    assert "锁文件" in refused.err and "文件夹" in refused.err
    window = run_cli("--exit-after-startup", timeout=60)
    assert window.code == 2, window.err
    assert "锁文件" in window.err and "Traceback" not in window.err


@POSIX_ONLY
@pytest.mark.reliability(
    fault="Hostile backup",
    method="an image evidence whose stored file is a FIFO; the window draws its thumbnail",
)
def test_a_thumbnail_of_a_fifo_does_not_block_the_window(qtbot: Any, tmp_path: Path) -> None:
    import datetime as dt
    import faulthandler

    from wjself.ui.evidence_panel import EvidencePanel

    panel = EvidencePanel()
    qtbot.addWidget(panel)
    fifo = tmp_path / ("ab" * 32)
    os.mkfifo(fifo)
    evidence = Evidence(
        1, "A01", "ab" * 32, "照片.png", 16, "image/png", str(fifo),
        dt.datetime(2024, 5, 1).astimezone(),
    )  # fmt: skip

    # Qt retries a blocked open() itself, so no Python timeout can interrupt it: a regression
    # ends the run with a traceback rather than hanging it.
    faulthandler.dump_traceback_later(60, exit=True)
    try:
        drawn = panel._icon(evidence)
    finally:
        faulthandler.cancel_dump_traceback_later()
    assert not drawn.isNull()


@pytest.mark.reliability(
    fault="Hostile files in the temp folder",
    method="open evidence in the window: a file planted in the shared temp folder under the "
    "copy's expected name is replaced, never opened",
)
def test_opening_evidence_never_opens_a_file_planted_under_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt
    import hashlib
    import tempfile

    temp = tmp_path / "shared-tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    source = tmp_path / "blob"
    source.write_bytes(b"the real evidence")
    planted = temp / "wjself-open" / hashlib.sha256(b"the real evidence").hexdigest()[:16]
    planted.mkdir(parents=True)
    (planted / "report.docx").write_bytes(b"a macro someone else put here")
    evidence = Evidence(
        1, "A01", "ab" * 32, "report.docx", 17, "application/octet-stream", str(source),
        dt.datetime(2024, 5, 1).astimezone(),
    )  # fmt: skip
    opened = open_in_window(evidence)
    assert len(opened) == 1 and opened[0].read_bytes() == b"the real evidence"
