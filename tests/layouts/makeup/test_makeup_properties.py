"""Properties every make-up keeps, on random pages: no overlaps, inside the free area, every
story whole or properly jumped, the rest reported, holes accounted, one seed one result."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layouts.makeup import PageSpec, Picture, Rect, make_up_page
from tests.layouts.makeup.helpers import GRID, check_proposal, story

stories_st = st.lists(
    st.tuples(
        st.integers(1, 6),  # rank
        st.integers(40, 3000),  # characters
        st.booleans(),  # a picture
        st.floats(0.4, 1.2),  # its aspect
    ),
    min_size=1,
    max_size=9,
)
furniture_st = st.lists(
    st.tuples(st.integers(0, 5), st.integers(0, 60), st.integers(1, 6), st.integers(2, 14)),
    max_size=2,
)


def _page(front: bool, furniture) -> PageSpec:
    rects: list[Rect] = []
    for col, line, cols, lines in furniture:
        r = Rect(col, line, min(cols, 6 - col), min(lines, 70 - line))
        if not any(r.overlaps(o) for o in rects):
            rects.append(r)
    return PageSpec(1 if front else 3, "要闻", tuple(rects), front=front)


def _stories(spec):
    return [
        story(f"s{i}", rank, chars, picture=Picture(aspect) if pic else None)
        for i, (rank, chars, pic, aspect) in enumerate(spec)
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=stories_st, furniture=furniture_st, front=st.booleans(), seed=st.integers(0, 99))
def test_every_proposal_is_a_clean_tiling(spec, furniture, front, seed):
    page = _page(front, furniture)
    stories = _stories(spec)
    props = make_up_page(page, GRID, stories, k=3, seed=seed, evaluations=300, node_limit=4000)
    assert 1 <= len(props) <= 3
    for p in props:
        check_proposal(p, page, stories)
    totals = [p.score.total for p in props]
    assert totals == sorted(totals)
    shapes = {
        tuple(sorted((pl.story, pl.rect.cols, pl.rect.line) for pl in p.placements)) for p in props
    }
    assert len(shapes) == len(props), "proposals differ in a story's width or height on the page"
    if not front:
        assert not any(p.continuations for p in props), "inside stories do not jump by default"


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=stories_st, seed=st.integers(0, 99))
def test_one_seed_gives_one_result(spec, seed):
    page = _page(True, [(0, 0, 6, 11)])
    # the annealing fallback is what a seed steers: force it with a tiny node budget
    a = make_up_page(page, GRID, _stories(spec), seed=seed, evaluations=200, node_limit=50)
    b = make_up_page(page, GRID, _stories(spec), seed=seed, evaluations=200, node_limit=50)
    assert a == b
