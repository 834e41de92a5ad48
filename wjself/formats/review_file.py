"""Review files (``.wjsr``): the bureau's comments and verdict on one assessment, signed.

A review file is a zip of exactly two entries: ``manifest.json`` (kind ``wjself-review``,
format 1: the reviewed assessment's school code and name, template id and version, period and
fingerprint, the verdict 通过 / 退回修改 with its reason, the reviewer, the time, and the
comments ``[{code, text}]``) and ``signature.json`` (the bureau key's Ed25519 signature over
the exact bytes of ``manifest.json``; see ``formats/signature.py``).

Reading one is a trust boundary: the file is bounded before it is opened, the zip holds only
those two names, and every field of the manifest is checked for its type, form and length;
anything else is one ``InputError`` naming the field.  Whether the signing key is the
bureau's is for the caller to judge against its pinned keys.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import zipfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, NoReturn

from wjself import __version__
from wjself.atomic import write_output
from wjself.core.errors import InputError, Problem
from wjself.core.review import Review, ReviewComment, ReviewLimits, Verdict, text_problem
from wjself.core.school import SCHOOL_CODE
from wjself.core.signing import SignatureCheck
from wjself.core.template import CODE_PATTERN, TEMPLATE_ID_PATTERN, VERSION_PATTERN, Limits
from wjself.formats.bundle_zip import unsafe_name
from wjself.formats.json_template import parse_json_bytes
from wjself.formats.signature import check_signature, signature_bytes
from wjself.inputs import read_input_file

FORMAT = "wjself-review"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "signature.json"
SUFFIX = ".wjsr"
MAX_FILE = 16 * 1024 * 1024  # a review of 2,000 long comments is about 12 MiB
MAX_ENTRY = 16 * 1024 * 1024
_FINGERPRINT = re.compile(r"^[0-9a-f]{64}$")
_PERIOD = re.compile(r"^\d{4}\S{0,28}$")  # as the store accepts a period


@dataclass(frozen=True, slots=True)
class ReviewFile:
    """A review file read and checked: the review, its signature's check, the manifest's hash."""

    path: str
    review: Review
    signature: SignatureCheck
    sha256: str  # of manifest.json's bytes: the same review imported twice is recognised


# ---------------------------------------------------------------- writing


def manifest_dict(review: Review) -> dict[str, Any]:
    """The manifest of ``review`` as plain data."""
    return {
        "kind": FORMAT,
        "format": FORMAT_VERSION,
        "wjself_version": __version__,
        "school_code": review.school_code,
        "school_name": review.school_name,
        "template_id": review.template_id,
        "template_version": review.template_version,
        "period": review.period,
        "fingerprint": review.fingerprint,
        "verdict": review.verdict.value,
        "reason": review.reason,
        "reviewer": review.reviewer,
        "reviewed_at": review.reviewed_at.isoformat(timespec="seconds"),
        "comments": [{"code": c.code, "text": c.text} for c in review.comments],
    }


def write_review(
    review: Review,
    target: str | os.PathLike[str],
    sign: Callable[[bytes], Mapping[str, Any]],
) -> dict[str, Any]:
    """Write ``review`` to ``target`` atomically, signed by ``sign(manifest bytes)``.

    Returns the manifest.  ``sign`` gives the ``signature.json`` dict (the bureau's key).
    """
    manifest = manifest_dict(review)
    data = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    signature = signature_bytes(sign(data))
    stamp = review.reviewed_at.timetuple()[:6]

    def produce(handle: BinaryIO) -> None:
        with zipfile.ZipFile(handle, "w") as zf:
            for name, body in ((MANIFEST, data), (SIGNATURE, signature)):
                info = zipfile.ZipInfo(name, date_time=max(stamp, (1980, 1, 1, 0, 0, 0)))
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, body)

    write_output(target, produce, "审阅文件")
    return manifest


# ---------------------------------------------------------------- reading


def read_review(path: str | os.PathLike[str]) -> ReviewFile:
    """Read and check the review file ``path``; InputError naming the field when it is not one.

    The signature is checked against the manifest's bytes and returned as found (``valid``,
    ``invalid``, ``absent``, ``malformed``): the caller decides whether it trusts the key.
    """
    where = str(path)
    data = read_input_file(Path(path), MAX_FILE, "审阅文件")
    entries = _entries(data, where)
    if MANIFEST not in entries:
        raise InputError([Problem("不是审阅文件：缺少 manifest.json", where)])
    raw = entries[MANIFEST]
    manifest, problems = parse_json_bytes(raw, f"{where}:{MANIFEST}")
    if problems:
        raise InputError(problems)
    review = review_from_manifest(manifest, f"{where}:{MANIFEST}")
    check = check_signature(entries.get(SIGNATURE), raw, signed=MANIFEST)
    return ReviewFile(where, review, check, hashlib.sha256(raw).hexdigest())


def _entries(data: bytes, where: str) -> dict[str, bytes]:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
        raise InputError(
            [Problem("不是有效的 .wjsr 审阅文件：不是 zip 文件或已损坏", where)]
        ) from exc
    out: dict[str, bytes] = {}
    with zf:
        infos = zf.infolist()
        if len(infos) > 2:
            raise InputError(
                [
                    Problem(
                        f"审阅文件只应含 {MANIFEST} 和 {SIGNATURE}，却有 {len(infos)} 个条目", where
                    )
                ]
            )
        for info in infos:
            at = f"{where}:{info.filename}"
            why = unsafe_name(info.filename)
            if why:
                raise InputError([Problem(f"拒绝读取：{why}", at)])
            if info.filename not in (MANIFEST, SIGNATURE):
                raise InputError([Problem("审阅文件中不应有此条目", at)])
            if info.filename in out:
                raise InputError([Problem("拒绝读取：文件名重复", at)])
            if info.flag_bits & 0x1:
                raise InputError([Problem("拒绝读取：条目已加密", at)])
            if info.file_size > MAX_ENTRY:
                raise InputError([Problem("拒绝读取：条目过大", at)])
            out[info.filename] = _read_entry(zf, info, at)
    return out


def _read_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, at: str) -> bytes:
    try:
        with zf.open(info) as handle:
            body = handle.read(info.file_size + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError) as exc:
        raise InputError([Problem(f"文件已损坏，无法解压（{exc}）", at)]) from exc
    if len(body) > info.file_size:
        raise InputError([Problem("解压后的大小超过声明的大小", at)])
    return body


def review_from_manifest(manifest: object, where: str) -> Review:
    """The review a manifest describes, every field checked; InputError naming the first bad one."""
    if not isinstance(manifest, dict):
        raise InputError([Problem("manifest.json 应为 JSON 对象", where)])
    m: dict[str, Any] = manifest
    if m.get("kind") != FORMAT:
        raise InputError(
            [Problem("不是 wjself 审阅文件（kind 不是 wjself-review）", where, field="kind")]
        )
    version = m.get("format")
    if type(version) is not int or version < 1:
        raise InputError([Problem("格式版本无效", where, field="format")])
    if version > FORMAT_VERSION:
        raise InputError(
            [
                Problem(
                    f"审阅文件格式 {version} 由更新版本的 wjself 写出；请升级本程序后再导入",
                    where,
                    field="format",
                )
            ]
        )
    get = _Fields(m, where)
    code = get.text("school_code", 10, single=True)
    if not SCHOOL_CODE.match(code):
        get.fail("school_code", "学校标识码应为 10 位数字")
    template_id = get.text("template_id", Limits.ID, single=True)
    if not TEMPLATE_ID_PATTERN.match(template_id):
        get.fail("template_id", "检查表编号无效")
    version_text = get.text("template_version", Limits.VERSION, single=True)
    if not VERSION_PATTERN.match(version_text):
        get.fail("template_version", "检查表版本无效")
    period = get.text("period", 32, single=True)
    if not _PERIOD.match(period):
        get.fail("period", "期间无效（应以四位年份开头）")
    fingerprint = get.text("fingerprint", 64, single=True)
    if not _FINGERPRINT.match(fingerprint):
        get.fail("fingerprint", "指纹应为 64 位小写十六进制")
    verdict_text = get.text("verdict", 10, single=True)
    if verdict_text not in {v.value for v in Verdict}:
        get.fail("verdict", "审阅结论应为“通过”或“退回修改”")
    verdict = Verdict(verdict_text)
    reason = get.text("reason", ReviewLimits.REASON, required=False)
    if verdict is Verdict.RETURNED and not reason.strip():
        get.fail("reason", "退回修改须写明原因")
    return Review(
        school_code=code,
        school_name=get.text("school_name", ReviewLimits.NAME, single=True, required=False),
        template_id=template_id,
        template_version=version_text,
        period=period,
        fingerprint=fingerprint,
        verdict=verdict,
        reason=reason.strip(),
        reviewer=get.text("reviewer", ReviewLimits.NAME, single=True, required=False),
        reviewed_at=get.stamp("reviewed_at"),
        comments=_comments(m.get("comments"), get),
    )


def _comments(raw: object, get: _Fields) -> tuple[ReviewComment, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        get.fail("comments", "应为列表")
    if len(raw) > ReviewLimits.COMMENTS:
        get.fail("comments", f"意见过多（{len(raw)} 条），上限 {ReviewLimits.COMMENTS} 条")
    out: list[ReviewComment] = []
    seen: set[str] = set()
    for n, entry in enumerate(raw):
        at = f"comments[{n}]"
        if not isinstance(entry, dict):
            get.fail(at, "应为含 code 和 text 的对象")
        sub = _Fields(entry, get.where, prefix=f"{at}.")
        code = sub.text("code", Limits.CODE, single=True)
        if not CODE_PATTERN.match(code):
            sub.fail("code", "检查项编号无效")
        if code.casefold() in seen:
            sub.fail("code", f"检查项 {code} 的意见重复")
        seen.add(code.casefold())
        text = sub.text("text", ReviewLimits.COMMENT).strip()
        if not text:
            sub.fail("text", "意见为空")
        out.append(ReviewComment(code, text))
    return tuple(out)


class _Fields:
    """Reads one JSON object's fields, each checked, failing with the field's name."""

    def __init__(self, data: dict[str, Any], where: str, prefix: str = "") -> None:
        self.data = data
        self.where = where
        self.prefix = prefix

    def fail(self, name: str, message: str) -> NoReturn:
        raise InputError([Problem(message, self.where, field=f"{self.prefix}{name}")])

    def text(self, name: str, limit: int, *, single: bool = False, required: bool = True) -> str:
        value = self.data.get(name)
        if value is None and not required:
            return ""
        if not isinstance(value, str):
            return self.fail(name, "缺少此项或不是文字")
        if required and not value.strip():
            return self.fail(name, "不能为空")
        problem = text_problem(value, "内容", limit, multiline=not single)
        if problem:
            return self.fail(name, problem)
        return value.strip() if single else value

    def stamp(self, name: str) -> dt.datetime:
        text = self.text(name, 40, single=True)
        try:
            when = dt.datetime.fromisoformat(text)
        except ValueError:
            return self.fail(name, "时间格式无效（应为 ISO 8601，如 2024-06-01T10:00:00+08:00）")
        if when.tzinfo is None:
            return self.fail(name, "时间缺少时区")
        return when
