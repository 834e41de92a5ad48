"""Vetting a database file before it replaces the live one: the trust boundary for restores.

A backup comes from outside (a USB stick, a colleague, an edited copy), so before
``restore`` swaps it in — and before the damaged-database recovery offers one from
``backups/`` — every row passes the checks data typed in the window passes: values of the
type their column holds, answers of their item's kind, known statuses, stages and facts,
real ISO dates and times, evidence digests that are 64 hex digits, template snapshots that
are valid templates, foreign keys that point at rows.  The checks reuse the core and the
services' own rules (``values.coerce``, ``schools.validated``, ``template_from_dict``,
``clean_text``) rather than restating them.

``vet_database(path)`` reads the file read-only and returns every problem as a ``Problem``
(``sheet`` = table, ``row`` = row id, ``field`` = column); ``refusal`` turns them into the one
message people see, the first ten listed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import os
import re
import sqlite3
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Date, Float, Integer, String, Text

from wjself.core.assessment import HistoryReason, RectStatus, Status
from wjself.core.codec import template_from_dict
from wjself.core.errors import InputError, Problem
from wjself.core.narrative import narrative_problems
from wjself.core.school import School
from wjself.core.stages import FACTS, PRIMARY
from wjself.core.template import Item, Template
from wjself.core.values import ValueProblem, coerce
from wjself.store import received as _received  # noqa: F401  (its tables are vetted too)
from wjself.store import review_tables as _review_tables  # noqa: F401  (so are these)
from wjself.store.common import MAX_NAME, MAX_NOTE, clean_text
from wjself.store.evidence_paths import MAX_BYTES, is_digest
from wjself.store.inspection import Check, inspect
from wjself.store.keys import trusted_key_problems
from wjself.store.models import Base, JsonText, Stamp
from wjself.store.schools import validated
from wjself.store.vet_received import check_received
from wjself.store.vet_reviews import check_bureau_reviews, check_received_reviews

MAX_LISTED = 10
MAX_PER_COLUMN = 1000  # enough to count; a file wrong in every row need not list them all
_PERIOD = re.compile(r"^\d{4}\S{0,28}$")  # as store.assessments.PERIOD
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NO_VALUE = object()  # a JSON column that did not parse (already reported)


class _Found:
    """The problems found so far, each located by table, row and column."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, table: str, row: int | None, field: str, message: str) -> None:
        self.problems.append(Problem(message, sheet=table, row=row, field=field))


def vet_database(path: Path) -> list[Problem]:
    """Every way the database file at ``path`` breaks the rules of data typed in the window.

    An empty list means it may be restored.  The file must be an ordinary file; it is opened
    read-only and never changed.  Integrity and schema revision are ``restore``'s own checks
    (``check_backup_file``), done before this.
    """
    try:
        info = os.lstat(path)
    except OSError as exc:
        return [Problem(f"无法读取：{exc.strerror or exc}")]
    if not stat.S_ISREG(info.st_mode):
        return [Problem("这不是普通文件（可能是链接、管道或设备），不能用于恢复")]
    found = _Found()
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        tables = inspect(path, Check.NONE).tables
        with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=5.0)) as conn:
            _check_schema(conn, found)
            templates = _Templates()
            for table in Base.metadata.sorted_tables:
                if table.name in tables:
                    _check_columns(conn, table.name, found)
            if "templates" in tables:
                _check_templates(conn, found, templates)
            if "schools" in tables:
                _check_schools(conn, found)
            items = _check_assessments(conn, found, templates) if "assessments" in tables else {}
            if "answers" in tables:
                _check_answers(conn, found, items)
            for name in ("evidence", "answer_history_evidence"):
                if name in tables:
                    _check_evidence(conn, name, found)
            if "rectifications" in tables:
                _check_rectifications(conn, found)
            if "answer_history" in tables:
                _check_history(conn, found)
            if "received_reviews" in tables:
                check_received_reviews(conn, found.add)
            check_bureau_reviews(conn, set(tables), found.add)
            if "trusted_keys" in tables:
                _check_trusted_keys(conn, found)
            check_received(conn, set(tables), _rows, _json, found.add)
            for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check"):
                found.add(str(table), rowid, "", f"指向不存在的 {parent} 记录")
    except sqlite3.Error as exc:  # text that is not UTF-8 ends up here, naming the column
        found.add("", None, "", f"无法读取数据库（{exc}）")
    return found.problems


def refusal(problems: list[Problem], name: str) -> InputError:
    """The InputError that refuses a backup: a lead line, the first ``MAX_LISTED`` problems
    located in ``name``, and how many more there are."""
    lines = [
        Problem(
            f"备份文件中有 {len(problems)} 处数据不符合要求，未恢复；当前数据库保持不变。"
            "请改用另一个备份，或联系技术支持",
            name,
        )
    ]
    lines += [Problem(p.message, name, p.sheet, p.row, p.field) for p in problems[:MAX_LISTED]]
    if len(problems) > MAX_LISTED:
        lines.append(Problem(f"还有 {len(problems) - MAX_LISTED} 处问题未列出", name))
    return InputError(lines)


# ---------------------------------------------------------------- the schema itself

_KINDS = {"table": "数据表", "index": "索引", "trigger": "触发器", "view": "视图"}


def _schema_of(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    """Every object of the schema but SQLite's own (``sqlite_*``), with its SQL normalised:
    case, quoting and spacing are how a SQLite release happened to write it, not a change."""
    out: dict[tuple[str, str], str] = {}
    for kind, name, sql in conn.execute("SELECT type, name, sql FROM sqlite_master"):
        if str(name).startswith("sqlite_"):
            continue
        text = re.sub(r"[\"`\[\]]", "", str(sql or "").lower())
        text = re.sub(r"\s*([(),])\s*", r"\1", re.sub(r"\s+", " ", text)).strip()
        out[(str(kind), str(name))] = text
    return out


@functools.cache
def _expected_schema(revision: str) -> dict[tuple[str, str], str]:
    """The schema our own migrations build at ``revision`` (built once per process)."""
    from wjself.store.db import upgrade  # db imports the backup module, which imports this one

    with tempfile.TemporaryDirectory(prefix="wjself-schema-") as folder:
        path = Path(folder) / "expected.db"
        upgrade(path, revision)
        with contextlib.closing(sqlite3.connect(path)) as conn:
            return _schema_of(conn)


def _check_schema(conn: sqlite3.Connection, found: _Found) -> None:
    """The file's tables, indexes, triggers and views are exactly those wjself's migrations
    create at its revision.  A trigger or view travels with the database into the live one and
    runs on our own writes (``AFTER INSERT ON answers BEGIN DELETE FROM answers; END`` would
    empty every assessment); an extra column, constraint or index makes our writes fail."""
    from wjself.store.db import known_revisions

    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    revision = "" if row is None else str(row[0])
    if revision not in known_revisions():
        return  # check_backup_file refuses it first
    expected = _expected_schema(revision)
    actual = _schema_of(conn)
    for kind, name in sorted(actual.keys() - expected.keys()):
        label = _KINDS.get(kind, kind)
        found.add(name, None, "", f"数据库中有 wjself 不会创建的{label}“{_clip(name)}”")
    for kind, name in sorted(expected.keys() - actual.keys()):
        found.add(name, None, "", f"数据库缺少{_KINDS.get(kind, kind)}“{name}”")
    for key in sorted(actual.keys() & expected.keys()):
        if actual[key] != expected[key]:
            label = _KINDS.get(key[0], key[0])
            found.add(key[1], None, "", f"{label}“{key[1]}”的定义与 wjself 的不同（被改动过）")


# ---------------------------------------------------------------- reading rows


def _rows(conn: sqlite3.Connection, table: str, columns: list[str]) -> Iterator[dict[str, Any]]:
    present = {str(r[1]) for r in conn.execute(f'PRAGMA table_info("{table}")')}
    wanted = [c for c in columns if c in present]  # an older revision lacks some columns
    selected = "".join(f', "{c}"' for c in wanted)
    for row in conn.execute(f'SELECT rowid{selected} FROM "{table}"'):
        yield {"_id": row[0], **dict(zip(wanted, row[1:], strict=True))}


def _json(value: Any) -> Any:
    if not isinstance(value, str):
        return _NO_VALUE
    try:
        return json.loads(value, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        return _NO_VALUE


def _refuse_constant(name: str) -> Any:
    raise ValueError(name)


def _check_columns(conn: sqlite3.Connection, table: str, found: _Found) -> None:
    """Each column holds what its model type reads back without failing.

    Plain types are checked by SQLite itself (``typeof``, one scan per column, fast on a long
    audit log); times, dates and JSON are parsed here.
    """
    present = {str(r[1]) for r in conn.execute(f'PRAGMA table_info("{table}")')}
    parsed: dict[str, Callable[[Any], str | None]] = {}
    for column in Base.metadata.tables[table].columns:
        name, kind, nullable = column.name, column.type, bool(column.nullable)
        if name not in present:
            continue  # an older schema revision
        if isinstance(kind, Stamp):
            parsed[name] = _stamp_problem
        elif isinstance(kind, JsonText):
            parsed[name] = _json_problem
        elif isinstance(kind, Date):
            parsed[name] = _date_problem
        elif isinstance(kind, Boolean):
            _typeof(
                conn,
                table,
                name,
                "typeof({c}) = 'integer' AND {c} IN (0, 1)",
                nullable,
                "应为 0 或 1",
                found,
            )
        elif isinstance(kind, Float):
            _typeof(
                conn,
                table,
                name,
                "typeof({c}) IN ('real', 'integer')",
                nullable,
                "应为数字",
                found,
            )
        elif isinstance(kind, Integer):
            _typeof(conn, table, name, "typeof({c}) = 'integer'", nullable, "应为整数", found)
        elif isinstance(kind, String | Text):
            _typeof(conn, table, name, "typeof({c}) = 'text'", nullable, "应为文字", found)
        if name in parsed and not nullable:
            _typeof(conn, table, name, "{c} IS NOT NULL", False, "不能为空", found)
    if not parsed:
        return
    for row in _rows(conn, table, list(parsed)):
        for name, check in parsed.items():
            value = row.get(name)
            if value is not None and (why := check(value)) is not None:
                found.add(table, row["_id"], name, why)


def _typeof(
    conn: sqlite3.Connection,
    table: str,
    column: str,
    condition: str,
    nullable: bool,
    message: str,
    found: _Found,
) -> None:
    """Report the rows whose ``column`` fails ``condition`` (SQL with ``{c}`` for the column)."""
    quoted = f'"{column}"'  # a name from our own models, never from the file
    ok = condition.format(c=quoted)
    if nullable:
        ok = f"{quoted} IS NULL OR ({ok})"
    query = f'SELECT rowid FROM "{table}" WHERE NOT ({ok}) LIMIT {MAX_PER_COLUMN}'
    for (rowid,) in conn.execute(query):
        found.add(table, rowid, column, message)


def _json_problem(value: Any) -> str | None:
    return "不是有效的 JSON 文本" if _json(value) is _NO_VALUE else None


def _stamp_problem(value: Any) -> str | None:
    if not isinstance(value, str):
        return "应为带时区的 ISO 时间文字"
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        return f"“{_clip(value)}”不是有效的时间（应如 2024-05-01T10:00:00+08:00）"
    return None if when.tzinfo is not None else f"时间“{_clip(value)}”缺少时区"


def _date_problem(value: Any) -> str | None:
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        with contextlib.suppress(ValueError):
            dt.date.fromisoformat(value)
            return None
    return f"“{_clip(str(value))}”不是有效日期（应写作 2024-03-15）"


def _not_digest(value: Any) -> str:
    return f"SHA-256“{_clip(str(value))}”无效，应为 64 位十六进制数字（不能是路径）"


def _clip(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[:n] + "…"


# ---------------------------------------------------------------- domain checks


class _Templates:
    """Template snapshots parsed once per distinct content."""

    def __init__(self) -> None:
        self._seen: dict[str, tuple[Template | None, str]] = {}

    def parse(self, content: Any) -> tuple[Template | None, str]:
        """The template, or None and why it is not one."""
        if not isinstance(content, str):
            return None, "模板内容应为 JSON 文字"
        if content not in self._seen:
            data = _json(content)
            if data is _NO_VALUE:
                self._seen[content] = (None, "模板内容不是有效的 JSON")
            else:
                template, problems = template_from_dict(data)
                if problems:
                    first = problems[0]
                    where = f"{first.location()} " if first.location() else ""
                    why = f"模板内容无效（{where}{first.message}；共 {len(problems)} 处）"
                    self._seen[content] = (None, why)
                else:
                    self._seen[content] = (template, "")
        return self._seen[content]


def _check_templates(conn: sqlite3.Connection, found: _Found, templates: _Templates) -> None:
    for row in _rows(conn, "templates", ["template_id", "version", "sha256", "content"]):
        if not is_digest(row.get("sha256")):
            found.add("templates", row["_id"], "sha256", _not_digest(row.get("sha256")))
        template, why = templates.parse(row.get("content"))
        if template is None:
            found.add("templates", row["_id"], "content", why)
        elif (template.id, template.version) != (row.get("template_id"), row.get("version")):
            found.add("templates", row["_id"], "content", "模板内容的编号或版本与记录不一致")


def _check_schools(conn: sqlite3.Connection, found: _Found) -> None:
    fields = ["name", "code", "stages", "township", "address", "principal", "contact", "phone"]
    for row in _rows(conn, "schools", [*fields, "facts"]):
        _check_school(found, "schools", row["_id"], row, _json(row.get("stages")), row.get("facts"))


def _check_school(
    found: _Found, table: str, rowid: int, data: dict[str, Any], stages: Any, facts_raw: Any
) -> None:
    """One school profile (a row, or a finalized assessment's snapshot) as ``validated`` sees it."""
    field = "stages" if table == "schools" else "school_snapshot"
    if not isinstance(stages, list) or not all(isinstance(s, str) for s in stages):
        found.add(table, rowid, field, "学段应为文字列表")
        stages = None
    facts = _json(facts_raw) if isinstance(facts_raw, str) else facts_raw
    if facts is _NO_VALUE:
        facts = {}  # not JSON: reported by the column check
    elif not isinstance(facts, dict) or not all(
        isinstance(k, str) and isinstance(v, bool) for k, v in facts.items()
    ):
        found.add(
            table, rowid, "facts" if table == "schools" else field, "学校情况应为“名称: 是/否”"
        )
        facts = {}
    texts = {}
    for name in ("name", "code", "township", "address", "principal", "contact", "phone"):
        value = data.get(name, "")
        if not isinstance(value, str):
            found.add(table, rowid, name if table == "schools" else field, "应为文字")
            value = ""
        texts[name] = value
    # Stages already reported stand in as one valid stage, so they are not reported twice.
    listed = tuple(stages) if stages is not None else (PRIMARY,)
    school = School(id=0, stages=listed, facts=tuple(facts.items()), **texts)
    try:
        clean = validated(school)
    except InputError as exc:
        for p in exc.problems:
            found.add(table, rowid, p.field if table == "schools" else field, p.message)
        return
    if stages is not None and list(clean.stages) != list(stages):
        found.add(table, rowid, field, "学段应写作规范名称，且不重复：" + "、".join(clean.stages))
    if any(k not in FACTS for k in facts):
        found.add(table, rowid, field, "含有未知的学校情况")


def _check_assessments(
    conn: sqlite3.Connection, found: _Found, templates: _Templates
) -> dict[int, dict[str, Item]]:
    """Checks each assessment; returns the items of those whose snapshot is valid, by id."""
    items: dict[int, dict[str, Item]] = {}
    columns = [
        "template_id", "template_version", "template_sha256", "template_content", "period",
        "status", "finalized_at", "school_snapshot", "filled_by", "reviewed_by", "narrative",
    ]  # fmt: skip
    for row in _rows(conn, "assessments", columns):
        rowid = row["_id"]
        status = row.get("status")
        if status not in {s.value for s in Status}:
            found.add("assessments", rowid, "status", f"未知状态“{_clip(str(status))}”")
        if not isinstance(row.get("period"), str) or not _PERIOD.match(row["period"]):
            found.add("assessments", rowid, "period", "年度应以四位年份开头，如 2024")
        if not is_digest(row.get("template_sha256")):
            found.add(
                "assessments", rowid, "template_sha256", _not_digest(row.get("template_sha256"))
            )
        if status == Status.FINALIZED and "finalized_at" in row and row["finalized_at"] is None:
            found.add("assessments", rowid, "finalized_at", "已定稿的自评缺少定稿时间")
        for who in ("filled_by", "reviewed_by"):
            _check_text(found, "assessments", rowid, who, row.get(who, ""), MAX_NAME)
        template, why = templates.parse(row.get("template_content"))
        if template is None:
            found.add("assessments", rowid, "template_content", why)
        elif (template.id, template.version) != (
            row.get("template_id"),
            row.get("template_version"),
        ):
            found.add("assessments", rowid, "template_content", "模板快照的编号或版本与记录不一致")
        else:
            items[rowid] = {i.code: i for i in template.items()}
        if "school_snapshot" in row and row["school_snapshot"] is not None:
            snapshot = _json(row["school_snapshot"])
            if not isinstance(snapshot, dict):
                found.add("assessments", rowid, "school_snapshot", "学校快照应为 JSON 对象")
            else:
                _check_school(
                    found, "assessments", rowid, snapshot,
                    snapshot.get("stages", []), snapshot.get("facts", {}),
                )  # fmt: skip
        _check_narrative(found, rowid, row.get("narrative"))
    return items


def _check_narrative(found: _Found, rowid: int, raw: Any) -> None:
    """The written 自查报告: an object of the four parts, text within the limits (as typed)."""
    if raw is None:
        return
    data = _json(raw)
    if data is _NO_VALUE:
        return  # reported by the column check
    for part, message in narrative_problems(data):
        found.add("assessments", rowid, "narrative", f"{part}：{message}" if part else message)


def _check_text(found: _Found, table: str, rowid: int, field: str, value: Any, limit: int) -> None:
    if not isinstance(value, str):
        return  # reported by the column check
    try:
        clean_text(value, "文字", limit, field)
    except InputError as exc:
        found.add(table, rowid, field, exc.problems[0].message)


def _check_answers(
    conn: sqlite3.Connection, found: _Found, items: dict[int, dict[str, Item]]
) -> None:
    for row in _rows(conn, "answers", ["assessment_id", "code", "value", "note", "set_aside"]):
        rowid = row["_id"]
        _check_text(found, "answers", rowid, "note", row.get("note", ""), MAX_NOTE)
        value = _json(row.get("value")) if row.get("value") is not None else None
        item = items.get(row.get("assessment_id", -1), {}).get(str(row.get("code")))
        if value is _NO_VALUE or item is None or value is None:
            continue  # bad JSON is reported by the column check; an unknown item is kept aside
        if (why := value_problem(item, value)) is not None:
            found.add("answers", rowid, "value", f"{item.code}：{why}")


def value_problem(item: Item, value: Any) -> str | None:
    """Why ``value`` is not a stored answer of ``item``: anything ``coerce`` would not give back
    unchanged (a label instead of a name, a number as text, a list out of order, a boolean)."""
    try:
        canonical = coerce(item, value)
    except (ValueProblem, ValueError, TypeError) as exc:
        return str(exc) if isinstance(exc, ValueProblem) else "不是本题可存储的值"
    if canonical != value or type(canonical) is bool or type(value) is bool:
        return f"“{_clip(json.dumps(value, ensure_ascii=False))}”不是本题存储的规范值"
    return None


def _check_evidence(conn: sqlite3.Connection, table: str, found: _Found) -> None:
    for row in _rows(conn, table, ["sha256", "name", "size"]):
        rowid = row["_id"]
        if not is_digest(row.get("sha256")):
            found.add(table, rowid, "sha256", "佐证文件的" + _not_digest(row.get("sha256")))
        size = row.get("size")
        if isinstance(size, int) and not 0 < size <= MAX_BYTES:
            found.add(table, rowid, "size", f"文件大小 {size} 不在 1 字节到 50 MiB 之间")
        _check_text(found, table, rowid, "name", row.get("name", ""), 255)


def _check_rectifications(conn: sqlite3.Connection, found: _Found) -> None:
    texts = {"problem": MAX_NOTE, "measure": MAX_NOTE, "owner": MAX_NAME, "verified_by": MAX_NAME}
    for row in _rows(conn, "rectifications", ["status", *texts]):
        rowid = row["_id"]
        if row.get("status") not in {s.value for s in RectStatus}:
            found.add(
                "rectifications", rowid, "status", f"未知整改状态“{_clip(str(row.get('status')))}”"
            )
        for field, limit in texts.items():
            _check_text(found, "rectifications", rowid, field, row.get(field, ""), limit)


def _check_history(conn: sqlite3.Connection, found: _Found) -> None:
    for row in _rows(conn, "answer_history", ["reason", "rectification_ids"]):
        rowid = row["_id"]
        if row.get("reason") not in {r.value for r in HistoryReason}:
            found.add(
                "answer_history", rowid, "reason", f"未知原因“{_clip(str(row.get('reason')))}”"
            )
        ids = _json(row.get("rectification_ids"))
        if ids is not _NO_VALUE and (
            not isinstance(ids, list) or not all(type(i) is int for i in ids)
        ):
            found.add("answer_history", rowid, "rectification_ids", "应为整改编号列表")


def _check_trusted_keys(conn: sqlite3.Connection, found: _Found) -> None:
    columns = ["role", "school_code", "key_id", "public_key", "source", "note"]
    for row in _rows(conn, "trusted_keys", columns):
        for field, message in trusted_key_problems(row):
            found.add("trusted_keys", row["_id"], field, message)
