"""The packer: a genome (order, span, picture, jump and slack per piece) → modules on the page.

Takes the page's free cells (furniture marked) and the pieces' line tables; gives rectangles
that never overlap, the hole cells left and the pieces that did not fit. Each module goes at
the first free cell in reading order (row by row), so every rectangle tiling of the free area
can be reached by some order and no module ever leaves white above itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from layouts.makeup.model import Grid, PageSpec, Rect
from layouts.makeup.pieces import Piece

PIC_FULL, PIC_CROP, PIC_NONE = 0, 1, 2
MAX_SLACK = 2  # designed white a genome may ask for under a headline, in lines
STRETCH = 4  # leftover lines under a module this small are taken into it (picture, then slack)


@dataclass(slots=True)
class Module:
    piece: int
    col: int
    line: int
    span: int
    pic: int  # picture + caption lines (0: none)
    head: int
    slack: int
    body: int  # lines per leg
    gap: int
    cut: bool  # the piece jumps: this is its first part
    head_white: int = 0  # lines of `head` left white under the headline group (题区 white)

    @property
    def height(self) -> int:
        return self.pic + self.head + self.slack + self.body + self.gap

    @property
    def rect(self) -> Rect:
        return Rect(self.col, self.line, self.span, self.height)


@dataclass(slots=True)
class Genome:
    order: list[int]
    span: list[int]
    pic: list[int]
    cut: list[int]
    slack: list[int]

    def key(self) -> tuple:
        return (
            tuple(self.order),
            tuple(self.span),
            tuple(self.pic),
            tuple(self.cut),
            tuple(self.slack),
        )

    def copy(self) -> Genome:
        return Genome(
            list(self.order), list(self.span), list(self.pic), list(self.cut), list(self.slack)
        )


@dataclass(slots=True)
class Layout:
    modules: list[Module]
    hole_cells: int  # free cells of the real type area left uncovered
    strips: list[tuple[int, int, int, int]]  # holes the packer skipped: (line, col, cols, lines)
    unplaced: list[int]
    tops: list[int]  # each column's first free line when the pieces ran out


class Board:
    """A page's free area: furniture per grid line as bit masks, and per column where the next
    furniture starts and where the next free line is."""

    def __init__(self, grid: Grid, page: PageSpec) -> None:
        self.grid, self.page = grid, page
        self.cols = grid.columns
        self.full = (1 << grid.columns) - 1
        # the modules' own gap under the last line needs a virtual line below the type area
        self.height = h = grid.lines + grid.gap
        rows = [0] * h
        for r in page.occupied:
            col, right = max(r.col, 0), min(r.right, grid.columns)
            top, bottom = max(r.line, 0), min(r.bottom, grid.lines)
            if bottom >= grid.lines:
                bottom = h  # furniture down to the foot needs no module gap below it
            mask = ((1 << (right - col)) - 1) << col if right > col else 0
            for y in range(top, bottom):
                rows[y] |= mask
        self.base = rows
        # modules only ever lie above the first free cell, so furniture is all that can stop a
        # module going down, and all a column's next free line has to skip
        self.next_occupied: list[list[int]] = []
        self.next_free: list[list[int]] = []
        self.free_below: list[list[int]] = []  # free cells of the real type area from a line
        for j in range(self.cols):
            nocc = [h] * (h + 1)
            nfree = [h] * (h + 1)
            below = [0] * (h + 1)
            for y in range(h - 1, -1, -1):
                taken = rows[y] >> j & 1
                nocc[y] = y if taken else nocc[y + 1]
                nfree[y] = nfree[y + 1] if taken else y
                below[y] = below[y + 1] + (0 if taken or y >= grid.lines else 1)
            self.next_occupied.append(nocc)
            self.next_free.append(nfree)
            self.free_below.append(below)
        self.free_cells = sum(b[0] for b in self.free_below)
        self.tops = [nf[0] for nf in self.next_free]

    def leftmost_free(self, line: int) -> int:
        m = self.base[line] if 0 <= line < self.height else self.full
        return ((~m) & (m + 1)).bit_length() - 1


def decode(board: Board, pieces: list[Piece], g: Genome, allow_jumps: bool) -> Layout:
    """Place the pieces in the genome's order, each at the first free cell it fits.

    The state is each column's first free line (furniture skipped): the first free cell in
    reading order is the highest of them, leftmost.
    """
    tops = list(board.tops)
    height, cols = board.height, board.cols
    nxt, nfree = board.next_occupied, board.next_free
    gap = board.grid.gap
    pending = list(g.order)
    modules: list[Module] = []
    strips: list[tuple[int, int, int, int]] = []
    hole_cells = 0
    lines = board.grid.lines
    while pending:
        r = min(tops)
        if r >= height:
            break
        c = tops.index(r)
        run = 1
        while c + run < cols and tops[c + run] == r:
            run += 1
        avail = [0] * (run + 1)
        a = height
        for w in range(1, run + 1):
            a = min(a, nxt[c + w - 1][r] - r)
            avail[w] = a
        chosen = _choose(pieces, g, pending, run, avail, gap, allow_jumps)
        if chosen is None:
            chosen = _best_fit(pieces, g, pending, run, avail, gap)
        if chosen is None:
            # nothing fits here, nor lower down until a neighbouring column frees up and
            # widens the run: leave white down to that line (or the furniture) in one go
            later = [t for j, t in enumerate(tops) if (j < c or j >= c + run) and r < t < height]
            depth = min([avail[run]] + [t - r for t in later])
            for j in range(c, c + run):
                tops[j] = nfree[j][r + depth]
            real = min(depth, max(lines - r, 0))
            if real > 0:
                strips.append((r, c, run, real))
                hole_cells += run * real
            continue
        idx, mod = chosen
        pending.pop(idx)
        mod.col, mod.line = c, r
        bottom = r + mod.height
        for j in range(c, c + mod.span):
            tops[j] = nfree[j][bottom]
        modules.append(mod)
    below = board.free_below
    for j in range(cols):
        if tops[j] < height:
            hole_cells += below[j][tops[j]]
    spread_white(modules, pieces)
    return Layout(modules, hole_cells, strips, pending, tops)


def holes(board: Board, layout: Layout) -> list[tuple[int, int, int, int]]:
    """Every hole as (line, col, cols, lines): those the packer skipped and the white left
    under the last modules, one rectangle per run of columns and furniture-free lines."""
    out = list(layout.strips)
    rows = list(board.base)
    for m in layout.modules:
        mask = ((1 << m.span) - 1) << m.col
        for y in range(m.line, min(m.line + m.height, board.height)):
            rows[y] |= mask
    for line, col, cols, n in layout.strips:
        mask = ((1 << cols) - 1) << col
        for y in range(line, line + n):
            rows[y] |= mask
    for y in range(board.grid.lines):
        free = board.full & ~rows[y]
        for c0, w in _runs(free, board.cols):
            out.append((y, c0, w, 1))
    return out


def _runs(bits: int, cols: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    c = 0
    while c < cols:
        if bits >> c & 1:
            start = c
            while c < cols and bits >> c & 1:
                c += 1
            out.append((start, c - start))
        else:
            c += 1
    return out


def _module(
    p: Piece, i: int, g: Genome, s: int, room: int, gap: int, allow_jumps: bool
) -> Module | None:
    """Piece i at span s in `room` lines: whole (stretched into a small leftover), cut for a
    jump when the genome allows it, or None."""
    body = p.body[s]
    if body <= 0:
        return None
    choice = g.pic[i] if p.has_picture else PIC_NONE
    pic = p.pic_full[s] if choice == PIC_FULL else p.pic_min[s] if choice == PIC_CROP else 0
    slack = g.slack[i]
    need = pic + p.head[s] + slack + body + gap
    if need <= room:
        extra = room - need
        if 0 < extra <= STRETCH:
            if choice != PIC_NONE:
                grow = min(extra, p.pic_full[s] - pic)
                pic += grow
                extra -= grow
            slack += extra
        return Module(i, 0, 0, s, pic, p.head[s], slack, body, gap, False)
    if allow_jumps and p.jumpable and g.cut[i]:
        lines = room - gap - pic - p.head[s]
        if lines < body and p.cut(s, lines):
            return Module(i, 0, 0, s, pic, p.head[s], 0, lines, gap, True)
    return None


def _choose(pieces, g, pending, run, avail, gap, allow_jumps):
    for idx, i in enumerate(pending):
        s = min(g.span[i], run)
        mod = _module(pieces[i], i, g, s, avail[s], gap, allow_jumps)
        if mod is not None:
            return idx, mod
    return None


def _best_fit(pieces, g, pending, run, avail, gap):
    """Nothing fits as the genome asks: the pending piece and span filling the most cells."""
    best = None
    best_area = 0
    for idx, i in enumerate(pending):
        for s in range(1, run + 1):
            mod = _module(pieces[i], i, g, s, avail[s], gap, False)
            if mod is not None and mod.height * s > best_area:
                best, best_area = (idx, mod), mod.height * s
    return best


def _white_cost(slack: int) -> float:
    # marginal cost grows: a line or two under a headline is design, more reads as a hole
    return min(slack, 2) + 5.0 * max(0, slack - 2)


def spread_white(modules: list[Module], pieces: list[Piece]) -> None:
    """Move designed white up a stack: a module with lines to spare hands one to the modules
    standing on its top edge (when they cover it exactly), which take it into their picture
    or under their headline. The page's geometry outside the stack does not change."""
    above: dict[int, list[int]] = {}
    for n, m in enumerate(modules):
        covering = [
            k
            for k, u in enumerate(modules)
            if u.line + u.height == m.line and u.col < m.col + m.span and m.col < u.col + u.span
        ]
        if (
            covering
            and all(
                modules[k].col >= m.col and modules[k].col + modules[k].span <= m.col + m.span
                for k in covering
            )
            and sum(modules[k].span for k in covering) == m.span
        ):
            above[n] = covering
    moved = True
    while moved:
        moved = False
        for n, ks in above.items():
            m = modules[n]
            if m.slack <= 0:
                continue
            gain = m.span * (_white_cost(m.slack) - _white_cost(m.slack - 1))
            loss = 0.0
            for k in ks:
                u = modules[k]
                if not (
                    pieces[u.piece].has_picture and 0 < u.pic < pieces[u.piece].pic_full[u.span]
                ):
                    loss += u.span * (_white_cost(u.slack + 1) - _white_cost(u.slack))
            if loss < gain:
                for k in ks:
                    u = modules[k]
                    p = pieces[u.piece]
                    if p.has_picture and 0 < u.pic < p.pic_full[u.span]:
                        u.pic += 1
                    else:
                        u.slack += 1
                m.line += 1
                m.slack -= 1
                moved = True
