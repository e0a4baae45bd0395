"""Furniture the make-up may move (a QR slot), pockets of white it must see, and where a front
page's jump goes when the issue is over-full."""

from __future__ import annotations

from layouts.makeup import Floating, PageSpec, Rect, make_up_issue, make_up_page
from layouts.makeup.model import MAX_ARRANGEMENTS
from layouts.makeup.pack import Board, Layout, Module
from layouts.makeup.pieces import story_piece
from layouts.makeup.score import DEEP_HOLE, deep_holes
from layouts.makeup.spread import MAX_HEAD_WHITE, MAX_WHITE, spread_foot
from tests.layouts.makeup.helpers import GRID, MASTHEAD, RUNNING_HEAD, check_proposal, story

MID_FOOT = Rect(4, 54, 2, 7)  # a QR slot mid-foot of page 1, its white line under it
CORNER = Rect(4, 64, 2, 6)  # the same slot in the foot's corner (no white needed there)


def test_holes_one_above_another_in_a_column_are_one_deep_hole():
    """The packer skips white a few lines at a time beside furniture; a reader sees the
    column's whole pocket."""
    board = Board(GRID, PageSpec(1, "", MASTHEAD))
    full = [board.height] * GRID.columns
    strips = [(54, 3, 1, 2), (56, 3, 1, DEEP_HOLE - 2)]  # DEEP_HOLE lines in column 3, in two
    layout = Layout([], DEEP_HOLE, strips, [], full)
    assert deep_holes(board, layout) == 1
    # as deep again, it counts twice: an empty column down the page is no small hole
    twice = [(40, 3, 1, DEEP_HOLE), (40 + DEEP_HOLE, 3, 1, DEEP_HOLE)]
    assert deep_holes(board, Layout([], 2 * DEEP_HOLE, twice, [], full)) == 2
    apart = [(40, 3, 1, 2), (56, 3, 1, DEEP_HOLE - 2)]  # the same cells, not touching
    assert deep_holes(board, Layout([], DEEP_HOLE, apart, [], full)) == 0


def test_arrangements_skip_places_that_overlap():
    fixed = PageSpec(1, "", MASTHEAD)
    assert fixed.arrangements() == [(fixed, ())]
    on_masthead = Rect(0, 5, 2, 6)
    qr = Floating("qr", (on_masthead, MID_FOOT, CORNER))
    box = Floating("box", (Rect(4, 60, 2, 4), Rect(0, 64, 2, 6)))
    ways = PageSpec(1, "", MASTHEAD, front=True, floating=(qr, box)).arrangements()
    placed = [dict(p) for _, p in ways]
    # the masthead place overlaps the masthead; MID_FOOT and the first box place overlap;
    # one piece moved comes before two
    assert placed == [
        {"qr": CORNER, "box": Rect(4, 60, 2, 4)},
        {"qr": MID_FOOT, "box": Rect(0, 64, 2, 6)},
        {"qr": CORNER, "box": Rect(0, 64, 2, 6)},
    ]
    for spec, p in ways:
        assert not spec.floating and spec.occupied == (*MASTHEAD, *dict(p).values())


def test_a_floating_qr_slot_goes_where_it_leaves_no_pocket():
    """Fixed mid-foot, the slot leaves two columns × 9 lines of white under it that no story
    fits; free to move, it takes the corner and the page closes up."""
    stories = [story(f"s{i}", i, c) for i, c in enumerate((1000, 600, 500, 400), start=1)]
    fixed = PageSpec(1, "", (*MASTHEAD, MID_FOOT), front=True)
    stuck = make_up_page(fixed, GRID, stories, k=1)[0]
    assert max(h.lines for h in stuck.holes) >= DEEP_HOLE
    page = PageSpec(1, "", MASTHEAD, front=True, floating=(Floating("qr", (MID_FOOT, CORNER)),))
    best = make_up_page(page, GRID, stories, k=1)[0]
    assert best.furniture == (("qr", CORNER),)
    check_proposal(best, PageSpec(1, "", (*MASTHEAD, CORNER), front=True), stories)
    assert all(h.lines < DEEP_HOLE for h in best.holes)
    assert best.score.total < stuck.score.total
    assert {p.story for p in best.placements} == {s.id for s in stories}


def test_an_overfull_issue_sends_the_front_jump_where_the_inside_lead_leaves_room():
    """Every inside page is over-full by its own stories; page 2's lead fills nearly all of
    it, page 3's lead half. The front lead's rest goes to page 3 (its second story waits in the
    bin) instead of being cut down to what page 2 could hold, so page 1 keeps three stories.
    (By estimate page 2 looked roomier: its second story is the shorter.)"""
    pages = [
        PageSpec(1, "要闻", MASTHEAD, front=True),
        PageSpec(2, "综合新闻", RUNNING_HEAD),
        PageSpec(3, "体育健康", RUNNING_HEAD),
    ]
    stories = [
        story("lead", 1, 3400, section="要闻"),
        story("two", 2, 900, section="要闻"),
        story("three", 3, 900, section="要闻"),
        story("big", 1, 3600, section="综合新闻"),
        story("big2", 2, 300, section="综合新闻"),
        story("half", 1, 2000, section="体育健康"),
        story("half2", 2, 2500, section="体育健康"),
    ]
    result = make_up_issue(pages, GRID, stories)
    assert ("lead", 1, 3) in [(j.story, j.from_page, j.to_page) for j in result.jumps]
    front = {p.story for p in result.pages[0].placements if p.part == 0}
    assert front == {"lead", "two", "three"}
    assert "big" not in result.unplaced and "half" not in result.unplaced


def test_the_front_lead_spans_at_least_two_thirds_of_the_page():
    """A 头条 set in three columns of six (its headline cut down to fit them) is no lead: the
    front lead has no narrower variant, and every proposal sets it four columns wide or more.
    An inside lead keeps every span."""
    lead = story("lead", 1, 2500)
    front = story_piece(lead, GRID, 1, True)
    assert [s for s in range(1, 7) if front.body[s]] == [4, 5, 6]
    assert all(story_piece(lead, GRID, 1, False).body[1:])
    stories = [lead] + [story(f"s{i}", i, 900) for i in (2, 3, 4)]
    page = PageSpec(1, "", (*MASTHEAD, CORNER), front=True)
    for proposal in make_up_page(page, GRID, stories, k=3):
        check_proposal(proposal, page, stories)
        assert proposal.placement("lead").span >= 4


def _module(piece: int, line: int, height_body: int, *, slack: int = 0, span: int = 6) -> Module:
    return Module(piece, 0, line, span, 0, 2, slack, height_body, GRID.gap, False)


def test_white_that_touches_is_one_white_a_reader_sees():
    """A module's white line, a short skipped strip and the designed white over the next
    headline, one under another in a column, are one stretch of white; a module's own white
    line under its legs does not count towards the depth."""
    board = Board(GRID, PageSpec(2, "", RUNNING_HEAD))
    upper = _module(0, 2, 7, span=1)  # lines 2–11: head 2, legs 7, white line 11
    lower = _module(1, 14, 10, slack=2, span=1)  # white over its headline: lines 14–15
    tops = [board.height] * GRID.columns
    strip = [(12, 0, 1, 2)]  # lines 12–13 skipped in column 0
    layout = Layout([upper, lower], 2, strip, [], tops)
    assert deep_holes(board, layout) == 1  # 2 + 2 = DEEP_HOLE lines
    lower.slack = 0
    assert deep_holes(board, Layout([upper, lower], 2, strip, [], tops)) == 0


def test_a_band_across_the_foot_is_spread_over_and_under_the_headlines_above_it():
    """Two stories across the page fall eight lines short: the white goes over the second
    story's headline and under each headline group (题区 white, three lines at most each), the
    modules below moving down, lower slots first; the page's head stays where it is."""
    board = Board(GRID, PageSpec(2, "", RUNNING_HEAD))
    first, second = _module(0, 2, 27), _module(1, 32, 27)  # bottoms at 32 and 62
    tops = [62] * GRID.columns
    layout = Layout([first, second], 8 * GRID.columns, [], [], tops)
    spread = spread_foot(board, layout)
    a, b = spread.modules
    assert (a.line, a.slack, a.head, a.head_white) == (2, 0, 4, 2)
    assert (b.line, b.slack, b.head, b.head_white) == (34, 3, 5, 3)
    assert b.line + b.height == 70 and a.line + a.height == b.line
    assert spread.hole_cells == 0
    assert layout.modules[1].slack == 0  # the given layout is left as it was
    # no full-width band (one column reaches the foot): nothing moves
    deep = Layout([first, second, _module(2, 62, 7, span=1)], 0, [], [], tops)
    assert spread_foot(board, deep) is deep


def test_a_page_of_one_story_takes_the_white_under_its_headline():
    """An over-full issue's inside page holds its lead alone (nothing in the bin fits the
    rest): the lines left at the foot go under its headline group, as composition sets them."""
    page = PageSpec(5, "", RUNNING_HEAD)
    (best,) = make_up_page(page, GRID, [story("lead", 1, 3600)], k=1)
    (pl,) = best.placements
    assert pl.head_white == MAX_HEAD_WHITE and pl.slack <= MAX_WHITE
    assert all(h.lines < DEEP_HOLE for h in best.holes)


def test_many_floating_slots_are_tried_one_move_at_a_time_and_no_more_than_a_dozen_ways():
    """Three QR slots with five places each would be 125 make-ups of the page: the furniture as
    it stands comes first, then each slot moved alone, and the page is made up a dozen times at
    most."""
    slots = tuple(
        Floating(f"qr{n}", tuple(Rect(2 * n, 20 + 8 * k, 2, 6) for k in range(5))) for n in range(3)
    )
    ways = PageSpec(1, "", MASTHEAD, front=True, floating=slots).arrangements()
    assert len(ways) == MAX_ARRANGEMENTS
    first = [dict(p) for _, p in ways]
    assert first[0] == {f"qr{n}": Rect(2 * n, 20, 2, 6) for n in range(3)}
    moved = [sum(p[f"qr{n}"] != first[0][f"qr{n}"] for n in range(3)) for p in first]
    assert moved == [0] + [1] * (MAX_ARRANGEMENTS - 1)
