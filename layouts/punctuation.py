"""Punctuation metrics per face: takes a Face, gives each mark's 1-em cell, origin and empty half.

Full-width marks occupy 1 em (GB/T 15834); compression removes the EMPTY half of the cell,
and fonts disagree about which half that is (clreq §3.1.6 on font-dependent punctuation
positions): Noto Serif CJK SC draws 。 in the lower left, AR PL UMing centres it. So the
empty side is measured from each glyph's ink bounds, per face and per mark:

- ink within the left half → the right half may go ("L": capacity 0 left, ½ em right);
- ink within the right half → the left half may go ("R");
- ink within the middle half → a quarter may go from each side ("C": ¼ + ¼), so a centred
  mark still yields ½ em and its ink stays centred in what is left;
- ink spreading further → the mark is not compressed.

Marks that some fonts draw proportionally because the code point is shared with Latin
(“ ” in WenQuanYi and LXGW WenKai, · and — in Noto CJK) get a 1-em cell in Chinese context
with the glyph placed where a full-width design would put it: opening marks in the right
half, closing and stop marks in the left half, dots and dashes centred.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from layouts.fonts.metrics import Face
from layouts.linebreak import CJK_MODE, CL, DS, GL, MARKS, MD, OP, PS, SL, SP, ZW, char_class

TOLERANCE = 0.02  # em of ink allowed across the half-way line
WORD_SPACE_MIN = 0.25  # em (CLREQ.md: Latin word spaces shrink to ¼ em …)
WORD_SPACE_MAX = 0.5  # … and stretch to ½ em

# (class, cell width, origin offset in the cell, left capacity, right capacity), in em
Rec = tuple[int, float, float, float, float]

_PLACED = frozenset((OP, CL, PS, MD, DS, SL))


def capacities(lo: float, hi: float) -> tuple[float, float]:
    """Empty space a 1-em cell may lose (left, right) given its ink from lo to hi."""
    if hi <= 0.5 + TOLERANCE:
        return 0.0, 0.5
    if lo >= 0.5 - TOLERANCE:
        return 0.5, 0.0
    if lo >= 0.25 - TOLERANCE and hi <= 0.75 + TOLERANCE:
        return 0.25, 0.25
    return 0.0, 0.0


def shrink_stage(ch: str, cls: int) -> int:
    """Where a mark stands in the CLREQ.md shrink order (3 ·, 4 brackets, 5 ，、；：, 7 。？！)."""
    if cls == MD:
        return 3
    if cls in (OP, CL):
        return 4
    if cls == PS:
        return 7 if ch in "。？！" else 5
    return 0


class FaceTable:
    """Per-character records for one face, built on first use and kept with the face."""

    def __init__(self, face: Face) -> None:
        self.face = face
        self.recs: dict[str, Rec] = {}
        self._mode: dict[tuple[str, int], Rec] = {}
        self._dash: dict[str, tuple[float, float]] = {}
        self._rule: dict[str, tuple[float, float] | None] = {}

    def rec(self, ch: str) -> Rec:
        """The record of `ch` out of context (ambiguous marks get their class AM)."""
        r = self.recs.get(ch)
        if r is None:
            r = self.recs[ch] = self.mode_rec(ch, char_class(ch))
        return r

    def mode_rec(self, ch: str, cls: int) -> Rec:
        """The record of `ch` set as class `cls` (an ambiguous mark once context decided)."""
        key = (ch, cls)
        r = self._mode.get(key)
        if r is None:
            r = self._mode[key] = self._make(ch, cls)
        return r

    def _make(self, ch: str, cls: int) -> Rec:
        face = self.face
        adv = face.advance(ch)  # 1 em when the face lacks the glyph
        if cls == ZW or (cls == GL and not face.has(ch)):
            return (cls, 0.0, 0.0, 0.0, 0.0)  # invisible: never a 1-em hole
        if cls == SP:
            return (cls, min(max(adv, WORD_SPACE_MIN), WORD_SPACE_MAX), 0.0, 0.0, 0.0)
        if cls not in _PLACED:
            return (cls, adv, 0.0, 0.0, 0.0)
        ink = face.ink(ch) if face.has(ch) else None
        if ink is None:
            return (cls, 1.0, (1.0 - adv) / 2, 0.0, 0.0)
        lo, hi = ink[0], ink[2]
        if abs(adv - 1.0) <= TOLERANCE:
            off = 0.0  # a full-width design: keep the font's own placement
        elif cls == OP:
            off = 0.75 - (lo + hi) / 2
        elif cls in (CL, PS):
            off = 0.25 - (lo + hi) / 2
        else:
            off = 0.5 - (lo + hi) / 2
        cap_l, cap_r = capacities(off + lo, off + hi) if cls in MARKS else (0.0, 0.0)
        return (cls, 1.0, off, cap_l, cap_r)

    def dash_offsets(self, ch: str) -> tuple[float, float]:
        """Origins for the halves of ——: the first ends its ink at its cell's right edge and
        the second starts at its left edge, so the 2-em dash reads as one unbroken rule."""
        r = self._dash.get(ch)
        if r is None:
            ink = self.face.ink(ch) if self.face.has(ch) else None
            r = self._dash[ch] = (0.0, 0.0) if ink is None else (1.0 - ink[2], -ink[0])
        return r

    def dash_rule(self, ch: str) -> tuple[float, float] | None:
        """(rise, thickness) in em of the rule that makes —— one unbroken 2-em line in this
        face, or None when the glyphs themselves reach their cells' outer edges (GB-style
        faces draw the full em; Noto CJK's proportional dash covers 1.6 of the 2 em)."""
        if ch not in self._rule:
            ink = self.face.ink(ch) if self.face.has(ch) else None
            short = ink is not None and ink[2] - ink[0] < 1.0 - TOLERANCE
            self._rule[ch] = ((ink[1] + ink[3]) / 2, ink[3] - ink[1]) if short else None  # type: ignore[index]
        return self._rule[ch]


_TABLES: WeakKeyDictionary[Face, FaceTable] = WeakKeyDictionary()


def face_table(face: Face) -> FaceTable:
    """The (cached) table of a face."""
    t = _TABLES.get(face)
    if t is None:
        t = _TABLES[face] = FaceTable(face)
    return t


def empty_side(face: Face, ch: str) -> str:
    """Which part of a full-width mark's cell compression may remove in this face:
    'right', 'left', 'both' (a quarter each side of a centred mark) or 'none'."""
    rec = face_table(face).mode_rec(ch, CJK_MODE.get(ch, char_class(ch)))
    cap_l, cap_r = rec[3], rec[4]
    if cap_l and cap_r:
        return "both"
    return "left" if cap_l else "right" if cap_r else "none"


def pair_pick(cap_l: list[float], cap_r: list[float], done: set[int], a: int, b: int) -> int:
    """Which of two adjacent marks gives up space so the pair takes 1.5 em (clreq §3.1.6).

    The empty space between them goes first (a's empty right half, then b's empty left
    half), then a centred mark's two quarters; -1 when neither can give (both inked
    across, or already compressed)."""
    if cap_r[a] == 0.5 and a not in done:
        return a
    if cap_l[b] == 0.5 and b not in done:
        return b
    if cap_l[a] == 0.25 and a not in done:
        return a
    if cap_l[b] == 0.25 and b not in done:
        return b
    return -1
