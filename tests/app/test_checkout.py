"""Check-out (签出) with two desks on one library: who holds a page or a story, read-only for the others (the editor refuses at once, the library refuses any program), given back when the desk leaves, and let go when its process is killed and the lease runs out."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from app.compose.issue import IssueComposer
from app.edit.editor import IssueEditor
from app.model.document import IssueDoc
from app.sample.issue import SAMPLE_ISSUE
from app.store import Library, LibraryCheckedOut
from tests.app.desk_helpers import sample_at

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def path(new_library: str) -> str:
    """The sample issue in a file, then on a server (the same tests, both backends)."""
    return sample_at(new_library)


@pytest.fixture
def desks(path: Path, composer: IssueComposer) -> Iterator[tuple[IssueEditor, IssueEditor]]:
    with Library.open(path) as a, Library.open(path) as b:
        a.person, b.person = "甲", "乙"
        a.join()
        b.join()
        yield (
            IssueEditor(a, IssueDoc.load(a, SAMPLE_ISSUE), composer),
            IssueEditor(b, IssueDoc.load(b, SAMPLE_ISSUE), composer),
        )


def story_frame(editor: IssueEditor, index: int):
    page = editor.page(index)
    return next(f for f in editor.doc.frames[page.id] if f.kind == "article")  # type: ignore[index]


def test_a_page_checked_out_is_read_only_at_the_other_desk(
    desks: tuple[IssueEditor, IssueEditor],
) -> None:
    a, b = desks
    a.checkouts.take_page(1)
    b.checkouts.refresh()  # the watcher does this when the log says check-outs changed
    assert b.status(1).held_by == "甲" and a.status(1).held_by == ""
    frame = story_frame(b, 1)
    with pytest.raises(LibraryCheckedOut, match="第2版已由甲签出"):
        b.move_frame(frame.id, frame.x, frame.y + 24)  # type: ignore[arg-type]
    with pytest.raises(LibraryCheckedOut, match="甲"):
        b.edit_text(frame.article_id, headline="乙的标题")  # type: ignore[arg-type]
    assert b.frame(frame.id) == frame  # type: ignore[arg-type]  # nothing changed, nothing waits
    assert not b.session.unsaved and not b.session.can_undo()
    a.move_frame(frame.id, frame.x, frame.y + 24)  # type: ignore[arg-type]  # the holder may
    other = story_frame(b, 2)  # other pages are free
    b.move_frame(other.id, other.x, other.y + 24)  # type: ignore[arg-type]


def test_any_program_is_refused_by_the_library_itself(
    desks: tuple[IssueEditor, IssueEditor], path: Path
) -> None:
    a, _ = desks
    a.checkouts.take_page(1)
    frame = story_frame(a, 1)
    with Library.open(path) as cli:  # e.g. `banmian autofill` in a terminal
        with pytest.raises(LibraryCheckedOut, match="第2版（甲）") as caught:
            cli.update_frame(replace(cli.frame(frame.id), y=frame.y + 24))  # type: ignore[arg-type]
        assert "\n" not in str(caught.value)
        story = cli.article(frame.article_id)  # type: ignore[arg-type]
        with pytest.raises(LibraryCheckedOut):
            cli.update_article(replace(story, paragraphs=["改"]))
        cli.update_article(replace(story, status="approved"))  # not its text: allowed
        assert cli.frame(frame.id).y == frame.y  # type: ignore[arg-type]


def test_a_story_checked_out_keeps_its_text_but_not_its_frames(
    desks: tuple[IssueEditor, IssueEditor],
) -> None:
    a, b = desks
    frame = story_frame(a, 1)
    a.checkouts.take_story(frame.article_id)  # type: ignore[arg-type]
    b.checkouts.refresh()
    with pytest.raises(LibraryCheckedOut, match="稿件《.*》已由甲签出"):
        b.edit_text(frame.article_id, headline="乙的标题")  # type: ignore[arg-type]
    b.move_frame(frame.id, frame.x, frame.y + 24)  # type: ignore[arg-type]  # layout is free
    with pytest.raises(LibraryCheckedOut, match="已由甲签出"):
        b.checkouts.take_story(frame.article_id)  # type: ignore[arg-type]


def test_leaving_gives_everything_back(desks: tuple[IssueEditor, IssueEditor]) -> None:
    a, b = desks
    a.checkouts.take_page(1)
    a.library.leave()  # the window closes
    b.checkouts.refresh()
    assert b.status(1).held_by == ""
    taken = b.checkouts.take_page(1)
    assert taken.person == "乙" and b.checkouts.holds("page", taken.target_id)


def test_a_renamed_desk_shows_its_new_name(desks: tuple[IssueEditor, IssueEditor]) -> None:
    a, b = desks
    a.checkouts.take_page(1)
    a.library.rename("甲二")
    b.checkouts.refresh()
    assert b.status(1).held_by == "甲二"


def test_a_killed_desk_lets_go_when_its_lease_runs_out(path: Path) -> None:
    with Library.open(path) as b:
        b.person = "乙"
        b.join()
        b.set_lease(1.5)  # 30 s in the newsroom; every desk judges leases the same way
        page = b.pages(b.issue_by_number(SAMPLE_ISSUE).id)[1]  # type: ignore[arg-type]
        frame = b.frames(page.id)[0]  # type: ignore[arg-type]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        holder = subprocess.Popen(
            [sys.executable, "-m", "tests.app.checkout_holder", str(path), str(page.id)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=env,
        )
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
            time.sleep(2.0)  # longer than the lease: its heartbeats keep it
            [held] = [c for c in b.checkouts() if c.target_id == page.id]
            assert held.person == "丙"
            with pytest.raises(LibraryCheckedOut, match="丙"):
                b.update_frame(replace(frame, y=frame.y + 12))
        finally:
            holder.kill()  # kill -9: no goodbye, no check-in
            holder.wait()
        with pytest.raises(LibraryCheckedOut):  # still held until the lease runs out
            b.update_frame(replace(frame, y=frame.y + 12))
        time.sleep(1.7)
        assert b.checkouts() == []
        b.update_frame(replace(frame, y=frame.y + 12))
        assert b.check_out("page", page.id).person == "乙"
