"""Live desks without Qt: a desk's watcher hears what another desk committed (frames, text, marks, sign-offs, new issues) and the editor reads just that again; its own edits it does not hear."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from app.compose.issue import IssueComposer
from app.edit.editor import EditorChange, IssueEditor
from app.edit.issues import create_next_issue
from app.edit.live import LibraryWatcher, Remote
from app.edit.session import Change
from app.model.document import IssueDoc
from app.model.proof import PageSignoff, now
from app.sample.issue import SAMPLE_ISSUE
from app.store import Library
from tests.app.desk_helpers import sample_at


@pytest.fixture
def desks(
    new_library: str, composer: IssueComposer
) -> Iterator[tuple[Library, IssueEditor, LibraryWatcher]]:
    """Two desks on the sample issue, in a file and then on a server."""
    path = sample_at(new_library)
    with Library.open(path) as a, Library.open(path) as b:
        a.person, b.person = "甲", "乙"
        editor = IssueEditor(b, IssueDoc.load(b, SAMPLE_ISSUE), composer)
        yield a, editor, LibraryWatcher(editor)


def test_nothing_happened(desks: tuple[Library, IssueEditor, LibraryWatcher]) -> None:
    _, _, watcher = desks
    assert not watcher.poll() and not watcher.poll()


def test_a_frame_moved_on_another_desk_shows_here(
    desks: tuple[Library, IssueEditor, LibraryWatcher],
) -> None:
    a, b, watcher = desks
    page = b.doc.pages[1]
    frame = next(f for f in b.doc.frames[page.id] if f.kind == "article")  # type: ignore[index]
    a.update_frame(replace(a.frame(frame.id), y=frame.y + 24))  # type: ignore[arg-type]
    remote = watcher.poll()
    assert remote.change.pages == {page.id} and remote.people == ("甲",)
    heard: list[EditorChange] = []
    b.subscribe(heard.append)
    b.take_remote(remote.change)
    assert b.frame(frame.id).y == frame.y + 24 and b.frame(frame.id).version == 2  # type: ignore[arg-type]
    [event] = heard
    assert event.remote and 1 in event.pages
    assert not watcher.poll()


def test_text_marks_signoffs_and_new_issues(
    desks: tuple[Library, IssueEditor, LibraryWatcher],
) -> None:
    a, b, watcher = desks
    story = next(iter(b.doc.articles.values()))
    a.update_article(replace(a.article(story.id), headline="甲改的标题"))  # type: ignore[arg-type]
    assert watcher.poll().change == Change.of(articles=(story.id,))
    page_id = b.doc.pages[0].id
    a.add_signoff(PageSignoff(page_id, "初审", "甲", now()))  # type: ignore[arg-type]
    remote = watcher.poll()
    assert remote.change.proof and page_id in remote.change.pages
    new = create_next_issue(a, SAMPLE_ISSUE)
    remote = watcher.poll()
    assert remote.new_issues == (new.id,) and remote.change == Change()  # not this issue's rows


def test_a_story_imported_elsewhere_joins_the_bin(
    desks: tuple[Library, IssueEditor, LibraryWatcher],
) -> None:
    a, b, watcher = desks
    from app.model import Article

    story = a.add_article(Article("甲的新稿", ["正文。"], issue_id=b.doc.issue.id))
    b.take_remote(watcher.poll().change)
    assert story.id in {s.id for s in b.bin()}


def test_own_edits_are_not_heard(desks: tuple[Library, IssueEditor, LibraryWatcher]) -> None:
    a, b, watcher = desks
    frame = next(f for f in b.doc.frames[b.doc.pages[1].id] if f.kind == "article")  # type: ignore[index]
    b.move_frame(frame.id, frame.x, frame.y + 24)  # type: ignore[arg-type]
    a.update_article(replace(a.article(frame.article_id), headline="甲"))  # type: ignore[arg-type]
    assert watcher.poll().change == Change.of(articles=(frame.article_id,))


def test_a_desk_behind_the_log_reloads_everything(
    desks: tuple[Library, IssueEditor, LibraryWatcher],
) -> None:
    a, _, watcher = desks
    if watcher.fileno() is not None:
        # On a server the notifications name the rows, whatever the log kept: this desk
        # must also have lost its line to the server (what it missed is unknown).
        a.db.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE application_name = 'banmian-listen' AND datname = current_database()"
        )
    story = a.articles(a.issue_by_number(SAMPLE_ISSUE).id)[0]  # type: ignore[arg-type]
    a.update_article(replace(story, headline="甲"))
    with a.transaction():
        a.db.execute("DELETE FROM changes")  # the log forgot (pruned past this desk)
        a.update_article(replace(a.article(story.id), headline="甲又改"))  # type: ignore[arg-type]
    remote = watcher.poll()
    assert remote.change.everything and remote.people == ("甲",)


def test_remotes_add_up() -> None:
    one = Remote(Change.of((1,)), people=("甲",))
    two = Remote(Change.of(articles=(5,)), checkouts=True, people=("乙", "甲"))
    both = one | two
    assert both.change == Change.of((1,), (5,)) and both.checkouts
    assert both.people == ("甲", "乙")
