"""Arranging several frames: takes frames and the page grid, gives their new rectangles for align (对齐), distribute (分布), a group move and a paste, kept on the grid.

Frames stay on the column grid and the baseline grid as every other edit keeps them: an
aligned centre is as near the centre as whole columns and lines allow.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.edit.placement import snap_move
from app.model import Frame
from layouts.grid import PageGrid

Rect = tuple[float, float, float, float]
ALIGNS = ("left", "right", "top", "bottom", "hcenter", "vcenter")
DISTRIBUTES = ("horizontal", "vertical")


def bounds(frames: Sequence[Frame]) -> Rect:
    """The rectangle around all of them."""
    left = min(f.x for f in frames)
    top = min(f.y for f in frames)
    right = max(f.x + f.w for f in frames)
    bottom = max(f.y + f.h for f in frames)
    return left, top, right - left, bottom - top


def type_area(grid: PageGrid) -> Rect:
    return grid.type_left, grid.type_top, grid.type_width, grid.type_bottom - grid.type_top


def _on_grid(grid: PageGrid, f: Frame, x: float, y: float) -> Rect:
    x, y = snap_move(grid, x, y, f.w, f.h)
    return x, y, f.w, f.h


def align(grid: PageGrid, frames: Sequence[Frame], how: str) -> dict[int, Rect]:
    """Each frame's rectangle after aligning its `how` edge (or centre) with the selection's
    — with the type area's (版心) when one frame is aligned alone."""
    if how not in ALIGNS:
        raise ValueError(f"not an alignment: {how}")
    x0, y0, w0, h0 = bounds(frames) if len(frames) > 1 else type_area(grid)
    out = {}
    for f in frames:
        x, y = f.x, f.y
        if how == "left":
            x = x0
        elif how == "right":
            x = x0 + w0 - f.w
        elif how == "hcenter":
            x = x0 + (w0 - f.w) / 2
        elif how == "top":
            y = y0
        elif how == "bottom":
            y = y0 + h0 - f.h
        else:
            y = y0 + (h0 - f.h) / 2
        out[f.id] = _on_grid(grid, f, x, y)  # type: ignore[index]
    return out


def distribute(grid: PageGrid, frames: Sequence[Frame], axis: str) -> dict[int, Rect]:
    """Equal gaps between the frames along `axis`, the outermost two staying where they are
    (three frames at least; fewer are left as they are)."""
    if axis not in DISTRIBUTES:
        raise ValueError(f"not a distribution: {axis}")
    horizontal = axis == "horizontal"

    def start(f: Frame) -> float:
        return f.x if horizontal else f.y

    def size(f: Frame) -> float:
        return f.w if horizontal else f.h

    ordered = sorted(frames, key=lambda f: (start(f), f.id or 0))
    out = {f.id: (f.x, f.y, f.w, f.h) for f in ordered}
    if len(ordered) < 3:
        return out  # type: ignore[return-value]
    first, last = ordered[0], ordered[-1]
    room = start(last) + size(last) - start(first) - sum(size(f) for f in ordered)
    gap = room / (len(ordered) - 1)
    at = start(first) + size(first) + gap
    for f in ordered[1:-1]:
        x, y = (at, f.y) if horizontal else (f.x, at)
        out[f.id] = _on_grid(grid, f, x, y)
        at += size(f) + gap
    return out  # type: ignore[return-value]


def moved(
    grid: PageGrid, frames: Sequence[Frame], lead: Frame, x: float, y: float
) -> dict[int, Rect]:
    """A group moved so that `lead` (one of them, the one under the pointer) lands on the
    grid near (x, y); the others keep their places relative to it, the group held inside the
    type area (the trim when it is larger)."""
    lx, ly = snap_move(grid, x, y, lead.w, lead.h)
    dx, dy = lx - lead.x, ly - lead.y
    bx, by, bw, bh = bounds(frames)
    ax, ay, aw, ah = type_area(grid)
    if bw > aw + 1e-6:
        ax, aw = 0.0, grid.trim_w
    if bh > ah + 1e-6:
        ay, ah = 0.0, grid.trim_h
    dx = _keep(dx, bx, bw, ax, aw, grid.column_width + grid.gutter)
    dy = _keep(dy, by, bh, ay, ah, grid.leading)
    return {f.id: (f.x + dx, f.y + dy, f.w, f.h) for f in frames}  # type: ignore[misc]


def _keep(d: float, start: float, size: float, low: float, room: float, step: float) -> float:
    """A move along one axis shortened by whole grid steps until the group stays inside."""
    while d > 0 and start + d + size > low + room + 1e-6:
        d -= step
    while d < 0 and start + d < low - 1e-6:
        d += step
    return d if start + d >= low - 1e-6 and start + d + size <= low + room + 1e-6 else 0.0


def paste_offset(grid: PageGrid, frames: Sequence[Frame], steps: int) -> tuple[float, float]:
    """How far a paste onto the page it was copied from lands from the originals: `steps`
    grid steps right and down (a column and a line each), left or up where the type area
    ends, nothing along an axis the group fills."""
    bx, by, bw, bh = bounds(frames)
    ax, ay, aw, ah = type_area(grid)
    pitch = grid.column_width + grid.gutter
    dx = _fit(bx, bw, ax, aw, steps * pitch)
    dy = _fit(by, bh, ay, ah, steps * grid.leading)
    return dx, dy


def _fit(start: float, size: float, low: float, room: float, d: float) -> float:
    for candidate in (d, -d):
        if start + candidate >= low - 1e-6 and start + candidate + size <= low + room + 1e-6:
            return candidate
    return 0.0
