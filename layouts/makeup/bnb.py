"""Branch and bound over the packer's decisions: at the first free cell, which piece, at which
span, with which picture height and how much white to line its foot up with a neighbour.

Takes a board, pieces, weights and an incumbent bound; gives the best K distinct layouts it
found and whether it searched the whole tree (it stops after `node_limit` nodes, always at the
same node, so the result is deterministic). A page of five to eight stories is searched in full.
"""

from __future__ import annotations

import math
from copy import copy
from dataclasses import dataclass

from layouts.makeup.pack import (
    PIC_CROP,
    PIC_FULL,
    PIC_NONE,
    STRETCH,
    Board,
    Genome,
    Layout,
    Module,
    spread_white,
)
from layouts.makeup.pieces import Piece
from layouts.makeup.score import Weights, module_terms, pair_cost, score
from layouts.makeup.search import Found, natural_span, signature

MAX_ALIGN = 3  # lines of white a module may take to end level with a neighbouring column
CUT_WHEN = 0.6  # a story may jump when it would take more than this share of the room
SLACK_STEPS = 2  # lines of white a module spanning its whole row may take for those below


@dataclass
class _Search:
    board: Board
    pieces: list[Piece]
    w: Weights
    bin_costs: list[float]
    k: int
    allow_jumps: bool
    node_limit: int
    bound: float
    nodes: int = 0
    stopped: bool = False
    slack_steps: int = SLACK_STEPS

    def __post_init__(self) -> None:
        cols = self.board.cols
        self.best: dict[tuple, Found] = {}
        self.cut_off = self.bound
        self.unary: dict[tuple, float] = {}
        ranks = [p.page_rank for p in self.pieces if p.part == 0]
        self.lead_rank = min(ranks) if ranks else 0
        self.spans = []
        self.max_area = []
        self.natural_area = []
        self.min_area = []
        for p in self.pieces:
            nat = natural_span(p, cols)
            self.spans.append(sorted(range(1, cols + 1), key=lambda s, n=nat: (abs(s - n), -s)))
            tallest = max(
                (s * (p.pic_full[s] + p.head[s] + p.body[s] + self.board.grid.gap + STRETCH))
                for s in range(1, cols + 1)
            )
            self.max_area.append(tallest)
            self.min_area.append(
                min(
                    s * (p.pic_min[s] + p.head[s] + p.body[s] + self.board.grid.gap)
                    for s in range(1, cols + 1)
                )
            )
            self.natural_area.append(
                max(
                    s * (p.pic_full[s] + p.head[s] + p.body[s] + self.board.grid.gap)
                    for s in range(1, cols + 1)
                )
            )
        # the least a piece costs wherever it goes (legs, section, page), or its bin cost
        self.least = [
            min(self.bin_costs[i], min(self._unary_floor(i, s) for s in range(1, cols + 1)))
            for i in range(len(self.pieces))
        ]

    def _unary_floor(self, i: int, s: int) -> float:
        p = self.pieces[i]
        body = p.body[s]
        pic = p.pic_full[s]
        mod = Module(i, 0, 0, s, pic, p.head[s], 0, body, self.board.grid.gap, False)
        _, _, section, wanted, legs, _ = module_terms(self.board, p, mod, self.w)
        if p.jumpable and self.allow_jumps:
            legs = 0.0  # a cut may shorten the legs to anything
        return section + wanted + legs

    # -- the k best, by signature -------------------------------------------------------
    def limit(self) -> float:
        return self.cut_off

    def _update_limit(self) -> None:
        if len(self.best) < self.k:
            self.cut_off = self.bound
        else:
            self.cut_off = min(self.bound, max(f.score.total for f in self.best.values()))

    def leaf(self, mods: list[Module], strips, hole_cells, pending, tops, acc) -> None:
        below = self.board.free_below
        cells = hole_cells + sum(below[j][t] for j, t in enumerate(tops) if t < self.board.height)
        rest = (cells - hole_cells) * self.w.hole + sum(self.bin_costs[i] for i in pending)
        if acc + rest >= self.cut_off:
            return
        mods = [copy(m) for m in mods]
        spread_white(mods, self.pieces)
        layout = Layout(mods, cells, list(strips), list(pending), list(tops))
        sc = score(self.board, self.pieces, layout, self.w, self.bin_costs)
        sig = signature(layout)
        old = self.best.get(sig)
        if old is not None and old.score.total <= sc.total:
            return
        if old is None and len(self.best) >= self.k:
            worst = max(self.best, key=lambda s: (self.best[s].score.total, s))
            if self.best[worst].score.total <= sc.total:
                return
            del self.best[worst]
        self.best[sig] = Found(sc, layout, self.genome(mods, pending))
        self._update_limit()

    def genome(self, mods: list[Module], pending: list[int]) -> Genome:
        n = len(self.pieces)
        span = [natural_span(p, self.board.cols) for p in self.pieces]
        pic = [PIC_FULL] * n
        slack = [0] * n
        cut = [1 if p.jumpable else 0 for p in self.pieces]
        for m in mods:
            p = self.pieces[m.piece]
            span[m.piece] = m.span
            slack[m.piece] = min(m.slack, 2)
            if p.has_picture:
                pic[m.piece] = (
                    PIC_NONE
                    if m.pic == 0
                    else PIC_FULL
                    if m.pic >= p.pic_full[m.span]
                    else PIC_CROP
                )
        return Genome([m.piece for m in mods] + list(pending), span, pic, cut, slack)

    # -- the tree ---------------------------------------------------------------------
    def run(self) -> None:
        self._update_limit()
        self.dfs(list(self.board.tops), list(self._order()), [], [], 0, 0.0)

    def _order(self) -> list[int]:
        n = len(self.pieces)
        return sorted(range(n), key=lambda i: (self.pieces[i].part, self.pieces[i].page_rank, i))

    def dfs(self, tops, pending, mods, strips, hole_cells, acc) -> None:
        self.nodes += 1
        if self.nodes > self.node_limit:
            self.stopped = True
            return
        board = self.board
        height = board.height
        r = min(tops)
        if r >= height or not pending:
            self.leaf(mods, strips, hole_cells, pending, tops, acc)
            return
        # what is left to cover that the pending pieces cannot, whatever their shape
        below = board.free_below
        free = 0
        for j, t in enumerate(tops):
            if t < height:
                free += below[j][t]
        short = white = free
        bound = acc
        for i in pending:
            short -= self.max_area[i]
            white -= self.natural_area[i]
            bound += self.least[i]
        w = self.w
        if short > 0:
            bound += short * (w.hole - w.slack)
        if white > 0:
            bound += white * w.slack
        if mods and bound + self.pending_bound(pending, mods, r) >= self.cut_off:
            return
        # white to give away (slack steps) only when the pieces may not fill the page
        surplus = free > sum(self.min_area[i] for i in pending)
        cols = board.cols
        c = tops.index(r)
        run = 1
        while c + run < cols and tops[c + run] == r:
            run += 1
        avail = [0] * (run + 1)
        a = height
        for k in range(1, run + 1):
            a = min(a, board.next_occupied[c + k - 1][r] - r)
            avail[k] = a
        options = 0
        for idx, i in enumerate(pending):
            p = self.pieces[i]
            for s in self.spans[i]:
                if s > run:
                    continue
                for mod in self.variants(p, i, s, r, c, run, avail[s], tops, surplus, pending):
                    options += 1
                    self.place(mod, tops, pending, idx, mods, strips, hole_cells, acc)
                    if self.stopped:
                        return
        if options:
            return
        # nothing fits: white down to where a neighbouring column frees up, then go on
        later = [t for j, t in enumerate(tops) if (j < c or j >= c + run) and r < t < height]
        depth = min([avail[run]] + [t - r for t in later])
        new = list(tops)
        for j in range(c, c + run):
            new[j] = board.next_free[j][r + depth]
        real = min(depth, max(board.grid.lines - r, 0))
        cells = run * real
        strips2 = strips + [(r, c, run, real)] if real > 0 else strips
        self.dfs(new, pending, mods, strips2, hole_cells + cells, acc + cells * self.w.hole)

    def pending_bound(self, pending: list[int], mods: list[Module], r: int) -> float:
        """What the pieces still to place must cost: any goes at line r or lower, so it will
        stand below every lower-ranked module already above r (or stay in the bin)."""
        w, pieces = self.w, self.pieces
        top = mods[0].line
        out = 0.0
        for a in pending:
            pa = pieces[a]
            if pa.part:
                continue
            cost = 0.0
            if pa.page_rank == self.lead_rank and r > top:
                cost += w.lead_top + (r - top) * 0.5
            for b in mods:
                pb = pieces[b.piece]
                if pb.part == 0 and pb.page_rank > pa.page_rank and b.line < r:
                    cost += w.rank_low
            out += min(cost, self.bin_costs[a])
        return out

    def page_terms(self, p: Piece, mod: Module, mods: list[Module]) -> float:
        """The page-wide terms a new module settles for good: another full-width band, and
        the lead's place (top, left, widest) once the lead or a wider story is down."""
        w, pieces, cols = self.w, self.pieces, self.board.cols
        out = 0.0
        if mod.span == cols and any(o.span == cols for o in mods):
            out += w.band
        if p.part == 0 and p.page_rank == self.lead_rank:
            top = mods[0].line if mods else mod.line
            if mod.line > top:
                out += w.lead_top + (mod.line - top) * 0.5
            if mod.col > self.board.leftmost_free(mod.line):
                out += w.lead_left
            if any(o.span > mod.span for o in mods):
                out += w.lead_wide
            return out
        for o in mods:
            po = pieces[o.piece]
            if po.part == 0 and po.page_rank == self.lead_rank:
                if mod.span > o.span and not any(x.span > o.span for x in mods):
                    out += w.lead_wide
                break
        return out

    def place(self, mod, tops, pending, idx, mods, strips, hole_cells, acc) -> None:
        p = self.pieces[mod.piece]
        key = (mod.piece, mod.span, mod.pic, mod.slack, mod.body, mod.cut)
        delta = self.unary.get(key)
        if delta is None:
            # white under the headline may still move up the stack at the leaf, and each
            # line of it costs at least the first line's price
            terms = module_terms(self.board, p, mod, self.w)
            delta = sum(terms[1:]) + mod.slack * mod.span * self.w.slack
            self.unary[key] = delta
        pieces, w = self.pieces, self.w
        for o in mods:
            delta += pair_cost(p, mod, pieces[o.piece], o, w)
        delta += self.page_terms(p, mod, mods)
        if acc + delta >= self.cut_off:
            return
        new = list(tops)
        bottom = mod.line + mod.height
        nfree = self.board.next_free
        for j in range(mod.col, mod.col + mod.span):
            new[j] = nfree[j][bottom]
        rest = pending[:idx] + pending[idx + 1 :]
        self.dfs(new, rest, mods + [mod], strips, hole_cells, acc + delta)

    def variants(
        self, p: Piece, i: int, s: int, r: int, c: int, run: int, room: int, tops, surplus, pending
    ) -> list[Module]:
        """The piece at span s in `room` lines: each picture height, the white that lines its
        foot up with a neighbour or takes a small leftover, or cut for a jump."""
        body = p.body[s]
        if body <= 0:
            return []
        gap = self.board.grid.gap
        head = p.head[s]
        pics = [0]
        if p.has_picture:
            pics = sorted({p.pic_full[s], p.pic_min[s], 0}, reverse=True)
        out: list[Module] = []
        for pic in pics:
            need = pic + head + body + gap
            if need > room:
                continue
            extra = room - need
            targets = {extra} if 0 < extra <= STRETCH else {0}
            if not 0 < extra <= STRETCH:
                for j, t in enumerate(tops):
                    if (j < c or j >= c + s) and 0 < t - (r + need) <= MAX_ALIGN and t < room + r:
                        targets.add(t - (r + need))
                if s == run and surplus:
                    # a module closing its row can give white to what comes below it
                    targets.update(x for x in range(1, self.slack_steps + 1) if need + x <= room)
            for add in sorted(targets):
                grow = min(add, p.pic_full[s] - pic) if pic else 0
                out.append(Module(i, c, r, s, pic + grow, head, add - grow, body, gap, False))
        if self.allow_jumps and p.jumpable and body + head + gap > room * CUT_WHEN:
            # a long story may jump even when it fits, to leave room for others: cut it to
            # the room, level with a neighbour, or just above another story
            pic = pics[0] if p.has_picture else 0
            fixed = gap + pic + head
            ends = {room}
            ends |= {
                t - r for j, t in enumerate(tops) if (j < c or j >= c + s) and r < t < r + room
            }
            # or leave just the room another story needs below it, or all the others
            others = [q for q in pending if q != i and self.pieces[q].body[s] > 0]
            for q in others:
                o = self.pieces[q]
                ends.add(room - (o.pic_full[s] + o.head[s] + o.body[s] + gap))
            if len(others) > 1:
                ends.add(room - -(-sum(self.natural_area[q] for q in others) // s))
            for end in sorted(ends, reverse=True):
                lines = end - fixed
                if 0 < lines < body and p.cut(s, lines):
                    out.append(Module(i, c, r, s, pic, head, 0, lines, gap, True))
        return out


def branch_and_bound(
    board: Board,
    pieces: list[Piece],
    weights: Weights,
    bin_costs: list[float],
    *,
    k: int = 3,
    allow_jumps: bool = True,
    node_limit: int = 60000,
    bound: float = math.inf,
    seeds: list[Found] = (),
) -> tuple[list[Found], bool]:
    """The best `k` distinct layouts (best first), and True when the whole tree was searched.

    `seeds` (say, from a short annealing) give the bound to prune with from the start."""
    search = _Search(board, pieces, weights, bin_costs, k, allow_jumps, node_limit, bound)
    for f in sorted(seeds, key=lambda f: f.score.total)[:k]:
        search.best[signature(f.layout)] = f
    search.run()
    found = sorted(search.best.values(), key=lambda f: (f.score.total, signature(f.layout)))
    return found, not search.stopped
