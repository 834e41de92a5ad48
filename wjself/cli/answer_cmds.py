"""``wjself answer ...``: set one answer, confirm one after a template upgrade, or import a file
of answers (all rows or none)."""

from __future__ import annotations

import argparse
from pathlib import Path

from wjself.cli.common import EXIT_OK, open_workspace, record_id
from wjself.core.values import display


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("answer", help="答案：逐项填写，或从文件导入")
    sub = parser.add_subparsers(dest="answer_command", required=True, metavar="COMMAND")

    put = sub.add_parser("set", help='填写一项（空值 "" 清除）；命令成功返回时已保存到磁盘')
    put.add_argument("assessment", type=record_id, metavar="ASSESSMENT")
    put.add_argument("item", metavar="ITEM", help="检查项代码")
    put.add_argument(
        "value", metavar="VALUE", help="如 符合、基本符合、不符合、不适用、是、否、95%%、2024-03-15"
    )
    put.add_argument(
        "--note",
        "--reason",
        dest="note",
        metavar="TEXT",
        help="备注（说明情况、存在的问题）；答“不适用”时必须写明原因",
    )
    put.set_defaults(handler=cmd_set)

    confirm = sub.add_parser(
        "confirm", help="确认模板修订后待重新确认的一项答案仍然正确（答案不变）"
    )
    confirm.add_argument("assessment", type=record_id, metavar="ASSESSMENT")
    confirm.add_argument("item", metavar="ITEM", help="检查项代码")
    confirm.set_defaults(handler=cmd_confirm)

    load = sub.add_parser("import", help="从 JSON、CSV 或 XLSX 导入（有任何错误则全部不导入）")
    load.add_argument("assessment", type=record_id, metavar="ASSESSMENT")
    load.add_argument("file", metavar="FILE")
    load.set_defaults(handler=cmd_import)


def cmd_set(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        answer = ws.answers.set(args.assessment, args.item, args.value, args.note)
        item = ws.assessments.template(args.assessment).item(args.item)
    shown = (
        display(item, answer.value)
        if item is not None and answer.value is not None
        else "（已清除）"
    )
    print(f"{args.item}: {shown}")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    from wjself.formats.answers import read_answer_file  # openpyxl: only when importing

    rows = read_answer_file(path)
    with open_workspace(args) as ws:
        result = ws.answers.import_rows(args.assessment, rows, str(path))
    print(
        f"{path}: 已导入 {result.rows} 行，{result.changed} 项有改动，{result.unchanged} 项无变化"
    )
    return EXIT_OK


def cmd_confirm(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        before = ws.answers.get(args.assessment, args.item)
        answer = ws.answers.confirm(args.assessment, args.item)
        item = ws.assessments.template(args.assessment).item(args.item)
    shown = display(item, answer.value) if item is not None and answer.value is not None else ""
    if before.needs_reconfirm:
        print(f"{args.item}: 已确认 {shown}".rstrip())
    else:
        print(f"{args.item}: 无需确认（不在待重新确认之列）{shown}".rstrip())
    return EXIT_OK
