"""Two windows on one library (pytest-qt, offscreen), each its own desk: another desk's paragraph is never lost to stale typing, changes show within a second, a conflict is settled in its dialog, a checked-out page is read-only and named."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from app.compose.issue import IssueComposer
from app.model import Frame
from app.store import Library, LibraryCheckedOut
from tests.app.desk_helpers import sample_at
from tests.widgets.test_editor_window import type_text
from tests.widgets.window_helpers import shown_window
from widgets.editor_window import EditorWindow


@pytest.fixture
def libraries(new_library: str) -> Iterator[tuple[Library, Library]]:
    """Desks 甲 and 乙 on the sample issue: in a file, then on a server."""
    path = sample_at(new_library)
    with Library.open(path) as a, Library.open(path) as b:
        a.person, b.person = "甲", "乙"
        yield a, b


@pytest.fixture
def windows(
    qtbot, libraries: tuple[Library, Library], composer: IssueComposer, tmp_path: Path
) -> tuple[EditorWindow, EditorWindow]:
    a, b = libraries
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    return (
        shown_window(qtbot, a, composer, tmp_path / "a"),
        shown_window(qtbot, b, composer, tmp_path / "b"),
    )


def lead_of_page_2(win: EditorWindow) -> Frame:
    return next(f for fs in win.editor.doc.frames.values() for f in fs if f.name == "p2-lead")


def inspect(win: EditorWindow, frame: Frame) -> None:
    win.pages.setCurrentRow(1)
    win.canvas.select(frame.id)
    assert win.inspector.article_id == frame.article_id


def test_desk_as_paragraph_survives_desk_bs_stale_typing(
    qtbot, windows: tuple[EditorWindow, EditorWindow]
) -> None:
    """The issue's case: B's inspector shows the story; A adds a paragraph; B, not having
    looked again yet, types into the first paragraph — A's paragraph survives."""
    a, b = windows
    a.pages.setCurrentRow(1)
    b.live.pause()  # B has not seen A's change when it types
    frame = lead_of_page_2(b)
    inspect(b, frame)
    old = b.editor.article(frame.article_id)  # type: ignore[arg-type]
    a.editor.edit_text(frame.article_id, paragraphs=[*old.paragraphs, "甲加的段落。"])  # type: ignore[arg-type]
    body = b.inspector.body
    body.setFocus()
    cursor = body.textCursor()
    cursor.setPosition(len(old.paragraphs[0]))
    body.setTextCursor(cursor)
    type_text(body, "乙补")
    b.inspector.commit()
    stored = b.editor.library.article(frame.article_id)  # type: ignore[arg-type]
    assert stored.paragraphs[0] == old.paragraphs[0] + "乙补"
    assert stored.paragraphs[-1] == "甲加的段落。"
    assert b.inspector.body.toPlainText().endswith("甲加的段落。")  # B now sees it too
    qtbot.waitUntil(lambda: "乙补" in a.canvas.page().text(), timeout=1000)  # and A sees B's


def test_another_desks_move_and_text_show_within_a_second(
    qtbot, windows: tuple[EditorWindow, EditorWindow]
) -> None:
    a, b = windows
    frame = lead_of_page_2(a)
    a.pages.setCurrentRow(1)
    inspect(b, frame)
    a.editor.move_frame(frame.id, frame.x, frame.y + 48)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: b.editor.frame(frame.id).y == a.editor.frame(frame.id).y, timeout=1000)  # type: ignore[arg-type]
    assert b.canvas.page() == a.canvas.page()  # B's canvas shows page 2 as A composes it
    a.editor.edit_text(frame.article_id, headline="甲改的标题")  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: b.inspector.headline.text() == "甲改的标题", timeout=1000)
    assert "甲" in b.statusBar().currentMessage()


def test_a_field_being_typed_into_is_not_overwritten(
    windows: tuple[EditorWindow, EditorWindow],
) -> None:
    a, b = windows
    frame = lead_of_page_2(b)
    inspect(b, frame)
    b.live.pause()
    b.inspector.timer.setInterval(60_000)  # B is typing: the text has not been sent yet
    body = b.inspector.body
    body.setFocus()
    body.moveCursor(body.textCursor().MoveOperation.End)
    type_text(body, "乙正在打字")
    a.editor.edit_text(frame.article_id, headline="甲改的标题")  # type: ignore[arg-type]
    assert b.live.poll().change.articles == {frame.article_id}  # B hears it...
    assert body.toPlainText().endswith("乙正在打字")  # ...and the field keeps what B typed
    b.inspector.commit()
    stored = b.editor.library.article(frame.article_id)  # type: ignore[arg-type]
    assert stored.headline == "甲改的标题" and stored.paragraphs[-1].endswith("乙正在打字")
    assert b.inspector.headline.text() == "甲改的标题"


def test_the_same_paragraph_asks_and_both_are_kept(
    qtbot, windows: tuple[EditorWindow, EditorWindow]
) -> None:
    a, b = windows
    frame = lead_of_page_2(b)
    inspect(b, frame)
    b.live.pause()
    old = b.editor.article(frame.article_id)  # type: ignore[arg-type]
    a.editor.edit_text(
        frame.article_id,  # type: ignore[arg-type]
        paragraphs=[old.paragraphs[0] + "甲的句子。", *old.paragraphs[1:]],
    )
    seen: list[str] = []

    def choose() -> None:
        dialog = b.conflict_flow.dialog
        assert dialog is not None
        seen.extend([dialog.theirs.toPlainText(), dialog.mine.toPlainText()])
        dialog.both_button.click()

    QTimer.singleShot(50, choose)
    body = b.inspector.body
    cursor = body.textCursor()
    cursor.setPosition(len(old.paragraphs[0]))
    body.setTextCursor(cursor)
    type_text(body, "乙的句子。")
    b.inspector.commit()
    qtbot.waitUntil(lambda: not b.editor.conflicts.pending, timeout=3000)
    assert "甲的句子。" in seen[0] and "乙的句子。" in seen[1]
    stored = b.editor.library.article(frame.article_id).paragraphs  # type: ignore[arg-type]
    assert stored[0] == old.paragraphs[0] + "甲的句子。"
    assert stored[1] == old.paragraphs[0] + "乙的句子。"
    qtbot.waitUntil(lambda: b.inspector.body.toPlainText().startswith(stored[0]), timeout=1000)


def test_a_checked_out_page_is_named_and_read_only_elsewhere(
    qtbot, windows: tuple[EditorWindow, EditorWindow]
) -> None:
    a, b = windows
    a.pages.setCurrentRow(1)
    a.checkout_view.take_page.trigger()  # 协作 ▸ 签出本版
    assert a.checkout_view.band.text() == "本版由我签出"
    qtbot.waitUntil(lambda: "甲签出" in (b.pages.status(1) or ("",))[0], timeout=1000)
    frame = lead_of_page_2(b)
    inspect(b, frame)
    assert b.checkout_view.band.isVisible() and "甲" in b.checkout_view.band.text()
    assert b.inspector.body.isReadOnly() and not b.checkout_view.take_page.isEnabled()
    with pytest.raises(LibraryCheckedOut, match="甲"):
        b.editor.move_frame(frame.id, frame.x, frame.y + 24)  # type: ignore[arg-type]
    a.checkout_view.give_page.trigger()  # 签入本版
    qtbot.waitUntil(lambda: not b.inspector.body.isReadOnly(), timeout=1000)
    assert not b.checkout_view.band.isVisible() and "签出" not in b.pages.status(1)[0]  # type: ignore[index]
    b.editor.move_frame(frame.id, frame.x, frame.y + 24)  # type: ignore[arg-type]


def test_a_desk_renamed_in_the_window_signs_its_changes(
    windows: tuple[EditorWindow, EditorWindow],
) -> None:
    a, b = windows
    a.checkout_view.rename("甲编辑")
    mark = b.editor.library.last_change()
    frame = lead_of_page_2(a)
    a.editor.move_frame(frame.id, frame.x, frame.y + 24)  # type: ignore[arg-type]
    assert {c.person for c in b.editor.library.changes_since(mark)} == {"甲编辑"}
