"""Assessment bundles (``.wjsa``): one assessment with its evidence, for the bureau.

A bundle is a zip holding ``manifest.json`` (format, wjself version, school, template id and
version, period, status, sign-off, fingerprint with its scheme and the hash of each part, the
score, generation time, and the SHA-256 and size of every other file), ``template.json`` (the
snapshot), ``answers.json``, ``rectifications.json``, ``narrative.json`` (the written
自查报告; absent in bundles made before it, which reads as empty) and ``evidence/<sha256>``
files.

Format 3 adds ``signature.json``: the school installation's Ed25519 signature over the exact
bytes of the manifest (``formats.bundle_sign``); whether the key is the school's own is for
the receiver's pins to say.

``verify_bundle`` trusts nothing in the manifest it cannot check: every file against its
hash, the fingerprint recomputed from the content in the recorded scheme (scheme 2 covers the
school profile the manifest carries, scheme 3 the narrative too), the score recomputed from the bundle's own template
snapshot, answers and profile against the score the manifest claims, and the template named
in the manifest against ``template.json``.  The times (created, updated, generated) and the
wjself version are information only and are not shown as checked.  Format 1 bundles (wjself
1.0) carry a scheme 1 fingerprint and no score: they verify as what they are, and the report
says that their school profile could not be checked.  ``read_bundle`` gives the assessment
back as an ``AssessmentView`` for read-only import.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import IO, Any, BinaryIO

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from wjself import __version__
from wjself.atomic import write_output
from wjself.core.assessment import (
    Answer,
    AssessmentView,
    Evidence,
    Status,
)
from wjself.core.assessment_json import answer_fields, rectification_dict
from wjself.core.codec import template_from_dict, template_to_dict
from wjself.core.errors import EnvironmentFault, InputError, Problem
from wjself.core.fingerprint import (
    FINGERPRINT_VERSION,
    SCHEMES,
    SCHEMES_TEXT,
    assessment_content,
    assessment_fingerprint,
    changed_parts,
    content_parts,
)
from wjself.core.narrative import Narrative
from wjself.core.school import school_dict
from wjself.core.signing import UNSIGNED, SignatureCheck
from wjself.formats.bundle_score import check_score, score_dict
from wjself.formats.bundle_sign import bundle_signature, signature_entry, signature_problems
from wjself.formats.bundle_view import (
    BundleContent,
    fingerprint_scheme,
    narrative_from,
    view_of,
)
from wjself.formats.bundle_zip import SafeZip, deflate_is_safe, open_bundle
from wjself.formats.json_template import json_error_text
from wjself.formats.signature import SIGNATURE_ENTRY
from wjself.formats.template_cache import known_template, remember_template
from wjself.regular_files import open_regular

FORMAT = "wjself-assessment-bundle"
FORMAT_VERSION = 3  # 2: fingerprint scheme, its parts and the score; 3: signature.json
MANIFEST = "manifest.json"
TEMPLATE = "template.json"
ANSWERS = "answers.json"
RECTIFICATIONS = "rectifications.json"
NARRATIVE = "narrative.json"  # the written 自查报告; bundles before it have none (= empty)
EVIDENCE = "evidence/"
_CHUNK = 1024 * 1024


# ---------------------------------------------------------------- writing


def export_bundle(
    view: AssessmentView,
    target: str | os.PathLike[str],
    *,
    generated_at: dt.datetime | None = None,
    signing_key: Ed25519PrivateKey | None = None,
) -> dict[str, Any]:
    """Write ``view`` and its evidence to ``target`` atomically; returns the manifest.

    With ``signing_key`` (the installation's key) the manifest is signed in ``signature.json``.

    Evidence is read from each ``Evidence.path`` and checked against its recorded SHA-256 and
    size; a missing or changed file is an ``EnvironmentFault`` and nothing is written.
    """
    when = generated_at or dt.datetime.now().astimezone()
    documents = {
        TEMPLATE: _json_bytes(template_to_dict(view.template)),
        ANSWERS: _json_bytes({"answers": [_answer_dict(a) for a in view.answers.values()]}),
        RECTIFICATIONS: _json_bytes(
            {"rectifications": [rectification_dict(r) for r in view.rectifications]}
        ),
        NARRATIVE: _json_bytes({"narrative": view.narrative.as_dict()}),
    }
    evidence = {e.sha256: e for a in view.answers.values() for e in a.evidence}
    files = {
        name: _entry(hashlib.sha256(data).hexdigest(), len(data))
        for name, data in documents.items()
    }
    for sha, e in sorted(evidence.items()):
        files[EVIDENCE + sha] = _entry(sha, e.size)
    manifest = _manifest(view, when, files)
    stamp = when.timetuple()[:6]
    manifest_bytes = _json_bytes(manifest)
    head = [(MANIFEST, manifest_bytes)]
    if signing_key is not None:
        head.append((SIGNATURE_ENTRY, signature_entry(signing_key, manifest_bytes, view.school)))

    def produce(handle: BinaryIO) -> None:
        with zipfile.ZipFile(handle, "w", allowZip64=True) as zf:
            for name, data in [*head, *documents.items()]:
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.compress_type = (
                    zipfile.ZIP_DEFLATED if deflate_is_safe(data) else zipfile.ZIP_STORED
                )
                zf.writestr(info, data)
            for sha, e in sorted(evidence.items()):
                info = zipfile.ZipInfo(EVIDENCE + sha, date_time=stamp)
                info.compress_type = zipfile.ZIP_STORED  # photos and PDFs are compressed already
                info.file_size = e.size
                with zf.open(info, "w", force_zip64=e.size > 2**31) as out:
                    _copy_checked(e, out)

    write_output(target, produce, "数据包")
    return manifest


def _copy_checked(e: Evidence, out: IO[bytes]) -> None:
    digest = hashlib.sha256()
    size = 0
    try:
        # Only an ordinary file, and never more than the recorded size: a path naming a FIFO
        # or /dev/zero must not hang the export or fill the disk.
        with open_regular(e.path) as source:
            while size <= e.size and (chunk := source.read(min(_CHUNK, e.size + 1 - size))):
                digest.update(chunk)
                size += len(chunk)
                if size <= e.size:
                    out.write(chunk)
    except OSError as exc:
        raise EnvironmentFault(
            f"无法读取佐证文件“{e.name}”（{e.path}）：{exc.strerror or exc}。请检查数据文件夹是否完整。"
        ) from exc
    if digest.hexdigest() != e.sha256 or size != e.size:
        raise EnvironmentFault(
            f"佐证文件“{e.name}”（{e.path}）与记录不符（SHA-256 或大小已变），可能已损坏；未导出数据包。"
        )


def _entry(sha: str, size: int) -> dict[str, Any]:
    return {"sha256": sha, "size": size}


def _json_bytes(data: Any) -> bytes:
    try:
        return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: JSON's \u escapes keep it, UTF-8 cannot
        return json.dumps(data, ensure_ascii=True, indent=1).encode("ascii")


def _manifest(view: AssessmentView, when: dt.datetime, files: dict[str, Any]) -> dict[str, Any]:
    s = view.school
    signoff = view.signoff
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "wjself_version": __version__,
        "generated_at": when.isoformat(timespec="seconds"),
        "school": school_dict(s),
        "template": {
            "id": view.template.id,
            "version": view.template.version,
            "title": view.template.title,
        },
        "period": view.period,
        "status": view.status.value,
        "created_at": view.created_at.isoformat(),
        "updated_at": view.updated_at.isoformat(),
        "upgraded_from": view.upgraded_from,
        "signoff": None
        if signoff is None
        else {
            "filled_by": signoff.filled_by,
            "reviewed_by": signoff.reviewed_by,
            "finalized_at": signoff.finalized_at.isoformat(),
        },
        "fingerprint": signoff.fingerprint if view.finalized and signoff else None,
        "fingerprint_scheme": signoff.scheme if view.finalized and signoff else FINGERPRINT_VERSION,
        "fingerprint_parts": content_parts(assessment_content(view)),
        "score": score_dict(view.score()),
        "files": files,
    }


def _answer_dict(a: Answer) -> dict[str, Any]:
    return {
        "code": a.code,
        "value": a.value,
        **answer_fields(a),
        "evidence": [
            {
                "sha256": e.sha256,
                "name": e.name,
                "size": e.size,
                "media_type": e.media_type,
                "added_at": e.added_at.isoformat(),
            }
            for e in a.evidence
        ],
    }


# ---------------------------------------------------------------- verifying


@dataclass(frozen=True, slots=True)
class BundleReport:
    """What ``verify_bundle`` found: the recorded and recomputed fingerprints and every problem."""

    path: str
    manifest: Mapping[str, Any]
    recorded: str | None  # the manifest's fingerprint (None for drafts)
    computed: str | None  # from the content (None when the content cannot be read)
    files_checked: int
    problems: tuple[str, ...]
    notes: tuple[str, ...] = ()  # what could not be checked (an older fingerprint scheme)
    signature: SignatureCheck = UNSIGNED

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def finalized(self) -> bool:
        return self.manifest.get("status") == Status.FINALIZED.value

    def lines(self) -> list[str]:
        """The report as lines for people (the CLI prints these)."""
        m = self.manifest
        school = m.get("school", {})
        template = m.get("template", {})
        out = [
            f"数据包：{self.path}",
            f"学校：{school.get('name', '')}（{school.get('code', '')}）",
            f"检查表：{template.get('title', '')}（{template.get('id', '')} 版本 {template.get('version', '')}）",
            f"周期：{m.get('period', '')}　状态：{'已定稿' if self.finalized else '草稿'}",
            f"已核对文件：{self.files_checked} 个",
        ]
        if self.finalized:
            out.append(f"指纹：{self.recorded}")
        else:
            now = self.computed or "无法计算"
            out.append(f"指纹：草稿无指纹（按当前内容计算为 {now}，仅供参考）")
        out.append(f"签名：{self.signature.describe()}")
        out += [f"说明：{n}" for n in self.notes]
        if self.ok:
            out.append(
                "结论：全部文件完整，指纹一致。" if self.finalized else "结论：全部文件完整。"
            )
        else:
            out.append(f"结论：发现 {len(self.problems)} 处问题：")
            out += [f"  - {p}" for p in self.problems]
        return out


def verify_bundle(path: str | os.PathLike[str]) -> BundleReport:
    """Check every file's hash and size, missing and extra files, and the fingerprint.

    Raises InputError for a file that is not a safe, readable bundle; returns a report (with
    ``problems``) for a bundle whose content does not match its manifest.
    """
    bundle = open_bundle(Path(path))
    try:
        report, _ = _verify(bundle, str(path))
        return report
    finally:
        bundle.close()


def _verify(bundle: SafeZip, where: str) -> tuple[BundleReport, BundleContent]:
    manifest = _load_manifest(bundle)
    problems: list[str] = []
    listed: dict[str, Any] = manifest["files"]
    checked = 0
    for name, expected in listed.items():
        if name not in bundle.files:
            problems.append(f"缺少文件 {name}")
            continue
        actual_size = bundle.files[name].file_size
        if actual_size != expected.get("size"):
            problems.append(
                f"{name} 大小不符：清单记录 {expected.get('size')} 字节，实际 {actual_size} 字节"
            )
            continue
        digest = _sha256(bundle, name, problems)
        checked += 1
        if digest is not None and digest != expected.get("sha256"):
            problems.append(
                f"{name} 的 SHA-256 不符：清单记录 {expected.get('sha256')}，实际 {digest}"
            )
    for name in sorted(set(bundle.files) - set(listed) - {MANIFEST, SIGNATURE_ENTRY}):
        problems.append(f"多出文件 {name}（清单中没有）")
    content = _read_content(bundle, manifest, problems)
    problems += _cross_check(content)
    scheme = fingerprint_scheme(manifest)
    computed = None
    view = None
    if content.template is not None and content.readable:
        try:
            view = view_of(content, with_files=None)
            computed = assessment_fingerprint(view)
        except InputError as exc:
            problems.append(f"无法根据内容计算指纹：{exc}")
        except (ValueError, TypeError, KeyError, AttributeError):
            problems.append(
                "无法根据内容计算指纹：数据包中有字段的类型不对（不是 wjself 写出的内容）"
            )
            view = None
    recorded = manifest.get("fingerprint")
    if manifest.get("status") == Status.FINALIZED.value:
        if not recorded:
            problems.append("已定稿的数据包缺少指纹")
        elif computed is not None and computed != recorded:
            problems.append(
                f"指纹不符：清单记录 {recorded}，按内容计算为 {computed}；内容在定稿后被改动过"
                + changed_parts(manifest.get("fingerprint_parts"), view)
            )
    if view is not None:
        problems += check_score(manifest, view)
    notes: tuple[str, ...] = ()
    if scheme == 1 and manifest.get("status") == Status.FINALIZED.value:
        notes = (
            "指纹方案 1（wjself 1.0 定稿）：学校的学段、所属镇街和办学条件不在指纹内，"
            "数据包中的这些信息及按其计算的得分无法核对",
        )
    signature = bundle_signature(bundle)
    problems += signature_problems(signature, manifest)
    report = BundleReport(
        where,
        MappingProxyType(manifest),
        recorded,
        computed,
        checked,
        tuple(problems),
        notes,
        signature,
    )
    return report, content


def _cross_check(content: BundleContent) -> list[str]:
    """Content that disagrees with itself: evidence not in the bundle, another template."""
    problems = []
    listed = content.manifest["files"]
    for row in content.answers:
        for e in row.get("evidence", []) if isinstance(row.get("evidence"), list) else []:
            sha = str(e.get("sha256", "")) if isinstance(e, dict) else ""
            if EVIDENCE + sha not in listed:
                problems.append(
                    f"答案 {row.get('code')} 的佐证“{e.get('name') if isinstance(e, dict) else ''}”（{sha}）不在数据包中"
                )
            elif isinstance(e, dict) and e.get("size") != listed[EVIDENCE + sha].get("size"):
                problems.append(
                    f"答案 {row.get('code')} 的佐证“{e.get('name')}”记录的大小 {str(e.get('size'))[:20]} "
                    f"与文件 {EVIDENCE + sha} 的大小不一致"
                )
    status = content.manifest.get("status")
    if status not in (Status.DRAFT.value, Status.FINALIZED.value):
        problems.append(f"清单中的状态“{str(status)[:20]}”无效，应为 draft 或 finalized")
    elif status == Status.DRAFT.value and (
        content.manifest.get("fingerprint") or content.manifest.get("signoff")
    ):
        problems.append("清单标为草稿，却带有定稿的指纹或签章；状态可能被改动过")
    t = content.template
    declared = content.manifest.get("template") or {}
    if t is not None and (declared.get("id"), declared.get("version")) != (t.id, t.version):
        problems.append(
            f"清单记录的模板 {declared.get('id')}@{declared.get('version')} 与 template.json 中的 {t.id}@{t.version} 不一致"
        )
    elif t is not None and declared.get("title") != t.title:
        problems.append(
            f"清单记录的检查表名称“{str(declared.get('title'))[:60]}”与 template.json 中的“{t.title}”不一致"
        )
    return problems


def _sha256(bundle: SafeZip, name: str, problems: list[str]) -> str | None:
    info = bundle.files[name]
    digest = hashlib.sha256()
    try:
        with bundle.zf.open(info) as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        problems.append(f"{name} 已损坏，无法解压（{type(exc).__name__}）")
        return None
    return digest.hexdigest()


def _load_manifest(bundle: SafeZip) -> dict[str, Any]:
    where = bundle.where(MANIFEST)
    if MANIFEST not in bundle.files:
        raise InputError(
            [Problem("不是 wjself 数据包：缺少 manifest.json", str(bundle.zf.filename))]
        )
    manifest = _json(bundle, MANIFEST)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise InputError([Problem(f"不是 wjself 数据包：format 应为“{FORMAT}”", where)])
    version = manifest.get("format_version")
    if (
        isinstance(version, bool)
        or not isinstance(version, int)
        or not 1 <= version <= FORMAT_VERSION
    ):
        raise InputError(
            [
                Problem(
                    f"数据包格式版本 {version!r} 不受支持（本程序读取版本 {FORMAT_VERSION}）；请升级 wjself",
                    where,
                )
            ]
        )
    files = manifest.get("files")
    if not isinstance(files, dict) or not all(
        isinstance(k, str) and isinstance(v, dict) for k, v in files.items()
    ):
        raise InputError([Problem("清单缺少 files（文件及其 SHA-256 列表）", where)])
    if version >= 2:
        scheme = manifest.get("fingerprint_scheme")
        if isinstance(scheme, bool) or not isinstance(scheme, int) or scheme not in SCHEMES:
            raise InputError(
                [
                    Problem(
                        f"指纹方案 {str(scheme)[:20]} 不受支持（本程序认识方案 {SCHEMES_TEXT}）；请升级 wjself",
                        where,
                        field="fingerprint_scheme",
                    )
                ]
            )
    return manifest


def _json(bundle: SafeZip, name: str) -> Any:
    data = bundle.read(name)
    try:
        return json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(
            [Problem(f"不是 UTF-8 编码（第 {exc.start} 字节）", bundle.where(name))]
        ) from exc
    except json.JSONDecodeError as exc:
        raise InputError(
            [
                Problem(
                    f"不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列：{json_error_text(exc.msg)}",
                    bundle.where(name),
                )
            ]
        ) from exc
    except RecursionError:
        raise InputError(
            [Problem("JSON 嵌套过深，不是 wjself 写出的文件", bundle.where(name))]
        ) from None


def _read_content(bundle: SafeZip, manifest: dict[str, Any], problems: list[str]) -> BundleContent:
    template = None
    answers: list[dict[str, Any]] = []
    rects: list[dict[str, Any]] = []
    before = len(problems)
    for name in (TEMPLATE, ANSWERS, RECTIFICATIONS):
        if name not in bundle.files:
            if name not in manifest["files"]:
                problems.append(f"缺少文件 {name}")
            continue
        try:
            if name == TEMPLATE and (template := known_template(bundle.read(name))) is not None:
                continue
            data = _json(bundle, name)
        except InputError as exc:
            problems.append(f"{name} 无法读取：{exc}")
            continue
        if name == TEMPLATE:
            template, found = template_from_dict(data, TEMPLATE)
            if found:
                problems.append(f"template.json 不是有效的模板：{found[0]}")
                template = None
            else:
                remember_template(bundle.read(name), template)
        elif name == ANSWERS:
            answers = _list_of(data, "answers", name, problems)
        else:
            rects = _list_of(data, "rectifications", name, problems)
    narrative = _narrative(bundle, problems)
    missing = any(name not in bundle.files for name in (TEMPLATE, ANSWERS, RECTIFICATIONS))
    return BundleContent(
        manifest, template, answers, rects, len(problems) == before and not missing, narrative
    )


def _narrative(bundle: SafeZip, problems: list[str]) -> Narrative:
    if NARRATIVE not in bundle.files:
        return Narrative()  # a bundle made before the narrative: nothing written
    try:
        return narrative_from(_json(bundle, NARRATIVE), NARRATIVE, problems)
    except InputError as exc:
        problems.append(f"{NARRATIVE} 无法读取：{exc}")
        return Narrative()


def _list_of(data: Any, key: str, name: str, problems: list[str]) -> list[dict[str, Any]]:
    rows = data.get(key) if isinstance(data, dict) else None
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        problems.append(f'{name} 格式不对：应为 {{"{key}": [...]}}')
        return []
    return rows


# ---------------------------------------------------------------- reading


def read_bundle(
    path: str | os.PathLike[str], *, evidence_dir: str | os.PathLike[str] | None = None
) -> AssessmentView:
    """The assessment in a verified bundle, for read-only import.

    Refuses (InputError listing every problem) a bundle that does not verify.  With
    ``evidence_dir`` the evidence files are unpacked there, named by SHA-256, and each
    ``Evidence.path`` points at its copy; without it ``Evidence.path`` is empty.
    """
    bundle = open_bundle(Path(path))
    try:
        report, content = _verify(bundle, str(path))
        if report.problems:
            raise InputError([Problem(p, str(path)) for p in report.problems])
        files = None
        if evidence_dir is not None:
            files = dict(_unpack(bundle, Path(evidence_dir)))
        try:
            return view_of(content, with_files=files)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InputError(
                [
                    Problem(
                        "数据包内容无法读取：有字段的类型不对（不是 wjself 写出的内容）", str(path)
                    )
                ]
            ) from exc
    finally:
        bundle.close()


def _unpack(bundle: SafeZip, folder: Path) -> Iterator[tuple[str, str]]:
    folder.mkdir(parents=True, exist_ok=True)
    for name in bundle.files:
        if not name.startswith(EVIDENCE):
            continue
        sha = name[len(EVIDENCE) :]
        target = folder / sha
        if not target.exists():
            write_output(target, functools.partial(_stream, bundle, name), "佐证文件")
        yield sha, str(target)


def _stream(bundle: SafeZip, name: str, out: BinaryIO) -> None:
    """Copy one entry out; the sizes were checked when the bundle was opened."""
    with bundle.zf.open(bundle.files[name]) as handle:
        while chunk := handle.read(_CHUNK):
            out.write(chunk)
