"""The save bar (pytest-qt, offscreen): typing while another program holds the library's write lock shows the bar and keeps the edit, which is saved once the lock is released; a damaged library opens and names its damage."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.compose.issue import IssueComposer
from app.edit.editor import IssueEditor
from app.model.document import IssueDoc
from app.sample.issue import SAMPLE_ISSUE
from app.store import Library
from tests.sample_helpers import frame_named, sample_library
from tests.widgets.window_helpers import shown_window
from widgets.editor_window import EditorWindow

TYPED = "增补的一句话"


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with sample_library(tmp_path) as lib:
        yield lib


@pytest.fixture
def window(
    qtbot, library: Library, composer: IssueComposer, tmp_path: Path, monkeypatch
) -> EditorWindow:
    # A test that fails with edits waiting must not leave a modal question open at teardown.
    monkeypatch.setattr("widgets.save_bar.SaveBar.ask_close", lambda self: "discard")
    return shown_window(qtbot, library, composer, tmp_path)


@pytest.fixture
def other(window: EditorWindow, library: Library) -> Iterator[sqlite3.Connection]:
    """Another program writing to the library: BEGIN IMMEDIATE on a second connection (let go
    before the window closes, even when the test fails)."""
    conn = sqlite3.connect(library.path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    yield conn
    if conn.in_transaction:
        conn.execute("ROLLBACK")
    conn.close()


def type_text(widget: QWidget, text: str) -> None:
    """Key presses carrying hanzi, as an input method delivers them."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def last_paragraph_on_disk(path: Path, article_id: int) -> str:
    with Library.open(path) as again:
        return again.article(article_id).paragraphs[-1]


def start_typing(qtbot, window: EditorWindow) -> int:
    lead = frame_named(window.editor.library, "lead")
    window.canvas.select(lead.id)
    assert window.inspector.article_id == lead.article_id
    window.inspector.body.setFocus()
    window.inspector.body_cursor_to_end()
    type_text(window.inspector.body, TYPED)  # at the end of the last paragraph
    return lead.article_id  # type: ignore[return-value]


def test_typing_while_the_library_is_held_shows_the_bar_then_saves(
    qtbot, window: EditorWindow, library: Library, other: sqlite3.Connection
) -> None:
    bar = window.save_bar
    story = start_typing(qtbot, window)
    qtbot.waitUntil(bar.isVisible, timeout=10_000)
    assert "尚未存入版面库" in bar.label.text() and "busy" in bar.label.text()
    assert bar.retry_button.isVisible() and bar.retry_button.text() == "重试"
    assert window.isWindowModified() and window.editor.session.unsaved >= 1
    # The edit is kept and shown meanwhile, though not in the library yet.
    assert window.editor.doc.articles[story].paragraphs[-1].endswith(TYPED)
    assert window.inspector.body.toPlainText().endswith(TYPED)
    assert not last_paragraph_on_disk(library.path, story).endswith(TYPED)
    other.execute("ROLLBACK")  # the other program is done
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=10_000)  # retried on its own
    assert not window.isWindowModified() and window.editor.session.unsaved == 0
    assert window.editor.session.can_undo()
    window.close()
    assert last_paragraph_on_disk(library.path, story).endswith(TYPED)


def test_retry_saves_at_once_and_closing_asks_while_edits_wait(
    qtbot,
    window: EditorWindow,
    library: Library,
    other: sqlite3.Connection,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bar = window.save_bar
    story = start_typing(qtbot, window)
    qtbot.waitUntil(bar.isVisible, timeout=10_000)
    asked: list[int] = []
    monkeypatch.setattr(bar, "ask_close", lambda: asked.append(1) or "stay")
    monkeypatch.setattr("widgets.save_bar.BUTTON_WAIT_S", 0.05)
    window.close()
    assert asked and window.isVisible()  # not closed: the edit would have been lost
    other.execute("ROLLBACK")
    qtbot.mouseClick(bar.retry_button, Qt.MouseButton.LeftButton)
    assert not bar.isVisible() and window.editor.session.unsaved == 0
    assert last_paragraph_on_disk(library.path, story).endswith(TYPED)
    window.close()
    assert not window.isVisible()


def test_a_damaged_library_opens_and_names_its_damage(
    qtbot, library: Library, composer: IssueComposer, tmp_path: Path
) -> None:
    conn = sqlite3.connect(library.path)
    conn.execute("UPDATE frames SET props = '{bad' WHERE name = 'p2-lead'")
    conn.execute("UPDATE frames SET h = 'NaN' WHERE name = 'p3-second'")
    conn.commit()
    conn.close()
    doc = IssueDoc.load(library, SAMPLE_ISSUE)
    window = EditorWindow(IssueEditor(library, doc, composer))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    damage = window.save_bar.damage
    assert damage is not None and damage.isVisible()
    assert "2处记录损坏" in damage.label.text() and "第2版" in damage.label.text()
    damage.show_findings()
    shown = [f for f in window.preflight_panel.findings() if f.code == "damaged_row"]
    assert [(f.page, f.severity) for f in shown] == [(2, "error"), (3, "error")]
