"""Rounds against the library: open, mark, fix the text, close, and the next round's diff."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest

from app.edit.commands import EditArticleText
from app.edit.session import EditSession
from app.model.proof import Mark, Rect, article_text
from app.proof.errors import ProofError
from app.proof.locate import article_chars, text_box
from app.proof.rounds import (
    add_mark,
    changed_since_opened,
    close_round,
    frame_articles,
    open_round,
    resolve_mark,
    round_changes,
)
from app.proof.snapshot import page_lines
from app.store import LibraryError

from .helpers import Paper, at


def box_of(paper: Paper, slug: str, needle: str, page: int = 1) -> Rect:
    """Where `needle` of a story is drawn now, as a proofreader would ring it."""
    article = paper.lib.article(paper.articles[slug].id)  # type: ignore[arg-type]
    start = article_text(article.paragraphs).index(needle)
    composed = {p.number: p for p in paper.compose()}[page]
    frames = frame_articles(paper.lib, paper.page_id(page))
    box = text_box(composed, frames, article.id, start, start + len(needle))  # type: ignore[arg-type]
    assert box is not None
    return box


def test_open_mark_fix_and_the_next_round_shows_the_changed_lines(paper: Paper) -> None:
    lib = paper.lib
    issue_id = paper.issue.id
    assert issue_id is not None
    first = open_round(lib, issue_id, "一校", "张校对", paper.compose(), at=at(9))
    assert first.colour == "red" and first.page_ids == (paper.page_id(1), paper.page_id(2))
    assert lib.round_snapshot(first.id, paper.page_id(1)) == page_lines(paper.compose()[0])  # type: ignore[arg-type]

    # The proofreader rings 大事 (should be 要事) and the page's own composition ties it to text.
    page1 = paper.compose()[0]
    typo = add_mark(
        lib,
        Mark(first.id, paper.page_id(1), box_of(paper, "lead", "大事"), "改正", "要事"),  # type: ignore[arg-type]
        page1,
        at=at(9, 30),
    )
    lead = paper.articles["lead"]
    text = article_text(lead.paragraphs)
    assert typo.article_id == lead.id
    assert text[typo.start : typo.end] == "大事"  # type: ignore[misc]
    other = add_mark(
        lib,
        Mark(first.id, paper.page_id(1), box_of(paper, "second", "十二栋"), "改正", "十三栋"),  # type: ignore[arg-type]
        page1,
    )
    margin = add_mark(
        lib, Mark(first.id, paper.page_id(1), Rect(5, 5, 8, 8), "说明", note="版面太挤")
    )  # type: ignore[arg-type]
    assert margin.article_id is None and margin.created_at is not None
    close_round(lib, first.id, at=at(10))  # type: ignore[arg-type]

    # The editor fixes the text: the mark on it is fixed, the other story's mark stays open.
    paper.edit("lead", 1, "大事", "要事")
    assert lib.mark(typo.id).status == "fixed"  # type: ignore[arg-type]
    assert lib.mark(other.id).status == "open"  # type: ignore[arg-type]
    assert [m.id for m in lib.marks(issue_id=issue_id, status="open")] == [other.id, margin.id]

    second = open_round(lib, issue_id, "二校", "李校对", paper.compose(), at=at(11))
    assert second.colour == "blue"
    changes = round_changes(lib, second.id)  # type: ignore[arg-type]
    assert set(changes) == {paper.page_id(1), paper.page_id(2)}
    changed = changes[paper.page_id(1)].changed
    assert len(changed) == 1 and "要事" in changed[0].text
    assert "大事" in changes[paper.page_id(1)].removed[0].text
    assert changed[0].box.contains(*box_of(paper, "lead", "要事").centre)
    assert not changes[paper.page_id(2)]  # nothing changed on page 2


def test_edits_during_a_round_and_reflow_show_every_line_to_read_again(paper: Paper) -> None:
    lib, issue_id = paper.lib, paper.issue.id
    rnd = open_round(lib, issue_id, "一校", "张校对", paper.compose())  # type: ignore[arg-type]
    paper.edit("lead", 0, "区委书记", "区委书记、区长")  # two characters longer: the rest re-flows
    now = changed_since_opened(lib, rnd.id, paper.compose())  # type: ignore[arg-type]
    diff = now[paper.page_id(1)]
    # The edit is on the paragraph's first line, so every line of that paragraph re-flowed and
    # is to be read again — and nothing else on the page.
    old_par = paper.articles["lead"].paragraphs[0]
    new_par = paper.lib.article(paper.articles["lead"].id).paragraphs[0]  # type: ignore[arg-type]
    assert "".join(ln.text for ln in diff.changed) == new_par
    assert "".join(ln.text for ln in diff.removed) == old_par
    assert len(diff.changed) >= 2
    assert not now[paper.page_id(2)]


def test_rounds_go_in_order_one_at_a_time(paper: Paper) -> None:
    lib, issue_id = paper.lib, paper.issue.id
    pages = paper.compose()
    with pytest.raises(ProofError, match="needs it at 一校"):
        open_round(lib, issue_id, "二校", "李校对", pages)  # type: ignore[arg-type]
    first = open_round(lib, issue_id, "一校", "张校对", pages[:1])  # type: ignore[arg-type]
    with pytest.raises(ProofError, match="already in round"):
        open_round(lib, issue_id, "一校", "王校对", pages)  # type: ignore[arg-type]
    assert len(lib.proof_rounds(issue_id)) == 1  # type: ignore[arg-type]  # the refused one left nothing
    open_round(lib, issue_id, "一校", "王校对", pages[1:])  # type: ignore[arg-type]  # page 2 is free
    close_round(lib, first.id)  # type: ignore[arg-type]
    with pytest.raises(ProofError, match="already closed"):
        close_round(lib, first.id)  # type: ignore[arg-type]
    with pytest.raises(ProofError, match="closed"):
        add_mark(lib, Mark(first.id, paper.page_id(1), Rect(0, 0, 1, 1), "删除"))  # type: ignore[arg-type]
    second = open_round(lib, issue_id, "二校", "李校对", pages[:1])  # type: ignore[arg-type]
    with pytest.raises(ProofError, match="does not cover"):
        add_mark(lib, Mark(second.id, paper.page_id(2), Rect(0, 0, 1, 1), "删除"))  # type: ignore[arg-type]
    with pytest.raises(ProofError, match="unknown round"):
        open_round(lib, issue_id, "四校", "李校对", pages)  # type: ignore[arg-type]
    with pytest.raises(ProofError, match="proofreader"):
        open_round(lib, issue_id, "一校", " ", pages)  # type: ignore[arg-type]
    with pytest.raises(ProofError, match="at least one page"):
        open_round(lib, issue_id, "一校", "王校对", [])  # type: ignore[arg-type]


def test_rejected_and_reopened_marks(paper: Paper) -> None:
    lib = paper.lib
    rnd = open_round(lib, paper.issue.id, "一校", "张校对", paper.compose())  # type: ignore[arg-type]
    m = add_mark(
        lib, Mark(rnd.id, paper.page_id(2), Rect(30, 80, 20, 10), "删除"), paper.compose()[1]
    )  # type: ignore[arg-type]
    assert m.on_text
    rejected = resolve_mark(lib, m.id, "rejected", "王编辑", at=at(12))  # type: ignore[arg-type]
    assert lib.mark(m.id) == rejected and rejected.resolved_by == "王编辑"  # type: ignore[arg-type]
    # A rejected mark is not fixed by a later edit of its text, only moved with it.
    article = paper.articles["inside"]
    text = article_text(article.paragraphs)
    paper.edit("inside", 0, "鲁谷", "鲁谷街道")
    after = lib.mark(m.id)  # type: ignore[arg-type]
    assert after.status == "rejected"
    new_text = article_text(lib.article(article.id).paragraphs)  # type: ignore[arg-type]
    assert new_text[after.start : after.end] == text[m.start : m.end]  # type: ignore[misc]
    reopened = resolve_mark(lib, m.id, "open")  # type: ignore[arg-type]
    assert reopened.resolved_at is None and lib.mark(m.id).is_open  # type: ignore[arg-type]
    with pytest.raises(ProofError, match="unknown mark status"):
        resolve_mark(lib, m.id, "done")  # type: ignore[arg-type]


def test_marks_survive_reopening_and_deleting_a_story_unlinks_them(paper: Paper) -> None:
    lib = paper.lib
    rnd = open_round(lib, paper.issue.id, "一校", "张校对", paper.compose(), at=at(9))  # type: ignore[arg-type]
    m = add_mark(
        lib,
        Mark(rnd.id, paper.page_id(1), box_of(paper, "second", "电梯"), "对调", note="语序"),  # type: ignore[arg-type]
        paper.compose()[0],
        at=at(9, 5),
    )
    path = lib.path
    lib.close()
    from app.store import Library

    with Library.open(path) as again:
        assert again.mark(m.id) == m  # type: ignore[arg-type]
        assert again.proof_round(rnd.id) == rnd  # type: ignore[arg-type]
        assert again.marks(article_id=paper.articles["second"].id) == [m]
        again.delete_article(paper.articles["second"].id)  # type: ignore[arg-type]
        gone = again.mark(m.id)  # type: ignore[arg-type]
        assert gone.article_id is None and gone.start is None and gone.box == m.box
        with pytest.raises(LibraryError, match="no proof_marks row 999"):
            again.mark(999)
        with pytest.raises(sqlite3.IntegrityError):  # the file refuses a range without an end
            again.db.execute("UPDATE proof_marks SET char_end = NULL, char_start = 3")
    paper.lib = Library.open(path)  # the fixture closes it


def test_snapshot_is_what_the_page_showed_when_the_round_opened(paper: Paper) -> None:
    lib = paper.lib
    before = page_lines(paper.compose()[0])
    rnd = open_round(lib, paper.issue.id, "一校", "张校对", paper.compose())  # type: ignore[arg-type]
    paper.edit("lead", 2, "明显改善", "焕然一新")
    assert lib.round_snapshot(rnd.id, paper.page_id(1)) == before  # type: ignore[arg-type]
    assert page_lines(paper.compose()[0]) != before
    chars = article_chars(paper.compose()[0], frame_articles(lib, paper.page_id(1)))
    assert {c.article_id for c in chars} == {paper.articles["lead"].id, paper.articles["second"].id}
    assert dataclasses.replace(rnd, closed_at=None) == lib.proof_round(rnd.id)  # type: ignore[arg-type]


def test_undoing_the_fix_reopens_the_mark_at_its_old_place_and_redo_fixes_it_again(
    paper: Paper,
) -> None:
    lib = paper.lib
    rnd = open_round(lib, paper.issue.id, "一校", "张校对", paper.compose(), at=at(9))  # type: ignore[arg-type]
    typo = add_mark(
        lib,
        Mark(rnd.id, paper.page_id(1), box_of(paper, "lead", "大事"), "改正", "要事"),  # type: ignore[arg-type]
        paper.compose()[0],
    )
    later = add_mark(
        lib,
        Mark(rnd.id, paper.page_id(1), box_of(paper, "lead", "诉求"), "改正", "心愿"),  # type: ignore[arg-type]
        paper.compose()[0],
    )
    article = lib.article(paper.articles["lead"].id)  # type: ignore[arg-type]
    session = EditSession(lib)
    fixed = [p.replace("大事", "非常要紧的事", 1) for p in article.paragraphs]
    session.push(EditArticleText(article.id, paragraphs=fixed))  # type: ignore[arg-type]
    assert lib.mark(typo.id).status == "fixed"  # type: ignore[arg-type]
    moved = lib.mark(later.id)  # type: ignore[arg-type]
    assert moved.is_open and moved.start == later.start + 4  # type: ignore[operator]

    session.undo()
    assert lib.mark(typo.id) == typo  # type: ignore[arg-type]
    assert lib.mark(later.id) == later  # type: ignore[arg-type]

    session.redo()
    assert lib.mark(typo.id).status == "fixed"  # type: ignore[arg-type]
    assert lib.mark(later.id) == moved  # type: ignore[arg-type]


def test_the_store_saves_text_without_touching_marks(paper: Paper) -> None:
    lib = paper.lib
    rnd = open_round(lib, paper.issue.id, "一校", "张校对", paper.compose(), at=at(9))  # type: ignore[arg-type]
    typo = add_mark(
        lib,
        Mark(rnd.id, paper.page_id(1), box_of(paper, "lead", "大事"), "改正", "要事"),  # type: ignore[arg-type]
        paper.compose()[0],
    )
    article = lib.article(paper.articles["lead"].id)  # type: ignore[arg-type]
    lib.update_article(
        dataclasses.replace(
            article, paragraphs=[p.replace("大事", "要事") for p in article.paragraphs]
        )
    )
    assert lib.mark(typo.id) == typo  # type: ignore[arg-type]
