"""Text wrap in the composed issue and drops that never land silently on occupied space: a wrapped picture pushes a story's lines aside, the same whether the issue is composed whole or page by page; a drop takes the free space, a picture dropped on a story is set into it wrapped."""

from __future__ import annotations

import pytest

from app.compose.issue import IssueComposer, owner_id
from app.compose.wraps import overlaps, wrap_areas
from app.edit.editor import IssueEditor
from app.edit.free_space import free_runs
from app.errors import UserError
from app.model import Article, Frame
from app.model.document import IssueDoc
from app.sample.issue import SAMPLE_ISSUE
from app.store import Library
from layouts.display import ComposedPage
from layouts.wrap import Offsets
from tests.sample_helpers import owned_text


@pytest.fixture
def editor(library: Library, composer: IssueComposer) -> IssueEditor:
    return IssueEditor(library, IssueDoc.load(library, SAMPLE_ISSUE), composer)


def named(editor: IssueEditor, name: str) -> Frame:
    return next(f for fs in editor.doc.frames.values() for f in fs if f.name == name)


def glyph_boxes(page: ComposedPage, owner: str) -> list[tuple[float, float, float, float]]:
    """Each character's box (x0, top, x1, bottom) set by one frame."""
    return [
        (x, r.y - 0.88 * r.size, x + r.size * 0.5, r.y + 0.12 * r.size)
        for r in page.glyph_runs()
        if r.owner == owner
        for x in r.xs
    ]


def hits(boxes, frame: Frame) -> int:
    return sum(
        1
        for x0, y0, x1, y1 in boxes
        if x0 < frame.x + frame.w and x1 > frame.x and y0 < frame.y + frame.h and y1 > frame.y
    )


def picture_in(editor: IssueEditor, story: Frame, wrap: bool) -> Frame:
    """A picture two columns wide, ten lines deep, inside the story, from its third line."""
    grid = editor.grid
    props: dict = {"asset": "0" * 64}
    if wrap:
        props["wrap"] = Offsets().prop()
    frame = Frame(
        "image",
        grid.column_x(2),
        story.y + 3 * grid.leading,
        grid.span_width(2),
        10 * grid.leading,
        page_id=story.page_id,
        props=props,
        name="inset",
    )
    stored = editor.library.add_frame(frame)
    editor.doc.frames[story.page_id].append(stored)  # type: ignore[index]
    return stored


def test_a_wrapped_picture_pushes_the_storys_lines_aside(
    editor: IssueEditor, composer: IssueComposer
) -> None:
    story = named(editor, "p4-third")
    before = composer.compose(editor.doc)[3]
    text = owned_text(before, owner_id(story))
    bare = picture_in(editor, story, wrap=False)
    covered = composer.compose(editor.doc)[3]
    assert hits(glyph_boxes(covered, owner_id(story)), bare) > 50  # printed over each other
    assert [(a.name, b.name) for a, b, *_ in overlaps(editor.doc.frames[story.page_id])] == [  # type: ignore[index]
        ("inset", "p4-third")
    ]
    editor.doc.frames[story.page_id][-1] = wrapped = Frame(  # type: ignore[index]
        **{**bare.__dict__, "props": {**bare.props, "wrap": Offsets().prop()}}
    )
    assert overlaps(editor.doc.frames[story.page_id]) == []  # type: ignore[index]
    page = composer.compose(editor.doc)[3]
    assert hits(glyph_boxes(page, owner_id(story)), wrapped) == 0
    info = next(f for f in page.frames if f.id == owner_id(story))
    placed = owned_text(page, owner_id(story))
    assert text.startswith(placed)  # the same text in the same order, less what no longer fits
    assert info.overset == len("".join(text[len(placed) :].split()))  # reported, never lost
    assert [a.owner for a in wrap_areas(editor.doc)] == [owner_id(wrapped)]


def test_pages_composed_alone_flow_around_wraps_as_the_whole_issue_does(
    editor: IssueEditor, composer: IssueComposer
) -> None:
    grid = editor.grid
    lead = named(editor, "p2-lead")
    editor.set_frame_rect(lead.id, lead.x, lead.y, lead.w, 8 * grid.leading)  # type: ignore[arg-type]
    editor.delete_frame(named(editor, "p5-third").id)  # type: ignore[arg-type]
    follow = editor.place_article(lead.article_id, 4, grid.column_x(0), 700.0)  # type: ignore[arg-type]
    continued = editor.frame(follow)  # type: ignore[arg-type]
    assert continued.page_id == editor.page(4).id
    inset = picture_in(editor, continued, wrap=True)
    editor.move_frame(inset.id, inset.x, inset.y + grid.leading, snap=False)  # type: ignore[arg-type]
    editor.set_frame_rect(lead.id, lead.x, lead.y, lead.w, 7 * grid.leading)  # type: ignore[arg-type]
    whole = composer.compose(IssueDoc.load(editor.library, SAMPLE_ISSUE))
    assert editor.composed_page(4) == whole[4]  # page 5 followed the edit on page 2
    assert editor.composed_page(1) == whole[1]
    moved = editor.frame(inset.id)  # type: ignore[arg-type]
    assert hits(glyph_boxes(whole[4], owner_id(continued)), moved) == 0


# -- drops take the free space -----------------------------------------------------------------


def test_a_story_dropped_on_occupied_space_takes_the_free_space(editor: IssueEditor) -> None:
    grid = editor.grid
    third = named(editor, "p2-third")
    editor.set_frame_rect(third.id, third.x, third.y, grid.span_width(3), third.h)  # type: ignore[arg-type]
    text = ["社区服务中心开展便民活动。"] * 8
    article = editor.library.add_article(
        Article(issue_id=editor.doc.issue.id, headline="新稿", paragraphs=text)
    )
    editor.doc.articles[article.id] = article  # type: ignore[index]
    # dropped on p2-third's text: it goes beside it, into the three free columns
    made = editor.place_article(article.id, 1, third.x + 20, third.y + 100)  # type: ignore[arg-type]
    frame = editor.frame(made)  # type: ignore[arg-type]
    assert frame.x >= grid.column_x(3) - 1e-6 and frame.y >= third.y - 1e-6
    assert overlaps(editor.doc.frames[frame.page_id]) == []  # type: ignore[index]


def test_a_full_page_refuses_a_story_in_one_line(editor: IssueEditor) -> None:
    article = named(editor, "p2-third").article_id
    editor.delete_frame(named(editor, "p2-third").id)  # type: ignore[arg-type]
    runs = free_runs(editor.grid, editor.doc.frames[editor.page(3).id])  # type: ignore[index]
    assert max(max(r) for r in runs) < 3  # page 4 is full
    with pytest.raises(UserError, match="空位"):
        editor.place_article(article, 3, 300.0, 400.0)  # type: ignore[arg-type]


def test_a_picture_dropped_on_a_story_is_set_into_it_with_a_wrap(editor: IssueEditor) -> None:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (900, 600), (30, 60, 90)).save(buf, "JPEG")
    story = named(editor, "p4-third")
    grid = editor.grid
    made = editor.add_picture(
        3, grid.column_x(3) + 30, story.y + 5 * grid.leading, buf.getvalue(), "a.jpg"
    )
    pic = editor.frame(made)  # type: ignore[arg-type]
    assert pic.props["wrap"] == Offsets().prop()
    assert pic.x + pic.w == pytest.approx(story.x + story.w)  # kept inside the story's columns
    assert pic.w == grid.span_width(2) and story.y <= pic.y <= story.y + story.h - pic.h
    assert overlaps(editor.doc.frames[story.page_id]) == []  # type: ignore[index]
    page = editor.composed_page(3)
    assert hits(glyph_boxes(page, owner_id(story)), pic) == 0


def test_a_qr_slot_from_the_menu_goes_to_free_space(editor: IssueEditor) -> None:
    editor.delete_frame(named(editor, "p3-third").id)  # type: ignore[arg-type]
    made = editor.add_qr(2, 300.0, 300.0)  # the middle of the view: over the picture
    qr = editor.frame(made)  # type: ignore[arg-type]
    assert qr.y >= named(editor, "p3-picture").y + named(editor, "p3-picture").h - 1e-6
    assert overlaps(editor.doc.frames[qr.page_id]) == []  # type: ignore[index]
