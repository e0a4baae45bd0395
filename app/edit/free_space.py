"""Free space on a page's grid: takes the frames on a page, gives the free rectangles a drop, a paste or a continued story may take (in whole columns and lines).

Every frame counts, furniture too; a cell of the grid (one column, one line) is free when no
frame covers more than a point of it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import NamedTuple

from app.model import Frame
from layouts.grid import PageGrid

MIN_LINES = 3  # less than this is no room for anything


class Area(NamedTuple):
    """A free rectangle: `span` columns from column `col`, its top at `y` on a grid line,
    `lines` free lines deep."""

    col: int
    span: int
    y: float
    lines: int


def lines_free(grid: PageGrid, top: float) -> int:
    return int((grid.type_bottom - top + 1e-6) // grid.leading)


def column_at(grid: PageGrid, x: float) -> int:
    """The grid column under x (the nearest one when x is in a margin or a gutter's middle)."""
    pitch = grid.column_width + grid.gutter
    i = math.floor((x - grid.type_left + grid.gutter / 2) / pitch)
    return max(0, min(grid.columns - 1, i))


PointKey = tuple[int, float, float, float]  # what a free-space choice sorts by (free_place)


def free_runs(grid: PageGrid, frames: list[Frame]) -> list[list[int]]:
    """For each column and each grid line of the type area: how many lines are free from
    there down (0 where a frame covers that cell of the grid)."""
    rows = lines_free(grid, grid.type_top)
    busy = [[False] * rows for _ in range(grid.columns)]
    for f in frames:
        for col in range(grid.columns):
            left = grid.column_x(col)
            if min(f.x + f.w, left + grid.column_width) - max(f.x, left) <= 1.0:
                continue
            first = math.floor((f.y - grid.type_top) / grid.leading + 1e-6)
            last = math.ceil((f.y + f.h - grid.type_top) / grid.leading - 1e-6)
            for row in range(max(0, first), min(rows, last)):
                busy[col][row] = True
    runs = []
    for col in range(grid.columns):
        run, below = [0] * rows, 0
        for row in reversed(range(rows)):
            below = 0 if busy[col][row] else below + 1
            run[row] = below
        runs.append(run)
    return runs


def free_place(
    grid: PageGrid,
    frames: list[Frame],
    x: float,
    y: float,
    span: int,
    need: Callable[[int], int] = lambda span: MIN_LINES,
) -> Area | None:
    """Free space for something `span` columns wide dropped at (x, y) that needs `need(s)`
    lines at s columns: the widest free rectangle on the grid under the pointer (its top on
    the pointer's line if it can be), else the nearest one; `lines` is every line free below
    its top. None when the page has no room even for one column."""
    runs = free_runs(grid, frames)
    rows = len(runs[0]) if runs else 0
    pointer_row = max(0, min(rows - 1, round((y - grid.type_top) / grid.leading)))  # nearest line
    pointer_col = column_at(grid, x)
    best: tuple[PointKey, Area] | None = None
    for width in range(max(1, min(span, grid.columns)), 0, -1):
        want = need(width)
        home = min(pointer_col, grid.columns - width)  # the pointer's column as the left edge
        for col in range(grid.columns - width + 1):
            cols = runs[col : col + width]
            for top in range(rows):
                free = min(c[top] for c in cols)
                if free < want:
                    continue
                under = col <= pointer_col < col + width and top <= pointer_row < top + want
                if under:
                    key: PointKey = (0, -width, abs(top - pointer_row), abs(col - home))
                else:
                    rect = (grid.column_x(col), grid.type_top + top * grid.leading)
                    far = _distance(x, y, *rect, grid.span_width(width), want * grid.leading)
                    key = (1, far, -width, top)  # the nearest, then the widest
                if best is None or key < best[0]:
                    top_y = grid.type_top + top * grid.leading
                    best = (key, Area(col, width, top_y, free))
    return best[1] if best is not None else None


def _distance(px: float, py: float, x: float, y: float, w: float, h: float) -> float:
    """Points from (px, py) to the nearest point of the rectangle (0 inside it)."""
    dx = max(x - px, 0.0, px - (x + w))
    dy = max(y - py, 0.0, py - (y + h))
    return math.hypot(dx, dy)


def roomiest(grid: PageGrid, frames: list[Frame]) -> tuple[float, float] | None:
    """The top-left of the largest free rectangle on the page (the highest, then leftmost of
    equals), where a story continued "here" goes; None on a full page."""
    runs = free_runs(grid, frames)
    best: tuple[tuple[float, float, int], tuple[float, float]] | None = None
    for col in range(grid.columns):
        for width in range(1, grid.columns - col + 1):
            cols = runs[col : col + width]
            for top in range(len(runs[0])):
                depth = min(c[top] for c in cols)
                if depth < MIN_LINES:
                    continue
                key = (-depth * grid.span_width(width), top, col)
                if best is None or key < best[0]:
                    best = (key, (grid.column_x(col), grid.type_top + top * grid.leading))
    return best[1] if best is not None else None
