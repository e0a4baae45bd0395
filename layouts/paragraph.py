"""The Chinese paragraph composer: takes a Paragraph and a measure, gives justified Lines.

The public face of the engine's text setting (CLREQ.md, clreq, GB/T 15834): analysis
(layouts.analysis) measures the paragraph once, the breaker (layouts.breaker) chooses the
lines, the justifier (layouts.justify) places every glyph; a paragraph the greedy breaker
would leave with a hole is broken as a whole (layouts.totalfit). Widths are worked in em of the
paragraph size and scaled to points here, at the end.
"""

from __future__ import annotations

from dataclasses import replace

from layouts.analysis import Analysed, analyse
from layouts.breaker import Breaker, SetLine
from layouts.fonts.metrics import FaceSet
from layouts.justify import fit
from layouts.text import DashRule, Line, Paragraph, Segment, TextStyle
from layouts.totalfit import badness, loose, refit

ALIGNS = ("justify", "left", "center", "right")


def compose_paragraph(
    par: Paragraph, width: float, faces: FaceSet, *, start: int = 0
) -> list[Line]:
    """Compose `par` from character `start` in a column `width` points wide.

    Lines are consecutive and cover [start, len(text)); the last has last=True. With
    start > 0 (the rest after a column break) the first line is not indented. An empty
    paragraph gives one empty line; a start at the paragraph's end gives none.
    """
    style = par.style
    if style.align not in ALIGNS:
        raise ValueError(f"unknown alignment {style.align!r}")
    p = analyse(par, faces)
    n = p.n
    if start >= n:
        return [Line(start, start, (), width, 0.0, True)] if n == 0 else []
    avail = width / style.size
    breaker = Breaker(p, avail, p.indent if start == 0 else 0.0, style.align == "justify")
    sets = breaker.lines(start)
    if len(sets) > 1 and breaker.orphan(sets[-1]):
        sets = breaker.fix_orphan(sets)
    if breaker.justify and any(map(loose, sets)):
        whole = refit(breaker, sets)  # a hole: break the paragraph as a whole instead
        if whole is not None and badness(whole, breaker) < badness(sets, breaker):
            sets = whole
        sets = [breaker.letterspaced(ln) if loose(ln) else ln for ln in sets]
    return [_line(p, ln, width, avail, style.align) for ln in sets]


def _line(p: Analysed, ln: SetLine, width: float, avail: float, align: str) -> Line:
    """A set line in points, aligned: justified lines already fill the measure."""
    s, e, xs, edge, last, _ = ln
    shift = 0.0
    if align == "center":
        shift = (avail - edge) / 2
    elif align == "right":
        shift = avail - edge
    size = p.size
    ev = s + len(xs)
    segs = []
    for a, b, font, color in p.spans:
        lo, hi = max(a, s), min(b, ev)
        if lo < hi:
            pts = tuple((shift + x) * size for x in xs[lo - s : hi - s])
            segs.append(Segment(font, color, p.text[lo:hi], pts))
    rules = _dash_rules(p, s, ev, xs, shift) if p.dash_rules else ()
    return Line(s, e, tuple(segs), width, edge * size, last, rules)


def _dash_rules(p: Analysed, s: int, ev: int, xs: list[float], shift: float) -> tuple:
    """The rules under the line's 2-em dashes, from the first cell's left edge to the second
    cell's right edge (the halves never part: a locked boundary keeps their cells abutting)."""
    size = p.size
    out = []
    for k, (rise, thickness) in p.dash_rules.items():
        if s <= k and k + 1 < ev:
            left = xs[k - s] - p.off[k]
            right = xs[k + 1 - s] - p.off[k + 1] + p.cw[k + 1]
            color = next(c for a, b, _, c in p.spans if a <= k < b)
            out.append(
                DashRule(
                    (shift + left) * size,
                    (shift + right) * size,
                    rise * size,
                    thickness * size,
                    color,
                )
            )
    return tuple(out)


def natural_width(text: str, font: str, size: float, faces: FaceSet) -> float:
    """Width in points of `text` on one line at natural spacing, by the body-text rules
    (full-width marks, pairs in 1.5 em, Han–Latin ¼ em, an opening mark trimmed at the
    start). Cheap enough for fitting headlines."""
    style = TextStyle(font, size, size, indent=0.0)
    p = analyse(Paragraph.plain(text, style), faces)
    placed = fit(p, 0, p.n, float("inf"), True, False, True)
    return placed[1] * size if placed else 0.0


def set_line(
    text: str,
    style: TextStyle,
    faces: FaceSet,
    width: float,
    align: str = "left",
    tracking: float | None = None,
) -> Line:
    """Set `text` as one line `width` points wide: justified (spread or squeezed to the
    width) or left/centre/right at natural spacing, with the body-text punctuation rules.
    Too wide even fully compressed, it overflows: its natural width then exceeds `width`
    (the caller reports it). `tracking` (em, may be negative) overrides the style's."""
    if align not in ALIGNS:
        raise ValueError(f"unknown alignment {align!r}")
    style = replace(style, indent=0.0, tracking=style.tracking if tracking is None else tracking)
    p = analyse(Paragraph.plain(text, style), faces)
    avail = width / style.size
    placed = fit(p, 0, p.n, avail, True, align == "justify", True)
    xs, edge, _ = placed if placed else ([], 0.0, 0.0)
    return _line(p, (0, p.n, xs, edge, True, 0.0), width, avail, align)
