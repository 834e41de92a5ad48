"""Vetting the review tables of a database about to be restored (see ``store/vet.py``).

``received_reviews`` rows (a school's imported reviews) are shown in the walkthrough and the
PDF, so a restored backup must hold them as an import would have stored them: a known verdict
(退回修改 with a reason), a 64-hex fingerprint and manifest hash, a 10-digit school code, and
comments as a list of ``{code, text}`` with valid codes and bounded text without control
characters.  The bureau's ``review_comments`` and ``review_verdicts`` (a district folder's
backup) hold what ``district.reviews`` accepts: item codes, bounded text, a known verdict.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from typing import Any

from wjself.core.review import ReviewLimits, Verdict, text_problem
from wjself.core.school import SCHOOL_CODE
from wjself.core.template import CODE_PATTERN

Add = Callable[[str, int | None, str, str], None]  # table, row id, column, message
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_COLUMNS = ("school_code", "fingerprint", "sha256", "verdict", "reason", "reviewer", "comments")


def check_received_reviews(conn: sqlite3.Connection, add: Add) -> None:
    """Report every ``received_reviews`` row that an import could not have stored."""
    table = "received_reviews"
    present = {str(r[1]) for r in conn.execute(f'PRAGMA table_info("{table}")')}
    if not set(_COLUMNS) <= present:
        return  # the schema check names the missing columns
    for rowid, *values in conn.execute(f"SELECT rowid, {', '.join(_COLUMNS)} FROM {table}"):
        row = dict(zip(_COLUMNS, values, strict=True))
        for why in _problems(row):
            add(table, rowid, why[0], why[1])


def _problems(row: dict[str, Any]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if not isinstance(row["school_code"], str) or not SCHOOL_CODE.match(row["school_code"]):
        out.append(("school_code", "学校标识码应为 10 位数字"))
    for column in ("fingerprint", "sha256"):
        if not isinstance(row[column], str) or not _HEX64.match(row[column]):
            out.append((column, "应为 64 位小写十六进制"))
    if row["verdict"] not in {v.value for v in Verdict}:
        out.append(("verdict", "审阅结论应为“通过”或“退回修改”"))
    for column, limit in (("reason", ReviewLimits.REASON), ("reviewer", ReviewLimits.NAME)):
        value = row[column]
        if isinstance(value, str) and (why := text_problem(value, "文字", limit)):
            out.append((column, why))
    if row["verdict"] == Verdict.RETURNED.value and not str(row["reason"] or "").strip():
        out.append(("reason", "退回修改须有原因"))
    why = _comments_problem(row["comments"])
    if why:
        out.append(("comments", why))
    return out


def _comments_problem(raw: Any) -> str | None:
    try:
        comments = json.loads(raw) if isinstance(raw, str) else None
    except ValueError:
        return None  # the column check reports JSON that does not parse
    if not isinstance(comments, list) or len(comments) > ReviewLimits.COMMENTS:
        return "应为不超过上限条数的意见列表"
    for n, c in enumerate(comments):
        if not isinstance(c, dict) or set(c) != {"code", "text"}:
            return f"第 {n + 1} 条意见应为含 code 和 text 的对象"
        if not isinstance(c["code"], str) or not CODE_PATTERN.match(c["code"]):
            return f"第 {n + 1} 条意见的检查项编号无效"
        if not isinstance(c["text"], str) or not c["text"].strip():
            return f"第 {n + 1} 条意见为空"
        if why := text_problem(c["text"], f"第 {n + 1} 条意见", ReviewLimits.COMMENT):
            return why
    return None


def check_bureau_reviews(conn: sqlite3.Connection, tables: set[str], add: Add) -> None:
    """Report ``review_comments`` and ``review_verdicts`` rows the bureau could not have made."""
    if "review_comments" in tables:
        for rowid, code, text in conn.execute("SELECT rowid, code, text FROM review_comments"):
            if not isinstance(code, str) or not CODE_PATTERN.match(code):
                add("review_comments", rowid, "code", "检查项编号无效")
            if not isinstance(text, str) or not text.strip():
                add("review_comments", rowid, "text", "意见为空或不是文字")
            elif why := text_problem(text, "意见", ReviewLimits.COMMENT):
                add("review_comments", rowid, "text", why)
    if "review_verdicts" in tables:
        query = "SELECT rowid, verdict, reason FROM review_verdicts"
        for rowid, verdict, reason in conn.execute(query):
            if verdict not in {v.value for v in Verdict}:
                add("review_verdicts", rowid, "verdict", "审阅结论应为“通过”或“退回修改”")
            if not isinstance(reason, str):
                add("review_verdicts", rowid, "reason", "应为文字")
            elif why := text_problem(reason, "原因", ReviewLimits.REASON):
                add("review_verdicts", rowid, "reason", why)
            elif verdict == Verdict.RETURNED.value and not reason.strip():
                add("review_verdicts", rowid, "reason", "退回修改须有原因")
