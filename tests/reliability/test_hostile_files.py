"""Hostile bundles, evidence files and text on its way into PDFs and spreadsheets."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import sqlite3
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from PIL import Image

from tests.helpers.factory import item, template
from tests.helpers.views import sample_view
from tests.reliability.plugin import tally
from wjself.core.errors import InputError
from wjself.core.school import School
from wjself.formats.bundle import export_bundle, read_bundle, verify_bundle
from wjself.paths import DataPaths
from wjself.report.pdf import write_pdf
from wjself.report.xlsx import write_xlsx
from wjself.store import Workspace

WHEN = dt.datetime(2024, 7, 1, 9, 0)


@pytest.fixture(scope="module")
def bundle_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("bundle")
    target = folder / "b.wjsa"
    export_bundle(sample_view(folder / "ev"), target, generated_at=WHEN.astimezone())
    return target.read_bytes()


def rebuilt(original: bytes, name: str, data: bytes) -> bytes:
    """The bundle with ``name`` replaced by ``data`` and the manifest's hash and size updated,
    so the reader gets past the hash check to the content."""
    source = zipfile.ZipFile(io.BytesIO(original))
    manifest = json.loads(source.read("manifest.json"))
    if name != "manifest.json" and name in manifest["files"]:
        manifest["files"][name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for entry in source.namelist():
            if entry == "manifest.json":
                z.writestr(entry, data if name == entry else json.dumps(manifest).encode())
            else:
                z.writestr(entry, data if entry == name else source.read(entry))
    return out.getvalue()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@pytest.mark.reliability(
    fault="Hostile bundle",
    method="hypothesis: one JSON document of a real bundle replaced by random JSON (hashes fixed up) or random bytes; verify and read",
)
@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    name=st.sampled_from(["manifest.json", "template.json", "answers.json", "rectifications.json"]),
    value=json_values,
    keep_shape=st.booleans(),
    noise=st.binary(max_size=200),
)
def test_random_bundle_content_is_refused_or_read(
    bundle_bytes: bytes, tmp_path: Path, name: str, value: Any, keep_shape: bool, noise: bytes
) -> None:
    original = json.loads(zipfile.ZipFile(io.BytesIO(bundle_bytes)).read(name))
    if keep_shape and isinstance(original, dict):
        key = next(iter(original))
        original[key] = value  # the right shape with one field wrong
        data = json.dumps(original).encode()
    elif noise and not keep_shape:
        data = noise
    else:
        data = json.dumps(value).encode()
    path = tmp_path / "fuzz.wjsa"
    path.write_bytes(rebuilt(bundle_bytes, name, data))
    with contextlib.suppress(InputError):
        report = verify_bundle(path)
        assert all(isinstance(p, str) and p for p in report.problems)
    with contextlib.suppress(InputError):
        read_bundle(path, evidence_dir=tmp_path / "ev")
    tally()


@pytest.mark.reliability(
    fault="Hostile bundle",
    method="JSON nested 200,000 deep in manifest.json and answers.json",
)
def test_deeply_nested_json_in_a_bundle(bundle_bytes: bytes, tmp_path: Path) -> None:
    deep = b"[" * 200_000 + b"]" * 200_000
    for name in ("manifest.json", "answers.json"):
        path = tmp_path / f"{name}.wjsa"
        path.write_bytes(rebuilt(bundle_bytes, name, deep))
        with pytest.raises(InputError, match="嵌套过深"):
            read_bundle(path)
        tally()


@pytest.mark.reliability(
    fault="Hostile bundle",
    method="manifest sizes absurd (10^30, -1, text) and names outside the bundle",
)
def test_absurd_manifest_entries(bundle_bytes: bytes, tmp_path: Path) -> None:
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(bundle_bytes)).read("manifest.json"))
    for entry in ({"size": 10**30}, {"size": -1}, {"size": "很大"}, {"sha256": None}):
        changed = json.loads(json.dumps(manifest))
        changed["files"]["answers.json"].update(entry)
        changed["files"]["../../outside"] = {"sha256": "0" * 64, "size": 1}
        path = tmp_path / "absurd.wjsa"
        path.write_bytes(rebuilt(bundle_bytes, "manifest.json", json.dumps(changed).encode()))
        report = verify_bundle(path)
        assert not report.ok and any("answers.json" in p for p in report.problems)
        assert any("../../outside" in p for p in report.problems)
        with pytest.raises(InputError):
            read_bundle(path, evidence_dir=tmp_path / "ev")
        assert not (tmp_path / "outside").exists()
        tally()


# ---------------------------------------------------------------- evidence


def _png_bomb() -> bytes:
    buffer = io.BytesIO()
    Image.new("1", (1, 1)).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    ihdr = data.index(b"IHDR")
    data[ihdr + 4 : ihdr + 12] = struct.pack(">II", 60000, 60000)
    data[ihdr + 17 : ihdr + 21] = struct.pack(">I", zlib.crc32(bytes(data[ihdr : ihdr + 17])))
    return bytes(data)


def _gif_bomb() -> bytes:
    buffer = io.BytesIO()
    Image.new("P", (1, 1)).save(buffer, "GIF")
    data = bytearray(buffer.getvalue())
    data[6:10] = struct.pack("<HH", 65535, 65535)  # logical screen
    return bytes(data)


def _bmp_bomb() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1, 1)).save(buffer, "BMP")
    data = bytearray(buffer.getvalue())
    data[18:26] = struct.pack("<ii", 40000, 40000)
    return bytes(data)


def _jpeg(size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


EVIDENCE: dict[str, tuple[str, bytes, str]] = {
    "PNG claiming 60000×60000 pixels": ("bomb.png", _png_bomb(), "像素数过大|损坏"),
    "GIF claiming 65535×65535 pixels": ("bomb.gif", _gif_bomb(), "像素数过大|损坏"),
    "BMP claiming 40000×40000 pixels": ("bomb.bmp", _bmp_bomb(), "像素数过大|损坏"),
    "truncated JPEG": ("cut.jpg", _jpeg()[:200], "损坏|无法识别"),
    "HTML named .pdf": ("report.pdf", b"<html><script>alert(1)</script></html>", "内容是"),
    "plain zip named .docx": ("a.docx", b"PK\x05\x06" + b"\0" * 18, "内容是"),
    "executable named .jpg": ("photo.jpg", b"MZ\x90\x00" + b"\0" * 200, "内容是|无法识别"),
    "PDF named .jpg": ("photo.jpg", b"%PDF-1.4\n%%EOF", "内容是"),
    "binary named .txt": ("notes.txt", b"\x00\x01\x02" * 100, "内容是"),
    "random bytes named .mp4": ("v.mp4", b"\x13\x37" * 100, "内容是"),
    "empty file": ("empty.png", b"", "空的"),
    "unknown extension": ("run.exe", b"MZ", "不支持的文件类型"),
}


@pytest.mark.parametrize("case", EVIDENCE)
def test_hostile_evidence_is_refused_and_nothing_stored(
    data_dir: Path, tmp_path: Path, case: str, request: Any
) -> None:
    request.applymarker(
        pytest.mark.reliability(
            fault="Hostile evidence file",
            method="files not what their extension says, decompression bombs (PNG, GIF, BMP), damaged, empty",
        )
    )
    name, data, message = EVIDENCE[case]
    paths = DataPaths(data_dir)
    with Workspace.open(paths) as ws:
        t = template([item("E01")], id="evidence")
        ws.templates.install(t)
        aid = ws.assessments.new(
            ws.schools.add(School(0, "佐证测试小学", "3204120001", ("小学",))).id,
            t.id,
            None,
            "2024",
        )
        source = tmp_path / name
        source.write_bytes(data)
        with pytest.raises(InputError, match=message) as caught:
            ws.evidence.add(aid, "E01", source)
        assert caught.value.problems[0].file in (str(source), source.name)
        assert ws.assessments.view(aid).answers == {}
    assert not [p for p in paths.evidence.rglob("*") if p.is_file()]
    with contextlib.closing(sqlite3.connect(paths.database)) as conn:
        assert conn.execute("SELECT count(*) FROM evidence").fetchone() == (0,)
    tally()


# ---------------------------------------------------------------- text into outputs

HOSTILE_TEXT = [
    "=cmd|' /C calc'!A0",
    "+SUM(1,2)",
    "-1+2",
    "@SUM(A1)",
    "\t=1+1",
    '=HYPERLINK("http://evil.example/","点我")',
    '<img src="/etc/passwd" width="500" height="500"/>',
    '<a href="file:///etc/passwd">链接</a><font size="300">大</font>',
    "]]><script>alert(1)</script>&amp;&#0;",
]


@pytest.mark.reliability(
    fault="Hostile text in outputs",
    method="answers and notes that are formulas (= + - @, DDE, HYPERLINK) or reportlab markup, through the store into XLSX and PDF; C1 controls and direction overrides refused",
)
def test_hostile_text_stays_text_in_xlsx_and_pdf(data_dir: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject

    with Workspace.open(DataPaths(data_dir)) as ws:
        t = template(
            [item(f"H{i}", "text") for i in range(len(HOSTILE_TEXT))] + [item("C1")], id="hostile"
        )
        ws.templates.install(t)
        school = ws.schools.add(School(0, "=1+1 学校", "3204120001", ("小学",)))
        aid = ws.assessments.new(school.id, t.id, None, "2024")
        for i, text in enumerate(HOSTILE_TEXT):
            ws.answers.set(aid, f"H{i}", text, note=text)
        with pytest.raises(InputError, match="控制字符"):
            ws.answers.set(aid, "H0", "\x1b]0;标题\x07\x1b[2J")
        with pytest.raises(InputError, match="控制字符"):
            ws.answers.set_note(aid, "C1", "响铃\x07")
        # C1 CSI (an escape for some terminals) and a direction override (Qt would show the
        # name reversed, unlike the PDF): refused in notes, answers and names alike.
        for hidden in ("清屏\x9b2J", "湖塘\u202e学小验实"):
            with pytest.raises(InputError, match="控制字符"):
                ws.answers.set_note(aid, "C1", hidden)
            with pytest.raises(InputError, match="控制字符"):
                ws.answers.set(aid, "H0", hidden)
            with pytest.raises(InputError, match="控制字符"):
                ws.schools.add(School(0, hidden, "3204120002", ("小学",)))
        view = ws.assessments.view(aid)
    xlsx = tmp_path / "r.xlsx"
    write_xlsx([view], xlsx, today=WHEN.date())
    with zipfile.ZipFile(xlsx) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/"):
                body = zf.read(name)
                assert b"<f>" not in body and b"<f " not in body, name
    book = load_workbook(xlsx)
    cells = [c for ws_ in book.worksheets for row in ws_.iter_rows() for c in row]
    for text in HOSTILE_TEXT:
        matching = [c for c in cells if c.value == text]
        assert matching and all(c.data_type == "s" for c in matching), text
    pdf = tmp_path / "r.pdf"
    write_pdf([view], pdf, generated_at=WHEN, today=WHEN.date())
    reader = PdfReader(pdf)
    text = "".join(page.extract_text() for page in reader.pages).replace(" ", "").replace("\n", "")
    for needle in ('<imgsrc="/etc/passwd"', '<ahref="file:///etc/passwd">', "<script>"):
        assert needle in text, needle
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            assert "/URI" not in str(annotation.get_object().get("/A", {}))
        resources = page["/Resources"].get_object()
        assert isinstance(resources, DictionaryObject)
        assert "/XObject" not in resources or not any(
            "passwd" in str(x) for x in resources["/XObject"].values()
        )
    tally(len(HOSTILE_TEXT) * 2 + 2)
