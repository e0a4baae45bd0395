"""On the engine's own pages (the sample issue): every body character is found, marks tie to text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.model.proof import article_text
from app.proof.locate import article_chars, locate
from app.proof.rounds import frame_articles
from app.proof.snapshot import page_lines
from app.store import Library
from layouts.display import ComposedPage


@pytest.fixture(scope="module")
def sample() -> Iterator[tuple[Library, list[ComposedPage]]]:
    from app.services import compose_issue, load_issue, temporary_sample_library

    with temporary_sample_library() as lib:
        yield lib, compose_issue(load_issue(lib, None))


def test_the_front_page_stories_are_found_character_by_character(sample) -> None:
    lib, pages = sample
    front = lib.pages(lib.issues()[0].id)[0]
    frames = frame_articles(lib, front.id)  # type: ignore[arg-type]
    chars = article_chars(pages[0], frames)
    assert chars
    for article in {a.id: a for a in frames.values()}.values():
        text = article_text(article.paragraphs)
        offsets = [c.offset for c in chars if c.article_id == article.id]
        assert offsets == sorted(set(offsets))  # each character once, in reading order
        # What the page shows of the story is a run of its text from the start.
        shown = "".join(text[o] for o in offsets)
        assert "".join(text.split()).startswith(shown) and len(shown) > 50
    # A box around any two neighbouring characters gives back exactly those two.
    pairs = [
        (a, b)
        for a, b in zip(chars, chars[1:], strict=False)
        if a.line == b.line and b.offset == a.offset + 1
    ]
    assert len(pairs) > 1000
    for a, b in pairs[::97]:
        assert locate(pages[0], a.box.union(b.box), frames) == (
            a.article_id,
            a.offset,
            b.offset + 1,
        )


def test_every_glyph_of_the_page_is_in_its_snapshot(sample) -> None:
    _, pages = sample
    for page in pages:
        lines = page_lines(page)
        assert "".join(ln.text for ln in lines) == page.text()
        assert all(ln.box.x >= 0 and ln.box.x2 <= page.width + 20 for ln in lines)
