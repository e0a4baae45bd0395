"""Fake measurers and the checks every make-up must pass, stated without the engine's internals."""

from __future__ import annotations

import math

from layouts.makeup import Grid, PageSpec, Picture, Proposal, Rect, StoryInput

GRID = Grid()  # 6 columns × 70 lines of the tabloid
MASTHEAD = (Rect(0, 0, 5, 11), Rect(5, 0, 1, 11))  # 报头 and 报眼, with their white below
RUNNING_HEAD = (Rect(0, 0, 6, 2),)


def story(
    id: str,
    rank: int,
    chars: int,
    *,
    section: str = "",
    page: int | None = None,
    picture: Picture | None = None,
    head_chars: int = 12,
    can_jump: bool = True,
) -> StoryInput:
    """A story whose body sets 11 字 a line in one column (paragraphs of ~150 字), and whose
    headline is `head_chars` characters at a size by rank and span."""
    pars = [150] * (chars // 150) + ([chars % 150] if chars % 150 else [])
    lines = sum(math.ceil((n + 2) / 11) for n in pars)

    def depth(span: int) -> int:
        return math.ceil(lines / span)

    def head(span: int, rank: int, front: bool) -> float:
        size = (36.0 if front else 24.0) if rank == 1 and span >= 3 else 18.0 if span >= 2 else 14.0
        per_line = max(1, int(GRID.span_width(span) // size))
        return math.ceil(head_chars / per_line) * size * 1.25 + 7.0

    return StoryInput(
        id=id,
        rank=rank,
        body_depth=depth,
        head_height=head,
        section=section,
        page=page,
        headline=f"headline {id}",
        picture=picture,
        jump_head_height=lambda span: 24.0,
        can_jump=can_jump,
    )


def lines_at_one_column(s: StoryInput) -> int:
    return s.body_depth(1)


def check_proposal(
    p: Proposal, page: PageSpec, stories: list[StoryInput], grid: Grid = GRID
) -> None:
    """What holds for every proposal: rectangles on the grid, inside the free area, never
    overlapping; each story whole, properly jumped or reported unplaced; holes accounted."""
    ids = {s.id for s in stories}
    by_id = {s.id: s for s in stories}
    rects = [pl.rect for pl in p.placements]
    for pl in p.placements:
        r = pl.rect
        assert r.col >= 0 and r.right <= grid.columns, pl
        assert r.line >= 0 and r.bottom <= grid.lines + grid.gap, pl
        assert r.lines == pl.picture_lines + pl.head_lines + pl.slack + pl.body_lines + grid.gap
        assert pl.body_lines > 0
        for f in page.occupied:
            assert not r.overlaps(f), (pl, f)
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            assert not a.overlaps(b), (a, b)
    placed = [(pl.story, pl.part) for pl in p.placements]
    assert len(placed) == len(set(placed))
    firsts = {s for s, part in placed if part == 0}
    unplaced = {s for s, part in p.unplaced if part == 0}
    assert firsts | unplaced == ids and not firsts & unplaced
    jumped = {c.story for c in p.continuations}
    for pl in p.placements:
        if pl.part:
            continue
        s = by_id[pl.story]
        need = s.body_depth(pl.span)
        if pl.story in jumped:
            assert pl.jumps and pl.body_lines < need
            cont = next(c for c in p.continuations if c.story == pl.story)
            assert (cont.span, cont.lines, cont.from_page) == (pl.span, pl.body_lines, page.number)
            # the first part holds less than the story, and leaves a real continuation
            assert pl.span * pl.body_lines - 1 < lines_at_one_column(s)
        else:
            assert not pl.jumps
            assert pl.body_lines >= need, (pl, need)  # the whole story, never cut
        assert pl.head_lines >= grid.lines_for(s.head_height(pl.span, pl.page_rank, page.front))
    # every cell of the type area is furniture, a module or a reported hole — once
    cells = [[0] * grid.columns for _ in range(grid.lines)]
    for r in list(page.occupied) + rects + list(p.holes):
        for y in range(max(r.line, 0), min(r.bottom, grid.lines)):
            for x in range(r.col, r.right):
                cells[y][x] += 1
    assert all(c == 1 for row in cells for c in row), "holes, furniture and modules tile the page"
    assert abs(sum(p.score.terms.values()) - p.score.total) < 1e-6


def bumps(p: Proposal) -> list[tuple[str, str]]:
    """Pairs of headlines side by side whose lines overlap (碰题)."""
    out = []
    for a in p.placements:
        for b in p.placements:
            if a.rect.right != b.rect.col:
                continue
            ha, hb = a.head_rect, b.head_rect
            if min(ha.bottom, hb.bottom) > max(ha.line, hb.line):
                out.append((a.story, b.story))
    return out
