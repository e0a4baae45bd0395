"""Text wrap (绕排): lines a wrap area crosses are shortened from the covered side or skipped, on the baseline grid, with nothing lost; which overlaps a wrap plans."""

from __future__ import annotations

from pathlib import Path

import pytest

from layouts.flow import JUMP_FROM, JUMP_TO, ParagraphCache, Story, TextFrame, flow_story
from layouts.fonts.metrics import Face, FaceSet
from layouts.grid import tabloid
from layouts.headline import set_line
from layouts.text import Paragraph, TextStyle
from layouts.units import mm
from layouts.wrap import (
    MIN_MEASURE_EMS,
    Block,
    Offsets,
    WrapArea,
    measure,
    offsets_of,
    unplanned_overlaps,
    wrap_area,
)

TEST_FONT = str(Path(__file__).resolve().parent.parent / "fonts" / "BanmianTestSerifSC-Regular.ttf")
TEXT = (
    "从今年1月1日开始，北京市人民政府便民电话中心12345市民服务热线开始将街道（乡镇）管辖权属清晰的"
    "群众诉求直接派给街乡镇，街乡镇要迅速回应，接诉即办，区政府同时接到派单，负责督办。"
)
GRID = tabloid()
EM = GRID.body_size
BODY = TextStyle("song", GRID.body_size, GRID.leading)
JUMP = TextStyle("kai", GRID.body_size, GRID.leading, indent=0, align="right")
GRID_BASELINES = {round(GRID.baseline(k), 6) for k in range(80)}


@pytest.fixture(scope="module")
def faces() -> FaceSet:
    return FaceSet({"song": Face("song", TEST_FONT), "kai": Face("kai", TEST_FONT)})


def frame(fid: str, page: int, col: int, span: int, line: int, lines: int) -> TextFrame:
    top = GRID.baseline(line) - GRID.body_size * 0.88
    return TextFrame(
        fid,
        page,
        GRID.column_x(col),
        top,
        GRID.span_width(span),
        lines * GRID.leading,
        span,
        GRID.gutter,
    )


def picture(page: int, col: int, span: int, line: int, lines: int, offset: float = 2.0):
    """A picture frame's wrap area on the grid, `offset` mm around it."""
    f = frame("pic", page, col, span, line, lines)
    return wrap_area(page, f.x, f.y, f.w, f.h, Offsets(*(offset,) * 4), "frame-pic")


def run(frames: list[TextFrame], faces: FaceSet, n: int = 6, wraps=(), head=None):
    pars = tuple(Paragraph.plain(TEXT, BODY) for _ in range(n))
    st = Story("s", pars, tuple(frames), head=head, jump_style=JUMP, wraps=tuple(wraps))

    def jump(text, style, width, align):
        return set_line(text, style, faces, width, align)

    return flow_story(st, ParagraphCache(faces), GRID, jump)


def body_text(layout) -> str:
    return "".join(pl.line.text for pl in layout.lines if pl.paragraph >= 0)


def inside(area: WrapArea, pl) -> bool:
    """Whether a placed line's box meets the area."""
    top, bottom = pl.baseline - pl.size * 0.88, pl.baseline + pl.size * 0.12
    return area.meets(pl.x, top, pl.x + pl.line.width, bottom)


# -- the measure of one line ------------------------------------------------------------------


def test_a_line_no_area_crosses_keeps_its_column_exactly() -> None:
    x0, w = GRID.column_x(1), GRID.column_width
    above = WrapArea(1, x0, 0, x0 + w, 50)
    assert measure(x0, w, 60, 70, [above], EM) == (x0, w)


def test_a_column_covered_whole_has_no_line() -> None:
    x0, w = GRID.column_x(1), GRID.column_width
    assert measure(x0, w, 60, 70, [WrapArea(1, x0 - 6, 55, x0 + w + 6, 80)], EM) is None


def test_a_cover_from_the_left_shortens_the_line_to_whole_characters_flush_right() -> None:
    x0, w = GRID.column_x(0), GRID.column_width
    x, width = measure(x0, w, 60, 70, [WrapArea(1, 0, 50, x0 + 3.5 * EM, 80)], EM)  # type: ignore[misc]
    assert width == pytest.approx(7 * EM)  # 11 字 less 3.5: seven whole 字
    assert x + width == pytest.approx(x0 + w)  # the outer edge stays; characters stay in line
    assert x >= x0 + 3.5 * EM


def test_a_cover_from_the_right_keeps_the_left_edge() -> None:
    x0, w = GRID.column_x(2), GRID.column_width
    x, width = measure(x0, w, 60, 70, [WrapArea(1, x0 + 6.2 * EM, 50, 999, 80)], EM)  # type: ignore[misc]
    assert (x, width) == (pytest.approx(x0), pytest.approx(6 * EM))


def test_a_sliver_is_left_empty() -> None:
    x0, w = GRID.column_x(0), GRID.column_width
    cover = WrapArea(1, x0 + (MIN_MEASURE_EMS - 0.5) * EM, 50, 999, 80)
    assert measure(x0, w, 60, 70, [cover], EM) is None


def test_a_picture_in_the_middle_leaves_the_wider_side() -> None:
    x0, w = GRID.column_x(0), GRID.column_width
    x, width = measure(x0, w, 60, 70, [WrapArea(1, x0 + 3 * EM, 50, x0 + 5 * EM, 80)], EM)  # type: ignore[misc]
    assert (x, width) == (pytest.approx(x0 + 5 * EM), pytest.approx(6 * EM))


def test_offsets_in_props() -> None:
    assert offsets_of({}) is None and offsets_of({"wrap": None}) is None
    assert offsets_of({"wrap": 3}) == Offsets(3, 3, 3, 3)
    assert offsets_of({"wrap": {"top": 1, "bottom": 4}}) == Offsets(top=1, bottom=4)
    assert Offsets(1, 2, 3, 4).prop() == {"top": 1, "right": 2, "bottom": 3, "left": 4}
    area = wrap_area(2, 100, 200, 50, 60, Offsets(1, 2, 3, 4))
    assert (area.x0, area.y0, area.x1, area.y1) == pytest.approx(
        (100 - mm(4), 200 - mm(1), 150 + mm(2), 260 + mm(3))
    )
    with pytest.raises(ValueError):
        offsets_of({"wrap": "around"})


# -- a story flowing around a picture ---------------------------------------------------------


def test_a_picture_taking_whole_columns_skips_their_lines_and_loses_nothing(
    faces: FaceSet,
) -> None:
    text = frame("a", 1, 0, 3, 0, 40)
    pic = picture(1, 1, 2, 4, 12)  # columns 2 and 3, lines 4–15
    plain, wrapped = run([text], faces), run([text], faces, wraps=[pic])
    assert body_text(wrapped) == body_text(plain) == TEXT * 6  # same text, same order
    assert wrapped.overset == 0
    assert not any(inside(pic, pl) for pl in wrapped.lines)
    assert any(inside(pic, pl) for pl in plain.lines)  # it was in the way
    assert all(round(pl.baseline, 6) in GRID_BASELINES for pl in wrapped.lines)
    assert {round(pl.line.width, 6) for pl in wrapped.lines} == {round(text.column_width, 6)}
    for col in (1, 2):
        rows = {
            k
            for k in range(40)
            for pl in wrapped.lines
            if pl.x == text.column_x(col) and pl.baseline == GRID.baseline(k)
        }
        skipped = set(range(min(rows), max(rows) + 1)) - rows
        covered = {
            k
            for k in range(40)
            if pic.y0 < GRID.baseline(k) + 0.12 * EM and pic.y1 > GRID.baseline(k) - 0.88 * EM
        }
        assert skipped == covered  # the picture and its white, nothing more


def test_a_partial_cover_shortens_the_lines_from_the_covered_side(faces: FaceSet) -> None:
    text = frame("a", 1, 0, 2, 0, 40)
    x0 = text.column_x(0)
    pic = WrapArea(1, x0 - 10, GRID.baseline(5), x0 + 4 * EM, GRID.baseline(12), "frame-pic")
    layout = run([text], faces, n=4, wraps=[pic])
    assert body_text(layout) == TEXT * 4 and layout.overset == 0
    crossed = [pl for pl in layout.lines if pl.x != x0 and pl.x < text.column_x(1)]
    assert crossed, "lines beside the picture are set, shorter"
    for pl in crossed:
        assert pl.x >= pic.x1 and pl.x + pl.line.width == pytest.approx(x0 + text.column_width)
        assert pl.line.width == pytest.approx(7 * EM)
        assert round(pl.baseline, 6) in GRID_BASELINES
        # the justified line fills its shorter measure: its last character ends at the edge
        seg = pl.line.segments[-1]
        if not pl.line.last:
            assert seg.xs[-1] + EM <= pl.line.width + 1e-6
    assert not any(inside(pic, pl) for pl in layout.lines)


def test_overset_is_reported_when_the_wrap_takes_the_room(faces: FaceSet) -> None:
    text = frame("a", 1, 0, 2, 0, 20)
    held = run([text], faces, n=3)
    assert held.overset == 0
    squeezed = run([text], faces, n=3, wraps=[picture(1, 0, 2, 0, 12)])
    assert squeezed.overset > 0
    placed = body_text(squeezed)
    assert placed == (TEXT * 3)[: len(placed)]  # what is set is the start, in order
    rest = (TEXT * 3)[len(placed) :]
    assert squeezed.overset == len("".join(rest.split()))


def test_the_text_frames_own_wrap_does_not_push_its_text(faces: FaceSet) -> None:
    text = frame("a", 1, 0, 3, 0, 40)
    own = wrap_area(1, text.x, text.y, text.w, text.h, Offsets(), owner="a")
    assert run([text], faces, wraps=[own]).lines == run([text], faces).lines


def test_a_wrap_on_another_page_changes_nothing(faces: FaceSet) -> None:
    text = frame("a", 1, 0, 3, 0, 40)
    assert run([text], faces, wraps=[picture(2, 0, 3, 0, 40)]).lines == run([text], faces).lines


def test_a_wrapped_frame_still_balances_its_legs(faces: FaceSet) -> None:
    text = frame("a", 1, 0, 3, 0, 60)
    pic = picture(1, 2, 1, 0, 10)  # the last column's top
    layout = run([text], faces, n=4, wraps=[pic])
    assert layout.overset == 0 and layout.fill["a"].balanced
    bottoms = [
        max(pl.baseline for pl in layout.lines if pl.x == text.column_x(c)) for c in range(3)
    ]
    assert max(bottoms) - min(bottoms) <= GRID.leading + 1e-6  # legs end on one line (±1)
    assert layout.fill["a"].depth < 60
    order = [(pl.x, pl.baseline) for pl in layout.lines]
    assert order == sorted(order)  # columns in turn, top down


def test_jump_lines_take_the_first_and_last_free_slots(faces: FaceSet) -> None:
    first = frame("a", 1, 0, 2, 0, 10)
    second = frame("b", 3, 0, 2, 0, 40)
    corner = picture(1, 1, 1, 6, 6)  # covers the bottom of page 1's last column
    top = picture(3, 0, 1, 0, 4)  # covers the top of page 3's first column
    layout = run([first, second], faces, wraps=[corner, top])
    jumps = [pl for pl in layout.lines if pl.paragraph < 0]
    assert [pl.line.text for pl in jumps] == [JUMP_TO.format(page=3), JUMP_FROM.format(page=1)]
    to, back = jumps
    assert to.x == first.column_x(1) and not inside(corner, to)
    last_leg = [pl.baseline for pl in layout.lines if pl.frame == "a" and pl.x == to.x]
    assert to.baseline == max(last_leg) < GRID.baseline(9)  # the column's last free line
    assert back.x == second.column_x(0) and not inside(top, back)
    first_leg = [pl.baseline for pl in layout.lines if pl.frame == "b" and pl.x == back.x]
    assert back.baseline == min(first_leg) > top.y1  # the first line in reading order
    assert body_text(layout) == TEXT * 6 and layout.overset == 0


# -- which overlaps a wrap plans ----------------------------------------------------------------


def block(key: str, x: float, w: float, text: bool, wrap: bool = False) -> Block:
    area = wrap_area(1, x, 0, w, 100, Offsets()) if wrap else None
    return Block(key, x, 0, w, 100, text, area)


def test_text_under_a_wrapped_frame_is_planned_two_pictures_are_not() -> None:
    story, pic = block("story", 0, 200, True), block("pic", 50, 60, False, wrap=True)
    assert unplanned_overlaps([story, pic]) == []
    bare = block("pic", 50, 60, False)
    assert [(a.key, b.key) for a, b, *_ in unplanned_overlaps([story, bare])] == [("pic", "story")]
    other = block("other", 80, 60, False, wrap=True)
    assert [(a.key, b.key) for a, b, *_ in unplanned_overlaps([pic, other])] == [("other", "pic")]
    touching = block("next", 200, 50, True)
    assert unplanned_overlaps([story, touching]) == []
