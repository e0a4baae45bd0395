"""Pieces to place: a story or a continuation, measured once per span into a table of lines.

Takes StoryInputs (with the caller's measurers) and the grid; gives, for every span 1..columns,
the lines of headline group, picture (full and shortest crop) and body legs — the engine's
variants. Measurers are called here only, once per span, so the search itself is pure integers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from layouts.makeup.model import Continuation, Grid, StoryInput

MIN_CUT_LEG = 6  # lines per leg a jumped story keeps on its first page, at least
MIN_REST_LINES = 6  # a jump that leaves fewer lines than this is no jump worth making
MIN_CUT_SHARE = 0.3  # a jumped story keeps at least this share of its lines on its first page
CONTINUATION_HEAD = 2.5  # grid lines of a 续题 group when the caller gives no measurer
FRONT_LEAD_SHARE = 2 / 3  # of the columns, at least, the front page's lead spans (头条: 4–6 of 6)


def held_lines(span: int, lines: int) -> int:
    """Body lines a jumped story's first part holds, cut at span × lines: every slot but the
    last, which holds its （下转第N版）."""
    return span * lines - 1


@dataclass
class Piece:
    """One placeable thing: `part` 0 is a story (or its first part), 1 a continuation."""

    story: StoryInput
    part: int
    page_rank: int
    head: list[int]  # by span (index 0 unused): headline group lines
    body: list[int]  # by span: lines per leg, balanced
    pic_full: list[int]  # by span: picture + caption lines at full height (0: no picture)
    pic_min: list[int]  # by span: at the shortest crop
    total_lines: int  # body lines set in one column: what a jump divides
    jumpable: bool
    source: Continuation | None = None
    has_picture: bool = False

    @property
    def key(self) -> tuple[str, int]:
        return (self.story.id, self.part)

    def cut(self, span: int, lines: int) -> int:
        """Lines per leg the rest of this story needs at `span` after a cut at span × lines
        (its jump line included), or 0 when the cut leaves too little to be worth a jump."""
        used = held_lines(span, lines)
        rest = self.total_lines - used
        if lines < MIN_CUT_LEG or rest < MIN_REST_LINES or used < MIN_CUT_SHARE * self.total_lines:
            return 0
        if self.story.max_rest is not None and rest > self.story.max_rest:
            return 0
        return rest


def _depth(measure, span: int) -> int:
    value = int(measure(span))
    if value < 0:
        raise ValueError(f"a body measurer gave {value} lines at span {span}")
    return value


def story_piece(story: StoryInput, grid: Grid, page_rank: int, front: bool) -> Piece:
    """Measure a story at every span for a page: headline by its rank there, body, picture.
    The front page's lead has no variant narrower than FRONT_LEAD_SHARE of the page: a 头条
    set in a column or two, its headline cut down to fit, is no lead."""
    cols = grid.columns
    narrowest = math.ceil(cols * FRONT_LEAD_SHARE) if front and page_rank == 1 else 1
    head = [0] * (cols + 1)
    body = [0] * (cols + 1)
    pic_full = [0] * (cols + 1)
    pic_min = [0] * (cols + 1)
    total = _depth(story.body_depth, 1)
    for s in range(narrowest, cols + 1):
        height = story.head_height(s, page_rank, front)
        if not math.isfinite(height):
            continue  # the headline cannot be set this narrow: no variant at this span
        head[s] = grid.lines_for(height)
        body[s] = total if s == 1 else _depth(story.body_depth, s)
        if story.picture is not None:
            pic = story.picture
            full = pic.aspect * grid.span_width(s)
            pic_full[s] = grid.lines_for(full) + pic.caption_lines
            pic_min[s] = grid.lines_for(full * pic.crop) + pic.caption_lines
    return Piece(
        story=story,
        part=0,
        page_rank=page_rank,
        head=head,
        body=body,
        pic_full=pic_full,
        pic_min=pic_min,
        total_lines=total,
        jumpable=story.can_jump,
        has_picture=story.picture is not None,
    )


def continuation_piece(story: StoryInput, cont: Continuation, grid: Grid, page_rank: int) -> Piece:
    """The rest of a jumped story: its small 续题 and the lines it still needs at each span."""
    cols = grid.columns
    head = [0] * (cols + 1)
    body = [0] * (cols + 1)
    total = _depth(story.body_depth, 1)
    rest = total - held_lines(cont.span, cont.lines)
    for s in range(1, cols + 1):
        if story.jump_head_height is not None:
            height = story.jump_head_height(s)
            if not math.isfinite(height):
                continue
            head[s] = grid.lines_for(height)
        else:
            head[s] = math.ceil(CONTINUATION_HEAD)
        if story.rest_depth is not None:
            body[s] = int(story.rest_depth(cont.span, cont.lines, s))
        else:
            # columns are equally wide at every span, so the rest re-sets to the same lines;
            # the （上接第N版） line takes one more slot
            body[s] = math.ceil((max(rest, 0) + 1) / s)
    zeros = [0] * (cols + 1)
    return Piece(
        story=story,
        part=1,
        page_rank=page_rank,
        head=head,
        body=body,
        pic_full=zeros,
        pic_min=list(zeros),
        total_lines=max(rest, 0) + 1,
        jumpable=False,
        source=cont,
    )


def page_ranks(stories: list[StoryInput]) -> dict[str, int]:
    """Rank of each story on its page: 1 for the most important, by rank then input order."""
    order = sorted(range(len(stories)), key=lambda i: (stories[i].rank, i))
    return {stories[i].id: n + 1 for n, i in enumerate(order)}
