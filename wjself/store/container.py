"""The backup file: one zip holding the database, every evidence file it references, and a
manifest of SHA-256 hashes.

Layout (nothing else is allowed in the zip)::

    manifest.json          format, version, the database's and every evidence file's hash/size
    wjself.db              the database, a consistent copy taken with SQLite's backup API
    evidence/<sha256>      one entry per evidence file, named by its 64-hex digest
    keys/signing.key       the installation's signing key (PKCS8 PEM), when there is one;
                           its hash and size in the manifest's ``signing_key``

Why a zip: every machine can open one (a school can check on any computer that the photos
are inside), Python reads and writes it without a new dependency, each entry carries its own
CRC and declared size, and files that are already compressed (JPEG, PNG, PDF, Office, MP4) are
stored as they are while the database is deflated.

Backups that wjself keeps in its own ``backups/`` folder (automatic, before a migration, an
upgrade or a restore) hold the database and the manifest only; their evidence files are hard
links (a copy where the disk cannot link) in the shared store ``backups/evidence/``, one file
per digest whatever the number of backups, so 7 daily and 4 weekly backups do not hold 11 copies
of every photo.  ``manifest["evidence_in"]`` says which: ``"zip"`` or ``"store"``.

Reading treats the file as hostile: only the three kinds of names above, each once; declared
sizes bounded before anything is read; every byte read is hashed and compared with the
manifest; evidence is written only under its validated digest, never under a name from the zip.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TypeGuard

from wjself.core.errors import InputError, Problem
from wjself.store.evidence_paths import is_digest  # the one digest check

FORMAT = "wjself-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "wjself.db"
EVIDENCE_DIR = "evidence/"
KEY_ENTRY = "keys/signing.key"
MAX_KEY = 4096  # an Ed25519 PEM key is 119 bytes
IN_ZIP = "zip"
IN_STORE = "store"

MAX_MANIFEST = 32 * 1024 * 1024
MAX_DATABASE = 4 * 1024 * 1024 * 1024
# Evidence is refused above 50 MiB when added; a little room for files added by older versions.
MAX_EVIDENCE = 64 * 1024 * 1024
MAX_ENTRIES = 200_000
_CHUNK = 1024 * 1024

# Content that is compressed already: stored as it is (deflating it again costs time, saves nothing).
_COMPRESSED_MAGIC = (
    b"\xff\xd8\xff",  # JPEG
    b"\x89PNG",
    b"%PDF-",
    b"PK\x03\x04",  # docx/xlsx/pptx/ofd
    b"GIF8",
    b"RIFF",  # WebP
)


def store_path(store: Path, sha: str) -> Path:
    """Where the shared store of the backups folder keeps one evidence file."""
    return store / sha[:2] / sha


def is_container(path: Path) -> bool:
    """Whether ``path`` starts like a zip (a backup of wjself 1.1+), not a SQLite database."""
    try:
        with open(path, "rb") as handle:
            return handle.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def _already_compressed(head: bytes) -> bool:
    return head.startswith(_COMPRESSED_MAGIC) or head[4:8] == b"ftyp"


@dataclass(slots=True)
class Manifest:
    """What a backup file says it holds."""

    database_sha256: str
    database_size: int
    evidence: dict[str, int] = field(default_factory=dict)  # digest -> size
    evidence_in: str = IN_ZIP
    missing: list[str] = field(default_factory=list)  # referenced but unreadable when backed up
    created: str = ""
    signing_key: tuple[str, int] | None = None  # (sha256, size) of KEY_ENTRY when present

    def to_json(self) -> bytes:
        body = {
            "format": FORMAT,
            "version": VERSION,
            "created": self.created,
            "database": {
                "name": DATABASE,
                "sha256": self.database_sha256,
                "size": self.database_size,
            },
            "evidence_in": self.evidence_in,
            "evidence": [{"sha256": s, "size": n} for s, n in sorted(self.evidence.items())],
            "missing": sorted(self.missing),
        }
        if self.signing_key is not None:
            body["signing_key"] = {"sha256": self.signing_key[0], "size": self.signing_key[1]}
        return json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8")


def hash_file(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def write_container(
    handle: IO[bytes],
    database: Path,
    evidence: dict[str, Path],
    *,
    evidence_in: str = IN_ZIP,
    missing: list[str] | None = None,
    signing_key: bytes | None = None,
) -> Manifest:
    """Write the zip into ``handle``: the database file, ``signing_key`` (the key file's
    bytes) and (``evidence_in == "zip"``) every file of ``evidence`` (digest -> a file already
    checked to have that digest)."""
    db_sha, db_size = hash_file(database)
    sizes = {sha: path.stat().st_size for sha, path in evidence.items()}
    manifest = Manifest(
        database_sha256=db_sha,
        database_size=db_size,
        evidence=sizes,
        evidence_in=evidence_in,
        missing=list(missing or []),
        created=dt.datetime.now().isoformat(timespec="seconds"),
        signing_key=(
            (hashlib.sha256(signing_key).hexdigest(), len(signing_key)) if signing_key else None
        ),
    )
    with zipfile.ZipFile(handle, "w", allowZip64=True) as archive:
        # The manifest first: a reader learns what to expect before any large entry.
        archive.writestr(
            zipfile.ZipInfo(MANIFEST, _zip_time()), manifest.to_json(), zipfile.ZIP_DEFLATED
        )
        archive.write(database, DATABASE, compress_type=zipfile.ZIP_DEFLATED)
        if signing_key:
            archive.writestr(zipfile.ZipInfo(KEY_ENTRY, _zip_time()), signing_key)
        if evidence_in == IN_ZIP:
            for sha, path in sorted(evidence.items()):
                with open(path, "rb") as source:
                    head = source.read(16)
                    method = (
                        zipfile.ZIP_STORED if _already_compressed(head) else zipfile.ZIP_DEFLATED
                    )
                    info = zipfile.ZipInfo(EVIDENCE_DIR + sha, _zip_time())
                    info.compress_type = method
                    info.file_size = sizes[sha]
                    with archive.open(info, "w", force_zip64=sizes[sha] > 2**31) as entry:
                        entry.write(head)
                        shutil.copyfileobj(source, entry, _CHUNK)
    return manifest


def _zip_time() -> tuple[int, int, int, int, int, int]:
    now = dt.datetime.now()
    return (max(now.year, 1980), now.month, now.day, now.hour, now.minute, now.second)


# ------------------------------------------------------------------ reading (hostile input)


def _refuse(name: str, what: str) -> InputError:
    return InputError([Problem(f"{what}；不能用于恢复，当前数据未改变", name)])


class Container:
    """An opened backup file, its names and manifest checked; extract with ``extract_*``."""

    def __init__(self, archive: zipfile.ZipFile, manifest: Manifest, name: str) -> None:
        self.archive = archive
        self.manifest = manifest
        self.name = name

    @classmethod
    @contextlib.contextmanager
    def open(cls, path: Path, name: str | None = None) -> Iterator[Container]:
        """Open and check the zip's names, sizes and manifest; InputError when it is not a
        whole wjself backup.  Nothing is extracted yet."""
        label = name or str(path)
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
            raise _refuse(label, "这不是 wjself 备份文件，或文件不完整（如复制时被截断）") from None
        except OSError as exc:
            raise InputError([Problem(f"无法读取：{exc.strerror or exc}", label)]) from None
        try:
            manifest = _check_names_and_manifest(archive, label)
            yield cls(archive, manifest, label)
        finally:
            archive.close()

    def extract_database(self, target: Path) -> None:
        """Write the database entry to ``target``, checking its size and hash."""
        self._extract(DATABASE, target, self.manifest.database_sha256, self.manifest.database_size)

    def extract_evidence(self, sha: str, target: Path) -> None:
        """Write the evidence file ``sha`` (a validated digest from the manifest) to ``target``."""
        if not is_digest(sha) or sha not in self.manifest.evidence:
            raise _refuse(self.name, f"清单中没有佐证文件 {sha[:16]}")
        self._extract(EVIDENCE_DIR + sha, target, sha, self.manifest.evidence[sha])

    def read_signing_key(self) -> bytes | None:
        """The key file's bytes, checked against the manifest (None when the backup has none)."""
        if self.manifest.signing_key is None:
            return None
        sha, size = self.manifest.signing_key
        try:
            with self.archive.open(KEY_ENTRY) as source:
                data = source.read(MAX_KEY + 1)
        except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError):
            raise _refuse(self.name, f"{KEY_ENTRY} 已损坏或不完整") from None
        if len(data) != size or hashlib.sha256(data).hexdigest() != sha:
            raise _refuse(
                self.name, f"{KEY_ENTRY} 的内容与清单中的 SHA-256 不符（文件被改动或损坏）"
            )
        return data

    def _extract(self, entry: str, target: Path, sha: str, size: int) -> None:
        digest = hashlib.sha256()
        written = 0
        try:
            with self.archive.open(entry) as source, open(target, "wb") as out:
                # ZipExtFile never yields more than the declared size and checks the CRC at
                # the end; the count below guards against a declared size that changed.
                while chunk := source.read(_CHUNK):
                    written += len(chunk)
                    if written > size:
                        raise _refuse(self.name, f"{entry} 比清单所记的大（疑似压缩炸弹）")
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
        except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError):
            raise _refuse(self.name, f"{entry} 已损坏或不完整") from None
        if written != size or digest.hexdigest() != sha:
            raise _refuse(self.name, f"{entry} 的内容与清单中的 SHA-256 不符（文件被改动或损坏）")


def _check_names_and_manifest(archive: zipfile.ZipFile, name: str) -> Manifest:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise _refuse(name, f"备份文件中的条目过多（{len(infos)} 个）")
    seen: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        entry = info.filename
        if entry in seen:
            raise _refuse(name, f"备份文件中“{entry[:80]}”出现了两次")
        seen[entry] = info
        if entry in (MANIFEST, DATABASE):
            continue
        if entry == KEY_ENTRY:
            if info.file_size > MAX_KEY or info.flag_bits & 0x1:
                raise _refuse(name, f"备份文件中的 {KEY_ENTRY} 过大或被加密，不是 wjself 的密钥")
            continue
        digest = entry[len(EVIDENCE_DIR) :] if entry.startswith(EVIDENCE_DIR) else ""
        if not is_digest(digest):
            # Covers ../ (zip slip), absolute names, backslashes, folders and anything unknown.
            raise _refuse(name, f"备份文件中有不应有的条目“{entry[:80]}”")
        if info.file_size > MAX_EVIDENCE:
            raise _refuse(name, f"佐证文件 {digest[:16]} 声明的大小过大（{info.file_size} 字节）")
        if info.flag_bits & 0x1:
            raise _refuse(name, "备份文件中有加密的条目")
    if MANIFEST not in seen or DATABASE not in seen:
        raise _refuse(name, "这不是 wjself 备份文件（缺少清单或数据库）")
    if seen[MANIFEST].file_size > MAX_MANIFEST or seen[DATABASE].file_size > MAX_DATABASE:
        raise _refuse(name, "备份文件中的清单或数据库声明的大小过大")
    try:
        raw = archive.read(MANIFEST)
        body = json.loads(raw.decode("utf-8"))
    except (
        zipfile.BadZipFile,
        EOFError,
        ValueError,
        zlib.error,
        NotImplementedError,
        RecursionError,  # "[[[[…" nested deeper than the parser's stack
    ):
        raise _refuse(name, "备份文件的清单无法读取（文件已损坏或不完整）") from None
    manifest = _manifest_from(body, name)
    if seen[DATABASE].file_size != manifest.database_size:
        raise _refuse(name, "数据库的大小与清单不符")
    key_size = seen[KEY_ENTRY].file_size if KEY_ENTRY in seen else None
    if key_size != (manifest.signing_key[1] if manifest.signing_key else None):
        raise _refuse(name, f"{KEY_ENTRY} 与清单不符（清单未列出，或大小不同）")
    inside = {
        e[len(EVIDENCE_DIR) :]: i.file_size for e, i in seen.items() if e.startswith(EVIDENCE_DIR)
    }
    if manifest.evidence_in == IN_ZIP:
        extra = sorted(set(inside) - set(manifest.evidence))
        if extra:
            raise _refuse(name, f"备份文件中有清单未列出的佐证文件 {extra[0][:16]}…")
        absent = sorted(set(manifest.evidence) - set(inside))
        if absent:
            raise _refuse(name, f"清单列出的佐证文件 {absent[0][:16]}… 不在备份文件中")
        for sha, size in manifest.evidence.items():
            if inside[sha] != size:
                raise _refuse(name, f"佐证文件 {sha[:16]}… 的大小与清单不符")
    elif inside:
        raise _refuse(name, "清单说佐证文件在共享存储中，备份文件里却有佐证文件")
    return manifest


def _manifest_from(body: Any, name: str) -> Manifest:
    bad = _refuse(name, "备份文件的清单格式不对")
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise bad
    version = body.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise bad
    if version > VERSION:
        raise _refuse(name, f"这是较新版本的 wjself 制作的备份（格式 {version}），请先升级 wjself")
    database = body.get("database")
    if not isinstance(database, dict) or not is_digest(database.get("sha256")):
        raise bad
    db_size = database.get("size")
    evidence_in = body.get("evidence_in", IN_ZIP)
    entries = body.get("evidence")
    missing = body.get("missing", [])
    if (
        not _is_size(db_size)
        or evidence_in not in (IN_ZIP, IN_STORE)
        or not isinstance(entries, list)
        or not isinstance(missing, list)
        or not all(is_digest(m) for m in missing)
    ):
        raise bad
    key = body.get("signing_key")
    signing_key = None
    if key is not None:
        if not isinstance(key, dict) or not is_digest(key.get("sha256")):
            raise bad
        if not _is_size(key.get("size")) or not 0 < key["size"] <= MAX_KEY:
            raise bad
        signing_key = (key["sha256"], key["size"])
    evidence: dict[str, int] = {}
    for entry in entries:
        if not isinstance(entry, dict) or not is_digest(entry.get("sha256")):
            raise bad
        sha, size = entry["sha256"], entry.get("size")
        if not _is_size(size) or size > MAX_EVIDENCE:
            raise bad
        if sha in evidence:
            raise _refuse(name, f"清单中佐证文件 {sha[:16]}… 出现了两次")
        evidence[sha] = size
    return Manifest(
        database_sha256=database["sha256"],
        database_size=db_size,
        evidence=evidence,
        evidence_in=evidence_in,
        missing=list(missing),
        created=str(body.get("created", "")),
        signing_key=signing_key,
    )


def _is_size(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0
