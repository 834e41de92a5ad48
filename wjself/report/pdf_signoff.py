"""五、审核与签章: a line for each signer with room to sign, the contact, and the seal box.

Each of 填表人, 审核人 and 校长 gets its own line: the typed name small (so the signature is not
written over it), a blank （签字） space at least ``SIGN_SPACE`` wide, and a date to write by
hand.  Under them the school's contact and phone, the date the report was finalized, and the
square for the school's seal (学校（盖章）) with its own date line, as 公文 place the 落款.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from wjself.core.assessment import AssessmentView
from wjself.core.text import clip
from wjself.report import fonts
from wjself.report.pdf_toc import Heading
from wjself.report.styles import FRAME_WIDTH, INK, RULE, para, styles, table_style
from wjself.report.text import markup

SEAL = 46 * mm  # a round school seal is 42 mm across
SIGN_SPACE = 48 * mm  # the blank to sign in: a signature is 30–45 mm long
SIGN_ROW = 15 * mm  # tall enough for a signature written above the line
HAND_DATE = "____年__月__日"
NAME_LIMIT = 24  # three small lines in the name column: the row's height is fixed
# label, typed name, （签字）, the blank, 日期 ____年__月__日
WIDTHS = (18 * mm, 30 * mm, 19 * mm, SIGN_SPACE, FRAME_WIDTH - 115 * mm)


def signoff(view: AssessmentView, key: str, level: int) -> list[Flowable]:
    s = styles()
    head = Heading(markup("五、审核与签章"), s.h1, key=key, outline="五、审核与签章", level=level)
    statement = para(
        f"本校已对照《{view.template.title}》逐项开展自查，以上情况及所附佐证材料真实、准确。",
        s.body,
    )
    return [
        KeepTogether(
            [head, statement, Spacer(1, 4 * mm), _signers(view), Spacer(1, 6 * mm), _seal(view)]
        )
    ]


def signers(view: AssessmentView) -> list[tuple[str, str]]:
    """(role, typed name) of each line to sign: names are known once the report is final,
    except the principal's, which the school record gives."""
    filled = reviewed = ""
    if view.finalized and view.signoff is not None:
        filled, reviewed = view.signoff.filled_by, view.signoff.reviewed_by
    return [("填表人", filled), ("审核人", reviewed), ("校长", view.school.principal)]


def _signers(view: AssessmentView) -> Table:
    s = styles()
    data = [
        [
            para(role, s.sign_label),
            para(clip(name, NAME_LIMIT), s.sign_name),
            para("（签字）", s.sign_label),
            "",
            para(f"日期　{HAND_DATE}", s.sign_label),
        ]
        for role, name in signers(view)
    ]
    table = Table(data, colWidths=list(WIDTHS), rowHeights=[SIGN_ROW] * len(data))
    table.setStyle(
        table_style(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.SANS),
                ("TEXTCOLOR", (0, 0), (-1, -1), INK),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LINEBELOW", (3, 0), (3, -1), 0.7, INK),
            ]
        )
    )
    return table


def _seal(view: AssessmentView) -> Table:
    s = styles()
    school = view.school
    facts = [f"联系人：{school.contact or '—'}", f"联系电话：{school.phone or '—'}"]
    if view.finalized and view.signoff is not None:
        d = view.signoff.finalized_at.date()
        facts.append(f"定稿日期：{d.year}年{d.month}月{d.day}日")
    else:
        facts.append("定稿日期：尚未定稿")
    left = [para(line, s.sign_label) for line in facts]
    seal = [
        para("学校（盖章）", s.sign_label),
        Spacer(1, SEAL - 16 * mm),
        para(HAND_DATE, s.sign_label),
    ]
    table = Table([[left, seal]], colWidths=[FRAME_WIDTH - SEAL - 6 * mm, SEAL + 6 * mm])
    table.setStyle(
        table_style(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.SANS),
                ("VALIGN", (0, 0), (0, 0), "BOTTOM"),
                ("VALIGN", (1, 0), (1, 0), "TOP"),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
                ("LEFTPADDING", (1, 0), (1, 0), 8),
                ("TOPPADDING", (1, 0), (1, 0), 6),
                ("BOX", (1, 0), (1, 0), 0.6, RULE),
            ]
        )
    )
    return table
