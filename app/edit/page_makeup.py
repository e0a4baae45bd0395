"""自动组版 on one page in the editor: takes the library and a page, gives K proposals ready to show (frames, composed page, what each amounts to) and the command that applies one as one undo step.

Three steps on two threads. `read_job` reads everything from the library (GUI thread, where
the library lives); `propose` works from that alone with a composer of its own (a worker
thread: it never touches the library or the window's composer); `ApplyMakeup` is an ordinary
command on the EditSession, so applying is one undo step and undo puts back exactly the frames
that were there.

Hand-placed stories: kept by default (the engine works around them as fixed rectangles). Not
kept, the stories set wholly on this page come off with their pictures and 续题 and are made
up again with the bin; a story continued from or to another page stays, since taking one leg
off would cut it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from app.compose.issue import IssueComposer
from app.edit.autofill import SEED, candidates
from app.edit.makeup import bin_pictures, measured, proposal_frames
from app.edit.makeup_measure import Measurer, StoryPicture
from app.edit.recompose import compose_pages
from app.edit.session import Change, Command
from app.errors import UserError
from app.model import Frame
from app.model.document import IssueDoc
from app.store import Library
from layouts.display import ComposedPage
from layouts.fonts.metrics import FaceSet
from layouts.grid import GRIDS
from layouts.makeup import Proposal, make_up_page
from layouts.makeup.pack import Board

PROPOSALS = 3  # what the editor offers
LITTLE_WHITE = 0.04  # holes up to this share of the free area read as 留白少
TERMS_SHOWN = 3  # the score terms a proposal names: the largest


@dataclass(frozen=True)
class MakeupJob:
    """What proposing needs, read from the library at one moment; holds no library."""

    doc: IssueDoc  # the issue as stored, the page's taken-off frames already left out
    page_id: int
    before: tuple[Frame, ...]  # the page's frames as stored: applying checks they still are
    removed: tuple[Frame, ...]  # frames the proposals replace (empty when the page is kept)
    pictures: dict[str, StoryPicture]  # bin story id → its picture

    @property
    def number(self) -> int:
        return self.doc.page_number(self.page_id)


@dataclass(frozen=True)
class Traits:
    """What a proposal amounts to, in the terms a desk uses (worded by the window)."""

    columns: int  # of the page grid
    lead_span: int  # columns the page's lead spans (0: no story placed)
    stories: int  # stories placed (continuations not counted)
    pictures: int  # of them with their picture
    white: str  # "none", "little" or "much": holes against the free area
    left: tuple[str, ...]  # headlines of the page's own stories left in the bin
    bump: bool  # two headlines side by side (碰题)


@dataclass(frozen=True)
class PageProposal:
    """One proposal: the engine's, its frames (not stored), the page as it would compose."""

    rank: int  # 1 = the best
    proposal: Proposal
    frames: tuple[Frame, ...]
    page: ComposedPage
    traits: Traits
    terms: tuple[tuple[str, float], ...]  # the score terms that matter, largest first

    @property
    def score(self) -> float:
        return self.proposal.score.total


def read_job(library: Library, number: int, page_id: int, *, keep: bool = True) -> MakeupJob:
    """Read issue `number` for 自动组版 on page `page_id`: with `keep`, every frame on the page
    stays; without, the stories set wholly on it come off (and go back to the bin)."""
    doc = IssueDoc.load(library, number)
    if page_id not in doc.frames:
        raise UserError("这一版不在本期中 / the page is not in this issue")
    before = tuple(doc.frames[page_id])
    removed = () if keep else tuple(taken_off(library, doc, page_id))
    gone = {f.id for f in removed}
    doc.frames[page_id] = [f for f in before if f.id not in gone]
    pictures = bin_pictures(library, doc.unplaced())
    return MakeupJob(doc, page_id, before, removed, pictures)


def taken_off(library: Library, doc: IssueDoc, page_id: int) -> list[Frame]:
    """The frames of stories set wholly on the page: their article frames, their pictures
    (a picture linked to the story) and their 续题; nothing of a story that jumps."""
    frames = doc.frames[page_id]
    stories = {
        f.article_id
        for f in frames
        if f.kind == "article"
        and f.article_id is not None
        and all(t.page_id == page_id for t in doc.thread(f.article_id))
    }
    assets = {
        link.asset_id
        for story in stories
        for link in library.article_pictures(story)  # type: ignore[arg-type]
    }
    return [
        f
        for f in frames
        if (f.kind == "article" and f.article_id in stories)
        or (f.kind == "image" and f.props.get("asset") in assets)
        or (f.kind == "text" and f.props.get("follows") in stories)
    ]


def worker_composer(like: IssueComposer) -> IssueComposer:
    """A composer for a worker thread: the same font files, house style and fallbacks as
    `like`, with faces and caches of its own — a face opens its font file lazily and measures
    ink on first use, which two threads must not do on one object. The span resolver is
    shared: it only asks faces which characters they have."""
    faces = FaceSet({k: replace(like.faces[k], _font=None, _adv={}) for k in like.faces})
    return IssueComposer(faces, like.style, like.resolve_spans)


def propose(job: MakeupJob, composer: IssueComposer, k: int = PROPOSALS) -> list[PageProposal]:
    """The page's `k` best make-ups, best first, each composed. No library is touched.
    UserError when the bin has nothing for the page or the page has no room."""
    doc = job.doc
    page = next(p for p in doc.pages if p.id == job.page_id)
    measurer = Measurer(composer, GRIDS[doc.publication.page_format](), composer.house(doc))
    ins = measured(doc, measurer, doc.unplaced(), job.pictures)
    # stories taken off this page belong to it: offered here first, not planned elsewhere
    mine = {str(f.article_id) for f in job.removed if f.kind == "article"}
    ins.stories = [replace(s, page=page.number) if s.id in mine else s for s in ins.stories]
    spec, own, extras = candidates(ins, page.number)
    if not own and not extras:
        raise UserError("稿库中没有稿件可排 / the bin holds no story to make up")
    board = Board(ins.grid, spec)
    if board.free_cells == 0:
        raise UserError(f"第{page.number}版已无空位 / page {page.number} has no room left")
    found = make_up_page(
        spec,
        ins.grid,
        own + extras,
        k=k,
        seed=SEED,
        optional=frozenset(s.id for s in extras),
        allow_jumps=False,  # one page alone: a jump would need a continuation elsewhere
    )
    titles = {s.id: s.headline for s in own}
    out = []
    for n, proposal in enumerate(found, 1):
        if not proposal.placements:
            continue
        frames = tuple(proposal_frames(doc, page, proposal, ins, measurer))
        composed = _compose(composer, job, frames)
        traits = _traits(proposal, ins.grid.columns, board.free_cells, titles, len(own))
        out.append(PageProposal(n, proposal, frames, composed, traits, _terms(proposal)))
    if not out:
        raise UserError(
            f"稿库中的稿件都放不进第{page.number}版 / no story in the bin fits page {page.number}"
        )
    return out


def _compose(composer: IssueComposer, job: MakeupJob, frames: tuple[Frame, ...]) -> ComposedPage:
    """The page as it would compose with the proposal's frames (given ids of their own that
    no stored frame has, so the flow tells them apart)."""
    shown = [replace(f, id=-n) for n, f in enumerate(frames, 1)]
    doc = job.doc
    preview = IssueDoc(
        doc.publication,
        doc.issue,
        doc.pages,
        doc.articles,
        {**doc.frames, job.page_id: [*doc.frames[job.page_id], *shown]},
    )
    return compose_pages(composer, preview, {job.page_id})[job.page_id]


def _traits(
    proposal: Proposal, columns: int, free: int, titles: dict[str, str], own: int
) -> Traits:
    stories = [p for p in proposal.placements if p.part == 0]
    lead = min(stories, key=lambda p: p.page_rank, default=None)
    holes = sum(h.area for h in proposal.holes)
    white = "none" if holes == 0 else "little" if holes <= LITTLE_WHITE * free else "much"
    placed = {p.story for p in stories}
    left = tuple(t for sid, t in titles.items() if sid not in placed)
    return Traits(
        columns,
        lead.span if lead is not None else 0,
        len(stories),
        sum(1 for p in stories if p.picture_lines),
        white,
        left,
        proposal.score.terms.get("bump", 0.0) > 0,
    )


def _terms(proposal: Proposal) -> tuple[tuple[str, float], ...]:
    terms = [(k, v) for k, v in proposal.score.terms.items() if v > 0.05]
    terms.sort(key=lambda t: -t[1])
    return tuple(terms[:TERMS_SHOWN])


class ApplyMakeup(Command):
    """Store a proposal's frames on its page (taking off the frames it replaces), as one
    step. Refused, changing nothing, when the page or a story changed since the proposal
    was made. Undo deletes its frames and puts back exactly what was there, under the same
    ids; stories it placed go back to the bin as they were."""

    label = "自动组版"

    def __init__(self, job: MakeupJob, chosen: PageProposal) -> None:
        self.page_id = job.page_id
        self.issue_id = job.doc.issue.id
        self.number = job.number
        self.before = job.before
        self.removed = job.removed
        self.frames = chosen.frames
        self._stored: list[Frame] | None = None
        self._status: dict[int, str] = {}  # story → its status before this step

    def _stories(self) -> set[int]:
        return {f.article_id for f in self.frames if f.kind == "article" and f.article_id}

    def _unchanged(self, library: Library) -> None:
        now = sorted(library.frames(self.page_id), key=lambda f: f.id or 0)
        gone = {f.id for f in self.removed}
        if now != sorted(self.before, key=lambda f: f.id or 0) or any(
            f.id not in gone for story in self._stories() for f in library.frames_of_article(story)
        ):
            raise UserError(
                f"第{self.number}版在出方案后有改动，请重新自动组版 / page {self.number} "
                "changed after the proposals were made: make them again"
            )

    def do(self, library: Library) -> Change:
        # On a server another desk's autofill may be placing frames right now: take turns
        # with it (autofill.py), then look whether the page is still as proposed.
        library.serialize(f"issue-makeup:{self.issue_id}")
        self._unchanged(library)
        for frame in self.removed:
            library.delete_frame(frame.id)  # type: ignore[arg-type]
        if self._stored is None:
            self._stored = [library.add_frame(f) for f in self.frames]
        else:
            for frame in self._stored:
                library.restore_frame(frame)
        placed = self._stories()
        off = {f.article_id for f in self.removed if f.kind == "article"} - placed
        self._status = {}
        for story in placed | off:  # type: ignore[operator]
            article = library.article(story)  # type: ignore[arg-type]
            status = "placed" if story in placed else "edited"
            if article.status in (("draft", "edited") if story in placed else ("placed",)):
                self._status[story] = article.status  # type: ignore[index]
                library.update_article(replace(article, status=status))
        return self._change(placed | off)  # type: ignore[arg-type]

    def undo(self, library: Library) -> Change:
        assert self._stored is not None
        for frame in self._stored:
            library.delete_frame(frame.id)  # type: ignore[arg-type]
        for frame in self.removed:
            library.restore_frame(frame)
        for story, status in self._status.items():
            library.update_article(replace(library.article(story), status=status))
        stories = self._stories() | {f.article_id for f in self.removed if f.article_id}
        return self._change(stories)  # type: ignore[arg-type]

    def _change(self, stories: set[int]) -> Change:
        return Change.of((self.page_id,), tuple(stories))
