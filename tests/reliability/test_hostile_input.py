"""Hostile template and answer files: refused with located problems, the database unchanged.

XML bombs and external entities inside XLSX, lying zip sizes, huge files, formulas, fields at
and over their limits, and property-based runs of whole files through the services.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SAMPLE, _env
from tests.helpers.factory import item, template_dict
from tests.reliability.plugin import tally
from wjself.core.codec import template_from_dict_strict
from wjself.core.errors import InputError
from wjself.core.school import School
from wjself.core.template import Limits
from wjself.formats.answers import read_answer_file
from wjself.formats.templates import read_template
from wjself.formats.xlsform import read_xlsform
from wjself.formats.xlsform_write import xlsform_bytes
from wjself.paths import DataPaths
from wjself.store import Workspace

SAMPLE_DICT = json.loads(SAMPLE.read_text("utf-8"))
SAMPLE_XLSX = xlsform_bytes(read_template(SAMPLE))

LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>'
)
XXE = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
PARTS = (
    "[Content_Types].xml",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/worksheets/sheet1.xml",
    "xl/styles.xml",
    "docProps/core.xml",
    "xl/sharedStrings.xml",
)
SHARED = (
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
    'uniqueCount="1"><si><t>{}</t></si></sst>'
)


def with_prolog(data: bytes, part: str, prolog: str, entity: str) -> bytes:
    """``data`` (an XLSX) with a DTD before ``part``'s root and an entity reference inside."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        names = source.namelist()
        for name in names:
            text = source.read(name).decode("utf-8")
            if name == part:
                text = text[text.index("?>") + 2 :] if text.startswith("<?xml") else text
                text = prolog + text.replace("<t>", f"<t>{entity}", 1)
            if part == "xl/sharedStrings.xml" and name == "[Content_Types].xml":
                text = text.replace(
                    "</Types>",
                    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            z.writestr(name, text)
        if part == "xl/sharedStrings.xml":
            z.writestr(part, prolog + SHARED.format(entity))
    return out.getvalue()


def answers_xlsx(rows: list[list[Any]]) -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    for row in [["code", "value", "note"], *rows]:
        ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def state(database: Path) -> dict[str, list[tuple[Any, ...]]]:
    with contextlib.closing(sqlite3.connect(database)) as conn:
        return {
            t: sorted(map(tuple, conn.execute(f"SELECT * FROM {t}")))
            for t in ("templates", "answers", "audit_log", "rectifications", "assessments")
        }


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, int]]:
    """One workspace for the module (hypothesis runs many examples against it)."""
    paths = DataPaths(tmp_path_factory.mktemp("hostile") / "data")
    ws = Workspace.open(paths)
    t = read_template(SAMPLE)
    ws.templates.install(t)
    school = ws.schools.add(School(0, "恶意文件测试小学", "3204120001", ("小学",)))
    aid = ws.assessments.new(school.id, t.id, None, "2024")
    yield ws, aid
    ws.close()


# ---------------------------------------------------------------- XML inside XLSX


@pytest.mark.parametrize("part", PARTS)
@pytest.mark.parametrize("attack", ["billion laughs", "external entity"])
def test_xml_entities_in_a_workbook_are_refused(
    store: tuple[Workspace, int], tmp_path: Path, part: str, attack: str, request: Any
) -> None:
    request.applymarker(
        pytest.mark.reliability(
            fault="Hostile template or answer XLSX",
            method="billion laughs and external-entity DTDs in each of 7 XLSX parts "
            "(incl. sharedStrings); template and answer import",
        )
    )
    ws, aid = store
    prolog, entity = (LAUGHS, "&lol4;") if attack == "billion laughs" else (XXE, "&xxe;")
    base = SAMPLE_XLSX if part != "xl/worksheets/sheet1.xml" else answers_xlsx([["A01", "符合"]])
    data = with_prolog(base, part, prolog, entity)
    before = state(ws.paths.database)
    path = tmp_path / "evil.xlsx"
    path.write_bytes(data)
    _, problems = read_xlsform(data, str(path))
    assert problems and all(p.file == str(path) for p in problems)
    assert "XML 实体" in problems[0].message, problems
    with pytest.raises(InputError) as caught:
        rows = read_answer_file(path)
        ws.answers.import_rows(aid, rows, str(path))
    assert "XML 实体" in str(caught.value) or "root:" not in str(caught.value)
    assert "root:" not in str(problems)  # /etc/passwd never read into anything
    assert state(ws.paths.database) == before
    tally(2)


@pytest.mark.reliability(
    fault="Hostile template or answer XLSX",
    method="openpyxl told not to use defusedxml (OPENPYXL_DEFUSEDXML=False): nothing is read",
)
def test_without_defusedxml_no_workbook_is_read(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    path.write_bytes(SAMPLE_XLSX)
    env = _env() | {"OPENPYXL_DEFUSEDXML": "False"}
    proc = subprocess.run(
        [sys.executable, "-m", "wjself", "template", "validate", str(path)],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert proc.returncode == 2 and "defusedxml" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    tally()


@pytest.mark.reliability(
    fault="Hostile template or answer XLSX",
    method="zip entry that lies about its size (declares 1 KiB, inflates to 300 MiB)",
)
def test_zip_entry_lying_about_its_size(tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (300 * 1024 * 1024) + b"</a>")
    data = bytearray(out.getvalue())
    # Patch the recorded uncompressed size of the big entry (local header and central directory).
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.getinfo("xl/worksheets/sheet1.xml")
    real = info.file_size.to_bytes(4, "little")
    fake = (1024).to_bytes(4, "little")
    data = bytearray(bytes(data).replace(real, fake))
    _, problems = read_xlsform(bytes(data), "bomb.xlsx")
    assert problems and "损坏" in str(problems[0]), problems
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(bytes(data))
    with pytest.raises(InputError, match="损坏"):
        read_answer_file(path)
    tally(2)


@pytest.mark.parametrize("name", ["t.xlsx", "t.json", "answers.csv", "answers.xlsx"])
def test_huge_files_are_refused_before_reading(tmp_path: Path, name: str, request: Any) -> None:
    request.applymarker(
        pytest.mark.reliability(
            fault="Huge input file", method=f"sparse {name} one byte over the 20 MiB limit"
        )
    )
    path = tmp_path / name
    with path.open("wb") as handle:
        handle.truncate(Limits.FILE_BYTES + 1)
    if name.startswith("t."):
        with pytest.raises(InputError, match="文件过大"):
            read_template(path)
    else:
        with pytest.raises(InputError, match="文件过大"):
            read_answer_file(path)
    tally()


# ---------------------------------------------------------------- formulas


FORMULAS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(1)"]


@pytest.mark.reliability(
    fault="Formulas in spreadsheet cells",
    method="template XLSX whose label and hint cells are real formulas: read as text",
)
def test_formula_cells_in_a_template_are_text(store: tuple[Workspace, int], tmp_path: Path) -> None:
    ws, _ = store
    book = openpyxl.load_workbook(
        io.BytesIO(
            xlsform_bytes(
                template_from_dict_strict(
                    template_dict([item("F1"), item("F2")], id="formula", title="公式测试")
                )
            )
        )
    )
    survey = book["survey"]
    survey["C3"] = FORMULAS[0]  # openpyxl stores "=…" as a formula cell
    survey["D3"] = FORMULAS[1]
    assert survey["C3"].data_type == "f"
    out = io.BytesIO()
    book.save(out)
    assert b"<f>" in zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml")
    t, problems = read_xlsform(out.getvalue(), "formula.xlsx")
    assert not problems and t is not None
    first = t.sections[0].items[0]
    assert (first.text, first.guidance) == (FORMULAS[0], FORMULAS[1])
    ws.templates.install(t)
    again = zipfile.ZipFile(io.BytesIO(xlsform_bytes(ws.templates.get("formula"))))
    assert b"<f>" not in again.read("xl/worksheets/sheet1.xml")
    tally()


@pytest.mark.reliability(
    fault="Formulas in spreadsheet cells",
    method="answer XLSX with formula cells: refused with row and cell, nothing stored",
)
def test_formula_cells_in_an_answer_file_are_refused(
    store: tuple[Workspace, int], tmp_path: Path
) -> None:
    ws, aid = store
    path = tmp_path / "answers.xlsx"
    path.write_bytes(answers_xlsx([["A01", "符合"], ["A02", '=IF(1,"符合","不符合")', "=1+1"]]))
    before = state(ws.paths.database)
    with pytest.raises(InputError) as caught:
        ws.answers.import_rows(aid, read_answer_file(path), str(path))
    text = str(caught.value)
    assert f"{path}:row 3: 单元格 B3 是公式" in text and "C3" in text
    assert state(ws.paths.database) == before
    tally()


@pytest.mark.reliability(
    fault="Formulas in spreadsheet cells",
    method="CSV answers starting with = + - @: stored as the text written, never evaluated",
)
def test_formula_like_text_in_csv_is_plain_text(
    store: tuple[Workspace, int], tmp_path: Path
) -> None:
    ws, aid = store
    text_items = [i.code for i in ws.assessments.template(aid).items() if i.kind.value == "text"]
    assert text_items
    path = tmp_path / "answers.csv"
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["code", "value", "note"])
    writer.writerow(["A01", "符合", FORMULAS[0]])
    writer.writerow([text_items[0], FORMULAS[1], FORMULAS[4]])
    path.write_text(out.getvalue(), "utf-8")
    ws.answers.import_rows(aid, read_answer_file(path), str(path))
    assert ws.answers.get(aid, "A01").note == FORMULAS[0]
    assert ws.answers.get(aid, text_items[0]).value == FORMULAS[1]
    tally()


# ---------------------------------------------------------------- limits


# (what, builds a template dict with that field at n characters/entries, limit)
def _field(path: str, n: int) -> dict[str, Any]:
    data = template_dict([item("L1", "single", options=[{"name": "a", "label": "甲"}])], id="lim")
    it = data["sections"][0]["items"][0]
    text = "字" * n
    match path:
        case "id":
            data["id"] = "a" * n
        case "version":
            data["version"] = "1" * n
        case "title" | "issuer" | "plan_ref" | "description":
            data[path] = text
        case "section title":
            data["sections"][0]["title"] = text
        case "item code":
            it["code"] = "A" * n
        case "unit":
            it.update(kind="number", unit="字" * n)
            del it["options"]
        case "item text" | "method" | "evidence" | "guidance" | "clause":
            it["text" if path == "item text" else path] = (
                "字" * n if path != "clause" else "§" + "1" * (n - 1)
            )
        case "option label":
            it["options"][0]["label"] = text
        case "options":
            it["options"] = [{"name": f"o{i}", "label": f"选项{i}"} for i in range(n)]
        case "sections":
            data["sections"] = [
                {"code": f"S{i}", "title": f"分组{i}", "items": [item(f"X{i}")]} for i in range(n)
            ]
        case "items":
            data["sections"][0]["items"] = [item(f"I{i}") for i in range(n)]
    return data


LIMITS = {
    "id": Limits.ID,
    "version": Limits.VERSION,
    "title": Limits.TITLE,
    "issuer": Limits.TITLE,
    "plan_ref": Limits.TITLE,
    "description": Limits.LONG_TEXT,
    "section title": Limits.TITLE,
    "item code": Limits.CODE,
    "item text": Limits.TEXT,
    "method": Limits.LONG_TEXT,
    "evidence": Limits.LONG_TEXT,
    "guidance": Limits.LONG_TEXT,
    "unit": Limits.CODE,
    "option label": Limits.TEXT,
    "options": Limits.OPTIONS,
    "sections": Limits.SECTIONS,
    "items": Limits.ITEMS,
}


@pytest.mark.parametrize("field", LIMITS)
def test_every_field_at_and_over_its_limit(
    store: tuple[Workspace, int], tmp_path: Path, field: str, request: Any
) -> None:
    request.applymarker(
        pytest.mark.reliability(
            fault="Template fields at and over their limits",
            method="each of 17 fields and counts at its limit (accepted) and one over (refused)",
        )
    )
    ws, _ = store
    limit = LIMITS[field]
    at = tmp_path / "at.json"
    at.write_text(json.dumps(_field(field, limit), ensure_ascii=False), "utf-8")
    read_template(at)  # valid at the limit
    over = tmp_path / "over.json"
    over.write_text(json.dumps(_field(field, limit + 1), ensure_ascii=False), "utf-8")
    before = state(ws.paths.database)
    with pytest.raises(InputError) as caught:
        ws.templates.install(read_template(over))
    assert all(p.file == str(over) and p.message for p in caught.value.problems)
    assert str(limit) in str(caught.value)
    assert state(ws.paths.database) == before
    tally(2)


# ---------------------------------------------------------------- property-based

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
KEYS = ["sections", 0, 1, "items", 0, 2, "kind", "options", "applies_to", "code", "text",
        "show_if", "weight", "target", "id", "version", "bands", "stages"]  # fmt: skip


@pytest.mark.reliability(
    fault="Random template files",
    method="hypothesis: sample template with one field replaced, or random bytes, as .json/.xlsx; imported through the service",
)
@FUZZ
@given(
    path=st.lists(st.sampled_from(KEYS), min_size=1, max_size=6),
    value=json_values,
    noise=st.binary(max_size=300),
    form=st.sampled_from(["json", "xlsx", "bytes-json", "bytes-xlsx"]),
)
def test_template_files_through_the_service(
    store: tuple[Workspace, int],
    tmp_path: Path,
    path: list[Any],
    value: Any,
    noise: bytes,
    form: str,
) -> None:
    ws, _ = store
    data = json.loads(json.dumps(SAMPLE_DICT))
    data["id"] = "fuzzed"
    node = data
    with contextlib.suppress(KeyError, IndexError, TypeError):
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    if form == "json":
        raw = json.dumps(data, ensure_ascii=False).encode()
    elif form == "xlsx":
        try:
            raw = xlsform_bytes(template_from_dict_strict(data))
        except (InputError, ValueError, TypeError, KeyError, AttributeError):
            raw = SAMPLE_XLSX[: len(SAMPLE_XLSX) // 2] + noise
    elif form == "bytes-json":
        raw = noise
    else:
        raw = SAMPLE_XLSX[:2000] + noise
    file = tmp_path / f"fuzz.{form.rsplit('-', maxsplit=1)[-1]}"
    file.write_bytes(raw)
    before = state(ws.paths.database)
    try:
        t = read_template(file)
    except InputError as exc:
        assert exc.problems and all(p.file == str(file) and p.message for p in exc.problems)
        assert state(ws.paths.database) == before
        tally()
        return
    try:
        ws.templates.install(t)
    except InputError as exc:
        assert exc.problems and all(p.message and (p.file or p.field) for p in exc.problems)
        assert state(ws.paths.database) == before
    tally()


CODES = [i["code"] for s in SAMPLE_DICT["sections"] for i in s["items"]]
raw_values = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["符合", "基本符合", "不符合", "不适用", "是", "否", "95%", "2024-03-05", "", " "]
    ),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.lists(st.text(max_size=10), max_size=3),
)
answer_rows = st.lists(
    st.tuples(
        st.one_of(st.sampled_from(CODES), st.text(max_size=12)),
        raw_values,
        st.one_of(st.none(), st.text(max_size=60)),
    ),
    max_size=12,
)


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        value = "、".join(value)
    if isinstance(value, str):
        return "".join(ch for ch in value if ch >= " " or ch in "\n\t")
    if isinstance(value, float) and value != value:
        return "NaN"
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return str(value)
    return value


@pytest.mark.reliability(
    fault="Random answer files",
    method="hypothesis: 0-12 rows of random codes, values and notes as CSV/JSON/XLSX (or a damaged copy); imported through the service",
)
@FUZZ
@given(rows=answer_rows, form=st.sampled_from(["csv", "json", "xlsx"]), cut=st.integers(0, 40))
def test_answer_files_through_the_service(
    store: tuple[Workspace, int], tmp_path: Path, rows: list[Any], form: str, cut: int
) -> None:
    ws, aid = store
    if form == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["code", "value", "note"])
        for code, value, note in rows:
            writer.writerow([code, _cell(value), note])
        raw = out.getvalue().encode("utf-8")
    elif form == "json":
        raw = json.dumps(
            {"answers": [{"code": c, "value": v, "note": n} for c, v, n in rows]},
            ensure_ascii=False,
        ).encode("utf-8", "surrogatepass")
    else:
        raw = answers_xlsx([[_cell(c), _cell(v), _cell(n)] for c, v, n in rows])
    if cut == 1:  # a damaged copy: cut off at some point
        raw = raw[: len(raw) * 2 // 3]
    file = tmp_path / f"answers.{form}"
    file.write_bytes(raw)
    before = state(ws.paths.database)
    try:
        ws.answers.import_rows(aid, read_answer_file(file), str(file))
    except InputError as exc:
        assert exc.problems
        assert all(p.file == str(file) and p.message for p in exc.problems), exc.problems
        assert state(ws.paths.database) == before
    tally()
