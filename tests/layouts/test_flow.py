"""Threads: text flows through frames in order, across pages, with jump lines and overset."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from layouts.flow import JUMP_FROM, JUMP_TO, ParagraphCache, Story, TextFrame, flow_story
from layouts.fonts.metrics import Face, FaceSet
from layouts.grid import tabloid
from layouts.headline import HeadGroup, HeadLine, compose_head, set_line
from layouts.text import Paragraph, TextStyle

TEST_FONT = str(Path(__file__).resolve().parent.parent / "fonts" / "BanmianTestSerifSC-Regular.ttf")

TEXT = (
    "从今年1月1日开始,北京市人民政府便民电话中心12345市民服务热线开始将街道(乡镇)管辖权属清晰的"
    "群众诉求直接派给街乡镇,街乡镇要迅速回应,接诉即办,区政府同时接到派单,负责督办。"
)


@pytest.fixture(scope="module")
def faces() -> FaceSet:
    return FaceSet({"song": Face("song", TEST_FONT), "kai": Face("kai", TEST_FONT)})


GRID = tabloid()
BODY = TextStyle("song", GRID.body_size, GRID.leading)
JUMP = TextStyle("kai", GRID.body_size, GRID.leading, indent=0, align="right")


def frame(fid: str, page: int, col: int, span: int, line: int, lines: int) -> TextFrame:
    return TextFrame(
        fid,
        page,
        GRID.column_x(col),
        GRID.baseline(line) - GRID.body_size * 0.88,
        GRID.span_width(span),
        lines * GRID.leading,
        span,
        GRID.gutter,
    )


def story(frames: list[TextFrame], n: int = 6, head=None) -> Story:
    pars = tuple(Paragraph.plain(TEXT, BODY) for _ in range(n))
    return Story("s", pars, tuple(frames), head=head, jump_style=JUMP)


def run(st: Story, faces: FaceSet):
    def jump(text, style, width, align):
        return set_line(text, style, faces, width, align)

    return flow_story(st, ParagraphCache(faces), GRID, jump)


def body_text(layout) -> str:
    return "".join(pl.line.text for pl in layout.lines if pl.paragraph >= 0)


def test_everything_fits_in_a_big_frame(faces: FaceSet) -> None:
    layout = run(story([frame("a", 1, 0, 2, 0, 40)]), faces)
    assert layout.overset == 0
    assert body_text(layout) == TEXT * 6
    assert layout.fill["a"].free > 0


def test_overset_is_counted_never_dropped(faces: FaceSet) -> None:
    layout = run(story([frame("a", 1, 0, 1, 0, 10)]), faces)
    placed = body_text(layout)
    assert placed + (TEXT * 6)[len(placed) :] == TEXT * 6
    assert layout.overset == len("".join((TEXT * 6)[len(placed) :].split())) > 0


def test_thread_across_pages_sets_jump_lines(faces: FaceSet) -> None:
    first, second = frame("a", 1, 0, 2, 0, 8), frame("b", 3, 2, 3, 10, 40)
    layout = run(story([first, second]), faces)
    assert layout.overset == 0
    assert body_text(layout) == TEXT * 6  # nothing lost or repeated across the jump
    jumps = [(pl.frame, pl.line.text) for pl in layout.lines if pl.paragraph < 0]
    assert jumps == [("a", JUMP_TO.format(page=3)), ("b", JUMP_FROM.format(page=1))]
    to_line = next(pl for pl in layout.lines if pl.line.text == "（下转第3版）")
    last_baseline = max(pl.baseline for pl in layout.lines if pl.frame == "a")
    assert to_line.baseline == last_baseline and to_line.x == first.column_x(1)
    seg = to_line.line.segments[0]
    right = seg.xs[-1] + faces["kai"].advance("）") * GRID.body_size
    assert right == pytest.approx(first.column_width)  # flush right in its column


def test_frames_on_the_same_page_need_no_jump_lines(faces: FaceSet) -> None:
    layout = run(story([frame("a", 2, 0, 1, 0, 6), frame("b", 2, 3, 2, 0, 40)]), faces)
    assert all(pl.paragraph >= 0 for pl in layout.lines)
    assert body_text(layout) == TEXT * 6


def test_moving_the_continuation_renumbers_jumps(faces: FaceSet) -> None:
    layout = run(story([frame("a", 1, 0, 2, 0, 8), frame("b", 5, 0, 3, 0, 40)]), faces)
    texts = [pl.line.text for pl in layout.lines if pl.paragraph < 0]
    assert texts == ["（下转第5版）", "（上接第1版）"]


def test_lines_sit_on_the_baseline_grid(faces: FaceSet) -> None:
    head, _ = compose_head(HeadGroup(HeadLine("标题", "song", 22)), 300, faces, "a")
    layout = run(story([frame("a", 1, 1, 3, 5, 30)], head=head), faces)
    grid_baselines = {round(GRID.baseline(k), 6) for k in range(80)}
    assert all(round(pl.baseline, 6) in grid_baselines for pl in layout.lines)
    top = GRID.baseline(5) - GRID.body_size * 0.88
    assert min(pl.baseline for pl in layout.lines) >= top + head.height


def test_columns_fill_left_to_right_top_down(faces: FaceSet) -> None:
    f = frame("a", 1, 0, 3, 0, 12)
    layout = run(story([f], n=8), faces)
    order = [(pl.x, pl.baseline) for pl in layout.lines]
    assert order == sorted(order)
    assert {pl.x for pl in layout.lines} == {f.column_x(i) for i in range(3)}


def test_width_change_between_frames_recomposes(faces: FaceSet) -> None:
    a, b = frame("a", 1, 0, 1, 0, 7), frame("b", 2, 0, 4, 0, 40)
    layout = run(story([a, b]), faces)
    assert body_text(layout) == TEXT * 6
    widths = {pl.frame: pl.line.width for pl in layout.lines if pl.paragraph >= 0}
    assert widths["a"] == pytest.approx(a.column_width)
    assert widths["b"] == pytest.approx(b.column_width)


def test_deterministic(faces: FaceSet) -> None:
    frames = [frame("a", 1, 0, 2, 0, 8), frame("b", 3, 0, 3, 0, 40)]
    assert run(story(frames), faces).lines == run(story(frames), faces).lines


def test_cache_recomposes_only_the_edited_paragraph(faces: FaceSet) -> None:
    cache = ParagraphCache(faces)
    pars = [Paragraph.plain(TEXT + str(i), BODY) for i in range(5)]
    st = Story("s", tuple(pars), (frame("a", 1, 0, 2, 0, 60),))
    flow_story(st, cache, GRID)
    misses = cache.misses
    pars[2] = Paragraph.plain(TEXT + "改", BODY)
    flow_story(Story("s", tuple(pars), st.frames), cache, GRID)
    assert cache.misses == misses + 1


def legs(layout, f: TextFrame) -> list[int]:
    """Lines in each column of a frame, left to right, read from where the lines sit."""
    return [
        sum(1 for pl in layout.lines if pl.frame == f.id and abs(pl.x - f.column_x(c)) < 1e-6)
        for c in range(f.columns)
    ]


def bottoms(layout, f: TextFrame) -> list[float]:
    return [
        max(pl.baseline for pl in layout.lines if pl.frame == f.id and pl.x == f.column_x(c))
        for c in range(f.columns)
    ]


@pytest.mark.parametrize(("span", "n"), [(3, 2), (4, 3), (4, 5), (5, 4), (6, 1), (2, 6)])
def test_the_last_frame_balances_its_columns(faces: FaceSet, span: int, n: int) -> None:
    f = frame("a", 1, 0, span, 0, 60)
    layout = run(story([f], n=n), faces)
    depth = legs(layout, f)
    total = sum(depth)
    assert layout.overset == 0 and body_text(layout) == TEXT * n
    assert total >= span and min(depth) > 0  # no empty column
    assert max(depth) - min(depth) <= 1 and depth == sorted(depth, reverse=True)
    tops = {
        c: min(pl.baseline for pl in layout.lines if pl.x == f.column_x(c)) for c in range(span)
    }
    assert len(set(tops.values())) == 1  # every leg starts on the first line
    assert max(bottoms(layout, f)) - min(bottoms(layout, f)) <= GRID.leading + 1e-6
    fill = layout.fill["a"]
    assert fill.balanced and fill.depth == max(depth) and fill.lines == total
    assert fill.capacity == 60 and fill.spare_lines == 60 - max(depth)
    assert fill.free == span * 60 - total  # what 缺N字 is counted from


def test_reading_order_survives_balancing(faces: FaceSet) -> None:
    f = frame("a", 1, 0, 4, 0, 60)
    layout = run(story([f], n=5), faces)
    order = [(pl.x, pl.baseline) for pl in layout.lines]
    assert order == sorted(order)
    assert [(pl.paragraph, pl.line.start) for pl in layout.lines] == sorted(
        (pl.paragraph, pl.line.start) for pl in layout.lines
    )


def test_fit_height_holds_the_deepest_leg_in_whole_lines(faces: FaceSet) -> None:
    f = frame("a", 1, 0, 3, 0, 60)
    layout = run(story([f], n=3), faces)
    fill = layout.fill["a"]
    assert fill.depth < 60
    shrunk = TextFrame(f.id, f.page, f.x, f.y, f.w, fill.fit_height, f.columns, f.gutter)
    again = run(story([shrunk], n=3), faces)
    assert again.overset == 0 and again.fill["a"].spare_lines == 0
    assert [(pl.x, pl.baseline) for pl in again.lines] == [
        (pl.x, pl.baseline) for pl in layout.lines
    ]
    one_less = TextFrame(f.id, f.page, f.x, f.y, f.w, fill.fit_height - 1, f.columns, f.gutter)
    assert run(story([one_less], n=3), faces).fill["a"].depth == fill.depth - 1


def test_fewer_lines_than_columns_stand_one_per_column(faces: FaceSet) -> None:
    short = "接诉即办。"
    f = frame("a", 1, 0, 4, 0, 20)
    pars = (Paragraph.plain(short, BODY), Paragraph.plain(short, BODY))
    layout = run(Story("s", pars, (f,), jump_style=JUMP), faces)
    assert legs(layout, f) == [1, 1, 0, 0]


def test_a_full_last_frame_fills_every_column_and_reports_overset(faces: FaceSet) -> None:
    f = frame("a", 1, 0, 3, 0, 10)
    layout = run(story([f], n=6), faces)
    assert layout.overset > 0 and legs(layout, f) == [10, 10, 10]
    assert not layout.fill["a"].balanced and layout.fill["a"].spare_lines == 0


def test_a_continued_story_fills_its_first_frame_and_balances_its_last(faces: FaceSet) -> None:
    first, last = frame("a", 1, 0, 3, 0, 8), frame("b", 2, 0, 4, 0, 40)
    layout = run(story([first, last], n=6), faces)
    assert legs(layout, first) == [8, 8, 8]  # as today: full, the jump line closing it
    to_line = [pl for pl in layout.lines if pl.paragraph < 0 and pl.frame == "a"]
    assert [pl.line.text for pl in to_line] == [JUMP_TO.format(page=2)]
    assert to_line[0].x == first.column_x(2) and to_line[0].baseline == max(
        pl.baseline for pl in layout.lines if pl.frame == "a"
    )
    depth = legs(layout, last)  # the （上接第1版） line counts in the first leg
    assert max(depth) - min(depth) <= 1 and min(depth) > 0
    assert body_text(layout) == TEXT * 6 and layout.overset == 0
    assert not layout.fill["a"].balanced and layout.fill["b"].balanced


def follow_story(frames: list[TextFrame], faces: FaceSet, n: int = 6):
    """A story whose continuations open under a 续题 over their （上接） line; the calls made."""
    calls: list[tuple[str, str]] = []

    def follow(f: TextFrame, jump: str):
        calls.append((f.id, jump))
        group = HeadGroup(
            HeadLine("热线续题", "song", 14.0), subheadline=HeadLine(jump, "kai", GRID.body_size)
        )
        return compose_head(group, f.w, faces, f.id)[0]

    return replace(story(frames, n=n), follow=follow), calls


def test_a_continuation_opens_under_its_head_across_its_columns(faces: FaceSet) -> None:
    first, cont = frame("a", 1, 0, 3, 0, 8), frame("b", 2, 1, 4, 10, 40)
    st, calls = follow_story([first, cont], faces)
    layout = run(st, faces)
    assert calls == [("b", JUMP_FROM.format(page=1))]  # the continuation only
    page, items = layout.head_items["b"]
    assert page == 2 and "a" not in layout.head_items  # the first frame has no head here
    assert [it.text for it in items] == ["热线续题", JUMP_FROM.format(page=1)]
    for it in items:  # each centred across the 4 columns (its brackets set half-width: ½ em)
        left, right = it.xs[0], it.xs[-1] + it.size
        assert cont.x <= left and right <= cont.x + cont.w
        off = 1.0 if it.text == "热线续题" else it.size / 2
        assert abs((left + right) / 2 - (cont.x + cont.w / 2)) <= off
    head_bottom = max(it.y for it in items)
    legs_b = [pl for pl in layout.lines if pl.frame == "b"]
    assert all(pl.paragraph >= 0 for pl in legs_b)  # the （上接） line is in the head, not a leg
    assert min(pl.baseline for pl in legs_b) > head_bottom + GRID.body_size * 0.5
    assert {pl.baseline for pl in legs_b} <= {GRID.baseline(k) for k in range(80)}  # on the grid
    depth = legs(layout, cont)
    assert max(depth) - min(depth) <= 1 and layout.fill["b"].balanced
    assert body_text(layout) == TEXT * 6 and layout.overset == 0


def test_no_continuation_head_on_the_same_page_or_after_the_story_ended(faces: FaceSet) -> None:
    same = frame("b", 1, 0, 3, 20, 30)
    st, calls = follow_story([frame("a", 1, 0, 3, 0, 8), same], faces)
    layout = run(st, faces)
    assert calls == [] and "b" not in layout.head_items and layout.overset == 0
    st, calls = follow_story([frame("a", 1, 0, 3, 0, 40), frame("c", 2, 0, 2, 0, 40)], faces, n=3)
    layout = run(st, faces)
    assert calls == [] and layout.fill["c"].lines == 0  # nothing continues: no 续题 over nothing


def test_a_story_ending_before_its_last_frame_balances_where_it_ends(faces: FaceSet) -> None:
    first, spare = frame("a", 1, 0, 3, 0, 40), frame("b", 2, 0, 2, 0, 40)
    layout = run(story([first, spare], n=3), faces)
    depth = legs(layout, first)
    assert max(depth) - min(depth) <= 1 and min(depth) > 0
    assert all(pl.paragraph >= 0 for pl in layout.lines)  # nothing jumps: nothing continues
    assert layout.fill["b"].lines == 0 and layout.fill["b"].depth == 0
