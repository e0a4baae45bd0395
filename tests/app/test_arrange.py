"""Arranging frames on the grid without Qt: align, distribute, a group move held in the type area, the paste offset, and the free space a drop takes."""

from __future__ import annotations

import pytest

from app.edit.arrange import align, distribute, moved, paste_offset
from app.edit.free_space import free_place, free_runs, roomiest
from app.model import Frame
from layouts.grid import tabloid

GRID = tabloid()
L = GRID.leading
PITCH = GRID.column_width + GRID.gutter


def frame(i: int, col: int, span: int, line: int, lines: int, kind: str = "image") -> Frame:
    return Frame(
        kind,
        GRID.column_x(col),
        GRID.type_top + line * L,
        GRID.span_width(span),
        lines * L,
        page_id=1,
        id=i,
    )


def test_align_to_the_selection_and_one_frame_to_the_type_area() -> None:
    a, b = frame(1, 0, 2, 4, 10), frame(2, 3, 2, 9, 6)
    assert align(GRID, [a, b], "top")[2][1] == pytest.approx(a.y)
    assert align(GRID, [a, b], "bottom")[1][1] == pytest.approx(b.y + b.h - a.h)
    assert align(GRID, [a, b], "left")[2][0] == a.x
    assert align(GRID, [a, b], "right")[1][0] == b.x + b.w - a.w
    centred = align(GRID, [a, b], "hcenter")
    assert {r[0] for r in centred.values()} <= {GRID.column_x(c) for c in range(6)}  # on grid
    assert align(GRID, [b], "left")[2][0] == GRID.type_left  # alone: to the 版心
    assert align(GRID, [b], "bottom")[2][1] + b.h == pytest.approx(GRID.type_bottom, abs=L)
    with pytest.raises(ValueError):
        align(GRID, [a], "diagonal")


def test_distribute_keeps_the_outer_frames_and_evens_the_gaps() -> None:
    frames = [frame(1, 0, 1, 0, 5), frame(2, 0, 1, 6, 5), frame(3, 0, 1, 30, 5)]
    out = distribute(GRID, frames, "vertical")
    ys = [out[i][1] for i in (1, 2, 3)]
    assert ys[0] == frames[0].y and ys[2] == frames[2].y
    gaps = [ys[1] - (ys[0] + 5 * L), ys[2] - (ys[1] + 5 * L)]
    assert abs(gaps[0] - gaps[1]) <= L + 1e-6
    two = distribute(GRID, frames[:2], "vertical")
    assert two == {f.id: (f.x, f.y, f.w, f.h) for f in frames[:2]}  # nothing to even out


def test_a_group_move_keeps_its_shape_and_stays_inside() -> None:
    a, b = frame(1, 0, 2, 10, 10), frame(2, 3, 2, 12, 4)
    out = moved(GRID, [a, b], a, a.x + PITCH + 3, a.y + 2 * L + 1)
    assert out[1][:2] == (a.x + PITCH, pytest.approx(a.y + 2 * L))
    assert out[2][0] - out[1][0] == b.x - a.x and out[2][1] - out[1][1] == pytest.approx(b.y - a.y)
    far = moved(GRID, [a, b], a, a.x + 5 * PITCH, a.y)  # b would leave the page on the right
    assert far[2][0] + b.w == pytest.approx(GRID.type_left + GRID.type_width)
    assert far[1][0] == pytest.approx(a.x + PITCH)  # as far as b can go
    wide = frame(2, 3, 3, 12, 4)  # already at the right edge: the group stays
    assert moved(GRID, [a, wide], a, a.x + PITCH, a.y)[1][0] == a.x


def test_the_paste_offset_is_a_grid_step_turned_back_at_the_edges() -> None:
    assert paste_offset(GRID, [frame(1, 0, 2, 0, 5)], 1) == (PITCH, L)
    assert paste_offset(GRID, [frame(1, 4, 2, 0, 5)], 1) == (-PITCH, L)  # no room right
    full = frame(1, 0, 6, 0, 5)
    assert paste_offset(GRID, [full], 2) == (0.0, 2 * L)


def test_free_space_under_the_pointer_else_the_nearest() -> None:
    frames = [frame(1, 0, 6, 0, 20, "article"), frame(2, 0, 3, 20, 50, "article")]
    runs = free_runs(GRID, frames)
    assert runs[0][25] == 0 and runs[3][25] == len(runs[3]) - 25
    here = free_place(GRID, frames, GRID.column_x(4) + 5, GRID.type_top + 30 * L, 2)
    assert here is not None and (here.col, here.span, here.y) == (4, 2, GRID.type_top + 30 * L)
    wide = free_place(GRID, frames, GRID.column_x(4) + 5, GRID.type_top + 30 * L, 4)
    assert wide is not None and (wide.col, wide.span) == (3, 3)  # as wide as the room is
    beside = free_place(GRID, frames, GRID.column_x(0) + 5, GRID.type_top + 30 * L, 2)
    assert beside is not None and beside.col == 3  # on occupied space: the nearest free
    assert roomiest(GRID, frames) == (GRID.column_x(3), GRID.type_top + 20 * L)
    full = [frame(1, 0, 6, 0, len(runs[0]))]
    assert free_place(GRID, full, 100, 100, 2) is None and roomiest(GRID, full) is None
