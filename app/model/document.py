"""An issue loaded whole from the library: what composition and export read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.model import Article, Frame, Issue, Page, Publication


@dataclass
class IssueDoc:
    publication: Publication
    issue: Issue
    pages: list[Page]
    articles: dict[int, Article]
    frames: dict[int, list[Frame]] = field(default_factory=dict)  # page id → frames

    @classmethod
    def load(cls, library: Any, cumulative: int) -> IssueDoc:
        issue = library.issue_by_number(cumulative)
        pages = library.pages(issue.id)
        return cls(
            publication=library.publication(),
            issue=issue,
            pages=pages,
            articles={a.id: a for a in library.articles(issue.id)},
            frames={p.id: library.frames(p.id) for p in pages},
        )

    def page_number(self, page_id: int | None) -> int:
        for p in self.pages:
            if p.id == page_id:
                return p.number
        raise KeyError(page_id)

    def thread(self, article_id: int) -> list[Frame]:
        """The article frames showing an article, in thread order."""
        frames = [
            f
            for fs in self.frames.values()
            for f in fs
            if f.kind == "article" and f.article_id == article_id
        ]
        return sorted(frames, key=lambda f: (f.thread_index, self.page_number(f.page_id)))

    def unplaced(self) -> list[Article]:
        """The article bin: articles no frame shows yet, in rank order."""
        shown = {f.article_id for fs in self.frames.values() for f in fs if f.article_id}
        return sorted(
            (a for a in self.articles.values() if a.id not in shown),
            key=lambda a: (a.rank or 99, a.id or 0),
        )
