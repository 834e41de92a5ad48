"""``wjself template ...``: validate, convert, import, list, export and compare templates."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from types import ModuleType

from wjself.cli.common import EXIT_INPUT, EXIT_OK, open_workspace, print_json, print_problems
from wjself.core.errors import InputError, Problem
from wjself.core.stages import STAGES


def _files() -> ModuleType:
    # The file readers (openpyxl, XLSForm) load only for the commands that read files, so
    # starting the window through this command line does not pay for them.
    from wjself.formats import templates

    return templates


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

    install = sub.add_parser(
        "import",
        help="安装模板文件（JSON 或 XLSX）；输出“编号 版本”。旁边有 FILE.sig 时核对区教育局签名",
    )
    install.add_argument("file", metavar="FILE")
    install.add_argument(
        "--accept-key",
        action="store_true",
        help="模板由另一把区教育局密钥签名时：电话核对新密钥编号后，接受并记录它",
    )
    install.set_defaults(handler=cmd_import)

    listing = sub.add_parser("list", help="列出已安装的模板")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(handler=cmd_list)

    diff = sub.add_parser(
        "diff", help="比较已安装模板的两个版本：沿用、措辞修改、改动、新增、删除的检查项"
    )
    diff.add_argument("old", metavar="ID@OLD")
    diff.add_argument("new", metavar="ID@NEW")
    diff.add_argument("--json", action="store_true", help="以 JSON 输出")
    diff.set_defaults(handler=cmd_diff)

    export = sub.add_parser("export", help="导出已安装的模板为 JSON 或 XLSX")
    export.add_argument("ref", metavar="ID[@VERSION]")
    export.add_argument("-o", "--output", required=True, metavar="OUT")
    export.set_defaults(handler=cmd_export)


def cmd_validate(args: argparse.Namespace) -> int:
    failed = False
    for name in args.files:
        template, problems = _files().load_template(Path(name))
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
    template = _files().read_template(source)
    try:
        _files().write_template(template, target)
    except OSError as exc:
        raise InputError([Problem(f"无法写入：{exc.strerror or exc}", str(target))]) from None
    print(f"{target}: 已写入 {template.id} {template.version}，{template.item_count()} 个检查项")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from wjself.template_trust import install_signed, read_signed_template

    path = Path(args.file)
    template, check = read_signed_template(path)
    with open_workspace(args) as ws:
        done = install_signed(ws, path, template, check, accept_key=args.accept_key)
    template, new = done.template, done.new
    print(f"{template.id} {template.version}")
    for line in done.lines:
        print(line, file=sys.stderr)
    for warning in done.warnings:
        print(f"wjself: 注意：{warning}", file=sys.stderr)
    if not new:
        print(f"{args.file}: 模板 {template.key} 已安装（内容相同），未作改动", file=sys.stderr)
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        infos = ws.templates.list()
    if args.json:
        print_json(
            [
                {
                    "id": i.id,
                    "version": i.version,
                    "title": i.title,
                    "issuer": i.issuer,
                    "plan_ref": i.plan_ref,
                    "items": i.items,
                    "stages": [s for s in STAGES if s in i.stages],
                    "sha256": i.sha256,
                    "installed_at": i.installed_at.isoformat(),
                }
                for i in infos
            ]
        )
        return EXIT_OK
    if not infos:
        print("尚未安装任何模板；用“wjself template import FILE”安装")
    for i in infos:
        stages = "、".join(s for s in STAGES if s in i.stages) or "所有学段"
        print(f"{i.id}\t{i.version}\t《{i.title}》\t{i.items} 项\t{stages}\t{i.issuer}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    target = Path(args.output)
    if target.suffix.lower() not in (".json", ".xlsx"):
        raise InputError([Problem("输出文件应以 .json 或 .xlsx 结尾", str(target))])
    with open_workspace(args) as ws:
        template = ws.templates.parse_ref(args.ref)
    try:
        _files().write_template(template, target)
    except OSError as exc:
        raise InputError([Problem(f"无法写入：{exc.strerror or exc}", str(target))]) from None
    print(f"{target}: 已导出 {template.id} {template.version}，{template.item_count()} 个检查项")
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    from wjself.core.diff import diff_templates
    from wjself.core.diff_report import diff_to_dict, format_diff

    problems = [
        Problem(f"请写明版本，如 {ref.partition('@')[0] or 'wj2024-safety'}@2024.1", field=ref)
        for ref in (args.old, args.new)
        if not ref.partition("@")[2].strip()
    ]
    if problems:
        raise InputError(problems)
    with open_workspace(args) as ws:
        old = ws.templates.parse_ref(args.old)
        new = ws.templates.parse_ref(args.new)
    diff = diff_templates(old, new)
    if args.json:
        print_json(diff_to_dict(diff))
    else:
        sys.stdout.write(format_diff(diff))
    return EXIT_OK
