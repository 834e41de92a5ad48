"""``wjself rectification ...``: the 整改 ledger from the command line — list the entries, plan
one (措施, 责任人, 期限), record it done and verified — with the checks of the window's
rectifications page (``core.rectification_status``, ``core.rectification_plan`` and the
store's ``normalized``).

Entries exist for the 不符合 items (the store makes them when the answer is given); like the
rectifications page, progress and plan may still be recorded after the assessment is
finalized: 整改 is follow-up work, outside the fingerprint.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Any

from wjself.cli.common import EXIT_OK, open_workspace, print_json, record_id
from wjself.core import rectification_status as steps
from wjself.core.assessment import RECT_STATUS_LABELS, AssessmentView, Rectification, RectStatus
from wjself.core.assessment_json import rectification_dict
from wjself.core.errors import InputError, Problem
from wjself.core.rectification_plan import due_problems, read_date
from wjself.core.template import Template
from wjself.core.text import clip

if TYPE_CHECKING:
    from wjself.store.workspace import Workspace


def _date(text: str) -> dt.date:
    """argparse type of the date options: a usage error (exit 2) when it is no date."""
    try:
        return read_date(text, "日期", "")
    except InputError as exc:
        raise argparse.ArgumentTypeError(exc.problems[0].message) from None


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("rectification", help="整改：列出、制定措施、完成、验收")
    sub = parser.add_subparsers(dest="rect_command", required=True, metavar="COMMAND")

    listing = sub.add_parser("list", help="列出整改记录（逾期在前）")
    listing.add_argument("assessment", nargs="?", type=record_id, metavar="ASSESSMENT")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(handler=cmd_list)

    plan = sub.add_parser(
        "set", help="填写不符合项的整改措施、责任人、整改期限（未给出的保持不变）"
    )
    plan.add_argument("assessment", type=record_id, metavar="ASSESSMENT")
    plan.add_argument("code", metavar="CODE", help="检查项代码")
    plan.add_argument("--measure", metavar="M", help="整改措施")
    plan.add_argument("--owner", metavar="O", help="责任人")
    plan.add_argument("--due", metavar="YYYY-MM-DD", help="整改期限（不早于自评开始日期）")
    plan.add_argument("--problem", metavar="P", help="存在问题（默认取答案的备注）")
    plan.set_defaults(handler=cmd_set)

    done = sub.add_parser("done", help="记录整改完成")
    done.add_argument("assessment", type=record_id, metavar="ASSESSMENT")
    done.add_argument("code", metavar="CODE", help="检查项代码")
    done.add_argument("--on", type=_date, metavar="DATE", help="完成日期（默认今天，不晚于今天）")
    done.add_argument(
        "--note", metavar="TEXT", help="完成情况（记在整改措施之后，以“完成情况：”开头）"
    )
    done.set_defaults(handler=cmd_done)

    verify = sub.add_parser("verify", help="记录整改验收（须先完成）")
    verify.add_argument("assessment", type=record_id, metavar="ASSESSMENT")
    verify.add_argument("code", metavar="CODE", help="检查项代码")
    verify.add_argument("--on", type=_date, metavar="DATE", help="验收日期（默认今天）")
    verify.add_argument("--by", metavar="NAME", help="验收人（默认为当前操作人）")
    verify.set_defaults(handler=cmd_verify)


def _entry(ws: Workspace, assessment: int, code: str) -> tuple[AssessmentView, Rectification]:
    """The view of ``assessment`` and its entry for ``code``, or InputError saying why none."""
    view = ws.assessments.view(assessment)
    rect = view.rectification_for(code)
    if rect is not None:
        return view, rect
    if view.template.item(code) is None:
        what = f"检查项“{clip(code, 30)}”不在自评 {assessment} 的模板 {view.template.key} 中"
    else:
        what = (
            f"检查项 {code} 没有整改记录：整改记录在该项结果为“不符合”时自动建立"
            f"（wjself answer set {assessment} {code} 不符合）"
        )
    raise InputError([Problem(what, field="code")])


def _line(r: Rectification, today: dt.date, item_text: str = "") -> str:
    due = r.due.isoformat() if r.due else "未定"
    flags = "（已逾期）" if r.overdue(today) else ""
    if r.obsolete:
        flags += "（该项已不再是不符合）"
    text = f"{r.assessment_id}\t{r.code}\t{RECT_STATUS_LABELS[r.status]}{flags}\t期限 {due}\t"
    text += f"责任人 {r.owner or '未填'}\t措施 {clip(r.measure, 40) if r.measure else '未填'}"
    if r.status is not RectStatus.OPEN and r.done_on:
        text += f"\t完成 {r.done_on.isoformat()}"
    if r.status is RectStatus.VERIFIED and r.verified_on:
        text += f"\t验收 {r.verified_on.isoformat()} {r.verified_by}"
    return text + (f"\t{clip(item_text, 30)}" if item_text else "")


def entry_json(r: Rectification, today: dt.date, item_text: str) -> dict[str, Any]:
    return {
        "id": r.id,
        "assessment_id": r.assessment_id,
        **rectification_dict(r),
        "status_label": RECT_STATUS_LABELS[r.status],
        "item_text": item_text,
        "overdue": r.overdue(today),
        "obsolete": r.obsolete,
    }


def cmd_list(args: argparse.Namespace) -> int:
    today = dt.date.today()
    with open_workspace(args) as ws:
        if args.assessment is not None:
            view = ws.assessments.view(args.assessment)
            found, templates = list(view.rectifications), {view.id: view.template}
        else:
            found = [r for s in ws.schools.list() for r in ws.rectifications.for_school(s.id)]
            templates = {i: ws.assessments.template(i) for i in {r.assessment_id for r in found}}
    rows = [(r, _item_text(templates[r.assessment_id], r.code)) for r in found]
    if args.json:
        print_json([entry_json(r, today, text) for r, text in rows])
        return EXIT_OK
    if not rows:
        print("没有整改记录（结果为“不符合”的检查项会自动建立整改记录）")
    for r, text in rows:
        print(_line(r, today, text))
    return EXIT_OK


def _item_text(template: Template, code: str) -> str:
    item = template.item(code)
    return item.text if item is not None else ""


def cmd_set(args: argparse.Namespace) -> int:
    given = [args.measure, args.owner, args.due, args.problem]
    if all(x is None for x in given):
        raise InputError([Problem("请至少给出 --measure、--owner、--due 或 --problem 之一")])
    with open_workspace(args) as ws:
        view, rect = _entry(ws, args.assessment, args.code)
        due = rect.due
        if args.due is not None:
            due = read_date(args.due, "整改期限", "due")
            problems = due_problems(due, view.created_at.date())
            if problems:
                raise InputError(problems)
        wanted = dataclasses.replace(
            rect,
            measure=rect.measure if args.measure is None else args.measure,
            owner=rect.owner if args.owner is None else args.owner,
            problem=rect.problem if args.problem is None else args.problem,
            due=due,
        )
        saved = ws.rectifications.save(wanted)
    print(_line(saved, dt.date.today()))
    return EXIT_OK


def cmd_done(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        _, rect = _entry(ws, args.assessment, args.code)
        if rect.status is RectStatus.VERIFIED:
            raise InputError(
                [Problem(f"检查项 {args.code} 的整改已验收，不能再改完成日期", field="code")]
            )
        if args.note and args.note.strip():
            rect = dataclasses.replace(
                rect,
                measure="\n".join(x for x in (rect.measure, f"完成情况：{args.note.strip()}") if x),
            )
        saved = ws.rectifications.save(steps.mark_done(rect, args.on))
    print(_line(saved, dt.date.today()))
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        _, rect = _entry(ws, args.assessment, args.code)
        if rect.status is RectStatus.OPEN:
            raise InputError(
                [
                    Problem(
                        f"检查项 {args.code} 的整改尚未完成，须先记录完成"
                        f"（wjself rectification done {args.assessment} {args.code} --on 日期）",
                        field="code",
                    )
                ]
            )
        by = ws.operator if args.by is None else args.by
        saved = ws.rectifications.save(steps.mark_verified(rect, by, args.on))
    print(_line(saved, dt.date.today()))
    return EXIT_OK
