"""Paragraph analysis: takes a Paragraph and its faces, gives flat per-character tables in em.

Everything the breaker and the justifier need is computed once per paragraph here, as plain
lists indexed by character (class, cell width, origin offset, compressible halves) and by
boundary (natural glue, break opportunity), plus prefix sums of the natural line so that a
candidate line's width is two look-ups. Nothing in the hot loops allocates per character.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import accumulate

from layouts.color import CMYK
from layouts.fonts.metrics import FaceSet
from layouts.linebreak import (
    AM,
    CL,
    DS,
    GL,
    ID,
    LA,
    LATIN_CLASSES,
    LN,
    LO,
    MARKS,
    NCLASS,
    OP,
    PS,
    SP,
    break_opportunities,
    resolve_ambiguous,
)
from layouts.punctuation import face_table, pair_pick, shrink_stage
from layouts.text import Paragraph

HAN_LATIN = 0.25  # em between Han and Latin letters or digits (CLREQ.md)

# Boundary kinds between classes a and b (index a * NCLASS + b).
_HL = {ID * NCLASS + LA, LA * NCLASS + ID}
_DSDS = DS * NCLASS + DS
_LOCK = {_DSDS} | {a * NCLASS + GL for a in range(NCLASS)}
_LINT = {a * NCLASS + b for a in LATIN_CLASSES for b in LATIN_CLASSES}
# A closing, stop or dash mark keeps to the character before it, an opening mark to the one
# after: justification space goes elsewhere.
_ATTACH = {a * NCLASS + b for a in range(NCLASS) for b in (CL, PS, DS, LN)} | {
    a * NCLASS + b for a in (OP, LO) for b in range(NCLASS)
}
_SPECIAL = _HL | _LOCK | _LINT | _ATTACH
_DASH_JOIN = "—―"


@dataclass(eq=False, slots=True)
class Analysed:
    """One paragraph, measured. Widths in em of the paragraph size."""

    text: str
    size: float
    indent: float
    cls: list[int]
    cw: list[float]  # cell width: 1 em for full-width marks, the advance otherwise
    off: list[float]  # glyph origin inside the cell
    cl: list[float]  # empty space the cell may lose on the left …
    cr: list[float]  # … and on the right
    g: list[float]  # natural glue at boundary k (between k-1 and k), n + 1 entries
    brk: list[int]  # 1 where a line may start
    opps: list[int]  # the positions where brk is 1, in order (n always among them)
    marks: list[int]  # indices of full-width marks (they pair and compress)
    stage: dict[int, int]  # mark index → CLREQ shrink stage
    spaces: list[int]  # indices of word spaces
    hl: list[int]  # boundaries carrying Han–Latin glue
    lock: list[int]  # boundaries never spaced (inside —— ……, before combining marks)
    lint: list[int]  # boundaries inside a Latin word or number
    attach: list[int]  # boundaries before a closing or stop mark, after an opening one
    spans: list[tuple[int, int, str, CMYK]]
    x: list[float] = field(default_factory=list)  # left edge of char i on one long line
    r: list[float] = field(default_factory=list)  # right edge of char e-1 (r[0] = 0)
    restore_l: dict[int, float] = field(default_factory=dict)  # pair trim undone at a start
    restore_r: dict[int, float] = field(default_factory=dict)  # … and at an end
    compressed: set[int] = field(default_factory=set)  # marks a pair compresses on one line
    dash_rules: dict[int, tuple[float, float]] = field(default_factory=dict)  # see _join_dashes

    @property
    def n(self) -> int:
        return len(self.text)


def analyse(par: Paragraph, faces: FaceSet) -> Analysed:
    """Measure a paragraph: classes, cells, glue and break opportunities."""
    text = par.text
    recs: list[tuple[int, float, float, float, float]] = []
    spans: list[tuple[int, int, str, CMYK]] = []
    tables = []
    pos = 0
    for span in par.spans:
        if not span.text:
            continue
        table = face_table(faces[span.font])
        get, make = table.recs.get, table.rec
        recs.extend([get(ch) or make(ch) for ch in span.text])
        spans.append((pos, pos + len(span.text), span.font, span.color))
        tables.append(table)
        pos += len(span.text)
    if recs:
        cls, cw, off, cl, cr = (list(col) for col in zip(*recs, strict=True))
    else:
        cls, cw, off, cl, cr = [], [], [], [], []
    if AM in cls:
        for i in resolve_ambiguous(text, cls):
            table = tables[_span_at(spans, i)]
            _, cw[i], off[i], cl[i], cr[i] = table.mode_rec(text[i], cls[i])
    rules: dict[int, tuple[float, float]] = {}
    if DS in cls:
        rules = _join_dashes(text, cls, off, spans, tables)

    codes = [a * NCLASS + b for a, b in zip(cls, cls[1:], strict=False)]
    tracking = par.style.tracking
    g = [0.0] * (len(text) + 1)
    hl: list[int] = []
    lock: list[int] = []
    lint: list[int] = []
    attach: list[int] = []
    for k, c in enumerate(codes, 1):
        if c in _SPECIAL:
            if c in _HL:
                g[k] = HAN_LATIN
                hl.append(k)
            elif c in _LOCK:
                if c != _DSDS or text[k - 1] == text[k] and text[k] in _DASH_JOIN + "…⋯":
                    lock.append(k)  # —— and …… are one mark; …～ may part a little
            elif c in _LINT:
                lint.append(k)
            else:
                attach.append(k)
    if tracking:
        locked = set(lock)
        for k in range(1, len(text)):
            if k not in locked:
                g[k] += tracking
    marks = [i for i, c in enumerate(cls) if c in MARKS]
    brk = break_opportunities(text, cls)
    p = Analysed(
        text=text,
        size=par.style.size,
        indent=par.style.indent,
        cls=cls,
        cw=cw,
        off=off,
        cl=cl,
        cr=cr,
        g=g,
        brk=brk,
        opps=[i for i, b in enumerate(brk) if b],
        marks=marks,
        stage={i: shrink_stage(text[i], cls[i]) for i in marks},
        spaces=[i for i, c in enumerate(cls) if c == SP] if SP in cls else [],
        hl=hl,
        lock=lock,
        lint=lint,
        attach=attach,
        spans=spans,
        dash_rules=rules,
    )
    _prefix(p)
    return p


def _span_at(spans: list[tuple[int, int, str, CMYK]], i: int) -> int:
    for k, (a, b, _, _) in enumerate(spans):
        if a <= i < b:
            return k
    raise IndexError(i)


def _join_dashes(text, cls, off, spans, tables) -> dict[int, tuple[float, float]]:
    """Place the halves of —— so they touch: one unbroken 2-em rule (GB/T 15834 破折号).

    Gives, for each pair whose face draws a dash too short to reach its cells' outer edges,
    the pair's first index → (rise, thickness) of the rule drawn under it to make up the
    2 em (the glyphs stay, so the text is still there to copy and search)."""
    n = len(text)
    rules: dict[int, tuple[float, float]] = {}
    i = 0
    while i < n:
        if cls[i] == DS and text[i] in _DASH_JOIN and i + 1 < n and text[i + 1] == text[i]:
            j = i
            while j < n and text[j] == text[i]:
                j += 1
            for k in range(i, j):
                table = tables[_span_at(spans, k)]
                first, second = table.dash_offsets(text[k])
                off[k] = second if (k - i) % 2 else first  # ———— is two 2-em dashes
                if (k - i) % 2 == 0 and k + 1 < j:
                    rule = table.dash_rule(text[k])
                    if rule is not None:
                        rules[k] = rule
            i = j
        else:
            i += 1
    return rules


def _prefix(p: Analysed) -> None:
    """Pair compression on one endless line, and prefix sums of the resulting edges.

    A candidate line [s, e) then measures r[e] - x[s], corrected by the pair trims that a
    break at s or e undoes (restore_l / restore_r)."""
    cl, cr = p.cl, p.cr
    ew = p.cw[:]
    done = p.compressed
    prev = -2
    for i in p.marks:
        if i == prev + 1:
            k = pair_pick(cl, cr, done, prev, i)
            if k >= 0:
                done.add(k)
                amount = cl[k] + cr[k]
                ew[k] -= amount
                if k == prev:
                    p.restore_r[i] = amount
                else:
                    p.restore_l[i] = amount
        prev = i
    g = p.g
    steps = [a + b for a, b in zip(ew, g[1:], strict=False)]
    p.x = list(accumulate(steps, initial=0.0))
    p.r = [a - b for a, b in zip(p.x, g, strict=True)]
