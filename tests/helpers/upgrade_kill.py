"""Killing ``wjself assessment upgrade`` at random moments, shared by a test and ``benchmarks/``.

A data folder with a fully answered draft of a generated checklist (notes, evidence, planned
rectifications) and a newer version that rewords, re-kinds, drops options from, removes and adds
items is prepared once.  Each run copies it, starts the upgrade in a fresh process and SIGKILLs
it after a random delay (up to a little longer than a whole run takes, so some runs finish).
Afterwards the assessment must be entirely on the old version or entirely on the new one (its
answers, flags, history, evidence rows and rectifications exactly those of one of the two
states), and ``PRAGMA integrity_check`` must pass.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image

from wjself import app
from wjself.core.assessment import AnswerRow
from wjself.core.school import School, normalize_facts
from wjself.core.template import Item, Kind, Option, Section, Template
from wjself.paths import DataPaths

TEMPLATE_ID = "kill-upgrade"
OLD, NEW = "1", "2"
OPTIONS = (Option("a", "全部落实", 1.0), Option("b", "部分落实", 0.5), Option("c", "未落实", 0.0))
KINDS = (Kind.COMPLIANCE, Kind.NUMBER, Kind.YES_NO, Kind.SINGLE, Kind.TEXT)
ANSWERS = {
    Kind.COMPLIANCE: ("符合", "基本符合", "不符合"),
    Kind.NUMBER: ("3", "12"),
    Kind.YES_NO: ("是", "否"),
    Kind.SINGLE: ("全部落实", "部分落实"),
    Kind.TEXT: ("已按要求落实，资料归档备查。",),
}


def versions(items: int, per_section: int = 50) -> tuple[Template, Template]:
    """Two versions; the new one changes a share of the items in every way an upgrade handles."""
    old_sections, new_sections = [], []
    for s in range(max(1, items // per_section)):
        old_items, new_items = [], []
        for i in range(per_section):
            n = s * per_section + i
            kind = KINDS[n % len(KINDS)]
            item = Item(
                f"K{n:05d}",
                f"第 {n} 项检查内容：制度健全、台账完整、落实到位。",
                kind,
                options=OPTIONS if kind is Kind.SINGLE else (),
                unit="次" if kind is Kind.NUMBER else "",
            )
            old_items.append(item)
            if n % 13 == 5:
                continue  # removed
            if n % 11 == 3 and kind is Kind.COMPLIANCE:
                item = dataclasses.replace(item, kind=Kind.YES_NO)  # set aside
            elif kind is Kind.SINGLE and n % 3 == 0:
                item = dataclasses.replace(item, options=OPTIONS[::2])  # 部分落实 set aside
            elif n % 5 == 1:
                item = dataclasses.replace(item, text=item.text + "（修订）")  # reconfirm
            new_items.append(item)
            if n % 17 == 0:
                new_items.append(Item(f"N{n:05d}", f"新增第 {n} 项", Kind.COMPLIANCE))
        old_sections.append(Section(f"S{s}", f"第 {s + 1} 部分", tuple(old_items)))
        new_sections.append(Section(f"S{s}", f"第 {s + 1} 部分", tuple(new_items)))
    base = Template(id=TEMPLATE_ID, version=OLD, title="升级中断测试检查表", sections=())
    return (
        dataclasses.replace(base, sections=tuple(old_sections)),
        dataclasses.replace(base, version=NEW, sections=tuple(new_sections)),
    )


def prepare(folder: Path, items: int, seed: int = 0) -> int:
    """A data folder (bundled templates installed, as the command line leaves it) with both
    versions and an answered draft of the old one; returns the draft's id."""
    rng = random.Random(seed)
    old, new = versions(items)
    context = app.bootstrap(str(folder))
    ws = context.workspace
    try:
        ws.templates.install(old)
        ws.templates.install(new)
        school = ws.schools.add(
            School(0, "中断测试小学", "3204128888", ("小学",), facts=normalize_facts({}))
        )
        aid = ws.assessments.new(school.id, TEMPLATE_ID, OLD, "2024")
        rows = []
        for n, item in enumerate(old.items()):
            note = "抽查发现记录不全" if n % 4 == 0 else None
            rows.append(AnswerRow(n + 2, item.code, rng.choice(ANSWERS[item.kind]), note))
        ws.answers.import_rows(aid, rows, "prepared")
        photo = folder.parent / "evidence-source.png"
        for n, item in enumerate(old.items()):
            if n % 9 == 5:
                Image.new("RGB", (32, 24), (n % 256, 80, 120)).save(photo)
                ws.evidence.add(aid, item.code, photo)
        for r in ws.assessments.view(aid).rectifications:
            ws.rectifications.save(
                dataclasses.replace(
                    r, measure="限期整改", owner="校办 王明", due=dt.date(2024, 12, 31)
                )
            )
        photo.unlink(missing_ok=True)
    finally:
        context.close()
    return aid


def state(folder: Path, aid: int) -> tuple[Any, ...]:
    """What must be all-old or all-new: version, answers with flags, history, evidence, rectifications."""
    with contextlib.closing(sqlite3.connect(DataPaths(folder).database)) as conn:
        return (
            conn.execute(
                "SELECT template_version, template_sha256, upgraded_from FROM assessments WHERE id = ?",
                (aid,),
            ).fetchone(),
            conn.execute(
                "SELECT code, value, note, needs_reconfirm, set_aside FROM answers "
                "WHERE assessment_id = ? ORDER BY code",
                (aid,),
            ).fetchall(),
            conn.execute(
                "SELECT code, reason, value, note FROM answer_history WHERE assessment_id = ? "
                "ORDER BY code",
                (aid,),
            ).fetchall(),
            conn.execute(
                "SELECT h.code, e.sha256 FROM answer_history_evidence e "
                "JOIN answer_history h ON h.id = e.history_id ORDER BY 1, 2"
            ).fetchall(),
            conn.execute(
                "SELECT code, sha256 FROM evidence WHERE assessment_id = ? ORDER BY 1, 2", (aid,)
            ).fetchall(),
            conn.execute(
                "SELECT code, measure, owner FROM rectifications WHERE assessment_id = ? ORDER BY 1",
                (aid,),
            ).fetchall(),
            conn.execute(
                "SELECT count(*) FROM audit_log WHERE assessment_id = ? AND action = 'assessment.upgrade'",
                (aid,),
            ).fetchone(),
        )


def integrity(folder: Path) -> str:
    with contextlib.closing(sqlite3.connect(DataPaths(folder).database)) as conn:
        return ";".join(str(r[0]) for r in conn.execute("PRAGMA integrity_check"))


@dataclass
class KillStats:
    """What a series of killed upgrades left behind."""

    runs: int = 0
    killed: int = 0
    old: int = 0
    new: int = 0
    killed_after_backup: int = 0  # left old with the backup taken: killed inside the transaction
    mixed: list[int] = field(default_factory=list)  # runs that left anything else
    bad_integrity: list[str] = field(default_factory=list)
    exit_codes: dict[int, int] = field(default_factory=dict)
    run_seconds: float = 0.0
    transaction_seconds: float = 0.0  # from the backup appearing to the process's end
    items: int = 0


def command(folder: Path, aid: int) -> list[str]:
    return [sys.executable, "-m", "wjself", "--data-dir", str(folder),
            "assessment", "upgrade", str(aid), "--to", NEW]  # fmt: skip


def kill_runs(
    work: Path, runs: int, env: dict[str, str], items: int = 400, seed: int = 0
) -> KillStats:
    if os.name == "nt":  # pragma: no cover - SIGKILL is POSIX
        raise RuntimeError("needs POSIX signals")
    rng = random.Random(seed)
    golden = work / "golden" / "data"
    golden.parent.mkdir(parents=True)
    aid = prepare(golden, items, seed)
    before = state(golden, aid)
    done = work / "done"
    shutil.copytree(golden, done)
    start = time.perf_counter()
    warm = subprocess.Popen(
        command(done, aid), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    backed_up = None
    while warm.poll() is None:  # when the backup appears, the transaction has started
        if backed_up is None and any(DataPaths(done).backups.glob("*pre-upgrade-*")):
            backed_up = time.perf_counter() - start
        time.sleep(0.002)
    warm.communicate()
    assert warm.returncode == 0
    stats = KillStats(run_seconds=time.perf_counter() - start, items=items)
    stats.transaction_seconds = stats.run_seconds - (backed_up or 0.0)
    after = state(done, aid)
    assert after != before and after[0][0] == NEW
    for n in range(runs):
        folder = work / f"run{n}"
        shutil.copytree(golden, folder)
        proc = subprocess.Popen(
            command(folder, aid), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        if n % 3 == 0:  # a third of the kills at any moment of the run
            time.sleep(rng.uniform(0.0, 1.1) * stats.run_seconds)
        else:  # the others once the transaction is under way (its backup has appeared)
            backups = DataPaths(folder).backups
            while proc.poll() is None and not any(backups.glob("*pre-upgrade-*")):
                time.sleep(0.001)
            time.sleep(rng.uniform(0.0, 1.2) * stats.transaction_seconds)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            stats.killed += 1
        proc.communicate()
        stats.runs += 1
        stats.exit_codes[proc.returncode] = stats.exit_codes.get(proc.returncode, 0) + 1
        found = state(folder, aid)
        if found == before:
            stats.old += 1
            backups = DataPaths(folder).backups
            stats.killed_after_backup += any(backups.glob("pre-upgrade-*.db"))
        elif found == after:
            stats.new += 1
        else:
            stats.mixed.append(n)
        check = integrity(folder)
        if check != "ok":
            stats.bad_integrity.append(f"run {n}: {check}")
        if not stats.mixed or stats.mixed[-1] != n:
            shutil.rmtree(folder)  # keep only what failed, for a look
    return stats
