"""自动组版 in the window, driven by mouse and keyboard: the action opens the dialog, three proposals arrive from a worker as thumbnails, the one picked is applied as one step, and Ctrl+Z on the canvas brings the old page back."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QThreadPool
from PySide6.QtWidgets import QToolBar

from app.compose.issue import IssueComposer
from app.edit.editor import IssueEditor
from app.edit.issues import create_next_issue
from app.model.document import IssueDoc
from app.sample.issue import SAMPLE_ISSUE
from app.store import Library
from tests.sample_helpers import sample_library
from widgets.editor_window import EditorWindow
from widgets.makeup_dialog import MakeupDialog

NUMBER = SAMPLE_ISSUE + 1
WAIT_MS = 60_000  # a loaded 2-core machine; the proposals usually come in 1–3 s


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    """The issue after the sample, the sample's stories waiting in its bin."""
    with sample_library(tmp_path, "lib.banmian") as lib:
        issue = create_next_issue(lib, SAMPLE_ISSUE)
        for a in lib.articles(lib.issue_by_number(SAMPLE_ISSUE).id):  # type: ignore[arg-type]
            lib.add_article(replace(a, id=None, issue_id=issue.id, status="draft"))
        yield lib
        QThreadPool.globalInstance().waitForDone(WAIT_MS)  # a worker outliving its dialog


@pytest.fixture
def window(qtbot, library: Library, composer: IssueComposer, tmp_path: Path) -> EditorWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = EditorWindow(IssueEditor(library, IssueDoc.load(library, NUMBER), composer), settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def open_dialog(qtbot, window: EditorWindow, page: int) -> MakeupDialog:
    """Show page `page` by clicking it in the pages panel, then 自动组版 from the action."""
    panel = window.pages
    qtbot.mouseClick(
        panel.viewport(),
        Qt.MouseButton.LeftButton,
        pos=panel.visualItemRect(panel.item(page - 1)).center(),
    )
    assert window.current_index() == page - 1
    window.actions.makeup.trigger()
    dialog = window.findChild(MakeupDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def wait_for_proposals(qtbot, dialog: MakeupDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.working(), timeout=WAIT_MS)
    assert dialog.busy.isHidden() and dialog.keep.isEnabled()


def back_on_the_page(qtbot, window: EditorWindow) -> None:
    """Once the dialog has closed, the window is active again with the canvas focused."""
    qtbot.waitUntil(window.isActiveWindow)
    assert window.canvas.hasFocus()


def page_frames(window: EditorWindow, page: int) -> list:
    return window.editor.library.frames(window.editor.page(page - 1).id)  # type: ignore[arg-type]


def geometry(frames) -> list[tuple]:
    return [(f.kind, f.article_id, f.x, f.y, f.w, f.h, f.columns) for f in frames]


def test_the_action_sits_in_the_layout_menu_the_toolbar_and_the_pages_context_menu(
    window: EditorWindow,
) -> None:
    action = window.actions.makeup
    titles = [a.text().split("(")[0] for a in window.menuBar().actions()]
    assert titles == ["文件", "期次", "编辑", "版本", "校对", "版面", "协作", "视图"]
    layout_menu = window.menuBar().actions()[titles.index("版面")].menu()
    assert action in layout_menu.actions()
    bars = [b for b in window.findChildren(QToolBar) if action in b.actions()]
    assert len(bars) == 1 and bars[0].isVisible()
    assert action in window.pages.actions()
    assert window.pages.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu


def test_pick_the_second_proposal_apply_it_and_undo_it_on_the_canvas(
    qtbot, window: EditorWindow
) -> None:
    old = page_frames(window, 3)
    bin_before = window.bin.ids()
    dialog = open_dialog(qtbot, window, 3)
    assert dialog.working() and dialog.busy.isVisible()  # the worker computes; the window waits
    assert not dialog.apply_button.isEnabled()
    wait_for_proposals(qtbot, dialog)

    box = dialog.list
    assert box.count() == 3
    icons = [box.item(i).icon() for i in range(3)]
    assert all(not i.isNull() for i in icons)
    texts = [box.item(i).text() for i in range(3)]
    assert [t.split()[0] for t in texts] == ["方案一", "方案二", "方案三"]
    assert all("扣分" in t and "篇" in t for t in texts)
    second = dialog.proposals()[1]
    qtbot.mouseClick(
        box.viewport(), Qt.MouseButton.LeftButton, pos=box.visualItemRect(box.item(1)).center()
    )
    assert dialog.chosen() is second and "方案二" in dialog.detail.text()
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)

    assert not dialog.isVisible()
    now = page_frames(window, 3)
    assert geometry(now) == geometry(old) + geometry(second.frames)
    shown = window.canvas.page()
    assert shown is not None and shown.text() == second.page.text()  # what the thumbnail showed
    placed = {f.article_id for f in second.frames if f.kind == "article"}
    assert not placed & set(window.bin.ids())  # out of the 稿库
    assert window.actions.undo.text() == "撤销 自动组版"

    back_on_the_page(qtbot, window)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page_frames(window, 3) == old
    assert window.bin.ids() == bin_before  # every story back in the 稿库
    assert window.canvas.page().text() == window.editor.composed_page(2).text()
    assert not (placed & {f.article_id for f in window.editor.doc.frames[window.editor.page(2).id]})


def test_arrow_and_enter_apply_by_keyboard(qtbot, window: EditorWindow) -> None:
    dialog = open_dialog(qtbot, window, 2)
    wait_for_proposals(qtbot, dialog)
    assert dialog.chosen() is dialog.proposals()[0]  # the best, ready for Enter
    third = dialog.proposals()[2]
    qtbot.keyClick(dialog.list, Qt.Key.Key_Right)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Right)
    assert dialog.chosen() is third
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert geometry(page_frames(window, 2)) == geometry(third.frames)
    assert window.editor.session.depth() == (1, 0)  # one step


def test_hand_placed_stories_kept_or_made_up_again(qtbot, window: EditorWindow) -> None:
    editor = window.editor
    story = editor.bin()[-1].id
    frame_id = editor.place_article(story, 3, 520.0, 900.0, span=2)  # type: ignore[arg-type]
    hand = editor.frame(frame_id)  # type: ignore[arg-type]
    dialog = open_dialog(qtbot, window, 4)
    wait_for_proposals(qtbot, dialog)
    assert dialog.keep.isChecked()  # the desk's own placing is kept unless it says otherwise
    for p in dialog.proposals():
        assert story not in {f.article_id for f in p.frames}

    qtbot.mouseClick(dialog.keep, Qt.MouseButton.LeftButton)  # 保留已排稿件 off: the whole page
    assert dialog.working() and not dialog.keep.isEnabled()
    wait_for_proposals(qtbot, dialog)
    assert dialog.job is not None and dialog.job.removed == (hand,)
    box = dialog.list
    best = box.visualItemRect(box.item(0)).center()
    # a double-click as the mouse makes one: press and release, then the double-click
    qtbot.mouseClick(box.viewport(), Qt.MouseButton.LeftButton, pos=best)
    qtbot.mouseDClick(box.viewport(), Qt.MouseButton.LeftButton, pos=best)
    assert not dialog.isVisible()
    assert hand not in page_frames(window, 4)
    back_on_the_page(qtbot, window)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page_frames(window, 4) == [hand]  # exactly the frame that was there, under its id


def test_cancelled_while_computing_nothing_changes(qtbot, window: EditorWindow) -> None:
    old = page_frames(window, 5)
    dialog = open_dialog(qtbot, window, 5)
    assert dialog.working()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert QThreadPool.globalInstance().waitForDone(WAIT_MS)
    qtbot.wait(50)  # the late result is delivered to nobody
    assert page_frames(window, 5) == old and window.editor.session.depth() == (0, 0)
