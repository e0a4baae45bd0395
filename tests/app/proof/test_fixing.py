"""Fixing the text fixes the marks: edits found, touched marks fixed, the others follow their text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.model.proof import Mark, Rect, article_text
from app.proof.fixing import Edit, follow_edit, text_edits

OLD = ["本报讯4月23日，区委书记到八角街道调研。", "他强调，要把小事当作大事来办。", "第三段不变。"]
BOX = Rect(10, 10, 9, 9)


def mark(start: int, end: int, status: str = "open", kind: str = "改正") -> Mark:
    return Mark(1, 1, BOX, kind, article_id=7, start=start, end=end, status=status)


def span(text: str, needle: str) -> tuple[int, int]:
    i = text.index(needle)
    return i, i + len(needle)


def test_one_character_fix_is_one_edit_at_its_offset() -> None:
    new = [OLD[0], OLD[1].replace("小事", "小情"), OLD[2]]
    old_text = article_text(OLD)
    i = old_text.index("小事") + 1
    assert text_edits(OLD, new) == [Edit(i, i + 1, i, i + 1)]
    assert text_edits(OLD, list(OLD)) == []


def test_touched_mark_fixed_later_ones_move_earlier_ones_stay() -> None:
    text = article_text(OLD)
    typo = mark(*span(text, "事当"))
    later = mark(*span(text, "第三段"))
    earlier = mark(*span(text, "区委书记"))
    new = [OLD[0], OLD[1].replace("小事", "小小的事情"), OLD[2]]
    changed = {m.start: m for m in follow_edit([typo, later, earlier], OLD, new, by="王编辑")}
    new_text = article_text(new)
    assert earlier.start not in changed  # untouched, not moved: not returned
    fixed = changed[typo.start]
    assert fixed.status == "fixed" and fixed.resolved_by == "王编辑"
    moved = [m for m in changed.values() if m.status == "open"]
    assert len(moved) == 1 and new_text[moved[0].start : moved[0].end] == "第三段"


def test_insertion_fixes_the_caret_mark_there_and_at_range_ends() -> None:
    text = article_text(OLD)
    caret = text.index("八角")
    insert_mark = mark(caret, caret, kind="增补")
    before = mark(*span(text, "到"))  # ends right where the text goes in
    far = mark(*span(text, "调研"))
    new = [OLD[0].replace("八角", "石景山区八角"), OLD[1], OLD[2]]
    changed = {m.kind + str(m.end): m for m in follow_edit([insert_mark, before, far], OLD, new)}
    statuses = sorted(m.status for m in changed.values())
    assert statuses == ["fixed", "fixed", "open"]
    moved = next(m for m in changed.values() if m.status == "open")
    assert article_text(new)[moved.start : moved.end] == "调研"


def test_new_paragraph_before_shifts_and_closed_marks_only_move() -> None:
    text = article_text(OLD)
    done = mark(*span(text, "第三段"), status="rejected")
    new = ["新加的导语段落。", *OLD]
    (moved,) = follow_edit([done], OLD, new)
    assert moved.status == "rejected"
    assert article_text(new)[moved.start : moved.end] == "第三段"


def test_deleting_the_marked_words_fixes_the_mark() -> None:
    text = article_text(OLD)
    m = mark(*span(text, "当作大事"))
    new = [OLD[0], OLD[1].replace("当作大事", ""), OLD[2]]
    (fixed,) = follow_edit([m], OLD, new)
    assert fixed.status == "fixed" and fixed.start == fixed.end == span(text, "当作大事")[0]


HANZI = st.text(alphabet="的一是在了不和有大这中人上为们，。“”", min_size=0, max_size=30)


@settings(max_examples=150, deadline=None)
@given(
    pars=st.lists(HANZI, min_size=1, max_size=4),
    data=st.data(),
)
def test_marks_outside_an_edit_keep_pointing_at_their_characters(pars, data) -> None:
    """Property: any splice; a mark it does not touch still covers the same characters."""
    text = article_text(pars)
    i = data.draw(st.integers(0, len(text)))
    j = data.draw(st.integers(i, len(text)))
    insert = data.draw(HANZI)
    new_text = text[:i] + insert + text[j:]
    new = new_text.split("\n")
    s = data.draw(st.integers(0, len(text)))
    e = data.draw(st.integers(s, len(text)))
    m = mark(s, e)
    result = {x.id: x for x in follow_edit([m], pars, new)}.get(None, m)
    # Compared as if every paragraph ended in "\n": a diff may pair a paragraph with an equal
    # one elsewhere, and the last has no separator of its own.
    old_full, new_full = text + "\n", new_text + "\n"
    if result.status == "open":
        assert new_full[result.start : result.end] == old_full[s:e]
    if old_full[s:e] != new_full[result.start : result.end]:
        assert result.status == "fixed"  # what changed under an open mark, fixed it
