"""The trade's rules on made-up pages (MAKEUP.md): the lead leads, heads do not bump when they
need not, legs are not shallow, what does not fit is reported, jumps only from page 1."""

from __future__ import annotations

import pytest

from layouts.makeup import Grid, PageSpec, Picture, Rect, Weights, make_up_page
from layouts.makeup.sketch import sketch
from tests.layouts.makeup.helpers import GRID, MASTHEAD, RUNNING_HEAD, bumps, check_proposal, story


def _best(page, stories, grid=GRID, **kw):
    props = make_up_page(page, grid, stories, **kw)
    for p in props:
        check_proposal(p, page, stories, grid)
    return props[0]


def test_the_lead_takes_the_top_left_and_the_widest_span():
    page = PageSpec(3, "体育健康", RUNNING_HEAD)
    stories = [
        story("second", 2, 620),
        story("lead", 1, 1100),
        story("third", 3, 480),
        story("brief", 4, 300),
    ]
    best = _best(page, stories)
    lead = best.placement("lead")
    assert lead is not None, sketch(best, GRID, page)
    assert (lead.rect.col, lead.rect.line) == (0, 2), sketch(best, GRID, page)
    assert all(lead.span >= pl.span for pl in best.placements), sketch(best, GRID, page)
    # and the second story is not below the third
    second, third = best.placement("second"), best.placement("third")
    assert second.rect.line <= third.rect.line, sketch(best, GRID, page)


def test_front_page_lead_sits_under_the_masthead():
    page = PageSpec(1, "要闻", MASTHEAD, front=True)
    stories = [story(f"s{r}", r, c) for r, c in ((1, 1100), (2, 330), (3, 570), (4, 385), (5, 440))]
    best = _best(page, stories)
    lead = best.placement("s1")
    assert lead.rect.line == 11 and lead.rect.col == 0, sketch(best, GRID, page)
    assert lead.span >= 3
    assert len(best.placements) >= 3


def test_headlines_do_not_bump_when_stacking_avoids_it():
    # two equal stories fill a 40-line page either side by side (heads level) or stacked
    grid = Grid(lines=40)
    page = PageSpec(2, "", ())
    stories = [story("a", 2, 1000, head_chars=8), story("b", 2, 1000, head_chars=8)]
    best = _best(page, stories, grid)
    assert not best.unplaced
    assert bumps(best) == [], sketch(best, grid, page)


def test_the_bump_rule_takes_headlines_apart_on_a_full_page():
    # a full page of five: without the rule the best page sets two pairs of heads level
    page = PageSpec(3, "", RUNNING_HEAD)
    stories = [story(f"s{i}", i, c) for i, c in enumerate((1200, 750, 700, 400, 350), start=1)]
    ruled = _best(page, stories)
    free = _best(page, stories, weights=Weights(bump=0.0))
    assert len(bumps(ruled)) < len(bumps(free)), sketch(ruled, GRID, page)


def test_short_stories_keep_legs_of_five_lines():
    page = PageSpec(4, "", RUNNING_HEAD)
    # a brief of ~9 lines could be set across 6 columns in 2-line legs; it must not be
    stories = [
        story("lead", 1, 1400),
        story("two", 2, 800),
        story("three", 3, 700),
        story("four", 4, 500),
        story("brief", 5, 90),
    ]
    best = _best(page, stories)
    brief = best.placement("brief")
    assert brief is not None
    assert brief.body_lines >= 5, sketch(best, GRID, page)


def test_what_does_not_fit_stays_in_the_bin_whole():
    page = PageSpec(5, "", RUNNING_HEAD)
    stories = [story(f"s{i}", i, 2400) for i in range(1, 6)]  # twice what a page holds
    best = _best(page, stories)
    out = {s for s, _ in best.unplaced}
    assert out and len(out) + len(best.placements) == 5
    assert not best.continuations, "an inside page does not jump"
    assert "s1" not in out, "the lead is the last story left out"


def test_a_front_page_story_too_long_for_the_page_jumps():
    page = PageSpec(1, "要闻", MASTHEAD, front=True)
    stories = [story("lead", 1, 6000), story("two", 2, 400), story("three", 3, 350)]
    best = _best(page, stories)
    assert [c.story for c in best.continuations] == ["lead"]
    lead = best.placement("lead")
    assert lead.jumps and lead.rect.line == 11
    assert not best.unplaced


def test_the_same_page_inside_does_not_jump():
    page = PageSpec(2, "", RUNNING_HEAD)
    stories = [story("lead", 1, 9000), story("two", 2, 400)]
    best = _best(page, stories)
    assert not best.continuations
    assert ("lead", 0) in best.unplaced  # longer than the page: reported, never cut


def test_a_picture_is_set_with_its_story():
    page = PageSpec(6, "", RUNNING_HEAD)
    stories = [
        story("lead", 1, 900, picture=Picture(0.6)),
        story("two", 2, 700),
        story("three", 3, 500),
    ]
    best = _best(page, stories)
    lead = best.placement("lead")
    full = GRID.lines_for(0.6 * GRID.span_width(lead.span)) + 1
    assert 0 < lead.picture_lines <= full
    assert lead.picture_lines >= GRID.lines_for(0.6 * 0.75 * GRID.span_width(lead.span)) + 1


def test_furniture_in_the_middle_of_the_page_is_respected():
    box = Rect(4, 30, 2, 20)
    page = PageSpec(7, "", RUNNING_HEAD + (box,))
    stories = [story(f"s{i}", i, c) for i, c in enumerate((1000, 700, 500, 400, 300), start=1)]
    best = _best(page, stories)
    assert all(not pl.rect.overlaps(box) for pl in best.placements)


def test_bad_input_is_refused_clearly():
    page = PageSpec(2, "")
    with pytest.raises(ValueError, match="share an id"):
        make_up_page(page, GRID, [story("a", 1, 300), story("a", 2, 300)])
    with pytest.raises(ValueError, match="lines"):
        Grid(lines=0)
    bad = story("a", 1, 300)
    bad = type(bad)(**{**bad.__dict__, "body_depth": lambda span: -1})
    with pytest.raises(ValueError, match="measurer"):
        make_up_page(page, GRID, [bad])
