"""The search: a greedy start, then simulated annealing over genomes, deterministic per seed.

Takes a board and pieces; gives the best K distinct layouts with their scores. Distinct means
the modules' columns differ somewhere (not only a line of slack). The run length is counted
in evaluations, never in seconds, so a seed always gives the same pages.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from layouts.makeup.model import Score
from layouts.makeup.pack import MAX_SLACK, PIC_FULL, PIC_NONE, Board, Genome, Layout, decode
from layouts.makeup.pieces import Piece
from layouts.makeup.score import Weights, score

T_START = 30.0  # penalty points: early on, a move that costs a section penalty is still taken
T_END = 0.3


@dataclass
class Found:
    score: Score
    layout: Layout
    genome: Genome


def natural_span(p: Piece, columns: int) -> int:
    """The span whose legs come nearest a comfortable depth (lead: two thirds of the page)."""
    lo = math.ceil(columns * 2 / 3) if p.page_rank == 1 and p.part == 0 else 1
    spans = [s for s in range(lo, columns + 1) if p.body[s] > 0] or [columns]
    return min(spans, key=lambda s: (abs(p.body[s] - 16), s))


def greedy(pieces: list[Piece], columns: int) -> Genome:
    """Rank order, natural spans, pictures full, jumps allowed where the piece may jump."""
    n = len(pieces)
    order = sorted(range(n), key=lambda i: (pieces[i].part, pieces[i].page_rank, i))
    return Genome(
        order=order,
        span=[natural_span(p, columns) for p in pieces],
        pic=[PIC_FULL] * n,
        cut=[1 if p.jumpable else 0 for p in pieces],
        slack=[0] * n,
    )


def _neighbour(g: Genome, pieces: list[Piece], columns: int, rng: random.Random) -> Genome:
    n = len(pieces)
    h = g.copy()
    move = rng.random()
    i = rng.randrange(n)
    if move < 0.35:
        s = h.span[i] + rng.choice((-1, 1)) if rng.random() < 0.6 else rng.randint(1, columns)
        h.span[i] = min(columns, max(1, s))
    elif move < 0.55 and n > 1:
        a, b = rng.sample(range(n), 2)
        h.order[a], h.order[b] = h.order[b], h.order[a]
    elif move < 0.75 and n > 1:
        a = rng.randrange(n)
        item = h.order.pop(a)
        h.order.insert(rng.randrange(n), item)
    elif move < 0.85:
        h.slack[i] = rng.randint(0, MAX_SLACK)
    elif move < 0.93 and pieces[i].has_picture:
        h.pic[i] = rng.randint(PIC_FULL, PIC_NONE)
    elif pieces[i].jumpable:
        h.cut[i] = 1 - h.cut[i]
    else:
        h.span[i] = rng.randint(1, columns)
    return h


def signature(layout: Layout) -> tuple:
    """What makes two proposals different to an editor: which story, how wide, how high up.
    Two stories side by side swapped left for right are one proposal, not two."""
    return tuple(sorted((m.piece, m.span, m.line) for m in layout.modules))


def anneal(
    board: Board,
    pieces: list[Piece],
    weights: Weights,
    bin_costs: list[float],
    *,
    k: int = 3,
    seed: int = 0,
    evaluations: int = 2500,
    allow_jumps: bool = True,
    start: Genome | None = None,
) -> list[Found]:
    """Anneal from the greedy start; the best `k` distinct layouts seen, best first."""
    rng = random.Random(seed)
    columns = board.grid.columns
    seen: dict[tuple, float] = {}
    best: dict[tuple, Found] = {}

    def evaluate(g: Genome) -> float:
        key = g.key()
        cached = seen.get(key)
        if cached is not None:
            return cached
        layout = decode(board, pieces, g, allow_jumps)
        sc = score(board, pieces, layout, weights, bin_costs)
        seen[key] = sc.total
        sig = signature(layout)
        old = best.get(sig)
        if old is None or sc.total < old.score.total:
            best[sig] = Found(sc, layout, g)
        return sc.total

    if not pieces:
        g = Genome([], [], [], [], [])
        evaluate(g)
        return list(best.values())[:k]
    current = start.copy() if start is not None else greedy(pieces, columns)
    cost = evaluate(current)
    for step in range(evaluations):
        temp = T_START * (T_END / T_START) ** (step / max(evaluations - 1, 1))
        cand = _neighbour(current, pieces, columns, rng)
        c = evaluate(cand)
        if c <= cost or rng.random() < math.exp((cost - c) / temp):
            current, cost = cand, c
        if len(best) > 64 * k:
            _prune(best, 16 * k)
    ranked = sorted(best.values(), key=lambda f: (f.score.total, signature(f.layout)))
    return ranked[:k]


def _prune(best: dict[tuple, Found], keep: int) -> None:
    ranked = sorted(best.items(), key=lambda kv: (kv[1].score.total, kv[0]))
    for sig, _ in ranked[keep:]:
        del best[sig]
