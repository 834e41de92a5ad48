"""The home page: the school's assessments, starting new ones, filters, several schools, deleting drafts."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from tests.helpers.window import add_school, sample_assessment, sample_template
from wjself.core.assessment import Status
from wjself.core.stages import stages_overlap
from wjself.ui.home import HomePage
from wjself.ui.new_assessment import NewAssessmentDialog

pytestmark = pytest.mark.gui


def home_of(window) -> HomePage:
    page = window.pages["home"]
    assert isinstance(page, HomePage)
    page.activate()
    return page


def test_first_start_says_what_to_do_first(window) -> None:
    home = home_of(window)
    assert home.stack.currentWidget() is home.empty_state
    assert "还没有登记学校" in home.empty.text() and home.register_button.isVisible()
    assert not home.new_action.isEnabled()
    assert "登记学校" in home.new_button.toolTip()  # disabled, and says why

    add_school(window.workspace)
    home.activate()
    assert "新建自评" in home.empty.text()
    assert home.new_action.isEnabled()
    assert not home.school_combo.isVisible()  # one school: no selector


def test_new_assessments_from_the_dialog(window, qtbot) -> None:
    school = add_school(window.workspace)
    home = home_of(window)
    qtbot.keyClick(home, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = home.dialog
    assert isinstance(dialog, NewAssessmentDialog) and dialog.isVisible()
    assert dialog.period.currentText() == str(dt.date.today().year)
    titles = [dialog.templates.item(n).text() for n in range(dialog.templates.count())]
    ids = [
        dialog.templates.item(n).data(Qt.ItemDataRole.UserRole + 1)
        for n in range(dialog.templates.count())
    ]
    # Only checklists whose stages concern a primary school: not the kindergarten's or vocational.
    assert "wj2024-preschool" not in ids and "wj2024-vocational" not in ids
    assert "wj2024-safety" in ids and "wj2024-lab" in ids
    for info in window.workspace.templates.list():
        assert (info.id in ids) == stages_overlap(info.stages, school.stages)
    assert any(t == "校园安全自查表（版本 2024.2，共 45 项）" for t in titles)
    assert not dialog.create_button.isEnabled()

    dialog.period.setCurrentText("2024")
    dialog.check("wj2024-safety")
    dialog.check("wj2024-canteen")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    rows = home.records()
    assert sorted(r.template_id for r in rows) == ["wj2024-canteen", "wj2024-safety"]
    assert all(r.period == "2024" and r.status is Status.DRAFT for r in rows)
    assert "2 份" in home.notice.text.text()
    assert window.current_page() is home

    # The same checklist for the same period cannot be started twice: it is greyed and says so.
    again = home.new_assessment()
    again.period.setCurrentText("2024")
    safety = next(again.templates.item(n) for n in range(again.templates.count())
                  if again.templates.item(n).data(Qt.ItemDataRole.UserRole + 1) == "wj2024-safety")  # fmt: skip
    assert "已有自评" in safety.text() and not safety.flags() & Qt.ItemFlag.ItemIsEnabled
    again.reject()


def test_creating_one_opens_it(window, qtbot) -> None:
    add_school(window.workspace)
    home = home_of(window)
    dialog = home.new_assessment()
    dialog.check("wj2024-party")
    dialog.create_assessments()
    walkthrough = window.pages["walkthrough"]
    assert window.current_page() is walkthrough
    assert walkthrough.session.template.id == "wj2024-party"
    assert walkthrough.title_label.text() == "学校党建与意识形态工作自查表"


def test_a_refused_period_is_explained_in_the_dialog(window) -> None:
    add_school(window.workspace)
    home = home_of(window)
    dialog = home.new_assessment()
    dialog.period.setCurrentText("明年")
    dialog.check("wj2024-party")
    dialog.create_assessments()
    assert dialog.isVisible()
    assert dialog.error.isVisible() and "四位年份" in dialog.error.text()
    assert window.workspace.assessments.list() == []


def test_table_shows_progress_score_and_rectifications(window) -> None:
    aid = sample_assessment(window)
    ws = window.workspace
    ws.answers.set(aid, "A01", "不符合", note="记录缺失")
    ws.answers.set(aid, "A02", "3")
    rect = ws.assessments.view(aid).rectification_for("A01")
    import dataclasses

    ws.rectifications.save(
        dataclasses.replace(rect, measure="补齐记录", owner="安全办", due=dt.date(2020, 1, 1))
    )
    home = home_of(window)
    model = home.proxy
    row = 0
    cells = [model.index(row, c).data() for c in range(model.columnCount())]
    assert cells[0] == sample_template().title
    assert cells[1:4] == ["2024.1", "2024", "草稿"]
    assert cells[4] == "2 / 7"
    # Earned 1 (A02) of A01 1 + A02 1 + A04 2 + B01 1 + B03 1; unanswered items count as 0.
    assert cells[5] == "16.7"
    assert cells[6] == "不合格"
    assert cells[7] == "1" and cells[8] == "1"  # open and overdue


def test_several_schools_get_a_selector_and_filters_narrow_the_list(window, qtbot) -> None:
    aid = sample_assessment(window)
    ws = window.workspace
    other = add_school(ws, name="武进区第二实验小学", code="3204120002")
    ws.assessments.new(other.id, "wj-sample", None, "2023")
    ws.assessments.new(other.id, "wj2024-party", None, "2024")
    home = home_of(window)
    assert home.school_combo.isVisible()
    assert [home.school_combo.itemText(n) for n in range(home.school_combo.count())] == [
        "武进区测试小学",
        "武进区第二实验小学",
    ]
    assert [r.id for r in home.records()] == [aid]
    home.school_combo.setCurrentIndex(1)
    assert sorted(r.period for r in home.records()) == ["2023", "2024"]
    assert [home.period_filter.itemText(n) for n in range(home.period_filter.count())] == [
        "全部周期",
        "2024",
        "2023",
    ]
    home.period_filter.setCurrentIndex(2)
    assert [r.period for r in home.records()] == ["2023"]
    home.set_filters(status=Status.FINALIZED.value)
    assert home.records() == []
    assert home.stack.currentWidget() is home.empty_state and "筛选" in home.empty.text()
    assert not home.register_button.isVisible()
    # The choice of school is remembered.
    assert str(window.preferences.value("home/school")) == str(other.id)


def test_delete_a_draft_but_never_a_finalized_one(window, qtbot, prompts) -> None:
    aid = sample_assessment(window)
    ws = window.workspace
    school = ws.schools.find("3204120001")
    done = ws.assessments.new(school.id, "wj2024-party", None, "2024")
    home = home_of(window)
    home.select_ids([aid])
    prompts.script("confirm", False)
    qtbot.keyClick(home.table, Qt.Key.Key_Delete)
    assert {r.id for r in ws.assessments.list()} == {aid, done}
    prompts.script("confirm", True)
    home.delete_button.click()
    assert "删除" in prompts.asked[-1][2] and "无法恢复" in prompts.asked[-1][2]
    assert [r.id for r in ws.assessments.list()] == [done]
    assert "已删除" in home.notice.text.text()

    template = ws.assessments.template(done)
    for item in template.items():
        if item.required:
            ws.answers.set(
                done,
                item.code,
                "符合"
                if item.kind.value == "compliance"
                else "是"
                if item.kind.value == "yes_no"
                else "1",
            )
    ws.assessments.finalize(done, "李老师", "王校长")
    home.refresh()
    home.select_ids([done])
    assert not home.delete_action.isEnabled() and not home.delete_button.isEnabled()
    assert "已定稿的自评不能删除" in home.hint.text()
    assert "已定稿的自评不能删除" in home.delete_button.toolTip()
    qtbot.keyClick(home.table, Qt.Key.Key_Delete)
    assert [r.id for r in ws.assessments.list()] == [done]


def test_deleting_the_open_assessment_closes_it_in_the_walkthrough(window, prompts) -> None:
    aid = sample_assessment(window)
    walkthrough = window.pages["walkthrough"]
    walkthrough.open_assessment(aid)
    home = home_of(window)
    window.show_page("home")
    home.select_ids([aid])
    prompts.script("confirm", True)
    home.delete_selected()
    assert not walkthrough.session.is_open
    window.show_page("walkthrough")
    assert walkthrough.stack.currentWidget() is walkthrough.empty


def test_enter_and_double_click_open_the_selected_assessment(window, qtbot) -> None:
    aid = sample_assessment(window)
    home = home_of(window)
    home.select_ids([aid])
    home.table.setFocus()
    qtbot.keyClick(home.table, Qt.Key.Key_Return)
    assert window.current_page() is window.pages["walkthrough"]
    assert window.pages["walkthrough"].session.assessment_id == aid


def test_tick_all_takes_only_what_can_be_started(window) -> None:
    aid = sample_assessment(window)
    home = home_of(window)
    dialog = home.new_assessment()
    dialog.period.setCurrentText("2024")
    dialog.all_button.click()
    ticked = dialog.checked_ids()
    assert "wj-sample" not in ticked  # already started for 2024
    assert len(ticked) == dialog.templates.count() - 1
    dialog.none_button.click()
    assert dialog.checked_ids() == []
    assert window.workspace.assessments.list() != [] and aid
    dialog.reject()
