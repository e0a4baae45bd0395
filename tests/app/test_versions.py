"""No lost updates: two desks (two Library connections) on one library, a file or a server — row versions, the change log, stale writes refused, undo that will not take back another desk's change."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from app.edit.commands import EditArticleText, MoveFrame
from app.edit.session import EditSession
from app.model import Article
from app.sample.issue import SAMPLE_ISSUE
from app.store import Library, LibraryConflict
from tests.app.desk_helpers import raw_write, sample_at


@pytest.fixture
def path(new_library: str) -> str:
    """The sample issue in a file, then on a server (the same tests, both backends)."""
    return sample_at(new_library)


@pytest.fixture
def desks(path: str) -> Iterator[tuple[Library, Library]]:
    """Two desks on one library, worked by 甲 and 乙."""
    with Library.open(path) as a, Library.open(path) as b:
        a.person, b.person = "甲", "乙"
        yield a, b


def first_story(lib: Library) -> Article:
    return lib.articles(lib.issue_by_number(SAMPLE_ISSUE).id)[0]  # type: ignore[arg-type]


def test_rows_carry_versions_that_every_write_moves(
    path: str, desks: tuple[Library, Library]
) -> None:
    a, b = desks
    story = first_story(a)
    assert story.version == 1
    saved = a.update_article(replace(story, headline="新标题"))
    assert saved.version == 2 and b.article(story.id).version == 2  # type: ignore[arg-type]
    # A program that writes without knowing of versions still moves them (a trigger).
    raw_write(path, "UPDATE articles SET rank = 7 WHERE id = ?", [story.id])
    assert b.article(story.id).version == 3  # type: ignore[arg-type]


def test_a_write_from_a_stale_version_is_refused_and_names_who(
    desks: tuple[Library, Library],
) -> None:
    a, b = desks
    seen_by_b = first_story(b)
    a.update_article(replace(first_story(a), paragraphs=[*seen_by_b.paragraphs, "甲加的段落。"]))
    with pytest.raises(LibraryConflict) as caught:
        b.update_article(replace(seen_by_b, headline="乙改的标题"))
    assert caught.value.by == "甲" and (caught.value.expected, caught.value.found) == (1, 2)
    assert "甲" in str(caught.value) and "\n" not in str(caught.value)
    kept = first_story(b)
    assert kept.paragraphs[-1] == "甲加的段落。" and kept.headline == seen_by_b.headline


def test_the_change_log_says_what_changed_where_and_by_whom(
    desks: tuple[Library, Library],
) -> None:
    a, b = desks
    mark = b.last_change()
    story = first_story(a)
    frame = a.frames_of_article(story.id)[0]  # type: ignore[arg-type]
    with a.transaction():
        a.command = "移动版框"
        a.update_frame(replace(frame, y=frame.y + 12))
        a.update_article(replace(story, headline="改"))
    changes = b.changes_since(mark)
    assert [(c.table, c.row_id, c.op, c.version) for c in changes] == [
        ("frames", frame.id, "UPDATE", 2),
        ("articles", story.id, "UPDATE", 2),
    ]
    assert {(c.desk, c.person, c.command) for c in changes} == {(a.desk_id, "甲", "移动版框")}
    assert changes[0].page_id == frame.page_id and changes[0].issue_id == story.issue_id
    assert b.changes_since(changes[-1].seq) == []


def test_a_desk_hears_other_desks_commits_not_its_own(desks: tuple[Library, Library]) -> None:
    a, b = desks
    heard_a, heard_b = a.changes(), b.changes()
    a.update_article(replace(first_story(a), headline="甲的标题"))
    assert not heard_a.poll() and heard_b.poll() and not heard_b.poll()


def test_desk_b_typing_from_the_old_text_keeps_desk_as_paragraph(
    desks: tuple[Library, Library],
) -> None:
    """The issue's own case, as commands: B's text started before A's paragraph; B's save is
    refused as stale — it never silently wins."""
    a, b = desks
    old = first_story(b)
    EditSession(a).push(EditArticleText(old.id, paragraphs=[*old.paragraphs, "甲加的段落。"]))  # type: ignore[arg-type]
    typed = [old.paragraphs[0] + "乙补的一句。", *old.paragraphs[1:]]
    with pytest.raises(LibraryConflict):
        EditSession(b).push(EditArticleText(old.id, base=old.version, paragraphs=typed))  # type: ignore[arg-type]
    assert first_story(b).paragraphs[-1] == "甲加的段落。"


def test_own_waiting_edits_are_not_a_conflict(desks: tuple[Library, Library]) -> None:
    """Two moves of a frame shown ahead of the library (both from version 1, as a preview
    shows them while the library is held) are both saved: only other desks make a write
    stale."""
    a, _ = desks
    frame = a.frames_of_article(first_story(a).id)[0]  # type: ignore[arg-type]
    session = EditSession(a)
    session.push(MoveFrame(frame.id, frame.x, frame.y + 12, base=frame.version))  # type: ignore[arg-type]
    session.seal()
    session.push(MoveFrame(frame.id, frame.x, frame.y + 24, base=frame.version))  # type: ignore[arg-type]
    assert a.frame(frame.id).y == frame.y + 24  # type: ignore[arg-type]


def test_undo_does_not_take_back_another_desks_change(desks: tuple[Library, Library]) -> None:
    a, b = desks
    story = first_story(a)
    session = EditSession(a)
    session.push(EditArticleText(story.id, headline="甲的标题"))  # type: ignore[arg-type]
    session.seal()
    session.push(EditArticleText(story.id, kicker="甲的引题"))  # type: ignore[arg-type]
    # 乙 changes the headline 甲's first step set; 甲's second step is untouched by it.
    b.update_article(replace(first_story(b), headline="乙的标题"))
    session.undo()  # 甲's kicker: only 甲 changed it, so it goes
    assert first_story(b).kicker == story.kicker
    with pytest.raises(LibraryConflict, match="乙"):
        session.undo()  # 甲's headline was replaced by 乙's: not taken back
    assert first_story(b).headline == "乙的标题"


def test_undo_of_a_move_after_another_desk_moved_it_is_refused(
    desks: tuple[Library, Library],
) -> None:
    a, b = desks
    frame = a.frames_of_article(first_story(a).id)[0]  # type: ignore[arg-type]
    session = EditSession(a)
    session.push(MoveFrame(frame.id, frame.x, frame.y + 12))  # type: ignore[arg-type]
    moved = b.frame(frame.id)  # type: ignore[arg-type]
    b.update_frame(replace(moved, y=moved.y + 24))
    with pytest.raises(LibraryConflict):
        session.undo()
    assert b.frame(frame.id).y == moved.y + 24  # type: ignore[arg-type]
    assert session.can_undo()  # still there: the desk can try again after looking


def test_undo_puts_back_only_what_the_step_changed(desks: tuple[Library, Library]) -> None:
    """甲 moved the frame down, 乙 then across: 甲's undo takes back the move down and keeps
    乙's move across."""
    a, b = desks
    frame = a.frames_of_article(first_story(a).id)[0]  # type: ignore[arg-type]
    session = EditSession(a)
    session.push(MoveFrame(frame.id, frame.x, frame.y + 12))  # type: ignore[arg-type]
    moved = b.frame(frame.id)  # type: ignore[arg-type]
    b.update_frame(replace(moved, x=moved.x + 30))
    session.undo()
    back = b.frame(frame.id)  # type: ignore[arg-type]
    assert (back.x, back.y) == (frame.x + 30, frame.y)


def test_the_log_names_each_edit_and_its_undo(desks: tuple[Library, Library]) -> None:
    a, b = desks
    mark = b.last_change()
    frame = a.frames_of_article(first_story(a).id)[0]  # type: ignore[arg-type]
    session = EditSession(a)
    session.push(MoveFrame(frame.id, frame.x, frame.y + 12))  # type: ignore[arg-type]
    session.undo()
    logged = [(c.command, c.person) for c in b.changes_since(mark)]
    assert logged == [("移动版框", "甲"), ("撤销 移动版框", "甲")]
