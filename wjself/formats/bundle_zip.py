"""Opening a ``.wjsa`` zip without trusting it: names, links, sizes and compression are checked
before a single byte is unpacked, and reading stops at the sizes that were checked.

Refused with ``InputError``: names that could leave the bundle (``..``, absolute paths,
backslashes, drive letters, empty or ``.`` parts, control characters), symbolic links,
duplicate names, encrypted entries, too many entries, entries or totals over the limits, and
entries whose compression ratio only a zip bomb has.
"""

from __future__ import annotations

import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from wjself.core.errors import InputError, Problem
from wjself.inputs import open_input_file

MiB = 1024 * 1024


class BundleLimits:
    """What a bundle may hold; well above any real school's year of evidence."""

    ENTRIES = 50_000
    JSON_BYTES = 64 * MiB
    FILE_BYTES = 512 * MiB
    TOTAL_BYTES = 8 * 1024 * MiB
    RATIO = 100  # uncompressed / compressed, checked for entries above RATIO_FLOOR
    RATIO_FLOOR = 1 * MiB


_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def unsafe_name(name: str) -> str | None:
    """Why an entry name is not safe to use inside a bundle, or None."""
    if not name:
        return "文件名为空"
    if "\\" in name:
        return "文件名含反斜杠"
    if name.startswith("/"):
        return "文件名是绝对路径"
    if _DRIVE.match(name):
        return "文件名含盘符"
    if _CONTROL.search(name):
        return "文件名含控制字符"
    parts = name.rstrip("/").split("/")
    if any(part in ("", ".", "..") for part in parts):
        return "文件名含“..”、“.”或空的路径部分，可能指向数据包之外"
    return None


@dataclass
class SafeZip:
    """A zip whose entry table has passed every check; ``files`` maps name → entry."""

    zf: zipfile.ZipFile
    files: dict[str, zipfile.ZipInfo]
    handle: BinaryIO | None = None  # the checked file the zip reads from

    def read(self, name: str) -> bytes:
        """The bytes of ``name``, never more than its checked size (InputError if damaged)."""
        info = self.files[name]
        chunks = []
        total = 0
        try:
            with self.zf.open(info) as handle:
                while chunk := handle.read(MiB):
                    total += len(chunk)
                    if total > info.file_size:
                        raise InputError([Problem("解压后的大小超过声明的大小", self.where(name))])
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
            raise InputError([Problem(f"文件已损坏，无法解压（{exc}）", self.where(name))]) from exc
        return b"".join(chunks)

    def where(self, name: str) -> str:
        return f"{self.zf.filename}:{name}"

    def close(self) -> None:
        self.zf.close()
        if self.handle is not None:
            self.handle.close()


def open_bundle(path: Path) -> SafeZip:
    """Open ``path`` as a bundle, or raise InputError saying what is wrong with it."""
    where = str(path)
    handle = open_input_file(path, BundleLimits.TOTAL_BYTES, "数据包")
    try:
        zf = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
        handle.close()
        raise InputError(
            [Problem("不是有效的 .wjsa 数据包：不是 zip 文件或已损坏", where)]
        ) from exc
    except OSError as exc:
        handle.close()
        raise InputError([Problem(f"无法读取：{exc.strerror or exc}", where)]) from exc
    zf.filename = where  # for messages; the handle is ours to close
    try:
        return SafeZip(zf, _checked(zf, where), handle)
    except BaseException:
        zf.close()
        handle.close()
        raise


def _checked(zf: zipfile.ZipFile, where: str) -> dict[str, zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > BundleLimits.ENTRIES:
        raise InputError(
            [Problem(f"条目过多（{len(infos)} 个，上限 {BundleLimits.ENTRIES}）", where)]
        )
    problems: list[Problem] = []
    files: dict[str, zipfile.ZipInfo] = {}
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        at = f"{where}:{name}"
        why = unsafe_name(name)
        if why:
            problems.append(Problem(f"拒绝读取：{why}", at))
            continue
        if name in seen:
            problems.append(Problem("拒绝读取：文件名重复", at))
            continue
        seen.add(name)
        if stat.S_ISLNK(info.external_attr >> 16):
            problems.append(Problem("拒绝读取：数据包中含符号链接", at))
            continue
        if info.flag_bits & 0x1:
            problems.append(Problem("拒绝读取：条目已加密", at))
            continue
        if info.is_dir():
            continue
        limit = BundleLimits.JSON_BYTES if name.endswith(".json") else BundleLimits.FILE_BYTES
        if info.file_size > limit:
            problems.append(Problem(_too_big("文件", info.file_size, limit), at))
            continue
        if info.file_size > BundleLimits.RATIO_FLOOR and info.file_size > BundleLimits.RATIO * max(
            info.compress_size, 1
        ):
            problems.append(
                Problem(
                    f"拒绝读取：压缩比异常（{info.compress_size} 字节解压为 {info.file_size} 字节），疑似压缩炸弹",
                    at,
                )
            )
            continue
        total += info.file_size
        files[name] = info
    if total > BundleLimits.TOTAL_BYTES:
        problems.append(Problem(_too_big("解压后总大小", total, BundleLimits.TOTAL_BYTES), where))
    if problems:
        raise InputError(problems)
    return files


def _too_big(what: str, size: int, limit: int) -> str:
    return f"拒绝读取：{what}过大（{size / MiB:.1f} MiB，上限 {limit / MiB:.0f} MiB）"


def deflate_is_safe(data: bytes) -> bool:
    """Whether ``data`` deflated stays under the ratio a reader refuses (else store it)."""
    if len(data) <= BundleLimits.RATIO_FLOOR:
        return True
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    compressed = len(compressor.compress(data)) + len(compressor.flush())
    return len(data) <= BundleLimits.RATIO * max(compressed, 1) // 2
