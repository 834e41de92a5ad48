"""Untrusted XLSX workbooks opened safely and their sheets read as rows of text.

``open_workbook`` checks the archive (damage, zip bombs) and insists on defusedxml before
openpyxl parses anything; ``read_sheet`` reads a sheet's header and non-empty rows, stopping at
long runs of formatting-only rows.  The XLSForm reader (``formats/xlsform.py``) and the answer
files (``formats/answers.py``) read workbooks through here.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from wjself.core.errors import EnvironmentFault, Problem

# A workbook whose parts would unpack beyond this is refused before openpyxl sees it.
MAX_UNPACKED = 200 * 1024 * 1024
MAX_RATIO = 200
MAX_COLUMNS = 200
# After this many empty rows in a row the rest of a sheet is formatting, not content.
EMPTY_RUN_LIMIT = 5000


@dataclass
class Sheet:
    name: str
    columns: dict[str, int]  # normalised header → column index
    rows: list[tuple[int, tuple[Any, ...]]]  # (Excel row number, values)

    def get(self, values: tuple[Any, ...], column: str) -> str:
        index = self.columns.get(column)
        if index is None or index >= len(values):
            return ""
        return cell_text(values[index])


def cell_text(value: Any) -> str:
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
        NotImplementedError,  # a compression method Python lacks (99, AES)
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


def read_sheet(ws: Any, name: str) -> Sheet:
    # The recorded dimension may claim a million rows; only rows that exist are read.
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()
    rows_iter: Iterator[tuple[Any, ...]] = ws.iter_rows(max_col=MAX_COLUMNS, values_only=True)
    headers: list[str] = []
    rows: list[tuple[int, tuple[Any, ...]]] = []
    empty_run = 0
    for number, values in enumerate(rows_iter, start=1):
        if not headers:
            texts = [cell_text(v) for v in values]
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
    return Sheet(name, _pick_columns(headers), rows)
