"""Line breaking for one paragraph: takes an analysed paragraph and a measure, gives set lines.

Greedy, line by line, with one candidate of look-ahead (clreq §3.2, CLREQ.md):

- the natural break is the last opportunity whose line fits at natural spacing;
- if a forbidden character would start the next line, or the natural line is short, the
  next opportunity is tried by compressing punctuation (push-in, 推入) when that takes no
  more space out than push-out (推出: carry the previous character down, widen the line)
  would put in; otherwise the line is pushed out;
- a line left holding one unit that cannot take space (字 before a number too wide to
  join it) takes the last character of the line before, so it can be justified;
- a paragraph whose last line holds one character (孤字) is re-set: the last lines are
  tightened to pull it back, or one more character is brought down to keep it company;
- a run wider than the measure (a URL, a long number) breaks where it hurts least.
"""

from __future__ import annotations

from bisect import bisect_right

from layouts.analysis import Analysed
from layouts.justify import EPS, fit, visible_end
from layouts.linebreak import END_FORBIDDEN, ID, LA, LX, OP, SP, START_FORBIDDEN

# One set line: start, end, origins (em from the line's left edge), right edge, last line,
# and its spread (justify.fit: the even space between its characters, or − the compression).
SetLine = tuple[int, int, list[float], float, bool, float]

_ORPHAN_COUNT = frozenset((ID, LA, LX))  # what counts as a character for 孤字 (not marks)
_PAIRED = "—―…⋯"  # set in pairs: —— and ……


class Breaker:
    """Breaks one analysed paragraph at a measure of `avail` em."""

    def __init__(self, p: Analysed, avail: float, indent: float, justify: bool) -> None:
        self.p = p
        self.avail = avail
        self.justify = justify
        self.indented = indent > 0
        self._runs: dict[int, int] = {}  # run starts found so far (see _run_offset)
        self.indent = self._first_indent(indent)

    # -- measuring ---------------------------------------------------------------------

    def _first_indent(self, indent: float) -> float:
        """The indent, less in a column so narrow that beside it the paragraph's first
        unit would not fit, or would stand alone unjustifiable (——, a lone 字 before a
        long number): better a short indent than a broken rule or a ragged line."""
        p = self.p
        if indent <= 0 or p.n == 0:
            return max(indent, 0.0)
        base = _base(p, 0, False)
        one = _next(p, 0)
        width = self._estimate(0, one, base)
        if width > self.avail - indent + EPS:
            return max(0.0, min(indent, self.avail - width))
        if self.justify and one < p.n:
            two = self._estimate(0, _next(p, one), base)
            if two > self.avail - indent + EPS:
                placed = fit(p, 0, one, self.avail - indent, False, True, False)
                if placed is not None and placed[1] < self.avail - indent - EPS:
                    return max(0.0, min(indent, self.avail - two))
        return indent

    def _estimate(self, s: int, e: int, base: float) -> float:
        """Width of [s, e) at natural spacing, from the prefix sums (analysis._prefix)."""
        p = self.p
        ev = visible_end(p, s, e)
        return p.r[ev] + p.restore_r.get(ev, 0.0) - base

    def room(self, s: int) -> float:
        return self.avail - self.indent if s == 0 else self.avail

    def lead(self, s: int) -> bool:
        """Whether an opening mark at s loses its empty half (not after the indent)."""
        return not (s == 0 and self.indented)

    def place(
        self, s: int, e: int, stretch: bool, force: bool = False, indent: float | None = None
    ) -> SetLine | None:
        """Set [s, e) in its line's room (after the indent on the first line, or after
        `indent` if given)."""
        x0 = (self.indent if indent is None else indent) if s == 0 else 0.0
        placed = fit(self.p, s, e, self.avail - x0, self.lead(s), stretch, force)
        if placed is None:
            return None
        xs, edge, spread = placed
        if x0:
            xs = [x + x0 for x in xs]
        return (s, e, xs, edge + x0, e == self.p.n, spread)

    def letterspaced(self, ln: SetLine) -> SetLine:
        """The line spread through its Latin words and numbers too, if that is tighter."""
        s, e = ln[0], ln[1]
        x0 = self.indent if s == 0 else 0.0
        placed = fit(self.p, s, e, self.avail - x0, self.lead(s), True, False, True)
        if placed is None or placed[2] >= ln[5]:
            return ln
        xs, edge, spread = placed
        return (s, e, [x + x0 for x in xs] if x0 else xs, edge + x0, ln[4], spread)

    def justified(self, ln: SetLine) -> bool:
        return ln[3] >= self.avail - EPS

    # -- breaking ----------------------------------------------------------------------

    def lines(self, start: int, tight: bool = False) -> list[SetLine]:
        """Lines from `start` to the end. tight: push in wherever punctuation allows."""
        out: list[SetLine] = []
        s, n = start, self.p.n
        while s < n:
            ln = self._choose(s, tight)
            if self.justify and not ln[4] and not self.justified(ln) and out:
                redone = self._bring_down(out[-1], ln[1])
                if redone:
                    out[-1], ln = redone
            out.append(ln)
            s = ln[1]
        return out

    def _choose(self, s: int, tight: bool) -> SetLine:
        """The line starting at s, as set."""
        p, justify = self.p, self.justify
        n, brk, cls = p.n, p.brk, p.cls
        av = self.room(s)
        base = _base(p, s, self.lead(s))
        e = bisect_right(p.r, base + av + EPS, s + 1, n + 1) - 1
        while e < n and cls[e] == SP:
            e += 1  # spaces at a line end are consumed, so they always fit
        while e > s and (not brk[e] or self._estimate(s, e, base) > av + EPS):
            e -= 1
        if s < e < n:
            nxt = _next(p, e)
            wide = self._estimate(e, nxt, _base(p, e, True))
            if wide > self.avail + EPS and (
                wide > 2 * self.avail or fit(p, e, nxt, self.avail, True, False, False) is None
            ):
                # what follows is wider than any line even compressed: break inside it
                # here rather than leave this line short
                em = self._emergency(s, e, av, base, True)
                if em is not None:
                    return self.place(s, em, justify, True)  # type: ignore[return-value]
        while e > s:
            if e == n:
                ln = self.place(s, n, False)
                if ln is not None:
                    return ln
            else:
                nxt = _next(p, e)
                slack = av - self._estimate(s, e, base)
                if tight or (slack > EPS and self._estimate(s, nxt, base) - av <= slack + EPS):
                    ln = self.place(s, nxt, justify and nxt < n)  # push in
                    if ln is not None:
                        return ln
                ln = self.place(s, e, justify)  # push out, or a natural fit
                if ln is not None:
                    return ln
            e -= 1
            while e > s and not brk[e]:
                e -= 1
        # Nothing fits at an opportunity: the first one compressed, else break inside it.
        # (Compression takes at most half of anything, so a unit over twice the measure
        # is not even tried.)
        nxt = _next(p, s)
        if self._estimate(s, nxt, base) <= 2 * av:
            ln = self.place(s, nxt, justify and nxt < n)
            if ln is not None:
                return ln
        e = self._emergency(s, s, av, base, False) or s + 1
        return self.place(s, e, justify and e < n, True)  # type: ignore[return-value]

    def _emergency(self, s: int, lo: int, av: float, base: float, strict: bool) -> int | None:
        """Where to break a run wider than the measure, the last such place in (lo, fit]:
        after punctuation not inside a number (2003-|L0007, 电话:|68840911), else anywhere
        not between two letters or digits; unless strict, then where letters meet digits,
        then inside a word or number, then anywhere at all (ignoring the forbidden sets)."""
        p = self.p
        text, cls = p.text, p.cls
        hi = bisect_right(p.r, base + av + EPS, s + 1, p.n + 1) - 1
        ok = seam = inside = anywhere = halves = None
        for i in range(min(hi, p.n - 1), lo, -1):
            if text[i] == text[i - 1] and text[i] in _PAIRED and self._run_offset(i) % 2:
                halves = halves or i  # the middle of a —— or ……: the very last resort
                continue
            if cls[i] in START_FORBIDDEN or cls[i - 1] in END_FORBIDDEN:
                anywhere = anywhere or i
                continue
            a, b = text[i - 1], text[i]
            if b.isalnum() and (a.isalnum() or (a in ",." and i > 1 and text[i - 2].isdigit())):
                if a.isdigit() != b.isdigit() and a.isalnum():
                    seam = seam or i  # PM|2.5: letters meet digits
                else:
                    inside = inside or i  # inside a word, or a number such as 1,809 or 29.7
            elif not a.isalnum():
                return i
            else:
                ok = ok or i
        return ok if strict else ok or seam or inside or anywhere or halves

    def _bring_down(self, prev: SetLine, e: int) -> tuple[SetLine, SetLine] | None:
        """The line before, ended one opportunity earlier, and [that, e): both justified,
        else None."""
        s0, s1 = prev[0], prev[1]
        b = s1 - 1
        while b > s0 and not self.p.brk[b]:
            b -= 1
        if b <= s0:
            return None
        one = self.place(s0, b, True)
        two = self.place(b, e, True)
        if one is None or two is None or not self.justified(one) or not self.justified(two):
            return None
        return one, two

    def _run_offset(self, i: int) -> int:
        """How far i is into the run of identical characters it belongs to."""
        text, starts = self.p.text, self._runs
        j = i
        while j > 0 and text[j - 1] == text[i] and j not in starts:
            j -= 1
        start = starts.get(j, j)
        starts[i] = start
        return i - start

    # -- 孤字 ---------------------------------------------------------------------------

    def orphan(self, ln: SetLine) -> bool:
        """A last line holding one character (Han, digit or letter) and at most the marks
        around it: 孤字."""
        cls = self.p.cls
        return sum(1 for i in range(ln[0], ln[1]) if cls[i] in _ORPHAN_COUNT) == 1

    def fix_orphan(self, sets: list[SetLine]) -> list[SetLine]:
        """Pull a 孤字 back by tightening the last lines, or bring one more character down."""
        k = max(0, len(sets) - 3)
        tail = self.lines(sets[k][0], tight=True)
        if len(tail) < len(sets) - k and not self.orphan(tail[-1]):
            return sets[:k] + tail
        s1, e = sets[-2][0], sets[-2][1]
        n = self.p.n
        while True:
            e -= 1
            while e > s1 and not self.p.brk[e]:
                e -= 1
            if e <= s1:
                return sets
            one = self.place(s1, e, self.justify)
            two = self.place(e, n, False)
            if one is not None and two is not None and (self.justified(one) or not self.justify):
                return [*sets[:-2], one, two]


def _base(p: Analysed, s: int, lead: bool) -> float:
    """Where a line starting at s begins on the prefix-sum scale."""
    base = p.x[s] - p.restore_l.get(s, 0.0)
    if lead and p.cls[s] == OP and (s not in p.compressed or s in p.restore_l):
        base += p.cl[s] + p.cr[s]
    return base


def _next(p: Analysed, e: int) -> int:
    """The first break opportunity after e (the paragraph's end is always one)."""
    return p.opps[bisect_right(p.opps, e)]
