"""Setting one line: takes an analysed paragraph and a range, gives glyph origins in em.

Compression and expansion follow the order in CLREQ.md (from clreq §3.8 and GB/T 15834):

shrink  1 line-end mark to ½ em, 2 word spaces to ¼ em, 3 · to ½ em, 4 brackets and quotes
        to ½ em, 5 ，、；： to ½ em, 6 Han–Latin space to ⅛ em, 7 。？！ to ½ em;
stretch 1 word spaces to ½ em, 2 Han–Latin space to ⅓ em, 3 even space between all
        characters, never inside —— or ……, not before a closing, stop or dash mark nor
        after an opening one (they keep to their text), a word space counting as one
        place (it widens, the characters beside it do not move off it), inside a Latin
        word only when the line is nothing else.

Each stage is used up before the next starts, shared in proportion to what each item can
give. Glyphs keep their advances: only glue and the empty halves of marks change. `fit`
also says how the line was spread: the even space stage 3 put in each place (a loose line
has more than LOOSE em between its characters), or, negative, how much compression took.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate

from layouts.analysis import HAN_LATIN, Analysed
from layouts.linebreak import OP, SP
from layouts.punctuation import WORD_SPACE_MAX, WORD_SPACE_MIN, pair_pick

EPS = 1e-9  # em
HAN_LATIN_MIN = 0.125
HAN_LATIN_MAX = 1 / 3
LOOSE = 0.5  # em: more even space than this between characters is a hole (issue 13)
UNSPREAD = float("inf")  # the spread of a short line with nowhere to put space

# origins relative to the line's content start, right edge, spread (see the module doc)
Placed = tuple[list[float], float, float]


def _in(seq: list[int], lo: int, hi: int) -> list[int]:
    """Items of a sorted list within [lo, hi)."""
    return seq[bisect_left(seq, lo) : bisect_left(seq, hi)]


def visible_end(p: Analysed, s: int, e: int) -> int:
    """End of the drawn part of [s, e): spaces at a line end are consumed, not drawn."""
    cls = p.cls
    while e > s and cls[e - 1] == SP:
        e -= 1
    return e


def fit(
    p: Analysed,
    s: int,
    e: int,
    avail: float,
    lead: bool,
    stretch: bool,
    force: bool,
    letterspace: bool = False,
) -> Placed | None:
    """Set characters [s, e) in `avail` em.

    lead: compress an opening mark at the start (not after a paragraph indent).
    stretch: fill `avail` when the line is short (justified, not last).
    force: never fail; otherwise None when even full compression leaves it too wide.
    letterspace: spread Latin words and numbers too, with the rest (for a line that no
    breaking saves from a hole: a little space in 12345 is better than an em beside it).
    """
    ev = visible_end(p, s, e)
    m = ev - s
    if m == 0:
        return [], 0.0, 0.0
    cl, cr = p.cl, p.cr
    w = p.cw[s:ev]
    o = p.off[s:ev]
    gl = p.g[s + 1 : ev]
    gl.append(0.0)
    marks = _in(p.marks, s, ev)
    done: set[int] = set()
    if marks:
        if lead and marks[0] == s and p.cls[s] == OP:
            done.add(s)  # an opening bracket at a line start loses its empty half
        prev = -2
        for i in marks:
            if i == prev + 1:
                k = pair_pick(cl, cr, done, prev, i)
                if k >= 0:
                    done.add(k)  # adjacent marks take 1.5 em, not 2
            prev = i
        for i in done:
            w[i - s] -= cl[i] + cr[i]
            o[i - s] -= cl[i]
    delta = avail - (sum(w) + sum(gl))
    spread = 0.0
    if delta < -EPS:
        if not _shrink(p, s, ev, w, o, gl, marks, done, -delta) and not force:
            return None
        spread = delta
    elif delta > EPS and stretch:
        spread = _stretch(p, s, ev, w, gl, delta, letterspace)
    lefts = list(accumulate([a + b for a, b in zip(w, gl, strict=True)], initial=0.0))
    xs = [a + b for a, b in zip(lefts, o, strict=False)]
    return xs, lefts[m - 1] + w[m - 1], spread


def _shrink(p, s, ev, w, o, gl, marks, done, need) -> bool:
    """Take `need` em out of the line, stage by stage; False if it cannot all be taken."""
    cl, cr, stage = p.cl, p.cr, p.stage
    # (kind, local index, capacity): kind 0 a mark's empty halves, 1 a cell, 2 glue
    stages: list[list[tuple[int, int, float]]] = [[] for _ in range(8)]
    last = ev - 1
    for i in marks:
        if i in done or not (cl[i] or cr[i]):
            continue
        st = 1 if i == last and p.cls[i] != OP else stage[i]
        stages[st].append((0, i - s, cl[i] + cr[i]))
    for i in _in(p.spaces, s, ev):
        cap = w[i - s] - WORD_SPACE_MIN
        if cap > 0:
            stages[2].append((1, i - s, cap))
    for k in _in(p.hl, s + 1, ev):
        stages[6].append((2, k - s - 1, HAN_LATIN - HAN_LATIN_MIN))
    for items in stages:
        if not items:
            continue
        total = sum(c for _, _, c in items)
        take = min(need, total)
        f = take / total
        for kind, j, cap in items:
            if kind == 0:
                i = j + s
                w[j] -= f * cap
                o[j] -= f * cl[i]
            elif kind == 1:
                w[j] -= f * cap
            else:
                gl[j] -= f * cap
        need -= take
        if need <= EPS:
            return True
    return need <= EPS


def _stretch(p, s, ev, w, gl, extra, letterspace=False) -> float:
    """Add `extra` em: word spaces, then Han–Latin space, then evenly between characters.
    Gives the even space each place took in the last stage (UNSPREAD if there was none)."""
    in_line = _in(p.spaces, s, ev)
    spaces = [(i - s, WORD_SPACE_MAX - w[i - s]) for i in in_line]
    spaces = [(j, cap) for j, cap in spaces if cap > 0]
    if spaces:
        total = sum(cap for _, cap in spaces)
        take = min(total, extra)
        for j, cap in spaces:
            w[j] += cap * take / total
        extra -= take
        if extra <= EPS:
            return 0.0
    hl = _in(p.hl, s + 1, ev)
    if hl:
        cap = (HAN_LATIN_MAX - HAN_LATIN) * len(hl)
        add = min(cap, extra) / len(hl)
        for k in hl:
            gl[k - s - 1] += add
        extra -= add * len(hl)
        if extra <= EPS:
            return 0.0
    m = ev - s
    lock = set(_in(p.lock, s + 1, ev))
    lint = _in(p.lint, s + 1, ev)
    attach = _in(p.attach, s + 1, ev)
    skip = lock.union(attach) if letterspace else lock.union(lint, attach)
    runs: list[int] = []  # a run of word spaces is one place: its first space widens
    if in_line:
        cls = p.cls
        for i in in_line:
            skip.update((i, i + 1))
            if i == s or cls[i - 1] != SP:
                runs.append(i - s)
    slots = [j for j in range(m - 1) if j + s + 1 not in skip] if skip else list(range(m - 1))
    # Failing those, space marks off their neighbours, and only then letter-space a word.
    for fallback in (attach, lint):
        if slots or runs:
            break
        slots = [k - s - 1 for k in fallback if k not in lock]
    if not (slots or runs):
        return UNSPREAD
    add = extra / (len(slots) + len(runs))
    for j in slots:
        gl[j] += add
    for j in runs:
        w[j] += add
    return add
