"""``wjself assessment ...``: start (optionally prefilled), list, show, upgrade, finalize, reopen
and delete assessments; ``narrative`` (the written 自查报告) is in ``narrative_cmds``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Collection, Sequence
from typing import Any

from wjself.cli import narrative_cmds
from wjself.cli.common import EXIT_OK, open_workspace, print_json, record_id
from wjself.cli.school_cmds import school_json
from wjself.core.assessment import (
    RECT_STATUS_LABELS,
    STATUS_LABELS,
    AssessmentSummary,
    AssessmentView,
    HistoryEntry,
    HistoryReason,
    Status,
    set_aside_shown,
)
from wjself.core.assessment_json import answer_fields, rectification_dict
from wjself.core.codec import content_hash
from wjself.core.counts import Counts
from wjself.core.narrative import PARTS
from wjself.core.previous import comparison
from wjself.core.scoring import OUTCOME_LABELS, Outcome, Score, Tally
from wjself.core.target_words import school_target_words
from wjself.core.text import percent_text, rounded
from wjself.core.values import display


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("assessment", help="自评：新建、列出、查看、定稿、撤销定稿")
    sub = parser.add_subparsers(dest="assessment_command", required=True, metavar="COMMAND")

    new = sub.add_parser("new", help="新建自评；输出自评编号")
    new.add_argument("--school", required=True, type=record_id, metavar="ID", help="学校编号")
    new.add_argument(
        "--template", required=True, metavar="ID[@VERSION]", help="模板（默认最新版本）"
    )
    new.add_argument("--period", required=True, metavar="P", help="期间，如 2024")
    new.add_argument(
        "--prefill-from",
        type=record_id,
        metavar="ID",
        help="按检查项代码预填本校一份已定稿自评的答案、备注和佐证（不适合新题目的答案放在题目旁供参考）",
    )
    new.set_defaults(handler=cmd_new)

    listing = sub.add_parser("list", help="列出自评")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.add_argument("--school", type=record_id, metavar="ID", help="只列出该学校的")
    listing.add_argument("--period", metavar="P", help="只列出该期间的")
    listing.add_argument("--status", choices=[s.value for s in Status], help="只列出草稿或已定稿的")
    listing.set_defaults(handler=cmd_list)

    show = sub.add_parser("show", help="查看进度、得分、答案和整改")
    show.add_argument("id", type=record_id, metavar="ID")
    show.add_argument("--json", action="store_true", help="以 JSON 输出")
    show.set_defaults(handler=cmd_show)

    upgrade = sub.add_parser(
        "upgrade",
        help="把草稿升级到所用模板的新版本（先预览：--dry-run）；答案按检查项代码沿用，不删除任何内容",
    )
    upgrade.add_argument("id", type=record_id, metavar="ID")
    upgrade.add_argument("--to", required=True, metavar="VERSION", help="已安装的新版本号")
    upgrade.add_argument("--dry-run", action="store_true", help="只显示会发生什么，不作改动")
    upgrade.add_argument("--json", action="store_true", help="以 JSON 输出（格式见文档）")
    upgrade.add_argument(
        "--basis",
        metavar="HASH",
        help="预览结果中的 basis：草稿在预览后有改动则拒绝升级",
    )
    upgrade.set_defaults(handler=cmd_upgrade)

    finalize = sub.add_parser("finalize", help="定稿（之后只读）")
    finalize.add_argument("id", type=record_id, metavar="ID")
    finalize.add_argument("--filled-by", required=True, metavar="N", help="填表人")
    finalize.add_argument("--reviewed-by", required=True, metavar="N", help="审核人（校长）")
    finalize.set_defaults(handler=cmd_finalize)

    reopen = sub.add_parser("reopen", help="撤销定稿（须说明原因，记入日志）")
    reopen.add_argument("id", type=record_id, metavar="ID")
    reopen.add_argument("--reason", required=True, metavar="TEXT")
    reopen.set_defaults(handler=cmd_reopen)

    delete = sub.add_parser("delete", help="删除草稿（已定稿的不能删除）")
    delete.add_argument("id", type=record_id, metavar="ID")
    delete.set_defaults(handler=cmd_delete)

    narrative_cmds.register(sub)


def cmd_new(args: argparse.Namespace) -> int:
    template_id, _, version = args.template.partition("@")
    with open_workspace(args) as ws:
        if args.prefill_from is None:
            aid = ws.assessments.new(
                args.school, template_id.strip(), version.strip() or None, args.period
            )
        else:
            done = ws.upgrades.new_prefilled(
                args.school,
                template_id.strip(),
                version.strip() or None,
                args.period,
                args.prefill_from,
            )
            aid = done.assessment_id
            c = done.plan.counts
            # stdout stays the id alone (scripts read it); what was prefilled goes to stderr.
            print(
                f"已按自评 {args.prefill_from}（{done.plan.from_version} 版，已定稿）预填 "
                f"{done.plan.to_version} 版新草稿：预填 {c.carried + c.reconfirm} 项"
                f"（其中需重新确认 {c.reconfirm} 项），不预填 {c.set_aside + c.removed} 项，"
                f"新增待填 {c.added_unanswered} 项",
                file=sys.stderr,
            )
    print(aid)
    return EXIT_OK


def cmd_upgrade(args: argparse.Namespace) -> int:
    from wjself.core.upgrade_report import format_plan, plan_to_dict

    with open_workspace(args) as ws:
        if args.dry_run:
            plan = ws.upgrades.plan(args.id, args.to)
            backup = ""
        else:
            done = ws.upgrades.apply(args.id, args.to, basis=args.basis)
            plan, backup = done.plan, done.backup
    if args.json:
        print_json({**plan_to_dict(plan), "applied": not args.dry_run, "backup": backup or None})
        return EXIT_OK
    sys.stdout.write(format_plan(plan, applied=not args.dry_run))
    if args.dry_run:
        print(
            f"\n以上为预览，未作任何改动。确认无误后执行："
            f"wjself assessment upgrade {args.id} --to {plan.to_version} --basis {plan.basis}"
        )
    else:
        print(f"\n升级前的数据库备份：{backup}")
        if plan.reconfirm:
            print(
                f"需重新确认的题目核对后可逐项确认：wjself answer confirm {args.id} 检查项代码"
                "（或直接重新填写）"
            )
    return EXIT_OK


def summary_json(x: AssessmentSummary) -> dict[str, Any]:
    return {
        "id": x.id,
        "school_id": x.school_id,
        "school_name": x.school_name,
        "template_id": x.template_id,
        "template_version": x.template_version,
        "template_title": x.template_title,
        "period": x.period,
        "status": x.status.value,
        "answered": x.answered,
        "applicable": x.applicable,
        "percent": x.percent,
        "percent_display": percent_text(x.percent) if x.answered else "",
        "band": x.band,
        "open_rectifications": x.open_rectifications,
        "overdue_rectifications": x.overdue_rectifications,
        "updated_at": x.updated_at.isoformat(),
    }


def cmd_list(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        rows = ws.assessments.list(
            args.school, args.period, Status(args.status) if args.status else None
        )
    if args.json:
        print_json([summary_json(x) for x in rows])
        return EXIT_OK
    if not rows:
        print("没有自评；用“wjself assessment new --school ID --template ID --period 2024”新建")
    for x in rows:
        if not x.answered:  # 0 % of nothing answered is no verdict yet
            score = "未开始"
        else:
            score = "—" if x.percent is None else f"{percent_text(x.percent)} {x.band}"
        rect = f"整改 {x.open_rectifications}" + (
            f"（逾期 {x.overdue_rectifications}）" if x.overdue_rectifications else ""
        )
        print(
            f"{x.id}\t{STATUS_LABELS[x.status]}\t{x.period}\t{x.school_name}\t"
            f"《{x.template_title}》{x.template_version}\t{x.answered}/{x.applicable}\t{score}\t{rect}"
        )
    return EXIT_OK


def _tally(t: Tally) -> dict[str, Any]:
    return {
        "items": t.items,
        "applicable": t.applicable,
        "answered": t.answered,
        "met": t.met,
        "partial": t.partial,
        "not_met": t.not_met,
        "na": t.na,
        # na = excluded + declared_na: the profile's and the school's own 不适用 apart
        "excluded": Counts.of(t).excluded,
        "declared_na": Counts.of(t).declared_na,
        "earned": round(t.earned, 4),
        "possible": round(t.possible, 4),
        "percent": t.percent,
        "percent_display": percent_text(t.percent),
    }


def history_json(entry: HistoryEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "code": entry.code,
        "reason": entry.reason,
        "item_text": entry.item_text,
        "value": entry.value,
        "display": entry.shown,
        "earlier_set_aside": entry.earlier_set_aside,
        "note": entry.note,
        "evidence": [
            {"name": e.name, "sha256": e.sha256, "size": e.size, "media_type": e.media_type}
            for e in entry.evidence
        ],
        "rectifications": list(entry.rectification_ids),
        "message": entry.message,
        "from_version": entry.from_version,
        "to_version": entry.to_version,
        "at": entry.at.isoformat(),
        "who": entry.who,
    }


def _answers_json(
    view: AssessmentView, result: Score, history: Sequence[HistoryEntry]
) -> list[dict[str, Any]]:
    """Every item of ``view`` with its outcome and answer, in the template's order."""
    answers = []
    for section in view.template.sections:
        for item in section.items:
            r = result.items[item.code]
            a = view.answers.get(item.code)
            value = a.value if a else None
            answers.append(
                {
                    "code": item.code,
                    "section": section.code,
                    "text": item.text,
                    "kind": item.kind.value,
                    "required": item.required,
                    "outcome": r.outcome.value,
                    "outcome_label": OUTCOME_LABELS[r.outcome],
                    "reason": r.reason,
                    "value": value,
                    "display": display(item, value),
                    "target": school_target_words(item, view.school.stages),
                    **answer_fields(a),
                    "set_aside": a.set_aside if a else None,
                    "set_aside_display": (
                        set_aside_shown(item.code, a.set_aside, history, item)
                        if a is not None and a.set_aside is not None
                        else ""
                    ),
                    "evidence": [
                        {
                            "id": e.id,
                            "name": e.name,
                            "sha256": e.sha256,
                            "size": e.size,
                            "media_type": e.media_type,
                        }
                        for e in (a.evidence if a else ())
                    ],
                }
            )
    return answers


def view_json(
    view: AssessmentView, today: dt.date, history: Sequence[HistoryEntry] = ()
) -> dict[str, Any]:
    """``assessment show --json``: everything a script needs about one assessment."""
    result = view.score()
    codes = {item.code for item in view.template.items()}
    answers = _answers_json(view, result, history)
    overall = result.overall
    return {
        "id": view.id,
        "title": view.title(),
        "school": school_json(view.school),
        "template": {
            "id": view.template.id,
            "version": view.template.version,
            "title": view.template.title,
            "sha256": content_hash(view.template),
            "review_period": view.template.review_period,
        },
        "period": view.period,
        "status": view.status.value,
        "created_at": view.created_at.isoformat(),
        "updated_at": view.updated_at.isoformat(),
        "progress": {
            "answered": overall.answered,
            "applicable": overall.applicable,
            "percent": float(rounded(100.0 * overall.progress)),
        },
        "score": {
            "percent": result.percent,
            "percent_display": percent_text(result.percent),
            "band": result.band,
            "overall": _tally(overall),
            "sections": [
                {"code": s.code, "title": s.title, **_tally(s.tally)} for s in result.sections
            ],
        },
        "answers": answers,
        "rectifications": [
            {
                "id": r.id,
                **rectification_dict(r),
                "overdue": r.overdue(today),
                "obsolete": r.obsolete,
                "detached": r.code not in codes,
            }
            for r in view.rectifications
        ],
        "signoff": None
        if view.signoff is None
        else {
            "filled_by": view.signoff.filled_by,
            "reviewed_by": view.signoff.reviewed_by,
            "finalized_at": view.signoff.finalized_at.isoformat(),
            "fingerprint": view.signoff.fingerprint,
        },
        "upgraded_from": view.upgraded_from,
        "previous": None if view.previous is None else previous_json(view, result),
        "history": [history_json(e) for e in history],
        "review": review_json(view),
        "counts": Counts.of(overall).as_dict(),
        "narrative": view.narrative.as_dict(),
    }


def review_json(view: AssessmentView) -> dict[str, Any] | None:
    """The bureau's latest review of the assessment (``review import``), or None."""
    if view.review is None:
        return None
    r = view.review.review
    current = view.signoff.fingerprint if view.finalized and view.signoff else None
    return {
        "verdict": r.verdict.value,
        "reason": r.reason,
        "reviewer": r.reviewer,
        "reviewed_at": r.reviewed_at.isoformat(),
        "fingerprint": r.fingerprint,
        "for_current_version": view.review.for_fingerprint(current),
        "key_id": view.review.key_id,
        "imported_at": view.review.imported_at.isoformat(),
        "comments": [{"code": c.code, "text": c.text} for c in r.comments],
    }


def review_line(view: AssessmentView) -> str:
    """``退回修改：原因（2024-12-20，督导室 张三）`` for ``assessment show``."""
    assert view.review is not None
    r = view.review.review
    current = view.signoff.fingerprint if view.finalized and view.signoff else None
    earlier = "" if view.review.for_fingerprint(current) else "；针对较早的版本"
    return f"{r.verdict_line()}（{r.reviewed_at:%Y-%m-%d}，{r.reviewer or '未署名'}{earlier}）"


def previous_json(view: AssessmentView, result: Score) -> dict[str, Any]:
    """The period before's result (``AssessmentView.previous``) and the words the PDF prints."""
    p = view.previous
    assert p is not None
    return {
        "assessment_id": p.assessment_id,
        "period": p.period,
        "template_version": p.template_version,
        "percent": p.percent,
        "percent_display": percent_text(p.percent),
        "band": p.band,
        "text": comparison(p, result),
    }


def _print_head(view: AssessmentView, result: Score) -> None:
    """The lines above the sections: school, template, period, progress, sign-off, review."""
    t = view.template
    out = sys.stdout
    overall = result.overall
    print(f"自评 {view.id}：{view.title()}", file=out)
    print(f"学校：{view.school.name}（{view.school.code}）", file=out)
    upgraded = f"（由 {view.upgraded_from} 版升级）" if view.upgraded_from else ""
    print(f"模板：{t.id} {t.version}《{t.title}》{upgraded}", file=out)
    if t.review_period:
        print(f"自查时段：{t.review_period}", file=out)
    print(f"期间：{view.period}    状态：{STATUS_LABELS[view.status]}    "
          f"更新于：{view.updated_at:%Y-%m-%d %H:%M}", file=out)  # fmt: skip
    if not overall.answered:  # 0 % of nothing answered is no verdict yet
        score = "未开始"
    else:
        score = (
            "—" if result.percent is None else f"{percent_text(result.percent)}（{result.band}）"
        )
    print(f"进度：{overall.answered}/{overall.applicable} 项已填    得分：{score}", file=out)
    print(f"项目：{Counts.of(overall).sentence()}", file=out)
    written = len(view.narrative.written())
    print(f"自查报告：{written}/{len(PARTS)} 部分已填写（wjself assessment narrative {view.id}）",
          file=out)  # fmt: skip
    if view.previous is not None:
        print(comparison(view.previous, result), file=out)
    if view.signoff:
        so = view.signoff
        print(
            f"定稿：{so.finalized_at:%Y-%m-%d %H:%M}  填表人 {so.filled_by}  审核人 {so.reviewed_by}",
            file=out,
        )
        print(f"指纹：{so.fingerprint}", file=out)
    if view.review is not None:
        print(f"区教育局审阅：{review_line(view)}", file=out)


def cmd_show(args: argparse.Namespace) -> int:
    today = dt.date.today()
    with open_workspace(args) as ws:
        view = ws.assessments.view(args.id)
        history = ws.answers.history(args.id)
    if args.json:
        print_json(view_json(view, today, history))
        return EXIT_OK
    result = view.score()
    t = view.template
    out = sys.stdout
    _print_head(view, result)
    print("", file=out)
    for section in result.sections:
        pct = percent_text(section.tally.percent)
        print(
            f"{section.title}    {pct}    {section.tally.answered}/{section.tally.applicable}",
            file=out,
        )
    print("", file=out)
    for item in t.items():
        r = result.items[item.code]
        a = view.answers.get(item.code)
        shown = display(item, a.value) if a and a.value is not None else OUTCOME_LABELS[r.outcome]
        line = f"{item.code}  [{shown}]  {item.text}"
        if r.reason:
            line += f"（{r.reason}）"
        print(line, file=out)
        if r.counts and (target := school_target_words(item, view.school.stages)):
            print(f"      目标：{target}", file=out)
        if a and a.needs_reconfirm:
            print(
                f"      模板已修订，待重新确认（wjself answer confirm {view.id} {item.code}）",
                file=out,
            )
        if a and a.set_aside is not None:
            print(
                f"      模板修订前的原答案（已暂存，不计分）：{set_aside_shown(item.code, a.set_aside, history, item)}",
                file=out,
            )
        if a and a.note:
            label = "不适用原因" if r.outcome is Outcome.NA else "备注"
            print(f"      {label}：{a.note}", file=out)
        elif r.outcome is Outcome.NA:
            print("      不适用原因：未说明（定稿前须补充）", file=out)
        if a and a.evidence:
            print(f"      佐证：{'、'.join(e.name for e in a.evidence)}", file=out)
        if view.review is not None and (said := view.review.review.comment_for(item.code)):
            print(f"      督学意见：{said}", file=out)
    print_rectifications(view, result.items.keys())
    print_history(history)
    return EXIT_OK


def print_rectifications(view: AssessmentView, scored: Collection[str]) -> None:
    """整改清单: one line per entry, flagged when overdue, detached or no longer 不符合."""
    if not view.rectifications:
        return
    out = sys.stdout
    print("", file=out)
    print("整改清单", file=out)
    today = dt.date.today()
    for rect in view.rectifications:
        due = rect.due.isoformat() if rect.due else "未定"
        flag = "（已逾期）" if rect.overdue(today) else ""
        if rect.code not in scored:
            flag += "（模板修订后已无此检查项）"
        elif rect.obsolete:
            flag += "（该项已不再是不符合）"
        print(
            f"{rect.code}  {RECT_STATUS_LABELS[rect.status]}{flag}  措施：{rect.measure or '未填'}  "
            f"责任人：{rect.owner or '未填'}  期限：{due}",
            file=out,
        )


def print_history(history: Sequence[HistoryEntry]) -> None:
    """The answers template upgrades took out of use, one block each."""
    if not history:
        return
    print("")
    print("答案历史（模板升级时暂存或移出的答案）")
    for e in history:
        reason = "暂存" if e.reason == HistoryReason.SET_ASIDE else "题目已删除"
        print(f"{e.code}  [{e.shown or '未作答'}]  {reason}  {e.from_version} → {e.to_version}  "
              f"{e.at:%Y-%m-%d %H:%M} {e.who}")  # fmt: skip
        print(f"      {e.item_text}")
        if e.note:
            print(f"      备注：{e.note}")
        if e.evidence:
            print(f"      佐证：{'、'.join(x.name for x in e.evidence)}")
        if e.rectification_ids:
            print(f"      整改记录：{'、'.join(map(str, e.rectification_ids))}（保留在整改清单中）")


def cmd_finalize(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        signoff = ws.assessments.finalize(args.id, args.filled_by, args.reviewed_by)
    print(f"自评 {args.id} 已定稿，指纹 {signoff.fingerprint}")
    return EXIT_OK


def cmd_reopen(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        ws.assessments.reopen(args.id, args.reason)
    print(f"自评 {args.id} 已撤销定稿，恢复为草稿")
    return EXIT_OK


def cmd_delete(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        ws.assessments.delete(args.id)
    print(f"自评 {args.id} 已删除")
    return EXIT_OK
