"""Re-composition after an edit: takes an IssueDoc, a Change and the composer, gives the pages the edit touched, composed again.

Only the touched pages are composed, each exactly as a whole-issue composition would give it:
a story on a touched page is flowed through its whole thread (the frames of its other pages
come along, nothing else of them), and a teaser brings its story's thread for 详见N版.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.compose.issue import IssueComposer
from app.edit.session import Change
from app.model.document import IssueDoc
from layouts.display import ComposedPage
from layouts.wrap import WRAP


def affected_pages(doc: IssueDoc, change: Change) -> set[int]:
    """Page ids to compose again: the pages the change named, every page of a touched
    story's thread (its jump lines and the text flowing on), and pages of its teasers."""
    if change.everything:
        return {p.id for p in doc.pages if p.id is not None}
    known = {p.id for p in doc.pages}
    pages = {p for p in change.pages if p in known}
    # A frame moved on a page changes how the stories there flow around its wrap (绕排), and
    # what they carry on to their other pages.
    stories = {f.article_id for p in pages for f in doc.frames.get(p, []) if f.kind == "article"}
    for article_id in stories:
        pages |= {f.page_id for f in doc.thread(article_id) if f.page_id is not None}  # type: ignore[arg-type]
    for article_id in change.articles:
        pages |= {f.page_id for f in doc.thread(article_id) if f.page_id is not None}
        for page_id, frames in doc.frames.items():
            if any(f.kind == "teaser" and f.article_id == article_id for f in frames):
                pages.add(page_id)
    return pages


def compose_pages(
    composer: IssueComposer, doc: IssueDoc, page_ids: Iterable[int]
) -> dict[int, ComposedPage]:
    """The pages `page_ids` composed (page id → page), as IssueComposer.compose(doc) would."""
    wanted = set(page_ids)
    if not wanted:
        return {}
    stories = {
        f.article_id
        for pid in wanted
        for f in doc.frames.get(pid, [])
        if f.article_id is not None and f.kind in ("article", "teaser")
    }
    frames = {pid: list(doc.frames.get(pid, [])) for pid in wanted}
    for article_id in stories:
        for f in doc.thread(article_id):  # type: ignore[arg-type]
            if f.page_id not in wanted:
                frames.setdefault(f.page_id, []).append(f)  # type: ignore[index]
    for pid in set(frames) - wanted:  # the text there flows around those pages' wraps too
        frames[pid] += [
            f for f in doc.frames.get(pid, []) if f.props.get(WRAP) and f not in frames[pid]
        ]
    part = IssueDoc(
        publication=doc.publication,
        issue=doc.issue,
        pages=[p for p in doc.pages if p.id in frames],
        articles=doc.articles,
        frames=frames,
        style=doc.style,
    )
    by_number = {p.number: p.id for p in part.pages}
    return {
        by_number[c.number]: c
        for c in composer.compose(part)
        if by_number[c.number] in wanted  # type: ignore[operator]
    }
