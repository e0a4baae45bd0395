"""A read-only view of one composed issue, as the desktop shell consumes it (no Qt here)."""

from __future__ import annotations

from app.compose import IssueComposer
from app.document import IssueDoc
from app.store import Library
from layouts.display import ComposedPage


class LibraryIssueView:
    """An issue of a library, composed once; pages by index (0 = 第1版)."""

    def __init__(self, library: Library, doc: IssueDoc, composer: IssueComposer) -> None:
        self.library = library
        self.doc = doc
        self._pages = composer.compose(doc)

    @property
    def title(self) -> str:
        d = self.doc
        return f"{d.publication.name} {d.issue.date_zh} {d.issue.numbers_zh}"

    def page_labels(self) -> list[str]:
        return [f"{p.label_zh} {p.section}" for p in self.doc.pages]

    def composed_page(self, index: int) -> ComposedPage:
        return self._pages[index]

    def pages(self) -> list[ComposedPage]:
        return list(self._pages)

    def image(self, asset_id: str) -> bytes:
        return self.library.asset(asset_id).data
