"""Restore vetting of the district tables (``store.received``): a bureau's backup is as
untrusted as a school's.

Beyond the column types ``store.vet`` checks for every table: digests that are 64 hex digits,
the kept copy's name that is exactly ``<sha256>.wjsa`` (it is opened as a file: a name such as
``../../x`` must never reach the disk), known statuses, outcomes, signature and trust states,
valid school codes and stages, and template snapshots that are valid templates stored under
their own hash.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

from wjself.core.assessment import RectStatus, Status
from wjself.core.codec import template_from_dict
from wjself.core.school import school_code_problem
from wjself.core.scoring import Outcome
from wjself.core.stages import STAGES
from wjself.store.common import MAX_NAME
from wjself.store.evidence_paths import is_digest

Add = Callable[[str, int | None, str, str], None]  # table, row id, column, message
Rows = Callable[[sqlite3.Connection, str, list[str]], Iterator[dict[str, Any]]]
Json = Callable[[Any], Any]

SIGNATURES = frozenset({"valid", "invalid", "absent", "malformed"})
TRUSTS = frozenset({"pinned-match", "first-seen", "other-key", "unsigned", "invalid"})
SOURCES = frozenset({"bundle", "roster"})
OUTCOMES = frozenset(o.value for o in Outcome)
RECT_STATUSES = frozenset(s.value for s in RectStatus)
MAX_TEXT = 20_000
_SHORT = {"school_name": MAX_NAME, "township": MAX_NAME, "template_title": 500,
          "file_name": 500, "note": 2_000, "received_by": MAX_NAME}  # fmt: skip


def check_received(
    conn: sqlite3.Connection, tables: set[str], rows: Rows, js: Json, add: Add
) -> None:
    """Report every bad row of the district tables present in the file."""
    if "received_templates" in tables:
        _templates(conn, rows, add)
    if "received" in tables:
        _received(conn, rows, js, add)
    if "received_answers" in tables:
        for row in rows(conn, "received_answers", ["outcome", "value", "code"]):
            if row.get("outcome") not in OUTCOMES:
                add("received_answers", row["_id"], "outcome", "结果应为已知的评定结果")
            _long(add, "received_answers", row, "value", MAX_TEXT)
    if "received_rectifications" in tables:
        for row in rows(conn, "received_rectifications",
                        ["status", "problem", "measure", "owner"]):  # fmt: skip
            if row.get("status") not in RECT_STATUSES:
                add(
                    "received_rectifications",
                    row["_id"],
                    "status",
                    "整改状态应为 open、done 或 verified",
                )
            for name in ("problem", "measure", "owner"):
                _long(add, "received_rectifications", row, name, MAX_TEXT)
    if "district_schools" in tables:
        for row in rows(conn, "district_schools", ["code", "name", "stages", "source"]):
            _code(add, "district_schools", row, "code")
            _stages(add, "district_schools", row, js)
            if row.get("source") not in SOURCES:
                add("district_schools", row["_id"], "source", "来源应为 bundle 或 roster")
            _long(add, "district_schools", row, "name", MAX_NAME)


def _templates(conn: sqlite3.Connection, rows: Rows, add: Add) -> None:
    for row in rows(conn, "received_templates", ["sha256", "template_id", "version", "content"]):
        content = row.get("content")
        if not isinstance(content, str):
            add("received_templates", row["_id"], "content", "模板内容应为 JSON 文字")
            continue
        if hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest() != row.get(
            "sha256"
        ):
            add("received_templates", row["_id"], "sha256", "模板内容与记录的 SHA-256 不符")
            continue
        try:
            data = json.loads(content)
        except (ValueError, RecursionError):
            add("received_templates", row["_id"], "content", "模板内容不是有效的 JSON")
            continue
        template, problems = template_from_dict(data)
        if problems:
            add(
                "received_templates",
                row["_id"],
                "content",
                f"模板内容无效（{problems[0].message}）",
            )
        elif (template.id, template.version) != (row.get("template_id"), row.get("version")):
            add("received_templates", row["_id"], "content", "模板内容的编号或版本与记录不一致")


def _received(conn: sqlite3.Connection, rows: Rows, js: Json, add: Add) -> None:
    columns = ["sha256", "template_sha256", "path", "school_code", "stages", "status",
               "signature", "trust", "signer_key_id", *_SHORT]  # fmt: skip
    for row in rows(conn, "received", columns):
        rid = row["_id"]
        sha = row.get("sha256")
        if not is_digest(sha):
            add("received", rid, "sha256", "SHA-256 应为 64 位十六进制数字")
        elif row.get("path") != f"{sha}.wjsa":
            add("received", rid, "path", "数据包副本的文件名应为“SHA-256.wjsa”（不能是路径）")
        if not is_digest(row.get("template_sha256")):
            add("received", rid, "template_sha256", "SHA-256 应为 64 位十六进制数字")
        _code(add, "received", row, "school_code")
        _stages(add, "received", row, js)
        if row.get("status") != Status.FINALIZED.value:
            add("received", rid, "status", "已接收的自评应为已定稿（finalized）")
        if row.get("signature") not in SIGNATURES:
            add("received", rid, "signature", "签名状态应为 valid、invalid、absent 或 malformed")
        if row.get("trust") not in TRUSTS:
            add("received", rid, "trust", "密钥核对结果不是已知的状态")
        _long(add, "received", row, "signer_key_id", 40)
        for name, limit in _SHORT.items():
            _long(add, "received", row, name, limit)


def _code(add: Add, table: str, row: dict[str, Any], field: str) -> None:
    code = row.get(field)
    problem = school_code_problem(code) if isinstance(code, str) else "学校标识码应为文字"
    if problem is not None or (isinstance(code, str) and code != code.strip()):
        add(table, row["_id"], field, problem or "学校标识码有多余的空格")


def _stages(add: Add, table: str, row: dict[str, Any], js: Json) -> None:
    stages = js(row.get("stages"))
    if not isinstance(stages, list) or not all(isinstance(s, str) and s in STAGES for s in stages):
        add(table, row["_id"], "stages", "学段应为规范学段名称的列表")


def _long(add: Add, table: str, row: dict[str, Any], field: str, limit: int) -> None:
    value = row.get(field)
    if isinstance(value, str) and len(value) > limit:
        add(table, row["_id"], field, f"文字过长（超过 {limit} 字）")
