"""``district review comment|verdict|export`` and ``district report pdf|xlsx``.

The inspector writes a comment per item and a verdict on a received assessment and exports
them as a signed ``.wjsr`` review file for the school; the district summary is written as a
PDF (公文 form) or an XLSX (one row per school × item) for one period.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from wjself.cli.common import EXIT_OK, record_id
from wjself.cli.report_cmds import output_path
from wjself.core.errors import InputError, Problem

if TYPE_CHECKING:
    from wjself.district import DistrictWorkspace


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    review = sub.add_parser("review", help="审阅已接收的自评：逐项意见、审阅结论、导出审阅文件")
    rsub = review.add_subparsers(dest="review_command", required=True, metavar="COMMAND")
    comment = rsub.add_parser("comment", help="对一个检查项写督学意见（空文字删除该意见）")
    comment.add_argument("id", type=record_id, metavar="ID", help="已接收自评的编号")
    comment.add_argument("code", metavar="CODE", help="检查项编号")
    comment.add_argument("text", metavar="TEXT", help="意见")
    comment.set_defaults(handler=cmd_comment)
    verdict = rsub.add_parser("verdict", help="给出审阅结论：通过，或退回修改（须 --reason）")
    verdict.add_argument("id", type=record_id, metavar="ID", help="已接收自评的编号")
    verdict.add_argument("verdict", metavar="通过|退回修改")
    verdict.add_argument("--reason", default="", help="原因（退回修改时必填）")
    verdict.set_defaults(handler=cmd_verdict)
    export = rsub.add_parser("export", help="导出审阅文件（.wjsr，以本区教育局密钥签名）交学校导入")
    export.add_argument("id", type=record_id, metavar="ID", help="已接收自评的编号")
    export.add_argument("-o", "--output", required=True, metavar="OUT.wjsr")
    export.set_defaults(handler=cmd_export)

    report = sub.add_parser("report", help="区级汇总：PDF（公文格式）或 XLSX（每校每项一行）")
    report.add_argument("format", choices=("pdf", "xlsx"), metavar="pdf|xlsx")
    report.add_argument("--period", help="期间（默认为收到的最新期间）")
    report.add_argument("-o", "--output", required=True, metavar="OUT")
    report.set_defaults(handler=cmd_report)


@contextlib.contextmanager
def open_dws(args: argparse.Namespace) -> Iterator[DistrictWorkspace]:
    """The bureau folder of ``--district`` (as ``district import`` opens it)."""
    from wjself.cli.district_cmds import open_bureau

    with open_bureau(args) as dws:
        yield dws


def cmd_comment(args: argparse.Namespace) -> int:
    from wjself.district import set_comment

    with open_dws(args) as dws:
        kept = set_comment(dws, args.id, args.code, args.text)
    print(f"自评 {args.id} 检查项 {args.code}：" + ("已保存意见" if kept else "已删除意见"))
    return EXIT_OK


def cmd_verdict(args: argparse.Namespace) -> int:
    from wjself.district import set_verdict

    with open_dws(args) as dws:
        verdict = set_verdict(dws, args.id, args.verdict, args.reason)
    tail = f"：{args.reason.strip()}" if args.reason.strip() else ""
    print(f"自评 {args.id} 审阅结论：{verdict.value}{tail}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from wjself.district import export_review

    target = output_path(args.output, ".wjsr")
    with open_dws(args) as dws:
        review = export_review(dws, args.id, target)
        key = dws.workspace.signing_key.key_id
    print(
        f"{target}: 已导出审阅文件（{review.school_name}《{review.template_id}》{review.period}）"
    )
    print(f"结论：{review.verdict_line()}；意见 {len(review.comments)} 条；签名密钥 {key}")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from wjself.district import DistrictFilter, district_figures, received_view
    from wjself.district.queries import known_periods

    target = output_path(args.output, "." + args.format)
    with open_dws(args) as dws:
        periods = known_periods(dws)
        period = args.period or (periods[-1] if periods else None)
        if args.period and args.period not in periods:
            known = "、".join(periods) or "（尚未收到任何数据包）"
            raise InputError(
                [Problem(f"没有收到期间 {args.period} 的数据包；已有：{known}", field="--period")]
            )
        figures = district_figures(dws, DistrictFilter(period=period), dt.date.today())
        now = dt.datetime.now().astimezone()
        if args.format == "pdf":
            from wjself.report.district_pdf import write_district_pdf

            totals = write_district_pdf(figures, target, generated_at=now)
            print(f"{target}: 已生成区级汇总 PDF")
            print(totals.sentence())
        else:
            from wjself.report.district_xlsx import write_district_xlsx

            views = (received_view(dws, r.id, with_evidence=False) for r in figures.rows)
            rows = write_district_xlsx(figures, views, target)
            print(f"{target}: 已生成区级汇总 XLSX（{len(figures.rows)} 份自评，{rows} 行检查项）")
    if not figures.rows:
        print("注意：所选期间没有已接收的自评。", file=sys.stderr)
    return EXIT_OK
