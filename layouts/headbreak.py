"""Headline text: takes a headline's text and a test of what fits, gives its lines.

Two clauses of a headline are parted by an em space (一字空, U+3000), whatever the editor
typed between them. A headline too wide for its frame breaks at its phrase boundaries — the
space between clauses first, then after a clause mark (，：！？…) — never before a mark that
may not start a line and never so that a line holds one character alone. Of the settings
that fit with the fewest lines, the one with the best breaks and the most even lines wins.
A headline with no boundary that gives fitting lines is not cut inside a phrase: it stays as
it is, for the caller to tighten and report (an editor breaks it, or the make-up gives it a
wider span).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import combinations
from math import comb

from layouts.linebreak import ID, break_opportunities, classes

EM_SPACE = "\u3000"
# a space run between two Chinese characters or marks: 一字空 in a headline
_CLAUSE_SPACE = re.compile(
    r"(?<=[\u2e80-\u9fff\uf900-\uffef“”‘’—…·])[ \t\u00a0\u2002-\u200a]+(?=[\u2e80-\u9fff\uf900-\uffef“”‘’—…·])"
)
_PAUSES = "，、：；！？。…—”’）》」』"

AT_SPACE = 0.0  # what a break costs: at the em space between clauses …
AFTER_PAUSE = 1.0  # … after a clause mark (nowhere else is a phrase boundary seen)
UNEVEN = 4.0  # times the lines' mean distance from their mean width, as a share of the widest
MOST_TRIED = 20_000  # settings weighed for one number of lines (headlines are short)


def em_spaces(text: str) -> str:
    """The text with each space between two Chinese characters set as one em space."""
    return _CLAUSE_SPACE.sub(EM_SPACE, text) if " " in text or "\u00a0" in text else text


def break_headline(
    text: str, fits: Callable[[str], bool], width_of: Callable[[str], float]
) -> list[str]:
    """The lines of `text`: one if it fits, else the fewest lines broken at phrase
    boundaries that each fit, the best broken (see the costs above); when none fit, the
    best two such lines, or the text whole when it has no boundary (the caller reports
    what is still too wide)."""
    if fits(text) or len(text) < 4:
        return [text]
    brk = break_opportunities(text, classes(text))
    cost = {i: c for i in range(1, len(text)) if brk[i] and (c := _cost(text, i)) is not None}
    cuts = sorted(cost)
    valid: dict[tuple[int, int], bool] = {}
    widths: dict[str, float] = {}

    def width(line: str) -> float:
        if line not in widths:
            widths[line] = width_of(line)
        return widths[line]

    def ok(a: int, b: int, test: Callable[[str], bool]) -> bool:
        if (a, b) not in valid:
            line = _line(text, a, b)
            valid[a, b] = bool(line) and not _alone(line) and test(line)
        return valid[a, b]

    for count in range(2, len(text) // 2 + 1):
        if comb(len(cuts), count - 1) > MOST_TRIED:
            break
        pick = _best(text, cuts, cost, count, lambda a, b: ok(a, b, fits), width)
        if pick is not None:
            return pick
    valid.clear()
    return _best(text, cuts, cost, 2, lambda a, b: ok(a, b, lambda _: True), width) or [text]


def _cost(text: str, i: int) -> float | None:
    """What a break before text[i] costs; None inside a phrase."""
    a, b = text[i - 1], text[i]
    if a == EM_SPACE or b == EM_SPACE or a.isspace() or b.isspace():
        return AT_SPACE
    if a in _PAUSES:
        return AFTER_PAUSE
    return None


def _line(text: str, a: int, b: int) -> str:
    return text[a:b].strip(" " + EM_SPACE)


def _alone(line: str) -> bool:
    """A line of one character (marks aside): the thing a headline must never do."""
    cls = classes(line)
    return sum(1 for c, ch in zip(cls, line, strict=True) if c == ID or ch.isalnum()) < 2


def _best(
    text: str,
    cuts: list[int],
    cost: dict[int, float],
    count: int,
    ok: Callable[[int, int], bool],
    width_of: Callable[[str], float],
) -> list[str] | None:
    """The best `count` lines of `text` that each pass `ok`, or None."""
    n = len(text)
    best: tuple[float, tuple[int, ...]] | None = None
    for combo in combinations(cuts, count - 1):
        bounds = (0, *combo, n)
        pairs = list(zip(bounds, bounds[1:], strict=False))
        if not all(ok(a, b) for a, b in pairs):
            continue
        widths = [width_of(_line(text, a, b)) for a, b in pairs]
        mean, widest = sum(widths) / count, max(widths)
        uneven = sum(abs(w - mean) for w in widths) / widest if widest else 0.0
        score = sum(cost[c] for c in combo) + UNEVEN * uneven
        if best is None or score < best[0] - 1e-9:
            best = (score, bounds)
    if best is None:
        return None
    bounds = best[1]
    return [_line(text, a, b) for a, b in zip(bounds, bounds[1:], strict=False)]
