"""One page's make-up: stories (and continuations) + the page → the best K proposals.

Takes a PageSpec, the grid, StoryInputs and any continuations jumped onto this page; gives
Proposals (modules, holes, what stayed in the bin, jumps off the page, the score's terms).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from layouts.makeup.bnb import branch_and_bound
from layouts.makeup.model import Continuation, Grid, PageSpec, Placement, Proposal, Rect, StoryInput
from layouts.makeup.pack import Board, Layout, holes
from layouts.makeup.pieces import Piece, continuation_piece, page_ranks, story_piece
from layouts.makeup.score import Weights, bin_cost, score
from layouts.makeup.search import Found, anneal, signature
from layouts.makeup.spread import spread_foot

EVALUATIONS = 1500  # annealing steps when the branch-and-bound could not search a page in full
NODE_LIMIT = 50000  # branch-and-bound nodes per page (a 5–8 story page needs far fewer)


def build_pieces(
    page: PageSpec,
    grid: Grid,
    stories: Sequence[StoryInput],
    continuations: Sequence[tuple[StoryInput, Continuation]] = (),
) -> list[Piece]:
    ranks = page_ranks(list(stories))
    pieces = [story_piece(s, grid, ranks[s.id], page.front) for s in stories]
    after = len(stories)
    for n, (story, cont) in enumerate(continuations):
        pieces.append(continuation_piece(story, cont, grid, after + n + 1))
    return pieces


def make_up_page(
    page: PageSpec,
    grid: Grid,
    stories: Sequence[StoryInput],
    *,
    continuations: Sequence[tuple[StoryInput, Continuation]] = (),
    k: int = 3,
    seed: int = 0,
    evaluations: int = EVALUATIONS,
    weights: Weights | None = None,
    optional: frozenset[str] = frozenset(),
    allow_jumps: bool | None = None,
    node_limit: int = NODE_LIMIT,
) -> list[Proposal]:
    """The best `k` distinct make-ups of the page, best first.

    Stories named in `optional` may stay in the bin at little cost (they belong elsewhere and
    only fill what is left); jumps are allowed on the front page unless `allow_jumps` says.
    """
    _check(stories, continuations)
    w = weights or Weights()
    pieces = build_pieces(page, grid, stories, continuations)
    costs = [
        0.5 * w.section if p.story.id in optional and p.part == 0 else bin_cost(p, w)
        for p in pieces
    ]
    jumps = page.front if allow_jumps is None else allow_jumps
    out: list[Proposal] = []
    # floating furniture: the page made up once for each place it may take, the best kept
    for fixed, placed in page.arrangements():
        board = Board(grid, fixed)
        found = search(
            board,
            pieces,
            w,
            costs,
            k=k,
            seed=seed,
            evaluations=evaluations,
            allow_jumps=jumps,
            node_limit=node_limit,
        )
        spread: dict[tuple, Found] = {}  # spreading may make two proposals one
        for f in (_spread(board, pieces, f, w, costs) for f in found):
            sig = signature(f.layout)
            if sig not in spread or f.score.total < spread[sig].score.total:
                spread[sig] = f
        out += [replace(proposal(board, pieces, f), furniture=placed) for f in spread.values()]
    return sorted(out, key=lambda p: p.score.total)[:k]


def search(
    board, pieces, w, costs, *, k, seed, evaluations, allow_jumps, node_limit
) -> list[Found]:
    """Branch and bound; when the tree is too large to finish, annealing from its best."""
    found, complete = branch_and_bound(
        board, pieces, w, costs, k=k, allow_jumps=allow_jumps, node_limit=node_limit
    )
    if complete and found:
        return found
    start = found[0].genome if found else None
    more = anneal(
        board,
        pieces,
        w,
        costs,
        k=k,
        seed=seed,
        evaluations=evaluations,
        allow_jumps=allow_jumps,
        start=start,
    )
    merged: dict[tuple, Found] = {}
    for f in found + more:
        sig = signature(f.layout)
        if sig not in merged or f.score.total < merged[sig].score.total:
            merged[sig] = f
    return sorted(merged.values(), key=lambda f: (f.score.total, signature(f.layout)))[:k]


def _spread(board: Board, pieces: list[Piece], f: Found, w: Weights, costs) -> Found:
    """White left across the foot spread up the page over the headlines on its cuts."""
    spread = spread_foot(board, f.layout)
    if spread is f.layout:
        return f
    return Found(score(board, pieces, spread, w, costs), spread, f.genome)


def _check(stories: Sequence[StoryInput], continuations) -> None:
    ids = [s.id for s in stories]
    if len(set(ids)) != len(ids):
        raise ValueError("two stories given to one page share an id")
    for story, cont in continuations:
        if story.id != cont.story:
            raise ValueError(f"continuation of {cont.story!r} given with story {story.id!r}")


def proposal(board: Board, pieces: list[Piece], found: Found) -> Proposal:
    layout: Layout = found.layout
    placements = []
    jumps = []
    for m in sorted(layout.modules, key=lambda m: (m.line, m.col)):
        p = pieces[m.piece]
        placements.append(
            Placement(
                story=p.story.id,
                part=p.part,
                rect=m.rect,
                picture_lines=m.pic,
                head_lines=m.head,
                slack=m.slack,
                body_lines=m.body,
                page_rank=p.page_rank,
                jumps=m.cut,
                head_white=m.head_white,
            )
        )
        if m.cut:
            jumps.append(Continuation(p.story.id, board.page.number, m.span, m.body, p.page_rank))
    return Proposal(
        page=board.page.number,
        placements=tuple(placements),
        holes=tuple(merge_strips(holes(board, layout))),
        unplaced=tuple(pieces[i].key for i in sorted(layout.unplaced)),
        continuations=tuple(jumps),
        score=found.score,
    )


def merge_strips(strips: list[tuple[int, int, int, int]]) -> list[Rect]:
    """Hole strips (line, col, cols, lines) → rectangles: strips of the same columns that
    touch one above the other become one."""
    out: list[Rect] = []
    for line, col, cols, n in sorted(strips, key=lambda s: (s[1], s[2], s[0])):
        last = out[-1] if out else None
        if last and last.col == col and last.cols == cols and last.bottom == line:
            out[-1] = Rect(col, last.line, cols, last.lines + n)
        else:
            out.append(Rect(col, line, cols, n))
    return sorted(out, key=lambda r: (r.line, r.col))
