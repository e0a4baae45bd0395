"""自动组版 on one page through the edit session: proposals read the library once and store nothing; applying one is one undo step whose undo puts back exactly the frames, threads and bin that were there."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from app.edit.commands import PlaceArticle
from app.edit.editor import IssueEditor
from app.edit.issues import create_next_issue
from app.edit.page_makeup import ApplyMakeup, propose, read_job, worker_composer
from app.edit.session import EditSession
from app.errors import UserError
from app.model.document import IssueDoc
from app.sample.issue import SAMPLE_ISSUE
from app.store import Library
from layouts.grid import GRIDS
from tests.sample_helpers import sample_library


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    """The issue after the sample, the sample's stories waiting in its bin."""
    with sample_library(tmp_path) as lib:
        issue = create_next_issue(lib, SAMPLE_ISSUE)
        for a in lib.articles(lib.issue_by_number(SAMPLE_ISSUE).id):  # type: ignore[arg-type]
            lib.add_article(replace(a, id=None, issue_id=issue.id, status="draft"))
        yield lib


NUMBER = SAMPLE_ISSUE + 1


def page_id(lib: Library, number: int) -> int:
    doc = IssueDoc.load(lib, NUMBER)
    return doc.pages[number - 1].id  # type: ignore[return-value]


def state(lib: Library, page: int) -> tuple:
    """What undo must give back: the page's frames (ids and all), every story's thread and
    status, and the bin."""
    doc = IssueDoc.load(lib, NUMBER)
    threads = {a.id: [f.id for f in doc.thread(a.id)] for a in doc.articles.values()}  # type: ignore[arg-type]
    statuses = {a.id: a.status for a in doc.articles.values()}
    return lib.frames(page), threads, statuses, [a.id for a in doc.unplaced()]


def test_proposals_read_the_library_once_and_store_nothing(library: Library, composer) -> None:
    page = page_id(library, 2)
    job = read_job(library, NUMBER, page)
    before = state(library, page)
    library.close()  # proposing needs no library: it may run on another thread
    found = propose(job, worker_composer(composer))
    assert len(found) == 3
    assert [p.rank for p in found] == [1, 2, 3]
    assert [p.score for p in found] == sorted(p.score for p in found)
    with Library.open(library.path) as again:
        assert state(again, page) == before
    for p in found:
        stories = {str(f.article_id) for f in p.frames if f.kind == "article"}
        assert stories == {pl.story for pl in p.proposal.placements}
        assert p.traits.stories == len(stories) and p.page.number == 2
        # the thumbnail is the page with these stories set on it, headlines and all
        text = p.page.text()
        assert all(job.doc.articles[int(s)].headline[:4] in text for s in stories)
        assert p.terms and all(v > 0 for _, v in p.terms)


def test_applying_is_one_step_undone_exactly_and_redone_under_the_same_ids(
    library: Library, composer
) -> None:
    page = page_id(library, 3)
    session = EditSession(library)
    before = state(library, page)
    job = read_job(library, NUMBER, page)
    chosen = propose(job, composer)[1]
    session.push(ApplyMakeup(job, chosen))
    assert session.depth() == (1, 0) and session.undo_label() == "自动组版"
    stored = library.frames(page)
    pg = GRIDS[job.doc.publication.page_format]()
    placed = {
        (str(f.article_id), round((f.x - pg.type_left) / (pg.column_width + pg.gutter)), f.columns)
        for f in stored
        if f.kind == "article"
    }
    assert placed == {(p.story, p.rect.col, p.span) for p in chosen.proposal.placements}
    assert [(f.kind, f.x, f.y, f.w, f.h) for f in stored] == [
        (f.kind, f.x, f.y, f.w, f.h) for f in chosen.frames
    ]
    for f in stored:
        if f.kind == "article":
            assert library.article(f.article_id).status == "placed"  # type: ignore[arg-type]
    after = state(library, page)

    session.undo()
    assert state(library, page) == before  # frames, threads, statuses, the bin
    session.redo()
    assert state(library, page) == after  # the same frames under the same ids


def test_hand_placed_stories_are_kept_or_made_up_again(library: Library, composer) -> None:
    page = page_id(library, 2)
    session = EditSession(library)
    doc = IssueDoc.load(library, NUMBER)
    story = doc.unplaced()[-1]
    grid = GRIDS[doc.publication.page_format]()
    session.push(PlaceArticle(story.id, page, grid, 4, 2, grid.type_bottom - 200, 12))  # type: ignore[arg-type]
    (hand,) = library.frames(page)

    kept = read_job(library, NUMBER, page, keep=True)
    assert kept.removed == () and kept.before == (hand,)
    for p in propose(kept, composer, k=1):
        assert str(story.id) not in {pl.story for pl in p.proposal.placements}
        for f in p.frames:  # worked around: nothing overlaps the hand-placed frame
            w = min(f.x + f.w, hand.x + hand.w) - max(f.x, hand.x)
            h = min(f.y + f.h, hand.y + hand.h) - max(f.y, hand.y)
            assert w <= 0.5 or h <= 0.5

    before = state(library, page)
    again = read_job(library, NUMBER, page, keep=False)
    assert again.removed == (hand,) and story.id in {a.id for a in again.doc.unplaced()}
    chosen = propose(again, composer, k=1)[0]
    session.push(ApplyMakeup(again, chosen))
    assert hand not in library.frames(page)  # (its id may be taken again: SQLite reuses it)
    placed = {f.article_id for f in library.frames(page) if f.kind == "article"}
    # off the page and not placed again, the story is back in the bin, as after a delete
    assert story.id in placed or library.article(story.id).status == "edited"  # type: ignore[arg-type]
    session.undo()
    assert state(library, page) == before and library.frames(page) == [hand]


def test_a_page_changed_after_the_proposals_is_refused_and_nothing_changes(
    library: Library, composer
) -> None:
    page = page_id(library, 4)
    session = EditSession(library)
    job = read_job(library, NUMBER, page)
    chosen = propose(job, composer, k=1)[0]
    # another desk places one of the proposal's stories meanwhile
    story = int(next(f.article_id for f in chosen.frames if f.kind == "article"))  # type: ignore[arg-type]
    other = page_id(library, 5)
    grid = GRIDS[job.doc.publication.page_format]()
    session.push(PlaceArticle(story, other, grid, 0, 2, grid.type_top, 10))
    before = state(library, page), session.depth()
    with pytest.raises(UserError, match="第4版"):
        session.push(ApplyMakeup(job, chosen))
    assert (state(library, page), session.depth()) == before


def test_the_editor_pushes_it_and_shows_the_page_and_bin_again(library: Library, composer) -> None:
    editor = IssueEditor(library, IssueDoc.load(library, NUMBER), composer)
    bin_before = [a.id for a in editor.bin()]
    job = editor.makeup_job(1)
    chosen = propose(job, worker_composer(composer), k=1)[0]  # as the window's worker does
    heard = []
    editor.subscribe(heard.append)
    editor.apply_makeup(job, chosen)
    stories = {f.article_id for f in chosen.frames if f.kind == "article"}
    assert heard and 1 in heard[-1].pages
    assert not stories & {a.id for a in editor.bin()}
    # the page now composes (with the editor's composer) as its thumbnail showed it, set by
    # the worker's own composer: the same lines, nothing overset
    shown = editor.composed_page(1)
    assert {editor.owner(f) for f in editor.doc.frames[job.page_id]} <= {
        fi.id for fi in shown.frames
    }
    assert shown.text() == chosen.page.text()
    assert not [f for f in shown.findings if f.kind == "overset"]
    editor.session.undo()
    assert [a.id for a in editor.bin()] == bin_before
    assert editor.doc.frames[job.page_id] == []
