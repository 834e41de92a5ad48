"""SIGKILL wjself in the middle of its operations, many times, and check what is left.

``python -m tests.reliability.killer --ops answer-set,finalize --runs 8 --dir DIR`` prints one
JSON object per operation.  Used by ``tests/reliability/test_kills.py`` (a few runs each) and
``stress/kill_runs.py`` (hundreds).

How: this process imports wjself once, prepares a data folder for the operation, then for
every run forks a child that performs the operation exactly as the program does (the command
line's ``main`` for CLI operations, ``write_pdf`` and ``export_bundle`` for exports) and
SIGKILLs it after a random delay between 0 and 1.2 × the time one run takes, so some runs
finish and the others die anywhere from start-up to the last fsync.  Forking saves the
interpreter start-up (≈ 1 s under load) that would otherwise dominate; the child's work, its
files and its death are those of a real process.  No SQLite connection is open across a fork.

After the runs each operation checks its promise:
- the database passes ``PRAGMA integrity_check``;
- every run happened whole or not at all (answers with their audit rows, all rows of an
  import or none, a finalized assessment with fingerprint, snapshot and audit row or a draft,
  a restored database equal to one backup or the other);
- every run whose command returned (exit 0) is there;
- no file under its final name is half-written (backups pass integrity_check and hold the
  data, PDFs open with every page, bundles verify); temp files a killed run left are counted
  and then removed by the next write to the same target once they are an hour old.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import os
import random
import signal
import sqlite3
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tests.helpers.factory import item, template, template_dict
from wjself.core.narrative import PARTS
from wjself.core.school import School
from wjself.paths import DataPaths
from wjself.store import Workspace

OPERATIONS = (
    "answer-set",
    "answer-import",
    "template-import",
    "finalize",
    "backup",
    "restore",
    "pdf-export",
    "bundle-export",
    "narrative",
)
IMPORT_ROWS = 4


@dataclass
class KillStats:
    """What the runs of one operation did and which promises failed (``broken`` empty = ok)."""

    operation: str
    runs: int = 0
    killed: int = 0
    acknowledged: int = 0
    done_unacknowledged: int = 0  # killed after the work was durable, before the exit
    not_done: int = 0  # killed before anything became durable
    leftover_temp_files: int = 0
    leftovers_cleaned: int = 0
    integrity: str = ""
    run_seconds: float = 0.0
    broken: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- running and killing


def _child(work: Callable[[], int]) -> None:
    """In the forked child: run ``work`` with output to /dev/null and exit with its code."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    code = 1
    try:
        code = work()
    except BaseException:
        code = 3
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
        os._exit(code)


def run_once(work: Callable[[], int], delay: float | None) -> tuple[bool, bool]:
    """Fork, run ``work``, SIGKILL after ``delay`` s (None: never); (acknowledged, killed)."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns
        _child(work)
    killed = False
    reaped, status = 0, 0
    if delay is not None:
        deadline = time.monotonic() + delay
        while time.monotonic() < deadline:
            reaped, status = os.waitpid(pid, os.WNOHANG)
            if reaped:
                break
            time.sleep(min(0.002, max(0.0, deadline - time.monotonic())))
        else:
            os.kill(pid, signal.SIGKILL)
            killed = True
    if not reaped:
        _, status = os.waitpid(pid, 0)
    del killed  # a child that exited just before the signal was not killed
    if os.WIFSIGNALED(status):
        return False, True
    return os.WEXITSTATUS(status) == 0, False


def cli(*args: str) -> Callable[[], int]:
    def work() -> int:
        from wjself.cli.main import main

        return main(list(args))

    return work


def integrity(database: Path) -> str:
    with contextlib.closing(sqlite3.connect(database)) as conn:
        return ";".join(str(r[0]) for r in conn.execute("PRAGMA integrity_check"))


def query(database: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with contextlib.closing(sqlite3.connect(database)) as conn:
        return [tuple(r) for r in conn.execute(sql, params)]


def _age(paths: list[Path], seconds: float = 7200) -> None:
    """Make leftover temp files look old, as they would be on the next day's run."""
    past = time.time() - seconds
    for p in paths:
        with contextlib.suppress(OSError):
            os.utime(p, (past, past))


def _school(ws: Workspace, n: int = 1) -> School:
    return ws.schools.add(School(0, f"断电测试学校{n}", f"32041{n:05d}", ("小学",)))


# ---------------------------------------------------------------- the operations


class Operation:
    """One kind of work to kill: ``prepare`` the folder, ``work(i)`` for run i, ``check``."""

    name = ""

    def __init__(self, root: Path, runs: int) -> None:
        self.root = root
        self.data = root / "data"
        self.paths = DataPaths(self.data)
        self.runs = runs
        self.argv_base = ["--data-dir", str(self.data)]

    def prepare(self) -> None:
        raise NotImplementedError

    def work(self, n: int) -> Callable[[], int]:
        raise NotImplementedError

    def after_run(self, n: int, acknowledged: bool, stats: KillStats) -> None:
        """Checks that must hold after every single run (default: none)."""

    def check(self, acknowledged: dict[int, bool], stats: KillStats) -> None:
        raise NotImplementedError


class AnswerSet(Operation):
    name = "answer-set"

    def prepare(self) -> None:
        with Workspace.open(self.paths) as ws:
            t = template([item(f"T{i:04d}", "text") for i in range(self.runs + 1)], id="kill")
            ws.templates.install(t)
            self.aid = ws.assessments.new(_school(ws).id, t.id, None, "2024")

    def value(self, n: int) -> str:
        return f"第{n}次-{n * 7919 % 100003:05d}"

    def work(self, n: int) -> Callable[[], int]:
        return cli(*self.argv_base, "answer", "set", str(self.aid), f"T{n:04d}", self.value(n))

    def check(self, acknowledged: dict[int, bool], stats: KillStats) -> None:
        db = self.paths.database
        answers = {c: json.loads(v) for c, v in query(db, "SELECT code, value FROM answers")}
        audited = {c for (c,) in query(db, "SELECT code FROM audit_log WHERE action='answer.set'")}
        for n, ack in acknowledged.items():
            code = f"T{n:04d}"
            saved = answers.get(code) == self.value(n)
            if saved != (code in audited):
                stats.broken.append(f"{code}: answer and audit row disagree (saved={saved})")
            if ack and not saved:
                stats.broken.append(f"{code}: acknowledged but lost")
            if saved and not ack:
                stats.done_unacknowledged += 1
            if not saved:
                stats.not_done += 1


class AnswerImport(Operation):
    name = "answer-import"

    def prepare(self) -> None:
        codes = [f"I{i:04d}" for i in range((self.runs + 1) * IMPORT_ROWS)]
        with Workspace.open(self.paths) as ws:
            t = template([item(c, "text") for c in codes], id="kill-import")
            ws.templates.install(t)
            self.aid = ws.assessments.new(_school(ws).id, t.id, None, "2024")
        files = self.root / "files"
        files.mkdir()
        for n in range(self.runs + 1):
            out = io.StringIO()
            writer = csv.writer(out)
            writer.writerow(["code", "value", "note"])
            for code in self.codes(n):
                writer.writerow([code, f"导入{n}", f"第{n}批"])
            (files / f"run{n}.csv").write_text(out.getvalue(), "utf-8")

    def codes(self, n: int) -> list[str]:
        return [f"I{n * IMPORT_ROWS + k:04d}" for k in range(IMPORT_ROWS)]

    def work(self, n: int) -> Callable[[], int]:
        path = self.root / "files" / f"run{n}.csv"
        return cli(*self.argv_base, "answer", "import", str(self.aid), str(path))

    def check(self, acknowledged: dict[int, bool], stats: KillStats) -> None:
        db = self.paths.database
        answers = {c: json.loads(v) for c, v in query(db, "SELECT code, value FROM answers")}
        audited = {
            c for (c,) in query(db, "SELECT code FROM audit_log WHERE action='answer.import'")
        }
        for n, ack in acknowledged.items():
            present = [c for c in self.codes(n) if answers.get(c) == f"导入{n}"]
            logged = [c for c in self.codes(n) if c in audited]
            if len(present) not in (0, IMPORT_ROWS) or present != logged:
                stats.broken.append(f"run {n}: {len(present)} of {IMPORT_ROWS} rows stored")
            if ack and not present:
                stats.broken.append(f"run {n}: acknowledged but not stored")
            if present and not ack:
                stats.done_unacknowledged += 1
            if not present:
                stats.not_done += 1


class NarrativeSet(Operation):
    """``assessment narrative ID --file`` run after run on one draft: the four parts of one
    run's file or of another, never a mix, each with its audit row."""

    name = "narrative"

    def prepare(self) -> None:
        with Workspace.open(self.paths) as ws:
            t = template([item("N1", "text")], id="kill-narrative")
            ws.templates.install(t)
            self.aid = ws.assessments.new(_school(ws).id, t.id, None, "2024")
        files = self.root / "files"
        files.mkdir()
        for n in range(self.runs + 1):
            text = "".join(f"## {part}\n{self.text(n, part)}\n" for part in PARTS)
            (files / f"run{n}.md").write_text(text, "utf-8")

    @staticmethod
    def text(n: int, part: str) -> str:
        return f"第{n}次：{part}（{n * 7919 % 100003:05d}）"

    def work(self, n: int) -> Callable[[], int]:
        path = self.root / "files" / f"run{n}.md"
        return cli(*self.argv_base, "assessment", "narrative", str(self.aid), "--file", str(path))

    def check(self, acknowledged: dict[int, bool], stats: KillStats) -> None:
        db = self.paths.database
        ((raw,),) = query(db, "SELECT narrative FROM assessments WHERE id = ?", self.aid)
        stored = json.loads(raw) if raw else {}
        rows = query(db, "SELECT code, new FROM audit_log WHERE action='assessment.narrative'")
        runs = {n for n in acknowledged if any(new == self.text(n, c) for c, new in rows)}
        for n, ack in acknowledged.items():
            logged = sum(1 for c, new in rows if new == self.text(n, c))
            if logged not in (0, len(PARTS)):
                stats.broken.append(f"run {n}: {logged} of {len(PARTS)} parts audited")
            if ack and n not in runs:
                stats.broken.append(f"run {n}: acknowledged but not stored")
            if n in runs and not ack:
                stats.done_unacknowledged += 1
            if n not in runs:
                stats.not_done += 1
        if runs and stored != {part: self.text(max(runs), part) for part in PARTS}:
            stats.broken.append(f"stored narrative is not the last run's: {str(stored)[:80]}")


class TemplateImport(Operation):
    name = "template-import"

    def prepare(self) -> None:
        Workspace.open(self.paths).close()
        files = self.root / "files"
        files.mkdir()
        for n in range(self.runs + 1):
            data = template_dict(
                [item(f"K{i:03d}") for i in range(60)], id=f"kill-t{n}", title=f"断电模板{n}"
            )
            (files / f"t{n}.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")

    def work(self, n: int) -> Callable[[], int]:
        return cli(*self.argv_base, "template", "import", str(self.root / "files" / f"t{n}.json"))

    def check(self, acknowledged: dict[int, bool], stats: KillStats) -> None:
        db = self.paths.database
        installed = {t for (t,) in query(db, "SELECT template_id FROM templates")}
        audited = {
            str(n).split(" ")[0].split("@")[0]
            for (n,) in query(db, "SELECT new FROM audit_log WHERE action='template.install'")
        }
        with Workspace.open(self.paths, automatic_backup=False) as ws:
            listed = {i.id: i.items for i in ws.templates.list()}
        for n, ack in acknowledged.items():
            tid = f"kill-t{n}"
            if (tid in installed) != (tid in audited):
                stats.broken.append(f"{tid}: template and audit row disagree")
            if tid in installed and listed.get(tid) != 60:
                stats.broken.append(f"{tid}: stored content incomplete")
            if ack and tid not in installed:
                stats.broken.append(f"{tid}: acknowledged but not installed")
            if tid in installed and not ack:
                stats.done_unacknowledged += 1
            if tid not in installed:
                stats.not_done += 1


class Finalize(Operation):
    name = "finalize"

    def prepare(self) -> None:
        with Workspace.open(self.paths) as ws:
            t = template([item("F01"), item("F02", "text")], id="kill-final")
            ws.templates.install(t)
            school = _school(ws)
            self.aids = []
            for n in range(self.runs + 1):
                aid = ws.assessments.new(school.id, t.id, None, f"2024-{n:04d}")
                ws.answers.set(aid, "F01", "符合")
                ws.answers.set(aid, "F02", f"第{n}份")
                self.aids.append(aid)

    def work(self, n: int) -> Callable[[], int]:
        return cli(
            *self.argv_base,
            "assessment",
            "finalize",
            str(self.aids[n]),
            "--filled-by",
            "张老师",
            "--reviewed-by",
            "王校长",
        )

    def check(self, acknowledged: dict[int, bool], stats: KillStats) -> None:
        db = self.paths.database
        rows = {
            aid: (status, fp, snap)
            for aid, status, fp, snap in query(
                db, "SELECT id, status, fingerprint, school_snapshot FROM assessments"
            )
        }
        audited = {
            a
            for (a,) in query(
                db, "SELECT assessment_id FROM audit_log WHERE action = ?", "assessment.finalize"
            )
        }
        with Workspace.open(self.paths, automatic_backup=False) as ws:
            for n, ack in acknowledged.items():
                aid = self.aids[n]
                status, fp, snap = rows[aid]
                final = status == "finalized"
                whole = (bool(fp), snap is not None, aid in audited) == (final, final, final)
                if not whole:
                    stats.broken.append(f"assessment {aid}: half finalized ({status}, fp={fp!r})")
                elif final and ws.assessments.fingerprint(aid) != fp:
                    stats.broken.append(f"assessment {aid}: fingerprint does not match content")
                if ack and not final:
                    stats.broken.append(f"assessment {aid}: acknowledged but still a draft")
                if final and not ack:
                    stats.done_unacknowledged += 1
                if not final:
                    stats.not_done += 1


def _attach_evidence(ws: Workspace, tag: str, count: int, size: int) -> None:
    """A draft of its own with ``count`` evidence text files of about ``size`` bytes each."""
    tpl = template([item("E01"), item("E02")], id=f"kill-{tag}")
    ws.templates.install(tpl)
    aid = ws.assessments.new(_school(ws, 90000 + ord(tag)).id, tpl.id, None, "2024")
    folder = ws.paths.root.parent / f"evidence-{tag}"
    folder.mkdir(exist_ok=True)
    for n in range(count):
        source = folder / f"{tag}-{n}.txt"
        source.write_text(os.urandom(size // 2).hex(), "utf-8")
        ws.evidence.add(aid, "E01", source)


def _whole_backup_problem(target: Path, schools: int) -> str | None:
    """What is wrong with the backup file ``target`` (None: whole, holding the data)."""
    import tempfile

    from wjself.core.errors import InputError
    from wjself.store.container import Container

    try:
        with tempfile.TemporaryDirectory() as folder, Container.open(target) as opened:
            db = Path(folder) / "db"
            opened.extract_database(db)
            if integrity(db) != "ok":
                return "its database fails integrity_check"
            if query(db, "SELECT count(*) FROM schools") != [(schools,)]:
                return "it does not hold the data"
            for sha in opened.manifest.evidence:
                opened.extract_evidence(sha, Path(folder) / sha)
            if len(opened.manifest.evidence) != EVIDENCE_FILES or opened.manifest.missing:
                return "it does not hold every evidence file"
    except InputError as exc:
        return f"not a whole backup: {exc}"
    return None


def _evidence_consistent(paths: DataPaths) -> str | None:
    """Every evidence file the live database refers to is in ``evidence/`` with its hash."""
    import hashlib

    for (sha,) in query(paths.database, "SELECT DISTINCT sha256 FROM evidence"):
        blob = paths.evidence / sha[:2] / sha
        if not blob.is_file() or hashlib.sha256(blob.read_bytes()).hexdigest() != sha:
            return f"evidence {sha[:12]} referenced but missing or damaged"
    return None


EVIDENCE_FILES = 12
EVIDENCE_SIZE = 200_000


class Backup(Operation):
    name = "backup"

    def prepare(self) -> None:
        with Workspace.open(self.paths) as ws:
            for n in range(1, 200):
                _school(ws, n)
            _attach_evidence(ws, "a", EVIDENCE_FILES, EVIDENCE_SIZE)
        self.schools = 200
        self.out = self.root / "out"
        self.out.mkdir()

    def target(self, n: int) -> Path:
        return self.out / f"copy-{n % 4}.wjbak"

    def work(self, n: int) -> Callable[[], int]:
        return cli(*self.argv_base, "backup", "-o", str(self.target(n)))

    def after_run(self, n: int, acknowledged: bool, stats: KillStats) -> None:
        target = self.target(n)
        if acknowledged and not target.exists():
            stats.broken.append(f"run {n}: acknowledged but {target.name} missing")
        if target.exists():
            problem = _whole_backup_problem(target, self.schools)
            if problem:
                stats.broken.append(f"run {n}: {target.name}: {problem}")

    def check(self, acknowledged: dict[int, bool], stats: KillStats) -> None:
        from wjself.store.backup import write_backup

        leftovers = [p for p in self.out.iterdir() if p.name.startswith(".")]
        stats.leftover_temp_files = len(leftovers)
        _age(leftovers)
        for n in range(4):  # the next backup to each target clears what killed runs left
            write_backup(self.paths, self.target(n))
        stats.leftovers_cleaned = stats.leftover_temp_files - sum(
            1 for p in self.out.iterdir() if p.name.startswith(".")
        )
        if stats.leftovers_cleaned != stats.leftover_temp_files:
            stats.broken.append(
                "temp files of killed backups were not cleaned up: "
                + ", ".join(sorted(p.name for p in self.out.iterdir() if p.name.startswith(".")))
            )
        stats.not_done = sum(1 for ack in acknowledged.values() if not ack)


class Restore(Operation):
    """Two whole backups with different evidence files, restored in turn and killed."""

    name = "restore"

    def prepare(self) -> None:
        self.sources = []
        with Workspace.open(self.paths) as ws:
            for n in range(1, 60):
                _school(ws, n)
            _attach_evidence(ws, "a", EVIDENCE_FILES // 2, EVIDENCE_SIZE)
            self.sources.append(ws.backup_to(self.root / "state-a.wjbak"))
            for n in range(60, 160):
                _school(ws, n)
            _attach_evidence(ws, "b", EVIDENCE_FILES // 2, EVIDENCE_SIZE)
            self.sources.append(ws.backup_to(self.root / "state-b.wjbak"))
        # Start from neither state, with no evidence at all: the first restore brings it.
        for blob in list(self.paths.evidence.rglob("*")):
            if blob.is_file():
                blob.unlink()
        self.states = [self.state(p) for p in self.sources]

    @staticmethod
    def state(path: Path) -> list[tuple[Any, ...]]:
        from wjself.store.backup import database_in

        with database_in(path) as database:
            return query(
                database,
                "SELECT 'school', code, name FROM schools UNION ALL "
                "SELECT 'evidence', sha256, name FROM evidence ORDER BY 1, 2",
            )

    def work(self, n: int) -> Callable[[], int]:
        return cli(*self.argv_base, "restore", str(self.sources[n % 2]))

    def after_run(self, n: int, acknowledged: bool, stats: KillStats) -> None:
        db = self.paths.database
        if integrity(db) != "ok":
            stats.broken.append(f"run {n}: integrity_check fails")
            return
        now = self.state(db)
        if now not in self.states:
            stats.broken.append(f"run {n}: the database is neither backup (a mixture)")
        if acknowledged and now != self.states[n % 2]:
            stats.broken.append(f"run {n}: acknowledged but not restored")
        problem = _evidence_consistent(self.paths)
        if problem:
            stats.broken.append(f"run {n}: {problem}")

    def check(self, acknowledged: dict[int, bool], stats: KillStats) -> None:
        def temp_files() -> list[Path]:
            return [
                *self.data.glob(".restore-*"),
                *self.paths.backups.glob(".*"),
                *self.paths.backups.glob("evidence/*/.*"),
            ]

        leftovers = temp_files()
        stats.leftover_temp_files = len(leftovers)
        _age(leftovers)
        Workspace.open(self.paths).close()  # the next start clears them
        remaining = temp_files()
        stats.leftovers_cleaned = stats.leftover_temp_files - len(remaining)
        if remaining:
            stats.broken.append(f"temp files left after the next start: {remaining[:3]}")
        stats.not_done = sum(1 for ack in acknowledged.values() if not ack)


class _Export(Operation):
    """Shared by the PDF and bundle exports: a finalized assessment with evidence."""

    suffix = ""

    def prepare(self) -> None:
        from PIL import Image

        with Workspace.open(self.paths) as ws:
            t = template(
                [item(f"E{i:02d}") for i in range(12)] + [item("N01", "text")], id="kill-export"
            )
            ws.templates.install(t)
            aid = ws.assessments.new(_school(ws).id, t.id, None, "2024")
            for i in range(12):
                ws.answers.set(aid, f"E{i:02d}", "符合", note=f"第{i}项的说明。" * 5)
            ws.answers.set(aid, "N01", "断电测试")
            photo = self.root / "photo.png"
            Image.new("RGB", (300, 200), (40, 90, 160)).save(photo)
            ws.evidence.add(aid, "E00", photo)
            ws.assessments.finalize(aid, "张老师", "王校长")
            self.view = ws.assessments.view(aid)
        self.aid = aid
        self.out = self.root / "out"
        self.out.mkdir()

    def target(self, n: int) -> Path:
        return self.out / f"report-{n % 3}{self.suffix}"

    command = ""

    def write(self, target: Path) -> None:
        """Export through the command line, as a user or script would."""
        from wjself.cli.main import main

        group, verb = self.command.split()
        # The runner's own stdout carries its JSON report: keep the command's lines out of it.
        with contextlib.redirect_stdout(io.StringIO()):
            code = main(
                ["--data-dir", str(self.paths.root), group, verb, str(self.aid), "-o", str(target)]
            )
        if code != 0:
            raise RuntimeError(f"wjself {self.command} exited {code}")

    def complete(self, target: Path) -> str | None:
        """Why ``target`` is not a whole file, or None."""
        raise NotImplementedError

    def work(self, n: int) -> Callable[[], int]:
        def export() -> int:
            self.write(self.target(n))
            return 0

        return export

    def after_run(self, n: int, acknowledged: bool, stats: KillStats) -> None:
        target = self.target(n)
        if acknowledged and not target.exists():
            stats.broken.append(f"run {n}: acknowledged but {target.name} missing")
        if target.exists():
            why = self.complete(target)
            if why:
                stats.broken.append(f"run {n}: {target.name} {why}")

    def check(self, acknowledged: dict[int, bool], stats: KillStats) -> None:
        leftovers = [p for p in self.out.iterdir() if p.name.startswith(".")]
        stats.leftover_temp_files = len(leftovers)
        _age(leftovers)
        for n in range(3):
            self.write(self.target(n))
        remaining = [p for p in self.out.iterdir() if p.name.startswith(".")]
        stats.leftovers_cleaned = stats.leftover_temp_files - len(remaining)
        if remaining:
            stats.broken.append(f"temp files left after the next export: {remaining[:3]}")
        stats.not_done = sum(1 for ack in acknowledged.values() if not ack)


class PdfExport(_Export):
    name = "pdf-export"
    suffix = ".pdf"

    def prepare(self) -> None:
        super().prepare()
        reference = self.root / "reference.pdf"
        self.write(reference)
        self.pages = self._pages(reference)

    command = "report pdf"

    @staticmethod
    def _pages(path: Path) -> int:
        from pypdf import PdfReader

        return len(PdfReader(path, strict=True).pages)

    def complete(self, target: Path) -> str | None:
        data = target.read_bytes()
        if not data.rstrip().endswith(b"%%EOF"):
            return "does not end with %%EOF"
        try:
            pages = self._pages(target)
        except Exception as exc:
            return f"cannot be read ({exc})"
        return None if pages == self.pages else f"has {pages} pages, not {self.pages}"


class BundleExport(_Export):
    name = "bundle-export"
    suffix = ".wjsa"

    command = "bundle export"

    def complete(self, target: Path) -> str | None:
        from wjself.core.errors import InputError
        from wjself.formats.bundle import verify_bundle

        try:
            report = verify_bundle(target)
        except InputError as exc:
            return f"is not a bundle ({exc})"
        return None if report.ok else f"does not verify: {report.problems[:2]}"


CLASSES: dict[str, type[Operation]] = {
    c.name: c
    for c in (
        AnswerSet,
        AnswerImport,
        TemplateImport,
        Finalize,
        Backup,
        Restore,
        PdfExport,
        BundleExport,
        NarrativeSet,
    )
}


def kill_runs(operation: str, root: Path, runs: int, seed: int) -> KillStats:
    """Prepare ``root`` for ``operation``, kill ``runs`` runs of it at random moments, check."""
    if os.name == "nt":  # pragma: no cover - fork and SIGKILL are POSIX
        raise RuntimeError("needs POSIX fork and signals")
    rng = random.Random(f"{seed}-{operation}")
    op = CLASSES[operation](root, runs)
    op.prepare()
    stats = KillStats(operation)
    start = time.perf_counter()
    ack, _ = run_once(op.work(runs), None)  # one whole run: how long the work takes
    stats.run_seconds = time.perf_counter() - start
    if not ack:
        stats.broken.append("the operation fails even when it is not killed")
        return stats
    acknowledged: dict[int, bool] = {}
    for n in range(runs):
        ok, killed = run_once(op.work(n), rng.uniform(0.0, 1.2 * stats.run_seconds))
        acknowledged[n] = ok
        stats.runs += 1
        stats.killed += killed
        stats.acknowledged += ok
        op.after_run(n, ok, stats)
    stats.integrity = integrity(op.paths.database)
    if stats.integrity != "ok":
        stats.broken.append(f"integrity_check: {stats.integrity}")
    op.check(acknowledged, stats)
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ops", default=",".join(OPERATIONS))
    parser.add_argument("--runs", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", required=True, help="an empty folder to work in")
    args = parser.parse_args(argv)
    logging_off()
    for operation in args.ops.split(","):
        root = Path(args.dir) / operation
        root.mkdir(parents=True)
        stats = kill_runs(operation, root, args.runs, args.seed)
        print(json.dumps(asdict(stats), ensure_ascii=False), flush=True)
    return 0


def logging_off() -> None:
    """Record changes under a recognisable name, and import what the children will use once
    here rather than in every child."""
    os.environ.setdefault("WJSELF_USER", "断电测试")
    import wjself.app
    import wjself.cli.main
    import wjself.formats.answers
    import wjself.formats.templates
    import wjself.store.restore

    del wjself


if __name__ == "__main__":
    sys.exit(main())
