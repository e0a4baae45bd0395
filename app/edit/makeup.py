"""Make-up of an issue's pages by the engine: takes an IssueDoc and its bin, gives the engine's
page specs (furniture and placed frames as occupied grid rectangles) and, from its placements,
the frames to store: a picture over a headline over balanced legs; a continuation is one frame
too, composition setting its 续题 and （上接第N版） at its top (app/compose/follow.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from app.compose.furniture import QR_CAPTION_SIZE
from app.edit.makeup_measure import (
    Measurer,
    StoryPicture,
    engine_grid,
    front_lead_size,
)
from app.model import Article, Frame, Page
from app.model.document import IssueDoc
from app.store import Library
from layouts.furniture import qr_symbol_size
from layouts.grid import PageGrid
from layouts.makeup import Floating, Grid, PageSpec, Placement, Proposal, Rect, StoryInput

PICTURE_WHITE = 5.0  # points between a picture's caption and the headline under it


def grid_rect(frame: Frame, pg: PageGrid, grid: Grid) -> Rect | None:
    """The grid cells a frame covers in the type area, with a line of white under it unless
    it reaches the foot; None when it lies outside the type area."""
    pitch = pg.column_width + pg.gutter
    col = max(0, math.floor((frame.x - pg.type_left + pg.gutter / 2) / pitch))
    right = min(grid.columns, math.ceil((frame.x + frame.w - pg.type_left - pg.gutter / 2) / pitch))
    top = max(0, math.floor((frame.y - pg.type_top) / pg.leading + 1e-6))
    bottom = min(grid.lines, math.ceil((frame.y + frame.h - pg.type_top) / pg.leading - 1e-6))
    if right <= col or bottom <= top:
        return None
    if bottom < grid.lines:
        bottom = min(grid.lines, bottom + grid.gap)
    return Rect(col, top, right - col, bottom - top)


FLOATING_KINDS = frozenset({"qr"})  # standing slots with no place of their own on the page


def page_spec(
    doc: IssueDoc, page: Page, pg: PageGrid, grid: Grid, floating: bool = False
) -> PageSpec:
    """The page as the engine sees it: every frame already on it is furniture to work around.
    With `floating`, a QR slot not pinned (props "pinned") may move to a corner of the type
    area or under the furniture at the head of its columns, where it leaves no pocket."""
    occupied: list[Rect] = []
    movable: list[tuple[Frame, Rect]] = []
    for frame in doc.frames.get(page.id, []):
        r = grid_rect(frame, pg, grid)
        if r is None:
            continue
        if floating and frame.kind in FLOATING_KINDS and not frame.props.get("pinned"):
            movable.append((frame, r))
        else:
            occupied.append(r)
    spec = PageSpec(page.number, page.section, tuple(occupied), front=page.template == "front")
    caption = doc.publication.qr_caption  # a slot's own caption, else the paper's
    moves = tuple(
        Floating(str(f.id), places(r, pg, grid, f, spec.occupied, caption)) for f, r in movable
    )
    return replace(spec, floating=moves)


def places(
    now: Rect, pg: PageGrid, grid: Grid, frame: Frame, fixed: tuple[Rect, ...], caption: str = ""
):
    """Where a floating slot may stand: where it is, the two foot corners, and the outer
    columns' head just under the furniture there; one column wide too when its code keeps its
    size there. Each inside the grid and clear of `fixed`."""
    depth = math.ceil(frame.h / pg.leading - 1e-6)  # its own lines, the white under it apart
    caption = frame.props.get("caption") or caption
    spans = [now.cols] + ([1] if now.cols > 1 and _narrows(frame, pg, caption) else [])
    out = [now]
    for span in spans:
        for col in (grid.columns - span, 0):
            out.append(Rect(col, grid.lines - depth, span, depth))
            cols = Rect(col, 0, span, grid.lines)
            top = max((r.bottom for r in fixed if r.overlaps(cols) and r.line == 0), default=0)
            out.append(Rect(col, top, span, depth + grid.gap))
    return tuple(
        dict.fromkeys(
            r
            for r in out
            if r.line >= 0 and r.bottom <= grid.lines and not any(r.overlaps(o) for o in fixed)
        )
    )


def _narrows(frame: Frame, pg: PageGrid, caption: str) -> bool:
    """A QR slot one column wide keeps its code's size and its caption on one line."""
    size = qr_symbol_size(frame.w, frame.h, QR_CAPTION_SIZE, len(caption))
    return (
        qr_symbol_size(pg.column_width, frame.h, QR_CAPTION_SIZE, len(caption)) >= size - 0.01
        and len(caption) * QR_CAPTION_SIZE <= pg.column_width
    )


@dataclass
class Inputs:
    """What the engine needs from an issue: its grid, pages and bin, measured."""

    pg: PageGrid
    grid: Grid
    pages: list[PageSpec]
    stories: list[StoryInput]
    articles: dict[str, Article]
    pictures: dict[str, StoryPicture] = field(default_factory=dict)


def inputs(
    library: Library,
    doc: IssueDoc,
    measurer: Measurer,
    bin_: list[Article],
    floating: bool = False,
) -> Inputs:
    return measured(doc, measurer, bin_, bin_pictures(library, bin_), floating)


def bin_pictures(library: Library, bin_: list[Article]) -> dict[str, StoryPicture]:
    """Each bin story's first picture (by story id), read from the library."""
    pictures = {}
    for article in bin_:
        pic = story_picture(library, article)
        if pic is not None:
            pictures[str(article.id)] = pic
    return pictures


def measured(
    doc: IssueDoc,
    measurer: Measurer,
    bin_: list[Article],
    pictures: dict[str, StoryPicture],
    floating: bool = False,
) -> Inputs:
    """The engine's inputs without the library: pictures already read (a worker thread).
    With `floating`, standing QR slots may move (see page_spec)."""
    pg = measurer.pg
    grid = engine_grid(pg)
    stories = [measurer.story(a, pictures.get(str(a.id))) for a in bin_]
    return Inputs(
        pg,
        grid,
        [page_spec(doc, p, pg, grid, floating) for p in doc.pages],
        stories,
        {str(a.id): a for a in bin_},
        pictures,
    )


def story_picture(library: Library, article: Article) -> StoryPicture | None:
    """The first picture a story came with, if its size is known."""
    if article.id is None:
        return None
    for link in library.article_pictures(article.id):
        asset = library.asset(link.asset_id)
        if asset.width > 0 and asset.height > 0:
            return StoryPicture(link.asset_id, asset.height / asset.width, link.caption)
    return None


def frames_for(
    p: Placement,
    page: Page,
    spec: PageSpec,
    ins: Inputs,
    measurer: Measurer,
    thread_index: int,
) -> list[Frame]:
    """A placement's frames, top to bottom: picture, then the story — its head (for a
    continuation the 续题 and （上接）) and its legs in one frame."""
    pg = ins.pg
    article = ins.articles[p.story]
    x, w = pg.column_x(p.rect.col), pg.span_width(p.span)
    y = pg.type_top + p.rect.line * pg.leading
    out: list[Frame] = []
    pic = ins.pictures.get(p.story)
    if p.picture_lines and pic is not None:
        props = {"asset": pic.asset, **({"caption": pic.caption} if pic.caption else {})}
        h = p.picture_lines * pg.leading - PICTURE_WHITE
        out.append(Frame("image", x, y, w, h, page_id=page.id, props=props))
    # the designed white goes over the headline: a story's frame is exactly its head and legs
    y += (p.picture_lines + p.slack) * pg.leading
    props = {}
    size = front_lead_size(p.span, p.page_rank, spec.front) if p.part == 0 else None
    if size is not None:
        props["headline_size"] = size
    if p.head_white:
        props["head_white"] = p.head_white
    h = (p.head_lines + p.body_lines) * pg.leading
    out.append(_article(article, page, x, y, w, h, p.span, thread_index, props))
    return out


def _article(article, page, x, y, w, h, span, index, props) -> Frame:
    return Frame(
        "article",
        x,
        y,
        w,
        h,
        page_id=page.id,
        columns=span,
        article_id=article.id,
        thread_index=index,
        props=props,
    )


def store_proposal(
    library: Library,
    doc: IssueDoc,
    page: Page,
    proposal: Proposal,
    ins: Inputs,
    measurer: Measurer,
) -> list[Frame]:
    """Store a page's frames (inside the caller's transaction); they join `doc` too. Floating
    furniture the proposal moved is moved first; gives the frames so moved."""
    moves = (move_frame(library, doc, page, int(n), r, ins.pg) for n, r in proposal.furniture)
    moved = [f for f in moves if f is not None]
    for frame in proposal_frames(doc, page, proposal, ins, measurer):
        kept = library.add_frame(frame)
        doc.frames.setdefault(page.id, []).append(kept)  # type: ignore[arg-type]
    return moved


def proposal_frames(
    doc: IssueDoc, page: Page, proposal: Proposal, ins: Inputs, measurer: Measurer
) -> list[Frame]:
    """A proposal's frames, not stored (no ids), in the order they are to be stored."""
    spec = next(s for s in ins.pages if s.number == page.number)
    out: list[Frame] = []
    for p in proposal.placements:
        index = 0
        if p.part == 1:
            article = ins.articles[p.story]
            index = len(doc.thread(article.id))  # type: ignore[arg-type]
        out.extend(frames_for(p, page, spec, ins, measurer, index))
    return out


def move_frame(
    library: Library, doc: IssueDoc, page: Page, frame_id: int, to: Rect, pg: PageGrid
) -> Frame | None:
    """A floating frame to the grid rectangle the make-up chose, keeping where it sits
    within its cells; the frame moved, or None when it stays."""
    frames = doc.frames[page.id]  # type: ignore[index]
    n, frame = next((n, f) for n, f in enumerate(frames) if f.id == frame_id)
    now = grid_rect(frame, pg, engine_grid(pg))
    if now is None or (now.col, now.line, now.cols) == (to.col, to.line, to.cols):
        return None
    dx = frame.x - pg.column_x(now.col)
    dy = frame.y - (pg.type_top + now.line * pg.leading)
    w = frame.w - pg.span_width(now.cols) + pg.span_width(to.cols)  # narrowed to its columns
    y = pg.type_top + to.line * pg.leading + dy
    moved = replace(frame, x=pg.column_x(to.col) + dx, y=y, w=w)
    library.update_frame(moved)
    frames[n] = moved
    return moved
