"""Line snapshots, line diffs, and from a box on the page back to article characters."""

from __future__ import annotations

from app.model import Article
from app.model.proof import Rect, SnapshotLine, article_text
from app.proof.locate import article_chars, locate, text_box
from app.proof.snapshot import changed_lines, page_lines
from layouts.display import ComposedPage, GlyphRun

from .helpers import BODY, HEAD, SONG, set_line

PARAS = ["第一段文字很长需要换行才能排完。", "第二段 with Latin 也在这里。"]
ART = Article("标题", PARAS, id=7)


def two_column_page() -> ComposedPage:
    """Headline, then body in two columns of 8 字 sharing baselines, and a jump line."""
    text = article_text(PARAS).replace("\n", "")
    lines = [text[i : i + 8] for i in range(0, len(text), 8)]
    items = [set_line("frame-1", "标题", 20, 30, HEAD)]
    for i, line in enumerate(lines):
        col, row = divmod(i, 3)
        items.append(set_line("frame-1", line, 20 + col * 81, 60 + row * 14, BODY))
    items.append(set_line("frame-1", "（下转第3版）", 101, 60 + 3 * 14, BODY))
    items.append(set_line("frame-2", "别的稿件", 300, 60, BODY))
    return ComposedPage(1, 400, 500, tuple(items), fonts=(SONG,))


def test_runs_of_one_line_join_and_columns_stay_apart() -> None:
    split = GlyphRun("f", "song", 9, 50, "甲乙", (10.0, 19.0))
    rest = GlyphRun("f", "hei", 9, 50, "丙丁", (28.0, 37.0))
    next_col = GlyphRun("f", "song", 9, 50, "戊己", (100.0, 109.0))
    page = ComposedPage(1, 200, 200, (split, rest, next_col))
    lines = page_lines(page)
    assert [ln.text for ln in lines] == ["甲乙丙丁", "戊己"]
    assert lines[0].box == Rect(10, 50 - 9 * 0.88, 36, 9)


def test_changed_lines_are_those_the_edit_reflowed() -> None:
    old = [SnapshotLine("f", t, Rect(0, i * 14, 90, 9)) for i, t in enumerate("甲乙丙丁")]
    new = [SnapshotLine("f", t, Rect(0, i * 14, 90, 9)) for i, t in enumerate("甲乙改丁戊")]
    diff = changed_lines(old, new)
    assert [ln.text for ln in diff.changed] == ["改", "戊"]
    assert [ln.text for ln in diff.removed] == ["丙"]
    assert not changed_lines(old, list(old))
    moved = [SnapshotLine("g", "甲", old[0].box), *old[1:]]
    assert [ln.text for ln in changed_lines(old, moved).changed] == ["甲"]


def test_every_body_character_is_tied_to_its_offset() -> None:
    page = two_column_page()
    chars = article_chars(page, {"frame-1": ART})
    text = article_text(PARAS)
    assert [c.offset for c in chars] == [i for i, ch in enumerate(text) if not ch.isspace()]
    for c in chars:  # the glyph drawn there is the character at that offset
        run = next(r for r in page.glyph_runs() if r.y == c.box.y + BODY * 0.88 and c.box.x in r.xs)
        assert run.text[run.xs.index(c.box.x)] == text[c.offset]


def test_box_over_characters_gives_their_range() -> None:
    page = two_column_page()
    text = article_text(PARAS)
    target = text.index("换行")
    chars = {c.offset: c for c in article_chars(page, {"frame-1": ART})}
    a, b = chars[target].box, chars[target + 1].box
    box = Rect(a.x + 1, a.y + 2, b.x2 - a.x - 2, a.h - 4)
    assert locate(page, box, {"frame-1": ART}) == (7, target, target + 2)
    # A box from the middle of one line to the middle of the next takes everything between.
    far = chars[target + 10].box
    start, end = locate(page, Rect(a.x, a.y, 1, 1).union(far), {"frame-1": ART})[1:]  # type: ignore[index]
    assert (start, end) == (target, target + 11)
    assert text_box(page, {"frame-1": ART}, 7, target, target + 2) == a.union(b)


def test_caret_gives_an_insertion_point_and_headline_or_margin_nothing() -> None:
    page = two_column_page()
    frames = {"frame-1": ART}
    text = article_text(PARAS)
    chars = {c.offset: c for c in article_chars(page, frames)}
    gap = chars[text.index("段")].box  # caret between 一 and 段
    caret = Rect(gap.x - 1, gap.y + 3, 2, 4)
    i = text.index("段")
    assert locate(page, caret, frames) == (7, i, i)
    assert locate(page, Rect(20, 10, 36, 25), frames) is None  # the headline
    assert locate(page, Rect(380, 60, 10, 10), frames) is None  # beside the column
    assert locate(page, Rect(300, 50, 36, 12), frames) is None  # another story's frame


def test_text_found_again_after_a_page_break_and_a_second_article() -> None:
    """A continuation page starts mid-story: its first line is found by searching the text."""
    text = article_text(PARAS)
    cont = text.replace("\n", "")[16:]
    other = Article("他稿", ["另一篇稿件的正文。"], id=8)
    items = (
        set_line("frame-5", cont[:8], 20, 60, BODY),
        set_line("frame-5", cont[8:], 20, 74, BODY),
        set_line("frame-6", "另一篇稿件的正文。", 200, 60, BODY),
    )
    page = ComposedPage(3, 400, 500, items)
    chars = article_chars(page, {"frame-5": ART, "frame-6": other})
    mine = [c.offset for c in chars if c.article_id == 7]
    assert "".join(text[o] for o in mine) == "".join(cont.split())
    assert [c.offset for c in chars if c.article_id == 8] == list(range(9))
