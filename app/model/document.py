"""An issue loaded whole from the library: what composition and export read, with the damage met in its rows."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from app.model import Article, Frame, Issue, Page, Publication
from app.model.damage import Damage
from app.model.style import DEFAULT_STYLE_SHEET, StyleSheet


@dataclass
class IssueDoc:
    publication: Publication
    issue: Issue
    pages: list[Page]
    articles: dict[int, Article]
    frames: dict[int, list[Frame]] = field(default_factory=dict)  # page id → frames
    # Bad fields met while loading (app/model/validate.py): rows repaired or left out, each
    # one line for preflight and the window to show. Empty for a sound library.
    damaged: list[Damage] = field(default_factory=list)
    style: StyleSheet = DEFAULT_STYLE_SHEET  # the paper's house style, stored in the library

    @classmethod
    def load(cls, library: Any, cumulative: int) -> IssueDoc:
        """The issue whole; damaged rows are repaired or left out and listed in `damaged`."""
        damaged: list[Damage] = []
        publication = library.publication(damaged)
        issue = library.issue_by_number(cumulative, damaged)
        pages = library.pages(issue.id, damaged)
        doc = cls(
            publication=publication,
            issue=issue,
            pages=pages,
            articles={a.id: a for a in library.articles(issue.id, damaged)},
            frames={p.id: library.frames(p.id, damaged) for p in pages},
            style=library.house_style(damaged),
        )
        doc.damaged = [doc._placed(d) for d in damaged]
        return doc

    def reload(self, library: Any) -> None:
        """Read the issue again, in place (inside a transaction: what another desk committed
        since this was loaded, before changing it)."""
        fresh = IssueDoc.load(library, self.issue.cumulative_number)
        self.publication, self.issue, self.pages = fresh.publication, fresh.issue, fresh.pages
        self.articles, self.frames, self.damaged = fresh.articles, fresh.frames, fresh.damaged
        self.style = fresh.style

    def _placed(self, damage: Damage) -> Damage:
        """The damage with the page (版序) it is on: a frame's page, a story's first frame's."""
        numbers = {p.id: p.number for p in self.pages}
        if damage.table == "frames":
            return replace(damage, page=numbers.get(damage.page_id))  # type: ignore[arg-type]
        if damage.table == "articles" and isinstance(damage.row_id, int):
            shown = [f for fs in self.frames.values() for f in fs if f.article_id == damage.row_id]
            if shown:
                first = min(shown, key=lambda f: (f.thread_index, numbers.get(f.page_id, 0)))  # type: ignore[arg-type]
                return replace(damage, page=numbers.get(first.page_id), frame_id=first.id)  # type: ignore[arg-type]
        return damage

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
