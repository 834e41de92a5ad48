"""#17: the school's own PDF shows the period before's result beside this one, when the same
school finalized the same checklist (any version) in an earlier period."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from tests.cli.results import ok
from tests.conftest import SAMPLE
from tests.helpers.pdfcheck import Pdf
from wjself.core.assessment import PreviousResult
from wjself.core.previous import comparison, is_earlier, period_words
from wjself.core.scoring import Score, Tally


def _finalized(cli, school: str, period: str, answers: list[dict[str, object]], tmp: Path) -> str:
    aid = ok(cli("assessment", "new", "--school", school, "--template", "wj-sample",
                 "--period", period)).strip()  # fmt: skip
    path = tmp / f"{period}.json"
    path.write_text(json.dumps({"answers": answers}, ensure_ascii=False), "utf-8")
    ok(cli("answer", "import", aid, path))
    ok(cli("assessment", "finalize", aid, "--filled-by", "李", "--reviewed-by", "张"))
    return aid


BETTER: list[dict[str, object]] = [{"code": "A01", "value": "符合"}, {"code": "A02", "value": 2},
          {"code": "A04", "value": "符合"}, {"code": "B01", "value": "100%"}]  # fmt: skip
WORSE: list[dict[str, object]] = [{"code": "A01", "value": "基本符合"}, {"code": "A02", "value": 2},
         {"code": "A04", "value": "基本符合"}, {"code": "B01", "value": "100%"}]  # fmt: skip


def test_the_pdf_shows_the_period_before(cli, tmp_path: Path) -> None:
    ok(cli("template", "import", SAMPLE))
    school = ok(cli("school", "add", "--name", "武进区测试小学", "--code", "3204120001",
                    "--stage", "小学", "--has-labs")).strip()  # fmt: skip
    first = _finalized(cli, school, "2023", WORSE, tmp_path)
    ok(cli("assessment", "new", "--school", school, "--template", "wj-sample", "--period", "2022"))
    this = _finalized(cli, school, "2024", BETTER, tmp_path)
    _finalized(cli, school, "2025", WORSE, tmp_path)  # later: not "the period before" 2024

    def shown(aid: str) -> tuple[str, str]:
        s = json.loads(ok(cli("assessment", "show", aid, "--json")))["score"]
        return s["percent_display"], s["band"]

    (before, band0), (now, band1) = shown(first), shown(this)
    pdf = tmp_path / "2024.pdf"
    ok(cli("report", "pdf", this, "-o", pdf))
    text = Pdf(pdf).squashed
    line = f"上期（2023年度）：{before}{band0}→本期{now}{band1}"
    assert text.count(line) == 2, text[:600]  # the cover's result box and 一、总体情况
    change = re.search(re.escape(line) + r"（([+\-±][\d.]+)）", text)
    assert change is not None
    assert float(change.group(1).lstrip("±")) == pytest.approx(
        float(now.rstrip("%")) - float(before.rstrip("%"))
    )
    assert float(now.rstrip("%")) > float(before.rstrip("%"))  # this one is better

    shown_json = json.loads(ok(cli("assessment", "show", this, "--json")))["previous"]
    assert shown_json["assessment_id"] == int(first) and shown_json["period"] == "2023"
    assert shown_json["percent_display"] == before and shown_json["text"].startswith("上期（2023")
    assert shown_json["text"].replace(" ", "") in text
    assert f"上期（2023 年度）：{before} {band0}" in ok(cli("assessment", "show", this))
    assert json.loads(ok(cli("assessment", "show", first, "--json")))["previous"] is None

    own = tmp_path / "2023.pdf"
    ok(cli("report", "pdf", first, "-o", own))
    assert "上期" not in Pdf(own).squashed  # a 2022 draft is no result to compare with


def test_comparison_words() -> None:
    score = Score(items={}, sections=(), overall=Tally(earned=89.7, possible=100), band="良好")
    prev = PreviousResult(1, "2023", "2024.1", 85.2, "良好")
    assert comparison(prev, score) == "上期（2023 年度）：85.2% 良好 → 本期 89.7% 良好（+4.5）"
    # The change is that of the printed figures: 81.25 → 81.3 and 80.04 → 80, so +1.3.
    half = Score(items={}, sections=(), overall=Tally(earned=81.25, possible=100), band="合格")
    low = dataclasses.replace(prev, period="2023学年", percent=80.04, band="合格")
    assert comparison(low, half) == "上期（2023学年）：80% 合格 → 本期 81.3% 合格（+1.3）"
    assert comparison(dataclasses.replace(prev, percent=None, band=""), score).endswith(
        "上期（2023 年度）：— → 本期 89.7% 良好"
    )
    assert is_earlier("2023", "2024") and is_earlier("2024", "2024-2025")
    assert is_earlier("2023学年", "2024学年") and not is_earlier("2024", "2024")
    assert period_words("2023") == "2023 年度" and period_words("2023学年") == "2023学年"
