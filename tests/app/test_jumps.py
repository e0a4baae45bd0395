"""Jump lines follow their stories: （下转第N版）/（上接第N版） and the teaser's （详见N版） after frames move between pages."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from app.compose.issue import IssueComposer, owner_id
from app.model import Frame
from app.store import Library
from layouts.display import ComposedPage
from layouts.grid import GRIDS
from tests.sample_helpers import (
    compose,
    frame_named,
    page_id,
    sample_library,
)

GRID = GRIDS["tabloid"]()


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    with sample_library(tmp_path) as library:
        yield library


def pages_by_number(lib: Library, composer: IssueComposer) -> dict[int, ComposedPage]:
    return {p.number: p for p in compose(lib, composer)}


def owned(page: ComposedPage, frame: Frame) -> str:
    return "".join(r.text for r in page.glyph_runs() if r.owner == owner_id(frame))


def body(page: ComposedPage, frame: Frame) -> str:
    """The frame's body-size characters (byline and jump lines included), without spaces."""
    runs = [
        r
        for r in page.glyph_runs()
        if r.owner == owner_id(frame) and r.size == pytest.approx(GRID.body_size)
    ]
    return "".join("".join(r.text for r in runs).split())


def continue_lead_on(lib: Library, number: int) -> tuple[Frame, Frame]:
    """The lead story cut to 20 lines on page 1 and continued at the foot of page `number`, in
    the place of that page's bottom story (which goes back to the bin)."""
    lead = frame_named(lib, "lead")
    lib.update_frame(replace(lead, h=20 * GRID.leading))
    bottom = frame_named(lib, f"p{number}-third")
    lib.delete_frame(bottom.id)  # type: ignore[arg-type]
    cont = lib.add_frame(
        replace(
            bottom,
            id=None,
            page_id=page_id(lib, number),
            article_id=lead.article_id,
            thread_index=1,
            name="lead-continued",
        )
    )
    return lib.frame(lead.id), cont  # type: ignore[arg-type]


def move_to(lib: Library, frame: Frame, number: int, make_room: str = "") -> Frame:
    """The frame, same place, onto page `number` (after removing the frame named `make_room`)."""
    if make_room:
        lib.delete_frame(frame_named(lib, make_room).id)  # type: ignore[arg-type]
    moved = replace(frame, page_id=page_id(lib, number))
    lib.update_frame(moved)
    return lib.frame(frame.id)  # type: ignore[arg-type]


def test_the_sample_has_no_jump_lines_until_a_story_continues(
    lib: Library, composer: IssueComposer
) -> None:
    pages = pages_by_number(lib, composer)
    assert all("下转" not in p.text() and "上接" not in p.text() for p in pages.values())
    assert owned(pages[1], frame_named(lib, "teaser-sports")).endswith("（详见3版）")


def follow_head(lib: Library, frame: Frame) -> str:
    """What a continuation of the sample's lead opens with: its 续题 (the lead's headline, one
    clause) over the （上接） line."""
    headline = lib.article(frame.article_id).headline  # type: ignore[arg-type]
    assert " " not in headline and "\u3000" not in headline  # one clause: the 续题 is all of it
    return headline + "（上接第1版）"


def test_a_story_continued_on_page_3(lib: Library, composer: IssueComposer) -> None:
    lead, cont = continue_lead_on(lib, 3)
    pages = pages_by_number(lib, composer)
    first, second = owned(pages[1], lead), owned(pages[3], cont)
    assert first.endswith("（下转第3版）")  # the frame's last line
    assert second.startswith(follow_head(lib, cont))  # the continuation's head
    assert first.count("下转") == 1 and "上接" not in first and "下转" not in second
    assert not any(f.kind == "overset" for p in pages.values() for f in p.findings)
    # Not a character lost or repeated across the jump.
    article = lib.article(lead.article_id)  # type: ignore[arg-type]
    both = body(pages[1], lead) + body(pages[3], cont)
    both = both.replace("（下转第3版）", "").replace("（上接第1版）", "")
    assert both == "".join("".join(article.paragraphs).split())
    assert body(pages[3], cont) != ""


def test_moving_the_continuation_to_page_5_updates_both_jump_lines(
    lib: Library, composer: IssueComposer
) -> None:
    lead, cont = continue_lead_on(lib, 3)
    cont = move_to(lib, cont, 5, make_room="p5-third")
    pages = pages_by_number(lib, composer)
    assert owned(pages[1], lead).endswith("（下转第5版）")
    assert owned(pages[5], cont).startswith(follow_head(lib, cont))
    assert "第3版）" not in pages[1].text()
    assert "上接" not in pages[3].text() and owner_id(cont) not in {
        r.owner for r in pages[3].glyph_runs()
    }
    # And back: the lines follow again.
    move_to(lib, cont, 3)
    pages = pages_by_number(lib, composer)
    assert owned(pages[1], lead).endswith("（下转第3版）")
    assert owned(pages[3], cont).startswith(follow_head(lib, cont))
    assert "上接" not in pages[5].text()


def head_runs(page: ComposedPage, frame: Frame) -> list:
    """The frame's runs above its body: the 续题 (larger than body type) and the （上接） line."""
    runs = [r for r in page.glyph_runs() if r.owner == owner_id(frame)]
    jump = next(r for r in runs if "上接" in r.text)
    return [r for r in runs if r.y <= jump.y]


def test_the_continuations_head_is_set_in_its_frame_and_moves_with_it(
    lib: Library, composer: IssueComposer
) -> None:
    """续题 and （上接第1版） at the top of the continuation frame, centred across its columns,
    the body under them; moved, the frame takes its head along and leaves nothing behind."""
    _, cont = continue_lead_on(lib, 3)
    assert cont.columns >= 2
    before = head_runs(pages_by_number(lib, composer)[3], cont)
    moved = replace(cont, x=GRID.column_x(0), y=cont.y - 6 * GRID.leading)
    lib.update_frame(moved)
    page = pages_by_number(lib, composer)[3]
    after = head_runs(page, moved)
    assert "".join(r.text for r in after) == follow_head(lib, cont)
    title = [r for r in after if r.size > GRID.body_size]
    assert title and all(r.size == 14.0 for r in title)  # 四号
    left = min(x for r in after for x in r.xs)
    right = max(r.xs[-1] + r.size for r in after)
    assert moved.x <= left and right <= moved.x + moved.w
    assert abs((left + right) / 2 - (moved.x + moved.w / 2)) < 1.0  # centred over its columns
    wide = [r for r in after if r.xs[-1] + r.size - r.xs[0] > GRID.column_width]
    assert wide, "the head spans more than one column"
    assert moved.y < min(r.y for r in after) and max(r.y for r in after) < moved.y + 3 * 14.0
    # relative to its frame it sits where it sat: it moved with the frame
    offsets = [d for r in before for d in (r.y - cont.y, r.xs[0] - cont.x)]
    assert [d for r in after for d in (r.y - moved.y, r.xs[0] - moved.x)] == pytest.approx(offsets)
    body_top = min(r.y for r in page.glyph_runs() if r.owner == owner_id(moved) and r not in after)
    assert body_top > max(r.y for r in after)
    assert not any(f.kind == "overset" for f in page.findings)


def test_a_continuation_frame_may_name_its_own_follow_title(
    lib: Library, composer: IssueComposer
) -> None:
    _, cont = continue_lead_on(lib, 3)
    lib.update_frame(replace(cont, props={**cont.props, "follow_title": "热线办理续"}))
    second = owned(pages_by_number(lib, composer)[3], cont)
    assert second.startswith("热线办理续（上接第1版）")


def test_an_older_make_ups_follow_frame_still_heads_its_continuation(
    lib: Library, composer: IssueComposer
) -> None:
    """Libraries made up before the 续题 moved into the frame keep a text frame of their own
    for it (props.follows): it is not set twice, the （上接） line opens the first leg."""
    _, cont = continue_lead_on(lib, 3)
    headline = lib.article(cont.article_id).headline  # type: ignore[arg-type]
    head_h = 2 * GRID.leading
    lib.update_frame(replace(cont, y=cont.y + head_h, h=cont.h - head_h))
    props = {"lines": [headline], "font": "hei", "size": 14.0, "align": "center"}
    props["follows"] = cont.article_id
    lib.add_frame(Frame("text", cont.x, cont.y, cont.w, head_h, page_id=cont.page_id, props=props))
    page = pages_by_number(lib, composer)[3]
    assert owned(page, cont).startswith("（上接第1版）")
    assert page.text().count(headline) == 1


def test_moving_the_teasers_story_to_page_5_updates_its_pointer(
    lib: Library, composer: IssueComposer
) -> None:
    teaser = frame_named(lib, "teaser-sports")
    move_to(lib, frame_named(lib, "sports"), 5, make_room="p5-lead")
    pages = pages_by_number(lib, composer)
    assert owned(pages[1], teaser).endswith("（详见5版）")
    assert "详见3版" not in pages[1].text()


def test_all_three_follow_when_both_stories_move_to_page_5(
    lib: Library, composer: IssueComposer
) -> None:
    lead, cont = continue_lead_on(lib, 3)
    lib.delete_frame(frame_named(lib, "p5-third").id)  # type: ignore[arg-type]
    lib.delete_frame(frame_named(lib, "p5-lead").id)  # type: ignore[arg-type]
    cont = move_to(lib, cont, 5)
    move_to(lib, frame_named(lib, "sports"), 5)
    pages = pages_by_number(lib, composer)
    assert owned(pages[1], lead).endswith("（下转第5版）")
    assert owned(pages[5], cont).startswith(follow_head(lib, cont))
    assert owned(pages[1], frame_named(lib, "teaser-sports")).endswith("（详见5版）")
    assert "3版）" not in pages[1].text()


def test_a_continuation_on_the_same_page_needs_no_jump_lines(
    lib: Library, composer: IssueComposer
) -> None:
    lead, cont = continue_lead_on(lib, 3)
    # The whole thread on page 1: the continuation takes the teaser's place.
    teaser = frame_named(lib, "teaser-sports")
    lib.delete_frame(teaser.id)  # type: ignore[arg-type]
    lib.update_frame(
        replace(cont, page_id=page_id(lib, 1), x=teaser.x, y=teaser.y, w=teaser.w, h=teaser.h)
    )
    pages = pages_by_number(lib, composer)
    assert "下转" not in pages[1].text() and "上接" not in pages[1].text()


def test_a_teaser_whose_story_is_not_placed_says_so(lib: Library, composer: IssueComposer) -> None:
    lib.delete_frame(frame_named(lib, "sports").id)  # type: ignore[arg-type]
    pages = pages_by_number(lib, composer)
    teaser = frame_named(lib, "teaser-sports")
    assert "详见" not in owned(pages[1], teaser)
    assert [f.kind for f in pages[1].findings if f.owner == owner_id(teaser)] == ["teaser_target"]
