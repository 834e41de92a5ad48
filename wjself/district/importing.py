"""Receiving bundles: verify each one (hashes, fingerprint, score, signature), keep it
read-only under ``bundles/<sha256>.wjsa``, and record it; one bad file never stops the rest.

Files are prepared one by one outside the database (copy, hash, verify, score) and recorded
in batches of ``BATCH`` per write transaction, so memory stays flat whatever the number of
files and a batch costs one commit.  Judging the key and pinning it happen inside the
transaction, file by file, so two bundles of a new school in one batch see the same pin.

Decisions: a draft bundle is refused (only finalized assessments are compared); an unsigned
bundle from a school with no key on record is accepted and flagged "未签名", but refused once
the school's key is known (a stripped signature is how a re-fingerprinted bundle would look).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from wjself.core.errors import InputError
from wjself.district.model import ImportLine, ImportSummary
from wjself.district.prepare import Prepared, Refusal, discard, make_durable, prepare, stage
from wjself.district.recording import record
from wjself.district.signing import judge, pin_first
from wjself.district.workspace import DistrictWorkspace
from wjself.store.received import ReceivedRecord

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]  # (done, total, file name)
Cancel = Callable[[], bool]
BATCH = 50
SUFFIX = ".wjsa"


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and for each folder the ``*.wjsa`` files in it and below, sorted."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.rglob(f"*{SUFFIX}") if p.is_file())
        else:
            out.append(path)
    return out


@dataclass
class _Already:
    source: Path
    received_id: int


def import_bundles(
    dws: DistrictWorkspace,
    paths: Iterable[Path],
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ImportSummary:
    """Import the ``.wjsa`` files of ``paths`` (a folder stands for the ``*.wjsa`` in it)."""
    files = expand(paths)
    summary = ImportSummary()
    batch: list[Prepared | _Already] = []
    cancelled = False
    with dws.read() as s:  # a few hundred kilobytes for a district; saves a query per file
        known = set(s.scalars(select(ReceivedRecord.sha256)))
    for done, source in enumerate(files):
        if cancel is not None and cancel():
            cancelled = True
            break
        if progress is not None:
            progress(done, len(files), source.name)
        item = _prepare_one(dws, source, summary, known)
        if item is not None:
            batch.append(item)
        if len(batch) >= BATCH:
            _record_batch(dws, batch, summary)
            batch = []
    if batch:
        _record_batch(dws, batch, summary)
    if progress is not None and not cancelled:
        progress(len(files), len(files), "")
    return ImportSummary(
        summary.accepted, summary.replaced, summary.refused, summary.already, cancelled
    )


def _prepare_one(
    dws: DistrictWorkspace, source: Path, summary: ImportSummary, known: set[str]
) -> Prepared | _Already | None:
    try:
        staged = stage(source, dws.bundles)
    except Refusal as exc:
        summary.refused.append(_refused(source, exc))
        return None
    except InputError as exc:
        reason = "；".join(p.message for p in exc.problems[:2]) or "无法读取"
        summary.refused.append(ImportLine(source, "", "", "", "", None, reason))
        return None
    received_id = _received_id(dws, staged.sha256) if staged.sha256 in known else None
    if received_id is not None:
        discard(staged)
        return _Already(source, received_id)
    try:
        return prepare(staged, dws.bundles / f"{staged.sha256}{SUFFIX}")
    except Refusal as exc:
        summary.refused.append(_refused(source, exc))
        return None


def _received_id(dws: DistrictWorkspace, sha256: str) -> int | None:
    with dws.read() as s:
        return _id_of(s, sha256)


def _id_of(s: Session, sha256: str) -> int | None:
    return s.scalar(select(ReceivedRecord.id).where(ReceivedRecord.sha256 == sha256))


def _record_batch(
    dws: DistrictWorkspace, batch: list[Prepared | _Already], summary: ImportSummary
) -> None:
    make_durable([p.kept for p in batch if isinstance(p, Prepared)], dws.bundles)
    orphans: list[Path] = []
    with dws.write() as s:
        for item in batch:
            if isinstance(item, _Already):
                summary.already.append(_already_line(s, item.source, item.received_id))
                continue
            line, kind = _record_one(s, item, dws.operator)
            {"refused": summary.refused, "replaced": summary.replaced}.get(
                kind, summary.accepted
            ).append(line)
            if kind == "refused" and _id_of(s, item.sha256) is None:
                orphans.append(item.kept)
    for kept in orphans:  # refused once its key was judged: not kept
        with contextlib.suppress(OSError):
            kept.unlink()


def _record_one(s: Session, p: Prepared, who: str) -> tuple[ImportLine, str]:
    school = p.view.school
    line = ImportLine(
        p.source, school.code, school.name, p.view.template.id, p.view.period, None,
        key_id=p.seal.key_id,
    )  # fmt: skip
    known = _id_of(s, p.sha256)  # the same file twice in one batch
    if known is not None:
        return _already_line(s, p.source, known), "already"
    verdict = judge(s, school.code, p.seal)
    pinned = "、".join(verdict.pinned)
    if verdict.trust == "invalid":
        reason = f"签名无效：{verdict.message or p.seal.message or '签名与内容不符'}"
        return _with(line, reason), "refused"
    if verdict.trust == "other-key":
        reason = (
            f"签名密钥不符：该校登记的密钥是 {pinned}，这份数据包由另一把密钥 {p.seal.key_id} 签名；"
            "如学校确实更换了密钥，请电话核实后登记新密钥再导入"
        )
        return _with(line, reason), "refused"
    note = ""
    if verdict.trust == "unsigned":
        if verdict.pinned:
            reason = f"没有签名：该校此前的数据包由密钥 {pinned} 签名，这份没有签名，可能被改动过"
            return _with(line, reason), "refused"
        note = "未签名"
    elif verdict.trust == "first-seen":
        pin_first(s, school.code, school.name, p.seal)
        note = f"首次收到该校的签名密钥 {p.seal.key_id}，请电话与学校核对"
    received_id, kind = record(s, p, trust=verdict.trust, note=note, who=who)
    if kind == "history":
        note = "；".join(x for x in (note, "不比现有的一份新，已存入历史") if x)
    line = ImportLine(
        line.path, line.school_code, line.school_name, line.template_id, line.period,
        received_id, note, line.key_id,
    )  # fmt: skip
    return line, "replaced" if kind == "replaced" else "accepted"


def _with(line: ImportLine, reason: str) -> ImportLine:
    return ImportLine(
        line.path, line.school_code, line.school_name, line.template_id, line.period, None,
        reason, line.key_id,
    )  # fmt: skip


def _already_line(s: Session, source: Path, received_id: int) -> ImportLine:
    r = s.get(ReceivedRecord, received_id)
    assert r is not None
    return ImportLine(
        source, r.school_code, r.school_name, r.template_id, r.period, received_id,
        f"已导入（编号 {received_id}），未重复导入",
    )  # fmt: skip


def _refused(source: Path, exc: Refusal) -> ImportLine:
    return ImportLine(
        source, exc.school_code, exc.school_name, exc.template_id, exc.period, None, exc.reason
    )
