"""Placement on the page grid: takes points from the pointer, gives frame geometry snapped to columns and the baseline grid.

The rules a drag, a drop and a nudge share: a drop's preview is the very plan the drop uses
(IssueEditor.plan_article, plan_picture), so the canvas's preview and the stored frame agree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from app.compose.issue import IssueComposer
from app.edit.free_space import MIN_LINES, column_at, free_place, lines_free
from app.errors import UserError
from app.model import Article, Frame, Page
from app.model.document import IssueDoc
from layouts.grid import GRIDS, PageGrid

# Handle names: which edges of the frame a resize handle moves.
EDGES: dict[str, tuple[str, ...]] = {
    "left": ("left",),
    "right": ("right",),
    "top": ("top",),
    "bottom": ("bottom",),
    "top-left": ("top", "left"),
    "top-right": ("top", "right"),
    "bottom-left": ("bottom", "left"),
    "bottom-right": ("bottom", "right"),
}

Rect = tuple[float, float, float, float]  # x, y, w, h in points


def grid_rect(grid: PageGrid, col: int, span: int, y: float, lines: int) -> Rect:
    """A block `span` columns wide from column `col`, its top on the baseline grid, `lines`
    deep, kept whole on the page's grid: where a frame made from a plan goes."""
    span = max(1, min(span, grid.columns))
    col = max(0, min(col, grid.columns - span))
    return grid.column_x(col), grid.snap_y(y), grid.span_width(span), lines * grid.leading


def frame_span(grid: PageGrid, width: float) -> int:
    """How many grid columns a frame `width` points wide covers (1 … columns)."""
    n = round((width + grid.gutter) / (grid.column_width + grid.gutter))
    return max(1, min(grid.columns, n))


def default_span(article: Article, grid: PageGrid) -> int:
    """栏 a story gets when dropped: the lead (rank 1) two thirds of the page; others by length.

    On the 6-column tabloid at 11 字 a line: under 500 字 → 2 栏 (about 25 lines deep),
    under 1,200 字 → 3 栏 (about 35 lines), longer → 4 栏, so that no block runs deeper than
    about half the page (70 lines). Other grids scale by their column count.
    """
    third = max(1, round(grid.columns / 3))
    if article.rank == 1 or article.char_count >= 1200:
        n = math.ceil(grid.columns * 2 / 3)
    elif article.char_count >= 500:
        n = max(third + 1, round(grid.columns / 2))
    else:
        n = third
    return max(1, min(grid.columns, n))


def _clamp(value: float, low: float, high: float) -> float:
    return low if high < low else max(low, min(high, value))


def snap_move(grid: PageGrid, x: float, y: float, w: float, h: float) -> tuple[float, float]:
    """A frame's new top-left: left edge on the nearest column, top on a grid line, kept
    inside the type area when it fits there (else inside the trim box)."""
    if w <= grid.type_width + 1e-6:
        col = round((x - grid.type_left) / (grid.column_width + grid.gutter))  # nearest start
        x = grid.column_x(max(0, min(frame_span_limit(grid, w), col)))
    else:
        x = _clamp(x, 0.0, grid.trim_w - w)
    top, bottom = grid.type_top, grid.type_bottom
    if h > bottom - top + 1e-6:
        top, bottom = 0.0, grid.trim_h
    y = grid.snap_y(_clamp(y, top, bottom - h))
    while y + h > bottom + 1e-6 and y - grid.leading >= top - 1e-6:
        y -= grid.leading  # snapping rounded it past the bottom: one line up
    return x, y


def frame_span_limit(grid: PageGrid, w: float) -> int:
    """The last column a frame `w` wide may start in and still end inside the type area."""
    return grid.columns - frame_span(grid, w)


def snap_resize(grid: PageGrid, rect: Rect, handle: str, px: float, py: float) -> Rect:
    """The rectangle after dragging `handle` to (px, py): vertical edges on column edges,
    horizontal ones whole lines apart (a frame is at least one column and one line)."""
    x, y, w, h = rect
    left, right, top, bottom = x, x + w, y, y + h
    edges = EDGES[handle]
    pitch = grid.column_width + grid.gutter
    starts = [grid.column_x(i) for i in range(grid.columns)]
    ends = [s + grid.column_width for s in starts]
    if "right" in edges:
        allowed = [e for e in ends if e >= left + grid.column_width - 1e-6] or [left + pitch]
        right = min(allowed, key=lambda e: abs(e - px))
    if "left" in edges:
        allowed = [s for s in starts if s <= right - grid.column_width + 1e-6] or [right - pitch]
        left = min(allowed, key=lambda s: abs(s - px))
    if "bottom" in edges:
        lines = max(1, round((py - top) / grid.leading))
        bottom = top + lines * grid.leading
    if "top" in edges:
        lines = max(1, round((bottom - grid.snap_y(py)) / grid.leading))
        top = bottom - lines * grid.leading
    return left, top, right - left, bottom - top


def columns_after_resize(grid: PageGrid, frame: Frame, new_w: float) -> int:
    """Text columns after a resize: a frame set one column per grid column keeps that rule."""
    old_span = frame_span(grid, frame.w)
    new_span = frame_span(grid, new_w)
    if frame.columns == old_span:
        return new_span
    return max(1, min(frame.columns, new_span))


def nudge(grid: PageGrid, frame: Frame, dx: int, dy: int) -> tuple[float, float]:
    """Arrow keys: one column left or right, one line up or down, staying on the grid."""
    x, y = frame.x, frame.y
    if dx:
        x = grid.column_x(max(0, min(frame_span_limit(grid, frame.w), column_at(grid, x) + dx)))
    if dy:
        y = _clamp(y + dy * grid.leading, grid.type_top, grid.type_bottom - frame.h)
        y = grid.snap_y(y) if frame.h <= grid.type_bottom - grid.type_top else frame.y
    return x, y


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a dropped story goes, in grid terms."""

    col: int
    span: int
    y: float  # top, on a grid line
    lines: int
    wrap: bool = False  # a picture set into a story: the story's text wraps around it

    def rect(self, grid: PageGrid) -> Rect:
        """The frame this plan makes (commands.frame_on_grid), in points."""
        return grid_rect(grid, self.col, self.span, self.y, self.lines)


def plan_placement(
    composer: IssueComposer,
    doc: IssueDoc,
    article: Article,
    page: Page,
    x: float,
    y: float,
    span: int | None = None,
) -> Placement:
    """A story dropped at (x, y): its default span from the column under x, its top on the
    grid line nearest y, and as many lines as its text needs, down to the type area's foot."""
    grid = composer_grid(doc)
    frames = doc.frames.get(page.id, [])  # type: ignore[arg-type]
    area = story_area(grid, span or default_span(article, grid), x, y, frames)
    col, span, top, most = area.col, area.span, area.y, area.lines
    probe = Frame(
        "article",
        grid.column_x(col),
        top,
        grid.span_width(span),
        most * grid.leading,
        page_id=page.id,
        columns=span,
        article_id=article.id,
        thread_index=1 + max((f.thread_index for f in doc.thread(article.id or 0)), default=-1),
        id=-1,  # provisional: the composer names frames by id while measuring
    )
    return Placement(col, span, top, fit_lines(composer, doc, article, probe, most))


def story_area(
    grid: PageGrid, span: int, x: float, y: float, frames: list[Frame] | None = None
) -> Placement:
    """Where a story `span` columns wide dropped at (x, y) starts, before its depth is
    measured: with the page's `frames`, the free space under the pointer (free_place: it may
    be narrower) and the lines free below its top; without, the column under x, the grid line
    nearest y and every line below. UserError when the page has no room left."""
    if frames is not None:
        found = free_place(grid, frames, x, y, span)
        if found is None:
            raise UserError(FULL_PAGE)
        return Placement(*found)
    col = min(column_at(grid, x), grid.columns - span)
    top = grid.snap_y(_clamp(y, grid.type_top, grid.type_bottom - MIN_LINES * grid.leading))
    return Placement(col, span, top, max(MIN_LINES, lines_free(grid, top)))


FULL_PAGE = "本版已无空位，请先腾出位置 / no free space left on this page: make room first"


def composer_grid(doc: IssueDoc) -> PageGrid:
    return GRIDS[doc.publication.page_format]()


def fit_lines(
    composer: IssueComposer, doc: IssueDoc, article: Article, probe: Frame, most: int
) -> int:
    """Fewest lines (≥ MIN_LINES, ≤ most) for which the story's thread ends in `probe` with
    nothing overset; `most` when even that is too few (by bisection, as autofill does)."""
    grid = composer_grid(doc)

    def overset(lines: int) -> int:
        frame = replace(probe, h=lines * grid.leading)
        frames = doc.frames.setdefault(probe.page_id, [])  # type: ignore[arg-type]
        frames.append(frame)
        try:
            return composer.layout_article(doc, article)[0].overset
        finally:
            frames.remove(frame)

    lo, hi = min(MIN_LINES, most), most
    if overset(hi):
        return hi
    while lo < hi:
        mid = (lo + hi) // 2
        if overset(mid):
            lo = mid + 1
        else:
            hi = mid
    return lo


def picture_lines(grid: PageGrid, span: int, ratio: float, caption: bool) -> int:
    """Whole lines a picture `span` columns wide needs at its shape (height / width), with
    two lines for a caption."""
    w = grid.span_width(span)
    lines = max(MIN_LINES, math.ceil((w * ratio) / grid.leading) + (2 if caption else 0))
    return min(lines, lines_free(grid, grid.type_top))


def picture_placement(
    grid: PageGrid, x: float, y: float, width_px: int, height_px: int, caption: bool
) -> Placement:
    """A dropped picture: a third of the page wide (2 of 6 栏), as deep as its shape needs
    plus two lines for the caption, on whole lines; shifted left/up to stay in the type area."""
    span = max(1, round(grid.columns / 3))
    lines = picture_lines(grid, span, _ratio(width_px, height_px), caption)
    col = min(column_at(grid, x), grid.columns - span)
    top = grid.snap_y(_clamp(y, grid.type_top, grid.type_bottom - lines * grid.leading))
    return Placement(col, span, top, lines)


def _ratio(width_px: int, height_px: int) -> float:
    return height_px / width_px if width_px > 0 and height_px > 0 else 0.75  # unknown: 4:3


def picture_plan(
    grid: PageGrid,
    frames: list[Frame],
    x: float,
    y: float,
    width_px: int,
    height_px: int,
    caption: bool,
) -> Placement:
    """A picture dropped among the page's `frames`: onto a story it is set into the story
    (inside its columns, the text wrapping around it); elsewhere it takes the free space
    under the pointer (narrower if need be). UserError when the page has no room."""
    ratio = _ratio(width_px, height_px)
    span = max(1, round(grid.columns / 3))
    story = next(
        (
            f
            for f in reversed(frames)
            if f.kind == "article" and f.x <= x <= f.x + f.w and f.y <= y <= f.y + f.h
        ),
        None,
    )
    if story is not None:
        first, cols = column_at(grid, story.x + 1), frame_span(grid, story.w)
        span = min(span, cols)
        lines = min(picture_lines(grid, span, ratio, caption), round(story.h / grid.leading))
        col = max(first, min(column_at(grid, x), first + cols - span))
        top = grid.snap_y(_clamp(y, story.y, story.y + story.h - lines * grid.leading))
        return Placement(col, span, top, max(1, lines), wrap=True)
    found = free_place(grid, frames, x, y, span, lambda s: picture_lines(grid, s, ratio, caption))
    if found is None:
        raise UserError(FULL_PAGE)
    lines = picture_lines(grid, found.span, ratio, caption)
    return Placement(found.col, found.span, found.y, lines)


def qr_placement(
    grid: PageGrid, x: float, y: float, frames: list[Frame] | None = None
) -> Placement:
    """A QR slot: one column wide, square, with two lines for its caption; among the page's
    `frames`, in the free space nearest (x, y) (UserError on a full page)."""
    lines = math.ceil(grid.column_width / grid.leading) + 2
    if frames is not None:
        found = free_place(grid, frames, x, y, 1, lambda s: lines)
        if found is None:
            raise UserError(FULL_PAGE)
        return Placement(found.col, 1, found.y, lines)
    col = column_at(grid, x)
    top = grid.snap_y(_clamp(y, grid.type_top, grid.type_bottom - lines * grid.leading))
    return Placement(col, 1, top, lines)
