"""Three-way merge of a story's text by paragraph, and the editor's conflict flow with two desks on one library: merged when the desks touched different paragraphs, else mine / theirs / both."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from app.compose.issue import IssueComposer
from app.edit.conflicts import CONFLICT, MERGED, SAVED, TextConflict
from app.edit.editor import IssueEditor
from app.edit.merge import merge_paragraphs, merge_text
from app.model import Article
from app.model.document import IssueDoc
from app.sample.issue import SAMPLE_ISSUE
from app.store import Library
from tests.app.desk_helpers import sample_at

BASE = ["一段。", "二段。", "三段。", "四段。"]


@pytest.mark.parametrize(
    ("mine", "theirs", "merged"),
    [
        # an added paragraph (theirs) and a changed one (mine)
        (
            ["一段。", "二段改。", "三段。", "四段。"],
            [*BASE, "五段。"],
            ["一段。", "二段改。", "三段。", "四段。", "五段。"],
        ),
        # both change different paragraphs, next to each other
        (
            ["一段改。", *BASE[1:]],
            ["一段。", "二段改。", *BASE[2:]],
            ["一段改。", "二段改。", *BASE[2:]],
        ),
        # one deletes a paragraph, the other changes another
        (["一段。", "三段。", "四段。"], [*BASE[:3], "四段改。"], ["一段。", "三段。", "四段改。"]),
        # an insertion right before the paragraph the other side changed
        (
            ["一段。", "新段。", *BASE[1:]],
            ["一段。", "二段改。", *BASE[2:]],
            ["一段。", "新段。", "二段改。", *BASE[2:]],
        ),
        # the same change on both sides goes in once
        ([*BASE, "五段。"], [*BASE, "五段。"], [*BASE, "五段。"]),
    ],
)
def test_edits_of_different_paragraphs_merge(
    mine: list[str], theirs: list[str], merged: list[str]
) -> None:
    out, _, clashes = merge_paragraphs(BASE, mine, theirs)
    assert clashes == [] and out == merged
    out, _, clashes = merge_paragraphs(BASE, theirs, mine)  # either way round
    assert clashes == [] and out == merged


@pytest.mark.parametrize(
    ("mine", "theirs"),
    [
        (["一段。", "二段甲。", *BASE[2:]], ["一段。", "二段乙。", *BASE[2:]]),  # one paragraph
        ([*BASE[:2], "甲插。", *BASE[2:]], [*BASE[:2], "乙插。", *BASE[2:]]),  # one place
        (["一段。", *BASE[2:]], ["一段。", "二段改。", *BASE[2:]]),  # deleted vs changed
    ],
)
def test_edits_of_the_same_paragraph_clash(mine: list[str], theirs: list[str]) -> None:
    _, both, clashes = merge_paragraphs(BASE, mine, theirs)
    [clash] = clashes
    assert (clash.start, clash.end) in ((1, 2), (2, 2))
    assert both[0] == "一段。" and both[-1] == "四段。"
    assert all(p in both for p in {*clash.mine, *clash.theirs})  # both sides, nothing lost


def test_titles_merge_field_by_field() -> None:
    base = {"headline": "主题", "kicker": "引题", "paragraphs": BASE}
    merged = merge_text(base, {"headline": "新主题"}, {**base, "kicker": "新引题"})
    assert merged.clean and merged.fields is not None
    assert (merged.fields["headline"], merged.fields["kicker"]) == ("新主题", "新引题")
    clash = merge_text(base, {"headline": "甲"}, {**base, "headline": "乙"})
    assert not clash.clean and clash.clashes[0].field == "headline"


# -- the editor, two desks ---------------------------------------------------------------------


@pytest.fixture
def desks(new_library: str, composer: IssueComposer) -> Iterator[tuple[Library, IssueEditor]]:
    """Desk 甲 (a Library) and desk 乙 (an editor window's IssueEditor) on one library: a
    file, then a server."""
    path = sample_at(new_library)
    with Library.open(path) as a, Library.open(path) as b:
        a.person, b.person = "甲", "乙"
        yield a, IssueEditor(b, IssueDoc.load(b, SAMPLE_ISSUE), composer)


def lead(lib: Library) -> Article:
    return lib.articles(lib.issue_by_number(SAMPLE_ISSUE).id)[0]  # type: ignore[arg-type]


def test_desk_as_paragraph_survives_desk_bs_typing(desks: tuple[Library, IssueEditor]) -> None:
    """The issue's case: 甲 adds a paragraph; 乙's inspector still shows the old text and 乙
    types into the first paragraph — both are kept, as a new version."""
    a, b = desks
    shown = b.article(lead(a).id)  # type: ignore[arg-type]
    a.update_article(replace(lead(a), paragraphs=[*shown.paragraphs, "甲加的段落。"]))
    typed = [shown.paragraphs[0] + "乙补的一句。", *shown.paragraphs[1:]]
    assert b.edit_text(shown.id, base=shown, headline=shown.headline, paragraphs=typed) == MERGED  # type: ignore[arg-type]
    saved = lead(a)
    assert saved.paragraphs == [*typed, "甲加的段落。"] and saved.version == 3
    assert b.article(shown.id).paragraphs == saved.paragraphs  # type: ignore[arg-type]
    assert b.conflicts.merges == 1 and not b.conflicts.pending
    b.session.undo()  # 乙's undo takes back 乙's sentence only
    assert lead(a).paragraphs == [*shown.paragraphs, "甲加的段落。"]


def test_the_same_paragraph_waits_for_the_desk_to_choose(
    desks: tuple[Library, IssueEditor],
) -> None:
    a, b = desks
    shown = b.article(lead(a).id)  # type: ignore[arg-type]
    theirs = [shown.paragraphs[0] + "甲的句子。", *shown.paragraphs[1:]]
    a.update_article(replace(lead(a), paragraphs=theirs))
    heard: list[TextConflict] = []
    b.conflicts.subscribe(heard.append)
    mine = [shown.paragraphs[0] + "乙的句子。", *shown.paragraphs[1:]]
    assert b.edit_text(shown.id, base=shown, paragraphs=mine) == CONFLICT  # type: ignore[arg-type]
    [conflict] = heard
    assert conflict.by == "甲" and conflict.theirs.paragraphs == theirs
    assert conflict.mine_text()["paragraphs"] == mine
    assert lead(a).paragraphs == theirs  # nothing written over 甲's text
    assert b.article(shown.id).paragraphs == theirs  # type: ignore[arg-type]  # the page shows theirs
    both = conflict.merged.both["paragraphs"]
    assert both[0] == theirs[0] and both[1] == mine[0]
    assert b.conflicts.resolve(shown.id, "both") == SAVED  # type: ignore[arg-type]
    assert lead(a).paragraphs == both


@pytest.mark.parametrize("choice", ["mine", "theirs"])
def test_mine_or_theirs(desks: tuple[Library, IssueEditor], choice: str) -> None:
    a, b = desks
    shown = b.article(lead(a).id)  # type: ignore[arg-type]
    a.update_article(replace(lead(a), headline="甲的标题"))
    assert b.edit_text(shown.id, base=shown, headline="乙的标题") == CONFLICT  # type: ignore[arg-type]
    b.conflicts.resolve(shown.id, choice)  # type: ignore[arg-type]
    want = "乙的标题" if choice == "mine" else "甲的标题"
    assert lead(a).headline == want and b.article(shown.id).headline == want  # type: ignore[arg-type]
    assert not b.conflicts.pending


def test_an_edit_that_waited_is_merged_when_it_can_be_saved(
    desks: tuple[Library, IssueEditor],
) -> None:
    """乙 types while 甲 holds the library (the edit waits, app/edit/session.py); 甲's commit
    adds a paragraph; when 乙's edit is saved it is merged with it, not dropped."""
    a, b = desks
    shown = b.article(lead(a).id)  # type: ignore[arg-type]
    b.library.busy_timeout = 0.1
    with a.transaction():
        a.update_article(replace(lead(a), paragraphs=[*shown.paragraphs, "甲加的段落。"]))
        typed = [shown.paragraphs[0] + "乙补的一句。", *shown.paragraphs[1:]]
        assert b.edit_text(shown.id, base=shown, paragraphs=typed) == SAVED  # type: ignore[arg-type]
        assert b.session.unsaved == 1 and b.article(shown.id).paragraphs == typed  # type: ignore[arg-type]
    assert b.session.flush()
    assert lead(a).paragraphs == [*typed, "甲加的段落。"]
    assert b.article(shown.id).paragraphs == lead(a).paragraphs  # type: ignore[arg-type]
