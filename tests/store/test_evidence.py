"""Evidence files: stored by hash, checked, images scaled, blobs removed when unreferenced."""

from __future__ import annotations

import hashlib
import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from wjself.core.errors import InputError
from wjself.paths import DataPaths
from wjself.store import Workspace
from wjself.store.evidence import MAX_BYTES, MAX_SIDE


def png(path: Path, size: tuple[int, int] = (40, 30), color: str = "navy") -> Path:
    Image.new("RGB", size, color).save(path, "PNG" if path.suffix == ".png" else None)
    return path


def test_small_file_is_stored_unchanged_by_its_hash(
    ws: Workspace, aid: int, paths: DataPaths, tmp_path: Path
) -> None:
    source = png(tmp_path / "检查照片.png")
    evidence = ws.evidence.add(aid, "A01", source)
    data = source.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    assert (evidence.sha256, evidence.name, evidence.size, evidence.media_type) == (
        sha,
        "检查照片.png",
        len(data),
        "image/png",
    )
    stored = paths.evidence / sha[:2] / sha
    assert Path(evidence.path) == stored and stored.read_bytes() == data
    source.unlink()  # the original may go away; the copy stays
    assert ws.assessments.view(aid).answers["A01"].evidence == (evidence,)
    assert ws.assessments.history(aid)[-1].action == "evidence.add"
    assert list(paths.evidence.rglob("*.part")) == []


def test_large_images_are_scaled_down(ws: Workspace, aid: int, tmp_path: Path) -> None:
    wide = ws.evidence.add(aid, "A01", png(tmp_path / "wide.bmp", (3000, 1200)))
    with Image.open(wide.path) as img:
        assert img.format == "PNG" and img.size == (MAX_SIDE, 800)
    assert wide.media_type == "image/png" and wide.name == "wide.bmp"
    photo = tmp_path / "tall.jpg"
    Image.new("RGB", (1500, 2600), "green").save(photo, quality=95)
    tall = ws.evidence.add(aid, "A02", photo)
    with Image.open(tall.path) as img:
        assert img.format == "JPEG" and max(img.size) == MAX_SIDE
    assert tall.size < photo.stat().st_size


def test_same_file_twice_on_one_item_is_one_entry(ws: Workspace, aid: int, tmp_path: Path) -> None:
    source = png(tmp_path / "a.png")
    first = ws.evidence.add(aid, "A01", source)
    assert ws.evidence.add(aid, "A01", source, name="again.png") == first


def test_blob_is_deleted_only_when_nothing_refers_to_it(
    ws: Workspace, aid: int, tmp_path: Path
) -> None:
    source = png(tmp_path / "shared.png")
    one = ws.evidence.add(aid, "A01", source)
    two = ws.evidence.add(aid, "B01", source)
    assert one.path == two.path
    ws.evidence.remove(one.id)
    assert Path(two.path).exists()
    ws.evidence.remove(two.id)
    assert not Path(two.path).exists()
    assert ws.assessments.history(aid)[-1].action == "evidence.remove"
    with pytest.raises(InputError, match="不存在"):
        ws.evidence.remove(two.id)


@pytest.mark.reliability(
    fault="Hostile evidence file",
    method="content that is not what the extension says (store tests)",
)
def test_files_whose_content_is_not_their_extension_are_refused(
    ws: Workspace, aid: int, tmp_path: Path
) -> None:
    pdf_as_jpg = tmp_path / "scan.jpg"
    pdf_as_jpg.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    with pytest.raises(InputError, match=r"扩展名.*JPEG.*PDF"):
        ws.evidence.add(aid, "A01", pdf_as_jpg)
    png_as_jpg = tmp_path / "photo.jpg"
    Image.new("RGB", (8, 8)).save(png_as_jpg, "PNG")
    with pytest.raises(InputError, match="PNG"):
        ws.evidence.add(aid, "A01", png_as_jpg)
    text_as_docx = tmp_path / "plan.docx"
    text_as_docx.write_text("不是 Word 文档", "utf-8")
    with pytest.raises(InputError, match="Word"):
        ws.evidence.add(aid, "A01", text_as_docx)
    exe = tmp_path / "setup.exe"
    exe.write_bytes(b"MZ\x90\x00")
    with pytest.raises(InputError, match="不支持的文件类型"):
        ws.evidence.add(aid, "A01", exe)
    broken = tmp_path / "broken.png"
    broken.write_bytes(png(tmp_path / "ok.png").read_bytes()[:40])
    with pytest.raises(InputError, match="损坏"):
        ws.evidence.add(aid, "A01", broken)
    assert ws.assessments.view(aid).answers == {}


def test_documents_are_accepted(ws: Workspace, aid: int, tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["台账"])  # type: ignore[union-attr]
    xlsx = tmp_path / "台账.xlsx"
    book.save(xlsx)
    pdf = tmp_path / "制度.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")
    txt = tmp_path / "说明.txt"
    txt.write_bytes("学校安全工作说明".encode("gb18030"))
    kinds = [ws.evidence.add(aid, "A01", f).media_type for f in (xlsx, pdf, txt)]
    assert kinds[1:] == ["application/pdf", "text/plain"] and "spreadsheetml" in kinds[0]


@pytest.mark.reliability(fault="Huge input file", method="evidence file one byte over 50 MiB")
def test_size_limit(ws: Workspace, aid: int, tmp_path: Path) -> None:
    big = tmp_path / "video.mp4"
    with big.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(InputError, match=r"文件过大.*50 MiB"):
        ws.evidence.add(aid, "A01", big)


@pytest.mark.reliability(
    fault="Hostile evidence file", method="PNG decompression bomb (store tests)"
)
def test_decompression_bomb_is_refused(ws: Workspace, aid: int, tmp_path: Path) -> None:
    # A tiny PNG whose header claims 40000 × 40000 pixels.
    buffer = io.BytesIO()
    Image.new("1", (1, 1)).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    ihdr = data.index(b"IHDR")
    data[ihdr + 4 : ihdr + 12] = struct.pack(">II", 40000, 40000)
    crc = zlib.crc32(bytes(data[ihdr : ihdr + 17]))
    data[ihdr + 17 : ihdr + 21] = struct.pack(">I", crc)
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(bytes(data))
    with pytest.raises(InputError, match="像素数过大"):
        ws.evidence.add(aid, "A01", bomb)


def test_missing_file_and_unknown_item(ws: Workspace, aid: int, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="文件不存在"):
        ws.evidence.add(aid, "A01", tmp_path / "nope.png")
    with pytest.raises(InputError, match="不在模板"):
        ws.evidence.add(aid, "Z9", png(tmp_path / "a.png"))
