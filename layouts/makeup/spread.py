"""White left across the foot of a page, spread up it: a band of empty lines under the last
modules of every column becomes designed white over the headlines standing on full-width cuts
and under the headline groups of stories set across the whole page (题区 white).

Takes the board and a Layout; gives a new Layout (modules moved down, their white grown) or
the same one when there is no band or nowhere to spread it. A page whose stories fall a few
lines short then reads as airy headlines, not as a 天窗 at the foot.
"""

from __future__ import annotations

from dataclasses import replace

from layouts.makeup.pack import Board, Layout, Module

MAX_WHITE = 3  # lines of white over a headline, at most, after spreading (with the module's own)
MAX_HEAD_WHITE = 3  # lines of white spread under a full-width headline group, at most
MIN_BAND = 2  # lines across the whole foot worth spreading


def spread_foot(board: Board, layout: Layout) -> Layout:
    mods = layout.modules
    lines = board.grid.lines
    # white the packer skipped inside the page stays where it is (nothing is moved past it);
    # a strip down to the foot is part of the band
    if not mods or any(line + n < lines for line, _c, _w, n in layout.strips):
        return layout
    bottoms = _bottoms(board, mods)
    band = min(_tail(board, bottoms, j) for j in range(board.cols))
    if band < MIN_BAND:
        return layout
    # slots: ("over", line) white over the headlines starting on a cut; ("under", n) white
    # under module n's headline group when it spans the page; lower slots first
    room: dict[tuple[str, int], int] = {}
    for y in _cuts(mods):
        room[("over", y)] = max(0, MAX_WHITE - max(m.slack for m in mods if m.line == y))
    for n, m in enumerate(mods):
        if m.span == board.cols and not m.cut:
            room[("under", n)] = MAX_HEAD_WHITE
    order = sorted(room, key=lambda s: s[1] if s[0] == "over" else mods[s[1]].line, reverse=True)
    extra = dict.fromkeys(room, 0)
    left = band
    while left and any(extra[s] < room[s] for s in order):
        for s in order:
            if left and extra[s] < room[s]:
                extra[s] += 1
                left -= 1
    if left == band:
        return layout
    moved = [_moved(n, m, mods, extra) for n, m in enumerate(mods)]
    if not _clear(board, moved):
        return layout
    tops = _bottoms(board, moved)
    cells = sum(_tail(board, tops, j) for j in range(board.cols))
    return Layout(moved, cells, [], list(layout.unplaced), tops)


def _bottoms(board: Board, mods: list[Module]) -> list[int]:
    """Each column's first free line under its lowest module (furniture skipped)."""
    tops = list(board.tops)
    for m in mods:
        bottom = m.line + m.height
        for j in range(m.col, m.col + m.span):
            nxt = board.next_free[j][bottom] if bottom < board.height else board.height
            tops[j] = max(tops[j], nxt)
    return tops


def _tail(board: Board, tops: list[int], j: int) -> int:
    return board.free_below[j][tops[j]] if tops[j] < board.height else 0


def _cuts(mods: list[Module]) -> list[int]:
    """Lines where modules start and no module crosses: white can open there across the page.
    The topmost is left out (white there would only push the page's head down)."""
    top = min(m.line for m in mods)
    starts = {m.line for m in mods if m.line > top}
    return sorted(y for y in starts if not any(m.line < y < m.line + m.height for m in mods))


def _moved(n: int, m: Module, mods: list[Module], extra: dict[tuple[str, int], int]) -> Module:
    """Module n moved down by the white opened above it, its own white grown."""
    down = 0
    for (kind, at), lines in extra.items():
        if kind == "over" and at < m.line:
            down += lines
        elif kind == "under" and mods[at].line < m.line:
            down += lines  # a full-width module above: everything lower moves
    over = extra.get(("over", m.line), 0)
    under = extra.get(("under", n), 0)
    return replace(
        m,
        line=m.line + down,
        slack=m.slack + over,
        head=m.head + under,
        head_white=m.head_white + under,
    )


def _clear(board: Board, mods: list[Module]) -> bool:
    """Every module still inside the page and off the furniture."""
    for m in mods:
        if m.line + m.height > board.height:
            return False
        mask = ((1 << m.span) - 1) << m.col
        if any(board.base[y] & mask for y in range(m.line, m.line + m.height)):
            return False
    return True
