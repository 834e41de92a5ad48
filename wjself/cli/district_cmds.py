"""``wjself --district DIR district ...``: the bureau receives, lists and reads bundles.

``import`` prints one line per file worth knowing about (a school's key seen for the first
time, an unsigned bundle, one kept as history) and one line per refused file to stderr
("文件: 学校 代码: 原因"), then ``接收 N / 替换 N / 拒收 N / 已导入 N``.  Exit 0 when no
file was refused, 2 when any was (what was accepted stays accepted; re-running with the
same files is harmless: a file already imported is a no-op).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wjself.cli import district_review_cmds
from wjself.cli.common import EXIT_INPUT, EXIT_OK, print_json, record_id
from wjself.core.errors import InputError, Problem

if TYPE_CHECKING:
    from wjself.district import DistrictFilter, DistrictWorkspace, ReceivedRow

DISTRICT_HELP = "区教育局端的数据文件夹（district 命令必须给出）"


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "district", help="区教育局端：接收、查看、比较学校的数据包（需 --district DIR）"
    )
    sub = parser.add_subparsers(dest="district_command", required=True, metavar="COMMAND")

    imp = sub.add_parser(
        "import", help="接收数据包（.wjsa 文件或文件夹）：核验后保存；全部接收返回 0，有拒收返回 2"
    )
    imp.add_argument("paths", nargs="+", metavar="FILE.wjsa|DIR", help="数据包文件或文件夹")
    imp.set_defaults(handler=cmd_import)

    roster = sub.add_parser(
        "roster", help="导入学校名单（CSV：学校标识码、学校名称、镇街、学段），用于统计未报送的学校"
    )
    roster.add_argument("file", metavar="FILE.csv")
    roster.set_defaults(handler=cmd_roster)

    missing = sub.add_parser("missing", help="列出尚未报送的检查表（已知学校 × 适用的检查表）")
    missing.add_argument("--period", default=None, help="自评周期（默认：最近收到的周期）")
    missing.add_argument("--township", default=None, help="只列出该镇街")
    missing.add_argument("--json", action="store_true", help="以 JSON 输出")
    missing.set_defaults(handler=cmd_missing)

    listing = sub.add_parser("list", help="列出已接收的自评（每校每表每期的最新一份）")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    for name, label in (
        ("township", "镇街"),
        ("stage", "学段"),
        ("template", "检查表模板 ID"),
        ("period", "自评周期"),
        ("text", "学校名称或代码中的文字"),
    ):
        listing.add_argument(f"--{name}", default=None, help=f"只列出该{label}")
    listing.set_defaults(handler=cmd_list)

    show = sub.add_parser("show", help="查看一份已接收的自评（与学校所见相同）")
    show.add_argument("id", type=record_id, metavar="ID", help="接收编号（district list 第一列）")
    show.add_argument("--json", action="store_true", help="以 JSON 输出")
    show.set_defaults(handler=cmd_show)
    district_review_cmds.add_commands(sub)  # review comment|verdict|export, report pdf|xlsx


@contextlib.contextmanager
def open_bureau(args: argparse.Namespace) -> Iterator[DistrictWorkspace]:
    """The bureau folder of ``--district``, opened with logging as the composition root does."""
    folder = getattr(args, "district", None)
    if not folder:
        raise InputError(
            [
                Problem(
                    "district 命令需要区教育局端的数据文件夹：wjself --district 文件夹 district …"
                )
            ]
        )
    from wjself.app import begin
    from wjself.district import open_district

    startup = begin(folder)
    dws = open_district(startup.paths.root)
    for warning in dws.workspace.warnings:
        print(f"wjself: 注意：{warning}", file=sys.stderr)
    try:
        yield dws
    finally:
        dws.close()


def cmd_import(args: argparse.Namespace) -> int:
    from wjself.district import import_bundles
    from wjself.district.importing import expand

    paths = [Path(p) for p in args.paths]
    if not expand(paths):
        raise InputError([Problem("没有找到 .wjsa 数据包", str(p)) for p in paths])
    with open_bureau(args) as dws:
        summary = import_bundles(dws, paths)
    for line in summary.accepted + summary.replaced:
        if line.reason:
            print(f"{line.line()}（接收编号 {line.received_id}）")
    for line in summary.already:
        print(line.line())
    for line in summary.refused:
        print(line.line(), file=sys.stderr)
    print(
        f"接收 {len(summary.accepted)} / 替换 {len(summary.replaced)} / "
        f"拒收 {len(summary.refused)} / 已导入 {len(summary.already)}"
    )
    return EXIT_INPUT if summary.refused else EXIT_OK


def cmd_roster(args: argparse.Namespace) -> int:
    from wjself.district.roster import import_roster

    with open_bureau(args) as dws:
        count = import_roster(dws, Path(args.file))
    print(f"{args.file}: 已登记 {count} 所学校")
    return EXIT_OK


def cmd_missing(args: argparse.Namespace) -> int:
    from wjself.district import DistrictFilter, missing

    with open_bureau(args) as dws:
        rows = missing(dws, DistrictFilter(period=args.period, township=args.township))
    if args.json:
        print_json(
            [{"school": {"code": m.school_code, "name": m.school_name, "township": m.township},
              "template": {"id": m.template_id, "title": m.template_title}, "period": m.period}
             for m in rows]
        )  # fmt: skip
        return EXIT_OK
    for m in rows:
        print(
            f"{m.period}\t{m.township or '—'}\t{m.school_name}（{m.school_code}）\t《{m.template_title}》"
        )
    print(f"共 {len(rows)} 份未报送", file=sys.stderr)
    return EXIT_OK


def _filter(args: argparse.Namespace) -> DistrictFilter:
    from wjself.district import DistrictFilter

    return DistrictFilter(
        township=args.township or None,
        stage=args.stage or None,
        template_id=args.template or None,
        period=args.period or None,
        text=args.text or "",
    )


def row_json(r: ReceivedRow) -> dict[str, Any]:
    return {
        "id": r.id,
        "school": {"code": r.school_code, "name": r.school_name, "township": r.township,
                   "stages": list(r.stages)},
        "template": {"id": r.template_id, "version": r.template_version,
                     "title": r.template_title},
        "period": r.period,
        "status": r.status,
        "score": r.score,
        "rating": r.rating,
        "previous": {"period": r.previous_period, "score": r.previous_score, "change": r.change},
        "finalized_at": r.finalized_at.isoformat() if r.finalized_at else None,
        "received_at": r.received_at.isoformat(),
        "signature": r.signature,
        "key_id": r.key_id,
        "trust": r.trust,
        "fingerprint": r.fingerprint,
        "current": r.current,
        "note": r.note,
    }  # fmt: skip


def cmd_list(args: argparse.Namespace) -> int:
    from wjself.district import list_received

    with open_bureau(args) as dws:
        rows = list_received(dws, _filter(args))
    if args.json:
        print_json([row_json(r) for r in rows])
        return EXIT_OK
    if not rows:
        print("没有已接收的自评", file=sys.stderr)
        return EXIT_OK
    for r in rows:
        score = "—" if r.score is None else f"{r.score:g}% {r.rating}"
        change = "" if r.change is None else f"（较 {r.previous_period} {r.change:+g}）"
        flag = f"  {r.note}" if r.note else ""
        print(
            f"{r.id}\t{r.period}\t{r.township or '—'}\t{r.school_name}（{r.school_code}）\t"
            f"《{r.template_title}》{r.template_version}\t{score}{change}{flag}"
        )
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from wjself.cli.assessment_cmds import view_json
    from wjself.district import history, received_view

    with open_bureau(args) as dws:
        view = received_view(dws, args.id)
        versions = history(dws, args.id)
    row = next((r for r in versions if r.id == args.id), None)
    assert row is not None  # received_view found it
    if args.json:
        print_json({**view_json(view, dt.date.today()), "received": row_json(row),
                    "history": [row_json(r) for r in versions]})  # fmt: skip
        return EXIT_OK
    _print_view(view, row, versions)
    return EXIT_OK


def _print_view(view: Any, row: ReceivedRow, versions: list[ReceivedRow]) -> None:
    from wjself.core.scoring import OUTCOME_LABELS
    from wjself.core.values import display

    result = view.score()
    print(f"接收编号 {row.id}：{view.title()}")
    print(f"学校：{row.school_name}（{row.school_code}）  镇街：{row.township or '—'}")
    print(
        f"检查表：{row.template_id} {row.template_version}《{row.template_title}》  期间：{row.period}"
    )
    score = "—" if row.score is None else f"{row.score:g}%（{row.rating}）"
    print(f"得分：{score}  指纹：{row.fingerprint}")
    signed = f"有效，密钥 {row.key_id}" if row.signature == "valid" else row.note or row.signature
    print(f"签名：{signed}  接收于：{row.received_at:%Y-%m-%d %H:%M}")
    if not row.current:
        print("注意：这不是该校该表该期的最新一份（已被替换或较早）")
    if len(versions) > 1:
        print(
            "历次接收：" + "；".join(f"{r.id}{'（当前）' if r.current else ''}" for r in versions)
        )
    print("")
    for item in view.template.items():
        r = result.items[item.code]
        a = view.answers.get(item.code)
        shown = display(item, a.value) if a and a.value is not None else OUTCOME_LABELS[r.outcome]
        print(f"{item.code}  [{shown}]  {item.text}")
        if a and a.note:
            print(f"      备注：{a.note}")
        if a and a.evidence:
            print(f"      佐证：{'、'.join(e.name for e in a.evidence)}")
    for rect in view.rectifications:
        due = rect.due.isoformat() if rect.due else "—"
        print(f"整改 {rect.code}：{rect.measure}（{rect.owner}，期限 {due}，{rect.status.value}）")
