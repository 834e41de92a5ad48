"""``wjself assessment narrative ID [--file FILE] [--json]``: print or set the written 自查报告."""

from __future__ import annotations

import argparse
from pathlib import Path

from wjself.cli.common import EXIT_OK, open_workspace, print_json, record_id
from wjself.core.narrative import PARTS, narrative_text


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    narrative = sub.add_parser(
        "narrative",
        help="查看或设置自查报告的文字部分（" + "、".join(PARTS) + "）",
    )
    narrative.add_argument("id", type=record_id, metavar="ID")
    narrative.add_argument(
        "--file",
        type=Path,
        metavar="FILE",
        help="从 UTF-8 文本/Markdown 文件（各部分以“一、基本情况”或“## 基本情况”为标题）"
        '或 JSON 文件（{"基本情况": …}）设置；文件即全部内容，未写的部分为空',
    )
    narrative.add_argument("--json", action="store_true", help="以 JSON 输出")
    narrative.set_defaults(handler=cmd_narrative)


def cmd_narrative(args: argparse.Namespace) -> int:
    from wjself.formats.narrative_file import read_narrative_file

    given = read_narrative_file(args.file) if args.file is not None else None
    with open_workspace(args) as ws:
        if given is not None:
            current = ws.assessments.set_narrative(args.id, given)
        else:
            current = ws.assessments.narrative(args.id)
    if args.json:
        print_json(current.as_dict())
    elif given is not None:
        written = len(current.written())
        print(f"自评 {args.id} 的自查报告已保存：{written}/{len(PARTS)} 部分有内容")
    else:
        print(narrative_text(current), end="")
    return EXIT_OK
