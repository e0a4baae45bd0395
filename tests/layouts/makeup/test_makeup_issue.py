"""A whole issue: stories on their section's page, page 1 first with the top stories, jumps from
page 1 continued inside, what fits nowhere reported whole."""

from __future__ import annotations

from layouts.makeup import PageSpec, Rect, make_up_issue
from tests.layouts.makeup.helpers import GRID, MASTHEAD, RUNNING_HEAD, story

SECTIONS = ("要闻", "综合新闻", "体育健康", "城市管理")


def _pages(n: int = 4) -> list[PageSpec]:
    return [
        PageSpec(i + 1, SECTIONS[i], MASTHEAD if i == 0 else RUNNING_HEAD, front=i == 0)
        for i in range(n)
    ]


def _check(result, pages, stories) -> None:
    """Every story is placed whole on one page, jumped with its rest on a later page, or in
    the bin — never twice, never cut."""
    by_id = {s.id: s for s in stories}
    seen: dict[tuple[str, int], int] = {}
    for page, prop in zip(pages, result.pages, strict=True):
        assert prop.page == page.number
        for pl in prop.placements:
            assert (pl.story, pl.part) not in seen, pl
            seen[(pl.story, pl.part)] = page.number
        for a in prop.placements:
            for b in prop.placements:
                assert a is b or not a.rect.overlaps(b.rect)
    placed = {s for s, part in seen if part == 0}
    assert placed | set(result.unplaced) == set(by_id)
    assert not placed & set(result.unplaced)
    jumps = {j.story: j for j in result.jumps}
    for (sid, part), number in seen.items():
        prop = result.pages[[p.number for p in pages].index(number)]
        pl = prop.placement(sid, part)
        s = by_id[sid]
        if part == 1:
            j = jumps[sid]
            assert j.to_page == number and j.from_page != number
            first = result.pages[[p.number for p in pages].index(j.from_page)].placement(sid)
            held = first.span * first.body_lines - 1  # its last slot is （下转第N版）
            rest = s.body_depth(1) - held
            assert pl.span * pl.body_lines - 1 >= rest  # （上接第N版） opens the continuation
        elif pl.jumps:
            assert sid in jumps and jumps[sid].from_page == number
        else:
            assert pl.body_lines >= s.body_depth(pl.span)
    assert set(jumps) == {s for s, part in seen if part == 1}


def test_stories_land_on_their_sections_pages():
    pages = _pages()
    sizes = (1000, 600, 450, 350)
    stories = [
        story(f"{sec}-{r}", r, sizes[r - 1], section=sec) for sec in SECTIONS for r in range(1, 5)
    ]
    result = make_up_issue(pages, GRID, stories, seed=3)
    _check(result, pages, stories)
    assert not result.unplaced
    for page, prop in zip(pages, result.pages, strict=True):
        for pl in prop.placements:
            if pl.part == 0:
                assert pl.story.startswith(page.section), (page.number, pl.story)


def test_page_one_takes_the_top_stories_nobody_placed():
    pages = _pages(2)
    stories = [story(f"s{r}", r, 500) for r in (4, 1, 3, 2, 5, 6)]  # no section, no page
    result = make_up_issue(pages, GRID, stories)
    _check(result, pages, stories)
    front = {pl.story for pl in result.pages[0].placements}
    assert {"s1", "s2", "s3"} <= front


def test_a_long_front_page_story_jumps_inside_and_is_continued():
    pages = _pages(3)
    stories = [
        story("lead", 1, 5200, section="要闻"),
        story("two", 2, 500, section="要闻"),
        story("three", 3, 400, section="要闻"),
        story("inside", 1, 900, section="综合新闻"),
        story("inside2", 2, 600, section="体育健康"),
    ]
    result = make_up_issue(pages, GRID, stories)
    _check(result, pages, stories)
    assert [(j.story, j.from_page) for j in result.jumps] == [("lead", 1)]
    assert result.jumps[0].to_page in (2, 3)
    assert not result.unplaced


def test_a_jump_with_nowhere_to_go_is_not_made():
    pages = _pages(1)  # a front page alone: no inside page to continue on
    stories = [story("lead", 1, 6000), story("two", 2, 500), story("three", 3, 400)]
    result = make_up_issue(pages, GRID, stories)
    _check(result, pages, stories)
    assert not result.jumps
    assert "lead" in result.unplaced  # longer than the page: in the bin whole, never cut


def test_an_overfull_issue_reports_what_stayed_in_the_bin():
    pages = _pages(2)
    stories = [
        story(f"{sec}-{r}", r, 1500, section=sec) for sec in SECTIONS[:2] for r in range(1, 6)
    ]
    result = make_up_issue(pages, GRID, stories)
    _check(result, pages, stories)
    assert result.unplaced
    leads = {f"{sec}-1" for sec in SECTIONS[:2]}
    assert not leads & set(result.unplaced)


def test_one_seed_one_issue():
    pages = _pages()
    stories = [
        story(f"{sec}-{r}", r, 300 + 170 * r, section=sec) for sec in SECTIONS for r in range(1, 5)
    ]
    a = make_up_issue(pages, GRID, stories, seed=11, node_limit=300, evaluations=300)
    b = make_up_issue(pages, GRID, stories, seed=11, node_limit=300, evaluations=300)
    assert a == b


def test_a_thin_front_page_borrows_a_second_story_from_inside():
    pages = _pages(3)
    stories = [
        story("front-lead", 1, 900, section="要闻"),
        story("inside-lead", 1, 900, section="综合新闻"),
        story("inside-two", 2, 400, section="综合新闻"),
        story("other-lead", 1, 900, section="体育健康"),
        story("other-two", 2, 700, section="体育健康"),
    ]
    result = make_up_issue(pages, GRID, stories)
    _check(result, pages, stories)
    front = {pl.story for pl in result.pages[0].placements}
    assert "front-lead" in front and "inside-two" in front  # the shorter second story
    assert "inside-lead" not in front and "other-lead" not in front


def test_the_front_lead_jumps_shorter_rather_than_wait_in_the_bin():
    """An over-full issue, a QR slot at the foot of page 1 (so the lead cannot stand whole
    across the page): the inside page's own lead leaves too little room for the front lead's
    first cut, so the front lead keeps more of itself on page 1 and its continuation takes the
    inside page's second story's place. The issue's top story is not the one left out."""
    qr = Rect(4, 54, 2, 6)
    pages = [
        PageSpec(1, "要闻", (*MASTHEAD, qr), front=True),
        PageSpec(2, "综合新闻", RUNNING_HEAD),
    ]
    stories = [
        story("lead", 1, 3000, section="要闻"),
        story("two", 2, 800, section="要闻"),
        story("three", 3, 800, section="要闻"),
        story("inside", 1, 3000, section="综合新闻"),
        story("inside2", 2, 800, section="综合新闻"),
    ]
    result = make_up_issue(pages, GRID, stories)
    _check(result, pages, stories)
    assert "lead" not in result.unplaced and "inside" not in result.unplaced
    assert [(j.story, j.from_page, j.to_page) for j in result.jumps] == [("lead", 1, 2)]
    assert result.pages[0].placement("lead").page_rank == 1
