"""Empty space on a page: takes an area and the rectangles ink and furniture occupy, gives the empty rectangles at least a given size (天窗, holes).

The area is cut into cells a few points square; a cell any occupied rectangle touches is
occupied, so what is reported as empty is empty. Each row of cells is a bit mask, and the
largest empty rectangle is found row by row from the column heights of empty cells (the
largest-rectangle-in-a-histogram method), restricted to rectangles of at least the size asked.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from layouts.display import Box, GlyphRun, ImageItem, Item, QRItem, Rule

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in points, y down
CELL = 3.0  # points: finer than a gutter (9 pt), coarse enough to be quick (~200 × 330 cells)


def ink_rect(item: Item) -> Rect | None:
    """The rectangle an item covers (a glyph run by its em boxes, a rule by its stroke)."""
    if isinstance(item, GlyphRun):
        if not item.xs:
            return None
        return (
            min(item.xs),
            item.y - 0.88 * item.size,
            max(item.xs) + item.size,
            item.y + 0.12 * item.size,
        )
    if isinstance(item, Rule):
        h = item.width / 2
        return (
            min(item.x1, item.x2) - h,
            min(item.y1, item.y2) - h,
            max(item.x1, item.x2) + h,
            max(item.y1, item.y2) + h,
        )
    if isinstance(item, QRItem):
        return (item.x, item.y, item.x + item.size, item.y + item.size)
    if isinstance(item, Box | ImageItem):
        return (item.x, item.y, item.x + item.w, item.y + item.h)
    return None


class Cells:
    """The area as rows of occupied-cell bit masks."""

    def __init__(self, area: Rect, cell: float = CELL) -> None:
        self.area = area
        self.cell = cell
        self.cols = max(1, math.ceil((area[2] - area[0]) / cell - 1e-9))
        self.rows = max(1, math.ceil((area[3] - area[1]) / cell - 1e-9))
        self.mask = [0] * self.rows

    def occupy(self, r: Rect) -> None:
        x0, y0 = self.area[0], self.area[1]
        c0 = max(0, math.floor((r[0] - x0) / self.cell))
        c1 = min(self.cols, math.ceil((r[2] - x0) / self.cell))
        r0 = max(0, math.floor((r[1] - y0) / self.cell))
        r1 = min(self.rows, math.ceil((r[3] - y0) / self.cell))
        if c1 <= c0 or r1 <= r0:
            return
        bits = ((1 << (c1 - c0)) - 1) << c0
        for row in range(r0, r1):
            self.mask[row] |= bits

    def rect(self, c0: int, r0: int, c1: int, r1: int) -> Rect:
        """Cells [c0, c1) × [r0, r1) in points."""
        x0, y0, s = self.area[0], self.area[1], self.cell
        return (
            x0 + c0 * s,
            y0 + r0 * s,
            min(x0 + c1 * s, self.area[2]),
            min(y0 + r1 * s, self.area[3]),
        )

    def empty_rows(self, r0: int, r1: int) -> int:
        """Bit mask of the columns empty in every row of [r0, r1)."""
        full = (1 << self.cols) - 1
        m = 0
        for row in range(r0, r1):
            m |= self.mask[row]
        return full & ~m

    def find_empty(self, min_cols: int, min_rows: int) -> tuple[int, int, int, int] | None:
        """An empty rectangle of at least min_cols × min_rows cells, grown to a maximal one, as
        (c0, r0, c1, r1) with exclusive ends; None if there is none. Empty columns of each
        window of min_rows rows are one AND of bit masks, and a run of min_cols of them one
        more AND per doubling, so the search is a few big-integer operations per row."""
        if min_rows > self.rows or min_cols > self.cols:
            return None
        full = (1 << self.cols) - 1
        free = [full & ~m for m in self.mask]
        down = _runs(free, min_rows)  # down[r]: columns empty in rows r … r + min_rows − 1
        for r, columns in enumerate(down):
            across = _run_bits(columns, min_cols)  # bit c: columns c … c + min_cols − 1 empty
            if across:
                c = (across & -across).bit_length() - 1
                return self._grow(c, r, c + min_cols, r + min_rows)
        return None

    def _grow(self, c0: int, r0: int, c1: int, r1: int) -> tuple[int, int, int, int]:
        """Extend an empty rectangle right, down, left and up while it stays empty."""

        def clear(c0: int, r0: int, c1: int, r1: int) -> bool:
            bits = ((1 << (c1 - c0)) - 1) << c0
            return all(not self.mask[row] & bits for row in range(r0, r1))

        while c1 < self.cols and clear(c1, r0, c1 + 1, r1):
            c1 += 1
        while r1 < self.rows and clear(c0, r1, c1, r1 + 1):
            r1 += 1
        while c0 > 0 and clear(c0 - 1, r0, c0, r1):
            c0 -= 1
        while r0 > 0 and clear(c0, r0 - 1, c1, r0):
            r0 -= 1
        return c0, r0, c1, r1


def _runs(rows: list[int], n: int) -> list[int]:
    """out[r] = rows[r] & rows[r + 1] & … & rows[r + n − 1], for every window of n rows."""
    length = len(rows) - n + 1
    if length <= 0:
        return []
    result = [-1] * length  # -1: every bit set
    acc, span, offset = list(rows), 1, 0  # acc[r]: AND of rows r … r + span − 1
    while n:
        if n & 1:
            result = [v & acc[i + offset] for i, v in enumerate(result)]
            offset += span
        n >>= 1
        if n:
            acc = [a & b for a, b in zip(acc, acc[span:], strict=False)]
            span *= 2
    return result


def _run_bits(bits: int, n: int) -> int:
    """Bit c set where bits c … c + n − 1 of `bits` are all set."""
    result, acc, span, offset = -1, bits, 1, 0
    while n:
        if n & 1:
            result &= acc >> offset
            offset += span
        n >>= 1
        if n:
            acc &= acc >> span
            span *= 2
    return result


def holes(
    area: Rect, occupied: Iterable[Rect], min_w: float, min_h: float, limit: int = 6
) -> list[Rect]:
    """Empty rectangles of at least min_w × min_h points inside `area`, largest first; each
    found one is taken out before the next is sought, so they do not overlap."""
    cells = Cells(area)
    for r in occupied:
        cells.occupy(r)
    min_cols = max(1, math.floor(min_w / cells.cell + 1e-9))
    min_rows = max(1, math.floor(min_h / cells.cell + 1e-9))
    out: list[Rect] = []
    while len(out) < limit:
        found = cells.find_empty(min_cols, min_rows)
        if found is None:
            break
        out.append(cells.rect(*found))
        cells.occupy(cells.rect(*found))
    return out
