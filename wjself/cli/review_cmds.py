"""``wjself review import FILE.wjsr``: the bureau's review of an assessment, received by the school."""

from __future__ import annotations

import argparse
from pathlib import Path

from wjself.cli.common import EXIT_OK, open_workspace


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("review", help="区教育局的审阅意见（.wjsr）：导入到本校的自评")
    sub = parser.add_subparsers(dest="review_command", required=True, metavar="COMMAND")
    imp = sub.add_parser(
        "import",
        help="导入审阅文件：核对区教育局的签名，意见显示在检查项上；退回修改的自评撤销定稿",
    )
    imp.add_argument("file", metavar="FILE.wjsr")
    imp.set_defaults(handler=cmd_import)


def cmd_import(args: argparse.Namespace) -> int:
    from wjself.formats.review_file import read_review

    found = read_review(Path(args.file))
    with open_workspace(args) as ws:
        result = ws.reviews.receive(found.review, found.signature, found.sha256)
    print("\n".join(result.lines()))
    return EXIT_OK
