"""The import as an undo step: ImportFiles on an EditSession (undo, redo under the same ids, later steps), and the offered full-width edits."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from app.edit.commands import EditArticleText
from app.edit.import_command import ImportFiles, fullwidth_edits
from app.edit.session import EditSession
from app.errors import UserError
from app.model import Issue
from app.store import Library

from .conftest import contents

BODY = "本报讯（记者段鹏泽）近日,区交通支队联合区政府开展宣传活动,群众纷纷点赞。"


def files(tmp_path: Path) -> list[Path]:
    (tmp_path / "稿.txt").write_text(f"交通宣传\n\n{BODY}\n", "utf-8")
    Image.new("RGB", (120, 80), (200, 30, 30)).save(tmp_path / "稿-1.jpg")
    return [tmp_path / "稿.txt", tmp_path / "稿-1.jpg"]


def links(library: Library) -> list[tuple]:
    return [tuple(r) for r in library.db.execute("SELECT * FROM article_pictures")]


def test_undo_and_redo_of_an_import(library: Library, issue: Issue, tmp_path: Path) -> None:
    session = EditSession(library)
    before = contents(library), links(library)
    command = ImportFiles.read(issue, files(tmp_path))
    change = session.push(command)
    assert command.results is not None
    story = command.results[0].articles[0]
    assert change.articles == {story.id}
    after = contents(library), links(library)
    assert len(after[0][0]) == 1 and len(after[1]) == 1
    session.push(EditArticleText(story.id, headline="交通宣传进街巷"))  # type: ignore[arg-type]
    session.undo()
    session.undo()
    assert (contents(library), links(library)) == before
    session.redo()
    assert (contents(library), links(library)) == after  # same ids, same picture and caption
    session.redo()  # the later step still finds its story
    assert library.article(story.id).headline == "交通宣传进街巷"  # type: ignore[arg-type]


def test_a_hostile_file_is_refused_before_the_undo_stack_is_touched(
    library: Library, issue: Issue, tmp_path: Path
) -> None:
    session = EditSession(library)
    bomb = tmp_path / "炸弹.docx"
    bomb.write_bytes(b"PK\x03\x04 not really a zip")
    before = contents(library)
    with pytest.raises(UserError, match="炸弹.docx"):
        session.push(ImportFiles.read(issue, [*files(tmp_path), bomb]))
    assert contents(library) == before and session.depth() == (0, 0)


def test_offered_full_width_marks_become_text_edits(
    library: Library, issue: Issue, tmp_path: Path
) -> None:
    command = ImportFiles.read(issue, files(tmp_path)[:1])
    EditSession(library).push(command)
    assert command.results is not None
    story = command.results[0].articles[0]
    edits = fullwidth_edits(command.results, library.article)
    assert list(edits) == [story.id]
    assert edits[story.id]["paragraphs"] == [BODY.replace(",", "，")]
    # Once the story has been edited, the offered positions no longer fit its text.
    library.update_article(replace(story, paragraphs=["改过了"]))
    assert fullwidth_edits(command.results, library.article) == {}
    assert fullwidth_edits(command.results, lambda _id: None) == {}
