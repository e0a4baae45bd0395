"""Issues in the window (pytest-qt, offscreen, driven by mouse and keyboard): 期次 ▸ 新建下一期 (numbers, date on the schedule, weekday and lunar date, standing furniture), the issue list opening any issue, 本期属性 as one undoable step, deleting an issue after one confirmation — two, naming what goes, for an issue with work in it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox

from app.edit.issues import create_next_issue
from app.model import Article, Frame
from app.proof.signoff import sign
from app.sample.issue import SAMPLE_ISSUE
from app.store import Library
from tests.widgets.ui_text import paper_content, ui_texts, wrong_language
from tests.widgets.user_input import Modals, click_cell, double_click, edit_cell, no, yes
from tests.widgets.window_helpers import close_desk, shown_desk
from widgets.desk import Desk
from widgets.editor_window import EditorWindow
from widgets.issue_dialogs import IssuePropertiesDialog
from widgets.issues_panel import IssueList


@pytest.fixture
def desk(qtbot, library: Library, tmp_path: Path) -> Iterator[Desk]:
    desk = shown_desk(qtbot, library, tmp_path)
    yield desk
    close_desk(desk)


def window_of(desk: Desk) -> EditorWindow:
    assert desk.window is not None
    return desk.window


def page_text(window: EditorWindow, index: int = 0) -> str:
    return "".join(r.text for r in window.editor.composed_page(index).glyph_runs())


def issue_list(qtbot, window: EditorWindow) -> IssueList:
    window.actions.issues.issue_list.trigger()  # 期次 ▸ 期次列表…
    dialog = window.findChild(IssueList)
    assert dialog is not None and dialog.isVisible()
    return dialog


def click_row(qtbot, dialog: IssueList, number: int, double: bool = False) -> None:
    row = dialog.numbers().index(number)
    rect = dialog.table.visualItemRect(dialog.table.item(row, 0))
    if double:
        double_click(qtbot, dialog.table.viewport(), rect.center())
    else:
        qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


# -- 新建下一期 -------------------------------------------------------------------------------------


def test_the_next_issue_from_the_menu_opens_with_its_numbers_date_and_furniture(
    qtbot, desk: Desk
) -> None:
    first = window_of(desk)
    asked = Modals(qtbot, yes(qtbot))
    first.actions.issues.next_issue.trigger()  # 期次 ▸ 新建下一期…
    assert asked.done() and asked.failures == []
    (question,) = asked.seen
    # Thursday 25 April 2019 → the next publishing day on the Tue/Thu schedule
    for words in ("第31期（总第1810期）", "2019年4月30日 星期二", "农历己亥年三月廿六", "8版"):
        assert words in question, question
    window = window_of(desk)
    assert window is not first and not first.isVisible() and window.isVisible()
    issue = window.editor.doc.issue
    assert (issue.cumulative_number, issue.yearly_number, issue.date) == (
        1810,
        31,
        date(2019, 4, 30),
    )
    assert "第31期（总第1810期）" in window.windowTitle() and "星期二" in window.windowTitle()
    masthead = page_text(window)
    assert "星期二" in masthead and "农历己亥年三月廿六" in masthead and "1810" in masthead
    kinds = {f.kind for f in window.editor.doc.frames[window.editor.page(0).id]}  # type: ignore[index]
    assert {"masthead", "qr", "box"} <= kinds and not kinds & {"article", "teaser"}
    assert [window.pages.item(i).text() for i in range(window.pages.count())] == [
        first.pages.item(i).text() for i in range(first.pages.count())
    ]
    no_more = Modals(qtbot, no(qtbot))  # asked again, the desk says no: nothing is made
    window.actions.issues.next_issue.trigger()
    assert no_more.done() and "第32期（总第1811期）" in no_more.seen[0]
    assert desk.window is window and len(window.editor.library.issues()) == 2


# -- the issue list ---------------------------------------------------------------------------------


def test_the_list_shows_every_issue_and_a_double_click_opens_one(
    qtbot, desk: Desk, library: Library
) -> None:
    create_next_issue(library, SAMPLE_ISSUE)
    first = window_of(desk)
    dialog = issue_list(qtbot, first)
    assert dialog.numbers() == [1810, SAMPLE_ISSUE]  # newest first
    row = [dialog.table.item(1, c).text() for c in range(dialog.table.columnCount())]
    assert row[:6] == ["1809", "30", "2019年4月25日", "星期四", "己亥年三月廿一", "8"]
    assert int(row[6]) > 10 and row[7] == "0/8版"  # stories on its pages, none signed off
    assert dialog.selected_number() == SAMPLE_ISSUE  # the one open here
    assert not dialog.open_button.isEnabled() and not dialog.delete_button.isEnabled()
    assert wrong_language(ui_texts(dialog), "zh", paper_content(library)) == []
    click_row(qtbot, dialog, 1810, double=True)
    window = window_of(desk)
    assert window is not first and window.editor.doc.issue.cumulative_number == 1810
    assert not dialog.isVisible()
    again = issue_list(qtbot, window)
    click_row(qtbot, again, SAMPLE_ISSUE)
    qtbot.mouseClick(again.open_button, Qt.MouseButton.LeftButton)  # 打开
    assert window_of(desk).editor.doc.issue.cumulative_number == SAMPLE_ISSUE


# -- 本期属性 -----------------------------------------------------------------------------------------


def set_properties(qtbot, *, day_down: int = 0, count_down: int = 0, sections=(), colour=()):
    """An answer for the properties dialog: the day stepped down with the arrow key, the page
    count chosen with the keyboard, sections typed into cells, colour boxes clicked, 确定."""

    def answer(dialog: QDialog) -> None:
        assert isinstance(dialog, IssuePropertiesDialog)
        edit: QDateEdit = dialog.date
        edit.setFocus()
        qtbot.keyClick(edit, Qt.Key.Key_End)
        qtbot.keyClick(edit, Qt.Key.Key_Left)  # into the day, the last number
        for _ in range(day_down):
            qtbot.keyClick(edit, Qt.Key.Key_Down)
        for _ in range(count_down):
            qtbot.keyClick(dialog.count, Qt.Key.Key_Down)
        for row, text in sections:
            edit_cell(qtbot, dialog.table, row, 1, text)
        for row in colour:
            click_cell(qtbot, dialog.table, row, 2)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok.isEnabled(), dialog.problem.text()
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    return answer


def test_properties_in_one_undoable_step(qtbot, desk: Desk, library: Library) -> None:
    create_next_issue(library, SAMPLE_ISSUE)
    assert window_of(desk).desk is not None and window_of(desk).desk.open_issue(1810)  # type: ignore[union-attr]
    window = window_of(desk)
    page_ids = [p.id for p in window.editor.doc.pages]
    new = [(8, "体育"), (9, "文艺"), (10, "读书"), (11, "专版")]
    answered = Modals(
        qtbot, set_properties(qtbot, day_down=1, count_down=1, sections=new, colour=[2])
    )
    window.actions.issues.properties.trigger()  # 期次 ▸ 本期属性…
    assert answered.done() and answered.failures == []
    issue = window.editor.doc.issue
    assert issue.date == date(2019, 4, 29) and issue.page_count == 12
    assert issue.colour_pages == frozenset({1, 3, 8})
    assert window.pages.count() == 12 and window.pages.item(11).text() == "第12版 专版"
    assert "星期一" in window.windowTitle()
    masthead = page_text(window)
    assert "星期一" in masthead and "农历己亥年三月廿五" in masthead and "本期12版" in masthead
    assert window.actions.undo.text() == "撤销 期次属性"
    window.actions.undo.trigger()  # 编辑 ▸ 撤销
    assert [p.id for p in window.editor.doc.pages] == page_ids and window.pages.count() == 8
    assert window.editor.doc.issue.date == date(2019, 4, 30) and "星期二" in window.windowTitle()
    window.actions.redo.trigger()
    assert window.pages.count() == 12 and window.editor.doc.issue.page_count == 12
    added = [p.id for p in window.editor.doc.pages[8:]]
    window.actions.undo.trigger()
    window.actions.redo.trigger()
    assert [p.id for p in window.editor.doc.pages[8:]] == added  # the same pages again


def test_taking_off_pages_with_stories_is_refused_in_the_dialog_keeping_what_was_typed(
    qtbot, desk: Desk
) -> None:
    window = window_of(desk)  # the sample: stories on every page
    before = [p.id for p in window.editor.doc.pages]
    sections = [p.section for p in window.editor.doc.pages]
    said: list[str] = []

    def four_pages(dialog: QDialog) -> None:
        assert isinstance(dialog, IssuePropertiesDialog)
        edit_cell(qtbot, dialog.table, 0, 1, "头版")
        qtbot.keyClick(dialog.count, Qt.Key.Key_Up)  # 8版 → 4版
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        assert dialog.isVisible(), "the dialog closed on a refused change"
        said.append(dialog.problem.text())
        assert dialog.table.item(0, 1).text() == "头版" and dialog.count.currentData() == 4
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel),
            Qt.MouseButton.LeftButton,
        )

    answered = Modals(qtbot, four_pages)
    window.actions.issues.properties.trigger()
    assert answered.done() and answered.failures == []
    (problem,) = said
    assert problem.startswith("第5版已有稿件或校次，不能减版") and "/" not in problem
    assert [p.id for p in window.editor.doc.pages] == before and window.pages.count() == 8
    assert [p.section for p in window.editor.doc.pages] == sections
    assert not window.editor.session.can_undo()


def test_pages_taken_off_with_frames_on_them_are_named_first(
    qtbot, desk: Desk, library: Library
) -> None:
    issue = create_next_issue(library, SAMPLE_ISSUE)  # standing furniture, no stories
    sixth = library.pages(issue.id)[5]  # type: ignore[arg-type]
    library.add_frame(Frame("box", 60, 400, 300, 120, page_id=sixth.id, name="notice"))
    window_of(desk).desk.open_issue(1810)  # type: ignore[union-attr]
    window = window_of(desk)
    on_pages_5_to_8 = [
        f
        for p in window.editor.doc.pages[4:]
        for f in window.editor.doc.frames[p.id]  # type: ignore[index]
    ]

    asked: list[str] = []

    def four_pages(then):
        def answer(dialog: QDialog) -> None:
            assert isinstance(dialog, IssuePropertiesDialog)
            qtbot.keyClick(dialog.count, Qt.Key.Key_Up)  # 8版 → 4版
            question = Modals(qtbot, then)  # asked over the dialog, from its OK
            ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
            qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
            assert question.done() and question.failures == []
            asked.extend(question.seen)
            if dialog.isVisible():  # said no: back in the dialog, which the desk cancels
                cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
                qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)

        return answer

    answered = Modals(qtbot, four_pages(no(qtbot)))  # pages 5-8 go with their frames? no
    window.actions.issues.properties.trigger()
    assert answered.done() and answered.failures == []
    (question,) = asked
    assert window.pages.count() == 8
    assert "减为4版将撤下第5至8版，连同版上的框1个" in question and "可以撤销" in question
    assert window.pages.count() == 8 and len(library.pages(issue.id)) == 8  # type: ignore[arg-type]
    answered = Modals(qtbot, four_pages(yes(qtbot)))
    window.actions.issues.properties.trigger()
    assert answered.done() and answered.failures == [] and window.pages.count() == 4
    window.actions.undo.trigger()  # 编辑 ▸ 撤销: the pages come back with their frames
    back = [f for p in window.editor.doc.pages[4:] for f in window.editor.doc.frames[p.id]]  # type: ignore[index]
    assert window.pages.count() == 8 and back == on_pages_5_to_8


# -- deleting ----------------------------------------------------------------------------------------


def test_an_unused_issue_is_deleted_after_one_confirmation(
    qtbot, desk: Desk, library: Library
) -> None:
    create_next_issue(library, SAMPLE_ISSUE)
    dialog = issue_list(qtbot, window_of(desk))
    click_row(qtbot, dialog, 1810)
    assert dialog.delete_button.isEnabled()
    answered = Modals(qtbot, yes(qtbot))
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)  # 删除…
    assert answered.done() and "删除第31期（总第1810期）" in answered.seen[0]
    assert "将一并删除" not in answered.seen[0]  # nothing in it
    assert dialog.numbers() == [SAMPLE_ISSUE]
    assert [i.cumulative_number for i in library.issues()] == [SAMPLE_ISSUE]


def test_an_issue_with_work_needs_a_second_confirmation_naming_it(
    qtbot, desk: Desk, library: Library
) -> None:
    issue = create_next_issue(library, SAMPLE_ISSUE)
    page = library.pages(issue.id)[2]  # type: ignore[arg-type]
    sign(library, page.id, "初审", "张编辑")  # type: ignore[arg-type]
    dialog = issue_list(qtbot, window_of(desk))
    click_row(qtbot, dialog, 1810)
    answered = Modals(qtbot, yes(qtbot), no(qtbot))  # sure? yes. this goes too: no
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert answered.done() and answered.failures == []
    assert "签字1处" in answered.seen[1] and "总第1810期" in answered.seen[1]
    assert dialog.numbers() == [1810, SAMPLE_ISSUE]  # kept
    answered = Modals(qtbot, yes(qtbot), yes(qtbot))
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert answered.done() and dialog.numbers() == [SAMPLE_ISSUE]
    assert library.signoffs(page.id) == []  # type: ignore[arg-type]


def test_stories_in_the_bin_of_an_issue_to_delete_are_named_in_the_confirmation(
    qtbot, desk: Desk, library: Library
) -> None:
    issue = create_next_issue(library, SAMPLE_ISSUE)
    library.add_article(Article("待用稿", ["一段正文。"], issue_id=issue.id))
    dialog = issue_list(qtbot, window_of(desk))
    click_row(qtbot, dialog, 1810)
    answered = Modals(qtbot, no(qtbot))
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert (
        answered.done() and "将一并删除" in answered.seen[0] and "稿库稿件1篇" in answered.seen[0]
    )
    assert dialog.numbers() == [1810, SAMPLE_ISSUE] and len(library.articles(issue.id)) == 1  # type: ignore[arg-type]
