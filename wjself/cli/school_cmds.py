"""``wjself school ...``: register schools and list them."""

from __future__ import annotations

import argparse
import re

from wjself.cli.common import EXIT_OK, open_workspace, print_json
from wjself.core.school import School, school_dict
from wjself.core.stages import FACTS, STAGES

FACT_FLAGS = {
    "has_canteen": "--has-canteen",
    "has_labs": "--has-labs",
    "boarding": "--boarding",
    "school_bus": "--school-bus",
    "outsourced_meals": "--outsourced-meals",
    "party_org": "--party-org",
}


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("school", help="学校：登记、列出")
    sub = parser.add_subparsers(dest="school_command", required=True, metavar="COMMAND")

    add = sub.add_parser("add", help="登记学校；输出学校编号")
    add.add_argument("--name", required=True, help="学校名称")
    add.add_argument("--code", required=True, help="10 位学校标识码")
    add.add_argument(
        "--stage",
        required=True,
        action="append",
        help=f"学段，可用逗号分隔多个或重复给出：{'、'.join(STAGES)}",
    )
    for name, label in (
        ("township", "镇街"),
        ("address", "地址"),
        ("principal", "校长"),
        ("contact", "联系人"),
        ("phone", "联系电话"),
    ):
        add.add_argument(f"--{name}", default="", help=label)
    for fact, flag in FACT_FLAGS.items():
        add.add_argument(flag, dest=fact, action="store_true", help=f"学校{FACTS[fact]}")
    add.set_defaults(handler=cmd_add)

    listing = sub.add_parser("list", help="列出已登记的学校")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(handler=cmd_list)


def cmd_add(args: argparse.Namespace) -> int:
    stages = tuple(p for raw in args.stage for p in re.split(r"[,，、\s]+", raw) if p)
    school = School(
        id=0,
        name=args.name,
        code=args.code,
        stages=stages,
        township=args.township,
        address=args.address,
        principal=args.principal,
        contact=args.contact,
        phone=args.phone,
        facts=tuple((fact, bool(getattr(args, fact))) for fact in FACTS),
    )
    with open_workspace(args) as ws:
        added = ws.schools.add(school)
    print(added.id)
    return EXIT_OK


def school_json(s: School) -> dict[str, object]:
    return {"id": s.id, **school_dict(s)}


def cmd_list(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        schools = ws.schools.list()
    if args.json:
        print_json([school_json(s) for s in schools])
        return EXIT_OK
    if not schools:
        print("尚未登记学校；用“wjself school add --name … --code … --stage …”登记")
    for s in schools:
        facts = "、".join(FACTS[f] for f, on in s.facts if on)
        print(f"{s.id}\t{s.code}\t{s.name}\t{'、'.join(s.stages)}\t{s.township}\t{facts}".rstrip())
    return EXIT_OK
