"""The bureau's review in the school's PDF: 督学意见 under the item, 六、督学审阅意见 with the
verdict, and a note when the review answered an earlier version."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from tests.helpers.pdfcheck import Pdf
from tests.helpers.views import GENERATED, TODAY, sample_view
from wjself.core.assessment import AssessmentView
from wjself.core.review import ReceivedReview, Review, ReviewComment, Verdict
from wjself.report.pdf import write_pdf

WHEN = dt.datetime(2024, 7, 12, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def reviewed(view: AssessmentView, fingerprint: str, verdict: Verdict) -> AssessmentView:
    assert view.signoff is not None
    review = Review(
        school_code=view.school.code,
        school_name=view.school.name,
        template_id=view.template.id,
        template_version=view.template.version,
        period=view.period,
        fingerprint=fingerprint,
        verdict=verdict,
        reason="危化品管理仍需加强" if verdict is Verdict.RETURNED else "",
        reviewer="督导室 张三",
        reviewed_at=WHEN,
        comments=(ReviewComment("A04", "双人双锁须当月落实"), ReviewComment("GONE", "旧版意见")),
    )
    return replace(view, review=ReceivedReview(1, review, WHEN, "李老师", "AB12-CD34-EF56-7890"))


def text_of(view: AssessmentView, target: Path) -> str:
    write_pdf([view], target, generated_at=GENERATED, today=TODAY)
    return Pdf(target).squashed


def test_the_review_is_printed_under_its_item_and_in_its_own_part(tmp_path: Path) -> None:
    view = sample_view(tmp_path / "ev")
    assert view.signoff is not None
    text = text_of(reviewed(view, view.signoff.fingerprint, Verdict.RETURNED), tmp_path / "r.pdf")
    assert "督学意见：双人双锁须当月落实" in text
    assert "六、督学审阅意见" in text
    assert "审阅结论：退回修改" in text and "退回原因：危化品管理仍需加强" in text
    assert "AB12-CD34-EF56-7890" in text and "督导室张三" in text
    assert "本版本检查表中已无此检查项" in text  # a comment on an item the checklist lost
    assert "此前报送的版本" not in text


def test_a_review_of_an_earlier_version_says_so(tmp_path: Path) -> None:
    view = sample_view(tmp_path / "ev")
    text = text_of(reviewed(view, "0" * 64, Verdict.PASSED), tmp_path / "r.pdf")
    assert "审阅结论：通过" in text and "此前报送的版本" in text


def test_without_a_review_the_report_is_as_before(tmp_path: Path) -> None:
    text = text_of(sample_view(tmp_path / "ev"), tmp_path / "r.pdf")
    assert "督学" not in text
