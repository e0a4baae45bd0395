"""Named revisions: takes a Library and an issue, gives a JSON-ready snapshot of its articles and frames, and puts one back."""

from __future__ import annotations

import dataclasses
from typing import Any

from app.edit.marks import follow_text_edit
from app.model import Article, Frame
from app.store import Library, LibraryError
from app.store.revisions import Revision

__all__ = ["SNAPSHOT_VERSION", "Revision", "apply_snapshot", "take_snapshot"]

SNAPSHOT_VERSION = 1


def take_snapshot(library: Library, issue_id: int) -> dict[str, Any]:
    """The issue's articles and the frames of its pages, as plain JSON values (ids kept)."""
    frames = [f for page in library.pages(issue_id) for f in library.frames(page.id)]  # type: ignore[arg-type]
    return {
        "version": SNAPSHOT_VERSION,
        "articles": [_content(a) for a in library.articles(issue_id)],
        "frames": [_content(f) for f in frames],
    }


def _content(row: Article | Frame) -> dict[str, Any]:
    """A row's fields without its version: a revision holds content (restoring one rebases
    each row on the version it finds)."""
    fields = dataclasses.asdict(row)
    del fields["version"]
    return fields


def _frames(snapshot: dict[str, Any]) -> list[Frame]:
    return [Frame(**f) for f in snapshot.get("frames", [])]


def _articles(snapshot: dict[str, Any]) -> list[Article]:
    return [Article(**a) for a in snapshot.get("articles", [])]


def apply_snapshot(
    library: Library,
    issue_id: int,
    snapshot: dict[str, Any],
    *,
    prune: bool = False,
    follow_marks: bool = True,
) -> int:
    """Make the issue's frames and the text of its stories what `snapshot` holds, in one
    transaction.

    Stories written since the snapshot stay in the bin (their frames go) unless `prune`, which
    deletes them too: an undo must give back exactly the state before. Rows keep their ids, so
    proof marks on a story stay linked to it. Pages are not part of a snapshot: frames of a
    page the issue no longer has are skipped; their count is returned. A row whose id was
    taken since by another issue comes back under a new id.
    """
    if snapshot.get("version") != SNAPSHOT_VERSION:
        raise ValueError(f"unknown revision snapshot version {snapshot.get('version')!r}")
    page_ids = {p.id for p in library.pages(issue_id)}
    wanted_articles = {a.id: dataclasses.replace(a, issue_id=issue_id) for a in _articles(snapshot)}
    wanted_frames = [f for f in _frames(snapshot) if f.page_id in page_ids]
    skipped = len(snapshot.get("frames", [])) - len(wanted_frames)
    with library.transaction():
        current_articles = {a.id: a for a in library.articles(issue_id)}
        current_frames = {f.id: f for pid in page_ids for f in library.frames(pid)}  # type: ignore[arg-type]
        keep = {f.id for f in wanted_frames}
        for frame_id in current_frames.keys() - keep:
            library.delete_frame(frame_id)  # type: ignore[arg-type]
        new_ids: dict[int | None, int | None] = {}
        for old_id, article in wanted_articles.items():
            new_ids[old_id] = old_id
            if old_id in current_articles:
                current = current_articles[old_id]
                if current != article:  # a deliberate overwrite: rebased on what is there
                    library.update_article(dataclasses.replace(article, version=current.version))
                    if follow_marks:  # as a text edit would: marks on changed text are fixed
                        follow_text_edit(
                            library, old_id, current.paragraphs, article.paragraphs
                        ).apply(library)
            elif _free(library, "articles", old_id):
                library.restore_article(article)
            else:
                new_ids[old_id] = library.add_article(dataclasses.replace(article, id=None)).id
        for frame in wanted_frames:
            frame = dataclasses.replace(frame, article_id=new_ids.get(frame.article_id))
            if frame.id in current_frames:
                current_frame = current_frames[frame.id]
                if current_frame != frame:
                    library.update_frame(dataclasses.replace(frame, version=current_frame.version))
            elif _free(library, "frames", frame.id):
                library.restore_frame(frame)
            else:
                library.add_frame(dataclasses.replace(frame, id=None))
        for article_id in current_articles.keys() - wanted_articles.keys():
            if prune:
                library.delete_article(article_id)  # type: ignore[arg-type]
            elif current_articles[article_id].status == "placed":
                article = current_articles[article_id]
                library.update_article(dataclasses.replace(article, status="edited"))
    return skipped


def _free(library: Library, table: str, row_id: int | None) -> bool:
    """Whether no row of `table` has this id (one deleted since may be reused by SQLite)."""
    if row_id is None:
        return False
    try:
        library.article(row_id) if table == "articles" else library.frame(row_id)
    except LibraryError:
        return True
    return False
