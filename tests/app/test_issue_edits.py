"""Issue edits: properties (date, page count, colour pages, sections) as one undoable step that keeps page and frame ids; what an issue holds; deleting an issue only when it is unused or the desk insists."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.edit.issue_props import IssueProperties, SetIssueProperties
from app.edit.issues import create_next_issue, delete_issue, issue_contents
from app.edit.session import EditSession
from app.errors import UserError
from app.model import Issue
from app.proof.signoff import sign
from app.sample.issue import SAMPLE_ISSUE
from app.store import Library


@pytest.fixture
def fresh(library: Library) -> Issue:
    """Issue 1810 as next-issue makes it: sections and standing furniture, no stories."""
    return create_next_issue(library, SAMPLE_ISSUE)


def state(library: Library, issue: Issue) -> tuple:
    """Everything the properties touch, with ids: the issue row, its pages and their frames."""
    pages = library.pages(issue.id)  # type: ignore[arg-type]
    return (
        library.issue(issue.id),  # type: ignore[arg-type]
        pages,
        [library.frames(p.id) for p in pages],  # type: ignore[arg-type]
    )


def test_more_pages_a_new_date_and_colour_undone_and_redone(library: Library, fresh: Issue) -> None:
    session = EditSession(library)
    before = state(library, fresh)
    sections = (*IssueProperties.of(library, fresh).sections, "体育", "文艺", "副刊", "专版")
    props = IssueProperties(date(2019, 4, 29), 12, frozenset({1, 3, 12}), sections)
    session.push(SetIssueProperties(fresh.id, props))  # type: ignore[arg-type]
    issue = library.issue(fresh.id)  # type: ignore[arg-type]
    assert (issue.date, issue.page_count, issue.colour_pages) == (
        date(2019, 4, 29),
        12,
        frozenset({1, 3, 12}),
    )
    pages = library.pages(fresh.id)  # type: ignore[arg-type]
    assert [p.number for p in pages] == list(range(1, 13))
    assert tuple(p.section for p in pages) == sections
    after = state(library, fresh)
    session.undo()
    assert state(library, fresh) == before
    session.redo()
    assert state(library, fresh) == after  # the added pages come back under their ids


def test_fewer_pages_take_their_frames_and_undo_gives_them_back(
    library: Library, fresh: Issue
) -> None:
    session = EditSession(library)
    pages = library.pages(fresh.id)  # type: ignore[arg-type]
    library.update_page(replace(pages[5], section="专版"))
    kept = library.frames(pages[0].id)[0]  # type: ignore[arg-type]
    library.add_frame(replace(kept, id=None, page_id=pages[6].id))  # furniture on page 7
    before = state(library, fresh)
    props = IssueProperties(
        fresh.date, 4, frozenset({1, 4}), IssueProperties.of(library, fresh).sections[:4]
    )
    session.push(SetIssueProperties(fresh.id, props))  # type: ignore[arg-type]
    assert [p.number for p in library.pages(fresh.id)] == [1, 2, 3, 4]  # type: ignore[arg-type]
    session.undo()
    assert state(library, fresh) == before


@pytest.mark.parametrize(
    ("change", "refusal"),
    [
        ({"page_count": 6}, "4、8、12或16"),
        ({"page_count": 12}, "版名"),  # four new pages without a section
        ({"colour_pages": frozenset({9})}, "彩色版"),
        ({"date": date(2019, 4, 25)}, "不在前后两期之间"),  # the day of 1809
        ({"page_count": 4}, "第5版已有稿件"),  # the sample's page 5 holds stories
    ],
)
def test_what_the_paper_cannot_have_is_refused_and_nothing_changes(
    library: Library, fresh: Issue, change: dict, refusal: str
) -> None:
    session = EditSession(library)
    target = library.issue_by_number(SAMPLE_ISSUE) if refusal.startswith("第5版") else fresh
    props = replace(IssueProperties.of(library, target), **change)
    if "page_count" in change and change["page_count"] == 4:
        props = replace(props, sections=props.sections[:4], colour_pages=frozenset({1}))
    before = state(library, target)
    with pytest.raises(UserError, match=refusal):
        session.push(SetIssueProperties(target.id, props))  # type: ignore[arg-type]
    assert state(library, target) == before and session.depth() == (0, 0)


def test_an_unused_issue_goes_at_once_a_used_one_only_when_insisted(
    library: Library, fresh: Issue
) -> None:
    contents = issue_contents(library, fresh.cumulative_number)
    assert not contents.used and contents.placed == [] and contents.signoffs == 0
    page = library.pages(fresh.id)[1]  # type: ignore[arg-type]
    sign(library, page.id, "初审", "张编辑")  # type: ignore[arg-type]
    used = issue_contents(library, fresh.cumulative_number)
    assert used.used and used.signoffs == 1
    with pytest.raises(UserError, match="已有稿件上版、校次或签字"):
        delete_issue(library, fresh.cumulative_number)
    assert library.issue_by_number(fresh.cumulative_number).id == fresh.id
    gone = delete_issue(library, fresh.cumulative_number, used_too=True)
    assert gone.signoffs == 1
    assert [i.cumulative_number for i in library.issues()] == [SAMPLE_ISSUE]
    assert library.signoffs(page.id) == []  # type: ignore[arg-type]  # with its pages
    sample = issue_contents(library, SAMPLE_ISSUE)
    assert len(sample.placed) > 10  # the sample's stories, by headline
    with pytest.raises(UserError, match="唯一的一期"):
        delete_issue(library, SAMPLE_ISSUE, used_too=True)
