"""Templates written as XLSForm workbooks (the layout ``formats/xlsform.py`` reads back).

``xlsform_bytes`` gives the workbook of a template; ``write_xlsform`` writes it atomically.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from wjself.atomic import write_bytes
from wjself.core.numbers import plain_number
from wjself.core.stages import STAGES
from wjself.core.template import (
    DEFAULT_BANDS,
    DEFAULT_PARTIAL_CREDIT,
    Item,
    Kind,
    Option,
    Template,
)
from wjself.core.values import COMPLIANCE_LABELS, YES_NO_LABELS
from wjself.formats.xlsform import (
    CHOICES,
    CHOICES_COLUMNS,
    COMPLIANCE_LIST,
    PERCENT_CONSTRAINT,
    SETTINGS,
    SETTINGS_COLUMNS,
    SURVEY,
    SURVEY_COLUMNS,
    YES_NO_LIST,
)


def xlsform_bytes(t: Template) -> bytes:
    """The template as an XLSForm workbook (bytes of an .xlsx file)."""
    from openpyxl import Workbook

    book = Workbook()
    survey = book.active
    assert survey is not None
    survey.title = SURVEY
    choices = book.create_sheet(CHOICES)
    settings = book.create_sheet(SETTINGS)

    survey.append(list(SURVEY_COLUMNS))
    choices.append(list(CHOICES_COLUMNS))
    settings.append(list(SETTINGS_COLUMNS))

    list_names: dict[tuple[Option, ...], str] = {}
    used_lists: list[tuple[str, tuple[Option, ...]]] = []

    def list_for(item: Item) -> str:
        if item.kind is Kind.COMPLIANCE:
            key: tuple[Option, ...] = tuple(Option(k, v) for k, v in COMPLIANCE_LABELS.items())
            name = COMPLIANCE_LIST
        elif item.kind is Kind.YES_NO:
            key = tuple(Option(k, v) for k, v in YES_NO_LABELS.items())
            name = YES_NO_LIST
        else:
            key = item.options
            name = "opt_" + re.sub(r"[^A-Za-z0-9_]", "_", item.code)
        if key not in list_names:
            while name in list_names.values():
                name += "_"
            list_names[key] = name
            used_lists.append((name, key))
        return list_names[key]

    for section in t.sections:
        survey.append(
            _row(
                {
                    "type": "begin_group",
                    "name": section.code,
                    "label": section.title,
                    "hint": section.description,
                }
            )
        )
        for item in section.items:
            survey.append(_row(_item_cells(item, list_for)))
        survey.append(_row({"type": "end_group", "name": section.code}))

    for name, options in used_lists:
        for option in options:
            choices.append(
                [
                    name,
                    option.name,
                    option.label,
                    "" if option.score is None else plain_number(option.score),
                ]
            )

    settings.append(_settings_row(t))
    _style(survey, choices, settings)

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _settings_row(t: Template) -> list[Any]:
    """The one data row of the settings sheet (defaults left empty)."""
    return [
        t.id,
        t.version,
        t.title,
        t.issuer,
        t.plan_ref,
        t.published.isoformat() if t.published else "",
        t.description,
        " ".join(s for s in STAGES if s in t.stages),
        ""
        if t.bands == DEFAULT_BANDS
        else "; ".join(f"{b.label}: {plain_number(b.minimum)}" for b in t.bands),
        "" if t.partial_credit == DEFAULT_PARTIAL_CREDIT else plain_number(t.partial_credit),
        t.review_period,
    ]


def _style(*sheets: Any) -> None:
    """Text cells stay text, bold shaded frozen headers, readable widths, wrapped survey rows."""
    from openpyxl.styles import Alignment, Font, PatternFill

    survey = sheets[0]
    for sheet in sheets:
        _keep_as_text(sheet)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    widths = {
        "type": 22,
        "name": 14,
        "label": 60,
        "hint": 30,
        "method": 30,
        "evidence": 30,
        "relevant": 24,
    }
    for sheet in sheets:
        sheet.freeze_panes = "A2"
        for cell in sheet[1]:
            cell.font = bold
            cell.fill = fill
            header = str(cell.value)
            sheet.column_dimensions[cell.column_letter].width = widths.get(header, 14)
    for row in survey.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _item_cells(item: Item, list_for: Any) -> dict[str, Any]:
    if item.kind in (Kind.COMPLIANCE, Kind.YES_NO, Kind.SINGLE):
        type_text = f"select_one {list_for(item)}"
    elif item.kind is Kind.MULTIPLE:
        type_text = f"select_multiple {list_for(item)}"
    elif item.kind in (Kind.NUMBER, Kind.PERCENT):
        type_text = "decimal"
    else:
        type_text = item.kind.value
    return {
        "type": type_text,
        "name": item.code,
        "label": item.text,
        "hint": item.guidance,
        "required": "yes" if item.required else "",
        "relevant": item.show_if,
        "constraint": PERCENT_CONSTRAINT if item.kind is Kind.PERCENT else "",
        "clause": item.clause,
        "method": item.method,
        "evidence": item.evidence,
        "target": item.target.to_text(yes_no=item.kind is Kind.YES_NO) if item.target else "",
        "unit": "%" if item.kind is Kind.PERCENT else item.unit,
        "weight": "" if item.weight is None else plain_number(item.weight),
        "applies_to": item.applies.to_text(),
        "stage_targets": "; ".join(
            f"{e.stages_text()}: {e.target.to_text()}" for e in item.stage_targets
        ),
        "allow_na": "yes" if item.allow_na else "",
    }


def _row(cells: dict[str, Any]) -> list[Any]:
    return [cells.get(column, "") for column in SURVEY_COLUMNS]


def _keep_as_text(sheet: Any) -> None:
    """openpyxl stores a string that starts with "=" as a formula; keep such text as text."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"


def write_xlsform(t: Template, path: Path) -> None:
    write_bytes(path, xlsform_bytes(t))
