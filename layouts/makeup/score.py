"""The score of a packed page: penalty points by the trade's rules (MAKEUP.md), with its terms.

Takes the board, the pieces and a Layout; gives the total and every term by name, so a
proposal can say why it is better than another. Lower is better; 0 is a page with nothing
to object to. Terms of one module and of a pair of modules are separate functions, so the
branch-and-bound can add them up as it places modules and prune on the sum.
"""

from __future__ import annotations

from dataclasses import dataclass

from layouts.makeup.model import Score
from layouts.makeup.pack import Board, Layout, Module
from layouts.makeup.pieces import Piece

MIN_LEG = 5  # lines: a shorter leg reads as a band
COMFORT_LEG = 5  # lines, plus one per column: shallower legs across a wide span read as a band
DEEP_LEG = 4.0  # a leg deeper than this many times its column width reads as a wall
DEEP_HOLE = 4  # lines: with the white line of the module above and a leg's ragged end, 3 cm
LEAD_BIN = 25.0  # times a story's bin cost, for a page's lead
LEAD_CONTINUATION = 0.5  # share of that a lead's continuation costs when left out
FRONT_STORIES = 3  # a front page carries at least this many stories
TERMS = (
    "holes",
    "slack",
    "pictures",
    "bin",
    "section",
    "wanted_page",
    "rank",
    "bump",
    "legs",
    "jumps",
    "variety",
    "dominant",
)


@dataclass(frozen=True)
class Weights:
    hole: float = 3.0  # per line × column left empty
    slack: float = 0.6  # per line × column of designed white under a headline (2 lines at most)
    crop: float = 1.0  # a picture cropped shorter than its full height
    no_picture: float = 12.0  # a story set without its picture
    bin_story: float = 120.0  # a story of this page left in the bin (× its importance)
    bin_continuation: float = 450.0  # a continuation not placed here (it tries a later page)
    section: float = 30.0  # a story on another section's page
    wanted_page: float = 20.0  # a story off the page the desk asked for
    lead_top: float = 180.0  # the page lead not at the top
    lead_left: float = 6.0  # … nor at the left of its row
    lead_wide: float = 25.0  # another story wider than the page lead
    rank_low: float = 6.0  # a higher-ranked story lower than a lower-ranked one
    rank_narrow: float = 5.0  # … or narrower
    bump: float = 18.0  # 碰题: two headlines side by side at the same height
    short_leg: float = 6.0  # per line a leg is shorter than 5 (when it could be longer)
    thin_leg: float = 1.5  # per line a multi-column story's legs are shallower than 5 + span
    deep_leg: float = 1.5  # per line a leg is deeper than 4× its width
    jump_front: float = 30.0  # a front-page story jumps
    jump_inside: float = 200.0  # an inside story jumps
    # per line the continuation needs: the room it takes on another page (the whole-issue
    # make-up prices it by how full the issue is; 0 for one page alone)
    jump_rest: float = 0.0
    same_span: float = 25.0  # every module the same width
    band: float = 20.0  # each full-width module after the first
    dominant: float = 15.0  # no element clearly dominates (the lead the largest)
    big_hole: float = 200.0  # per DEEP_HOLE of white a reader sees as one (deep_holes), on top
    # of its cells
    few_front: float = 150.0  # per story a front page has fewer than three


def bin_cost(piece: Piece, w: Weights) -> float:
    if piece.part == 1:
        # A continuation with no room sends its story back whole, and a page lead long enough
        # to jump then fits nowhere: leaving it out costs the lead, less than the page's own
        # lead (that one stays) but more than its other stories.
        if piece.source is not None and piece.source.page_rank == 1:
            return max(w.bin_continuation, w.bin_story * LEAD_BIN * LEAD_CONTINUATION)
        return w.bin_continuation
    # a page's lead is the last story an editor leaves out: only when it cannot fit at all
    if piece.page_rank == 1:
        return w.bin_story * LEAD_BIN
    return w.bin_story * (1.0 + 8.0 / piece.page_rank**2)


def module_terms(board: Board, p: Piece, m: Module, w: Weights) -> tuple[float, ...]:
    """(slack, pictures, section, wanted_page, legs, jumps) of one module."""
    page, grid = board.page, board.grid
    # a line or two of white under a headline is design; more reads as a hole
    slack = m.span * (w.slack * min(m.slack, 2) + w.hole * max(0, m.slack - 2))
    pictures = 0.0
    if p.has_picture:
        if m.pic == 0:
            pictures = w.no_picture
        elif m.pic < p.pic_full[m.span]:
            pictures = w.crop
    section = wanted = 0.0
    if p.part == 0:
        if page.section and p.story.section and p.story.section != page.section:
            section = w.section
        if p.story.page is not None and p.story.page != page.number:
            wanted = w.wanted_page
    legs = 0.0
    possible = min(MIN_LEG, p.total_lines)  # one column is as deep as a story gets
    if m.body < possible:
        legs += w.short_leg * (possible - m.body)
    comfort = COMFORT_LEG + m.span
    if m.span > 1 and m.body < comfort:
        legs += w.thin_leg * (comfort - max(m.body, possible))
    deep = DEEP_LEG * grid.column_width / grid.pitch
    if m.body > deep:
        legs += w.deep_leg * (m.body - deep)
    jumps = 0.0
    if m.cut:
        jumps = (w.jump_front if page.front else w.jump_inside) + w.jump_rest * p.cut(
            m.span, m.body
        )
    return slack, pictures, section, wanted, legs, jumps


def pair_terms(pa: Piece, a: Module, pb: Piece, b: Module, w: Weights) -> tuple[float, float]:
    """(rank, bump) of two modules: rank order kept, headlines not side by side."""
    rank = 0.0
    if pa.part == 0 and pb.part == 0 and pa.page_rank != pb.page_rank:
        hi, lo = (a, b) if pa.page_rank < pb.page_rank else (b, a)
        if hi.line > lo.line:
            rank += w.rank_low
        if hi.span < lo.span:
            rank += w.rank_narrow
    bump = 0.0
    if a.col + a.span == b.col or b.col + b.span == a.col:
        a0, b0 = a.line + a.pic, b.line + b.pic
        overlap = min(a0 + a.head, b0 + b.head) - max(a0, b0)
        if overlap > 0:
            small, big = sorted((a.head, b.head))
            # a big difference in size separates two heads better
            bump = w.bump * overlap / max(small, 1) * (0.4 if big >= 1.6 * small else 1.0)
    return rank, bump


def pair_cost(pa: Piece, a: Module, pb: Piece, b: Module, w: Weights) -> float:
    """rank + bump of pair_terms in one number, for the branch-and-bound's inner loop."""
    out = 0.0
    ra, rb = pa.page_rank, pb.page_rank
    if ra != rb and not pa.part and not pb.part:
        hi, lo = (a, b) if ra < rb else (b, a)
        if hi.line > lo.line:
            out += w.rank_low
        if hi.span < lo.span:
            out += w.rank_narrow
    if a.col + a.span == b.col or b.col + b.span == a.col:
        a0, b0 = a.line + a.pic, b.line + b.pic
        overlap = min(a0 + a.head, b0 + b.head) - max(a0, b0)
        if overlap > 0:
            small, big = (a.head, b.head) if a.head < b.head else (b.head, a.head)
            out += w.bump * overlap / max(small, 1) * (0.4 if big >= 1.6 * small else 1.0)
    return out


def score(
    board: Board,
    pieces: list[Piece],
    layout: Layout,
    w: Weights,
    bin_costs: list[float],
) -> Score:
    t = dict.fromkeys(TERMS, 0.0)
    t["holes"] = w.hole * layout.hole_cells + w.big_hole * deep_holes(board, layout)
    t["bin"] = sum(bin_costs[i] for i in layout.unplaced)
    mods = layout.modules
    for n, m in enumerate(mods):
        p = pieces[m.piece]
        slack, pictures, section, wanted, legs, jumps = module_terms(board, p, m, w)
        t["slack"] += slack
        t["pictures"] += pictures
        t["section"] += section
        t["wanted_page"] += wanted
        t["legs"] += legs
        t["jumps"] += jumps
        for o in mods[:n]:
            rank, bump = pair_terms(p, m, pieces[o.piece], o, w)
            t["rank"] += rank
            t["bump"] += bump
    t["rank"] += lead_terms(board, pieces, mods, w)
    cuts = sum(1 for m in mods if m.cut)
    if cuts > 1:  # one jump is a habit of the trade, several make a page of stubs
        t["jumps"] += (cuts - 1) * (w.jump_front if board.page.front else w.jump_inside)
    t["variety"] = variety(mods, w, board.grid.columns)
    if board.page.front:
        stories = sum(1 for m in mods if pieces[m.piece].part == 0)
        t["rank"] += w.few_front * max(0, FRONT_STORIES - stories)
    t["dominant"] = dominance(mods, pieces, w)
    return Score(sum(t.values()), t)


def deep_holes(board: Board, layout: Layout) -> float:
    """Columns holding white at least DEEP_HOLE lines deep, counted by depth in DEEP_HOLEs:
    the deepest column in full, every other at half (an empty column down the page is many
    holes; a band across the foot is one hole, wide). White is what a reader sees as one:
    holes the packer skipped (a few lines at a time beside furniture) and the white under the
    last module, joined with a module's white line under its legs and the designed white over
    the next headline when they touch; the module's own white line does not count towards the
    depth (every module has one)."""
    if not layout.hole_cells and not any(m.slack for m in layout.modules):
        return 0.0
    depths: list[float] = []
    for j, t in enumerate(layout.tops):
        runs = [
            (line, lines, lines)
            for line, col, cols, lines in layout.strips
            if col <= j < col + cols
        ]
        if t < board.height and board.free_below[j][t]:
            runs.append((t, board.free_below[j][t], board.free_below[j][t]))
        for m in layout.modules:
            if m.col <= j < m.col + m.span:
                if m.gap:  # white, but not a hole: it joins what touches it
                    runs.append((m.line + m.height - m.gap, m.gap, 0))
                if m.slack:
                    runs.append((m.line + m.pic, m.slack, m.slack))
        runs.sort()
        longest = run = end = 0
        for line, lines, counted in runs:
            run = run + counted if line == end else counted
            end = line + lines
            longest = max(longest, run)
        if longest >= DEEP_HOLE:
            depths.append(longest / DEEP_HOLE)
    return max(depths) + 0.5 * (sum(depths) - max(depths)) if depths else 0.0


def lead_terms(board: Board, pieces: list[Piece], mods: list[Module], w: Weights) -> float:
    """The page lead at the top, at the left of its row and the widest."""
    stories = [m for m in mods if pieces[m.piece].part == 0]
    if not stories:
        return 0.0
    lead = min(stories, key=lambda m: pieces[m.piece].page_rank)
    out = 0.0
    top = min(m.line for m in mods)
    if lead.line > top:
        out += w.lead_top + (lead.line - top) * 0.5
    if lead.col > board.leftmost_free(lead.line):
        out += w.lead_left
    if any(m.span > lead.span for m in mods):
        out += w.lead_wide
    return out


def variety(mods: list[Module], w: Weights, columns: int) -> float:
    out = 0.0
    if len(mods) >= 3 and len({m.span for m in mods}) == 1:
        out += w.same_span
    bands = sum(1 for m in mods if m.span == columns)
    out += w.band * max(0, bands - 1)
    return out


def dominance(mods: list[Module], pieces: list[Piece], w: Weights) -> float:
    """One element dominates: the lead's module clearly the largest."""
    stories = [m for m in mods if pieces[m.piece].part == 0]
    if len(stories) < 2:
        return 0.0
    lead = min(stories, key=lambda m: pieces[m.piece].page_rank)
    area = lead.span * lead.height
    other = max(m.span * m.height for m in stories if m is not lead)
    if other > area:
        return w.dominant
    if other > 0.8 * area:
        return w.dominant * 0.5
    return 0.0
