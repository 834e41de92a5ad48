"""``wjself keys ...``: this installation's signing key and the keys it trusts, in a school's
data folder (``--data-dir``) or the bureau's (``--district``); and ``wjself --district DIR
district sign-template FILE``, the bureau signing a template it publishes."""

from __future__ import annotations

import argparse
import base64
import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wjself.cli.common import EXIT_OK, open_workspace, print_json
from wjself.core.signing import ROLES, owner_words

if TYPE_CHECKING:
    from wjself.store.keys import TrustedKey
    from wjself.store.workspace import Workspace


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
    export.add_argument(
        "--role", choices=ROLES, help="本机身份（默认：--district 时 bureau，否则 school）"
    )
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


def register_district(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``district sign-template`` (called by the ``district`` group's registration)."""
    sign = sub.add_parser(
        "sign-template",
        help="用区教育局的密钥签名模板文件，在其旁写出 FILE.sig，随模板一同下发给学校",
    )
    sign.add_argument("file", metavar="FILE")
    sign.add_argument("--name", default="", help="签名者名称（默认“区教育局”）")
    sign.add_argument("--code", default="", help="签名者代码")
    sign.set_defaults(handler=cmd_sign_template)


@contextlib.contextmanager
def opened(args: argparse.Namespace) -> Iterator[Workspace]:
    """The school's data folder, or the bureau's when ``--district`` is given."""
    if getattr(args, "district", None):
        from wjself.cli.district_cmds import open_bureau

        with open_bureau(args) as dws:
            yield dws.workspace
    else:
        with open_workspace(args) as ws:
            yield ws


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
    from wjself.key_trust import SOURCE_WORDS

    with opened(args) as ws:
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
        owner = owner_words(k.role, k.school_code)
        note = f"　{k.note}" if k.note else ""
        print(
            f"  {owner}　{k.key_id}　{SOURCE_WORDS.get(k.source, k.source)}"
            f"　{k.pinned_at.date().isoformat()}{note}"
        )
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from wjself.cli.report_cmds import output_path
    from wjself.key_export import export_public_key

    target = output_path(args.output, ".pub")
    role = args.role or ("bureau" if getattr(args, "district", None) else "school")
    with opened(args) as ws:
        key = export_public_key(ws, target, role, args.name, args.code)
    if args.json:
        print_json({"file": str(target), "key_id": key.key_id, "role": role})
    else:
        print(f"{target}: 已导出公钥（密钥编号 {key.key_id}）")
        print("请把该文件交给对方，并电话核对密钥编号。")
    return EXIT_OK


def cmd_trust(args: argparse.Namespace) -> int:
    from wjself.key_trust import read_requests

    requests, source = read_requests(Path(args.file), args.role, args.code, args.note)
    with opened(args) as ws:
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
        owner = owner_words(k.role, k.school_code)
        if o.change == "same":
            print(f"{owner}：密钥 {k.key_id} 已记录，未改动")
        elif o.change == "replaced":
            old = "、".join(e.key_id for e in o.earlier)
            print(f"{owner}：已用密钥 {k.key_id} 替换 {old}（旧密钥留作记录）")
        else:
            print(f"{owner}：已记录密钥 {k.key_id}")
    return EXIT_OK


def cmd_sign_template(args: argparse.Namespace) -> int:
    from wjself.cli.district_cmds import open_bureau
    from wjself.template_trust import sign_template

    with open_bureau(args) as dws:
        root = dws.paths.root
    target, key = sign_template(root, Path(args.file), args.name, args.code)
    print(f"{target}: 已签名（区教育局密钥 {key.key_id}）")
    print("请把模板和签名文件一同下发；学校首次导入时会记录此密钥编号，请电话告知学校核对。")
    return EXIT_OK
