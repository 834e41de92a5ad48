"""``wjself keys ...``: this installation's signing key, the keys it trusts, signing templates."""

from __future__ import annotations

import argparse
import base64
import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from wjself.cli.common import EXIT_OK, open_workspace, print_json
from wjself.core.errors import InputError, Problem
from wjself.core.signing import ROLE_WORDS, ROLES

if TYPE_CHECKING:
    from wjself.formats.key_files import KeyEntry
    from wjself.store.keys import TrustedKey

SOURCE_WORDS = {
    "first-bundle": "首个数据包",
    "first-template": "首个签名模板",
    "key-list": "密钥清单",
    "manual": "手动核对",
    "replaced": "已被替换",
}


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "keys", help="签名密钥：本机密钥编号，导出公钥，记录（信任）对方的密钥，签名模板"
    )
    sub = parser.add_subparsers(dest="keys_command", required=True, metavar="COMMAND")

    show = sub.add_parser("show", help="本机密钥编号、公钥、生成时间，以及已记录的对方密钥")
    show.add_argument("--json", action="store_true", help="以 JSON 输出")
    show.set_defaults(handler=cmd_show)

    export = sub.add_parser("export", help="导出本机公钥（.pub），交对方核对并记录")
    export.add_argument("-o", "--output", required=True, metavar="FILE.pub")
    export.add_argument("--role", choices=ROLES, default="school", help="本机身份（默认 school）")
    export.add_argument("--name", default="", help="名称（默认取数据文件夹中的学校）")
    export.add_argument("--code", default="", help="代码（默认取数据文件夹中的学校）")
    export.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    export.set_defaults(handler=cmd_export)

    trust = sub.add_parser(
        "trust",
        help="记录对方的公钥：一个 .pub 文件，或密钥清单（CSV/JSON：学校代码、公钥[、密钥编号]）",
    )
    trust.add_argument("file", metavar="FILE")
    trust.add_argument("--role", choices=ROLES, help="文件未写明时的角色（默认 school）")
    trust.add_argument("--code", help="学校代码（只含一把密钥的文件；覆盖文件中的代码）")
    trust.add_argument(
        "--replace",
        action="store_true",
        help="电话核对后，用新密钥替换已记录的密钥（旧密钥留作“已被替换”的记录）",
    )
    trust.add_argument("--note", default="", help="备注（如：2024-05-01 电话核对，张老师）")
    trust.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    trust.set_defaults(handler=cmd_trust)

    sign = sub.add_parser(
        "sign", help="区教育局：用本机密钥签名模板文件，在其旁写出 FILE.sig，随模板一同下发"
    )
    sign.add_argument("file", metavar="FILE")
    sign.add_argument("--name", default="", help="签名者名称（默认“区教育局”）")
    sign.add_argument("--code", default="", help="签名者代码")
    sign.set_defaults(handler=cmd_sign)


def pin_dict(k: TrustedKey) -> dict[str, Any]:
    return {
        "role": k.role,
        "code": k.school_code,
        "key_id": k.key_id,
        "public_key": base64.b64encode(k.public_key).decode("ascii"),
        "pinned_at": k.pinned_at.isoformat(),
        "source": k.source,
        "note": k.note,
    }


def cmd_show(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        key = ws.signing_key
        pins = ws.keys.all_pins()
    created = key.created.isoformat() if key.created else ""
    if args.json:
        print_json(
            {
                "key_id": key.key_id,
                "public_key": key.public_b64,
                "created": created,
                "file": str(key.path),
                "trusted": [pin_dict(k) for k in pins],
            }
        )
        return EXIT_OK
    print(f"本机密钥：{key.key_id}")
    print(f"公钥：{key.public_b64}")
    print(f"生成时间：{created}")
    print(f"密钥文件：{key.path}")
    if not pins:
        print("已记录的对方密钥：无")
        return EXIT_OK
    print("已记录的对方密钥：")
    for k in pins:
        owner = ROLE_WORDS.get(k.role, k.role) + (f" {k.school_code}" if k.school_code else "")
        note = f"　{k.note}" if k.note else ""
        print(
            f"  {owner}　{k.key_id}　{SOURCE_WORDS.get(k.source, k.source)}"
            f"　{k.pinned_at.date().isoformat()}{note}"
        )
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from wjself.atomic import write_output
    from wjself.cli.report_cmds import output_path
    from wjself.formats.key_files import public_key_document

    target = output_path(args.output, ".pub")
    with open_workspace(args) as ws:
        key = ws.signing_key
        schools = ws.schools.list() if args.role == "school" else []
    listed = [{"name": s.name, "code": s.code} for s in schools]
    name = args.name.strip() or (listed[0]["name"] if len(listed) == 1 else "")
    code = args.code.strip() or (listed[0]["code"] if len(listed) == 1 else "")
    if args.role == "school" and not code and not listed:
        raise InputError(
            [Problem("数据文件夹中还没有学校；请先登记学校，或用 --code 给出学校代码")]
        )
    body = public_key_document(key.public_key, args.role, name, code, key.created, listed)
    write_output(target, lambda handle: _write(handle, body), "公钥文件")
    if args.json:
        print_json({"file": str(target), "key_id": key.key_id, "role": args.role, "code": code})
    else:
        print(f"{target}: 已导出公钥（密钥编号 {key.key_id}）")
        print("请把该文件交给对方，并电话核对密钥编号。")
    return EXIT_OK


def _write(handle: BinaryIO, body: bytes) -> None:
    handle.write(body)


def cmd_trust(args: argparse.Namespace) -> int:
    from wjself.formats.key_files import read_key_file
    from wjself.store.keys import PinRequest

    path = Path(args.file)
    entries = read_key_file(path, args.role)
    if args.code is not None:
        if len(entries) != 1:
            raise InputError(
                [Problem("--code 只用于只含一把密钥的文件；密钥清单中每行已有学校代码", str(path))]
            )
        entries = [_with_code(entries[0], args.code)]
    source = "key-list" if any(e.row is not None for e in entries) else "manual"
    requests = [
        PinRequest(e.role, e.code, e.public_key, _note(args.note, e.name), str(path), e.row)
        for e in entries
    ]
    with open_workspace(args) as ws:
        outcomes = ws.keys.pin_many(requests, source, replace=args.replace)
    if args.json:
        print_json(
            [
                {**pin_dict(o.key), "change": o.change, "earlier": [k.key_id for k in o.earlier]}
                for o in outcomes
            ]
        )
        return EXIT_OK
    for o in outcomes:
        k = o.key
        owner = ROLE_WORDS.get(k.role, k.role) + (f" {k.school_code}" if k.school_code else "")
        if o.change == "same":
            print(f"{owner}：密钥 {k.key_id} 已记录，未改动")
        elif o.change == "replaced":
            old = "、".join(e.key_id for e in o.earlier)
            print(f"{owner}：已用密钥 {k.key_id} 替换 {old}（旧密钥留作记录）")
        else:
            print(f"{owner}：已记录密钥 {k.key_id}")
    return EXIT_OK


def _with_code(entry: KeyEntry, code: str) -> KeyEntry:
    code = code.strip()
    if entry.role == "school" and not code:
        raise InputError([Problem("--code 不能为空")])
    return dataclasses.replace(entry, code=code if entry.role == "school" else "")


def _note(note: str, name: str) -> str:
    return "；".join(part for part in (name.strip(), note.strip()) if part)


def cmd_sign(args: argparse.Namespace) -> int:
    from wjself.paths import resolve_data_dir
    from wjself.template_trust import sign_template

    target, key = sign_template(
        resolve_data_dir(args.data_dir), Path(args.file), args.name, args.code
    )
    print(f"{target}: 已签名（区教育局密钥 {key.key_id}）")
    print("请把模板和签名文件一同下发；学校首次导入时会记录此密钥编号，请电话告知学校核对。")
    return EXIT_OK
