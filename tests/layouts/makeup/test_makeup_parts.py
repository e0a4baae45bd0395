"""The engine's parts: the measured variants, a continuation's depth, white moved up a stack,
the branch-and-bound finding the one exact tiling."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layouts.makeup import Continuation, Grid, PageSpec
from layouts.makeup.bnb import branch_and_bound
from layouts.makeup.pack import Board, Module, spread_white
from layouts.makeup.page import build_pieces, make_up_page
from layouts.makeup.pieces import continuation_piece, page_ranks, story_piece
from layouts.makeup.score import Weights, bin_cost, pair_cost, pair_terms
from tests.layouts.makeup.helpers import GRID, story


def test_variants_come_from_the_measurers_once_per_span():
    calls: list[int] = []
    s = story("a", 2, 660, head_chars=24)
    counted = type(s)(**{**s.__dict__, "body_depth": lambda span: calls.append(span) or 66 // span})
    p = story_piece(counted, GRID, 2, False)
    assert sorted(calls) == [1, 2, 3, 4, 5, 6]
    assert p.body[1:] == [66, 33, 22, 16, 13, 11]
    assert p.head[1] > p.head[6]  # a narrow headline breaks into more lines


def test_a_continuation_needs_the_rest_and_its_jump_line():
    s = story("a", 1, 1500)  # 140 lines in one column
    total = s.body_depth(1)
    cut = Continuation("a", 1, 4, 20)  # 4 legs × 20 lines, the last slot （下转第N版）
    p = continuation_piece(s, cut, GRID, 9)
    rest = total - (4 * 20 - 1)
    for span in range(1, 7):
        assert p.body[span] == math.ceil((rest + 1) / span)
        assert p.head[span] == GRID.lines_for(24.0)
    assert p.part == 1 and not p.jumpable


def test_page_ranks_follow_rank_then_order():
    stories = [story("x", 3, 100), story("y", 1, 100), story("z", 3, 100), story("w", 2, 100)]
    assert page_ranks(stories) == {"y": 1, "w": 2, "x": 3, "z": 4}


def test_white_moves_up_a_stack():
    s1, s2 = story("a", 1, 500), story("b", 2, 500)
    page = PageSpec(2)
    pieces = build_pieces(page, GRID, [s1, s2])
    top = Module(0, 0, 0, 3, 0, 3, 0, 20, 1, False)
    bottom = Module(1, 0, 24, 3, 0, 3, 4, 20, 1, False)  # four lines of white under its head
    spread_white([top, bottom], pieces)
    assert (top.slack, bottom.slack) == (2, 2)
    assert bottom.line == top.line + top.height  # still standing on it, no gap, no overlap
    assert bottom.line + bottom.height == 24 + 28


def test_branch_and_bound_finds_the_tiling_without_holes():
    # 6 × 30 lines: 4 + 2 columns 19 lines deep over a full-width band of 12 fill it exactly
    grid = Grid(lines=30)
    page = PageSpec(2)
    stories = [story("a", 1, 615), story("b", 2, 300), story("c", 3, 475)]
    assert [s.body_depth(1) for s in stories] == [58, 28, 45]
    pieces = build_pieces(page, grid, stories)
    board = Board(grid, page)
    w = Weights()
    costs = [bin_cost(p, w) for p in pieces]
    found, complete = branch_and_bound(board, pieces, w, costs, k=1, allow_jumps=False)
    assert complete
    best = found[0].layout
    assert best.hole_cells == 0 and not best.unplaced
    # the page API's proposals are all without holes too (the score weighs the rest)
    for prop in make_up_page(page, grid, stories, k=3):
        assert not prop.holes and not prop.unplaced


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 5),
            st.integers(0, 60),
            st.integers(1, 6),
            st.integers(0, 4),
            st.integers(1, 5),
            st.integers(1, 4),
            st.integers(0, 1),
        ),
        min_size=2,
        max_size=2,
    )
)
def test_the_inner_loop_prices_a_pair_as_the_score_does(pair):
    stories = [story("a", 1, 500), story("b", 2, 500), story("c", 2, 500)]
    pieces = build_pieces(PageSpec(2), GRID, stories)
    mods = []
    for n, (col, line, span, pic, head, rank_piece, part) in enumerate(pair):
        piece = pieces[rank_piece % 3]
        piece.part = part
        mods.append(Module(n, col, line, span, pic, head, 0, 10, 1, False))
    pa, pb = pieces[pair[0][5] % 3], pieces[pair[1][5] % 3]
    w = Weights()
    assert pair_cost(pa, mods[0], pb, mods[1], w) == pytest.approx(
        sum(pair_terms(pa, mods[0], pb, mods[1], w))
    )


def test_a_headline_that_cannot_be_set_narrow_keeps_its_story_wide():
    s = story("wide", 1, 900)
    wide_only = type(s)(
        **{**s.__dict__, "head_height": lambda span, rank, front: 40.0 if span >= 3 else math.inf}
    )
    page = PageSpec(2)
    props = make_up_page(page, GRID, [wide_only, story("b", 2, 600), story("c", 3, 500)], k=3)
    for p in props:
        placed = p.placement("wide")
        assert placed is None or placed.span >= 3
