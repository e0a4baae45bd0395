"""Three-way merge of a story's text: takes the version a desk started from (base), the desk's text (mine) and the library's (theirs), gives the merged fields when the two did not touch the same paragraph or title, else the places where they clash.

Paragraphs are the unit (a newsroom edits by paragraph, and a clash should be one a person
can judge at a glance): each side's changes against the base are found with difflib, as
ranges of base paragraphs replaced by new ones. Changes to different paragraphs both go
in; the same change made on both sides goes in once; changes to the same paragraph, or two
different insertions at one place, clash. An insertion just before or after a paragraph the
other side changed does not clash. The titles (引题 主题 副题 电头) merge field by field.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

TITLE_FIELDS = ("kicker", "headline", "subheadline", "byline")


@dataclass(frozen=True, slots=True)
class Clash:
    """One place both sides changed differently: a title field, or a run of paragraphs
    (`start`, `end` index the base's paragraphs; for a title both are 0)."""

    field: str  # "paragraphs" or a title field
    base: tuple[str, ...]
    mine: tuple[str, ...]
    theirs: tuple[str, ...]
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True)
class Merged:
    """The outcome: `fields` when everything merged (what to save); `clashes` otherwise, with
    `both` — the merged text holding both sides at each clash (theirs first), to read and
    edit into one."""

    fields: dict[str, Any] | None
    clashes: tuple[Clash, ...] = ()
    both: dict[str, Any] = field(default_factory=dict)

    @property
    def clean(self) -> bool:
        return self.fields is not None


@dataclass(slots=True)
class _Hunk:
    lo: int  # base paragraphs [lo, hi) become `lines`
    hi: int
    lines: tuple[str, ...]
    side: str  # "mine" or "theirs"


def _hunks(base: Sequence[str], other: Sequence[str], side: str) -> list[_Hunk]:
    matcher = difflib.SequenceMatcher(None, list(base), list(other), autojunk=False)
    return [
        _Hunk(i1, i2, tuple(other[j1:j2]), side)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def _touches(lo: int, hi: int, h: _Hunk) -> bool:
    """Whether hunk `h` (sorted after the group [lo, hi)) changes the same paragraphs."""
    if lo == hi:  # the group is an insertion at lo
        return h.lo == lo and h.hi == lo  # another insertion at the same place
    if h.lo == h.hi:  # an insertion inside the group's paragraphs (not at its edges)
        return lo < h.lo < hi
    return h.lo < hi


def _apply(base: Sequence[str], lo: int, hi: int, hunks: list[_Hunk]) -> tuple[str, ...]:
    """base[lo:hi] with `hunks` (all inside it, one side's) applied."""
    out: list[str] = []
    at = lo
    for h in sorted(hunks, key=lambda h: (h.lo, h.hi)):
        out += base[at : h.lo]
        out += h.lines
        at = h.hi
    out += base[at:hi]
    return tuple(out)


def merge_paragraphs(
    base: Sequence[str], mine: Sequence[str], theirs: Sequence[str]
) -> tuple[list[str], list[str], list[Clash]]:
    """(merged, both, clashes): `merged` is meaningful only without clashes; `both` holds
    theirs then mine at each clash."""
    hunks = sorted(
        _hunks(base, mine, "mine") + _hunks(base, theirs, "theirs"),
        key=lambda h: (h.lo, h.hi, h.side),
    )
    groups: list[tuple[int, int, list[_Hunk]]] = []
    for h in hunks:
        if groups and _touches(groups[-1][0], groups[-1][1], h):
            lo, hi, members = groups[-1]
            groups[-1] = (lo, max(hi, h.hi), [*members, h])
        else:
            groups.append((h.lo, h.hi, [h]))
    merged: list[str] = []
    both: list[str] = []
    clashes: list[Clash] = []
    at = 0
    for lo, hi, members in groups:
        merged += base[at:lo]
        both += base[at:lo]
        mine_part = _apply(base, lo, hi, [h for h in members if h.side == "mine"])
        theirs_part = _apply(base, lo, hi, [h for h in members if h.side == "theirs"])
        sides = {h.side for h in members}
        if len(sides) == 1 or mine_part == theirs_part:
            part = mine_part if sides == {"mine"} else theirs_part
            merged += part
            both += part
        else:
            clashes.append(Clash("paragraphs", tuple(base[lo:hi]), mine_part, theirs_part, lo, hi))
            both += [*theirs_part, *(p for p in mine_part if p not in theirs_part)]
        at = hi
    merged += base[at:]
    both += base[at:]
    return merged, both, clashes


def merge_text(
    base: Mapping[str, Any], mine: Mapping[str, Any], theirs: Mapping[str, Any]
) -> Merged:
    """Merge a story's text fields (TITLE_FIELDS and "paragraphs"; a field `mine` lacks is
    one the desk did not change)."""
    fields: dict[str, Any] = {}
    both: dict[str, Any] = {}
    clashes: list[Clash] = []
    for name in TITLE_FIELDS:
        b, t = base.get(name, ""), theirs.get(name, "")
        m = mine.get(name, b)
        if m in (b, t):
            fields[name] = both[name] = t
        elif t == b:
            fields[name] = both[name] = m
        else:
            clashes.append(Clash(name, (b,), (m,), (t,)))
            both[name] = m
    b_par = list(base.get("paragraphs", []))
    merged, both_par, par_clashes = merge_paragraphs(
        b_par, list(mine.get("paragraphs", b_par)), list(theirs.get("paragraphs", []))
    )
    both["paragraphs"] = both_par
    clashes += par_clashes
    if clashes:
        return Merged(None, tuple(clashes), both)
    fields["paragraphs"] = merged
    return Merged(fields, (), both)
