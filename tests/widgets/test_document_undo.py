"""Undo belongs to the document (pytest-qt, offscreen, keys through Qt's shortcut path): Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y from any field, one step per field edit, no private histories, and the history after a restart."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.compose.issue import IssueComposer
from app.model import Frame
from app.store import Library
from tests.sample_helpers import sample_library
from tests.widgets.window_helpers import shown_window
from widgets.editor_window import EditorWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot, library: Library, composer: IssueComposer, tmp_path: Path) -> EditorWindow:
    return shown_window(qtbot, library, composer, tmp_path)


def named(win: EditorWindow, name: str) -> Frame:
    return next(f for fs in win.editor.doc.frames.values() for f in fs if f.name == name)


def type_text(widget: QWidget, text: str) -> None:
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def nudge_picture(win: EditorWindow, qtbot) -> Frame:
    """One document step made on the canvas: the page-3 picture nudged down a line."""
    win.pages.setCurrentRow(2)
    picture = named(win, "p3-picture")
    win.canvas.select(picture.id)
    win.canvas.setFocus()
    qtbot.keyClick(win.canvas, Qt.Key.Key_Down)
    assert win.editor.frame(picture.id).y > picture.y  # type: ignore[arg-type]
    return picture


def test_ctrl_z_in_an_untouched_field_undoes_the_document(window: EditorWindow, qtbot) -> None:
    picture = nudge_picture(window, qtbot)
    moved = window.editor.frame(picture.id)  # type: ignore[arg-type]
    field = window.inspector.kicker
    window.pages.setCurrentRow(1)
    window.canvas.select(named(window, "p2-lead").id)
    field.setFocus()
    assert QApplication.focusWidget() is field
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    assert window.editor.frame(picture.id).y == picture.y  # type: ignore[arg-type]
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL | SHIFT)
    assert window.editor.frame(picture.id).y == moved.y  # type: ignore[arg-type]
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(window.inspector.body, Qt.Key.Key_Y, CTRL)  # Ctrl+Y from the body box
    assert window.editor.frame(picture.id).y == moved.y  # type: ignore[arg-type]
    assert window.editor.session.depth() == (1, 0)


def test_a_field_edit_is_one_step_and_enter_with_nothing_typed_makes_none(
    window: EditorWindow, qtbot
) -> None:
    window.pages.setCurrentRow(1)
    lead = named(window, "p2-lead")
    window.canvas.select(lead.id)
    headline = window.inspector.headline
    before = headline.text()
    headline.setFocus()
    headline.selectAll()
    type_text(headline, "改过的标题")
    qtbot.keyClick(headline, Qt.Key.Key_Return)
    assert window.editor.article(lead.article_id).headline == "改过的标题"  # type: ignore[arg-type]
    assert window.editor.session.depth() == (1, 0)
    qtbot.keyClick(headline, Qt.Key.Key_Return)  # nothing changed: no new step
    qtbot.keyClick(headline, Qt.Key.Key_Enter)
    assert window.editor.session.depth() == (1, 0)
    qtbot.keyClick(headline, Qt.Key.Key_Z, CTRL)  # the document's undo, not the field's
    assert window.editor.article(lead.article_id).headline == before  # type: ignore[arg-type]
    assert headline.text() == before
    assert window.editor.session.depth() == (0, 1)
    qtbot.keyClick(headline, Qt.Key.Key_Return)
    assert window.editor.session.depth() == (0, 1)  # Enter did not put the typing back
    qtbot.keyClick(headline, Qt.Key.Key_Z, CTRL | SHIFT)
    assert headline.text() == "改过的标题"


def test_slow_typing_in_the_body_is_one_step_until_the_focus_leaves(
    window: EditorWindow, qtbot
) -> None:
    now = [1000.0]
    window.editor.session._clock = lambda: now[0]  # a typist with long pauses
    window.pages.setCurrentRow(1)
    lead = named(window, "p2-lead")
    window.canvas.select(lead.id)
    body = window.inspector.body
    assert not body.isUndoRedoEnabled()
    body.setFocus()
    body.moveCursor(body.textCursor().MoveOperation.End)
    for word in ("慢慢", "打字"):
        type_text(body, word)
        qtbot.waitUntil(lambda: not window.inspector.pending(), timeout=2000)
        now[0] += 30.0  # far past the keystroke merge window
    assert window.editor.article(lead.article_id).paragraphs[-1].endswith("慢慢打字")  # type: ignore[arg-type]
    assert window.editor.session.depth() == (1, 0)
    window.inspector.headline.setFocus()  # the body loses the focus: its step is closed
    type_text(window.inspector.headline, "打")
    qtbot.waitUntil(lambda: not window.inspector.pending(), timeout=2000)
    assert window.editor.session.depth() == (2, 0)
    qtbot.keyClick(window.inspector.headline, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(window.inspector.headline, Qt.Key.Key_Z, CTRL)
    assert not window.editor.article(lead.article_id).paragraphs[-1].endswith("打字")  # type: ignore[arg-type]


def test_field_context_menus_offer_no_private_undo(window: EditorWindow) -> None:
    from widgets.document_undo import without_undo_entries

    for field in (window.inspector.headline, window.inspector.body):
        menu = without_undo_entries(field.createStandardContextMenu())
        names = {a.objectName() for a in menu.actions()}
        assert "edit-undo" not in names and "edit-redo" not in names
        assert "edit-paste" in names or "edit-copy" in names


def test_ctrl_z_in_a_floating_inspector_undoes_the_document(window: EditorWindow, qtbot) -> None:
    picture = nudge_picture(window, qtbot)
    window.inspector_dock.setFloating(True)
    window.inspector_dock.show()
    qtbot.waitExposed(window.inspector_dock)
    field = window.inspector.subheadline
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    assert window.editor.frame(picture.id).y == picture.y  # type: ignore[arg-type]


def test_undo_after_closing_and_reopening_the_library(
    qtbot, tmp_path: Path, composer: IssueComposer
) -> None:
    with sample_library(tmp_path, "kept.banmian") as library:
        path = Path(library.path)
        window = shown_window(qtbot, library, composer, tmp_path)
        window.pages.setCurrentRow(1)
        lead = named(window, "p2-lead")
        window.canvas.select(lead.id)
        headline = window.inspector.headline
        before = headline.text()
        headline.setFocus()
        headline.selectAll()
        type_text(headline, "重开后撤销")
        qtbot.keyClick(headline, Qt.Key.Key_Return)
        window.close()
    with Library.open(path) as library:
        assert library.article(lead.article_id).headline == "重开后撤销"  # type: ignore[arg-type]
        window = shown_window(qtbot, library, composer, tmp_path)
        assert window.actions.undo.isEnabled()
        assert "编辑文字" in window.actions.undo.text()
        window.canvas.setFocus()
        qtbot.keyClick(window.canvas, Qt.Key.Key_Z, CTRL)
        assert library.article(lead.article_id).headline == before  # type: ignore[arg-type]
        window.pages.setCurrentRow(1)
        window.canvas.select(lead.id)
        assert window.inspector.headline.text() == before
        window.close()


def test_a_dialog_of_the_window_keeps_its_own_ctrl_z(window: EditorWindow, qtbot) -> None:
    from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout

    picture = nudge_picture(window, qtbot)
    moved = window.editor.frame(picture.id)  # type: ignore[arg-type]
    dialog = QDialog(window)
    field = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(field)
    dialog.show()
    qtbot.waitExposed(dialog)
    field.setFocus()
    qtbot.keyClicks(field, "abc")
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    assert field.text() == ""  # the field's own undo: a name being typed, not the page
    assert window.editor.frame(picture.id).y == moved.y  # type: ignore[arg-type]
    dialog.close()
