"""Several frames at once, by mouse and keyboard (pytest-qt, offscreen): rubber band and Shift+click, align and distribute from the 排列 toolbar, a group dragged, cut/copy/paste of frames between pages — each one undo step."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.compose.issue import IssueComposer
from app.compose.wraps import overlaps
from app.model import Frame
from app.store import Library
from tests.sample_helpers import sample_library
from tests.widgets.window_helpers import shown_window
from widgets.editor_window import EditorWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with sample_library(tmp_path) as lib:
        yield lib


@pytest.fixture
def window(qtbot, library: Library, composer: IssueComposer, tmp_path: Path) -> EditorWindow:
    win = shown_window(qtbot, library, composer, tmp_path, size=(1400, 1000))
    return win


def named(win: EditorWindow, name: str) -> Frame:
    return next(f for fs in win.editor.doc.frames.values() for f in fs if f.name == name)


def now(win: EditorWindow, frame: Frame) -> Frame:
    return win.editor.frame(frame.id)  # type: ignore[arg-type]


def mouse(
    win: EditorWindow,
    kind: QEvent.Type,
    x: float,
    y: float,
    modifiers: Qt.KeyboardModifier = NONE,
    held: bool = True,
) -> None:
    pos = QPointF(win.canvas.mapFromScene(QPointF(x, y)))
    button = Qt.MouseButton.LeftButton
    event = QMouseEvent(
        kind,
        pos,
        QPointF(win.canvas.viewport().mapToGlobal(pos.toPoint())),
        button if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton,
        button if held else Qt.MouseButton.NoButton,
        modifiers,
    )
    QApplication.sendEvent(win.canvas.viewport(), event)


def click(win: EditorWindow, x: float, y: float, modifiers: Qt.KeyboardModifier = NONE) -> None:
    mouse(win, QEvent.Type.MouseButtonPress, x, y, modifiers)
    mouse(win, QEvent.Type.MouseButtonRelease, x, y, modifiers, held=False)


def drag(win: EditorWindow, start: tuple[float, float], end: tuple[float, float]) -> None:
    mouse(win, QEvent.Type.MouseButtonPress, *start)
    for i in range(1, 9):
        t = i / 8
        mouse(
            win,
            QEvent.Type.MouseMove,
            start[0] + (end[0] - start[0]) * t,
            start[1] + (end[1] - start[1]) * t,
        )
    mouse(win, QEvent.Type.MouseButtonRelease, *end, held=False)


def inside(f: Frame) -> tuple[float, float]:
    return f.x + 20, f.y + 40


def key(win: EditorWindow, k: Qt.Key, modifiers: Qt.KeyboardModifier = CTRL) -> None:
    win.canvas.setFocus()
    QTest.keyClick(win.canvas, k, modifiers)


def toolbar_click(win: EditorWindow, action) -> None:
    button = win.actions.frames.toolbar.widgetForAction(action)
    assert button is not None and button.isEnabled()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def test_rubber_band_and_shift_click_choose_frames(window: EditorWindow) -> None:
    window.pages.setCurrentRow(3)  # page 4: the picture and the second story side by side
    picture, second, lead = (named(window, n) for n in ("p4-picture", "p4-second", "p4-lead"))
    # from the margin (empty canvas) across the picture and the second story
    drag(window, (12.0, picture.y + 10), (second.x + 30, picture.y + 40))
    assert window.canvas.selection == [picture.id, second.id]
    assert window.canvas._band is None  # the band goes when the button is let go
    click(window, *inside(lead), SHIFT)
    assert window.canvas.selection == [picture.id, second.id, lead.id]
    assert window.canvas.selected == lead.id  # the inspector shows the one chosen last
    assert window.inspector.frame_id == lead.id
    click(window, *inside(picture), SHIFT)
    assert window.canvas.selection == [second.id, lead.id]
    click(window, 12.0, 12.0)  # on empty paper: nothing chosen
    assert window.canvas.selection == []
    key(window, Qt.Key.Key_A)
    assert set(window.canvas.selection) == {
        f.id
        for f in window.editor.doc.frames[picture.page_id]  # type: ignore[index]
    }
    assert window.editor.session.depth() == (0, 0)  # choosing is no edit


def test_align_from_the_toolbar_is_one_step(window: EditorWindow) -> None:
    window.pages.setCurrentRow(3)
    grid = window.editor.grid
    picture, second = named(window, "p4-picture"), named(window, "p4-second")
    # lowered by 3 lines and 10 shorter: its foot a line above the picture's
    shorter = (second.x, second.y + 3 * grid.leading, second.w, second.h - 10 * grid.leading)
    window.editor.set_frame_rect(second.id, *shorter)  # type: ignore[arg-type]
    lowered = now(window, second)
    click(window, *inside(picture))
    click(window, *inside(lowered), SHIFT)
    depth = window.editor.session.depth()[0]
    toolbar_click(window, window.actions.frames.align["bottom"])
    after = now(window, second)
    assert after.y + after.h == pytest.approx(picture.y + picture.h)  # feet in line
    assert now(window, picture) == picture and after.x == lowered.x
    toolbar_click(window, window.actions.frames.align["top"])
    assert now(window, second).y == pytest.approx(picture.y)  # heads in line
    assert now(window, picture) == picture
    assert window.editor.session.depth()[0] == depth + 2
    assert window.editor.session.undo_label() == "对齐版框"
    window.actions.undo.trigger()
    window.actions.undo.trigger()
    assert now(window, picture) == picture and now(window, second) == lowered


def test_distribute_spaces_three_frames_evenly(window: EditorWindow) -> None:
    window.pages.setCurrentRow(3)
    grid = window.editor.grid
    window.editor.delete_frame(named(window, "p4-third").id)  # type: ignore[arg-type]
    window.editor.delete_frame(named(window, "p4-brief").id)  # type: ignore[arg-type]
    top = grid.type_top + 52 * grid.leading  # below the second story: the page's width free
    made = []
    for col in (0, 1, 5):
        made.append(window.editor.add_qr(3, grid.column_x(col) + 5, top + 5))
    assert [window.editor.frame(i).x for i in made] == [grid.column_x(c) for c in (0, 1, 5)]  # type: ignore[arg-type]
    drag(window, (12.0, top - 8), (grid.column_x(5) + 30, top + 30))
    assert set(window.canvas.selection) == set(made)
    toolbar_click(window, window.actions.frames.distribute["horizontal"])
    xs = sorted(window.editor.frame(i).x for i in made)  # type: ignore[arg-type]
    pitch = grid.column_width + grid.gutter
    assert xs[0] == grid.column_x(0) and xs[2] == grid.column_x(5)  # the outer two stay
    gaps = [xs[1] - xs[0], xs[2] - xs[1]]
    assert abs(gaps[0] - gaps[1]) <= pitch + 1e-6  # as even as whole columns allow
    assert xs[1] in (grid.column_x(2), grid.column_x(3))
    assert window.editor.session.undo_label() == "分布版框"


def test_a_group_is_dragged_as_one_and_undone_as_one(window: EditorWindow) -> None:
    window.pages.setCurrentRow(3)
    grid = window.editor.grid
    window.editor.delete_frame(named(window, "p4-third").id)  # type: ignore[arg-type]
    picture, second = named(window, "p4-picture"), named(window, "p4-second")
    click(window, *inside(picture))
    click(window, *inside(second), SHIFT)
    depth = window.editor.session.depth()[0]
    start = inside(picture)
    drag(window, start, (start[0], start[1] + 6 * grid.leading))
    for before in (picture, second):
        after = now(window, before)
        assert (after.x, after.y) == (before.x, pytest.approx(before.y + 6 * grid.leading))
    assert window.canvas.selection == [picture.id, second.id]
    assert window.editor.session.depth()[0] == depth + 1  # the whole drag, one step
    key(window, Qt.Key.Key_Down, NONE)  # the arrow keys move the group too
    assert now(window, second).y == pytest.approx(second.y + 7 * grid.leading)
    window.actions.undo.trigger()
    window.actions.undo.trigger()
    assert now(window, picture) == picture and now(window, second) == second


def test_cut_and_paste_moves_a_story_to_another_page_with_its_thread(
    window: EditorWindow, qtbot
) -> None:
    window.pages.setCurrentRow(4)  # page 5 is made up as page 2: the same place is free there
    window.editor.delete_frame(named(window, "p5-second").id)  # type: ignore[arg-type]
    window.pages.setCurrentRow(1)
    second = named(window, "p2-second")
    story = second.article_id
    click(window, *inside(second))
    key(window, Qt.Key.Key_X)
    assert window.editor.doc.thread(story) == []  # type: ignore[arg-type]
    assert story in window.bin.ids()
    assert window.editor.session.undo_label() == "剪切版框"
    window.pages.setCurrentRow(4)
    key(window, Qt.Key.Key_V)
    [moved] = window.editor.doc.thread(story)  # type: ignore[arg-type]
    assert moved.id == second.id and moved.thread_index == second.thread_index
    assert (moved.x, moved.y, moved.w, moved.h) == (second.x, second.y, second.w, second.h)
    assert moved.page_id == window.editor.page(4).id
    assert window.canvas.selection == [second.id]
    assert story not in window.bin.ids()
    assert window.editor.article(story).status == "placed"  # type: ignore[arg-type]
    assert any(r.owner == f"frame-{second.id}" for r in window.canvas.page().glyph_runs())
    assert overlaps(window.editor.doc.frames[moved.page_id]) == []  # type: ignore[index]
    assert window.editor.session.undo_label() == "粘贴版框"
    window.actions.undo.trigger()
    window.actions.undo.trigger()
    assert window.editor.doc.thread(story) == [second]  # type: ignore[arg-type]


def test_copy_and_paste_of_a_story_frame_makes_a_continuation(window: EditorWindow) -> None:
    window.pages.setCurrentRow(3)
    window.editor.delete_frame(named(window, "p4-third").id)  # type: ignore[arg-type]
    window.pages.setCurrentRow(1)
    third = named(window, "p2-third")
    grid = window.editor.grid
    window.editor.set_frame_rect(third.id, third.x, third.y, third.w, 10 * grid.leading)  # type: ignore[arg-type]
    click(window, *inside(third))
    key(window, Qt.Key.Key_C)
    assert window.editor.session.depth()[1] == 0 and window.actions.frames.paste.isEnabled()
    window.pages.setCurrentRow(3)
    key(window, Qt.Key.Key_V)
    thread = window.editor.doc.thread(third.article_id)  # type: ignore[arg-type]
    assert [f.id for f in thread][0] == third.id and len(thread) == 2
    follow = thread[1]
    assert follow.thread_index == third.thread_index + 1
    assert follow.page_id == window.editor.page(3).id and (follow.x, follow.y) == (third.x, third.y)
    assert "下转第4版" in window.editor.composed_page(1).text()
    assert "上接第2版" in window.canvas.page().text()


def test_a_paste_on_its_own_page_lands_a_grid_step_further(window: EditorWindow) -> None:
    window.pages.setCurrentRow(3)
    grid = window.editor.grid
    picture = named(window, "p4-picture")  # four columns from the left: room to step right
    click(window, *inside(picture))
    key(window, Qt.Key.Key_C)
    key(window, Qt.Key.Key_V)
    [first] = window.canvas.selection
    copy = window.editor.frame(first)
    pitch = grid.column_width + grid.gutter
    assert (copy.x, copy.y) == (
        pytest.approx(picture.x + pitch),
        pytest.approx(picture.y + grid.leading),
    )
    assert copy.props == picture.props and copy.id != picture.id
    key(window, Qt.Key.Key_V)
    second = window.editor.frame(window.canvas.selection[0])
    assert (second.x, second.y) == (
        pytest.approx(picture.x + 2 * pitch),
        pytest.approx(picture.y + 2 * grid.leading),
    )


def test_the_clipboard_keys_belong_to_the_canvas_only(window: EditorWindow, qtbot) -> None:
    window.pages.setCurrentRow(1)
    lead = named(window, "p2-lead")
    click(window, *inside(lead))
    assert not window.editor.clipboard
    field = window.inspector.headline
    field.setFocus()
    field.selectAll()
    QTest.keyClick(field, Qt.Key.Key_C, CTRL)  # copies the headline's text, not the frame
    assert not window.editor.clipboard
    assert QApplication.clipboard().text() == field.text()
    key(window, Qt.Key.Key_C)
    assert [f.id for f in window.editor.clipboard.frames] == [lead.id]
