"""The XLSX for the bureau, read back: sheets, keys, values, and text that must stay text."""

from __future__ import annotations

import dataclasses
import datetime as dt
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.helpers.views import TODAY, generated_view, sample_view
from wjself.core.assessment import Status
from wjself.core.errors import InputError
from wjself.report.xlsx import write_xlsx

FORMULAS = ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", '=HYPERLINK("http://x","y")']


def rows(path: Path, sheet: str) -> list[dict[str, object]]:
    wb = load_workbook(path)
    ws = wb[sheet]
    values = list(ws.iter_rows(values_only=True))
    head = [str(h) for h in values[0]]
    return [dict(zip(head, r, strict=True)) for r in values[1:]]


def test_sheets_rows_and_keys(tmp_path: Path) -> None:
    v = sample_view(tmp_path / "ev")
    g = generated_view(60, status=Status.DRAFT)
    target = tmp_path / "out.xlsx"
    write_xlsx([v, g], target, today=TODAY)
    wb = load_workbook(target)
    assert wb.sheetnames == ["答案", "整改", "汇总"]
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == ws.dimensions
        assert ws.column_dimensions["A"].width > 10
    answers = rows(target, "答案")
    assert len(answers) == v.template.item_count() + g.template.item_count()
    by_key = {(r["模板编号"], r["编号"]): r for r in answers}
    a02 = by_key[("wj-sample", "A02")]
    assert a02["学校标识码"] == "3204120001" and a02["模板版本"] == "2024.1"
    assert a02["结果"] == "3 次" and a02["判定"] == "符合" and a02["得分"] == 1
    assert a02["数值"] == 3 and a02["单位"] == "次" and a02["日期"] is None
    assert a02["说明"] == "3月、5月、6月各一次。" and a02["佐证数"] == 1
    assert by_key[("wj-sample", "A03")]["说明"] == "仅适用于运营校车的学校"
    assert by_key[("wj-sample", "A04")]["满分"] == 2
    rects = rows(target, "整改")
    a04 = next(r for r in rects if r["编号"] == "A04")
    assert a04["是否逾期"] == "是" and a04["完成时限"] == dt.datetime(2024, 7, 1)
    summary = rows(target, "汇总")
    totals = [r for r in summary if r["部分"] == "合计"]
    assert [t["模板编号"] for t in totals] == ["wj-sample", "bench"]
    assert totals[0]["得分率"] == 0.4167 and totals[0]["评定等级"] == "不合格"
    assert totals[0]["指纹"] == (v.signoff.fingerprint if v.signoff else None)


@pytest.mark.reliability(
    fault="Hostile text in outputs",
    method="= + - @ notes with NUL and BEL into the XLSX report (report tests)",
)
def test_text_never_becomes_a_formula(tmp_path: Path) -> None:
    v = sample_view(tmp_path / "ev")
    answers = dict(v.answers)
    for code, text in zip(("A01", "A02", "B01", "B03", "B04"), FORMULAS, strict=True):
        answers[code] = dataclasses.replace(answers[code], note=text + "\x00\x07")
    target = tmp_path / "f.xlsx"
    write_xlsx([dataclasses.replace(v, answers=answers)], target, today=TODAY)
    wb = load_workbook(target)
    head = [c.value for c in wb["答案"][1]]
    code_col, note = head.index("编号"), head.index("说明")
    notes = {row[code_col].value: row[note] for row in wb["答案"].iter_rows(min_row=2)}
    for code, text in zip(("A01", "A02", "B01", "B03", "B04"), FORMULAS, strict=True):
        assert notes[code].value == text and notes[code].data_type == "s"
    with zipfile.ZipFile(target) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in zf.read(name) and b"<f " not in zf.read(name)


def test_no_views_and_bad_target(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="没有要导出的自评"):
        write_xlsx([], tmp_path / "x.xlsx")
    with pytest.raises(InputError, match="不存在"):
        write_xlsx([sample_view(tmp_path / "ev")], tmp_path / "no" / "x.xlsx")


def test_typed_columns_keys_and_wrapping(tmp_path: Path) -> None:
    """Numbers, percents and dates as typed cells beside the text; every row carries the
    school's and the sign-off's keys; 分项 and 合计 rows told apart; evidence named."""
    v = sample_view(tmp_path / "ev")
    target = tmp_path / "typed.xlsx"
    write_xlsx([v], target, today=TODAY)
    wb = load_workbook(target)
    head = [c.value for c in wb["答案"][1]]
    cells = {r[head.index("编号")].value: r for r in wb["答案"].iter_rows(min_row=2)}

    def cell(code: str, column: str):
        return cells[code][head.index(column)]

    assert cell("B01", "结果").value == "95%"
    assert cell("B01", "数值").value == 0.95 and cell("B01", "数值").number_format == "0%"
    assert cell("B01", "数值").data_type == "n"
    assert cell("B04", "日期").value == dt.datetime(2024, 4, 18)
    assert cell("B04", "日期").number_format == "yyyy-mm-dd" and cell("B04", "数值").value is None
    assert cell("A01", "数值").value is None and cell("A01", "满分").value == 1
    assert cell("A01", "佐证文件").value == "1530安全教育记录.jpg\n班会照片（竖拍）.jpg"
    assert cell("A01", "佐证文件").alignment.wrap_text
    assert cell("A04", "检查内容").alignment.wrap_text
    so = v.signoff
    assert so is not None
    for sheet in ("答案", "整改", "汇总"):
        for row in rows(target, sheet):
            assert row["学校标识码"] == v.school.code and row["模板编号"] == "wj-sample"
            assert row["模板版本"] == "2024.1" and row["周期"] == v.period
            assert row["填表人"] == so.filled_by and row["审核人"] == so.reviewed_by
            assert row["定稿日期"] == dt.datetime.combine(so.finalized_at.date(), dt.time())
            assert row["学段"] == "、".join(v.school.stages)
            assert row["镇街"] == v.school.township
    summary = rows(target, "汇总")
    assert [r["行类型"] for r in summary] == ["分项"] * len(v.template.sections) + ["合计"]
    ws = wb["汇总"]
    shead = [c.value for c in ws[1]]
    total = ws.cell(row=ws.max_row, column=shead.index("得分率") + 1)
    assert total.number_format == "0.0%" and total.data_type == "n"


def test_a_draft_has_no_signoff_keys(tmp_path: Path) -> None:
    v = sample_view(tmp_path / "ev", status=Status.DRAFT)
    target = tmp_path / "draft.xlsx"
    write_xlsx([v], target, today=TODAY)
    for row in rows(target, "汇总"):
        assert row["状态"] == "草稿" and row["定稿日期"] is None and row["指纹"] is None


def test_the_two_kinds_of_not_applicable_are_apart_and_the_counts_add_up(
    tmp_path: Path,
) -> None:
    from tests.helpers.views import answer

    base = sample_view(tmp_path / "ev")
    answers = dict(base.answers)
    answers["A01"] = answer("A01", "na", "本校区为新建校区，尚未启用")  # the school's own 不适用
    v = dataclasses.replace(base, answers=answers)
    target = tmp_path / "na.xlsx"
    write_xlsx([v], target, today=TODAY)
    verdicts = {r["编号"]: r["判定"] for r in rows(target, "答案")}
    assert verdicts["A03"] == "不适用于本校"  # 仅适用于运营校车的学校: the profile
    assert verdicts["A01"] == "学校填报不适用"
    assert verdicts["A04"] == "不符合"
    summary = rows(target, "汇总")
    counted = ("题数", "不适用于本校", "适用", "学校填报不适用", "已作答", "未作答")
    for r in summary:
        c = {k: r[k] for k in counted}
        assert all(isinstance(n, int) for n in c.values()), r  # numbers, not text
        n = {k: int(str(v)) for k, v in c.items()}
        assert n["题数"] == n["不适用于本校"] + n["适用"], r
        assert n["适用"] == n["学校填报不适用"] + n["已作答"] + n["未作答"], r
    total = summary[-1]
    assert (total["不适用于本校"], total["学校填报不适用"]) == (1, 1)
    first = summary[0]
    assert (first["部分"], first["不适用于本校"], first["学校填报不适用"]) == (
        v.template.sections[0].title,
        1,
        1,
    )
