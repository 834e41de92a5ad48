"""Back up and restore a data folder with 200 evidence files (100 MB in all); print the times.

What is measured, each on a fresh data folder built once:
- ``backup -o``: one whole backup file (database + every evidence file, hashes checked);
- the day's automatic backup (database + manifest; evidence hard-linked into the shared store),
  which runs at start-up;
- ``restore`` of the whole backup into a fresh, empty data folder (every hash checked, files
  moved into ``evidence/``, database swapped).

Evidence is a mix like a school's: 3 in 4 files are already compressed (JPEG-like random
bytes, stored as they are), 1 in 4 text (deflated).  Budget: backup ≤ 10 s, restore ≤ 10 s,
automatic backup ≤ 1 s on a real disk.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.helpers.factory import item, template
from wjself.core.school import School
from wjself.paths import DataPaths
from wjself.store import Workspace, backup
from wjself.store.restore import restore_database

BUDGET_BACKUP_S = 10.0
BUDGET_RESTORE_S = 10.0
BUDGET_AUTOMATIC_S = 1.0


def build(paths: DataPaths, files: int, total: int, scratch: Path) -> None:
    """A draft with ``files`` evidence files of ``total`` bytes in all."""
    with Workspace.open(paths, automatic_backup=False) as ws:
        tpl = template([item(f"A{n:02d}") for n in range(1, 21)], id="bench-backup")
        ws.templates.install(tpl)
        school = ws.schools.add(School(0, "性能测试学校", "3204120001", ("小学",)))
        aid = ws.assessments.new(school.id, tpl.id, None, "2024")
        size = total // files
        for n in range(files):
            if n % 4 == 3:
                source = scratch / f"记录{n}.txt"
                source.write_text((f"第 {n} 份检查记录 " * (size // 12))[: size // 3], "utf-8")
            else:
                # A stand-in for a photo or scan: a PDF header, then incompressible bytes; added
                # through the evidence service (its own checks are not what is measured;
                # PDF passes them without re-encoding).
                source = scratch / f"照片{n}.pdf"
                source.write_bytes(b"%PDF-1.4\n" + os.urandom(size) + b"\n%%EOF\n")
            ws.evidence.add(aid, f"A{n % 20 + 1:02d}", source)
            source.unlink()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", help="where to put the data folders (default: the temp folder)")
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--megabytes", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        root = Path(folder)
        scratch = root / "scratch"
        scratch.mkdir()
        paths = DataPaths(root / "data")
        build(paths, args.files, args.megabytes * 1024 * 1024, scratch)
        stored = sum(p.stat().st_size for p in paths.evidence.rglob("*") if p.is_file())

        with Workspace.open(paths, automatic_backup=False) as ws:
            start = time.perf_counter()
            made = ws.write_backup(root / "全年备份.wjbak")
            backup_s = time.perf_counter() - start
        size = made.path.stat().st_size

        start = time.perf_counter()
        automatic = backup.automatic_backup(paths, dt.datetime.now())
        automatic_s = time.perf_counter() - start
        assert automatic is not None
        again = time.perf_counter()
        backup.automatic_backup(paths, dt.datetime.now() + dt.timedelta(days=1))
        second_s = time.perf_counter() - again

        for day in range(2, 11):  # 11 automatic backups in all, as 7 daily + 4 weekly keep
            backup.automatic_backup(paths, dt.datetime.now() + dt.timedelta(days=day))
        shared = {p.stat().st_ino for p in paths.evidence.rglob("*") if p.is_file()}
        extra = sum(
            p.stat().st_size
            for p in paths.backups.rglob("*")
            if p.is_file() and p.stat().st_ino not in shared
        )
        count = len(backup.list_backups(paths))

        fresh = DataPaths(root / "fresh")
        start = time.perf_counter()
        restore_database(fresh, made.path)
        restore_s = time.perf_counter() - start
        restored = sum(p.stat().st_size for p in fresh.evidence.rglob("*") if p.is_file())
        assert restored == stored, (restored, stored)

    mib = 1024 * 1024
    print(
        f"data folder: {made.evidence} evidence files, {stored / mib:.1f} MiB; "
        f"backup file {size / mib:.1f} MiB"
    )
    print(f"backup -o (whole file):            {backup_s:6.2f} s   (budget ≤ {BUDGET_BACKUP_S} s)")
    print(
        f"automatic backup (store, first):   {automatic_s:6.2f} s   (budget ≤ {BUDGET_AUTOMATIC_S} s)"
    )
    print(f"automatic backup (store, next day):{second_s:6.2f} s")
    print(
        f"disk used by the {count} automatic backups kept, beyond the data: {extra / mib:.1f} MiB "
        "(evidence hard-linked in the shared store)"
    )
    print(
        f"restore into a fresh folder:       {restore_s:6.2f} s   (budget ≤ {BUDGET_RESTORE_S} s)"
    )
    ok = (
        backup_s <= BUDGET_BACKUP_S
        and restore_s <= BUDGET_RESTORE_S
        and automatic_s <= BUDGET_AUTOMATIC_S
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
