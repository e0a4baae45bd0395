"""Typing on the page, without Qt: takes a composed page and the story shown in some of its frames, gives each drawn character's place in the story's text (field and offset), hit-testing, caret moves and the text edits a keystroke makes.

A story's text is its fields: 引题, 主题, 副题, 署名 and the body, the body being its paragraphs
joined by newlines (as proof marks index it). The composer emits a story's lines in reading
order, so each line is found in its field right after the line before it; a line the text
does not contain (a jump line such as （下转第3版）) is not the story's and takes no caret.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from app.model import Article
from app.proof.snapshot import ASCENT, DESCENT, line_runs
from layouts.display import ComposedPage, GlyphRun

FIELDS = ("kicker", "headline", "subheadline", "byline", "body")
HEAD_FIELDS = FIELDS[:-1]


def story_texts(article: Article) -> dict[str, str]:
    """The story's fields as plain strings, the body's paragraphs joined by newlines."""
    return {
        "kicker": article.kicker,
        "headline": article.headline,
        "subheadline": article.subheadline,
        "byline": article.byline,
        "body": "\n".join(article.paragraphs),
    }


def field_edit(field: str, text: str) -> dict[str, object]:
    """The EditArticleText arguments that give `field` the text `text`."""
    if field == "body":
        return {"paragraphs": text.split("\n")}
    return {field: text}


@dataclass(frozen=True, slots=True)
class Glyph:
    """One character of the story as the page shows it: its field, offset and box (points)."""

    field: str
    offset: int
    x: float
    top: float
    w: float
    h: float
    line: int  # index of its line among the story's lines on this page
    font: str  # the run's FontSource key and size, and its baseline (for text shown beside it)
    size: float
    baseline: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def middle(self) -> float:
        return self.x + self.w / 2


def _align(chars: str, text: str, pos: int) -> list[int] | None:
    """Offsets in `text` of the characters of a line read on from `pos` (-1 for spaces the
    composer kept but the text lacks); None if the line is not there."""
    out: list[int] = []
    for ch in chars:
        if ch.isspace():
            out.append(pos if pos < len(text) and text[pos] == ch else -1)
            pos += out[-1] >= 0
            continue
        while pos < len(text) and text[pos].isspace() and text[pos] != "\n":
            pos += 1  # spaces the composer dropped at a line end
        if pos >= len(text) or text[pos] != ch:
            return None
        out.append(pos)
        pos += 1
    return out


def _locate(chars: str, text: str, cursor: int) -> list[int] | None:
    """The line right after the previous one; else (the text was edited between compositions,
    a line of another thread page came between) its first whole match from the cursor or top."""
    found = _align(chars, text, cursor)
    if found is not None:
        return found
    if cursor < len(text) and text[cursor] == "\n":
        found = _align(chars, text, cursor + 1)  # a new paragraph
        if found is not None:
            return found
    needle = chars.strip()[:4]
    if not needle:
        return None
    for origin in (cursor, 0):
        at = text.find(needle, origin)
        while at != -1:
            found = _align(chars, text, at)
            if found is not None:
                return found
            at = text.find(needle, at + 1)
    return None


def _body_size(lines: list[list[GlyphRun]]) -> float:
    sizes = Counter[float]()
    for runs in lines:
        for run in runs:
            sizes[round(run.size, 2)] += len(run.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _run_glyphs(run: GlyphRun, field: str, offsets: list[int], line: int) -> list[Glyph]:
    """The run's characters that are the story's, each from its origin to the next one's
    (the run's last as wide as the character: a caret after a Latin letter ending a line
    sits by it, not an em away). Boxes as app/proof/snapshot.glyph_boxes makes them."""
    top, height = run.y - run.size * ASCENT, run.size * (ASCENT + DESCENT)
    xs = run.xs
    wide = unicodedata.east_asian_width(run.text[-1]) in ("W", "F")
    last = run.size * (1.0 if wide else 0.5)
    out = []
    for i, offset in enumerate(offsets):
        if offset >= 0:
            w = xs[i + 1] - xs[i] if i + 1 < len(xs) else last
            out.append(
                Glyph(
                    field, offset, xs[i], top, max(w, 0.0), height, line, run.font, run.size, run.y
                )
            )
    return out


def story_glyphs(page: ComposedPage, owners: Collection[str], article: Article) -> list[Glyph]:
    """Every character of the story drawn on the page in frames `owners`, in reading order."""
    lines = [runs for runs in line_runs(page) if runs[0].owner in owners]
    body_size = _body_size(lines)
    texts = story_texts(article)
    cursors = dict.fromkeys(FIELDS, 0)
    out: list[Glyph] = []
    for index, runs in enumerate(lines):
        chars = "".join(r.text for r in runs)
        body = all(abs(r.size - body_size) < 0.01 for r in runs)
        for field in ("body",) if body else HEAD_FIELDS:
            offsets = _locate(chars, texts[field], cursors[field])
            if offsets is not None and max(offsets) >= 0:
                break
        else:
            continue
        start = 0
        for run in runs:
            out += _run_glyphs(run, field, offsets[start : start + len(run.text)], index)
            start += len(run.text)
        cursors[field] = max(offsets) + 1
    return out


# -- where the caret is ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CaretBox:
    """Where to draw a caret: a vertical line at x from top, h high (points), beside `glyph`."""

    x: float
    top: float
    h: float
    line: int
    glyph: Glyph


def caret_box(
    glyphs: Sequence[Glyph], field: str, offset: int, upstream: bool = False
) -> CaretBox | None:
    """The caret before character `offset` of `field` — or, `upstream` (End, a click right of
    a line), after the previous one, at the end of its line; after the previous one too at
    the end of a paragraph or the field. None when neither is on this page."""
    before = after = None
    for g in glyphs:
        if g.field != field:
            continue
        if g.offset == offset:
            after = g
        elif g.offset == offset - 1:
            before = g
    if before is not None and (after is None or upstream):
        return CaretBox(before.right, before.top, before.h, before.line, before)
    if after is not None:
        return CaretBox(after.x, after.top, after.h, after.line, after)
    return None


def _line_of(glyphs: Sequence[Glyph], line: int) -> list[Glyph]:
    return [g for g in glyphs if g.line == line]


Place = tuple[str, int, bool]  # field, offset, upstream (see caret_box)


def _nearest_in_line(line: list[Glyph], x: float) -> Place:
    """The gap in a line nearest x: before the first character whose middle is right of x,
    else after the last one (upstream: at this line's end)."""
    for g in line:
        if x < g.middle:
            return g.field, g.offset, False
    last = line[-1]
    return last.field, last.offset + 1, True


def hit(glyphs: Sequence[Glyph], x: float, y: float) -> Place | None:
    """The caret position nearest a point: the line under it (or the nearest line of the
    nearest column), then the gap nearest it in that line. None if the story shows no text."""
    if not glyphs:
        return None
    lines: dict[int, list[Glyph]] = {}
    for g in glyphs:
        lines.setdefault(g.line, []).append(g)

    def distance(line: list[Glyph]) -> tuple[float, float]:
        top, bottom = line[0].top, line[0].top + line[0].h
        dy = 0.0 if top <= y <= bottom else min(abs(y - top), abs(y - bottom))
        left, right = line[0].x, line[-1].right
        dx = 0.0 if left <= x <= right else min(abs(x - left), abs(x - right))
        return (dx, dy)

    best = min(lines.values(), key=lambda line: distance(line)[0] * 4 + distance(line)[1])
    return _nearest_in_line(best, x)


def line_end(glyphs: Sequence[Glyph], caret: Caret, end: bool) -> int:
    """Home / End: the offset at the start or end of the caret's line (on this page)."""
    field, offset = caret.field, caret.offset
    box = caret_box(glyphs, field, offset, caret.upstream)
    if box is None:
        return offset
    line = [g for g in _line_of(glyphs, box.line) if g.field == field]
    if not line:
        return offset
    return line[-1].offset + 1 if end else line[0].offset


def vertical(glyphs: Sequence[Glyph], caret: Caret, down: bool) -> Place:
    """Up / Down: the gap nearest the caret's x on the line before or after it (the story's
    lines in reading order, so from a column's last line down goes to the next column)."""
    box = caret_box(glyphs, caret.field, caret.offset, caret.upstream)
    if box is None:
        return caret.field, caret.offset, caret.upstream
    numbers = sorted({g.line for g in glyphs})
    at = numbers.index(box.line) + (1 if down else -1)
    if not 0 <= at < len(numbers):
        return caret.field, caret.offset, caret.upstream
    return _nearest_in_line(_line_of(glyphs, numbers[at]), box.x)


# -- editing ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Caret:
    """A caret in one field, with the other end of its selection (anchor == offset: none)."""

    field: str
    offset: int
    anchor: int
    upstream: bool = False  # shown at the end of the line before, not the start of the next

    @property
    def start(self) -> int:
        return min(self.offset, self.anchor)

    @property
    def end(self) -> int:
        return max(self.offset, self.anchor)

    @property
    def selected(self) -> bool:
        return self.offset != self.anchor

    def to(self, offset: int, extend: bool = False, upstream: bool = False) -> Caret:
        return Caret(self.field, offset, self.anchor if extend else offset, upstream)


def clean(text: str, field: str) -> str:
    """What typing or pasting puts in a field: line breaks as newlines in the body (each a
    new paragraph), none in a headline field; no control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n")
    if field != "body":
        text = text.replace("\n", "")
    return "".join(ch for ch in text if ch == "\n" or ch >= " " or ch == "\t")


def insert(text: str, caret: Caret, typed: str) -> tuple[str, Caret]:
    """Replace the selection (if any) with `typed`; the caret after it."""
    typed = clean(typed, caret.field)
    new = text[: caret.start] + typed + text[caret.end :]
    at = caret.start + len(typed)
    return new, Caret(caret.field, at, at)


def delete(text: str, caret: Caret, forward: bool) -> tuple[str, Caret]:
    """Backspace (forward False) or Delete: the selection, else one character (a newline
    joins two paragraphs)."""
    if caret.selected:
        return insert(text, caret, "")
    start, end = (caret.offset, caret.offset + 1) if forward else (caret.offset - 1, caret.offset)
    if start < 0 or end > len(text):
        return text, caret
    return text[:start] + text[end:], Caret(caret.field, start, start)


def step(text: str, caret: Caret, forward: bool, extend: bool) -> Caret:
    """Left / Right: one character, or to the selection's edge when it ends a selection."""
    if caret.selected and not extend:
        edge = caret.end if forward else caret.start
        return caret.to(edge)
    return caret.to(max(0, min(len(text), caret.offset + (1 if forward else -1))), extend)
