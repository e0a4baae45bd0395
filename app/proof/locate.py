"""From a place on the page to the text under it: takes a ComposedPage, its frames' articles and a box, gives article + range."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from app.model import Article
from app.model.proof import Rect, article_text
from app.proof.snapshot import glyph_boxes, line_runs
from layouts.display import ComposedPage, GlyphRun

NEEDLE = 4  # characters of a line used to find it in its article when it does not follow on


@dataclass(frozen=True, slots=True)
class PlacedChar:
    """One character of an article's body as the page shows it."""

    article_id: int
    offset: int  # into article_text(article.paragraphs)
    box: Rect
    line: int  # index of its line on the page, to find insertion points within one line


def _body_size(runs: list[GlyphRun]) -> float:
    """The size most characters of a story are set in: its body (headlines are larger)."""
    sizes = Counter[float]()
    for run in runs:
        sizes[round(run.size, 2)] += len(run.text)
    return sizes.most_common(1)[0][0]


def _align(chars: str, text: str, pos: int) -> list[int] | None:
    """Offsets in `text` of each non-space character of `chars`, reading on from `pos`; None if
    the line is not there. Whitespace may differ: the composer drops it at line ends."""
    out: list[int] = []
    for ch in chars:
        if ch.isspace():
            out.append(-1)
            continue
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text) or text[pos] != ch:
            return None
        out.append(pos)
        pos += 1
    return out


def _find(chars: str, text: str, cursor: int) -> list[int] | None:
    """Where a line's characters sit in the article: right after the previous line if they do,
    else the first place from the cursor (then from the top) that matches whole."""
    found = _align(chars, text, cursor)
    if found is not None:
        return found
    words = chars.split()
    if not words:
        return None
    needle = words[0][:NEEDLE]  # spacing inside a line may differ from the text's, so one word
    for origin in (cursor, 0):
        at = text.find(needle, origin)
        while at != -1:
            found = _align(chars, text, at)
            if found is not None:
                return found
            at = text.find(needle, at + 1)
    return None


def article_chars(page: ComposedPage, frame_articles: Mapping[str, Article]) -> list[PlacedChar]:
    """Every body character on the page whose frame shows an article, tied to its offset.

    Headlines (a larger size) and jump lines such as （下转第3版） are not article text and are
    left out, as is any line the article's text does not contain.
    """
    lines = line_runs(page)
    by_article: dict[int, list[GlyphRun]] = {}
    for runs in lines:
        article = frame_articles.get(runs[0].owner)
        if article is not None and article.id is not None:
            by_article.setdefault(article.id, []).extend(runs)
    sizes = {aid: _body_size(runs) for aid, runs in by_article.items()}
    texts = {a.id: article_text(a.paragraphs) for a in frame_articles.values() if a.id is not None}
    cursors: dict[int, int] = {}
    out: list[PlacedChar] = []
    for index, runs in enumerate(lines):
        article = frame_articles.get(runs[0].owner)
        if article is None or article.id is None:
            continue
        if any(abs(r.size - sizes[article.id]) > 0.01 for r in runs):
            continue
        chars = "".join(r.text for r in runs)
        offsets = _find(chars, texts[article.id], cursors.get(article.id, 0))
        if offsets is None or max(offsets) < 0:
            continue
        boxes = [b for r in runs for b in glyph_boxes(r)]
        for offset, box in zip(offsets, boxes, strict=True):
            if offset >= 0:
                out.append(PlacedChar(article.id, offset, box, index))
        cursors[article.id] = max(offsets) + 1
    return out


def locate(
    page: ComposedPage, box: Rect, frame_articles: Mapping[str, Article]
) -> tuple[int, int, int] | None:
    """(article id, start, end) of the text a mark's box covers, or None when it is not on text.

    Characters whose centre lies in the box count; a box across several lines takes the text
    from its first to its last character, as a selection does. A box over no character's
    centre but within a line (a caret, 增补) gives the insertion point nearest its centre.
    """
    chars = article_chars(page, frame_articles)
    inside = [c for c in chars if box.contains(*c.box.centre)]
    if inside:
        votes = Counter(c.article_id for c in inside)
        article_id = votes.most_common(1)[0][0]
        offsets = [c.offset for c in inside if c.article_id == article_id]
        return article_id, min(offsets), max(offsets) + 1
    cx, cy = box.centre
    on_line = [c for c in chars if c.box.y <= cy <= c.box.y2]
    if not on_line:
        return None
    # The line under the centre whose characters come nearest it, then the gap nearest it.
    nearest = min(on_line, key=lambda c: min(abs(cx - c.box.x), abs(cx - c.box.x2)))
    if not (nearest.box.x - nearest.box.h <= cx <= nearest.box.x2 + nearest.box.h):
        return None  # beside the column, not in the text
    line = sorted((c for c in on_line if c.line == nearest.line), key=lambda c: c.box.x)
    for c in line:
        if cx < c.box.centre[0]:
            return c.article_id, c.offset, c.offset
    last = line[-1]
    return last.article_id, last.offset + 1, last.offset + 1


def text_box(
    page: ComposedPage,
    frame_articles: Mapping[str, Article],
    article_id: int,
    start: int,
    end: int,
) -> Rect | None:
    """The box around an article's characters [start, end) on this page (None if not shown):
    for marks made on the text itself rather than drawn on the page."""
    boxes = [
        c.box
        for c in article_chars(page, frame_articles)
        if c.article_id == article_id and start <= c.offset < max(end, start + 1)
    ]
    if not boxes:
        return None
    box = boxes[0]
    for b in boxes[1:]:
        box = box.union(b)
    return box
