"""Characters the bundled font lacks: drawn by a fallback font when the system has one, else
replaced by □ — and the report says how many were replaced, never silently."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from tests.helpers.pdfcheck import Pdf
from tests.helpers.views import GENERATED, TODAY, sample_view
from wjself.core.assessment import AssessmentView, Status
from wjself.report import fonts
from wjself.report.bidi import visual
from wjself.report.pdf import write_pdf

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
NOTE = "家长反馈😀🎉，希伯来文 שלום，阿拉伯文 مرحبا。"


def make(tmp_path: Path, v: AssessmentView) -> Pdf:
    target = tmp_path / "r.pdf"
    write_pdf([v], target, generated_at=GENERATED, today=TODAY)
    return Pdf(target)


def with_note(tmp_path: Path) -> AssessmentView:
    base = sample_view(tmp_path / "ev", status=Status.DRAFT)
    answers = dict(base.answers)
    answers["B02"] = replace(answers["B02"], note=NOTE)
    return replace(base, answers=answers)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.reliability(
    fault="Characters no font on the machine can draw",
    method="emoji, Hebrew and Arabic in a note with no fallback font (report tests)",
)
def test_without_a_fallback_font_characters_are_boxed_and_counted(tmp_path: Path) -> None:
    with fonts.fallbacks(()):
        pdf = make(tmp_path, with_note(tmp_path))
    text = pdf.squashed
    assert "家长反馈□□，希伯来文□□□□，阿拉伯文□□□□□。" in text
    assert "本报告中有11个字符无法显示，已替换为□。" in squash(pdf.pages[-1])


def test_nothing_is_said_when_every_character_prints(tmp_path: Path) -> None:
    with fonts.fallbacks(()):
        pdf = make(tmp_path, sample_view(tmp_path / "ev"))
    assert "无法显示" not in pdf.text


@pytest.mark.skipif(not Path(DEJAVU).is_file(), reason="DejaVu Sans is not on this machine")
def test_a_fallback_font_on_the_system_draws_hebrew_arabic_and_some_emoji(
    tmp_path: Path,
) -> None:
    with fonts.fallbacks((DEJAVU,)):
        pdf = make(tmp_path, with_note(tmp_path))
        names = [str(f.get("/BaseFont")) for f in pdf.fonts()]
    assert any("DejaVuSans" in n for n in names), names
    text = pdf.squashed
    assert "家长反馈□□，" in text  # emoji outside the basic plane are always boxed
    assert "ﻣﺮﺣﺒﺎ" in text  # shaped (joined forms), never broken; text reads back logically
    hebrew = {c["text"]: c["x0"] for page in pdf.chars for c in page if c["text"] in "שלום"}
    assert hebrew["ש"] > hebrew["ל"] > hebrew["ו"] > hebrew["ם"]  # drawn right to left
    assert "本报告中有2个字符无法显示，已替换为□。" in squash(pdf.pages[-1])


def test_arabic_is_shaped_and_right_to_left_runs_reversed_with_numbers_kept() -> None:
    assert visual("abc שלום 123 עולם def") == "abc םלוע 123 םולש def"
    assert [hex(ord(c)) for c in visual("سلام")] == ["0xfee1", "0xfefc", "0xfeb3"]
    assert visual("(שלום)") == "(םולש)"
