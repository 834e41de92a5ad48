"""The bureau's window (区教育局端) on a real bureau folder: bundles exported by real school
folders are received (file picker, folder, drag and drop; a refused one in the summary),
compared, read as the school sent them, and its PDF opened."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from tests.helpers.keyboard import type_text
from tests.helpers.prompts import ScriptedPrompts
from tests.helpers.school_bundles import newer_bundle, school_bundle, schools, tampered
from tests.ui.test_layout import problems
from wjself.context import DistrictContext
from wjself.core.review import Verdict
from wjself.district import DistrictFilter, import_bundles, list_received, review_of
from wjself.formats.review_file import read_review
from wjself.ui.application import create_application
from wjself.ui.district_compare import ComparePage
from wjself.ui.district_read import ReadPage
from wjself.ui.district_receive import REFUSED, ReceivePage
from wjself.ui.feedback import show_failure
from wjself.ui.i18n import CHINESE, ENGLISH
from wjself.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Three schools' finalized bundles (made once: each school is a real data folder)."""
    return schools(tmp_path_factory.mktemp("schools"), 3)


def receive_page(window: MainWindow) -> ReceivePage:
    page = window.show_page("district-receive")
    assert isinstance(page, ReceivePage)
    return page


def wait_received(qtbot: Any, page: ReceivePage) -> None:
    qtbot.waitUntil(lambda: not page.running, timeout=30_000)


def test_the_bureau_s_window_says_so_and_has_the_bureau_s_pages(bureau_window: MainWindow) -> None:
    assert "区教育局端" in bureau_window.windowTitle()
    assert list(bureau_window.pages) == [
        "district-receive",
        "district-compare",
        "district-read",
        "district-keys",
    ]
    titles = [bureau_window.navigation.item(r).text() for r in range(3)]
    assert titles == ["接收", "学校与得分", "查看"]
    page = receive_page(bureau_window)  # the key a school pins, to read out by phone
    assert bureau_window.district.workspace.signing_key.key_id in page.own_key.text()


@pytest.mark.reliability(
    fault="the bureau's window receives a tampered bundle among good ones",
    method="three schools' signed bundles and one with its answers edited chosen together on "
    "the Receive page: the three are kept, the edited one is listed as refused with the school "
    "and the fingerprint mismatch; the list shows the three",
)
def test_bundles_chosen_are_received_and_a_tampered_one_is_refused_with_its_reason(
    bureau_window: MainWindow,
    prompts: ScriptedPrompts,
    bundles: list[Path],
    tmp_path: Path,
    qtbot: Any,
) -> None:
    bad = tampered(bundles[1], tmp_path / "改过的.wjsa")
    page = receive_page(bureau_window)
    prompts.script("open_files", [*bundles, bad])
    page.files_button.click()
    wait_received(qtbot, page)
    assert page.summary is not None
    assert len(page.summary.accepted) == 3 and len(page.summary.refused) == 1
    assert "已拒收：1" in page.counts.text()
    first = page.model.record(0)  # the refused first: they need a call to the school
    assert first.outcome == REFUSED and first.line.path == bad
    cells = [page.model.index(0, c).data() for c in range(page.model.columnCount())]
    assert cells[0] == "已拒收"
    assert "武进区第2实验小学" in cells[2]
    assert "指纹不符" in cells[5]
    accepted = [page.model.record(r).line for r in range(1, 4)]
    key_ids = [page.model.index(r, 6).data() for r in range(1, 4)]
    assert all(len(k) == 19 and k.count("-") == 3 for k in key_ids), key_ids  # read by phone
    assert key_ids == [line.key_id for line in accepted]
    compare = bureau_window.show_page("district-compare")
    assert isinstance(compare, ComparePage)
    assert compare.model.rowCount() == 3


def test_a_folder_dropped_on_the_page_is_received(
    bureau_window: MainWindow, bundles: list[Path], qtbot: Any
) -> None:
    page = receive_page(bureau_window)
    text = QMimeData()
    text.setText("not a file")
    refused = QDragEnterEvent(
        QPoint(10, 10), Qt.DropAction.CopyAction, text, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    page.dragEnterEvent(refused)
    assert not refused.isAccepted()  # only files and folders are taken
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(bundles[0].parent))])
    entering = QDragEnterEvent(
        QPoint(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    page.dragEnterEvent(entering)
    assert entering.isAccepted()
    drop = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    page.dropEvent(drop)
    assert drop.isAccepted()
    assert page.running and page.progress_row.isVisible()
    wait_received(qtbot, page)
    assert page.summary is not None and len(page.summary.accepted) == 3
    assert not page.progress_row.isVisible()


def test_a_folder_chosen_twice_is_received_once(
    bureau_window: MainWindow, prompts: ScriptedPrompts, bundles: list[Path], qtbot: Any
) -> None:
    page = receive_page(bureau_window)
    prompts.script("open_folder", bundles[0].parent, bundles[0].parent)
    page.folder_button.click()
    wait_received(qtbot, page)
    page.folder_button.click()
    wait_received(qtbot, page)
    assert page.summary is not None
    assert not page.summary.accepted and len(page.summary.already) == 3
    assert "此前已接收：3" in page.counts.text()


@pytest.mark.reliability(
    fault="the bureau stops an import in the middle",
    method="Cancel pressed right after starting: the import stops after the bundle being "
    "checked, the summary says so, what was received stays received",
)
def test_cancel_stops_after_the_bundle_being_checked(
    bureau_window: MainWindow, bundles: list[Path], qtbot: Any
) -> None:
    page = receive_page(bureau_window)
    page.receive(bundles)
    page.cancel()
    assert not page.cancel_button.isEnabled()
    wait_received(qtbot, page)
    assert page.summary is not None and page.summary.cancelled
    assert page.summary.total < 3
    assert "中途停止" in page.counts.text()
    kept = list_received(bureau_window.district, DistrictFilter())
    assert len(kept) == len(page.summary.accepted)


@pytest.fixture
def received(bureau: DistrictContext, bundles: list[Path]) -> list[int]:
    summary = import_bundles(bureau.district, bundles)
    return [line.received_id for line in summary.accepted if line.received_id is not None]


def test_compare_filters_by_township_and_text_and_charts_the_scores(
    bureau_window: MainWindow, received: list[int], qtbot: Any
) -> None:
    page = bureau_window.show_page("district-compare")
    assert isinstance(page, ComparePage)
    assert page.model.rowCount() == 3
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(10)]
    assert headers == [
        "学校",
        "镇街",
        "学段",
        "自查表",
        "时段",
        "状态",
        "得分",
        "等级",
        "较上期",
        "签名",
    ]
    assert page.township_box.count() == 3  # all, 湖塘镇, 牛塘镇
    page.township_box.setCurrentIndex(page.township_box.findData("牛塘镇"))
    assert [r.township for r in page.rows] == ["牛塘镇"]
    assert page.rows == list_received(bureau_window.district, DistrictFilter(township="牛塘镇"))
    page.township_box.setCurrentIndex(0)
    page.search.setText("第3")
    qtbot.waitUntil(lambda: len(page.rows) == 1)
    assert page.rows[0].school_name == "武进区第3实验小学"
    page.search.clear()
    qtbot.waitUntil(lambda: len(page.rows) == 3)
    overview = page.overview
    overview.setCurrentIndex(overview.charts_index)
    bars = overview.township_chart.bars()
    assert {b.label for b in bars} == {"湖塘镇", "牛塘镇"}
    assert sum(b.value for b in overview.rating_chart.bars()) == 3
    assert [(b.label, b.value) for b in overview.bins_chart.bars()] == [
        ("90–100%", 1),
        ("80–90%", 0),
        ("70–80%", 1),
        ("60–70%", 0),
        ("< 60%", 1),
    ]  # 100%, 75%, 50%
    assert [b.label for b in overview.checklist_chart.bars()] == ["区级测试自查表"]
    overview.setCurrentIndex(overview.failures_index)
    qtbot.waitUntil(lambda: not overview.loading)  # read off the GUI thread
    failed = {f.code: f.failed for f in overview.failure_model.records()}
    assert failed == {"A1": 2, "A2": 1}  # school 2 fails A1; school 3 fails A1 and A2
    assert overview.failure_chart.bars()[0].label.startswith("A1")
    overview.setCurrentIndex(overview.rects_index)
    qtbot.waitUntil(lambda: not overview.loading)
    assert overview.rect_model.rowCount() == 3
    assert "整改" in overview.rect_counts.text()
    overview.setCurrentIndex(overview.missing_index)
    qtbot.waitUntil(lambda: not overview.loading)
    not_sent = overview.missing_model.records()
    assert not_sent and "t-district" not in {m.template_id for m in not_sent}  # the bundled ones
    assert "尚未报送" in overview.missing_counts.text()


def test_a_received_assessment_reads_as_the_school_sent_it_and_its_pdf_opens(
    bureau_window: MainWindow, received: list[int], prompts: ScriptedPrompts, qtbot: Any
) -> None:
    compare = bureau_window.show_page("district-compare")
    assert isinstance(compare, ComparePage)
    row = next(r for r in range(3) if "第2" in str(compare.proxy.index(r, 0).data()))
    compare.table.selectRow(row)
    compare.table.setFocus()
    qtbot.keyClick(compare.table, Qt.Key.Key_Return)  # Enter opens it, as the button does
    page = bureau_window.current_page()
    assert isinstance(page, ReadPage)
    assert "武进区第2实验小学" in page.heading.text()
    assert "75%" in page.info.text() and "已签名，首次登记密钥" in page.info.text()
    assert "密钥标识：" in page.info.text()
    assert page.model.rowCount() == 4
    page.table.selectRow(0)
    text = page.reader.text.toPlainText()
    assert "A1" in text and "不符合" in text and "补齐台账" in text
    assert "武进区第2实验小学 的备注" in text
    page.pdf_button.click()
    qtbot.waitUntil(lambda: not page.pdf_running, timeout=60_000)
    opened = [Path(p) for kind, p, _ in prompts.asked if kind == "open_path"]
    assert len(opened) == 1 and opened[0].suffix == ".pdf"
    assert opened[0].read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("size", [(1366, 768), (1024, 700)], ids=["1366x768", "1024x700"])
@pytest.mark.parametrize("language", [CHINESE, ENGLISH])
def test_the_bureau_s_pages_fit_a_school_laptop(
    bureau_window: MainWindow, received: list[int], language: str, size: Any, qtbot: Any
) -> None:
    create_application(language)
    bureau_window.change_language(language)
    try:
        bureau_window.resize(*size)
        assert bureau_window.open_received(received[1])
        for key in ("district-receive", "district-compare", "district-read", "district-keys"):
            bureau_window.show_page(key)
            for _ in range(3):
                QApplication.processEvents()
            assert problems(bureau_window) == [], key
        compare = bureau_window.show_page("district-compare")
        assert isinstance(compare, ComparePage)
        overview = compare.overview
        for tab in range(overview.count()):
            overview.setCurrentIndex(tab)
            qtbot.waitUntil(lambda: not overview.loading)
            for _ in range(3):
                QApplication.processEvents()
            assert problems(bureau_window) == [], overview.tabText(tab)
    finally:
        create_application(CHINESE)


def open_read_page(window: MainWindow, received_id: int) -> ReadPage:
    assert window.open_received(received_id)
    page = window.current_page()
    assert isinstance(page, ReadPage)
    return page


def test_the_inspector_comments_an_item_decides_and_exports_the_review(
    bureau_window: MainWindow,
    received: list[int],
    prompts: ScriptedPrompts,
    qtbot: Any,
    tmp_path: Path,
) -> None:
    page = open_read_page(bureau_window, received[1])
    review = page.review
    page.table.selectRow(0)
    type_text(review.comment, "台账缺少三月份记录，请补齐。")
    qtbot.waitUntil(lambda: not review._typing.pending, timeout=5_000)
    stored = review_of(bureau_window.district, received[1])
    assert [(c.code, c.text) for c in stored.comments] == [("A1", "台账缺少三月份记录，请补齐。")]
    assert page.model.index(0, 6).data() == "台账缺少三月份记录，请补齐。"  # the comment column

    page.table.selectRow(1)  # another item: empty box; back again: the comment is there
    assert review.comment.toPlainText() == ""
    page.table.selectRow(0)
    assert review.comment.toPlainText() == "台账缺少三月份记录，请补齐。"

    review.returned.click()
    assert review.reason.isEnabled()
    review.save_button.click()  # 退回修改 without a reason: said under the row, nothing kept
    assert "原因" in review.error.text() and review.error.isVisible()
    assert review_of(bureau_window.district, received[1]).verdict is None
    type_text(review.reason, "A1 台账不全")
    review.save_button.click()
    decided = review_of(bureau_window.district, received[1])
    assert decided.verdict is Verdict.RETURNED and decided.reason == "A1 台账不全"
    assert "退回修改" in review.state.text()

    target = tmp_path / "审阅意见"
    prompts.script("save_file", target)
    review.export_button.click()
    written = target.with_name("审阅意见.wjsr")
    assert written.is_file()
    file = read_review(written)
    assert file.review.verdict is Verdict.RETURNED
    assert [c.code for c in file.review.comments] == ["A1"]
    assert any("审阅意见已导出" in m for m in prompts.messages("inform"))

    again = open_read_page(bureau_window, received[1])  # the page shows what was kept
    assert again.review.returned.isChecked() and again.review.reason.text() == "A1 台账不全"


def test_the_district_report_needs_a_period_and_is_written_for_the_filter(
    bureau_window: MainWindow,
    received: list[int],
    prompts: ScriptedPrompts,
    qtbot: Any,
    tmp_path: Path,
) -> None:
    page = bureau_window.show_page("district-compare")
    assert isinstance(page, ComparePage)
    buttons = page.reports
    assert page.period_box.currentData() == "2024"  # the newest period, to start
    assert buttons.pdf_button.isEnabled() and buttons.xlsx_button.isEnabled()
    page.period_box.setCurrentIndex(0)  # all periods: no report
    assert not buttons.pdf_button.isEnabled()
    assert "请先选择时段" in buttons.pdf_button.toolTip()
    page.period_box.setCurrentIndex(page.period_box.findData("2024"))
    assert buttons.pdf_button.isEnabled()
    prompts.script("save_file", tmp_path / "汇总.xlsx")
    prompts.script("choose", "关闭")
    buttons.xlsx_button.click()
    qtbot.waitUntil(lambda: not buttons.running, timeout=60_000)
    assert (tmp_path / "汇总.xlsx").read_bytes().startswith(b"PK")
    prompts.script("save_file", tmp_path / "汇总")
    prompts.script("choose", "打开")
    buttons.pdf_button.click()
    qtbot.waitUntil(lambda: not buttons.running, timeout=60_000)
    pdf = tmp_path / "汇总.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert ("open_path", str(pdf), "") in prompts.asked


def test_a_newer_bundle_replaces_the_older_which_stays_readable_in_the_history(
    bureau_window: MainWindow, bureau: DistrictContext, tmp_path: Path, qtbot: Any
) -> None:
    folder = tmp_path / "school"
    first = school_bundle(
        folder, tmp_path / "第一次.wjsa", name="武进区湖塘小学", code="3204129999"
    )
    second = newer_bundle(folder, tmp_path / "第二次.wjsa")
    page = receive_page(bureau_window)
    page.receive([first])
    wait_received(qtbot, page)
    page.receive([second])
    wait_received(qtbot, page)
    assert page.summary is not None and len(page.summary.replaced) == 1
    assert page.model.index(0, 0).data() == "已替换旧包"
    current = page.summary.replaced[0].received_id
    assert current is not None
    read = open_read_page(bureau_window, current)
    box = read.history_box
    assert box.isVisible() and box.count() == 2
    assert "当前" in box.itemText(0) and "已替换" in box.itemText(1)
    assert read.review.save_button.isEnabled()
    box.setCurrentIndex(1)
    box.activated.emit(1)
    assert read.received_id == box.itemData(1) != current
    assert "已被更新的数据包替换" in read.info.text()
    assert not read.review.save_button.isEnabled()  # only the newest is answered
    assert read.review.comment.isReadOnly()
    assert read.model.rowCount() == 4


def test_a_bug_in_the_bureau_s_window_names_the_log_file(
    bureau_window: MainWindow, prompts: ScriptedPrompts
) -> None:
    """The bureau's window has no school context: the bug dialog still finds the log."""
    show_failure(bureau_window, "标题", RuntimeError("boom"), "Traceback …")
    assert prompts.asked[-1][0] == "error"
    assert str(bureau_window.log_file) in prompts.asked[-1][2]


def test_evidence_is_opened_from_the_kept_bundle_under_the_school_s_name(
    bureau_window: MainWindow, bureau: DistrictContext, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    bundle = school_bundle(
        tmp_path / "school", tmp_path / "带照片.wjsa", name="武进区照片小学", code="3204128888",
        photo=True,
    )  # fmt: skip
    summary = import_bundles(bureau.district, [bundle])
    received_id = summary.accepted[0].received_id
    assert received_id is not None
    page = open_read_page(bureau_window, received_id)
    assert page.model.index(0, 5).data() == "1"  # the evidence column
    page.table.selectRow(0)
    reader = page.reader
    assert reader.evidence.count() == 1 and "台账照片.png" in reader.evidence.item(0).text()
    reader.open_button.click()
    opened = Path(prompts.asked[-1][1])
    assert prompts.asked[-1][0] == "open_path" and opened.name == "台账照片.png"
    assert opened.read_bytes().startswith(b"\x89PNG")  # the school's picture, as it sent it


def test_a_list_of_schools_counts_those_that_sent_nothing_as_not_sent(
    bureau_window: MainWindow, received: list[int], prompts: ScriptedPrompts, qtbot: Any,
    tmp_path: Path,
) -> None:  # fmt: skip
    roster = tmp_path / "学校名单.csv"
    roster.write_text(
        "学校标识码,学校名称,镇街,学段\n3204127777,武进区未报小学,礼嘉镇,小学\n", encoding="utf-8"
    )
    bad = tmp_path / "坏名单.csv"
    bad.write_text("学校标识码,学校名称,镇街,学段\n12,,礼嘉镇,小学\n", encoding="utf-8")
    page = bureau_window.show_page("district-compare")
    assert isinstance(page, ComparePage)
    overview = page.overview
    overview.setCurrentIndex(overview.missing_index)
    qtbot.waitUntil(lambda: not overview.loading)
    before = {m.school_code for m in overview.missing_model.records()}
    assert "3204127777" not in before
    prompts.script("open_file", bad, roster)
    overview.roster_button.click()  # a bad row: said, nothing kept
    assert prompts.asked[-1][0] == "warn" and "坏名单.csv" in prompts.asked[-1][2]
    overview.roster_button.click()
    assert "应报送的学校：1 所" in prompts.messages("inform")[-1]
    qtbot.waitUntil(lambda: not overview.loading)
    not_sent = [m for m in overview.missing_model.records() if m.school_code == "3204127777"]
    assert not_sent and not_sent[0].township == "礼嘉镇"
    assert len(not_sent) == len({m.template_id for m in not_sent}) > 1  # each checklist once


def test_after_a_language_change_a_comment_is_stored_by_the_new_pages(
    bureau_window: MainWindow, received: list[int], qtbot: Any
) -> None:
    open_read_page(bureau_window, received[0])
    bureau_window.change_language(CHINESE)  # the pages are made again, the old ones deleted
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    page = open_read_page(bureau_window, received[0])
    page.table.selectRow(0)
    page.review.comment.setPlainText("请补充记录")
    page.review.save_comment()  # announces review_saved: no page left over from before answers
    assert page.model.index(0, 6).data() == "请补充记录"


def test_an_import_finishing_after_a_language_change_is_kept_and_told_nowhere_stale(
    bureau_window: MainWindow, bundles: list[Path], qtbot: Any
) -> None:
    page = receive_page(bureau_window)
    page.receive(bundles)
    bureau_window.change_language(CHINESE)  # waits for the import; its page is made again
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.wait(50)  # the finished signal is delivered to the old page, now gone: nothing raised
    assert len(list_received(bureau_window.district, DistrictFilter())) == 3


@pytest.mark.reliability(
    fault="a received bundle's kept copy is deleted behind the bureau's back",
    method="its copy removed from bundles/, then opened from the list: a warning names the "
    "problem, the read page keeps what it showed, nothing else changes",
)
def test_a_kept_copy_gone_is_said_when_it_is_opened(
    bureau_window: MainWindow, received: list[int], prompts: ScriptedPrompts
) -> None:
    page = open_read_page(bureau_window, received[0])
    shown = page.heading.text()
    for copy in bureau_window.district.bundles.glob("*.wjsa"):
        copy.chmod(0o600)
        copy.unlink()
    assert not bureau_window.open_received(received[1])
    kind, title, text = prompts.asked[-1]
    assert kind == "warn" and title == "无法读取该自评" and text
    assert page.received_id == received[0] and page.heading.text() == shown


def test_ctrl_o_anywhere_chooses_bundles_to_receive(
    bureau_window: MainWindow, prompts: ScriptedPrompts, bundles: list[Path], qtbot: Any
) -> None:
    compare = bureau_window.show_page("district-compare")
    bureau_window.activateWindow()
    qtbot.waitUntil(bureau_window.isActiveWindow)
    prompts.script("open_files", bundles[:1])
    qtbot.keyClick(compare, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    page = bureau_window.current_page()
    assert isinstance(page, ReceivePage)
    wait_received(qtbot, page)
    assert page.summary is not None and len(page.summary.accepted) == 1
    assert any(keys.startswith("Ctrl+O") for keys, _ in bureau_window.shortcuts)
