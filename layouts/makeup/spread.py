"""White left across the foot of a page, spread up it: a band of empty lines under the last
modules of every column becomes designed white over the headlines standing on full-width cuts.

Takes the board and a Layout; gives a new Layout (modules moved down, their white grown) or
the same one when there is no band or no cut to spread it to. A page whose stories fall a few
lines short then reads as airy headlines, not as a 天窗 at the foot.
"""

from __future__ import annotations

from dataclasses import replace

from layouts.makeup.pack import Board, Layout, Module

MAX_WHITE = 3  # lines of white over a headline, at most, after spreading (with the module's own)
MIN_BAND = 2  # lines across the whole foot worth spreading


def spread_foot(board: Board, layout: Layout) -> Layout:
    mods = layout.modules
    if not mods or layout.strips:
        return layout
    band = min(_tail(board, layout.tops, j) for j in range(board.cols))
    if band < MIN_BAND:
        return layout
    cuts = _cuts(mods)
    room = {y: max(0, MAX_WHITE - max(m.slack for m in mods if m.line == y)) for y in cuts}
    extra = dict.fromkeys(cuts, 0)
    left = band
    while left and any(extra[y] < room[y] for y in cuts):
        for y in sorted(cuts, reverse=True):  # lower cuts first: white nearer the band
            if left and extra[y] < room[y]:
                extra[y] += 1
                left -= 1
    if left == band:
        return layout
    moved = [_moved(m, cuts, extra) for m in mods]
    if not _clear(board, moved):
        return layout
    tops = list(board.tops)
    for m in moved:
        bottom = m.line + m.height
        for j in range(m.col, m.col + m.span):
            nxt = board.next_free[j][bottom] if bottom < board.height else board.height
            tops[j] = max(tops[j], nxt)
    cells = sum(_tail(board, tops, j) for j in range(board.cols))
    return Layout(moved, cells, [], list(layout.unplaced), tops)


def _tail(board: Board, tops: list[int], j: int) -> int:
    return board.free_below[j][tops[j]] if tops[j] < board.height else 0


def _cuts(mods: list[Module]) -> list[int]:
    """Lines where modules start and no module crosses: white can open there across the page.
    The topmost is left out (white there would only push the page's head down)."""
    top = min(m.line for m in mods)
    starts = {m.line for m in mods if m.line > top}
    return sorted(y for y in starts if not any(m.line < y < m.line + m.height for m in mods))


def _moved(m: Module, cuts: list[int], extra: dict[int, int]) -> Module:
    above = sum(extra[y] for y in cuts if y < m.line)
    own = extra.get(m.line, 0)
    return replace(m, line=m.line + above, slack=m.slack + own)


def _clear(board: Board, mods: list[Module]) -> bool:
    """Every module still inside the page and off the furniture."""
    for m in mods:
        if m.line + m.height > board.height:
            return False
        mask = ((1 << m.span) - 1) << m.col
        if any(board.base[y] & mask for y in range(m.line, m.line + m.height)):
            return False
    return True
