"""The Library's editing rows (a mixin of Library): takes and gives named revisions, and puts deleted rows back under their own ids."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.model import Article, Frame, Page
from app.store import rows
from app.store.errors import LibraryError


@dataclass(frozen=True, slots=True)
class Revision:
    """A named state of an issue the desk can go back to (Ctrl+S); its snapshot is stored beside."""

    id: int
    issue_id: int
    name: str
    created_at: datetime
    person: str = ""  # who made it


class RevisionStore:
    """Named revisions (Ctrl+S) and id-keeping re-inserts for undo; every method is one transaction.

    Library supplies `_b` (the backend), `transaction()` and the `_insert/_get/_where/_needs/_with_id`
    helpers this mixin calls.
    """

    # -- named revisions --------------------------------------------------------------------

    def add_revision(
        self, issue_id: int, name: str, snapshot: dict[str, Any], at: datetime
    ) -> Revision:
        """Store a named snapshot of an issue (articles and frames, see app/edit/revisions.py)."""
        if not name.strip():
            raise LibraryError("版本需要名称 / a revision needs a name")
        row = {
            "issue_id": issue_id,
            "name": name.strip(),
            "created_at": at.isoformat(),
            "snapshot": rows.to_json(snapshot),
            "person": self.person,  # type: ignore[attr-defined]  # the desk's (library.py)
        }
        revision_id = self._insert("revisions", row)
        return Revision(revision_id, issue_id, row["name"], at, row["person"])

    def revisions(self, issue_id: int) -> list[Revision]:
        """The issue's named revisions, oldest first."""
        found = self._where("revisions", "issue_id = ?", [issue_id], "id")
        return [
            Revision(
                r["id"],
                r["issue_id"],
                r["name"],
                datetime.fromisoformat(r["created_at"]),
                r.get("person", ""),
            )
            for r in found
        ]

    def revision_snapshot(self, revision_id: int) -> dict[str, Any]:
        return json.loads(self._get("revisions", revision_id)["snapshot"])

    # -- putting rows back --------------------------------------------------------------------

    def restore_frame(self, frame: Frame) -> Frame:
        """Insert a frame under its own id: the undo of a delete keeps ids that later commands
        name, and the frame's place in the page's stacking order (frames stack by id)."""
        if frame.id is None:
            raise LibraryError("要恢复的版框没有编号 / the frame to restore has no id")
        self._needs(frame.page_id, "版框需要所属的版面 / a frame needs a page_id")
        # The version it had: the row comes back exactly as a desk may still show it.
        version = frame.version or 1
        with self.transaction():
            self._b.insert("frames", {"id": frame.id, **rows.frame_row(frame), "version": version})
        return dataclasses.replace(frame, version=version)

    def restore_page(self, page: Page) -> Page:
        """Insert a page under its own id (the undo of taking pages off an issue)."""
        if page.id is None:
            raise LibraryError("要恢复的版面没有编号 / the page to restore has no id")
        self._needs(page.issue_id, "版面需要所属的一期 / a page needs an issue_id")
        version = page.version or 1  # as restore_frame: the row comes back as it was shown
        with self.transaction():
            self._b.insert("pages", {"id": page.id, **rows.page_row(page), "version": version})
        return dataclasses.replace(page, version=version)

    def restore_article(self, article: Article) -> Article:
        """Insert an article under its own id (a revision that still had a deleted story)."""
        if article.id is None:
            raise LibraryError("要恢复的稿件没有编号 / the article to restore has no id")
        self._needs(article.issue_id, "稿件需要所属的一期 / an article needs an issue_id")
        version = article.version or 1  # as restore_frame
        with self.transaction():
            self._b.insert(
                "articles", {"id": article.id, **rows.article_row(article), "version": version}
            )
        return dataclasses.replace(article, version=version)
