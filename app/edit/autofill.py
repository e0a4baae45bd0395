"""Autofill: place bin articles on the pages' free space in rank order, threading the rest on.

Simple by design (it feeds benchmarks and turns any corpus into an exportable issue): each
article gets a full-width band below what is already on the page, as tall as its text needs;
what does not fit continues in a frame on the next page with free space.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.compose.issue import IssueComposer
from app.model import Article, Frame, Page
from app.model.document import IssueDoc
from app.store import Library
from layouts.grid import GRIDS, PageGrid

MIN_LINES = 6  # a band shorter than this is no place to start or continue a story


@dataclass
class AutofillReport:
    placed: list[str] = field(default_factory=list)
    continued: int = 0  # frames added to continue a story on a later page
    unplaced: list[str] = field(default_factory=list)
    pages_added: int = 0
    overset: int = 0


def free_top(doc: IssueDoc, page: Page, grid: PageGrid) -> float:
    """The first grid line below every frame already on the page."""
    bottom = max((f.y + f.h for f in doc.frames.get(page.id, [])), default=grid.type_top)
    y = grid.snap_y(max(bottom, grid.type_top))
    return y if y >= bottom - 1e-6 else y + grid.leading


def _lines_left(doc: IssueDoc, page: Page, grid: PageGrid) -> int:
    return int((grid.type_bottom - free_top(doc, page, grid)) // grid.leading)


class _Placer:
    def __init__(self, library: Library, doc: IssueDoc, composer: IssueComposer) -> None:
        self.library, self.doc, self.composer = library, doc, composer
        self.grid = GRIDS[doc.publication.page_format]()

    def overset_with(self, article: Article, frame: Frame) -> int:
        """Overset of the article's thread if `frame` (not yet stored) were its last frame."""
        frames = self.doc.frames.setdefault(frame.page_id, [])
        frames.append(frame)
        try:
            layout, _, _ = self.composer.layout_article(self.doc, article)
            return layout.overset
        finally:
            frames.remove(frame)

    def band(self, page: Page, article: Article, index: int, lines: int) -> Frame:
        g = self.grid
        return Frame(
            "article",
            g.type_left,
            free_top(self.doc, page, g),
            g.type_width,
            lines * g.leading,
            page_id=page.id,
            columns=g.columns,
            article_id=article.id,
            thread_index=index,
            id=-1 - index,  # provisional, for owner ids while measuring
        )

    def store(self, frame: Frame) -> None:
        frame.id = None
        stored = self.library.add_frame(frame)
        self.doc.frames.setdefault(stored.page_id, []).append(stored)

    def shortest_fit(self, page: Page, article: Article, index: int, most: int) -> int:
        """Fewest lines (≥ MIN_LINES) that hold the rest of the article, by bisection."""
        lo, hi = MIN_LINES, most
        while lo < hi:
            mid = (lo + hi) // 2
            if self.overset_with(article, self.band(page, article, index, mid)):
                lo = mid + 1
            else:
                hi = mid
        return lo


def autofill(
    library: Library, doc: IssueDoc, composer: IssueComposer, *, grow: bool = False
) -> AutofillReport:
    """Place every unplaced article; with `grow`, add pages when the issue runs out.

    One transaction: the issue is read again once the write lock is ours, so a second autofill
    (another desk, another process) places its frames below the first one's, never on them;
    `doc` is updated in place to what was stored."""
    with library.transaction():
        doc.reload(library)
        return _autofill(library, doc, composer, grow)


def _autofill(
    library: Library, doc: IssueDoc, composer: IssueComposer, grow: bool
) -> AutofillReport:
    report = AutofillReport()
    placer = _Placer(library, doc, composer)
    grid = placer.grid
    pi = 0
    for article in doc.unplaced():
        index = 0
        while True:
            while pi < len(doc.pages) and _lines_left(doc, doc.pages[pi], grid) < MIN_LINES:
                pi += 1
            if pi == len(doc.pages):
                if not grow:
                    break
                _add_page(library, doc)
                report.pages_added += 1
            page = doc.pages[pi]
            most = _lines_left(doc, page, grid)
            full = placer.band(page, article, index, most)
            if placer.overset_with(article, full) == 0:
                lines = placer.shortest_fit(page, article, index, most)
                placer.store(placer.band(page, article, index, lines))
                report.continued += index > 0
                break
            placer.store(full)
            report.continued += index > 0
            index += 1
            pi += 1
        if doc.thread(article.id):
            report.placed.append(article.headline)
        else:
            report.unplaced.append(article.headline)
    for article in doc.articles.values():
        if doc.thread(article.id):
            report.overset += composer.layout_article(doc, article)[0].overset
    return report


def _add_page(library: Library, doc: IssueDoc) -> None:
    number = len(doc.pages) + 1
    with library.transaction():
        page = library.add_page(Page(number, "续版", issue_id=doc.issue.id))
        doc.issue.page_count = number
        library.update_issue(doc.issue)
    doc.pages.append(page)
    doc.frames[page.id] = []
