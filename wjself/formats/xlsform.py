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
import io
import math
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wjself.atomic import write_bytes
from wjself.core.checks import check_template
from wjself.core.codec import parse_stage_target
from wjself.core.errors import EnvironmentFault, Problem
from wjself.core.numbers import plain_number
from wjself.core.stages import FACTS, STAGES, normalize_stage, parse_applicability
from wjself.core.targets import TargetSyntaxError, parse_target
from wjself.core.template import (
    DEFAULT_BANDS,
    DEFAULT_PARTIAL_CREDIT,
    Band,
    Item,
    Kind,
    Option,
    Section,
    StageTarget,
    Template,
)
from wjself.core.values import COMPLIANCE_LABELS, YES_NO_LABELS

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

# A workbook whose parts would unpack beyond this is refused before openpyxl sees it.
MAX_UNPACKED = 200 * 1024 * 1024
MAX_RATIO = 200
MAX_COLUMNS = 200
# After this many empty rows in a row the rest of a sheet is formatting, not content.
EMPTY_RUN_LIMIT = 5000

_TRUE = {"yes", "true", "true()", "1", "是", "y"}
_FALSE = {"no", "false", "false()", "0", "否", "n", ""}


# ---------------------------------------------------------------- reading


@dataclass
class _Sheet:
    name: str
    columns: dict[str, int]  # normalised header → column index
    rows: list[tuple[int, tuple[Any, ...]]]  # (Excel row number, values)

    def get(self, values: tuple[Any, ...], column: str) -> str:
        index = self.columns.get(column)
        if index is None or index >= len(values):
            return ""
        return _cell_text(values[index])


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _normalise_header(text: str) -> str:
    key = text.strip().lower()
    return key.replace(" ", "_") if key in ("list name", "form id", "form title") else key


def _pick_columns(headers: list[str]) -> dict[str, int]:
    """Map headers to indexes; ``label::中文`` counts as ``label`` when no plain one exists."""
    columns: dict[str, int] = {}
    for index, raw in enumerate(headers):
        key = _normalise_header(raw)
        if key and key not in columns:
            columns[key] = index
    for base in ("label", "hint"):
        if base not in columns:
            localized = [
                i for i, h in enumerate(headers) if _normalise_header(h).startswith(base + "::")
            ]
            if localized:
                columns[base] = localized[0]
    return columns


def _check_zip(data: bytes, file: str) -> list[Problem]:
    """Refuse damaged archives and zip bombs before any XML is parsed."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            total = sum(info.file_size for info in infos)
            names = {info.filename for info in infos}
            bad = archive.testzip() if total <= MAX_UNPACKED else None
    # A damaged deflate stream surfaces from testzip() as zlib.error, not as BadZipFile.
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        ValueError,
        EOFError,
        OSError,
    ) as exc:
        return [
            Problem(
                f"文件已损坏，无法作为 Excel 工作簿打开（{exc}）；请重新保存或重新获取该文件", file
            )
        ]
    if total > MAX_UNPACKED or total > MAX_RATIO * max(len(data), 1) + 10 * 1024 * 1024:
        return [
            Problem(f"工作簿解压后过大（{total // 1024 // 1024} MiB），疑似异常文件，已拒绝", file)
        ]
    if bad is not None:
        return [Problem(f"文件已损坏（{bad} 校验失败）；请重新保存或重新获取该文件", file)]
    if "xl/workbook.xml" not in names:
        return [Problem("这是压缩包，但不是 Excel 工作簿（缺少 xl/workbook.xml）", file)]
    return []


def open_workbook(data: bytes, file: str) -> tuple[Any, list[Problem]]:
    """Open untrusted XLSX bytes read-only (formulas as text, never evaluated), or say why not.

    The archive is checked first (``_check_zip``), and openpyxl must be parsing with
    defusedxml, which refuses DTDs, entity declarations ("billion laughs") and external
    entities; without it no workbook from outside is opened at all.
    """
    import openpyxl

    require_defused_xml()
    problems = _check_zip(data, file)
    if problems:
        return None, problems
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        return None, [unreadable(exc, file, "工作簿无法读取")]
    return book, []


def require_defused_xml() -> None:
    """Refuse to parse workbooks unless openpyxl uses defusedxml (a broken installation)."""
    import openpyxl.xml

    if not openpyxl.xml.DEFUSEDXML:
        raise EnvironmentFault(
            "程序环境不安全：Excel 读取组件没有使用 defusedxml（未安装，或设置了环境变量 "
            "OPENPYXL_DEFUSEDXML=False），为防止恶意文件，不读取任何外来的 .xlsx 文件。"
            "请重新安装 wjself 或删除该环境变量。"
        )


def unreadable(exc: BaseException, file: str, what: str) -> Problem:
    """The problem for a workbook openpyxl could not read; hostile XML is named as such."""
    from defusedxml import DefusedXmlException

    cause: BaseException | None = exc
    while cause is not None and not isinstance(cause, DefusedXmlException):
        cause = cause.__cause__ or cause.__context__
    if cause is not None:
        return Problem(
            "工作簿中含有 XML 实体或文档类型声明（Excel 和 WPS 保存的文件不会有），"
            "可能是恶意构造的文件，已拒绝读取",
            file,
        )
    detail = str(exc).split("\n", 1)[0][:200]
    return Problem(
        f"{what}（{type(exc).__name__}: {detail}）；请在 Excel 或 WPS 中打开并重新保存为 .xlsx",
        file,
    )


def _load_sheets(data: bytes, file: str) -> tuple[dict[str, _Sheet], list[Problem]]:
    book, problems = open_workbook(data, file)
    if problems:
        return {}, problems
    sheets: dict[str, _Sheet] = {}
    try:
        for ws in book.worksheets:
            key = ws.title.strip().lower()
            if key not in (SURVEY, CHOICES, SETTINGS) or key in sheets:
                continue
            sheets[key] = _read_sheet(ws, key)
    except Exception as exc:
        return {}, [unreadable(exc, file, "工作表无法读取，文件可能已损坏")]
    finally:
        book.close()
    return sheets, []


def _read_sheet(ws: Any, name: str) -> _Sheet:
    # The recorded dimension may claim a million rows; only rows that exist are read.
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()
    rows_iter: Iterator[tuple[Any, ...]] = ws.iter_rows(max_col=MAX_COLUMNS, values_only=True)
    headers: list[str] = []
    rows: list[tuple[int, tuple[Any, ...]]] = []
    empty_run = 0
    for number, values in enumerate(rows_iter, start=1):
        if not headers:
            texts = [_cell_text(v) for v in values]
            if any(texts):
                headers = texts
            continue
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            empty_run += 1
            if empty_run >= EMPTY_RUN_LIMIT:
                break
            continue
        empty_run = 0
        rows.append((number, tuple(values)))
    return _Sheet(name, _pick_columns(headers), rows)


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


def _read_choices(b: _Builder, sheet: _Sheet | None) -> dict[str, list[tuple[int, Option]]]:
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


def _read_survey(
    b: _Builder,
    sheet: _Sheet,
    lists: dict[str, list[tuple[int, Option]]],
    locator: _SheetLocator,
) -> list[Section]:
    sections: list[Section] = []
    current: dict[str, Any] | None = None
    loose: dict[str, Any] | None = None  # items outside any group gather here

    def close(group: dict[str, Any] | None) -> None:
        if group is not None:
            sections.append(
                Section(group["code"], group["title"], tuple(group["items"]), group["description"])
            )
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
        base = {"begin group": "begin_group", "end group": "end_group"}.get(
            " ".join(type_words[:2]).lower(), base
        )
        if base == "begin" and len(type_words) > 1:
            base = f"begin_{type_words[1].lower()}"
        if base == "end" and len(type_words) > 1:
            base = f"end_{type_words[1].lower()}"
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


def _read_item(
    b: _Builder,
    sheet: _Sheet,
    row: int,
    values: tuple[Any, ...],
    base: str,
    type_words: list[str],
    lists: dict[str, list[tuple[int, Option]]],
) -> Item | None:
    def cell(column: str) -> str:
        return sheet.get(values, column)

    unit = cell("unit")
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

    stage_targets: list[StageTarget] = []
    for part in re.split(r"[;；\n]+", cell("stage_targets")):
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
        stage_targets=tuple(stage_targets),
        allow_na=allow_na_text in _TRUE,
    )


def _read_settings(b: _Builder, sheet: _Sheet | None, locator: _SheetLocator) -> dict[str, Any]:
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


# ---------------------------------------------------------------- writing


def xlsform_bytes(t: Template) -> bytes:
    """The template as an XLSForm workbook (bytes of an .xlsx file)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

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

    settings.append(
        [
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
    )

    for sheet in (survey, choices, settings):
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
    for sheet in (survey, choices, settings):
        sheet.freeze_panes = "A2"
        for cell in sheet[1]:
            cell.font = bold
            cell.fill = fill
            header = str(cell.value)
            sheet.column_dimensions[cell.column_letter].width = widths.get(header, 14)
    for row in survey.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


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
