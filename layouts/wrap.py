"""Text wrap (绕排): takes the rectangles text keeps out of (a frame and its offsets in mm) and a text frame's line slots, gives each slot's measure — shortened from the covered side, or none.

On a Chinese newspaper a picture inside a story usually takes whole columns: the lines of a
column it covers are skipped; a partial cover shortens a line from the covered side, to whole
字 kept in line with the full lines' characters; baselines stay on the grid. Also: which
frames may overlap (a text frame under another frame's wrap flows around it).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from layouts.units import mm

WRAP = "wrap"  # the frame prop: {"top": mm, "right": mm, "bottom": mm, "left": mm}
DEFAULT_OFFSET_MM = 2.0  # white between a picture and the text around it
MIN_MEASURE_EMS = 3  # a sliver narrower than this is left empty, never set
TEXT_KINDS = ("article", "teaser")
SIDES = ("top", "right", "bottom", "left")
_EPS = 1e-6


@dataclass(frozen=True, slots=True)
class Offsets:
    """White kept around a wrapped frame, in millimetres, per side."""

    top: float = DEFAULT_OFFSET_MM
    right: float = DEFAULT_OFFSET_MM
    bottom: float = DEFAULT_OFFSET_MM
    left: float = DEFAULT_OFFSET_MM

    def prop(self) -> dict[str, float]:
        """As stored in a frame's props under WRAP."""
        return {side: float(getattr(self, side)) for side in SIDES}


def offsets_of(props: Mapping[str, Any]) -> Offsets | None:
    """The wrap a frame's props ask for: None (no wrap), a number (mm on every side) or a
    mapping of sides (a side not named gets the default)."""
    value = props.get(WRAP)
    if value is None or value is False:
        return None
    if value is True:
        return Offsets()
    if isinstance(value, int | float):
        return Offsets(*(float(value),) * 4)
    if isinstance(value, Mapping):
        return Offsets(**{s: float(value[s]) for s in SIDES if s in value})
    raise ValueError(f"not a text wrap: {value!r}")


@dataclass(frozen=True, slots=True)
class WrapArea:
    """A rectangle text keeps out of on page `page`, in points (x0 < x1, y0 < y1); `owner`
    is the frame that carries the wrap (its own text never wraps around itself)."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    owner: str = ""

    def meets(self, x0: float, y0: float, x1: float, y1: float) -> bool:
        """Whether the area overlaps the rectangle (touching edges do not)."""
        return (
            self.x0 < x1 - _EPS
            and self.x1 > x0 + _EPS
            and self.y0 < y1 - _EPS
            and self.y1 > y0 + _EPS
        )


def wrap_area(
    page: int, x: float, y: float, w: float, h: float, offsets: Offsets, owner: str = ""
) -> WrapArea:
    """The area a frame at (x, y, w, h) with these offsets keeps text out of."""
    return WrapArea(
        page,
        x - mm(offsets.left),
        y - mm(offsets.top),
        x + w + mm(offsets.right),
        y + h + mm(offsets.bottom),
        owner,
    )


def areas_for(
    areas: Iterable[WrapArea], page: int, x: float, y: float, w: float, h: float, owner: str
) -> list[WrapArea]:
    """The areas that reach into a text frame (page, rectangle, its own owner id)."""
    return [a for a in areas if a.page == page and a.owner != owner and a.meets(x, y, x + w, y + h)]


def measure(
    x0: float, width: float, top: float, bottom: float, areas: Sequence[WrapArea], em: float
) -> tuple[float, float] | None:
    """Where a line between `top` and `bottom` in a column `width` wide from x0 is set:
    (x, width) — exactly (x0, width) when no area crosses the line — or None when what is left is under
    MIN_MEASURE_EMS. Of several free stretches the widest wins; a shortened line is whole 字
    wide and keeps to the column edge it still touches."""
    x1 = x0 + width
    free = [(x0, x1)]
    for a in areas:
        if not (a.y0 < bottom - _EPS and a.y1 > top + _EPS):
            continue
        free = [piece for f in free for piece in _minus(f, (a.x0, a.x1))]
    if free == [(x0, x1)]:
        return x0, width
    if not free:
        return None
    a, b = max(free, key=lambda f: (f[1] - f[0], -f[0]))
    n = math.floor((b - a) / em + _EPS)
    if b >= x1 - _EPS:  # free up to the column's right edge: the line ends there
        start = x1 - n * em
    else:  # on the column's grid of 字 from its left edge
        start = x0 + math.ceil((a - x0) / em - _EPS) * em
        n = math.floor((b - start) / em + _EPS)
    if n < MIN_MEASURE_EMS:
        return None
    return start, n * em


def _minus(span: tuple[float, float], cut: tuple[float, float]) -> list[tuple[float, float]]:
    a, b = span
    c, d = cut
    if d <= a + _EPS or c >= b - _EPS:
        return [span]
    return [p for p in ((a, min(b, c)), (max(a, d), b)) if p[1] - p[0] > _EPS]


# -- which overlaps are planned -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Block:
    """A frame as the overlap rule sees it: its rectangle, whether it holds flowing text, and
    the area its wrap keeps text out of (None: no wrap)."""

    key: Any
    x: float
    y: float
    w: float
    h: float
    text: bool
    wrap: WrapArea | None = None


OVERLAP_PT = 1.0  # frames touching along an edge do not overlap


def overlap(a: Block, b: Block) -> tuple[float, float] | None:
    """Width and height by which two frames cover each other, None if they do not."""
    w = min(a.x + a.w, b.x + b.w) - max(a.x, b.x)
    h = min(a.y + a.h, b.y + b.h) - max(a.y, b.y)
    return (w, h) if w > OVERLAP_PT and h > OVERLAP_PT else None


def wrapped(a: Block, b: Block) -> bool:
    """Whether an overlap of a and b is planned: one holds text that flows around the other's
    wrap. Two pictures, or text under a frame without a wrap, print over each other."""
    return (a.text and b.wrap is not None) or (b.text and a.wrap is not None)


def unplanned_overlaps(blocks: Sequence[Block]) -> list[tuple[Block, Block, float, float]]:
    """Pairs (upper, lower, width, height) of frames on one page that overlap without a wrap
    (later blocks draw on top)."""
    out = []
    for i, upper in enumerate(blocks):
        for lower in blocks[:i]:
            found = overlap(upper, lower)
            if found is not None and not wrapped(upper, lower):
                out.append((upper, lower, *found))
    return out
