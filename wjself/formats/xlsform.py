"""Templates as XLSX in the XLSForm layout (sheets ``survey``, ``choices``, ``settings``).

Bureau staff author checklists in Excel or WPS; the file stays a valid XLSForm, so ODK and
KoboToolbox tools read it too.  wjself's own columns (``weight``, ``applies_to``, ``evidence``,
``method``, ``clause``, ``target``, ``unit``, and ``score`` in ``choices``) ride along.

Mapping: ``begin_group``/``end_group`` are sections; compliance and yes/no are ``select_one``
lists named ``compliance`` and ``yes_no``; numbers are ``decimal`` (or ``integer`` on input),
percents are ``decimal`` with unit ``%``; ``relevant`` is the show-if condition and ``hint``
the guidance.  Types wjself cannot ask are refused by name with sheet and row.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from wjself.core.checks import check_template
from wjself.core.codec import parse_stage_target
from wjself.core.errors import Problem
from wjself.core.stages import FACTS, STAGES, normalize_stage, parse_applicability
from wjself.core.targets import TargetSyntaxError, parse_target
from wjself.core.template import (
    Band,
    Item,
    Kind,
    Option,
    Section,
    StageTarget,
    Template,
)
from wjself.core.values import COMPLIANCE_LABELS, YES_NO_LABELS
from wjself.formats.workbook import Sheet, open_workbook, read_sheet, unreadable

SURVEY, CHOICES, SETTINGS = "survey", "choices", "settings"
COMPLIANCE_LIST, YES_NO_LIST = "compliance", "yes_no"

SURVEY_COLUMNS = (
    "type", "name", "label", "hint", "required", "relevant", "constraint",
    "clause", "method", "evidence", "target", "unit", "weight", "applies_to",
    "stage_targets", "allow_na",
)  # fmt: skip
CHOICES_COLUMNS = ("list_name", "name", "label", "score")
SETTINGS_COLUMNS = (
    "form_id", "version", "form_title", "issuer", "plan_ref", "published", "description",
    "stages", "bands", "partial_credit", "review_period",
)  # fmt: skip

PERCENT_CONSTRAINT = ". >= 0 and . <= 100"

# XLSForm types that collect metadata rather than ask anything: skipped, like ODK does.
METADATA_TYPES = frozenset(
    {"start", "end", "today", "deviceid", "phonenumber", "username", "email", "audit",
     "simserial", "subscriberid", "start-geopoint"}
)  # fmt: skip
REFUSED_TYPES: dict[str, str] = {
    "geopoint": "位置（geopoint）",
    "geotrace": "轨迹（geotrace）",
    "geoshape": "区域（geoshape）",
    "image": "图片（image）",
    "audio": "录音（audio）",
    "video": "视频（video）",
    "file": "文件（file）",
    "background-audio": "后台录音",
    "barcode": "条码（barcode）",
    "time": "时间（time）",
    "datetime": "日期时间（datetime）",
    "calculate": "计算（calculate）",
    "hidden": "隐藏字段（hidden）",
    "note": "说明（note）",
    "acknowledge": "确认（acknowledge）",
    "trigger": "确认（trigger）",
    "range": "范围（range）",
    "rank": "排序（rank）",
    "begin_repeat": "重复组（repeat）",
    "end_repeat": "重复组（repeat）",
    "select_one_from_file": "外部选项（select_one_from_file）",
    "select_multiple_from_file": "外部选项（select_multiple_from_file）",
    "xml-external": "外部数据（xml-external）",
    "csv-external": "外部数据（csv-external）",
}


_TRUE = {"yes", "true", "true()", "1", "是", "y"}
_FALSE = {"no", "false", "false()", "0", "否", "n", ""}


# ---------------------------------------------------------------- reading


def _load_sheets(data: bytes, file: str) -> tuple[dict[str, Sheet], list[Problem]]:
    book, problems = open_workbook(data, file)
    if problems:
        return {}, problems
    sheets: dict[str, Sheet] = {}
    try:
        for ws in book.worksheets:
            key = ws.title.strip().lower()
            if key not in (SURVEY, CHOICES, SETTINGS) or key in sheets:
                continue
            sheets[key] = read_sheet(ws, key)
    except Exception as exc:
        return {}, [unreadable(exc, file, "工作表无法读取，文件可能已损坏")]
    finally:
        book.close()
    return sheets, []


@dataclass
class _SheetLocator:
    """Locates model problems at the sheet and row they came from."""

    file: str
    section_rows: list[int] = field(default_factory=list)
    item_rows: list[list[int]] = field(default_factory=list)
    settings_row: int | None = None

    def template(self, field: str, message: str) -> Problem:
        return Problem(
            message, self.file, SETTINGS, self.settings_row, _SETTINGS_FIELD.get(field, field)
        )

    def section(self, section: int, field: str, message: str) -> Problem:
        row = self.section_rows[section] if section < len(self.section_rows) else None
        return Problem(message, self.file, SURVEY, row, _SURVEY_FIELD.get(field, field))

    def item(self, section: int, item: int, field: str, message: str) -> Problem:
        try:
            row: int | None = self.item_rows[section][item]
        except IndexError:
            row = None
        return Problem(message, self.file, SURVEY, row, _SURVEY_FIELD.get(field, field))


_SETTINGS_FIELD = {"id": "form_id", "title": "form_title"}
_SURVEY_FIELD = {
    "code": "name",
    "text": "label",
    "guidance": "hint",
    "show_if": "relevant",
    "options": "choices",
}


@dataclass
class _Builder:
    file: str
    problems: list[Problem] = field(default_factory=list)

    def bad(self, sheet: str, row: int | None, message: str, column: str = "") -> None:
        self.problems.append(Problem(message, self.file, sheet, row, column))


def read_xlsform(data: bytes, file: str) -> tuple[Template | None, list[Problem]]:
    """Read an XLSForm workbook; returns the template (None if unreadable) and every problem."""
    sheets, problems = _load_sheets(data, file)
    if problems:
        return None, problems
    b = _Builder(file)
    for needed in (SURVEY, SETTINGS):
        if needed not in sheets:
            b.bad(
                needed,
                None,
                f"缺少工作表“{needed}”；XLSForm 模板需要 survey、choices、settings 三张表",
            )
    if SURVEY not in sheets:
        return None, b.problems
    survey = sheets[SURVEY]
    for column in ("type", "name", "label"):
        if column not in survey.columns:
            b.bad(SURVEY, 1, f"缺少列“{column}”", column)
    if any(c not in survey.columns for c in ("type", "name")):
        return None, b.problems
    lists = _read_choices(b, sheets.get(CHOICES))
    _check_reserved_lists(b, lists)
    locator = _SheetLocator(file)
    sections = _read_survey(b, survey, lists, locator)
    header = _read_settings(b, sheets.get(SETTINGS), locator)
    template = Template(sections=tuple(sections), **header)
    return template, b.problems + check_template(template, locator)


RESERVED_LISTS = {
    COMPLIANCE_LIST: ("符合度题", COMPLIANCE_LABELS),
    YES_NO_LIST: ("是/否题", YES_NO_LABELS),
}


def _check_reserved_lists(b: _Builder, lists: dict[str, list[tuple[int, Option]]]) -> None:
    """ONE problem for a ``compliance`` or ``yes_no`` list with other option names, rather than
    a misleading one on every item that uses it (which would be read as a plain single choice
    that cannot carry a weight).  Items using the list are still read as its kind."""
    for list_name, (what, labels) in RESERVED_LISTS.items():
        entries = lists.get(list_name)
        if not entries:
            continue
        names = [option.name for _, option in entries]
        if set(names) != set(labels):
            b.bad(
                CHOICES,
                entries[0][0],
                f"选项列表“{list_name}”是{what}专用的，选项名（name）应恰为 "
                f"{'、'.join(labels)}（现为 {'、'.join(names[:10])}）；"
                "自定义选项请给列表另起名字",
                "name",
            )


def _read_choices(b: _Builder, sheet: Sheet | None) -> dict[str, list[tuple[int, Option]]]:
    lists: dict[str, list[tuple[int, Option]]] = {}
    if sheet is None:
        return lists
    if "list_name" not in sheet.columns or "name" not in sheet.columns:
        b.bad(CHOICES, 1, "choices 表需要 list_name、name、label 三列")
        return lists
    for row, values in sheet.rows:
        list_name = sheet.get(values, "list_name")
        name = sheet.get(values, "name")
        if not list_name and not name:
            continue
        if not list_name:
            b.bad(CHOICES, row, "缺少 list_name", "list_name")
            continue
        score = None
        score_text = sheet.get(values, "score")
        if score_text:
            try:
                score = float(score_text)
            except ValueError:
                b.bad(CHOICES, row, f"得分“{score_text}”不是数字", "score")
        option = Option(name, sheet.get(values, "label") or name, score)
        lists.setdefault(list_name, []).append((row, option))
    return lists


def _group_section(group: dict[str, Any]) -> Section:
    return Section(
        code=group["code"],
        title=group["title"],
        items=tuple(group["items"]),
        description=group["description"],
    )


def _read_survey(
    b: _Builder,
    sheet: Sheet,
    lists: dict[str, list[tuple[int, Option]]],
    locator: _SheetLocator,
) -> list[Section]:
    sections: list[Section] = []
    current: dict[str, Any] | None = None
    loose: dict[str, Any] | None = None  # items outside any group gather here

    def close(group: dict[str, Any] | None) -> None:
        if group is not None:
            sections.append(_group_section(group))
            locator.section_rows.append(group["row"])
            locator.item_rows.append(group["rows"])

    for row, values in sheet.rows:
        raw_type = sheet.get(values, "type")
        type_words = raw_type.split()
        base = type_words[0].lower() if type_words else ""
        name = sheet.get(values, "name")
        if not base:
            if name or sheet.get(values, "label"):
                b.bad(SURVEY, row, "缺少题型（type）", "type")
            continue
        base = _base_type(type_words)
        if base == "begin_group":
            if current is not None:
                b.bad(
                    SURVEY,
                    row,
                    f"分组不能嵌套：“{current['code']}”（第 {current['row']} 行）尚未以 end_group 结束",
                    "type",
                )
                continue
            close(loose)
            loose = None
            current = {
                "code": name,
                "title": sheet.get(values, "label") or name,
                "description": sheet.get(values, "hint"),
                "items": [],
                "rows": [],
                "row": row,
            }
            continue
        if base == "end_group":
            if current is None:
                b.bad(SURVEY, row, "end_group 没有对应的 begin_group", "type")
            close(current)
            current = None
            continue
        if base in METADATA_TYPES:
            continue
        item = _read_item(b, sheet, row, values, base, type_words, lists)
        if item is None:
            continue
        group = current
        if group is None:
            if loose is None:
                loose = {
                    "code": f"section{len(sections) + 1}",
                    "title": "未分组检查项",
                    "description": "",
                    "items": [],
                    "rows": [],
                    "row": row,
                }
            group = loose
        group["items"].append(item)
        group["rows"].append(row)
    if current is not None:
        b.bad(SURVEY, current["row"], f"分组“{current['code']}”缺少 end_group", "type")
        close(current)
    close(loose)
    return sections


def _base_type(type_words: list[str]) -> str:
    """A row's type as one word: ``begin group`` and ``begin_group`` both read ``begin_group``."""
    base = type_words[0].lower()
    base = {"begin group": "begin_group", "end group": "end_group"}.get(
        " ".join(type_words[:2]).lower(), base
    )
    if base == "begin" and len(type_words) > 1:
        base = f"begin_{type_words[1].lower()}"
    if base == "end" and len(type_words) > 1:
        base = f"end_{type_words[1].lower()}"
    return base


def _read_item(
    b: _Builder,
    sheet: Sheet,
    row: int,
    values: tuple[Any, ...],
    base: str,
    type_words: list[str],
    lists: dict[str, list[tuple[int, Option]]],
) -> Item | None:
    def cell(column: str) -> str:
        return sheet.get(values, column)

    kind_found = _item_kind(b, row, base, type_words, lists, cell("unit"))
    if kind_found is None:
        return None
    kind, options, unit = kind_found

    required_text = cell("required").lower()
    required = required_text in _TRUE
    if required_text not in _TRUE | _FALSE:
        b.bad(SURVEY, row, f"required 应为 yes 或 no，而不是“{cell('required')}”", "required")

    weight: float | None = None
    weight_text = cell("weight")
    if weight_text:
        try:
            weight = float(weight_text)
        except ValueError:
            b.bad(SURVEY, row, f"权重“{weight_text}”不是数字", "weight")

    target = None
    target_text = cell("target")
    if target_text:
        try:
            target = parse_target(target_text, yes_no=kind is Kind.YES_NO)
        except TargetSyntaxError as exc:
            b.bad(SURVEY, row, str(exc), "target")

    stage_targets = _stage_targets(b, row, cell("stage_targets"))

    allow_na_text = cell("allow_na").lower()
    if allow_na_text not in _TRUE | _FALSE:
        b.bad(SURVEY, row, f"allow_na 应为 yes 或 no，而不是“{cell('allow_na')}”", "allow_na")

    applies, unknown = parse_applicability(cell("applies_to"))
    for token in unknown:
        b.bad(
            SURVEY,
            row,
            f"适用范围中的“{token}”既不是学段也不是学校情况（可用 小学、初中 … 及 {'、'.join(FACTS)}，前加 ! 表示“不”）",
            "applies_to",
        )

    return Item(
        code=cell("name"),
        text=cell("label"),
        kind=kind,
        method=cell("method"),
        evidence=cell("evidence"),
        clause=cell("clause"),
        guidance=cell("hint"),
        options=options,
        unit=unit,
        target=target,
        weight=weight,
        required=required,
        applies=applies,
        show_if=cell("relevant"),
        stage_targets=stage_targets,
        allow_na=allow_na_text in _TRUE,
    )


def _item_kind(
    b: _Builder,
    row: int,
    base: str,
    type_words: list[str],
    lists: dict[str, list[tuple[int, Option]]],
    unit: str,
) -> tuple[Kind, tuple[Option, ...], str] | None:
    """The kind, options and unit a survey row's type gives, or None (reported) if it gives none."""
    options: tuple[Option, ...] = ()
    if base in REFUSED_TYPES:
        b.bad(
            SURVEY,
            row,
            f"wjself 不支持题型“{base}”（{REFUSED_TYPES[base]}）；请改用符合度、是/否、数值、百分比、文字、日期、单选或多选",
            "type",
        )
        return None
    if base in ("select_one", "select_multiple"):
        if len(type_words) < 2:
            b.bad(SURVEY, row, f"“{base}”后应写选项列表名，如“{base} levels”", "type")
            return None
        if len(type_words) > 2:
            b.bad(SURVEY, row, f"题型“{' '.join(type_words)}”不受支持（如 or_other）", "type")
            return None
        list_name = type_words[1]
        entries = lists.get(list_name)
        if entries is None:
            b.bad(SURVEY, row, f"choices 表中没有选项列表“{list_name}”", "type")
            entries = []
        options = tuple(option for _, option in entries)
        # A reserved list with other names is reported once by _check_reserved_lists.
        if base == "select_one" and list_name == COMPLIANCE_LIST:
            kind, options = Kind.COMPLIANCE, ()
        elif base == "select_one" and list_name == YES_NO_LIST:
            kind, options = Kind.YES_NO, ()
        else:
            kind = Kind.SINGLE if base == "select_one" else Kind.MULTIPLE
    elif base in ("integer", "decimal"):
        kind = Kind.PERCENT if unit in ("%", "％") else Kind.NUMBER
        if kind is Kind.PERCENT:
            unit = ""
    elif base == "text":
        kind = Kind.TEXT
    elif base == "date":
        kind = Kind.DATE
    else:
        b.bad(SURVEY, row, f"未知题型“{base}”", "type")
        return None
    return kind, options, unit


def _stage_targets(b: _Builder, row: int, text: str) -> tuple[StageTarget, ...]:
    """``幼儿园: >= 2; 小学 初中: >= 4`` read into per-stage targets; bad parts are reported."""
    stage_targets: list[StageTarget] = []
    for part in re.split(r"[;；\n]+", text):
        if not part.strip():
            continue
        stages_text, colon, entry_text = part.replace("：", ":").partition(":")
        entry, message = (
            parse_stage_target(stages_text, entry_text.strip()) if colon else (None, "")
        )
        if entry is None:
            b.bad(
                SURVEY,
                row,
                message
                or f"分学段目标“{part.strip()}”应写作“学段: 目标”，如“幼儿园: >= 2; 小学 初中: >= 4”",
                "stage_targets",
            )
        else:
            stage_targets.append(entry)
    return tuple(stage_targets)


def _read_settings(b: _Builder, sheet: Sheet | None, locator: _SheetLocator) -> dict[str, Any]:
    header: dict[str, Any] = {"id": "", "version": "", "title": ""}
    if sheet is None or not sheet.rows:
        if sheet is not None:
            b.bad(SETTINGS, 2, "settings 表第 2 行应填写 form_id、version、form_title")
        return header
    row, values = sheet.rows[0]
    locator.settings_row = row
    header["id"] = sheet.get(values, "form_id")
    header["version"] = sheet.get(values, "version")
    header["title"] = sheet.get(values, "form_title")
    header["issuer"] = sheet.get(values, "issuer")
    header["plan_ref"] = sheet.get(values, "plan_ref")
    header["description"] = sheet.get(values, "description")
    header["review_period"] = sheet.get(values, "review_period")
    published = sheet.get(values, "published")
    if published:
        try:
            header["published"] = dt.date.fromisoformat(published[:10])
        except ValueError:
            b.bad(SETTINGS, row, f"发布日期“{published}”应写作 2024-03-01", "published")
    stages: set[str] = set()
    for token in re.split(r"[\s,，、;；]+", sheet.get(values, "stages")):
        if not token:
            continue
        stage = normalize_stage(token)
        if stage is None:
            b.bad(SETTINGS, row, f"未知学段“{token}”，可用：{'、'.join(STAGES)}", "stages")
        else:
            stages.add(stage)
    header["stages"] = frozenset(stages)
    bands_text = sheet.get(values, "bands")
    if bands_text:
        header["bands"] = _parse_bands(b, bands_text, row)
    partial = sheet.get(values, "partial_credit")
    if partial:
        try:
            header["partial_credit"] = float(partial)
        except ValueError:
            b.bad(SETTINGS, row, f"基本符合得分比例“{partial}”不是数字（如 0.5）", "partial_credit")
    return header


def _parse_bands(b: _Builder, text: str, row: int) -> tuple[Band, ...]:
    bands: list[Band] = []
    for part in re.split(r"[;；\n]+", text):
        label, _, minimum = part.replace("：", ":").partition(":")
        if not part.strip():
            continue
        try:
            bands.append(Band(label.strip(), float(minimum)))
        except ValueError:
            b.bad(
                SETTINGS,
                row,
                f"等级“{part.strip()}”应写作“名称: 分数线”，如“优秀: 90; 良好: 80; 合格: 60; 不合格: 0”",
                "bands",
            )
    return tuple(bands)
