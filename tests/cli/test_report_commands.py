"""``wjself report pdf|xlsx`` and ``wjself bundle export|verify`` on a real demo data folder.

The folder is made once per module with ``wjself demo`` (eleven assessments of the bundled
checklists, the first finalized); tests that change a folder work on a copy.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from PIL import Image

from tests.cli.results import ok, refused
from tests.conftest import _env
from tests.helpers.pdfcheck import Pdf
from wjself.cli.main import main
from wjself.core.assessment import AssessmentView
from wjself.core.scoring import Outcome
from wjself.core.values import display
from wjself.paths import DataPaths
from wjself.store import Workspace


@dataclass(frozen=True)
class Demo:
    folder: Path
    ids: list[int]  # as printed by ``wjself demo``; the first is finalized


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    folder = tmp_path_factory.mktemp("demo") / "data"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--data-dir", str(folder), "demo"]) == 0
    return Demo(folder, [int(line) for line in out.getvalue().split()])


def views(folder: Path, *ids: int) -> list[AssessmentView]:
    with Workspace.open(DataPaths(folder), automatic_backup=False) as ws:
        return [ws.assessments.view(i) for i in ids]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_demo_made_a_finalized_assessment_and_drafts(demo: Demo) -> None:
    first, *rest = views(demo.folder, *demo.ids)
    assert len(demo.ids) >= 5
    assert first.finalized and first.signoff is not None
    assert all(not v.finalized for v in rest)


def test_pdf_holds_every_answer_and_the_fingerprint_of_store_and_bundle(
    demo: Demo, cli, tmp_path: Path
) -> None:
    aid = demo.ids[0]
    (view,) = views(demo.folder, aid)
    target = tmp_path / "报告.pdf"
    out = ok(cli("--data-dir", demo.folder, "report", "pdf", aid, "-o", target))
    assert str(target) in out and "已定稿" in out

    pdf = Pdf(target)
    text = squash(pdf.text)
    result = view.score()
    checked = 0
    for item in view.template.items():
        answer = view.answers.get(item.code)
        if result.items[item.code].outcome is Outcome.HIDDEN or answer is None:
            continue
        assert item.code in text
        if answer.value is not None:
            assert squash(display(item, answer.value)) in text, item.code
        if answer.note:
            assert squash(answer.note) in text, item.code
        checked += 1
    assert checked == result.overall.answered

    with Workspace.open(DataPaths(demo.folder), automatic_backup=False) as ws:
        stored = ws.assessments.fingerprint(aid)
    assert view.signoff is not None and stored == view.signoff.fingerprint
    assert re.search(r"[0-9a-f]{64}", text).group(0) == stored  # type: ignore[union-attr]
    assert pdf.reader.metadata is not None and stored in str(pdf.reader.metadata["/Keywords"])
    assert stored in out

    bundle = tmp_path / "自评.wjsa"
    ok(cli("--data-dir", demo.folder, "bundle", "export", aid, "-o", bundle))
    with zipfile.ZipFile(bundle) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    assert manifest["fingerprint"] == stored
    verified = ok(cli("bundle", "verify", bundle))
    assert f"指纹：{stored}" in verified and "全部文件完整，指纹一致" in verified


def rewrite(bundle: Path, name: str, change) -> None:  # type: ignore[no-untyped-def]
    """Rewrite the zip with entry ``name`` changed, as someone editing a bundle would."""
    with zipfile.ZipFile(bundle) as zf:
        entries = [(info, zf.read(info)) for info in zf.infolist()]
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in entries:
            zf.writestr(info.filename, change(data) if info.filename == name else data)


def test_bundle_verify_names_the_tampered_file(demo: Demo, cli, tmp_path: Path) -> None:
    aid = demo.ids[0]
    bundle = tmp_path / "a.wjsa"
    ok(cli("--data-dir", demo.folder, "bundle", "export", aid, "-o", bundle))
    ok(cli("bundle", "verify", bundle))

    answers = tmp_path / "answers.wjsa"
    shutil.copy(bundle, answers)

    def better_note(data: bytes) -> bytes:
        doc = json.loads(data)
        doc["answers"][0]["note"] = "已全部整改到位"
        return json.dumps(doc, ensure_ascii=False).encode()

    rewrite(answers, "answers.json", better_note)
    result = cli("bundle", "verify", answers)
    err = refused(result, f"{answers}: answers.json ", "指纹不符")
    assert "结论：发现 2 处问题" in result.out
    assert len(err.strip().splitlines()) == 2

    with zipfile.ZipFile(bundle) as zf:
        photo = next(n for n in zf.namelist() if n.startswith("evidence/"))
    evidence = tmp_path / "evidence.wjsa"
    shutil.copy(bundle, evidence)
    rewrite(evidence, photo, lambda data: data[:-1] + bytes([data[-1] ^ 1]))
    refused(cli("bundle", "verify", evidence), f"{photo} 的 SHA-256 不符")

    not_a_bundle = tmp_path / "x.wjsa"
    not_a_bundle.write_bytes(b"PK but not really")
    refused(cli("bundle", "verify", not_a_bundle))


def test_all_demo_assessments_in_one_pdf_with_contents(demo: Demo, cli, tmp_path: Path) -> None:
    target = tmp_path / "all.pdf"
    out = ok(cli("--data-dir", demo.folder, "report", "pdf", *demo.ids, "-o", target))
    assert out.count("  自评 ") == len(demo.ids)
    pdf = Pdf(target)
    contents = squash(pdf.pages[0])
    assert "目录" in contents
    listed = [v.title() for v in views(demo.folder, *demo.ids)]
    # One school: the contents lines leave out its name, the cover says it once.
    school = views(demo.folder, demo.ids[0])[0].school.name
    assert squash(listed[0])[len(squash(school)) :] in contents
    top = [title for level, title, _ in pdf.outline_pages() if level == 0]
    assert top == ["目录", *listed]
    n = len(pdf.pages)
    assert all(f"第 {i} 页 共 {n} 页" in page for i, page in enumerate(pdf.pages, 1))


def test_one_pdf_is_one_period(demo: Demo, cli, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(demo.folder, folder)
    (view,) = views(folder, demo.ids[1])
    other = ok(
        cli("--data-dir", folder, "assessment", "new", "--school", view.school.id,
            "--template", view.template.id, "--period", "2025")
    ).strip()  # fmt: skip
    target = tmp_path / "mixed.pdf"
    refused(
        cli("--data-dir", folder, "report", "pdf", demo.ids[0], other, "-o", target),
        "同一期间",
        f"2024：自评 {demo.ids[0]}",
        f"2025：自评 {other}",
    )
    assert not target.exists()
    # The XLSX stacks periods (every row says its own).
    sheet = tmp_path / "mixed.xlsx"
    ok(cli("--data-dir", folder, "report", "xlsx", demo.ids[0], other, "-o", sheet))
    book = openpyxl.load_workbook(sheet, read_only=True)
    table = list(book["汇总"].iter_rows(values_only=True))
    periods = {row[table[0].index("周期")] for row in table[1:]}
    book.close()
    assert periods == {"2024", "2025"}


def test_bad_ids_and_names_are_refused(demo: Demo, cli, tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    target = tmp_path / "r.pdf"
    refused(cli("--data-dir", demo.folder, "report", "pdf", 9998, 9999, "-o", target),
            "自评 9998 不存在", "自评 9999 不存在")  # fmt: skip
    refused(cli("--data-dir", demo.folder, "report", "pdf", 1, 1, "-o", target), "重复")
    refused(cli("--data-dir", demo.folder, "report", "pdf", 1, "-o", tmp_path / "r.txt"), ".pdf")
    refused(
        cli("--data-dir", demo.folder, "bundle", "export", 1, "-o", tmp_path / "b.zip"), ".wjsa"
    )
    refused(cli("--data-dir", demo.folder, "report", "xlsx", 1, "-o", tmp_path / "no" / "r.xlsx"),
            "不存在")  # fmt: skip
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.skipif(not Path("/sys").is_dir(), reason="needs a folder nobody may write to")
def test_unwritable_target_exits_2(demo: Demo, cli) -> None:
    for args in (
        ("report", "pdf", 1, "-o", "/sys/r.pdf"),
        ("bundle", "export", 1, "-o", "/sys/b.wjsa"),
    ):
        refused(cli("--data-dir", demo.folder, *args), "无法写入")
    assert not any(
        p.name.startswith((".r.pdf", ".b.wjsa", "r.pdf", "b.wjsa")) for p in Path("/sys").iterdir()
    )


def noise(path: Path, seed: int) -> None:
    """A photo that does not compress (so the report holding it is big)."""
    Image.frombytes("RGB", (1400, 1400), random.Random(seed).randbytes(1400 * 1400 * 3)).save(path)


@pytest.mark.skipif(os.name == "nt", reason="RLIMIT_FSIZE is POSIX")
def test_a_write_failing_half_way_leaves_no_half_file(demo: Demo, tmp_path: Path) -> None:
    """The disk "fills up" (RLIMIT_FSIZE) while the PDF is written: exit 2, the old file intact."""
    import resource

    folder = tmp_path / "data"
    shutil.copytree(demo.folder, folder)
    aid = demo.ids[1]
    with Workspace.open(DataPaths(folder), automatic_backup=False) as ws:
        code = next(iter(ws.assessments.view(aid).answers))
        for n in (1, 2):
            photo = tmp_path / f"现场照片{n}.png"
            noise(photo, n)
            ws.evidence.add(aid, code, photo)
            photo.unlink()
    database = DataPaths(folder).database
    written = [database, Path(f"{database}-wal")]
    # The database can still be written (WAL, checkpoints), the big PDF cannot.
    limit = max(p.stat().st_size for p in written if p.exists()) + 512 * 1024

    out = tmp_path / "out"
    out.mkdir()
    target = out / "r.pdf"
    target.write_bytes(b"%PDF- the previous report")

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    proc = subprocess.run(
        [sys.executable, "-m", "wjself", "--data-dir", str(folder), "report", "pdf", str(aid),
         "-o", str(target)],
        capture_output=True, text=True, encoding="utf-8", env=_env(), preexec_fn=small_disk,
        timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    assert "无法写入" in proc.stderr and str(target) in proc.stderr
    assert "Traceback" not in proc.stderr
    assert [p.name for p in out.iterdir()] == ["r.pdf"]
    assert target.read_bytes() == b"%PDF- the previous report"
    # Without the limit the same report is written (and is bigger than the limit was).
    proc = subprocess.run(
        [sys.executable, "-m", "wjself", "--data-dir", str(folder), "report", "pdf", str(aid),
         "-o", str(target)],
        capture_output=True, text=True, encoding="utf-8", env=_env(), timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert target.stat().st_size > limit
