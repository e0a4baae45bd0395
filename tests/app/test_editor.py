"""The issue editor without Qt: placement on the grid, re-composing only touched pages, export progress."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pypdfium2
import pytest
from PIL import Image

from app.compose.issue import IssueComposer
from app.edit.editor import EditorChange, IssueEditor
from app.edit.placement import (
    column_at,
    columns_after_resize,
    default_span,
    frame_span,
    nudge,
    snap_move,
    snap_resize,
)
from app.edit.recompose import affected_pages
from app.edit.session import Change
from app.errors import UserError
from app.export.progress import ExportCancelled
from app.model import Article, Frame
from app.model.document import IssueDoc
from app.store import Library
from layouts.grid import tabloid
from tests.sample_helpers import sample_library

GRID = tabloid()


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with sample_library(tmp_path, "lib.banmian") as lib:
        yield lib


@pytest.fixture
def editor(library: Library, composer: IssueComposer) -> IssueEditor:
    return IssueEditor(library, IssueDoc.load(library, 1809), composer)


def story(editor: IssueEditor, chars: int, rank: int = 2) -> int:
    body = "社区服务中心开展便民活动，居民积极参与。" * (chars // 20)
    article = editor.library.add_article(
        Article("新稿件", [body], rank=rank, status="edited", issue_id=editor.doc.issue.id)
    )
    editor.doc.articles[article.id] = article  # type: ignore[index]
    return article.id  # type: ignore[return-value]


def named(editor: IssueEditor, name: str) -> Frame:
    return next(f for fs in editor.doc.frames.values() for f in fs if f.name == name)


def assert_current(editor: IssueEditor) -> None:
    """What the editor shows equals a fresh composition of the library as stored."""
    fresh = editor.composer.compose(IssueDoc.load(editor.library, 1809))
    assert editor.pages() == fresh


def test_default_span_by_rank_and_length() -> None:
    def span(chars: int, rank: int = 2) -> int:
        return default_span(Article("标题", ["字" * chars], rank=rank), GRID)

    assert span(300) == 2 and span(800) == 3 and span(1500) == 4
    assert span(300, rank=1) == 4  # the lead gets two thirds of the page whatever its length


def test_dropped_story_is_as_deep_as_its_text(editor: IssueEditor) -> None:
    editor.delete_frame(named(editor, "p2-third").id)  # type: ignore[arg-type]
    article_id = story(editor, 400)
    x, y = GRID.column_x(1) + 30, 720.0  # inside column 1, below the second band
    frame_id = editor.place_article(article_id, 1, x, y)
    frame = editor.frame(frame_id)
    assert frame.x == GRID.column_x(1) and frame.w == GRID.span_width(2) and frame.columns == 2
    assert frame.y == GRID.snap_y(y)
    page = editor.composed_page(1)
    info = next(f for f in page.frames if f.id == f"frame-{frame_id}")
    assert info.overset == 0 and "社区服务中心" in page.text()
    # one line less and the text no longer fits: the frame is as short as it can be
    editor.set_frame_rect(frame_id, frame.x, frame.y, frame.w, frame.h - GRID.leading)
    info = next(f for f in editor.composed_page(1).frames if f.id == f"frame-{frame_id}")
    assert info.overset > 0
    assert_current(editor)


def test_fit_frame_to_text_cuts_the_white_under_a_story_in_whole_lines(
    editor: IssueEditor,
) -> None:
    """适配高度: a frame whose story ends early shows its white as 缺N字; fitting cuts the whole
    lines under the legs (one undo step), the text set as it was."""
    editor.delete_frame(named(editor, "p2-third").id)  # type: ignore[arg-type]
    frame_id = editor.place_article(story(editor, 400), 1, GRID.column_x(1) + 30, 720.0)
    assert frame_id is not None
    placed = editor.frame(frame_id)
    editor.set_frame_rect(frame_id, placed.x, placed.y, placed.w, placed.h + 5 * GRID.leading)
    tall = editor.frame(frame_id)

    def info():
        return next(f for f in editor.composed_page(1).frames if f.id == f"frame-{frame_id}")

    def runs() -> list:
        owner = f"frame-{frame_id}"
        return [r for r in editor.composed_page(1).glyph_runs() if r.owner == owner]

    white = info().space_left
    set_before = runs()
    editor.fit_frame(frame_id)
    fitted = editor.frame(frame_id)
    assert (fitted.x, fitted.y, fitted.w) == (tall.x, tall.y, tall.w)
    assert fitted.h == pytest.approx(tall.h - 5 * GRID.leading)  # the 5 lines added, no more
    assert runs() == set_before and info().overset == 0
    assert info().space_left < white  # what is left: the shorter leg's slot at most
    layout, _, _ = editor.composer.layout_article(editor.doc, editor.article(fitted.article_id))  # type: ignore[arg-type]
    assert layout.fill[f"frame-{frame_id}"].spare_lines == 0
    with pytest.raises(UserError, match="no whole line to spare"):
        editor.fit_frame(frame_id)
    with pytest.raises(UserError, match="only a story frame"):
        editor.fit_frame(named(editor, "masthead").id)  # type: ignore[arg-type]
    assert editor.session.undo_label() == "适配高度"
    editor.session.undo()
    assert editor.frame(frame_id).h == pytest.approx(tall.h)
    assert_current(editor)


def test_resizing_changes_the_overset_count(editor: IssueEditor) -> None:
    lead = named(editor, "p2-lead")

    def overset() -> int:
        return next(f.overset for f in editor.composed_page(1).frames if f.id == f"frame-{lead.id}")

    assert overset() == 0
    editor.resize_frame(lead.id, "bottom", 0.0, lead.y + lead.h / 2)  # type: ignore[arg-type]
    halved = overset()
    assert halved > 0
    editor.resize_frame(lead.id, "bottom", 0.0, lead.y + lead.h / 4)  # type: ignore[arg-type]
    assert overset() > halved
    editor.session.undo()
    assert overset() == halved
    assert_current(editor)


def test_only_touched_pages_are_composed_again(editor: IssueEditor) -> None:
    heard: list[EditorChange] = []
    editor.subscribe(heard.append)
    sports = named(editor, "sports")  # its teaser sits on page 1
    assert affected_pages(editor.doc, Change.of(articles=(sports.article_id,))) == {
        editor.page(0).id,
        editor.page(2).id,
    }
    old = editor.pages()
    text = editor.article(sports.article_id).paragraphs  # type: ignore[arg-type]
    editor.edit_text(sports.article_id, paragraphs=["改" + text[0], *text[1:]])  # type: ignore[arg-type]
    assert heard[-1].pages == (0, 2)
    new = editor.pages()
    assert [i for i in range(len(new)) if new[i] is not old[i]] == [0, 2]
    assert_current(editor)


def test_a_story_continued_on_another_page_gets_jump_lines(editor: IssueEditor) -> None:
    editor.delete_frame(named(editor, "p4-third").id)  # type: ignore[arg-type]
    editor.delete_frame(named(editor, "p6-third").id)  # type: ignore[arg-type]
    article_id = story(editor, 3000)
    first = editor.place_article(article_id, 3, GRID.column_x(0), 760.0)
    infos = {f.id: f for f in editor.composed_page(3).frames}
    assert infos[f"frame-{first}"].overset > 0
    editor.place_article(article_id, 5, GRID.column_x(0), 760.0)
    assert editor.session.undo_label() == "续排稿件"
    assert "下转第6版" in editor.composed_page(3).text()
    assert "上接第4版" in editor.composed_page(5).text()
    assert_current(editor)
    editor.session.undo()
    assert "下转第6版" not in editor.composed_page(3).text()
    assert_current(editor)


def test_revision_round_trip_through_the_editor(editor: IssueEditor) -> None:
    revision = editor.save_revision("一校前")
    before = editor.pages()
    editor.delete_frame(named(editor, "p5-lead").id)  # type: ignore[arg-type]
    assert editor.pages() != before
    heard: list[EditorChange] = []
    editor.subscribe(heard.append)
    editor.restore_revision(revision.id)
    assert heard[-1].everything and heard[-1].pages == tuple(range(8))
    assert editor.pages() == before
    assert [r.name for r in editor.revisions()] == ["一校前"]


def test_bin_lists_unplaced_stories_and_filters(editor: IssueEditor) -> None:
    assert editor.bin() == []
    third = named(editor, "p3-third")
    editor.delete_frame(third.id)  # type: ignore[arg-type]
    new = story(editor, 200, rank=2)
    assert editor.article(third.article_id).rank == 3  # type: ignore[arg-type]
    assert [a.id for a in editor.bin()] == [new, third.article_id]  # in rank order
    assert [a.headline for a in editor.bin("新稿")] == ["新稿件"]
    assert editor.bin("没有这个") == []


def test_a_file_that_is_no_picture_is_refused_and_nothing_is_done(editor: IssueEditor) -> None:
    editor.delete_frame(named(editor, "p3-brief").id)  # type: ignore[arg-type]  # room at column 4
    depth = editor.session.depth()
    with pytest.raises(UserError, match="图片|picture"):
        editor.add_picture(2, GRID.column_x(4), 700.0, b"not a picture", "x.png")
    assert editor.session.depth() == depth
    buf = io.BytesIO()
    Image.new("RGB", (600, 400), (30, 90, 160)).save(buf, "JPEG")
    frame_id = editor.add_picture(2, GRID.column_x(4), 200.0, buf.getvalue(), "a.jpg", "图注")
    frame = editor.frame(frame_id)
    assert frame.kind == "image" and frame.w == GRID.span_width(2)
    assert frame.h >= frame.w * 400 / 600  # the picture's shape, plus its caption's lines
    assert any(getattr(i, "asset", None) == frame.props["asset"] for i in editor.pages()[2].items)


def test_export_reports_progress_and_can_be_cancelled(editor: IssueEditor, tmp_path: Path) -> None:
    steps: list[tuple[int, int]] = []
    out = tmp_path / "issue.pdf"
    editor.export(out, lambda done, total: steps.append((done, total)))
    assert steps[0] == (0, 9) and steps[-1] == (9, 9)
    assert [d for d, _ in steps] == sorted(d for d, _ in steps)
    assert len(pypdfium2.PdfDocument(out)) == 8

    def cancel(done: int, total: int) -> bool:
        return done < 3

    stopped = tmp_path / "stopped.pdf"
    with pytest.raises(ExportCancelled):
        editor.export(stopped, cancel)
    assert not stopped.exists() and list(tmp_path.glob("stopped*")) == []


def test_snapping_keeps_frames_on_the_grid() -> None:
    w, h = GRID.span_width(2), 10 * GRID.leading
    x, y = snap_move(GRID, GRID.column_x(3) + 20, 333.3, w, h)
    assert x == GRID.column_x(3) and y == GRID.snap_y(333.3)
    x, _ = snap_move(GRID, 10_000.0, 200.0, w, h)  # dragged off the right: last place it fits
    assert x == GRID.column_x(4)
    _, y = snap_move(GRID, 0.0, 10_000.0, w, h)
    assert y + h <= GRID.type_bottom + 1e-6
    rect = (GRID.column_x(1), GRID.snap_y(300), GRID.span_width(2), 10 * GRID.leading)
    x, y, w2, h2 = snap_resize(GRID, rect, "bottom-right", GRID.column_x(4) + 50, rect[1] + 101)
    assert (x, y) == rect[:2] and frame_span(GRID, w2) == 4 and h2 == 7 * GRID.leading
    x, y, w2, h2 = snap_resize(GRID, rect, "left", 10_000.0, 0.0)  # never narrower than a column
    assert x + w2 == pytest.approx(rect[0] + rect[2]) and frame_span(GRID, w2) == 1
    assert column_at(GRID, 0.0) == 0 and column_at(GRID, 10_000.0) == GRID.columns - 1


def test_nudge_and_columns_after_resize(editor: IssueEditor) -> None:
    second = named(editor, "p2-second")  # 2 columns, starting at column 4
    assert nudge(GRID, second, 1, 0) == (GRID.column_x(4), second.y)  # already at the right
    assert nudge(GRID, second, -1, 1) == (GRID.column_x(3), second.y + GRID.leading)
    assert columns_after_resize(GRID, second, GRID.span_width(3)) == 3
    editor.nudge_frame(second.id, -1, 0)  # type: ignore[arg-type]
    assert editor.frame(second.id).x == GRID.column_x(3)  # type: ignore[arg-type]
    assert editor.session.undo_label() == "移动版框"
