"""The cover page of one assessment: who, what, when, the result, and the fingerprint."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from wjself.core.assessment import STATUS_LABELS, AssessmentView
from wjself.core.fingerprint import assessment_fingerprint
from wjself.core.previous import comparison
from wjself.core.scoring import Score
from wjself.core.text import clip, percent_text
from wjself.report import fonts
from wjself.report.pdf_toc import Heading
from wjself.report.qr import QrCode
from wjself.report.styles import (
    ACCENT,
    BAD,
    BAD_FILL,
    FRAME_WIDTH,
    GRID,
    HEAD_FILL,
    MUTED,
    RULE,
    SUBTLE_FILL,
    WARN,
    WARN_FILL,
    para,
    rich,
    span,
    styles,
    table_style,
)
from wjself.report.text import markup, printable

QR_SIZE = 36 * mm  # a version-12 code (about 290 bytes) at ≈0.5 mm a module scans from paper


def qr_text(view: AssessmentView) -> str:
    """What a phone shows when the cover's QR code is scanned: what the paper is, whose, which
    checklist and period, and the full fingerprint to compare with the bundle."""
    t = view.template
    lines = [
        "武进学校自评 自查报告",
        f"学校：{_qr_field(view.school.name, 40)}（{_qr_field(view.school.code, 12)}）",
        f"自查表：{_qr_field(t.title, 40)} {_qr_field(t.version, 16)}",
        f"时段：{_qr_field(view.period, 12)} 年度",
    ]
    if view.finalized and view.signoff is not None:
        lines.append(f"状态：已定稿 {view.signoff.finalized_at.date().isoformat()}")
        lines.append(f"指纹：{view.signoff.fingerprint}")
    else:
        lines.append("状态：草稿（无指纹）")
    return "\n".join(lines)


def _qr_field(text: str, limit: int) -> str:
    """One field on one line: a line break or tab in a name must not start a line of its own
    (the phone shows the lines as they are), and a long name is clipped."""
    return clip(" ".join(printable(text).split()), limit)


def cover(
    view: AssessmentView, score: Score, key: str, level: int, generated: str = ""
) -> list[Flowable]:
    """Flowables of the cover page (the caller starts a new page before and after);
    ``generated`` is when this copy is made, printed on a draft's cover."""
    s = styles()
    t = view.template
    out: list[Flowable] = [Spacer(1, 4 * mm)]
    out.append(para("学校自查报告", s.cover_kicker))
    out.append(Spacer(1, 5 * mm))
    out.append(
        Heading(
            markup(f"《{view.title()}》"), s.cover_title, key=key, outline=view.title(), level=level
        )
    )
    out.append(Spacer(1, 3 * mm))
    out.append(para(t.title, s.cover_sub))
    out.append(Spacer(1, 6 * mm))
    out.append(_facts(view, generated))
    out.append(Spacer(1, 6 * mm))
    out.append(_result(view, score))
    out.append(Spacer(1, 6 * mm))
    out.extend(_fingerprint(view))
    return out


def _facts(view: AssessmentView, generated: str) -> Table:
    """Who and what, two short facts to a row: the school as its record (or, once final, its
    snapshot) gives it, then the checklist, the period and the state."""
    s = styles()
    t = view.template
    school = view.school
    code_line = f"{t.id}　版本 {t.version}"
    if view.upgraded_from:
        code_line += f"（由版本 {view.upgraded_from} 升级）"
    rows: list[tuple[str, ...]] = [
        ("学校名称", school.name),
        ("学校标识码", school.code, "学段", "、".join(school.stages) or "—"),
        ("所属镇街", school.township or "—", "校长", school.principal or "—"),
        ("联系人", school.contact or "—", "联系电话", school.phone or "—"),
        ("地址", school.address or "—"),
        ("检查表", t.title),
        ("模板编号", code_line),
        ("发布单位", t.issuer or "—"),
        ("依据", t.plan_ref or "—"),
        ("自评周期", f"{view.period} 年度"),
    ]
    if t.review_period:
        rows.append(("自查时段", t.review_period))
    data: list[list[Any]] = []
    spans: list[tuple[Any, ...]] = []
    for i, row in enumerate(rows):
        cells: list[Any] = [para(row[0], s.cover_label), para(row[1], s.cover_value)]
        if len(row) == 4:
            cells += [para(row[2], s.cover_label), para(row[3], s.cover_value)]
        else:
            cells += ["", ""]
            spans.append(("SPAN", (1, i), (3, i)))
        data.append(cells)
    data.append([para("状态", s.cover_label), _status(view, generated), "", ""])
    spans.append(("SPAN", (1, len(rows)), (3, len(rows))))
    label, value = 24 * mm, (FRAME_WIDTH - 20 * mm - 48 * mm) / 2
    table = Table(data, colWidths=[label, value, label, value], hAlign="CENTER")
    table.setStyle(
        table_style(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.SANS),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("LINEABOVE", (0, 0), (-1, 0), 0.9, ACCENT),
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, GRID),
                ("LINEBELOW", (0, -1), (-1, -1), 0.9, ACCENT),
                *spans,
            ]
        )
    )
    return table


def _status(view: AssessmentView, generated: str) -> Flowable:
    """已定稿 with its date, or 草稿 with the time this copy was made and the last change."""
    s = styles()
    status = STATUS_LABELS[view.status]
    if view.finalized and view.signoff:
        when = view.signoff.finalized_at.date().isoformat()
        return rich(f"{markup(status)}　{span('定稿日期 ' + when, MUTED)}", s.cover_value)
    made = f" · 生成于 {generated}" if generated else ""
    changed = view.updated_at.date().isoformat()
    return rich(
        span(f"{status}{made}", WARN) + "　" + span(f"尚未定稿，最后修改于 {changed}", MUTED),
        s.cover_value,
    )


def _result(view: AssessmentView, score: Score) -> Table:
    s = styles()
    overall = score.overall
    big = styles().cover_title
    cells = [
        ("总得分率", percent_text(score.percent)),
        ("评定等级", score.band or "—"),
        ("已填项目", f"{overall.answered} / {overall.applicable}"),
        ("不符合项", str(overall.not_met)),
    ]
    labels = [para(label, s.head_center) for label, _ in cells]
    values = [
        rich(span(value, BAD if label == "不符合项" and overall.not_met else ACCENT, 17), big)
        for label, value in cells
    ]
    width = (FRAME_WIDTH - 20 * mm) / len(cells)
    rows: list[list[Any]] = [labels, values]
    spans: list[tuple[Any, ...]] = []
    if view.previous is not None:
        # The period before's result under this one, across the box.
        rows.append([para(markup(comparison(view.previous, score)), s.head_center)] + [""] * 3)
        spans = [("SPAN", (0, 2), (-1, 2)), ("BACKGROUND", (0, 2), (-1, 2), HEAD_FILL)]
    table = Table(rows, colWidths=[width] * len(cells), hAlign="CENTER")
    table.setStyle(
        table_style(
            [
                *spans,
                ("FONTNAME", (0, 0), (-1, -1), fonts.SANS),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
                ("BACKGROUND", (0, 1), (-1, 1), SUBTLE_FILL),
                ("BOX", (0, 0), (-1, -1), 0.9, ACCENT),
                ("INNERGRID", (0, 0), (-1, -1), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def _fingerprint(view: AssessmentView) -> list[Flowable]:
    s = styles()
    if not view.finalized or view.signoff is None:
        box = Table(
            [
                [
                    rich(
                        span("草稿无指纹", WARN, 11)
                        + "<br/>"
                        + span(
                            "本报告为草稿，内容仍可修改。学校定稿后生成内容指纹（SHA-256），"
                            "督学可据此核对报告与数据包是否一致。",
                            MUTED,
                        ),
                        s.cell,
                    )
                ]
            ],
            colWidths=[FRAME_WIDTH - 20 * mm],
            hAlign="CENTER",
        )
        box.setStyle(_box_style(WARN_FILL, WARN))
        return [box]
    fp = view.signoff.fingerprint
    # Two lines of four 8-digit groups: easy to read aloud and to compare by eye.
    octets = [fp[i : i + 8] for i in range(0, len(fp), 8)]
    lines = [" ".join(octets[i : i + 4]) for i in range(0, len(octets), 4)]
    text = rich(
        span("内容指纹（SHA-256）", ACCENT, 11)
        + "<br/>"
        + f'<font name="{fonts.MONO}" size="10">{"<br/>".join(map(markup, lines))}</font>'
        + "<br/>"
        + span(
            "指纹由检查表、学校、周期、全部答案与说明、佐证文件的 SHA-256 和签字人姓名计算得出；"
            "内容有任何改动，指纹即不同。手机扫描二维码可见学校、检查表、时段和完整指纹，"
            "与 wjself bundle verify 数据包.wjsa 给出的指纹核对。",
            MUTED,
            9,
        ),
        s.cell,
    )
    box = Table(
        [[text, QrCode(qr_text(view), QR_SIZE)]],
        colWidths=[FRAME_WIDTH - 20 * mm - QR_SIZE - 8 * mm, QR_SIZE + 8 * mm],
        hAlign="CENTER",
    )
    box.setStyle(_box_style(SUBTLE_FILL, RULE))
    out: list[Flowable] = [box]
    actual = assessment_fingerprint(view)
    if actual != fp:
        warn = Table(
            [
                [
                    rich(
                        span("警告：报告内容与定稿指纹不一致", BAD, 11)
                        + "<br/>"
                        + span(
                            f"按当前内容计算的指纹为 {actual}，与定稿时记录的不同；"
                            "内容可能在定稿后被改动，请勿以本报告为准。",
                            BAD,
                        ),
                        s.cell,
                    )
                ]
            ],
            colWidths=[FRAME_WIDTH - 20 * mm],
            hAlign="CENTER",
        )
        warn.setStyle(_box_style(BAD_FILL, BAD))
        out += [Spacer(1, 4 * mm), warn]
    return out


def _box_style(fill: Any, line: Any) -> Any:
    return table_style(
        [
            ("FONTNAME", (0, 0), (-1, -1), fonts.SANS),
            ("BACKGROUND", (0, 0), (-1, -1), fill),
            ("BOX", (0, 0), (-1, -1), 0.8, line),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 7),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
        ]
    )
