"""Preflight sees pages: holes (天窗), unbalanced legs, overlapping frames, stories cut with no continuation, and the sample's stand-ins in other issues."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from app.compose.issue import owner_id
from app.model import Article, Credits, Frame, Issue, Page, Publication
from app.model.document import IssueDoc
from app.preflight.findings import ImageInfo, image_info_from_bytes
from app.preflight.pages import legs
from app.preflight.run import preflight
from app.preflight.space import Cells, holes
from app.sample.picture import placeholder_picture
from layouts.display import ComposedPage, FontSource, FrameInfo, GlyphRun, ImageItem
from layouts.grid import GRIDS
from layouts.units import mm
from tests.sample_helpers import compose, frame_named, sample_composer, sample_library

GRID = GRIDS["tabloid"]()
TEST_FONT = Path(__file__).resolve().parents[1] / "fonts" / "BanmianTestSerifSC-Regular.ttf"
SONG = FontSource("song", str(TEST_FONT), 0, "Banmian Test Serif SC")
AREA = (GRID.type_left, GRID.type_top, GRID.type_left + GRID.type_width, GRID.type_bottom)


@pytest.fixture(scope="module")
def composer():
    return sample_composer()


# -- empty space --------------------------------------------------------------------------


def test_holes_finds_an_empty_square_and_not_a_narrow_strip() -> None:
    area = (0.0, 0.0, 300.0, 300.0)
    # Everything occupied but a 100 × 100 square at (150, 150) and a 20-pt strip on the left.
    occupied = [(20, 0, 300, 150), (20, 150, 150, 300), (250, 150, 300, 300), (150, 250, 250, 300)]
    found = holes(area, occupied, mm(30), mm(30))
    assert len(found) == 1
    x0, y0, x1, y1 = found[0]
    # Cells are 3 pt: what is reported is empty, at most a cell short of the true size.
    assert (x0, y0) == (150, 150) and 97 <= x1 - x0 <= 100 and 97 <= y1 - y0 <= 100
    assert holes(area, occupied, 105, 105) == []


def test_find_empty_agrees_with_brute_force_and_is_maximal() -> None:
    rng = random.Random(7)
    for _ in range(200):
        cols, rows = rng.randint(1, 14), rng.randint(1, 14)
        cells = Cells((0, 0, cols, rows), cell=1.0)
        cells.mask = [rng.getrandbits(cols) & rng.getrandbits(cols) for _ in range(rows)]
        w, h = rng.randint(1, 5), rng.randint(1, 5)

        def empty(c0: int, r0: int, c1: int, r1: int, cells: Cells = cells) -> bool:
            return all(not (cells.mask[r] >> c) & 1 for r in range(r0, r1) for c in range(c0, c1))

        exists = any(
            empty(c, r, c + w, r + h) for c in range(cols - w + 1) for r in range(rows - h + 1)
        )
        got = cells.find_empty(w, h)
        assert (got is not None) == exists
        if got is not None:
            c0, r0, c1, r1 = got
            assert empty(c0, r0, c1, r1) and c1 - c0 >= w and r1 - r0 >= h
            assert not (c1 < cols and empty(c0, r0, c1 + 1, r1))
            assert not (r1 < rows and empty(c0, r0, c1, r1 + 1))
            assert not (c0 > 0 and empty(c0 - 1, r0, c1, r1))
            assert not (r0 > 0 and empty(c0, r0 - 1, c1, r1))


# -- hand-made pages on the tabloid grid --------------------------------------------------


class OnePage:
    """One page of a tabloid issue, its frames and what they print, kept in step."""

    def __init__(self, number: int = 1810) -> None:
        self.pub = Publication("石景山报", "主办", permit="准印")
        self.issue = Issue(date(2019, 4, 30), 31, number, page_count=1, colour_pages={1})
        self.page = Page(1, "要闻", template="front", id=1)
        self.frames: list[Frame] = []
        self.items: list = []
        self.infos: list[FrameInfo] = []
        self.articles: dict[int, Article] = {}

    def frame(self, kind: str, col: int, span: int, line: int, lines: int, **kw) -> Frame:
        x, w = GRID.column_x(col), GRID.span_width(span)
        y = GRID.baseline(line) - GRID.body_size * 0.88
        f = Frame(kind, x, y, w, lines * GRID.leading, page_id=1, id=len(self.frames) + 1, **kw)
        self.frames.append(f)
        self.infos.append(FrameInfo(owner_id(f), kind, f.x, f.y, f.w, f.h))
        return f

    def fill(self, f: Frame, legs: list[int]) -> None:
        """Body lines in each column of `f`, from its top."""
        width = (f.w - (f.columns - 1) * GRID.gutter) / f.columns
        for col, n in enumerate(legs):
            x = f.x + col * (width + GRID.gutter)
            for i in range(n):
                y = f.y + GRID.body_size * 0.88 + i * GRID.leading
                self.items.append(
                    GlyphRun(
                        owner_id(f), "song", 9, y, "字" * 11, tuple(x + 9 * k for k in range(11))
                    )
                )

    def check(self, **kw):
        doc = IssueDoc(self.pub, self.issue, [self.page], self.articles, {1: self.frames})
        page = ComposedPage(
            1, GRID.trim_w, GRID.trim_h, tuple(self.items), tuple(self.infos), fonts=(SONG,)
        )
        found = preflight(doc, [page], decode_qr=False, **kw)
        return [f for f in found if f.code != "page_count"]  # one page stands for an issue


def by_code(found, code: str):
    return [f for f in found if f.code == code]


def full_page() -> OnePage:
    """A page filled to the bottom by a masthead and one balanced six-column story."""
    p = OnePage()
    p.frame("masthead", 0, 6, 0, 10)
    p.articles[1] = Article("区政府召开推进会", ["正文。"], id=1)
    story = p.frame("article", 0, 6, 11, 59, columns=6, article_id=1)
    p.fill(story, [59] * 6)
    return p


def test_a_full_page_has_no_page_findings() -> None:
    assert full_page().check() == []


def test_a_story_ending_early_leaves_a_hole_named_by_its_frame() -> None:
    p = OnePage()
    p.frame("masthead", 0, 6, 0, 10)
    p.articles[1] = Article("区政府召开推进会", ["正文。"], id=1)
    story = p.frame("article", 0, 6, 11, 59, columns=6, article_id=1)
    p.fill(story, [50] * 6)  # nine lines short in every leg: 126 pt = 44 mm deep, full width
    [hole] = by_code(p.check(), "hole")
    assert hole.severity == "error" and hole.page == 1 and hole.frame == owner_id(story)
    assert "225×4" in hole.message or "×44毫米" in hole.message
    p.fill(replace(story, y=story.y + 50 * GRID.leading, h=7 * GRID.leading), [7] * 6)
    assert by_code(p.check(), "hole") == []  # 2 lines (10 mm) left: designed white, not a hole


def test_an_empty_column_is_a_hole_and_unbalanced() -> None:
    p = OnePage()
    p.frame("masthead", 0, 6, 0, 10)
    p.articles[1] = Article("区政府召开推进会", ["正文。"], id=1)
    story = p.frame("article", 0, 6, 11, 59, columns=6, article_id=1)
    p.fill(story, [59, 59, 59, 59, 59, 20])
    found = p.check()
    assert [f.severity for f in by_code(found, "hole")] == ["error"]
    [legs] = by_code(found, "unbalanced_columns")
    assert legs.severity == "warning" and "59/59/59/59/59/20" in legs.message


def test_legs_one_line_apart_are_balanced_and_a_running_frame_is_not_checked() -> None:
    p = full_page()
    story = p.frames[1]
    p.items = [i for i in p.items if i.owner != owner_id(story)]
    p.fill(story, [59, 59, 59, 58, 58, 58])
    assert by_code(p.check(), "unbalanced_columns") == []
    p.items = [i for i in p.items if i.owner != owner_id(story)]
    p.fill(story, [59, 59, 59, 59, 59, 40])
    assert by_code(p.check(), "unbalanced_columns")
    # The same legs in a frame the story runs on from (a later frame follows): not a fault.
    p.frames.append(replace(story, id=9, y=story.y + 10, h=10, thread_index=1))
    assert by_code(p.check(), "unbalanced_columns") == []


def test_overlapping_frames_are_an_error_unless_one_wraps() -> None:
    p = full_page()
    picture = p.frame("image", 2, 2, 20, 10, props={"asset": "x"})
    p.items.append(ImageItem(owner_id(picture), "x", picture.x, picture.y, picture.w, picture.h))
    [overlap] = by_code(p.check(), "frames_overlap")
    assert overlap.severity == "error" and overlap.frame == owner_id(picture)
    assert "重叠" in overlap.message and "mm" in overlap.message
    p.frames[-1] = replace(picture, props={"asset": "x", "wrap": {"offset_mm": 2}})
    assert by_code(p.check(), "frames_overlap") == []
    # Frames that only touch along an edge do not overlap.
    q = full_page()
    q.frame("box", 0, 2, 70, 1)
    assert by_code(q.check(makeup=True), "frames_overlap") == []


def test_a_story_cut_in_its_last_frame_is_one_error() -> None:
    p = full_page()
    p.infos[1] = replace(p.infos[1], overset=120)
    [cut] = by_code(p.check(), "story_cut")
    assert (
        cut.severity == "error" and cut.frame == owner_id(p.frames[1]) and "超120字" in cut.message
    )
    assert by_code(p.check(), "overset") == []


# -- stand-ins --------------------------------------------------------------------------


def test_stand_ins_are_errors_in_another_issue_and_warnings_in_the_sample() -> None:
    p = full_page()
    p.articles[1] = Article("示例稿件", ["（示例文字）本文是示例。"], id=1)
    p.page.credits = Credits("示例编辑", "王美编", "示例校对")
    found = p.check()
    text = by_code(found, "placeholder_text")
    credit = by_code(found, "placeholder_credit")
    assert [f.severity for f in text + credit] == ["error", "error"]
    assert credit[0].frame == "running-head-1" and "示例编辑" in credit[0].message
    assert "王美编" not in credit[0].message
    p.issue = Issue(date(2019, 4, 25), 30, 1809, page_count=1, colour_pages={1})  # the sample
    assert {f.severity for f in p.check() if f.code.startswith("placeholder")} == {"warning"}


def test_a_stand_in_picture_is_known_by_its_caption_or_by_the_picture_itself() -> None:
    png = placeholder_picture(40, 30)
    assert image_info_from_bytes(png) == ImageInfo(40, 30, "L", placeholder=True)
    p = full_page()
    picture = p.frame("image", 0, 2, 20, 10, props={"asset": "a", "caption": "区长陈之常讲话"})
    p.frames[-1] = replace(picture, props={**picture.props, "wrap": True})
    info = {"a": image_info_from_bytes(png)}
    [found] = by_code(p.check(image_info=info.get), "placeholder_picture")
    assert found.frame == owner_id(picture) and found.severity == "error"
    info = {"a": ImageInfo(800, 600, "L")}
    assert by_code(p.check(image_info=info.get), "placeholder_picture") == []
    p.frames[-1] = replace(
        picture, props={"asset": "a", "caption": "示例图片：此处为图片位置", "wrap": True}
    )
    assert by_code(p.check(image_info=info.get), "placeholder_picture")


# -- the sample --------------------------------------------------------------------------


def test_sample_stand_ins_are_noted_and_a_deleted_story_leaves_a_hole(
    tmp_path: Path, composer
) -> None:
    with sample_library(tmp_path) as lib:
        from app.model.document import IssueDoc as Doc

        doc = Doc.load(lib, 1809)
        found = preflight(doc, compose(lib, composer), decode_qr=False)
        pictures = by_code(found, "placeholder_picture")
        assert len(pictures) == 8 and {f.severity for f in pictures} == {"warning"}
        assert len(by_code(found, "placeholder_credit")) == 8
        lead = frame_named(lib, "p4-third")
        lib.delete_frame(lead.id)
        doc = Doc.load(lib, 1809)
        holes_p4 = [
            f
            for f in by_code(preflight(doc, compose(lib, composer), decode_qr=False), "hole")
            if f.page == 4
        ]
        assert (
            holes_p4 and max(int(f.message.split("×")[1].split("毫米")[0]) for f in holes_p4) > 100
        )


def test_a_continuations_jump_line_under_its_follow_head_is_not_a_leg_line() -> None:
    """A continuation opens under its 续题 and （上接第1版）, the jump line centred across the
    frame at body size: it belongs to the head group, not to the leg it happens to sit over."""
    p = OnePage()
    p.frame("masthead", 0, 6, 0, 10)
    p.articles[1] = Article("区政府召开推进会", ["正文。"], id=1)
    story = p.frame("article", 0, 6, 11, 20, columns=6, article_id=1)
    owner = owner_id(story)
    title_y = story.y + 14 * 0.88
    jump_y = title_y + 14 * 0.37 + 9 * 0.88
    centre = story.x + story.w / 2
    p.items.append(GlyphRun(owner, "hei", 14, title_y, "续题", (centre - 14, centre)))
    p.items.append(
        GlyphRun(owner, "song", 9, jump_y, "（上接第1版）", tuple(centre + 9 * k for k in range(7)))
    )
    body_top = story.y + 3 * GRID.leading  # the group and its white take three lines
    p.fill(replace(story, y=body_top), [16, 16, 16, 15, 15, 15])
    assert legs(story, [i for i in p.items if i.owner == owner], GRID) == [16, 16, 16, 15, 15, 15]
    assert by_code(p.check(), "unbalanced_columns") == []
