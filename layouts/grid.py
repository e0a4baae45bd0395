"""Page grids: trim size, type area, the column grid in 字 and the body baseline grid."""

from __future__ import annotations

import math
from dataclasses import dataclass

from layouts.units import mm


@dataclass(frozen=True, slots=True)
class PageGrid:
    """A page template's geometry. Columns are counted in 字 of the body size, gutters 1 字."""

    trim_w: float  # points
    trim_h: float
    margin_top: float
    margin_bottom: float
    columns: int = 6
    column_chars: int = 11
    body_size: float = 9.0
    leading: float = 14.0
    gutter_chars: float = 1.0

    @property
    def em(self) -> float:
        return self.body_size

    @property
    def column_width(self) -> float:
        return self.column_chars * self.em

    @property
    def gutter(self) -> float:
        return self.gutter_chars * self.em

    @property
    def type_width(self) -> float:
        return self.span_width(self.columns)

    @property
    def type_left(self) -> float:
        """The type area is centred on the trim width."""
        return (self.trim_w - self.type_width) / 2

    @property
    def type_top(self) -> float:
        return self.margin_top

    @property
    def type_bottom(self) -> float:
        return self.trim_h - self.margin_bottom

    def span_width(self, n: int) -> float:
        """Width of a frame across n basic columns: n×w + (n−1) gutters."""
        if not 1 <= n <= self.columns:
            raise ValueError(f"a frame spans 1..{self.columns} columns, not {n}")
        return n * self.column_width + (n - 1) * self.gutter

    def column_x(self, i: int) -> float:
        """Left edge of basic column i (0-based)."""
        if not 0 <= i < self.columns:
            raise ValueError(f"column {i} is outside the {self.columns}-column grid")
        return self.type_left + i * (self.column_width + self.gutter)

    def baseline(self, k: int) -> float:
        """The k-th body baseline (0-based) from the type area's top."""
        return self.type_top + self.body_size * 0.88 + k * self.leading

    def first_baseline_below(self, y: float, ascent: float) -> float:
        """The first grid baseline at which a line of `ascent` (points) sits at or below y."""
        k = math.ceil((y + ascent - self.baseline(0)) / self.leading - 1e-9)
        return self.baseline(max(k, 0))

    def snap_y(self, y: float) -> float:
        """Snap a frame top to the nearest line top of the baseline grid."""
        top0 = self.baseline(0) - self.body_size * 0.88
        k = round((y - top0) / self.leading)
        return top0 + k * self.leading


def tabloid() -> PageGrid:
    """四开 (tabloid) of a district paper: 275 × 390 mm, 6 columns × 11 字 in 小五 (9 pt)."""
    return PageGrid(trim_w=mm(275), trim_h=mm(390), margin_top=mm(20), margin_bottom=mm(20))


def broadsheet() -> PageGrid:
    """对开 (broadsheet): 390 × 550 mm, 8 columns × 13 字 in 小五."""
    return PageGrid(
        trim_w=mm(390),
        trim_h=mm(550),
        margin_top=mm(30),
        margin_bottom=mm(30),
        columns=8,
        column_chars=13,
    )


GRIDS = {"tabloid": tabloid, "broadsheet": broadsheet}
