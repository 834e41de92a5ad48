"""``wjself template ...``: validate and convert template files (more with the store)."""

from __future__ import annotations

import argparse
from pathlib import Path

from wjself.cli.common import EXIT_INPUT, EXIT_OK, print_problems
from wjself.core.errors import InputError, Problem
from wjself.formats.templates import load_template, read_template, write_template


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("template", help="检查表模板：检查、转换、导入、导出")
    sub = parser.add_subparsers(dest="template_command", required=True, metavar="COMMAND")

    validate = sub.add_parser("validate", help="检查模板文件，列出所有问题")
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.set_defaults(handler=cmd_validate, needs_data=False)

    convert = sub.add_parser("convert", help="JSON 与 XLSX 互相转换")
    convert.add_argument("source", metavar="IN")
    convert.add_argument("-o", "--output", required=True, metavar="OUT")
    convert.set_defaults(handler=cmd_convert, needs_data=False)


def cmd_validate(args: argparse.Namespace) -> int:
    failed = False
    for name in args.files:
        template, problems = load_template(Path(name))
        if problems or template is None:
            failed = True
            print_problems(problems)
        else:
            print(
                f"{name}: 有效 — {template.id} {template.version}《{template.title}》，"
                f"{len(template.sections)} 个分组，{template.item_count()} 个检查项"
            )
    return EXIT_INPUT if failed else EXIT_OK


def cmd_convert(args: argparse.Namespace) -> int:
    source, target = Path(args.source), Path(args.output)
    if target.suffix.lower() not in (".json", ".xlsx"):
        raise InputError([Problem("输出文件应以 .json 或 .xlsx 结尾", str(target))])
    if target.exists() and target.resolve() == source.resolve():
        raise InputError([Problem("输出文件不能与输入文件相同", str(target))])
    template = read_template(source)
    try:
        write_template(template, target)
    except OSError as exc:
        raise InputError([Problem(f"无法写入：{exc.strerror or exc}", str(target))]) from None
    print(f"{target}: 已写入 {template.id} {template.version}，{template.item_count()} 个检查项")
    return EXIT_OK
