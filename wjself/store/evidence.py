"""Evidence files: copied into the data folder, kept by SHA-256, checked before they are taken.

- Stored at ``evidence/<sha[:2]>/<sha>`` (written atomically), never referenced by the
  person's original path; the original name is kept as a label.
- Up to 50 MiB; the content must be what the extension says (a ``.jpg`` that is really a
  PDF is refused); images are checked with Pillow (decompression bombs refused) and scaled
  down to 2000 px on the longer side, JPEG staying JPEG, everything else becoming PNG.
- A file is deleted from disk only when no evidence row refers to it any more.  Writing and
  deleting blobs happen while holding the database write lock, so two programs cannot race
  between "nobody uses it" and "I just attached it".
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from wjself.atomic import os_error_message, write_bytes
from wjself.core.assessment import Evidence
from wjself.core.errors import EnvironmentFault, InputError, Problem
from wjself.inputs import read_input_file, size_text
from wjself.paths import DataPaths
from wjself.regular_files import read_regular
from wjself.store.common import Service, audit, clean_text, draft_assessment, template_of
from wjself.store.db import Database, now
from wjself.store.evidence_paths import MAX_BYTES, blob_path, blob_text
from wjself.store.models import AnswerHistoryEvidenceRecord, EvidenceRecord

log = logging.getLogger(__name__)

MAX_SIDE = 2000
MAX_PIXELS = 90_000_000  # beyond this an image is treated as a decompression bomb
JPEG_QUALITY = 85


@dataclass(frozen=True, slots=True)
class FileType:
    """An accepted kind of evidence file and how its content is recognised."""

    media_type: str
    label: str
    check: str  # "image:<PIL format>", "pdf", "ooxml:<folder>", "ole", "zip", "text", "mp4"


TYPES: dict[str, FileType] = {
    ".jpg": FileType("image/jpeg", "JPEG 图片", "image:JPEG"),
    ".jpeg": FileType("image/jpeg", "JPEG 图片", "image:JPEG"),
    ".png": FileType("image/png", "PNG 图片", "image:PNG"),
    ".gif": FileType("image/gif", "GIF 图片", "image:GIF"),
    ".bmp": FileType("image/bmp", "BMP 图片", "image:BMP"),
    ".webp": FileType("image/webp", "WebP 图片", "image:WEBP"),
    ".tif": FileType("image/tiff", "TIFF 图片", "image:TIFF"),
    ".tiff": FileType("image/tiff", "TIFF 图片", "image:TIFF"),
    ".pdf": FileType("application/pdf", "PDF 文档", "pdf"),
    ".docx": FileType(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word 文档",
        "ooxml:word/",
    ),
    ".xlsx": FileType(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Excel 工作簿",
        "ooxml:xl/",
    ),
    ".pptx": FileType(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "PowerPoint 演示文稿",
        "ooxml:ppt/",
    ),
    ".doc": FileType("application/msword", "Word 97-2003 文档", "ole"),
    ".xls": FileType("application/vnd.ms-excel", "Excel 97-2003 工作簿", "ole"),
    ".ppt": FileType("application/vnd.ms-powerpoint", "PowerPoint 97-2003 演示文稿", "ole"),
    ".wps": FileType("application/vnd.ms-works", "WPS 文字文档", "ole"),
    ".et": FileType("application/vnd.ms-excel", "WPS 表格", "ole"),
    ".ofd": FileType("application/ofd", "OFD 版式文档", "zip"),
    ".txt": FileType("text/plain", "文本文件", "text"),
    ".csv": FileType("text/csv", "CSV 表格", "text"),
    ".mp4": FileType("video/mp4", "MP4 视频", "mp4"),
}

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_UNKNOWN = "无法识别的内容"


def evidence_from_record(r: EvidenceRecord, paths: DataPaths) -> Evidence:
    return Evidence(
        id=r.id,
        code=r.code,
        sha256=r.sha256,
        name=r.name,
        size=r.size,
        media_type=r.media_type,
        path=blob_text(paths, r.sha256),
        added_at=r.added_at,
    )


def history_evidence(
    r: AnswerHistoryEvidenceRecord, code_of: dict[int, str], paths: DataPaths
) -> Evidence:
    """An evidence file kept in the answer history, as the plain ``Evidence`` value."""
    return Evidence(
        id=r.id,
        code=code_of.get(r.history_id, ""),
        sha256=r.sha256,
        name=r.name,
        size=r.size,
        media_type=r.media_type,
        path=blob_text(paths, r.sha256),
        added_at=r.added_at,
    )


def _what_it_is(data: bytes) -> str:
    """A short description of content, for the message when it does not match the extension."""
    from PIL import Image

    if data.startswith(b"%PDF-"):
        return "PDF 文档"
    if data.startswith(_OLE):
        return "旧版 Office（OLE）文件"
    if data.startswith(b"PK\x03\x04"):
        return "压缩包或 Office 文档"
    if data[4:8] == b"ftyp":
        return "视频文件"
    with warnings.catch_warnings(), contextlib.suppress(Exception):
        warnings.simplefilter("ignore")
        with Image.open(io.BytesIO(data)) as img:
            return f"{img.format} 图片"
    return _UNKNOWN


def prepare(data: bytes, name: str) -> tuple[bytes, str]:
    """The bytes to store for a file called ``name`` and their media type, or InputError."""
    suffix = Path(name).suffix.lower()
    kind = TYPES.get(suffix)
    if kind is None:
        accepted = "、".join(sorted({s for s in TYPES}))
        raise InputError(
            [Problem(f"不支持的文件类型“{suffix or '无扩展名'}”；可添加：{accepted}", name)]
        )
    if not data:
        raise InputError([Problem("文件是空的", name)])
    check = kind.check
    ok = True
    if check.startswith("image:"):
        return _prepare_image(data, name, kind, check.split(":", 1)[1])
    if check == "pdf":
        ok = data[:1024].lstrip().startswith(b"%PDF-")
    elif check == "ole":
        ok = data.startswith(_OLE)
    elif check.startswith("ooxml:") or check == "zip":
        ok = _zip_has(data, check.split(":", 1)[1] if ":" in check else "")
    elif check == "text":
        ok = b"\x00" not in data[:65536] and _decodes(data)
    elif check == "mp4":
        ok = data[4:8] == b"ftyp"
    if not ok:
        raise InputError(
            [
                Problem(
                    f"文件扩展名是 {suffix}（{kind.label}），但内容是{_what_it_is(data)}；请检查是否选错了文件",
                    name,
                )
            ]
        )
    return data, kind.media_type


def _zip_has(data: bytes, folder: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return False
    if not folder:
        return True
    return "[Content_Types].xml" in names and any(n.startswith(folder) for n in names)


def _decodes(data: bytes) -> bool:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            data.decode(encoding)
            return True
        except UnicodeDecodeError:
            continue
    return False


def _prepare_image(data: bytes, name: str, kind: FileType, expected: str) -> tuple[bytes, str]:
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            # Pillow only warns between MAX_IMAGE_PIXELS and twice that; refuse those too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                found = probe.format or ""
                width, height = probe.size
                if width * height > MAX_PIXELS:
                    raise Image.DecompressionBombError(f"{width}×{height}")
                if found != expected:
                    raise InputError(
                        [
                            Problem(
                                f"文件扩展名表示{kind.label}，但内容是 {found or '其他'} 图片；请修改扩展名或重新导出",
                                name,
                            )
                        ]
                    )
                probe.verify()
            if max(width, height) <= MAX_SIDE:
                return data, kind.media_type
            with Image.open(io.BytesIO(data)) as img:
                img.load()
                upright = ImageOps.exif_transpose(img) or img
                upright.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
                out = io.BytesIO()
                if found == "JPEG":
                    upright.convert("RGB").save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
                    return out.getvalue(), "image/jpeg"
                if upright.mode not in ("RGB", "RGBA", "L", "LA", "P"):
                    upright = upright.convert("RGBA")
                upright.save(out, "PNG", optimize=True)
                return out.getvalue(), "image/png"
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InputError(
            [Problem("图片像素数过大（疑似异常文件），已拒绝；请先缩小图片再添加", name)]
        ) from None
    except UnidentifiedImageError:
        what = _what_it_is(data)
        if what != _UNKNOWN:
            raise InputError(
                [Problem(f"文件扩展名表示{kind.label}，但内容是{what}；请检查是否选错了文件", name)]
            ) from None
        raise InputError([Problem("图片已损坏或无法识别；请重新导出后再添加", name)]) from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise InputError(
            [Problem(f"图片已损坏或无法识别（{type(exc).__name__}）；请重新导出后再添加", name)]
        ) from None


class EvidenceService(Service):
    """``workspace.evidence``."""

    def add(self, assessment_id: int, code: str, source: Path, name: str | None = None) -> Evidence:
        """Attach the file ``source`` to item ``code``; ``name`` is the label (default: the file name).

        The same content attached to the same item again returns the existing entry.
        """
        label = clean_text(name if name is not None else source.name, "文件名", 255, "name")
        data = _read(source)
        stored, media_type = prepare(data, label or source.name)
        sha = hashlib.sha256(stored).hexdigest()
        paths = self._db.paths
        with self._db.write() as s:
            a = draft_assessment(s, assessment_id)
            if template_of(a).item(code) is None:
                raise InputError(
                    [
                        Problem(
                            f"检查项“{code}”不在模板 {a.template_id}@{a.template_version} 中",
                            field="code",
                        )
                    ]
                )
            same = s.scalar(
                select(EvidenceRecord).where(
                    EvidenceRecord.assessment_id == a.id,
                    EvidenceRecord.code == code,
                    EvidenceRecord.sha256 == sha,
                )
            )
            if same is not None:
                return evidence_from_record(same, paths)
            target = blob_path(paths, sha)
            if target is None:  # the evidence folder holds a link where a folder belongs
                raise EnvironmentFault(
                    f"佐证文件未添加：{paths.evidence / sha[:2]} 不是文件夹而是链接；请检查数据文件夹。"
                )
            if not _blob_ok(target, sha, len(stored)):
                try:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    write_bytes(target, stored)
                except OSError as exc:
                    plain = os_error_message(exc, target)
                    raise EnvironmentFault(
                        f"佐证文件未添加。{plain}"
                        if plain
                        else f"无法保存佐证文件到 {target}：{exc.strerror or exc}。请检查磁盘空间和写入权限。"
                    ) from None
            who = self._operator()
            record = EvidenceRecord(
                assessment_id=a.id,
                code=code,
                sha256=sha,
                name=label,
                size=len(stored),
                media_type=media_type,
                added_at=now(),
                added_by=who,
            )
            s.add(record)
            a.updated_at = record.added_at
            audit(
                s,
                who,
                "evidence.add",
                a.id,
                code,
                new=f"{label}（{size_text(len(stored))}，SHA-256 {sha[:12]}）",
            )
            s.flush()
            return evidence_from_record(record, paths)

    def remove(self, evidence_id: int) -> None:
        """Detach one evidence file; its bytes are deleted once nothing refers to them."""
        with self._db.write() as s:
            record = s.get(EvidenceRecord, evidence_id)
            if record is None:
                raise InputError([Problem(f"佐证文件 {evidence_id} 不存在")])
            a = draft_assessment(s, record.assessment_id)
            sha = record.sha256
            audit(
                s,
                self._operator(),
                "evidence.remove",
                a.id,
                record.code,
                old=f"{record.name}（SHA-256 {sha[:12]}）",
            )
            a.updated_at = now()
            s.delete(record)

        collect_blobs(self._db, [sha])


def collect_blobs(db: Database, hashes: list[str]) -> int:
    """Delete the stored files among ``hashes`` that nothing refers to; returns how many."""
    if not hashes:
        return 0
    removed = 0
    with db.write() as s:
        for sha in set(hashes):
            target = blob_path(db.paths, sha)  # None for a digest that is not one: never a path
            if target is not None and _references(s, sha) == 0:
                try:
                    target.unlink()
                    removed += 1
                except FileNotFoundError:
                    pass
                except OSError as exc:  # a folder in its place, no rights: an orphan, not a loss
                    log.warning("could not delete unused evidence file %s: %s", target, exc)
    return removed


def _references(s: Session, sha: str) -> int:
    """Rows that need the stored file: current evidence, and evidence kept in answer history."""
    current = s.scalar(select(func.count()).where(EvidenceRecord.sha256 == sha)) or 0
    kept = s.scalar(select(func.count()).where(AnswerHistoryEvidenceRecord.sha256 == sha)) or 0
    return int(current) + int(kept)


def _blob_ok(target: Path, sha: str, size: int) -> bool:
    try:
        return hashlib.sha256(read_regular(target, size)).hexdigest() == sha
    except OSError:
        return False


def _read(source: Path) -> bytes:
    return read_input_file(source, MAX_BYTES, "佐证文件", "；请压缩或拆分后再添加")
