"""``wjself report ...``: the inspectors' PDF and the bureau's XLSX of one or more assessments."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from wjself.cli.common import EXIT_OK, open_workspace, record_id
from wjself.core.assessment import STATUS_LABELS, AssessmentView
from wjself.core.errors import InputError, Problem
from wjself.core.fingerprint import assessment_fingerprint
from wjself.core.periods import one_period


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("report", help="报告：督学用的 PDF，教育局用的 XLSX")
    sub = parser.add_subparsers(dest="report_command", required=True, metavar="COMMAND")

    pdf = sub.add_parser("pdf", help="生成 PDF 自查报告；多份自评（须为同一期间）合成一份，带目录")
    pdf.add_argument("ids", nargs="+", type=record_id, metavar="ASSESSMENT", help="自评编号")
    pdf.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    pdf.set_defaults(handler=cmd_pdf)

    xlsx = sub.add_parser(
        "xlsx", help="导出答案、整改和汇总为 XLSX（每行带学校、模板和检查项代码）"
    )
    xlsx.add_argument("ids", nargs="+", type=record_id, metavar="ASSESSMENT", help="自评编号")
    xlsx.add_argument("-o", "--output", required=True, metavar="OUT.xlsx")
    xlsx.set_defaults(handler=cmd_xlsx)

    blank = sub.add_parser(
        "blank",
        help="生成空白自查表 PDF，打印后现场检查用（给出学校时只列适用于该校的检查项）",
    )
    blank.add_argument("ref", metavar="TEMPLATE[@VERSION]", help="模板编号，可带版本")
    blank.add_argument("--school", type=record_id, metavar="ID", help="学校编号")
    blank.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    blank.set_defaults(handler=cmd_blank)


def output_path(name: str, suffix: str) -> Path:
    """The ``-o`` target, refused unless it ends in ``suffix`` (a typo should not write a PDF
    under a name that another program opens)."""
    target = Path(name)
    if target.suffix.lower() != suffix:
        raise InputError([Problem(f"输出文件应以 {suffix} 结尾", name)])
    return target


def load_views(args: argparse.Namespace, ids: Sequence[int]) -> list[AssessmentView]:
    """The assessments ``ids`` (each once, in the order given); every unknown id reported."""
    repeated = sorted({i for i in ids if list(ids).count(i) > 1})
    if repeated:
        raise InputError(
            [Problem(f"自评 {'、'.join(map(str, repeated))} 重复给出；每份自评只需列出一次")]
        )
    views: list[AssessmentView] = []
    problems: list[Problem] = []
    with open_workspace(args) as ws:
        for aid in ids:
            try:
                views.append(ws.assessments.view(aid))
            except InputError as exc:
                problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return views


def warn_if_changed(views: Sequence[AssessmentView]) -> None:
    """Say so on stderr when a finalized assessment's content no longer gives its fingerprint
    (the report itself says it in red; a script should see it too)."""
    for view in views:
        if view.finalized and view.signoff is not None:
            computed = assessment_fingerprint(view)
            if computed != view.signoff.fingerprint:
                print(
                    f"警告：自评 {view.id} 的内容与定稿指纹不符（记录 {view.signoff.fingerprint}，"
                    f"按现有内容计算为 {computed}），定稿后数据可能被改动过；报告中已注明。",
                    file=sys.stderr,
                )


def describe(view: AssessmentView) -> str:
    """One line per assessment written: id, title, status, and the fingerprint to compare."""
    fp = (
        f"，指纹 {view.signoff.fingerprint}"
        if view.finalized and view.signoff is not None
        else "，草稿无指纹"
    )
    return f"  自评 {view.id}《{view.title()}》{STATUS_LABELS[view.status]}{fp}"


def cmd_pdf(args: argparse.Namespace) -> int:
    from wjself.report.pdf import write_pdf

    target = output_path(args.output, ".pdf")
    views = load_views(args, args.ids)
    one_period(views)
    now = dt.datetime.now().astimezone()
    write_pdf(views, target, generated_at=now, today=now.date())
    warn_if_changed(views)
    print(f"{target}: 已生成 PDF 报告（{len(views)} 份自评）")
    for view in views:
        print(describe(view))
    return EXIT_OK


def cmd_xlsx(args: argparse.Namespace) -> int:
    from wjself.report.xlsx import write_xlsx

    target = output_path(args.output, ".xlsx")
    views = load_views(args, args.ids)
    write_xlsx(views, target, today=dt.date.today())
    warn_if_changed(views)
    print(f"{target}: 已导出答案、整改和汇总（{len(views)} 份自评）")
    for view in views:
        print(describe(view))
    return EXIT_OK


def cmd_blank(args: argparse.Namespace) -> int:
    from wjself.report.blank import write_blank

    target = output_path(args.output, ".pdf")
    with open_workspace(args) as ws:
        template = ws.templates.parse_ref(args.ref)
        school = ws.schools.get(args.school) if args.school is not None else None
    count = write_blank(
        template, target, school=school, generated_at=dt.datetime.now().astimezone()
    )
    whom = f"，适用于{school.name}" if school else ""
    print(
        f"{target}: 已生成空白自查表《{template.title}》{template.version}（{count} 个检查项{whom}）"
    )
    return EXIT_OK
