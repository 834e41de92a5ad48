"""Answer files for ``answer import``: JSON, CSV and XLSX read into ``AnswerRow`` values.

- JSON: ``{"answers": [{"code": …, "value": …, "note": …}]}`` (UTF-8); row N is the Nth entry.
- CSV and XLSX: columns ``code``, ``value``, ``note`` (also 代码 / 结果 / 备注), the first
  row is the header, more columns are ignored, blank rows skipped; row N is the spreadsheet's
  row number.  CSV may be UTF-8 with or without BOM, or GB18030 as WPS and Excel write it on
  Chinese Windows.  XLSX: the sheet named ``answers`` (or 答案, 自评), else the only visible
  sheet (several candidates are refused, naming them); cells are read as they are shown:
  a percent-formatted number (0.87 shown as ``87%``) as ``87%``, dates as dates, text as typed.

A 不符合 row may also carry its 整改 plan: ``measure``, ``owner``, ``due`` (JSON keys, or the
columns 整改措施 / 责任人 / 整改期限); empty leaves what is stored.

Only the file's shape is checked here; whether codes exist and values fit their items is the
store's business (``AnswerService.import_rows``), which reports ``FILE:row N: …`` the same way.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from wjself.core.assessment import AnswerRow
from wjself.core.errors import InputError, Problem
from wjself.core.numbers import number_text
from wjself.formats.json_template import parse_json_bytes
from wjself.formats.sniff import DESCRIPTIONS, FileKind, sniff_bytes
from wjself.inputs import read_input_file

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
SUFFIXES = (".json", ".csv", ".xlsx")
HEADERS: dict[str, tuple[str, ...]] = {
    "code": ("code", "代码", "编号", "检查项代码", "name"),
    "value": ("value", "结果", "值", "答案", "自评结果"),
    "note": ("note", "备注", "说明"),
    "measure": ("measure", "整改措施"),
    "owner": ("owner", "责任人"),
    "due": ("due", "整改期限", "完成时限"),
}


def read_answer_file(path: Path) -> list[AnswerRow]:
    """The rows of an answer file, or InputError naming the file (and row) of every problem."""
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(
            [
                Problem(
                    f"不支持的文件类型“{suffix or '无扩展名'}”：答案文件应为 .json、.csv 或 .xlsx",
                    name,
                )
            ]
        )
    data = _read(path)
    kind = sniff_bytes(data[:65536])
    if kind is FileKind.EMPTY:
        raise InputError([Problem("文件是空的", name)])
    if kind is FileKind.BINARY and suffix in (".json", ".csv"):
        raise InputError([Problem(_not_text(data), name)])
    if suffix == ".json":
        if kind not in (FileKind.JSON, FileKind.TEXT):
            raise InputError([Problem(DESCRIPTIONS[kind], name)])
        return _read_json(data, name)
    if suffix == ".csv":
        if kind is FileKind.ZIP:
            raise InputError(
                [Problem("这是 Excel 工作簿（.xlsx），不是 CSV；请使用 .xlsx 扩展名", name)]
            )
        if kind not in (FileKind.TEXT, FileKind.JSON):
            raise InputError([Problem(DESCRIPTIONS[kind], name)])
        return _read_csv(data, name)
    if kind is not FileKind.ZIP:
        raise InputError([Problem(DESCRIPTIONS[kind], name)])
    return _read_xlsx(data, name)


def _not_text(data: bytes) -> str:
    """Why a .csv or .json answer file is not text, for the person who has to fix it."""
    nul = data.find(b"\x00", 0, 65536)
    if nul >= 0:
        return (
            f"无法识别为文本：文件中含有空字节（NUL，第 {nul} 字节），不是文本答案文件：可能已损坏，或是另一种"
            "程序的文件；请在 Excel 或 WPS 中打开后另存为“CSV UTF-8（逗号分隔）”"
        )
    return (
        "无法识别文件的编码（不是 UTF-8、GB18030 或 UTF-16 文本），不是文本答案文件；"
        "请另存为“CSV UTF-8（逗号分隔）”"
    )


def _read(path: Path) -> bytes:
    return read_input_file(path, MAX_BYTES, "答案文件")


def _at(name: str, row: int) -> dict[str, Any]:
    return {"file": name, "sheet": f"row {row}"}


# ---------------------------------------------------------------- JSON


def _read_json(data: bytes, name: str) -> list[AnswerRow]:
    value, problems = parse_json_bytes(data, name)
    if problems:
        raise InputError(problems)
    entries = value.get("answers") if isinstance(value, dict) else None
    if not isinstance(entries, list):
        raise InputError(
            [
                Problem(
                    'JSON 答案文件应为 {"answers": [{"code": …, "value": …, "note": …}, …]}', name
                )
            ]
        )
    if len(entries) > MAX_ROWS:
        raise InputError([Problem(f"答案过多（{len(entries)} 条），上限 {MAX_ROWS} 条", name)])
    rows: list[AnswerRow] = []
    problems = []
    for index, entry in enumerate(entries, start=1):
        at = _at(name, index)
        if not isinstance(entry, dict):
            problems.append(Problem('每条答案应为对象，如 {"code": "A01", "value": "符合"}', **at))
            continue
        code = entry.get("code")
        if isinstance(code, int | float) and not isinstance(code, bool):
            code = number_text(float(code))
        if not isinstance(code, str):
            problems.append(Problem("code 应为文字（检查项代码）", field="code", **at))
            continue
        raw = entry.get("value")
        if isinstance(raw, dict) or (
            isinstance(raw, list) and not all(isinstance(x, str) for x in raw)
        ):
            problems.append(
                Problem("value 应为文字、数字、true/false 或文字数组", field="value", **at)
            )
            continue
        texts = {key: entry.get(key) for key in ("note", "measure", "owner", "due")}
        wrong = [k for k, v in texts.items() if v is not None and not isinstance(v, str)]
        if wrong:
            problems.append(Problem(f"{wrong[0]} 应为文字", field=wrong[0], **at))
            continue
        rows.append(AnswerRow(index, code, raw, **texts))
    if problems:
        raise InputError(problems)
    return rows


# ---------------------------------------------------------------- CSV


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), else GB18030 (WPS/Excel on Chinese Windows)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise InputError(
            [Problem(f"无法识别文件编码（第 {exc.start} 字节）；请另存为 UTF-8 编码的 CSV", name)]
        ) from None


def _read_csv(data: bytes, name: str) -> list[AnswerRow]:
    text = decode_text(data, name)
    reader = csv.reader(io.StringIO(text, newline=""))
    records: list[tuple[int, tuple[Any, ...]]] = []
    try:
        for record in reader:
            records.append((len(records) + 1, tuple(record)))
    except csv.Error as exc:
        raise InputError([_csv_problem(exc, name, reader.line_num)]) from None
    return _rows_from_table(iter(records), name)


def _csv_problem(exc: csv.Error, name: str, line: int) -> Problem:
    """csv's own English error as a Chinese message naming the line."""
    if "field larger than field limit" in str(exc):
        what = (
            f"有单元格超过 {csv.field_size_limit()} 个字符，过长；答案和备注不应这么长，请检查该行"
        )
    elif "NUL" in str(exc):
        what = "含有空字节（NUL），不是文本；文件可能已损坏，请重新另存为 UTF-8 编码的 CSV"
    else:
        what = "CSV 格式错误（引号不成对或换行位置不对）；请在 Excel 或 WPS 中打开后重新另存为 CSV"
    return Problem(what, **_at(name, line))


# ---------------------------------------------------------------- XLSX


def _read_xlsx(data: bytes, name: str) -> list[AnswerRow]:
    from wjself.formats.workbook import open_workbook, unreadable

    book, problems = open_workbook(data, name)
    if problems:
        raise InputError(problems)
    try:
        ws = _answer_sheet(book.worksheets, name)
        if hasattr(ws, "reset_dimensions"):
            ws.reset_dimensions()
        table = []
        formulas: list[Problem] = []
        filled = 0
        rows = ws.iter_rows(max_col=30)
        for i, cells in enumerate(_guarded_rows(rows, name), start=1):
            values = []
            for cell in cells:
                value = getattr(cell, "value", None)
                if getattr(cell, "data_type", None) == "f" and len(formulas) < 20:
                    # A formula's result is whatever the spreadsheet last computed, if
                    # anything; wjself neither evaluates it nor trusts a cached value.
                    formulas.append(
                        Problem(
                            f"单元格 {getattr(cell, 'coordinate', '')} 是公式（{str(value)[:40]}）；"
                            "请改为直接填写结果（可在 Excel 中“复制”后“选择性粘贴—数值”）",
                            **_at(name, i),
                        )
                    )
                values.append(_cell_value(value, getattr(cell, "number_format", None)))
            if any(_text(v) for v in values):
                filled += 1
                if filled > MAX_ROWS + 1:  # the header and MAX_ROWS answers: stop reading
                    # A 20 MB workbook holds millions of rows; reading them all took minutes
                    # and gigabytes before the count refused them.
                    raise InputError([Problem(f"答案过多，上限 {MAX_ROWS} 行", name)])
            table.append((i, tuple(values)))
    except InputError:
        raise
    except Exception as exc:
        raise InputError([unreadable(exc, name, "工作表无法读取，文件可能已损坏")]) from None
    finally:
        book.close()
    if formulas:
        raise InputError(formulas)
    return _rows_from_table(iter(table), name)


def _guarded_rows(rows: Iterator[Any], name: str) -> Iterator[Any]:
    """The sheet's rows; a number too long for Python to read (over 4300 digits) is refused
    naming its row, not with Python's own words."""
    number = 0
    while True:
        try:
            cells = next(rows)
        except StopIteration:
            return
        except ValueError as exc:
            if "digits" not in str(exc):
                raise
            raise InputError(
                [
                    Problem(
                        "有位数过多的数字（超过 4300 位），无法读取；请检查该行",
                        **_at(name, number + 1),
                    )
                ]
            ) from None
        number += 1
        yield cells


SHEET_NAMES = ("answers", "答案", "自评", "自评结果")


def _answer_sheet(worksheets: list[Any], name: str) -> Any:
    """The one sheet to read: the sheet named for answers, else the only visible sheet.

    A hidden sheet is never read by accident (Excel users hide old data rather than delete
    it); a workbook with several candidates is refused, naming them, rather than guessed.
    """
    named = [ws for ws in worksheets if ws.title.strip().lower() in SHEET_NAMES]
    if len(named) > 1:
        raise InputError(
            [
                Problem(
                    f"工作簿中有多个答案工作表（{_titles(named)}），不知道读哪一个；请只保留一个",
                    name,
                )
            ]
        )
    if named:
        return named[0]
    visible = [ws for ws in worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
    if len(visible) == 1:
        return visible[0]
    if not visible:
        raise InputError([Problem("工作簿中没有可见的工作表", name)])
    raise InputError(
        [
            Problem(
                f"工作簿中有多个可见的工作表（{_titles(visible)}），不知道读哪一个；"
                f"请把答案所在的工作表命名为 answers（或 答案、自评），或删除其他工作表",
                name,
            )
        ]
    )


def _titles(sheets: list[Any]) -> str:
    shown = "、".join(f"“{ws.title}”" for ws in sheets[:10])
    return shown + (f" 等 {len(sheets)} 个" if len(sheets) > 10 else "")


# Quoted text and backslash-escaped characters in a number format are shown as is: "%" there
# does not scale the number.
_LITERALS = re.compile(r'"[^"]*"|\\.')


def _cell_value(value: Any, number_format: str | None) -> Any:
    """A cell's value as the person sees it: a number shown as a percent (``87%``, stored as
    0.87) becomes the text ``87%``; a date without a time becomes a date."""
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and number_format
        and "%" in _LITERALS.sub("", number_format)
    ):
        return number_text(round(float(value) * 100, 9)) + "%"
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date()
    return value


# ---------------------------------------------------------------- tables (CSV and XLSX)


def _rows_from_table(table: Any, name: str) -> list[AnswerRow]:
    header: tuple[Any, ...] | None = None
    header_row = 0
    for number, values in table:
        if any(_text(v) for v in values):
            header, header_row = values, number
            break
    if header is None:
        raise InputError([Problem("文件中没有内容（第一行应为表头 code、value、note）", name)])
    columns = _columns([_text(h) for h in header])
    missing = [c for c in ("code", "value") if c not in columns]
    if missing:
        raise InputError(
            [
                Problem(
                    f"表头缺少 {'、'.join(missing)} 列；第一行应为 code、value、note（或 代码、结果、备注）",
                    **_at(name, header_row),
                )
            ]
        )
    rows: list[AnswerRow] = []
    for number, values in table:
        if not any(_text(v) for v in values):
            continue
        if len(rows) >= MAX_ROWS:
            raise InputError([Problem(f"答案过多，上限 {MAX_ROWS} 行", name)])

        def cell(column: str, values: tuple[Any, ...] = values) -> Any:
            index = columns.get(column)
            return values[index] if index is not None and index < len(values) else None

        raw_value = cell("value")
        if isinstance(raw_value, str):
            raw_value = raw_value.strip()
        note, measure, owner = cell("note"), cell("measure"), cell("owner")
        due = cell("due")
        rows.append(
            AnswerRow(
                row=number,
                code=_text(cell("code")),
                value=raw_value,
                note=None if note is None else _text(note, strip=False).strip(),
                measure=None if measure is None else _text(measure),
                owner=None if owner is None else _text(owner),
                due=due if due is None or isinstance(due, dt.date) else _text(due),
            )
        )
    return rows


def _columns(headers: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, raw in enumerate(headers):
        key = raw.strip().lower()
        for column, names in HEADERS.items():
            if key in names and column not in found:
                found[column] = index
    return found


def _text(value: Any, strip: bool = True) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return text.strip() if strip else text
