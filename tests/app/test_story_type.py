"""A story's own type settings and the house style as edits: the body's face, 字号, 行距 and indent, the 主题's style, face, size and alignment, columns and gutter, each one undo step, checked, and followed by composition; the house style table changed whole and undone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.compose.issue import IssueComposer, owner_id
from app.compose.story_type import story_body, story_house
from app.compose.styles import HouseStyle
from app.edit.editor import IssueEditor
from app.errors import UserError
from app.model import Frame
from app.model.document import IssueDoc
from app.model.style import with_setting
from app.store import Library
from layouts.grid import GRIDS
from layouts.units import HAO, mm
from tests.sample_helpers import frame_named, sample_library

GRID = GRIDS["tabloid"]()


@pytest.fixture
def editor(tmp_path: Path, composer: IssueComposer) -> Iterator[IssueEditor]:
    with sample_library(tmp_path, "lib.banmian") as lib:
        yield IssueEditor(lib, IssueDoc.load(lib, 1809), composer)


def lead(editor: IssueEditor) -> Frame:
    return editor.frame(frame_named(editor.library, "p2-lead").id)  # type: ignore[arg-type]


def runs(editor: IssueEditor, frame: Frame) -> list:
    page = editor.composed_page(editor.page_index(frame.page_id))
    return [r for r in page.glyph_runs() if r.owner == owner_id(frame)]


def body_runs(editor: IssueEditor, frame: Frame) -> list:
    """The story's body: the runs of its most used size."""
    found = runs(editor, frame)
    sizes = [r.size for r in found for _ in r.text]
    size = max(set(sizes), key=sizes.count)
    return [r for r in found if r.size == size]


def baselines(editor: IssueEditor, frame: Frame) -> list[float]:
    return sorted({round(r.y, 2) for r in body_runs(editor, frame) if r.xs[0] < frame.x + 60})


def test_body_size_face_and_leading_are_set_and_undone_one_step_each(editor) -> None:
    frame = lead(editor)
    before = body_runs(editor, frame)
    assert {(r.font, r.size) for r in before} == {("song", HAO["小五"])}
    editor.set_story_type(frame.id, body_size="小四", leading=HAO["小四"] * 1.5)  # type: ignore[arg-type]
    after = body_runs(editor, frame)
    assert {r.size for r in after} == {HAO["小四"]}
    lines = baselines(editor, frame)
    steps = {round(b - a, 2) for a, b in zip(lines, lines[1:], strict=False)}
    assert round(HAO["小四"] * 1.5, 2) in steps  # lines 18 pt apart within a paragraph
    editor.set_story_type(frame.id, body_font="kai")  # type: ignore[arg-type]
    assert {r.font for r in body_runs(editor, frame)} == {"kai"}
    assert editor.session.undo_label() == "设置版式"
    editor.session.undo()
    assert {r.font for r in body_runs(editor, frame)} == {"song"}
    editor.session.undo()
    assert {(r.font, r.size) for r in body_runs(editor, frame)} == {("song", HAO["小五"])}


def test_a_named_headline_style_and_the_heads_own_face_size_and_alignment(editor) -> None:
    frame = lead(editor)
    top = max(runs(editor, frame), key=lambda r: r.size)
    assert (top.font, top.size) == ("biaosong", HAO["一号"])  # 版面头条 at four columns
    editor.set_story_type(frame.id, headline_style="简讯")  # type: ignore[arg-type]
    top = max(runs(editor, frame), key=lambda r: r.size)
    assert (top.font, top.size) == ("hei", HAO["小二"])  # the brief's 主题 at four columns
    centred = top.xs[0]
    editor.set_story_type(frame.id, headline_align="left")  # type: ignore[arg-type]
    top = max(runs(editor, frame), key=lambda r: r.size)
    assert top.xs[0] < centred and abs(top.xs[0] - frame.x) < 1
    editor.set_story_type(frame.id, headline_font="kai", headline_size="小初")  # type: ignore[arg-type]
    top = max(runs(editor, frame), key=lambda r: r.size)
    assert (top.font, top.size) == ("kai", HAO["小初"])
    editor.set_story_type(
        frame.id,
        **dict.fromkeys(("headline_style", "headline_font", "headline_size", "headline_align")),
    )  # type: ignore[arg-type]
    top = max(runs(editor, frame), key=lambda r: r.size)
    assert (top.font, top.size) == ("biaosong", HAO["一号"])


def test_columns_and_gutter_of_a_frame(editor) -> None:
    frame = lead(editor)
    editor.set_columns(frame.id, 3, mm(6))  # type: ignore[arg-type]
    frame = lead(editor)
    assert frame.columns == 3 and frame.props["gutter"] == mm(6)
    lefts = sorted({round(r.xs[0]) for r in body_runs(editor, frame)})
    width = (frame.w - 2 * mm(6)) / 3
    for i in range(3):  # every column starts where three columns 6 mm apart start
        assert any(abs(x - (frame.x + i * (width + mm(6)))) < 10 for x in lefts)
    assert editor.session.undo_label() == "设置分栏"
    editor.session.undo()
    assert lead(editor).columns == 4 and "gutter" not in lead(editor).props


def test_bad_settings_are_refused_in_one_line_and_change_nothing(editor) -> None:
    frame = lead(editor)
    for bad in (
        {"body_size": "大五"},
        {"body_font": "comic"},
        {"headline_style": "没有这个"},
        {"paragraph_style": "版面头条"},  # a headline style, not a paragraph style
        {"leading": 5.0},  # tighter than the 9 pt type
        {"indent": 12},
    ):
        with pytest.raises(UserError) as e:
            editor.set_story_type(frame.id, **bad)  # type: ignore[arg-type]
        assert "\n" not in str(e.value)
    with pytest.raises(UserError):
        editor.set_columns(frame.id, 3, frame.w)  # type: ignore[arg-type]
    assert lead(editor) == frame and editor.session.depth() == (0, 0)


def test_settings_a_library_cannot_use_are_passed_over() -> None:
    frame = Frame(
        "article",
        0,
        0,
        200,
        200,
        props={"body_size": "大五", "leading": "x", "body_font": "comic", "headline_style": 3},
    )
    house = HouseStyle()
    assert story_body(house, GRID, frame) == house.body(GRID)
    assert story_house(house, frame) is house


def test_the_house_style_changes_every_page_at_once_and_undoes(editor) -> None:
    frame = lead(editor)
    editor.set_house_style(with_setting(editor.doc.style, "正文", "font", "kai"))
    assert {r.font for r in body_runs(editor, frame)} == {"kai"}
    front = frame_named(editor.library, "p5-lead")  # another page
    assert {r.font for r in body_runs(editor, front)} == {"kai"}
    assert editor.library.house_style().paragraph("正文").font == "kai"
    assert editor.session.undo_label() == "修改版式表"
    editor.session.undo()
    assert {r.font for r in body_runs(editor, frame)} == {"song"}
    assert editor.library.house_style().paragraph("正文").font == "song"


def test_type_steps_undo_after_a_restart(tmp_path: Path, composer: IssueComposer) -> None:
    with sample_library(tmp_path, "lib.banmian") as lib:
        path = Path(lib.path)
    library = Library.open(path)
    editor = IssueEditor(library, IssueDoc.load(library, 1809), composer)
    editor.set_story_type(lead(editor).id, body_size="小四")  # type: ignore[arg-type]
    editor.set_house_style(with_setting(editor.doc.style, "正文", "font", "kai"))
    library.close()
    library = Library.open(path)
    editor = IssueEditor(library, IssueDoc.load(library, 1809), composer)
    assert {(r.font, r.size) for r in body_runs(editor, lead(editor))} == {("kai", HAO["小四"])}
    editor.session.undo()
    editor.session.undo()
    assert {(r.font, r.size) for r in body_runs(editor, lead(editor))} == {("song", HAO["小五"])}
    library.close()


def test_fit_to_text_counts_the_storys_own_leading(editor) -> None:
    frame = lead(editor)
    article = editor.article(frame.article_id)  # type: ignore[arg-type]
    editor.edit_text(article.id, paragraphs=article.paragraphs[:2])  # type: ignore[arg-type]
    editor.set_story_type(frame.id, leading=HAO["小五"] * 2)  # type: ignore[arg-type]
    article = editor.article(frame.article_id)  # type: ignore[arg-type]
    fill = editor.composer.layout_article(editor.doc, article)[0].fill[owner_id(frame)]
    assert fill.spare_lines >= 2
    editor.fit_frame(frame.id)  # type: ignore[arg-type]
    layout = editor.composer.layout_article(editor.doc, editor.article(frame.article_id))[0]  # type: ignore[arg-type]
    fill = layout.fill[owner_id(frame)]
    assert fill.spare_lines == 0 and layout.overset == 0
