"""``wjself bundle ...``: export an assessment as a ``.wjsa`` data bundle, and verify one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wjself.cli.common import EXIT_INPUT, EXIT_OK, open_workspace, record_id
from wjself.cli.report_cmds import describe, output_path, warn_if_changed
from wjself.core.errors import Problem


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("bundle", help="数据包（.wjsa）：导出给教育局，核验完整性")
    sub = parser.add_subparsers(dest="bundle_command", required=True, metavar="COMMAND")

    export = sub.add_parser(
        "export", help="导出一份自评及其佐证材料为数据包（含指纹和每个文件的 SHA-256）"
    )
    export.add_argument("id", type=record_id, metavar="ASSESSMENT", help="自评编号")
    export.add_argument("-o", "--output", required=True, metavar="OUT.wjsa")
    export.set_defaults(handler=cmd_export)

    verify = sub.add_parser(
        "verify", help="核验数据包：每个文件的 SHA-256 和指纹；完整返回 0，否则返回 2 并列出问题"
    )
    verify.add_argument("file", metavar="FILE.wjsa")
    verify.set_defaults(handler=cmd_verify, needs_data=False)


def cmd_export(args: argparse.Namespace) -> int:
    from wjself.formats.bundle import export_bundle

    target = output_path(args.output, ".wjsa")
    with open_workspace(args) as ws:
        view = ws.assessments.view(args.id)
        key = ws.signing_key
    manifest = export_bundle(view, target, signing_key=key.private_key)
    warn_if_changed([view])
    files = manifest["files"]
    evidence = sum(1 for name in files if name.startswith("evidence/"))
    print(f"{target}: 已导出数据包（{len(files)} 个文件，其中佐证材料 {evidence} 个）")
    print(describe(view))
    print(f"签名：学校密钥 {key.key_id}")
    if not view.finalized:
        print("注意：草稿的数据包没有指纹，不能用于核验；定稿后再导出交教育局。", file=sys.stderr)
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from wjself.formats.bundle import verify_bundle

    report = verify_bundle(Path(args.file))
    lines = report.lines()
    if report.ok:
        print("\n".join(lines))
        return EXIT_OK
    # The summary to stdout; each problem, located at the file, to stderr like every refusal.
    print("\n".join(line for line in lines if not line.startswith("  - ")))
    for problem in report.problems:
        print(str(Problem(problem, str(args.file))), file=sys.stderr)
    return EXIT_INPUT
