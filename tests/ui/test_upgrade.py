"""Template upgrades in the window: the offer, the plan for this draft, upgrading it, what is
left to re-confirm, set-aside answers and the history — and for a finalized assessment a new
prefilled draft instead.  Real window, real data folder, the pair of sample versions of
``tests/helpers/upgrade_pair.py``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel

from tests.helpers.template_files import newer_version
from tests.helpers.upgrade_pair import NEW_VERSION, OLD_VERSION, answered_draft
from tests.helpers.window import add_school, listed, open_walkthrough, select, stored
from tests.store.test_upgrades import finalized
from wjself.core.assessment import Status
from wjself.core.upgrade import UpgradePlan
from wjself.core.values import MET
from wjself.ui import tasks
from wjself.ui.history import HistoryDialog
from wjself.ui.home import HomePage
from wjself.ui.main_window import MainWindow
from wjself.ui.upgrade import UpgradeDialog
from wjself.ui.walkthrough import WalkthroughPage
from wjself.ui.walkthrough_models import CODE, Filter

pytestmark = pytest.mark.gui


@pytest.fixture
def draft(window: MainWindow, tmp_path: Path) -> int:
    """A draft answered on 2024.1, with 2024.2 installed."""
    return answered_draft(window.workspace, tmp_path / "files")


def codes(outcomes: Any) -> list[str]:
    return [o.code for o in outcomes]


def plan_groups(plan: UpgradePlan) -> dict[str, list[str]]:
    return {
        "carried": codes(plan.carried),
        "reconfirm": codes(plan.reconfirm),
        "set_aside": codes(plan.set_aside),
        "removed": codes(plan.removed),
        "added": [d.code for d in plan.added_unanswered],
    }


def shown_groups(dialog: UpgradeDialog) -> dict[str, list[str]]:
    return {group: [row[0] for row in dialog.rows(group)] for group in dialog.groups}


def open_dialog(qtbot: Any, page: WalkthroughPage, button: str) -> UpgradeDialog:
    """Press the banner's button and wait for the plan."""
    bar = page.banner if button == "newDraftButton" else page.upgrade_banner
    (pressed,) = [b for b in bar.buttons() if b.objectName() == button]
    qtbot.mouseClick(pressed, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, UpgradeDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.plan is not None)
    return dialog


def upgrade_through_the_dialog(qtbot: Any, page: WalkthroughPage) -> UpgradeDialog:
    dialog = open_dialog(qtbot, page, "upgradeButton")
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome is not None)
    return dialog


def reconfirm_marked(page: WalkthroughPage) -> list[str]:
    """The listed items whose code cell carries a mark."""
    model = page.item_model
    return [
        code
        for code in listed(page)
        if model.index(model.row_of(code) or 0, CODE).data(Qt.ItemDataRole.DecorationRole)
        is not None
    ]


def test_the_offer_appears_only_for_drafts_with_a_newer_version(
    window: MainWindow, draft: int
) -> None:
    ws = window.workspace
    school = ws.assessments.view(draft).school
    current = ws.assessments.new(school.id, "wj-sample", NEW_VERSION, "2025")

    page = open_walkthrough(window, draft)
    assert page.upgrade_banner.isVisible()
    assert "本检查表有新版本 2024.2" in page.upgrade_banner.text.text()
    assert [b.text() for b in page.upgrade_banner.buttons()] == ["查看变化并升级…"]
    page = open_walkthrough(window, current)
    assert not page.upgrade_banner.isVisible()
    page = open_walkthrough(window, draft)
    page.upgrade_banner.dismiss()  # closed by the person: not shown again for this version
    window.show_page("home")
    window.show_page("walkthrough")
    assert page.session.assessment_id == draft and not page.upgrade_banner.isVisible()

    home = window.show_page("home")
    assert isinstance(home, HomePage)
    versions = {s.id: home.model.index(row, 1).data() for row, s in enumerate(home.model.records())}
    assert versions == {draft: "2024.1 · 有新版本", current: "2024.2"}
    row = [s.id for s in home.model.records()].index(draft)
    tip = home.model.index(row, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "新版本 2024.2" in tip and "查看变化并升级" in tip


def test_the_dialog_shows_this_drafts_plan_and_the_upgrade_does_exactly_that(
    window: MainWindow, qtbot, draft: int
) -> None:
    ws = window.workspace
    page = open_walkthrough(window, draft)
    dialog = open_dialog(qtbot, page, "upgradeButton")
    assert not dialog.period_edit.isVisible()  # an upgrade keeps the draft's period
    preview = ws.upgrades.plan(draft, NEW_VERSION)
    assert dialog.plan is not None and dialog.plan.basis == preview.basis
    groups = shown_groups(dialog)
    assert groups == plan_groups(preview)
    assert {g: len(c) for g, c in groups.items()} == {
        "carried": 3, "reconfirm": 3, "set_aside": 2, "removed": 1, "added": 2,
    }  # fmt: skip
    chips = {g: dialog.findChild(QLabel, f"chip_{g}").text() for g in groups}
    assert chips == {
        "carried": "沿用 3", "reconfirm": "需重新确认 3", "set_aside": "暂存 2",
        "removed": "移入历史 1", "added": "新增待填 2",
    }  # fmt: skip
    assert "2024.1 → 2024.2" in dialog.heading.text()
    before = f"{preview.score_before:.1f}%（{preview.band_before}）"
    after = f"{preview.score_after:.1f}%（{preview.band_after}）"
    assert f"得分：{before} → {after}" in dialog.score.text()
    (b03,) = [r for r in dialog.rows("set_aside") if r[0] == "B03"]
    assert b03[2] == "仅有兼职教师" and b03[3] == "暂存，不计分"
    (a04,) = dialog.rows("removed")
    assert a04[2] == "不符合" and "危化品柜.png" in a04[4] and "整改 1 条" in a04[4]
    (b02,) = [r for r in dialog.rows("reconfirm") if r[0] == "B02"]
    assert b02[2] == b02[3] == "线下讲座"  # the renamed option keeps its label
    assert ws.assessments.view(draft).template.version == OLD_VERSION  # a preview changes nothing

    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome is not None)
    applied = dialog.outcome
    assert applied is not None and applied.plan.basis == preview.basis
    assert not [d for d in page.findChildren(UpgradeDialog) if d.isVisible()]  # it closed

    view = ws.assessments.view(draft)
    assert (view.template.version, view.upgraded_from) == (NEW_VERSION, OLD_VERSION)
    assert {c for c, a in view.answers.items() if a.needs_reconfirm} == set(groups["reconfirm"])
    assert {c for c, a in view.answers.items() if a.set_aside is not None} == set(
        groups["set_aside"]
    )
    history = ws.answers.history(draft)
    assert sorted(h.code for h in history) == sorted(groups["set_aside"] + groups["removed"])
    assert Path(applied.backup).is_file() and Path(applied.backup).name.startswith(
        f"pre-upgrade-{draft}-"
    )
    # The walkthrough shows the upgraded draft and says where the backup is.
    assert page.session.template.version == NEW_VERSION
    assert page.notice.isVisible() and applied.backup in page.notice.text.text()
    assert "沿用 3 项，需重新确认 3 项，暂存 2 项，移入历史 1 项，新增待填 2 项" in (
        page.notice.text.text()
    )
    assert "本检查表有新版本" not in page.upgrade_banner.text.text()
    assert "已从 2024.1 版升级到 2024.2 版" in page.upgrade_banner.text.text()


def test_after_upgrading_revised_items_are_marked_and_confirming_clears_them(
    window: MainWindow, qtbot, draft: int
) -> None:
    page = open_walkthrough(window, draft)
    upgrade_through_the_dialog(qtbot, page)
    page._select_section(0)  # every item
    assert set(reconfirm_marked(page)) == {"A01", "A02", "B02", "A05", "B03"}  # + set aside
    reconfirm = page._filter_button[Filter.RECONFIRM]
    assert reconfirm.isVisible() and reconfirm.text() == "需重新确认 3"
    qtbot.mouseClick(reconfirm, Qt.MouseButton.LeftButton)
    assert listed(page) == ["A01", "A02", "B02"]

    select(page, "A02")
    notice = page.detail.notice
    assert notice.isVisible() and "题目已修订，请核对后确认" in notice.text.text()
    assert "与 2024.1 版相比：题型：数值 → 百分比" in notice.text.text()  # what was revised
    (confirm,) = [b for b in notice.buttons() if b.objectName() == "confirmAnswer"]
    assert confirm.text() == "确认无误"
    qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton)
    assert not stored(window, draft, "A02").needs_reconfirm
    assert stored(window, draft, "A02").value == 3.0  # the answer stays as it was
    assert "题目已修订" not in notice.text.text() or not notice.isVisible()
    assert "A02" not in reconfirm_marked(page)
    assert reconfirm.text() == "需重新确认 2"

    # Answering again (the same value, by key) confirms too.
    select(page, "A01")
    qtbot.keyClick(page.items, Qt.Key.Key_1)
    assert (
        stored(window, draft, "A01").value == MET
        and not stored(window, draft, "A01").needs_reconfirm
    )
    changes = [
        e for e in window.workspace.assessments.history(draft) if e.action == "answer.confirm"
    ]
    assert [e.code for e in changes] == ["A02", "A01"]

    select(page, "B02")
    (confirm,) = [b for b in page.detail.notice.buttons() if b.objectName() == "confirmAnswer"]
    qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton)
    assert window.workspace.assessments.view(draft).answers["B02"].needs_reconfirm is False
    assert reconfirm.text() == "需重新确认 0"
    page.set_filter(Filter.ALL)
    assert not reconfirm.isVisible()  # nothing left to re-confirm
    assert "需重新确认" not in page.upgrade_banner.text.text()


def test_set_aside_answers_are_shown_beside_the_item_with_their_history(
    window: MainWindow, qtbot, draft: int
) -> None:
    page = open_walkthrough(window, draft)
    upgrade_through_the_dialog(qtbot, page)
    assert page.jump_to("A05")
    notice = page.detail.notice
    assert "原答案（旧版本）：“危化品柜未实行双人双锁”，已暂存，不计分" in notice.text.text()
    assert page.jump_to("B03")
    assert "原答案（旧版本）：“仅有兼职教师”，已暂存，不计分" in notice.text.text()
    (history_button,) = [b for b in notice.buttons() if b.objectName() == "itemHistory"]
    qtbot.mouseClick(history_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, HistoryDialog) and dialog.isVisible()
    ((code, shown, what),) = dialog.listed()
    assert (code, shown) == ("B03", "仅有兼职教师") and what.startswith("升级到 2024.2 版时暂存")
    assert dialog.tree.topLevelItem(0).child(0).text(4) == "专职教师招聘中"  # the note
    changes = [
        dialog.change_tree.topLevelItem(n).text(2)
        for n in range(dialog.change_tree.topLevelItemCount())
    ]
    assert changes[:1] == ["升级：暂存"] and "作答" in changes
    dialog.reject()

    # Answering the revised item replaces what was set aside; the history keeps it.
    option, button = next(iter(page.detail.answer.buttons.items()))
    # On the radio's circle: a click in the empty part of its row is no click on it.
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    answer = stored(window, draft, "B03")
    assert (answer.value, answer.set_aside) == (option, None)
    assert "已暂存" not in notice.text.text() and "B03" not in reconfirm_marked(page)
    assert "本题的原答案已移入历史" in notice.text.text()
    assert [b.objectName() for b in notice.buttons()] == ["itemHistory"]
    assert [h.shown for h in window.workspace.answers.history(draft, "B03")] == ["仅有兼职教师"]


def test_nothing_disappears_every_old_answer_is_current_or_in_the_history(
    window: MainWindow, qtbot, draft: int
) -> None:
    old = window.workspace.assessments.view(draft)
    answered = {code for code, a in old.answers.items() if a.value is not None}
    page = open_walkthrough(window, draft)
    upgrade_through_the_dialog(qtbot, page)
    current = {c for c in answered if page.session.value(c) is not None}

    (records,) = [b for b in page.upgrade_banner.buttons() if b.objectName() == "upgradeRecords"]
    qtbot.mouseClick(records, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, HistoryDialog)
    kept = {code for code, _shown, _what in dialog.listed()}
    assert current | kept == answered and current == answered - {"A04", "A05", "B03"}
    records_label = dialog.findChild(QLabel, "upgradeRecords")
    assert "wj-sample@2024.1 → wj-sample@2024.2；沿用 3 项" in records_label.text()
    removed = next(
        dialog.tree.topLevelItem(n)
        for n in range(dialog.tree.topLevelItemCount())
        if dialog.tree.topLevelItem(n).text(2) == "A04"
    )
    assert removed.text(4) == "不符合" and removed.text(5).startswith("2024.2 版删除了此题")
    children = [removed.child(n).text(4) for n in range(removed.childCount())]
    assert children == ["危化品柜只有一把锁", "危化品柜.png", "1 条，仍保留在整改清单中"]
    evidence = removed.child(1)
    dialog.tree.itemDoubleClicked.emit(evidence, 4)
    assert window.prompts.asked[-1][0] == "open_path"  # type: ignore[attr-defined]
    assert window.prompts.asked[-1][1].endswith("危化品柜.png")  # type: ignore[attr-defined]


def test_a_finalized_assessment_offers_a_new_prefilled_draft(
    window: MainWindow, qtbot, draft: int
) -> None:
    ws = window.workspace
    finalized(ws, draft)
    fingerprint = ws.assessments.view(draft).signoff.fingerprint
    page = open_walkthrough(window, draft)
    assert not page.upgrade_banner.isVisible()  # never upgraded …
    assert "本检查表有新版本 2024.2" in page.banner.text.text()
    assert [b.objectName() for b in page.banner.buttons()] == ["reopenButton", "newDraftButton"]
    dialog = open_dialog(qtbot, page, "newDraftButton")  # … but a new draft can start from it
    assert dialog.prefill and dialog.windowTitle() == "以新版本新建草稿"
    preview = ws.upgrades.prefill_plan(draft, "wj-sample", NEW_VERSION)
    assert shown_groups(dialog) == plan_groups(preview)
    assert dialog.apply_button.text() == "新建草稿"
    assert dialog.period_edit.isVisible() and dialog.period_edit.text() == "2024"
    dialog.period_edit.setText("去年")  # refused by the service, in the dialog
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error.isVisible)
    assert "期间“去年”无效" in dialog.error.text() and dialog.status.text() == "未作任何改动。"
    assert len(ws.assessments.list()) == 1 and dialog.apply_button.isEnabled()
    dialog.period_edit.setText("2024")
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome is not None)

    new_id = dialog.outcome.assessment_id
    assert new_id != draft and page.session.assessment_id == new_id
    assert page.session.view.status is Status.DRAFT and page.session.template.version == NEW_VERSION
    assert page.session.view.period == "2024"
    assert set(page.session.reconfirm_codes()) == set(codes(preview.reconfirm))
    assert "原定稿自评未改动" in page.notice.text.text()
    source = ws.assessments.view(draft)
    assert source.status is Status.FINALIZED and source.signoff.fingerprint == fingerprint

    # Back on the finalized one: its successor is started, so it is offered to open instead.
    page.open_assessment(draft)
    (open_it,) = [b for b in page.banner.buttons() if b.objectName() == "openSuccessor"]
    qtbot.mouseClick(open_it, Qt.MouseButton.LeftButton)
    assert page.session.assessment_id == new_id


def test_a_change_after_the_preview_is_refused_and_can_be_previewed_again(
    window: MainWindow, qtbot, draft: int
) -> None:
    ws = window.workspace
    page = open_walkthrough(window, draft)
    dialog = open_dialog(qtbot, page, "upgradeButton")
    ws.answers.set(draft, "A03", "是", note="今年起有校车")  # another program, meanwhile
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error.isVisible)
    assert "预览之后有改动" in dialog.error.text() and "重新预览" in dialog.error.text()
    assert "未作任何改动" in dialog.status.text()
    assert dialog.again_button.isVisible() and not dialog.apply_button.isEnabled()
    assert dialog.isVisible() and dialog.outcome is None
    assert ws.assessments.view(draft).template.version == OLD_VERSION
    assert not [p for p in ws.backups() if p.name.startswith("pre-upgrade-")]

    qtbot.mouseClick(dialog.again_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.plan is not None)
    assert dialog.plan.basis == ws.upgrades.plan(draft, NEW_VERSION).basis
    assert not dialog.error.isVisible() and dialog.apply_button.isEnabled()
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome is not None)
    assert ws.assessments.view(draft).template.version == NEW_VERSION


def test_installing_a_newer_version_says_how_many_drafts_could_move(
    window: MainWindow, qtbot, prompts, tmp_path: Path
) -> None:
    ws = window.workspace
    school = add_school(ws)
    ws.assessments.new(school.id, "wj2024-safety", None, "2024")
    page = window.show_page("templates")
    newer_version(tmp_path / "wj2024-safety-2024.3.json")
    prompts.script("open_files", [tmp_path / "wj2024-safety-2024.3.json"])
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.preview)
    qtbot.mouseClick(page.preview.install_button, Qt.MouseButton.LeftButton)
    text = page.banner.text()
    assert "已安装《校园安全自查表》2024.3 版" in text
    assert "有 1 份旧版本的草稿可以升级到此版本" in text


def test_closing_the_dialog_while_it_works_is_safe(window: MainWindow, qtbot, draft: int) -> None:
    page = open_walkthrough(window, draft)
    dialog = page.upgrade()
    assert dialog is not None
    dialog.reject()  # while the preview is being made: it closes, the preview is dropped
    tasks.wait_all()
    QApplication.processEvents()
    assert not [d for d in page.findChildren(UpgradeDialog) if d.isVisible()]

    dialog = open_dialog(qtbot, page, "upgradeButton")
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    dialog.reject()  # while upgrading: it stays until done, then the walkthrough follows
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.outcome is not None)
    assert page.session.template.version == NEW_VERSION
