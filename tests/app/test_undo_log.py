"""The undo history is kept in the library: steps written with each edit come back after a restart, stale ones (the issue changed elsewhere) do not, and steps that cannot be kept are walls."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.compose.issue import IssueComposer
from app.edit.commands import AddImageFrame, EditArticleText, MoveFrame
from app.edit.editor import IssueEditor
from app.edit.session import Change, Command, EditSession, Step
from app.edit.undo_log import UndoLog, step_from_payload, step_payload
from app.model import Article, Frame
from app.model.document import IssueDoc
from app.model.style import with_setting
from app.store import Library
from tests.sample_helpers import sample_library


@pytest.fixture
def path(tmp_path: Path) -> Iterator[Path]:
    with sample_library(tmp_path, "lib.banmian") as lib:
        found = Path(lib.path)
    yield found


def open_editor(path: Path, composer: IssueComposer) -> IssueEditor:
    library = Library.open(path)
    return IssueEditor(library, IssueDoc.load(library, 1809), composer)


def a_story(editor: IssueEditor) -> Article:
    return next(a for a in editor.doc.articles.values() if a.paragraphs)


def a_frame(editor: IssueEditor) -> Frame:
    return next(f for fs in editor.doc.frames.values() for f in fs if f.kind == "article")


def test_text_and_frame_edits_undo_and_redo_after_a_restart(
    path: Path, composer: IssueComposer
) -> None:
    editor = open_editor(path, composer)
    story, frame = a_story(editor), a_frame(editor)
    headline = story.headline
    editor.edit_text(story.id, headline="改过的标题")  # type: ignore[arg-type]
    editor.session.seal()
    editor.move_frame(frame.id, frame.x, frame.y + 40)  # type: ignore[arg-type]
    moved = editor.frame(frame.id)  # type: ignore[arg-type]
    assert editor.session.depth() == (2, 0)
    editor.library.close()

    editor = open_editor(path, composer)
    session = editor.session
    assert session.depth() == (2, 0)
    assert session.undo_label() == MoveFrame.label
    session.undo()
    assert editor.frame(frame.id).y == frame.y  # type: ignore[arg-type]
    session.undo()
    assert editor.article(story.id).headline == headline  # type: ignore[arg-type]
    assert session.depth() == (0, 2)
    editor.library.close()

    editor = open_editor(path, composer)  # the redo side comes back too
    assert editor.session.depth() == (0, 2)
    editor.session.redo()
    editor.session.redo()
    assert editor.article(story.id).headline == "改过的标题"  # type: ignore[arg-type]
    assert editor.frame(frame.id).y == moved.y  # type: ignore[arg-type]
    editor.library.close()


def test_a_history_the_issue_outgrew_elsewhere_is_not_offered(
    path: Path, composer: IssueComposer
) -> None:
    editor = open_editor(path, composer)
    story = a_story(editor)
    editor.edit_text(story.id, headline="窗口里改的")  # type: ignore[arg-type]
    editor.library.close()
    with Library.open(path) as other:  # the CLI, another program: not through the session
        other.update_article(Article(**{**vars_of(other.article(story.id)), "kicker": "别处改"}))  # type: ignore[arg-type]
    editor = open_editor(path, composer)
    assert editor.session.depth() == (0, 0)  # an undo now would overwrite the other edit
    editor.edit_text(story.id, headline="再改")  # type: ignore[arg-type]
    editor.library.close()
    editor = open_editor(path, composer)
    assert editor.session.depth() == (1, 0)  # a fresh history from here on
    editor.session.undo()
    assert editor.article(story.id).headline == "窗口里改的"  # type: ignore[arg-type]
    assert editor.article(story.id).kicker == "别处改"  # type: ignore[arg-type]
    editor.library.close()


def test_a_house_style_changed_elsewhere_makes_the_history_stale(
    path: Path, composer: IssueComposer
) -> None:
    editor = open_editor(path, composer)
    editor.edit_text(a_story(editor).id, headline="窗口里改的")  # type: ignore[arg-type]
    editor.library.close()
    with Library.open(path) as other:  # `banmian house-style` meanwhile: the paper's, every issue's
        other.save_house_style(with_setting(other.house_style(), "简讯", "font", "kai"))
    editor = open_editor(path, composer)
    assert editor.session.depth() == (0, 0)
    editor.library.close()


def vars_of(article: Article) -> dict[str, object]:
    return {f: getattr(article, f) for f in article.__dataclass_fields__}


def test_a_drag_macro_is_one_kept_step(path: Path, composer: IssueComposer) -> None:
    editor = open_editor(path, composer)
    frame = a_frame(editor)
    with editor.session.macro(MoveFrame.label):
        for dy in (12.0, 24.0, 36.0):
            editor.move_frame(frame.id, frame.x, frame.y + dy, snap=False)  # type: ignore[arg-type]
    editor.library.close()
    editor = open_editor(path, composer)
    assert editor.session.depth() == (1, 0)
    editor.session.undo()
    assert editor.frame(frame.id).y == frame.y  # type: ignore[arg-type]
    editor.library.close()


class Opaque(Command):
    """A command holding something the log does not store."""

    label = "别的"

    def __init__(self) -> None:
        self.thing = object()

    def do(self, library: Library) -> Change:
        return Change()

    def undo(self, library: Library) -> Change:
        return Change()


def test_a_step_that_cannot_be_kept_is_where_the_kept_history_stops(
    path: Path, composer: IssueComposer
) -> None:
    editor = open_editor(path, composer)
    story = a_story(editor)
    editor.edit_text(story.id, headline="一")  # type: ignore[arg-type]
    editor.session.seal()
    editor.session.push(Opaque())
    editor.edit_text(story.id, headline="二")  # type: ignore[arg-type]
    assert editor.session.depth() == (3, 0)
    editor.library.close()
    editor = open_editor(path, composer)
    assert editor.session.depth() == (1, 0)  # only what lies above the wall
    editor.session.undo()
    assert editor.article(story.id).headline == "一"  # type: ignore[arg-type]
    editor.library.close()


def test_payloads_keep_what_undo_needs_and_drop_the_transient() -> None:
    picture = AddImageFrame.__new__(AddImageFrame)
    picture.__dict__.update(
        {"frame": Frame(kind="image", x=1, y=2, w=3, h=4, page_id=1), "asset": b"x" * 10}
    )
    kept = step_from_payload(step_payload(Step("添加图片", [picture])))
    assert kept is not None and kept.commands[0].asset is None  # type: ignore[attr-defined]
    assert kept.commands[0].frame == Frame(kind="image", x=1, y=2, w=3, h=4, page_id=1)  # type: ignore[attr-defined]
    text = EditArticleText(5, paragraphs=("甲", "乙"), headline="题")
    back = step_from_payload(step_payload(Step("编辑文字", [text])))
    assert back is not None and back.commands[0].__dict__ == text.__dict__
    assert step_payload(Step("别的", [Opaque()])) is None
    # a class named in a file is rebuilt only from our own modules
    forged = '{"label": "x", "commands": [{"~cmd": "os:system", "v": {}}]}'
    assert step_from_payload(forged) is None


def test_a_session_without_a_log_keeps_nothing(path: Path) -> None:
    with Library.open(path) as library:
        session = EditSession(library)
        story = next(a for a in library.articles(library.issues()[0].id) if a.paragraphs)  # type: ignore[arg-type]
        session.push(EditArticleText(story.id, headline="不记"))  # type: ignore[arg-type]
        assert library.undo_steps(story.issue_id) is None  # type: ignore[arg-type]
        log = UndoLog(library, story.issue_id)  # type: ignore[arg-type]
        assert log.load() == ([], [])
