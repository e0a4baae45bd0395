"""Editing commands and the undo stack, without Qt: each edit is on disk at once and undoes exactly."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from app.edit.commands import (
    AddImageFrame,
    AddQRFrame,
    ContinueArticle,
    DeleteFrame,
    EditArticleText,
    MoveFrame,
    PlaceArticle,
    ResizeFrame,
    RestoreRevision,
    frame_on_grid,
)
from app.edit.revisions import take_snapshot
from app.edit.session import MERGE_WINDOW, Change, EditSession
from app.intake.pictures import load_picture
from app.model import Article, Frame
from app.store import Library, LibraryError
from layouts.grid import tabloid
from tests.sample_helpers import sample_library

GRID = tabloid()


class Clock:
    """A clock the test moves by hand, so merging keystrokes is deterministic."""

    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "lib.banmian"


@pytest.fixture
def library(path: Path) -> Iterator[Library]:
    with sample_library(path.parent, path.name) as lib:
        yield lib


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def session(library: Library, clock: Clock) -> EditSession:
    return EditSession(library, clock)


def issue_id(library: Library) -> int:
    return library.issue_by_number(1809).id  # type: ignore[return-value]


def page_id(library: Library, number: int) -> int:
    return next(p.id for p in library.pages(issue_id(library)) if p.number == number)  # type: ignore[return-value]


def frame_named(library: Library, name: str) -> Frame:
    for page in library.pages(issue_id(library)):
        for f in library.frames(page.id):  # type: ignore[arg-type]
            if f.name == name:
                return f
    raise KeyError(name)


def new_story(library: Library, chars: int = 300, status: str = "edited") -> Article:
    body = "社区服务中心开展便民活动，居民积极参与。" * (chars // 20)
    return library.add_article(
        Article("新稿件", [body], status=status, issue_id=issue_id(library), slug="new")
    )


def on_disk(path: Path) -> dict:
    """The issue as a second connection reads it: what a restart after a crash would show."""
    with Library.open(path) as other:
        return take_snapshot(other, issue_id(other))


def test_place_article_makes_a_frame_on_the_grid(library: Library, session: EditSession) -> None:
    story = new_story(library)
    p2 = page_id(library, 2)
    change = session.push(PlaceArticle(story.id, p2, GRID, col=2, span=3, y=400.0, lines=20))  # type: ignore[arg-type]
    assert change == Change.of((p2,), (story.id,))
    [frame] = library.frames_of_article(story.id)  # type: ignore[arg-type]
    assert frame.kind == "article" and frame.page_id == p2 and frame.thread_index == 0
    assert frame.x == GRID.column_x(2) and frame.w == GRID.span_width(3) and frame.columns == 3
    assert frame.y == GRID.snap_y(400.0) and frame.y != 400.0  # on a line of the grid
    assert frame.h == 20 * GRID.leading
    assert library.article(story.id).status == "placed"  # type: ignore[arg-type]
    assert session.depth() == (1, 0) and session.undo_label() == "放置稿件"


def test_a_span_past_the_last_column_is_pulled_back(library: Library) -> None:
    frame = frame_on_grid(GRID, 1, col=5, span=3, y=100.0, lines=4, kind="article")
    assert frame.x == GRID.column_x(3) and frame.x + frame.w == pytest.approx(
        GRID.column_x(5) + GRID.column_width
    )
    with pytest.raises(ValueError):
        frame_on_grid(GRID, 1, col=0, span=2, y=100.0, lines=0, kind="article")


def test_undo_and_redo_round_trip_on_disk(
    library: Library, session: EditSession, path: Path
) -> None:
    story = new_story(library)
    before = on_disk(path)
    command = PlaceArticle(story.id, page_id(library, 3), GRID, 0, 2, 300.0, 12)  # type: ignore[arg-type]
    session.push(command)
    placed = on_disk(path)
    assert placed != before
    assert session.undo() is not None
    assert on_disk(path) == before
    assert library.article(story.id).status == "edited"  # type: ignore[arg-type]
    session.redo()
    assert on_disk(path) == placed  # the same frame id again
    assert library.frame(command.frame_id).thread_index == 0  # type: ignore[arg-type]
    assert session.redo() is None and session.depth() == (1, 0)


def test_continue_article_threads_onto_another_page(library: Library, session: EditSession) -> None:
    story = new_story(library, chars=2000)
    with pytest.raises(LibraryError, match="not placed"):
        session.push(ContinueArticle(story.id, page_id(library, 5), GRID, 0, 2, 200.0, 10))  # type: ignore[arg-type]
    assert session.depth() == (0, 0)
    session.push(PlaceArticle(story.id, page_id(library, 4), GRID, 0, 2, 200.0, 10))  # type: ignore[arg-type]
    session.push(ContinueArticle(story.id, page_id(library, 6), GRID, 3, 3, 300.0, 10))  # type: ignore[arg-type]
    thread = library.frames_of_article(story.id)  # type: ignore[arg-type]
    assert [f.thread_index for f in thread] == [0, 1]
    assert [f.page_id for f in thread] == [page_id(library, 4), page_id(library, 6)]
    assert session.undo_label() == "续排稿件"
    session.undo()
    assert len(library.frames_of_article(story.id)) == 1  # type: ignore[arg-type]


def test_a_drag_is_one_undo_step(library: Library, session: EditSession, path: Path) -> None:
    lead = frame_named(library, "p2-second")
    before = on_disk(path)
    with session.macro("拖动"):
        for dy in (14.0, 28.0, 42.0):
            session.push(MoveFrame(lead.id, lead.x, lead.y - dy))  # type: ignore[arg-type]
        session.push(ResizeFrame(lead.id, lead.x, lead.y - 42.0, lead.w, lead.h + 42.0, 3))  # type: ignore[arg-type]
        assert not session.can_undo()  # not while the drag is on
    assert session.depth() == (1, 0)
    moved = library.frame(lead.id)  # type: ignore[arg-type]
    assert (moved.y, moved.h) == (lead.y - 42.0, lead.h + 42.0)
    assert on_disk(path)["frames"] != before["frames"]  # each step of the drag was committed
    session.undo()
    assert library.frame(lead.id) == lead  # type: ignore[arg-type]
    assert on_disk(path) == before
    session.redo()
    assert library.frame(lead.id) == moved  # type: ignore[arg-type]


def test_moves_outside_a_macro_are_separate_steps(library: Library, session: EditSession) -> None:
    lead = frame_named(library, "p2-second")
    session.push(MoveFrame(lead.id, lead.x, lead.y + 14))  # type: ignore[arg-type]
    session.push(MoveFrame(lead.id, lead.x, lead.y + 28))  # type: ignore[arg-type]
    assert session.depth() == (2, 0)
    session.undo()
    assert library.frame(lead.id).y == lead.y + 14  # type: ignore[arg-type]


def test_delete_frame_returns_the_story_to_the_bin_and_undo_keeps_its_id(
    library: Library, session: EditSession, path: Path
) -> None:
    third = frame_named(library, "p2-third")
    library.update_article(
        replace(library.article(third.article_id), status="placed")  # type: ignore[arg-type]
    )
    order = [f.id for f in library.frames(third.page_id)]  # type: ignore[arg-type]
    before = on_disk(path)
    session.push(DeleteFrame(third.id))  # type: ignore[arg-type]
    with pytest.raises(LibraryError):
        library.frame(third.id)  # type: ignore[arg-type]
    assert library.article(third.article_id).status == "edited"  # type: ignore[arg-type]
    session.undo()
    assert library.frame(third.id) == third  # type: ignore[arg-type]
    assert [f.id for f in library.frames(third.page_id)] == order  # type: ignore[arg-type]
    assert on_disk(path) == before


def test_a_failed_command_changes_nothing(library: Library, session: EditSession) -> None:
    heard: list[Change] = []
    session.subscribe(heard.append)
    with pytest.raises(LibraryError):
        session.push(DeleteFrame(999_999))
    with pytest.raises(LibraryError):
        session.push(MoveFrame(999_999, 0.0, 0.0))
    assert session.depth() == (0, 0) and heard == []


def test_typing_merges_into_one_step_while_keys_come_fast(
    library: Library, session: EditSession, clock: Clock
) -> None:
    story = new_story(library)
    original = library.article(story.id)  # type: ignore[arg-type]
    text = original.paragraphs[0]
    for i in range(1, 6):
        clock.t += 0.3
        session.push(EditArticleText(story.id, paragraphs=[text + "新" * i]))  # type: ignore[arg-type]
    assert session.depth() == (1, 0)
    clock.t += MERGE_WINDOW + 0.5  # a pause: the next keystroke starts a new step
    session.push(EditArticleText(story.id, headline="改过的标题"))  # type: ignore[arg-type]
    session.seal()
    session.push(EditArticleText(story.id, kicker="引题"))  # type: ignore[arg-type]
    assert session.depth() == (3, 0)
    assert library.article(story.id).paragraphs == [text + "新" * 5]  # type: ignore[arg-type]
    session.undo()
    session.undo()
    assert library.article(story.id).headline == "新稿件"  # type: ignore[arg-type]
    session.undo()
    assert library.article(story.id) == original  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not a text field"):
        EditArticleText(story.id, status="approved")  # type: ignore[arg-type]


def test_text_of_different_stories_does_not_merge(library: Library, session: EditSession) -> None:
    a, b = new_story(library), new_story(library)
    session.push(EditArticleText(a.id, headline="甲"))  # type: ignore[arg-type]
    session.push(EditArticleText(b.id, headline="乙"))  # type: ignore[arg-type]
    assert session.depth() == (2, 0)


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 60, 20)).save(out, "PNG")
    return out.getvalue()


def test_add_image_frame_stores_the_picture(library: Library, session: EditSession) -> None:
    picture = load_picture(png(400, 300), "photo.png")
    frame = frame_on_grid(GRID, page_id(library, 3), 0, 2, 500.0, 14, kind="image")
    command = AddImageFrame(frame, picture.asset, caption="图为活动现场")
    session.push(command)
    stored = library.frame(command.frame_id)  # type: ignore[arg-type]
    assert stored.kind == "image" and stored.props["asset"] == picture.asset.id
    assert stored.props["caption"] == "图为活动现场"
    assert library.asset(picture.asset.id).data == picture.asset.data
    session.undo()
    with pytest.raises(LibraryError):
        library.frame(command.frame_id)  # type: ignore[arg-type]
    session.redo()
    assert library.frame(command.frame_id) == stored  # type: ignore[arg-type]


def test_add_qr_frame(library: Library, session: EditSession) -> None:
    frame = frame_on_grid(GRID, page_id(library, 8), 5, 1, 800.0, 9, kind="text")
    command = AddQRFrame(frame, "https://example.cn/活动", "扫码报名")
    session.push(command)
    stored = library.frame(command.frame_id)  # type: ignore[arg-type]
    assert stored.kind == "qr" and stored.article_id is None
    assert stored.props == {
        "payload": "https://example.cn/活动",
        "caption": "扫码报名",
        "error": "M",
    }


def test_every_command_is_on_disk_before_push_returns(
    library: Library, session: EditSession, path: Path
) -> None:
    """A crash right after an edit (no close, no save) loses nothing: another connection sees it."""
    story = new_story(library)
    session.push(PlaceArticle(story.id, page_id(library, 7), GRID, 1, 2, 200.0, 8))  # type: ignore[arg-type]
    session.push(EditArticleText(story.id, headline="最后一次编辑"))  # type: ignore[arg-type]
    seen = on_disk(path)
    assert {a["id"]: a["headline"] for a in seen["articles"]}[story.id] == "最后一次编辑"
    assert any(f["article_id"] == story.id for f in seen["frames"])


def test_restore_a_named_revision_and_undo_it(
    library: Library, session: EditSession, path: Path
) -> None:
    from datetime import datetime

    iid = issue_id(library)
    saved = on_disk(path)
    revision = library.add_revision(
        iid, "二校前", take_snapshot(library, iid), datetime(2019, 4, 24)
    )
    third = frame_named(library, "p2-third")
    story = new_story(library)
    session.push(DeleteFrame(third.id))  # type: ignore[arg-type]
    session.push(EditArticleText(third.article_id, headline="删了又改"))  # type: ignore[arg-type]
    session.push(PlaceArticle(story.id, page_id(library, 2), GRID, 0, 6, 690.0, 20))  # type: ignore[arg-type]
    edited = on_disk(path)
    session.push(RestoreRevision(iid, revision.id))
    restored = on_disk(path)
    assert restored["frames"] == saved["frames"]
    assert [a for a in restored["articles"] if a["id"] != story.id] == saved["articles"]
    # A story written after the revision is not lost by restoring it: it waits in the bin.
    [kept] = [a for a in restored["articles"] if a["id"] == story.id]
    assert kept["headline"] == "新稿件" and kept["status"] == "edited"
    session.undo()
    assert on_disk(path) == edited
    assert [r.name for r in library.revisions(iid)] == ["二校前"]
    with pytest.raises(LibraryError, match="name"):
        library.add_revision(iid, "  ", {}, datetime(2019, 4, 24))


CRASHING_EDITOR = """
import os, signal, sys
from app.edit.commands import EditArticleText, PlaceArticle
from app.edit.session import EditSession
from app.model import Article
from app.store import Library
from layouts.grid import tabloid
from tests.sample_helpers import sample_library
from tests.sample_helpers import sample_library

lib = Library.open(sys.argv[1])
issue = lib.issue_by_number(1809)
page = lib.pages(issue.id)[4]
story = lib.add_article(Article("崩溃前的稿件", ["正文一段。"], issue_id=issue.id))
session = EditSession(lib)
session.push(PlaceArticle(story.id, page.id, tabloid(), 1, 2, 300.0, 6))
session.push(EditArticleText(story.id, headline="崩溃前最后一次编辑"))
os.kill(os.getpid(), signal.SIGKILL)  # no close, no save: the process just dies
"""


def test_reopening_after_a_crash_shows_the_last_edit(library: Library, path: Path) -> None:
    import signal
    import subprocess
    import sys

    library.close()
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", CRASHING_EDITOR, str(path)], cwd=root, env={"PYTHONPATH": str(root)}
    )
    assert done.returncode == -signal.SIGKILL
    with Library.open(path) as reopened:
        [story] = [
            a for a in reopened.articles(issue_id(reopened)) if a.headline.startswith("崩溃")
        ]
        assert story.headline == "崩溃前最后一次编辑" and story.status == "placed"
        [frame] = reopened.frames_of_article(story.id)  # type: ignore[arg-type]
        assert frame.x == GRID.column_x(1) and frame.h == 6 * GRID.leading
