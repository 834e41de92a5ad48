"""One incoming file made ready to record: copied into the bureau folder while hashed, the
copy verified (never the original, which could change meanwhile), scored and signed-checked.

Everything here happens outside a database transaction; ``importing`` records the result.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wjself.atomic import fsync_dir
from wjself.core.assessment import AssessmentView, Status
from wjself.core.codec import canonical_json, template_to_dict
from wjself.core.errors import InputError
from wjself.core.school import school_code_problem
from wjself.core.signing import SignatureCheck
from wjself.core.template import Template
from wjself.district.signing import seal_of
from wjself.formats.bundle import BundleReport
from wjself.formats.bundle_check import check_bundle
from wjself.formats.bundle_zip import BundleLimits
from wjself.inputs import open_input_file

_CHUNK = 1024 * 1024
STAGING_PREFIX = ".incoming-"


class Refusal(Exception):
    """A file not received, with the reason for people (Chinese) and what could be read of it."""

    def __init__(self, reason: str, school_code: str = "", school_name: str = "",
                 template_id: str = "", period: str = "") -> None:  # fmt: skip
        super().__init__(reason)
        self.reason = reason
        self.school_code = school_code
        self.school_name = school_name
        self.template_id = template_id
        self.period = period


@dataclass(frozen=True, slots=True)
class Staged:
    """A copy of an incoming file in the bundles folder, not yet under its final name."""

    source: Path
    temp: Path
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class Prepared:
    """A verified bundle ready to record; ``kept`` is its read-only copy."""

    source: Path
    sha256: str
    size: int
    kept: Path
    view: AssessmentView
    report: BundleReport
    seal: SignatureCheck
    template_sha256: str
    template_content: str
    exported_at: str


def stage(source: Path, folder: Path) -> Staged:
    """Copy ``source`` into ``folder`` under a temporary name, hashing it on the way.

    Only an ordinary file within the bundle size limit is read (InputError otherwise)."""
    handle = open_input_file(source, BundleLimits.TOTAL_BYTES, "数据包")
    digest = hashlib.sha256()
    size = 0
    fd, name = tempfile.mkstemp(prefix=STAGING_PREFIX, suffix=".part", dir=folder)
    temp = Path(name)
    try:
        with handle, os.fdopen(fd, "wb") as out:
            while chunk := handle.read(_CHUNK):
                size += len(chunk)
                if size > BundleLimits.TOTAL_BYTES:
                    raise Refusal("文件过大，不是 wjself 数据包")
                digest.update(chunk)
                out.write(chunk)
            # Not synced here: ``make_durable`` syncs a whole batch before its rows commit.
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return Staged(source, temp, digest.hexdigest(), size)


def make_durable(kept: list[Path], folder: Path) -> None:
    """The kept copies' bytes and names on disk before the rows naming them are committed:
    one sync for the batch where the system has it, else each file."""
    if hasattr(os, "sync"):
        os.sync()
    else:  # pragma: no cover - Windows
        for path in kept:
            with contextlib.suppress(OSError), open(path, "rb+") as handle:
                os.fsync(handle.fileno())
    fsync_dir(folder)


def discard(staged: Staged) -> None:
    with contextlib.suppress(OSError):
        staged.temp.unlink()


def prepare(staged: Staged, kept: Path) -> Prepared:
    """Verify the staged copy; on success it becomes ``kept`` (read-only).

    Raises Refusal naming what is wrong; the staged copy is removed then."""
    try:
        try:
            report, view = check_bundle(staged.temp)
        except InputError as exc:
            raise Refusal(_plain(exc)) from None
        manifest = report.manifest
        school = _mapping(manifest.get("school"))
        template = _mapping(manifest.get("template"))
        who = (
            str(school.get("code", ""))[:20],
            str(school.get("name", ""))[:80],
            str(template.get("id", ""))[:64],
            str(manifest.get("period", ""))[:32],
        )
        if report.problems or view is None:
            raise Refusal(_problems(report.problems), *who)
        _check_identity(view, who)
        template_sha, content = _canonical(view.template)
        exported = str(manifest.get("generated_at") or "")[:40]
        _keep(staged.temp, kept)
    except BaseException:
        discard(staged)
        raise
    return Prepared(
        staged.source, staged.sha256, staged.size, kept, view, report, seal_of(report),
        template_sha, content, exported,
    )  # fmt: skip


_canonical_cache: dict[int, tuple[Template, str, str]] = {}


def _canonical(template: Template) -> tuple[str, str]:
    """SHA-256 and canonical JSON of a snapshot; the parsed snapshots are shared between
    bundles (``formats.template_cache``), so each is serialised once."""
    known = _canonical_cache.get(id(template))
    if known is not None and known[0] is template:
        return known[1], known[2]
    content = canonical_json(template_to_dict(template))
    sha = hashlib.sha256(content).hexdigest()
    if len(_canonical_cache) >= 64:
        _canonical_cache.clear()
    _canonical_cache[id(template)] = (template, sha, content.decode("utf-8"))
    return sha, content.decode("utf-8")


def _mapping(raw: object) -> dict[str, Any]:
    return raw if isinstance(raw, dict) else {}


def _check_identity(view: AssessmentView, who: tuple[str, str, str, str]) -> None:
    if view.status is not Status.FINALIZED or view.signoff is None:
        raise Refusal("这是草稿数据包（尚未定稿，没有指纹）；请学校定稿后重新导出", *who)
    problem = school_code_problem(view.school.code)
    if problem is not None or view.school.code != view.school.code.strip():
        raise Refusal(f"{problem or '学校标识码有多余的空格'}；无法确定是哪所学校", *who)
    if not view.school.name.strip():
        raise Refusal("数据包中没有学校名称", *who)
    if not view.period.strip() or len(view.period) > 32:
        raise Refusal("数据包中的自评周期为空或过长", *who)


def _keep(temp: Path, kept: Path) -> None:
    """Give the verified copy its final name, read-only (a copy already there is the same
    bytes: its name is their SHA-256)."""
    if kept.exists():
        temp.unlink()
        return
    os.chmod(temp, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    os.replace(temp, kept)


def _plain(exc: InputError) -> str:
    return "；".join(p.message for p in exc.problems[:3]) or "不是有效的 wjself 数据包"


def _problems(problems: tuple[str, ...]) -> str:
    shown = "；".join(problems[:3])
    more = f"（另有 {len(problems) - 3} 处问题）" if len(problems) > 3 else ""
    return f"核验未通过：{shown}{more}" if shown else "核验未通过"
