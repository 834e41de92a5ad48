"""``wjself demo``: a fictional demo school with filled assessments; prints their ids."""

from __future__ import annotations

import argparse

from wjself.cli.common import EXIT_OK, open_workspace


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = commands.add_parser(
        "demo",
        help="创建演示学校及已填写的自评（再次运行时沿用演示学校，只补建缺少的自评）；输出自评编号",
    )
    demo.set_defaults(handler=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    from wjself.demo import create_demo

    with open_workspace(args) as ws:
        ids = create_demo(ws)
    for aid in ids:
        print(aid)
    return EXIT_OK
