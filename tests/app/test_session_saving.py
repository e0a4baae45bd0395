"""An edit the library cannot take (another program holds it, it is read-only, the disk is full) waits in the session, in order, and lands whole once the library can take it; nothing is dropped silently."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.edit.commands import DeleteFrame, EditArticleText, MoveFrame
from app.edit.session import Change, EditSession, SaveState
from app.sample.issue import SAMPLE_ISSUE
from app.store import Library, LibraryBusy, LibraryFull, LibraryReadOnly
from tests.sample_helpers import frame_named, sample_library


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with sample_library(tmp_path) as lib:
        lib.busy_timeout = 0.05  # the tests hold the lock on purpose: do not wait long
        yield lib


@pytest.fixture
def story(library: Library) -> int:
    return library.articles(library.issue_by_number(SAMPLE_ISSUE).id)[0].id  # type: ignore[return-value]


class Holder:
    """Another program writing: a second connection with the write lock, until released."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        self.conn.execute("COMMIT")
        self.conn.close()


def on_disk(path: Path, article_id: int) -> str:
    """The headline as a third program reads it now."""
    conn = sqlite3.connect(path)
    (headline,) = conn.execute(
        "SELECT headline FROM articles WHERE id = ?", [article_id]
    ).fetchone()
    conn.close()
    return headline


def test_typing_while_another_program_writes_waits_then_lands(library: Library, story: int) -> None:
    session = EditSession(library)
    states: list[SaveState] = []
    changes: list[Change] = []
    session.on_save(states.append)
    session.subscribe(changes.append)
    before = on_disk(library.path, story)
    held = Holder(library.path)
    for typed in ("新", "新标", "新标题"):
        assert session.push(EditArticleText(story, headline=typed)) == Change()
    assert session.unsaved == 1  # the keystrokes became one waiting edit
    assert isinstance(states[-1].error, LibraryBusy) and states[-1].waiting == 1
    assert not session.can_undo() and changes == []
    assert session.flush() is False and session.unsaved == 1
    assert on_disk(library.path, story) == before
    held.release()
    assert session.flush() is True
    assert on_disk(library.path, story) == "新标题"
    assert states[-1] == SaveState(0, None, ())
    assert changes[-1].articles == {story}
    assert session.depth() == (1, 0)
    session.undo()
    assert on_disk(library.path, story) == before


def test_edits_wait_in_order_and_a_drag_lands_as_one_step(library: Library, story: int) -> None:
    session = EditSession(library)
    lead = frame_named(library, "lead")
    held = Holder(library.path)
    session.push(EditArticleText(story, headline="先改标题"))
    with session.macro("移动版框"):
        session.push(MoveFrame(lead.id, lead.x, lead.y + 12))  # type: ignore[arg-type]
        session.push(MoveFrame(lead.id, lead.x, lead.y + 24))  # type: ignore[arg-type]
    session.push(EditArticleText(story, headline="再改标题"))
    assert session.unsaved == 4
    held.release()
    assert session.flush()
    assert library.frame(lead.id).y == lead.y + 24  # type: ignore[arg-type]
    assert on_disk(library.path, story) == "再改标题"
    assert session.depth() == (3, 0)  # text, the whole drag, text
    session.undo()
    session.undo()
    assert library.frame(lead.id).y == lead.y  # type: ignore[arg-type]
    assert on_disk(library.path, story) == "先改标题"


def test_an_undo_the_library_cannot_take_waits_too(library: Library, story: int) -> None:
    session = EditSession(library)
    before = on_disk(library.path, story)
    session.push(EditArticleText(story, headline="改了"))
    held = Holder(library.path)
    assert session.undo() is None
    assert session.unsaved == 1 and on_disk(library.path, story) == "改了"
    held.release()
    assert session.flush()
    assert on_disk(library.path, story) == before and session.depth() == (0, 1)


def test_read_only_and_full_libraries_keep_the_edit_waiting(library: Library, story: int) -> None:
    session = EditSession(library)
    library.db.execute("PRAGMA query_only = ON")  # what a read-only file answers
    session.push(EditArticleText(story, headline="只读时写的"))
    assert isinstance(session.save_error, LibraryReadOnly)
    library.db.execute("PRAGMA query_only = OFF")
    pages = library.db.execute("PRAGMA page_count").fetchone()[0]
    library.db.execute(f"PRAGMA max_page_count = {pages}")  # no room to grow: SQLITE_FULL
    session.push(EditArticleText(story, paragraphs=["满" * 100_000]))
    assert not session.flush() and isinstance(session.save_error, LibraryFull)
    assert on_disk(library.path, story) != "只读时写的"  # neither was half-written
    library.db.execute("PRAGMA max_page_count = 1073741823")
    assert session.flush()
    assert library.article(story).headline == "只读时写的"
    assert library.article(story).paragraphs == ["满" * 100_000]


def test_an_edit_that_can_never_land_is_named_not_kept_forever(library: Library) -> None:
    session = EditSession(library)
    states: list[SaveState] = []
    session.on_save(states.append)
    lead = frame_named(library, "lead")
    held = Holder(library.path)
    session.push(DeleteFrame(lead.id))  # type: ignore[arg-type]
    held.conn.execute(
        "DELETE FROM frames WHERE id = ?", [lead.id]
    )  # the other desk got there first
    held.release()
    assert session.flush()
    assert session.unsaved == 0 and len(states[-1].dropped) == 1
    assert f"{lead.id}" in states[-1].dropped[0]


def test_a_command_whose_result_is_needed_now_does_not_wait(library: Library, story: int) -> None:
    session = EditSession(library)
    held = Holder(library.path)
    with pytest.raises(LibraryBusy):
        session.push(EditArticleText(story, headline="马上要"), wait=False)
    assert session.unsaved == 0
    session.push(EditArticleText(story, headline="可以等"))
    with pytest.raises(LibraryBusy):  # what waits is tried first, and still cannot land
        session.push(EditArticleText(story, kicker="马上要"), wait=False)
    held.release()
    session.push(EditArticleText(story, kicker="马上要"), wait=False)
    assert session.unsaved == 0 and on_disk(library.path, story) == "可以等"
