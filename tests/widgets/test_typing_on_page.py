"""Typing on the page (pytest-qt, offscreen, real mouse, key and input-method events): double-click gives a caret at the clicked character, keys move and select, typing, IME, the clipboard and Enter edit the story as undoable text edits."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QInputMethodEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication

from app.compose.issue import IssueComposer
from app.edit.typing import Glyph
from app.model import Article, Frame
from app.store import Library
from tests.widgets.window_helpers import shown_window
from widgets.editor_window import EditorWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def window(qtbot, library: Library, composer: IssueComposer, tmp_path: Path) -> EditorWindow:
    win = shown_window(qtbot, library, composer, tmp_path, size=(1400, 900))
    win.pages.setCurrentRow(1)
    win.canvas.set_zoom(1.5)
    return win


def lead(win: EditorWindow) -> Frame:
    return next(f for fs in win.editor.doc.frames.values() for f in fs if f.name == "p2-lead")


def story(win: EditorWindow) -> Article:
    return win.editor.article(lead(win).article_id)  # type: ignore[arg-type]


def body(win: EditorWindow) -> str:
    return "\n".join(story(win).paragraphs)


def mouse(
    win: EditorWindow, kind: QEvent.Type, x: float, y: float, held: bool = True, mods=NONE
) -> None:
    win.canvas.centerOn(x, y)  # the point on screen, as the editor would scroll to it
    pos = QPointF(win.canvas.mapFromScene(QPointF(x, y)))
    button = Qt.MouseButton.LeftButton
    event = QMouseEvent(
        kind,
        pos,
        QPointF(win.canvas.viewport().mapToGlobal(pos.toPoint())),
        button if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton,
        button if held else Qt.MouseButton.NoButton,
        mods,
    )
    QApplication.sendEvent(win.canvas.viewport(), event)


def double_click(win: EditorWindow, x: float, y: float) -> None:
    for kind, held in (
        (QEvent.Type.MouseButtonPress, True),
        (QEvent.Type.MouseButtonRelease, False),
        (QEvent.Type.MouseButtonDblClick, True),
        (QEvent.Type.MouseButtonRelease, False),
    ):
        mouse(win, kind, x, y, held)


def body_glyph(win: EditorWindow, offset: int) -> Glyph:
    return next(g for g in win.canvas.text.glyphs() if g.field == "body" and g.offset == offset)


def click_into_body(win: EditorWindow, offset: int) -> Glyph:
    """Double-click on the left half of body character `offset`: the caret goes before it."""
    win.canvas.select(lead(win).id)
    win.canvas.text.article_id = lead(win).article_id  # only to read where the glyphs are
    g = body_glyph(win, offset)
    win.canvas.text.article_id = None
    double_click(win, g.x + g.w * 0.25, g.top + g.h / 2)
    return g


def keys(win: EditorWindow, qtbot, *presses: tuple[Qt.Key, Qt.KeyboardModifier]) -> None:
    for key, mods in presses:
        qtbot.keyClick(win.canvas, key, mods)


def type_text(win: EditorWindow, text: str) -> None:
    """Characters as key events carrying text, as an input method or keyboard sends them."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(win.canvas, QKeyEvent(kind, 0, NONE, ch))


def test_double_click_gives_a_caret_at_the_clicked_character_and_typing_inserts(
    window: EditorWindow, qtbot
) -> None:
    before = body(window)
    click_into_body(window, 5)
    text = window.canvas.text
    assert text.active and text.caret is not None
    assert (text.caret.field, text.caret.offset) == ("body", 5)
    assert window.canvas.hasFocus()
    type_text(window, "打字")
    assert body(window) == before[:5] + "打字" + before[5:]
    assert "打字" in window.canvas.page().text()  # composed again, on screen
    assert text.caret.offset == 7
    assert window.editor.session.depth() == (1, 0)  # the burst is one step
    assert window.inspector.body.toPlainText().startswith(before[:5] + "打字")
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, CTRL)  # the document's undo
    assert body(window) == before


def test_arrows_home_end_backspace_delete(window: EditorWindow, qtbot) -> None:
    before = body(window)
    g = click_into_body(window, 3)
    caret = window.canvas.text
    keys(window, qtbot, (Qt.Key.Key_Right, NONE), (Qt.Key.Key_Right, NONE))
    assert caret.caret.offset == 5  # type: ignore[union-attr]
    keys(window, qtbot, (Qt.Key.Key_Left, NONE))
    assert caret.caret.offset == 4  # type: ignore[union-attr]
    keys(window, qtbot, (Qt.Key.Key_Home, NONE))
    line = [x for x in caret.glyphs() if x.line == g.line]
    assert caret.caret.offset == line[0].offset  # type: ignore[union-attr]
    keys(window, qtbot, (Qt.Key.Key_End, NONE))
    assert caret.caret.offset == line[-1].offset + 1  # type: ignore[union-attr]
    keys(window, qtbot, (Qt.Key.Key_Down, NONE))
    assert caret.caret_box().line == g.line + 1  # type: ignore[union-attr]
    keys(window, qtbot, (Qt.Key.Key_Up, NONE), (Qt.Key.Key_Home, NONE))
    assert caret.caret.offset == line[0].offset  # type: ignore[union-attr]
    start = line[0].offset
    keys(window, qtbot, (Qt.Key.Key_Delete, NONE))  # not the frame: the character
    assert body(window) == before[:start] + before[start + 1 :]
    assert window.canvas.selected == lead(window).id
    keys(window, qtbot, (Qt.Key.Key_Right, NONE), (Qt.Key.Key_Backspace, NONE))
    assert body(window) == before[:start] + before[start + 2 :]
    assert caret.caret.offset == start  # type: ignore[union-attr]


def test_shift_arrows_and_mouse_drag_select_and_the_clipboard_cuts_and_pastes(
    window: EditorWindow, qtbot
) -> None:
    before = body(window)
    click_into_body(window, 2)
    keys(window, qtbot, (Qt.Key.Key_Right, SHIFT), (Qt.Key.Key_Right, SHIFT))
    text = window.canvas.text
    assert text.selected_text() == before[2:4]
    keys(window, qtbot, (Qt.Key.Key_C, CTRL))
    assert QGuiApplication.clipboard().text() == before[2:4]
    # a drag from character 6 to character 9 selects 6..9
    g6, g9 = body_glyph(window, 6), body_glyph(window, 9)
    mouse(window, QEvent.Type.MouseButtonPress, g6.x + 0.5, g6.top + g6.h / 2)
    mouse(window, QEvent.Type.MouseMove, g9.x + 0.5, g9.top + g9.h / 2)
    mouse(window, QEvent.Type.MouseButtonRelease, g9.x + 0.5, g9.top + g9.h / 2, held=False)
    assert text.selected_text() == before[6:9]
    keys(window, qtbot, (Qt.Key.Key_X, CTRL))
    assert QGuiApplication.clipboard().text() == before[6:9]
    assert body(window) == before[:6] + before[9:]
    QGuiApplication.clipboard().setText("粘贴的文字\r\n第二段")
    keys(window, qtbot, (Qt.Key.Key_V, CTRL))
    paragraphs = story(window).paragraphs
    assert paragraphs[0] == before[:6] + "粘贴的文字"
    assert paragraphs[1] == "第二段" + before.split("\n")[0][9:]


def test_enter_splits_a_paragraph_and_backspace_joins_it_again(window: EditorWindow, qtbot) -> None:
    before = story(window).paragraphs
    click_into_body(window, 4)
    keys(window, qtbot, (Qt.Key.Key_Return, NONE))
    after = story(window).paragraphs
    assert after[:2] == [before[0][:4], before[0][4:]]
    assert len(after) == len(before) + 1
    type_text(window, "新段落")
    assert story(window).paragraphs[1] == "新段落" + before[0][4:]
    keys(window, qtbot, *[(Qt.Key.Key_Left, NONE)] * 3, (Qt.Key.Key_Backspace, NONE))
    assert story(window).paragraphs[0] == before[0][:4] + "新段落" + before[0][4:]


def test_an_input_method_shows_its_preedit_then_commits(window: EditorWindow, qtbot) -> None:
    before = body(window)
    click_into_body(window, 3)
    canvas = window.canvas
    assert canvas.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    assert canvas.inputMethodQuery(Qt.InputMethodQuery.ImEnabled)
    where = canvas.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle)
    g = body_glyph(window, 3)
    at = canvas.mapFromScene(QPointF(g.x, g.top)) + canvas.viewport().pos()
    assert abs(where.x() - at.x()) <= 2 and abs(where.y() - at.y()) <= 2  # the popup's place
    QApplication.sendEvent(canvas, QInputMethodEvent("bianji", []))
    assert canvas.text.preedit == "bianji"
    assert body(window) == before  # a preedit is no text yet
    shot = canvas.viewport().grab().toImage()
    assert shot.width() > 0
    commit = QInputMethodEvent()
    commit.setCommitString("编辑")
    QApplication.sendEvent(canvas, commit)
    assert canvas.text.preedit == ""
    assert body(window) == before[:3] + "编辑" + before[3:]
    assert canvas.inputMethodQuery(Qt.InputMethodQuery.ImCursorPosition) == 5
    assert window.editor.session.undo_label() == "编辑文字"


def test_escape_or_a_click_elsewhere_leaves_text_mode(window: EditorWindow, qtbot) -> None:
    click_into_body(window, 1)
    assert window.canvas.text.active
    keys(window, qtbot, (Qt.Key.Key_Escape, NONE))
    assert not window.canvas.text.active
    assert not window.canvas.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    frame = lead(window)
    before_y = frame.y
    keys(window, qtbot, (Qt.Key.Key_Down, NONE))  # arrows nudge the frame again
    assert window.editor.frame(frame.id).y > before_y  # type: ignore[arg-type]
    click_into_body(window, 1)
    mouse(window, QEvent.Type.MouseButtonPress, 5, 5)  # the paper's corner
    mouse(window, QEvent.Type.MouseButtonRelease, 5, 5, held=False)
    assert not window.canvas.text.active


def test_the_headline_is_typed_into_on_the_page_too(window: EditorWindow, qtbot) -> None:
    before = story(window).headline
    window.canvas.select(lead(window).id)
    window.canvas.text.article_id = lead(window).article_id
    g = next(x for x in window.canvas.text.glyphs() if x.field == "headline" and x.offset == 2)
    window.canvas.text.article_id = None
    double_click(window, g.x + g.w * 0.25, g.top + g.h / 2)
    assert window.canvas.text.caret.field == "headline"  # type: ignore[union-attr]
    type_text(window, "新")
    assert story(window).headline == before[:2] + "新" + before[2:]
    keys(window, qtbot, (Qt.Key.Key_Return, NONE))  # no line break in a headline: on to 副题
    assert story(window).headline == before[:2] + "新" + before[2:]
    assert window.canvas.text.caret.field == "subheadline"  # type: ignore[union-attr]
    assert window.inspector.headline.text() == before[:2] + "新" + before[2:]


def test_typing_on_the_page_then_in_the_inspector_are_two_undo_steps(
    window: EditorWindow, qtbot
) -> None:
    before, kicker = body(window), story(window).kicker
    click_into_body(window, 3)
    type_text(window, "新")
    field = window.inspector.kicker
    field.setFocus()  # the canvas loses the focus: its burst of typing is over
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(field, QKeyEvent(kind, 0, NONE, "甲"))
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert story(window).kicker == kicker + "甲"
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)  # the inspector's edit only
    assert story(window).kicker == kicker
    assert body(window) == before[:3] + "新" + before[3:]
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    assert body(window) == before
