"""Loose-line repair: takes a Breaker whose greedy lines open a hole, gives the paragraph broken
as a whole (a total fit, after Knuth and Plass) so that no line spreads its characters more
than justify.LOOSE apart, where any breaking allows it.

The greedy breaker decides line by line; a unit that cannot join the line (a URL, a long
number or word, a mark that may not start the next line) then leaves the line before it
short, and justifying it opens a hole. Choosing all the breaks together finds what a
typesetter does by hand: take a character more or fewer a line or two earlier, or break a
URL after its / or . so the rest of the line fills. Only paragraphs with a loose line come
here, so the common case stays the greedy one's speed.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from heapq import heappop, heappush

from layouts.analysis import Analysed
from layouts.breaker import Breaker, SetLine, _base
from layouts.justify import EPS, LOOSE

LINE = 1.0  # each line: do not add one lightly
HOLE = 1000.0  # a loose line, and more the looser it is
SHORT = 10_000.0  # a line that could not be justified at all
ORPHAN = 200.0  # a last line of one character (孤字)
SQUEEZE = 0.5  # per em of compression
BACK = 6  # break opportunities tried before where the line's text fits at natural spacing …
AHEAD = 3  # … and after it (set with compression)
# A line shorter than its room by more than LOOSE em per place between its characters, and
# what word spaces and Han–Latin spaces may take before that, is loose however it is set:
# it is not tried (the greedy line stands in when nothing else is left).
SLACK = 0.6
BEFORE = 6  # lines before the first loose one that may change; those above stay as set …
AFTER = 2  # … and after the last, where the new breaks must meet the old ones again
INDENTED = 1.0  # em: a paragraph's first line keeps at least this much of its indent …
NARROWED = 20.0  # … and pays this, and this per em, for setting a hole-free line by less
SPACED = 100.0  # a line saved from a hole by letter-spacing its Latin words and numbers


def loose(ln: SetLine) -> bool:
    """A line, not a paragraph's last, with more than LOOSE em between its characters."""
    return not ln[4] and ln[5] > LOOSE + EPS


def badness(lines: list[SetLine], b: Breaker) -> tuple[int, int, float]:
    """How bad a setting is, worst first: loose lines, a 孤字, the widest spread."""
    spread = max((ln[5] for ln in lines if not ln[4]), default=0.0)
    return sum(map(loose, lines)), int(len(lines) > 1 and b.orphan(lines[-1])), spread


def refit(b: Breaker, lines: list[SetLine]) -> list[SetLine] | None:
    """`lines` re-broken from a few lines above their first loose one to the paragraph's end,
    the cheapest way (see the costs above), or None when no line could be set from some
    position (the lines given then stand)."""
    bad = [i for i, ln in enumerate(lines) if loose(ln)]
    keep = lines[: max(bad[0] - BEFORE, 0)]
    tail = lines[bad[-1] + AFTER + 1 :]
    start = lines[len(keep)][0]
    if tail:
        middle = _best(b, start, tail[0][0])
        if middle is not None and not any(map(loose, middle)):
            return keep + middle + tail
    middle = _best(b, start, b.p.n)
    return None if middle is None else keep + middle


def _best(b: Breaker, start: int, end: int) -> list[SetLine] | None:
    """The cheapest lines from `start` to `end` (a break), or None if no lines get there."""
    best: dict[int, tuple[float, int, SetLine | None]] = {start: (0.0, -1, None)}
    todo = [start]
    while todo:
        s = heappop(todo)
        if s >= end:
            continue
        here = best[s][0]
        for ln, extra in _candidates(b, s):
            e = ln[1]
            if e > end:
                continue
            total = here + _cost(b, ln) + extra
            known = best.get(e)
            if known is None:
                heappush(todo, e)
            if known is None or total < known[0] - EPS:
                best[e] = (total, s, ln)
    if end not in best:
        return None
    out: list[SetLine] = []
    pos = end
    while pos != start:
        _, prev, ln = best[pos]
        out.append(ln)  # type: ignore[arg-type]
        pos = prev
    return out[::-1]


def _cost(b: Breaker, ln: SetLine) -> float:
    if ln[4]:
        return LINE + (ORPHAN if ln[0] > 0 and b.orphan(ln) else 0.0)
    spread = ln[5]
    if spread < 0:
        return LINE + SQUEEZE * -spread
    if not b.justified(ln):
        return SHORT
    if spread > LOOSE + EPS:
        return LINE + HOLE * (1.0 + min(spread, 100.0))
    return LINE + (spread / LOOSE) ** 2


def _candidates(b: Breaker, s: int) -> list[tuple[SetLine, float]]:
    """Lines from s, each with what it costs beyond its spacing: ending at the opportunities
    around where its text fits at natural spacing, and the greedy breaker's own choice (it
    knows how to break what is wider than a line)."""
    p = b.p
    n, opps = p.n, p.opps
    base, room = _base(p, s, b.lead(s)), b.room(s)
    fits = bisect_right(p.r, base + room + EPS, s + 1, n + 1) - 1
    k = bisect_right(opps, fits) - 1
    out: list[tuple[SetLine, float]] = []
    seen: set[int] = set()
    for j in range(max(k - BACK + 1, 0), min(k + AHEAD + 1, len(opps))):
        e = opps[j]
        if e <= s:
            continue
        short = room - b._estimate(s, e, base)
        if e < n and short > (e - s) * LOOSE + SLACK or -short > _squeeze(p, s, e):
            continue
        ln = b.place(s, e, b.justify and e < n)
        if ln is not None:
            out.append(_spaced(b, ln))
            seen.add(e)
    if all(loose(ln) for ln, _ in out):
        chosen = b._choose(s, False)  # it knows how to break what is wider than a line
        if chosen[1] not in seen:
            out.append(_spaced(b, chosen))
    if s == 0 and b.indent > INDENTED:
        out += _narrowed(b, opps[k + 1 : k + 1 + AHEAD])
    return out


def _squeeze(p: Analysed, s: int, e: int) -> float:
    """More than compression can take out of [s, e): every mark's empty half, every word
    space down to ¼ em, every Han–Latin space down to ⅛ em (justify._shrink's stages)."""
    marks = bisect_left(p.marks, e) - bisect_left(p.marks, s)
    spaces = bisect_left(p.spaces, e) - bisect_left(p.spaces, s)
    hl = bisect_left(p.hl, e) - bisect_left(p.hl, s + 1)
    return 0.5 * marks + 0.25 * spaces + 0.125 * hl + EPS


def _spaced(b: Breaker, ln: SetLine) -> tuple[SetLine, float]:
    """A loose line letter-spaced where that closes its hole (at a price), else as it is."""
    if loose(ln):
        spaced = b.letterspaced(ln)
        if not loose(spaced):
            return spaced, SPACED
    return ln, 0.0


def _narrowed(b: Breaker, ends: list[int]) -> list[tuple[SetLine, float]]:
    """First lines set after a shorter indent (down to INDENTED em), each ending where its
    text then fills the line at natural spacing, or compressed after the shortest indent:
    in a narrow column a 2-字 indent can leave the first line no break but one that opens a
    hole (下一|步，区财政 in 5 字)."""
    p = b.p
    out = []
    for e in ends:
        indent = max(INDENTED, b.avail - b._estimate(0, e, _base(p, 0, False)))
        if indent < b.indent - EPS:
            ln = b.place(0, e, b.justify and e < p.n, indent=indent)
            if ln is not None and not loose(ln):
                out.append((ln, NARROWED * (1.0 + b.indent - indent)))
    return out
