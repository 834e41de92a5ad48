"""This installation's signing key, and the keys it trusts as other people's.

The key pair is made the first time a data folder is opened and kept in ``DATA/keys``:
``signing.key`` (PKCS8 PEM, readable by the owner only) and ``signing.pub`` (JSON: key id,
base64 public key, when it was made).  It goes into backups with the database; losing it is
recoverable (a new key is made; the bureau re-pins the school after a phone check).

Trust is pinning (table ``trusted_keys``): the bureau pins a school code's key at its first
bundle or from a key list; a school pins the bureau's key (``school_code`` "") with its first
signed template.  ``judge`` says what a checked signature means against those pins; the caller
pins on ``first-seen`` and flags or refuses ``other-key``.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime as dt
import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_pem_private_key,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from wjself.atomic import fsync_dir, write_bytes
from wjself.core.errors import EnvironmentFault, InputError, Problem
from wjself.core.signing import PUBLIC_KEY_BYTES, ROLES, SignatureCheck, key_id, owner_words
from wjself.paths import DataPaths
from wjself.regular_files import read_regular
from wjself.store.common import Service, clean_text
from wjself.store.db import now, now_in
from wjself.store.models import TrustedKeyRecord

KEYS_FOLDER = "keys"
PRIVATE_FILE = "signing.key"
PUBLIC_FILE = "signing.pub"
# A PKCS8 PEM Ed25519 key is 119 bytes; a few KB bounds what a damaged or planted file costs.
MAX_KEY_FILE = 4096
SOURCES = ("first-bundle", "first-template", "first-review", "key-list", "manual", "replaced")
REPLACED = "replaced"
MAX_PIN_NOTE = 1000

TrustStatus = Literal["pinned-match", "first-seen", "other-key", "unsigned", "invalid"]


@dataclass(frozen=True, slots=True)
class KeyPair:
    """This installation's key: the private half, the 32 raw public bytes, its id and when made."""

    private_key: Ed25519PrivateKey
    public_key: bytes
    key_id: str
    created: dt.datetime | None
    path: Path  # the private key file

    @property
    def public_b64(self) -> str:
        return base64.b64encode(self.public_key).decode("ascii")


@dataclass(frozen=True, slots=True)
class TrustedKey:
    """A pinned key: whose (``role``, ``school_code``), which, when, how (``source``)."""

    id: int
    role: str
    school_code: str
    key_id: str
    public_key: bytes
    pinned_at: dt.datetime
    source: str
    note: str

    @property
    def current(self) -> bool:
        """Still trusted (not replaced by a newer key)."""
        return self.source != REPLACED


@dataclass(frozen=True, slots=True)
class Trust:
    """What a signature means for its claimed owner: ``status``, the signing key's id, the
    current pins for that owner, and a Chinese message."""

    status: TrustStatus
    key_id: str
    pinned: tuple[TrustedKey, ...]
    message: str


# ---------------------------------------------------------------- the installation's key


def key_folder(data_dir: Path) -> Path:
    return data_dir / KEYS_FOLDER


def installation_key(data_dir: Path) -> KeyPair:
    """The data folder's key pair, made (once, even with two processes starting together)
    when there is none yet.

    A key file that is not a readable Ed25519 PEM key raises EnvironmentFault and is left as
    it is: it may be the only copy of a damaged key that a backup can restore.
    """
    folder = key_folder(data_dir)
    private = folder / PRIVATE_FILE
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not os.path.lexists(private):
            _create_private(private)
        key = load_private_key(private)
    except OSError as exc:
        raise EnvironmentFault(
            f"无法读写签名密钥 {private}：{exc.strerror or exc}。请检查数据文件夹的权限"
        ) from None
    raw = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    created = _ensure_public_file(folder / PUBLIC_FILE, raw, private)
    return KeyPair(key, raw, key_id(raw), created, private)


def private_pem(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())


def parse_private_key(data: bytes, where: str) -> Ed25519PrivateKey:
    """``data`` as an Ed25519 PEM private key; EnvironmentFault naming ``where`` otherwise."""
    problem = f"签名密钥文件 {where} 已损坏或不是 wjself 的密钥"
    if len(data) > MAX_KEY_FILE:
        raise EnvironmentFault(f"{problem}（文件过大）。请从备份恢复，或移走它以生成新密钥")
    try:
        key = load_pem_private_key(data, password=None)
    except (ValueError, TypeError):
        raise EnvironmentFault(f"{problem}。请从备份恢复，或移走它以生成新密钥") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise EnvironmentFault(f"{problem}（不是 Ed25519 密钥）。请从备份恢复，或移走它")
    return key


def load_private_key(path: Path) -> Ed25519PrivateKey:
    """The key in ``path`` (an ordinary file, not a link; at most a few KB)."""
    try:
        data = read_regular(path, MAX_KEY_FILE)
    except OSError as exc:
        raise EnvironmentFault(
            f"签名密钥文件 {path} 无法读取（{exc.strerror or exc}）。"
            "请从备份恢复，或移走它以生成新密钥"
        ) from None
    return parse_private_key(data, str(path))


def _create_private(target: Path) -> None:
    # Written to a private temp file, then linked into place: a link fails if another process
    # made the key meanwhile, so both end up using the same one.
    fd, tmp_name = tempfile.mkstemp(prefix=".signing.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(private_pem(Ed25519PrivateKey.generate()))
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(tmp_name, target)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
    fsync_dir(target.parent)


def public_file_bytes(raw: bytes, created: dt.datetime) -> bytes:
    body = {
        "scheme": "ed25519",
        "key_id": key_id(raw),
        "public_key": base64.b64encode(raw).decode("ascii"),
        "created": created.isoformat(),
    }
    return (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _ensure_public_file(target: Path, raw: bytes, private: Path) -> dt.datetime | None:
    """``signing.pub`` matching the private key, rewritten when missing or stale; its date."""
    with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
        body = json.loads(read_regular(target, MAX_KEY_FILE))
        if body["public_key"] == base64.b64encode(raw).decode("ascii"):
            created = dt.datetime.fromisoformat(body["created"])
            if created.tzinfo is not None:
                return created
    try:
        made = dt.datetime.fromtimestamp(private.stat().st_mtime).astimezone()
    except OSError:
        made = now()
    made = made.replace(microsecond=0)
    try:
        write_bytes(target, public_file_bytes(raw, made))
    except OSError:
        return made  # the public file is a convenience; the private key is what counts
    return made


def put_back_key(paths: DataPaths, data: bytes) -> str | None:
    """Make ``data`` (a restored backup's key file, already parsed by ``parse_private_key``)
    the installation key again: the backup is the installation's year, bundles already sent
    were signed with it.  A different current key is never overwritten: it is kept beside as
    ``signing-before-restore-YYYYMMDD-HHMMSS.key``.  Returns what to tell the person, if
    anything changed."""
    current = paths.signing_key
    try:
        paths.keys.mkdir(mode=0o700, parents=True, exist_ok=True)
        aside = None
        if os.path.lexists(current):
            with contextlib.suppress(OSError):
                if read_regular(current, MAX_KEY_FILE) == data:
                    return None
            stamp = now().strftime("%Y%m%d-%H%M%S")
            aside = paths.keys / f"signing-before-restore-{stamp}.key"
            n = 1
            while os.path.lexists(aside):  # two restores within a second keep both keys
                n += 1
                aside = paths.keys / f"signing-before-restore-{stamp}-{n}.key"
            os.replace(current, aside)
        write_bytes(current, data, mode=0o600)
        with contextlib.suppress(FileNotFoundError):
            (paths.keys / PUBLIC_FILE).unlink()  # made again from the key at the next opening
    except OSError as exc:
        raise EnvironmentFault(
            f"数据已恢复，但备份中的签名密钥未能放回 {current}：{exc.strerror or exc}。"
            "请检查数据文件夹的权限后再恢复一次"
        ) from None
    kid = key_id(
        parse_private_key(data, str(current))
        .public_key()
        .public_bytes(Encoding.Raw, PublicFormat.Raw)
    )
    if aside is None:
        return f"签名密钥已从备份恢复（{kid}）"
    return f"签名密钥已恢复为备份中的密钥 {kid}；恢复前的密钥保存在 {aside}"


# ---------------------------------------------------------------- pins


def _to_trusted(record: TrustedKeyRecord) -> TrustedKey:
    return TrustedKey(
        id=record.id,
        role=record.role,
        school_code=record.school_code,
        key_id=record.key_id,
        public_key=base64.b64decode(record.public_key),
        pinned_at=record.pinned_at,
        source=record.source,
        note=record.note,
    )


def pinned_for(
    s: Session, role: str, school_code: str, *, include_replaced: bool = False
) -> list[TrustedKey]:
    """The keys pinned for (role, code), oldest first; replaced ones only when asked."""
    query = select(TrustedKeyRecord).where(
        TrustedKeyRecord.role == role, TrustedKeyRecord.school_code == school_code.strip()
    )
    if not include_replaced:
        query = query.where(TrustedKeyRecord.source != REPLACED)
    return [_to_trusted(r) for r in s.scalars(query.order_by(TrustedKeyRecord.id))]


def all_pins(s: Session) -> list[TrustedKey]:
    """Every pin, replaced ones included, by owner then age."""
    query = select(TrustedKeyRecord).order_by(
        TrustedKeyRecord.role, TrustedKeyRecord.school_code, TrustedKeyRecord.id
    )
    return [_to_trusted(r) for r in s.scalars(query)]


def pin(
    s: Session,
    role: str,
    school_code: str,
    public_key: bytes,
    source: str,
    note: str = "",
    *,
    replace: bool = False,
) -> TrustedKey:
    """Trust ``public_key`` as (role, code)'s.  The same key again changes nothing.  Another
    key already pinned for the owner is refused unless ``replace``: then the old pins are kept
    marked ``replaced`` and the new one is current."""
    code = school_code.strip()
    problems = _pin_problems(role, code, public_key, source)
    if problems:
        raise InputError(problems)
    current = pinned_for(s, role, code)
    for known in current:
        if known.public_key == public_key:
            return known
    kid = key_id(public_key)
    at = now_in(s)
    if current and not replace:
        ids = "、".join(k.key_id for k in current)
        raise InputError(
            [
                Problem(
                    f"{owner_words(role, code)} 已记录密钥 {ids}，与 {kid} 不同。"
                    "请先电话核对新密钥编号，确认后用“替换”（--replace）重新记录",
                    field="key_id",
                )
            ]
        )
    for known in current:
        record = s.get(TrustedKeyRecord, known.id)
        if record is not None:
            was = f"原来源 {record.source}；" if record.source != REPLACED else ""
            record.note = (
                (f"{record.note}；" if record.note else "")
                + f"{was}{at.date().isoformat()} 被密钥 {kid} 替换"
            )[-MAX_PIN_NOTE:]
            record.source = REPLACED
    record = TrustedKeyRecord(
        role=role,
        school_code=code,
        key_id=kid,
        public_key=base64.b64encode(public_key).decode("ascii"),
        pinned_at=at,
        source=source,
        note=clean_text(note, "备注", MAX_PIN_NOTE, "note"),
    )
    s.add(record)
    s.flush()
    return _to_trusted(record)


def _pin_problems(role: str, code: str, public_key: bytes, source: str) -> list[Problem]:
    problems: list[Problem] = []
    if role not in ROLES:
        problems.append(Problem(f"角色应为 {' 或 '.join(ROLES)}，不是 {role!r}", field="role"))
    if source not in SOURCES or source == REPLACED:
        problems.append(Problem(f"来源 {source!r} 不对", field="source"))
    if len(public_key) != PUBLIC_KEY_BYTES:
        problems.append(Problem(f"公钥应为 {PUBLIC_KEY_BYTES} 字节", field="public_key"))
    if role == "school" and not code:
        problems.append(Problem("记录学校密钥需要学校代码", field="code"))
    if len(code) > 40:
        problems.append(Problem("学校代码过长", field="code"))
    return problems


def trusted_key_problems(row: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(column, message) for every way a ``trusted_keys`` row of an untrusted database (a
    backup being restored) breaks the rules ``pin`` keeps."""
    out: list[tuple[str, str]] = []
    role, code, source = row.get("role"), row.get("school_code"), row.get("source")
    if role not in ROLES:
        out.append(("role", f"角色应为 school 或 bureau，不是 {str(role)[:20]!r}"))
    if source not in SOURCES:
        out.append(("source", f"来源 {str(source)[:20]!r} 不是已知的来源"))
    if not isinstance(code, str) or len(code) > 40 or (role == "school" and not code.strip()):
        out.append(("school_code", "学校代码缺失或过长"))
    raw = None
    with contextlib.suppress(binascii.Error, ValueError, TypeError, AttributeError):
        raw = base64.b64decode(str(row.get("public_key")).encode("ascii"), validate=True)
    if raw is None or len(raw) != PUBLIC_KEY_BYTES:
        out.append(("public_key", f"公钥应是 {PUBLIC_KEY_BYTES} 字节的 base64"))
    elif row.get("key_id") != key_id(raw):
        out.append(("key_id", "密钥编号与公钥不符"))
    note = row.get("note")
    if isinstance(note, str):
        try:
            clean_text(note, "备注", MAX_PIN_NOTE, "note")
        except InputError as exc:
            out.append(("note", exc.problems[0].message))
    return out


def judge(s: Session, role: str, school_code: str, check: SignatureCheck) -> Trust:
    """What ``check`` (a signature claiming to be (role, code)'s) means against the pins."""
    owner = owner_words(role, school_code.strip())
    current = tuple(pinned_for(s, role, school_code))
    if check.status == "absent":
        return Trust("unsigned", "", current, f"{owner}：未签名")
    if check.status != "valid" or check.public_key is None:
        return Trust("invalid", check.key_id, current, f"{owner}：{check.message}")
    kid = check.key_id
    if not current:
        return Trust("first-seen", kid, current, f"{owner} 首次出现，密钥 {kid}，请电话核对")
    if any(k.public_key == check.public_key for k in current):
        return Trust("pinned-match", kid, current, f"{owner} 的密钥 {kid} 与记录一致")
    ids = "、".join(k.key_id for k in current)
    return Trust(
        "other-key",
        kid,
        current,
        f"{owner} 已记录的密钥是 {ids}，而这份文件由另一把密钥 {kid} 签名。"
        "请电话核对；如对方确实换了密钥，核对后替换记录",
    )


class KeyService(Service):
    """``workspace.keys``: the pins, each call one transaction (see the module functions)."""

    def pin(
        self,
        role: str,
        school_code: str,
        public_key: bytes,
        source: str,
        note: str = "",
        *,
        replace: bool = False,
    ) -> TrustedKey:
        with self._db.write() as s:
            return pin(s, role, school_code, public_key, source, note, replace=replace)

    def pinned_for(
        self, role: str, school_code: str, *, include_replaced: bool = False
    ) -> list[TrustedKey]:
        with self._db.read() as s:
            return pinned_for(s, role, school_code, include_replaced=include_replaced)

    def all_pins(self) -> list[TrustedKey]:
        with self._db.read() as s:
            return all_pins(s)

    def judge(self, role: str, school_code: str, check: SignatureCheck) -> Trust:
        with self._db.read() as s:
            return judge(s, role, school_code, check)

    def pin_many(
        self, owners: Sequence[PinRequest], source: str, *, replace: bool = False
    ) -> list[PinOutcome]:
        """Pin every key of a list in one transaction: all of them, or (InputError listing
        every refusal, with its row) none."""
        outcomes: list[PinOutcome] = []
        problems: list[Problem] = []
        with self._db.write() as s:
            for request in owners:
                before = pinned_for(s, request.role, request.school_code)
                try:
                    pinned = pin(
                        s,
                        request.role,
                        request.school_code,
                        request.public_key,
                        source,
                        request.note,
                        replace=replace,
                    )
                except InputError as exc:
                    problems += [
                        Problem(p.message, request.where, row=request.row, field=p.field)
                        for p in exc.problems
                    ]
                    continue
                if any(k.id == pinned.id for k in before):
                    outcomes.append(PinOutcome(pinned, "same", ()))
                else:
                    outcomes.append(
                        PinOutcome(pinned, "replaced" if before else "new", tuple(before))
                    )
            if problems:
                raise InputError(problems)
        return outcomes


@dataclass(frozen=True, slots=True)
class PinRequest:
    """One key to pin, with where it was read (file, row) for messages."""

    role: str
    school_code: str
    public_key: bytes
    note: str = ""
    where: str = ""
    row: int | None = None


@dataclass(frozen=True, slots=True)
class PinOutcome:
    """What pinning did: ``new``, ``same`` (already pinned) or ``replaced`` (``earlier``)."""

    key: TrustedKey
    change: Literal["new", "same", "replaced"]
    earlier: tuple[TrustedKey, ...]
