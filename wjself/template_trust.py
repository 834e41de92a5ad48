"""Signed templates: the bureau signs a template file, a school checks the signature on import.

The bureau runs ``sign_template`` on a checklist file it publishes: ``FILE.sig`` is written
beside it with its installation key.  A school importing ``FILE`` (command line or window)
goes through ``import_template``: a valid signature from a bureau key not yet pinned pins it
(the person is told the key id to compare by phone); a signature by another key than the
pinned one is refused (``OtherBureauKey``) unless the person accepts the new key after a
phone check; an unsigned file is imported with a warning; a signature that does not match the
file is refused.  This module sits above the store and the file formats, like the command line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wjself.core.errors import InputError, Problem
from wjself.core.signing import SignatureCheck
from wjself.core.template import Limits, Template
from wjself.formats.signature import check_detached, sig_path, write_detached
from wjself.formats.templates import parse_template
from wjself.inputs import read_input_file
from wjself.store.keys import KeyPair, Trust, installation_key
from wjself.store.workspace import Workspace

BUREAU = "bureau"
BUREAU_CODE = ""  # a school trusts one bureau; its key is pinned without a code


class OtherBureauKey(InputError):
    """The template is signed by another key than the bureau key this installation pinned."""

    def __init__(self, problems: list[Problem], check: SignatureCheck, trust: Trust) -> None:
        super().__init__(problems)
        self.check = check
        self.trust = trust


@dataclass(frozen=True, slots=True)
class TemplateImport:
    """What importing a template file did: the template, whether it was new, its signature,
    what to tell the person (``lines``) and what to warn about (``warnings``), in Chinese."""

    template: Template
    new: bool
    signature: SignatureCheck
    lines: tuple[str, ...]
    warnings: tuple[str, ...]


def read_signed_template(path: Path) -> tuple[Template, SignatureCheck]:
    """The template in ``path`` and its detached signature checked over the same bytes."""
    data = read_input_file(path, Limits.FILE_BYTES, "模板文件")
    template, problems = parse_template(data, str(path), path.suffix.lower())
    if problems or template is None:
        raise InputError(problems or [Problem("无法读取模板", str(path))])
    return template, check_detached(path, data)


def import_template(ws: Workspace, path: Path, *, accept_key: bool = False) -> TemplateImport:
    """Install the template in ``path`` after checking its signature (see the module)."""
    template, check = read_signed_template(path)
    return install_signed(ws, path, template, check, accept_key=accept_key)


def install_signed(
    ws: Workspace,
    path: Path,
    template: Template,
    check: SignatureCheck,
    *,
    accept_key: bool = False,
) -> TemplateImport:
    """Install ``template`` read from ``path`` whose signature gave ``check``."""
    sig_name = str(sig_path(path))
    lines: list[str] = []
    warnings: list[str] = []
    trust: Trust | None = None
    if check.status in {"invalid", "malformed"}:
        raise InputError(
            [
                Problem(
                    f"签名无效：{check.message}。模板可能在签名后被改动过；"
                    "请向区教育局重新索取模板及其签名文件",
                    sig_name,
                )
            ]
        )
    if check.status == "valid" and check.role != BUREAU:
        raise InputError(
            [Problem("签名者不是区教育局；模板应由区教育局签名", sig_name, field="signer")]
        )
    if check.status == "valid":
        trust = ws.keys.judge(BUREAU, BUREAU_CODE, check)
        if trust.status == "other-key" and not accept_key:
            known = "、".join(k.key_id for k in trust.pinned)
            raise OtherBureauKey(
                [
                    Problem(
                        f"模板由密钥 {check.key_id} 签名，而本机记录的区教育局密钥是 {known}。"
                        "请电话向区教育局核对新密钥编号；确认区教育局确实换了密钥后再接受"
                        "（命令行：--accept-key）",
                        sig_name,
                    )
                ],
                check,
                trust,
            )
    new = ws.templates.install(template)
    if check.status == "absent":
        pinned = ws.keys.pinned_for(BUREAU, BUREAU_CODE)
        warnings.append(
            f"{path}: 模板未签名，无法确认它来自区教育局"
            + ("（本机已记录区教育局密钥，区教育局发布的模板应带签名文件）" if pinned else "")
        )
    elif trust is not None and check.public_key is not None:
        lines.append(_pin(ws, trust, check, template))
    return TemplateImport(template, new, check, tuple(lines), tuple(warnings))


def _pin(ws: Workspace, trust: Trust, check: SignatureCheck, template: Template) -> str:
    assert check.public_key is not None
    name = check.signer.get("name") or "区教育局"
    if trust.status == "first-seen":
        ws.keys.pin(
            BUREAU, BUREAU_CODE, check.public_key, "first-template", f"{name}；模板 {template.key}"
        )
        return f"已记录区教育局密钥 {check.key_id}，请与区教育局电话核对"
    if trust.status == "other-key":
        old = "、".join(k.key_id for k in trust.pinned)
        ws.keys.pin(
            BUREAU,
            BUREAU_CODE,
            check.public_key,
            "manual",
            f"{name}；导入模板 {template.key} 时电话核对后接受",
            replace=True,
        )
        return f"已替换区教育局密钥：{old} → {check.key_id}（已电话核对）"
    return f"签名：有效（区教育局密钥 {check.key_id}）"


def sign_template(
    data_dir: Path, path: Path, name: str = "", code: str = ""
) -> tuple[Path, KeyPair]:
    """Check that ``path`` is a valid template, then write ``FILE.sig`` with the installation
    key of ``data_dir`` (the bureau's); returns the .sig path and the key."""
    data = read_input_file(path, Limits.FILE_BYTES, "模板文件")
    template, problems = parse_template(data, str(path), path.suffix.lower())
    if problems or template is None:
        raise InputError(problems or [Problem("无法读取模板", str(path))])
    key = installation_key(data_dir)
    signer = {"role": BUREAU, "name": name.strip() or "区教育局", "code": code.strip()}
    return write_detached(path, key.private_key, signer, data), key
