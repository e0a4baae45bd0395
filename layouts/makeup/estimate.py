"""Measurers by counting characters, as a desk estimates 字数 per 栏: for tests, benchmarks and
quick drafts before the real composer measures.

Takes paragraph lengths and headline texts; gives the body-depth and headline-height callables
a StoryInput needs. Columns are equally wide at every span, so a story sets to the same lines
in one column or six; a span only divides them into legs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from layouts.makeup.model import Grid, HeadHeight, Picture, StoryInput

INDENT = 2  # 字 of first-line indent
LINE_GAP = 1.25  # headline line pitch, of the size
KICKER_RATIO = 0.6  # kicker and subheadline about two 号 below the headline


def column_lines(lengths: Sequence[int], chars_per_line: int, indent: int = INDENT) -> int:
    """Lines the paragraphs take in one column of `chars_per_line` 字."""
    return sum(max(1, math.ceil((n + indent) / chars_per_line)) for n in lengths)


def headline_size(span: int, rank: int, front: bool) -> float:
    """A starting house style by rank and span (MAKEUP.md): points of the 主题."""
    if rank == 1 and span >= 3:
        return 36.0 if front else 24.0
    if rank <= 3 and span >= 2:
        return 18.0
    return 16.0 if span >= 2 else 14.0


def head_measurer(headline: str, kicker: str, subhead: str, grid: Grid) -> HeadHeight:
    def height(span: int, rank: int, front: bool) -> float:
        width = grid.span_width(span)
        size = headline_size(span, rank, front)
        total = 0.0
        for text, pt in (
            (kicker, size * KICKER_RATIO),
            (headline, size),
            (subhead, size * KICKER_RATIO),
        ):
            if text:
                per_line = max(1, int(width // pt))
                total += math.ceil(len(text) / per_line) * pt * LINE_GAP
        return total + grid.pitch * 0.5

    return height


def estimated_story(
    id: str,
    rank: int,
    lengths: Sequence[int],
    grid: Grid,
    *,
    chars_per_line: int = 11,
    headline: str = "",
    kicker: str = "",
    subhead: str = "",
    section: str = "",
    page: int | None = None,
    picture: Picture | None = None,
    can_jump: bool = True,
) -> StoryInput:
    """A story measured by character counts (one line = `chars_per_line` 字)."""
    total = column_lines(lengths, chars_per_line)
    head = head_measurer(headline or "标" * 12, kicker, subhead, grid)
    follow = (headline or "续")[:8]

    def depth(span: int) -> int:
        return math.ceil(total / span)

    def jump_head(span: int) -> float:
        per_line = max(1, int(grid.span_width(span) // 14.0))
        return math.ceil(len(follow) / per_line) * 14.0 * LINE_GAP + grid.pitch * 0.5

    return StoryInput(
        id=id,
        rank=rank,
        body_depth=depth,
        head_height=head,
        section=section,
        page=page,
        headline=headline,
        picture=picture,
        jump_head_height=jump_head,
        can_jump=can_jump,
    )
