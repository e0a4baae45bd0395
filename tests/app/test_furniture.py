"""Furniture as composed: generated masthead fields on page 1, running heads per page, QR slot rules, title art."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageStat

from app.compose.issue import IssueComposer, owner_id
from app.compose.title_art import TITLE_ASSET
from app.edit.issues import create_next_issue
from app.edit.title_art import set_title_art
from app.errors import UserError
from app.export.pdf import export_pdf
from app.export.raster import render_pdf_page
from app.model.document import IssueDoc
from app.preflight.qr import MIN_MODULE_MM, check_qr_codes, module_size
from app.store import Library
from layouts.display import ComposedPage, GlyphRun, ImageItem
from layouts.furniture import QUIET_SHARE, qr_arrangement
from layouts.grid import GRIDS
from layouts.units import HAO, mm, to_mm
from tests.sample_helpers import (
    compose,
    frame_named,
    frame_names,
    owned_text,
    qr_items,
    sample_library,
)

GRID = GRIDS["tabloid"]()


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    with sample_library(tmp_path) as library:
        yield library


def masthead_text(lib: Library, pages: list[ComposedPage], cumulative: int = 1809) -> str:
    return owned_text(pages[0], owner_id(frame_named(lib, "masthead", cumulative)))


# -- masthead fields ----------------------------------------------------------------------


def test_page_one_masthead_shows_the_generated_fields(
    lib: Library, composer: IssueComposer
) -> None:
    pages = compose(lib, composer)
    text = masthead_text(lib, pages)
    # The seed's masthead (2019-04-25 was a Thursday, 三月廿一 of 己亥 in the almanac).
    for field in (
        "石景山报",
        "2019年4月25日",
        "星期四",
        "农历己亥年三月廿一",
        "第30期（总第1809期）",
        "本期8版",
        "中共石景山区委宣传部主办",
        "准印证号京内资准字2003-L0007",
        "石景山新闻网",
        "http://www.sjs.gov.cn",
    ):
        assert field in text, field
    # The paper's name is the largest type on page 1 (2020 rules: the most prominent text).
    owner = owner_id(frame_named(lib, "masthead"))
    largest = max(pages[0].glyph_runs(), key=lambda r: r.size)
    assert largest.owner == owner and largest.text == "石景山报"


def test_the_next_issue_masthead_is_right_without_typing(
    lib: Library, composer: IssueComposer
) -> None:
    create_next_issue(lib, 1809)  # the paper comes out on Tuesdays and Thursdays
    text = masthead_text(lib, compose(lib, composer, 1810), 1810)
    assert "2019年4月30日" in text and "星期二" in text
    assert "农历己亥年三月廿六" in text
    assert "第31期（总第1810期）" in text
    assert "1809" not in text and "4月25日" not in text and "星期四" not in text


@pytest.mark.parametrize(
    ("day", "yearly", "cumulative", "expected"),
    [
        # 腊八 of 己亥 fell on 2 January 2020: the lunar year turns at 春节, not on 1 January.
        (
            date(2020, 1, 2),
            1,
            1884,
            ["2020年1月2日", "星期四", "农历己亥年腊月初八", "第1期（总第1884期）"],
        ),
        (date(2020, 1, 25), 7, 1890, ["2020年1月25日", "星期六", "农历庚子年正月初一"]),
        (date(2020, 5, 26), 42, 1925, ["星期二", "农历庚子年闰四月初四", "（总第1925期）"]),
    ],
)
def test_changing_the_issue_date_and_numbers_updates_the_masthead(
    lib: Library,
    composer: IssueComposer,
    day: date,
    yearly: int,
    cumulative: int,
    expected: list[str],
) -> None:
    issue = lib.issue_by_number(1809)
    lib.update_issue(replace(issue, date=day, yearly_number=yearly, cumulative_number=cumulative))
    text = masthead_text(lib, compose(lib, composer, cumulative), cumulative)
    for field in expected:
        assert field in text, field
    assert "三月廿一" not in text and "1809" not in text


# -- templates per page -------------------------------------------------------------------


def running_head_runs(page: ComposedPage) -> list[GlyphRun]:
    return [r for r in page.glyph_runs() if r.owner == f"running-head-{page.number}"]


def test_page_one_has_the_masthead_and_no_running_head(
    lib: Library, composer: IssueComposer
) -> None:
    pages = compose(lib, composer)
    assert any(f.kind == "masthead" for f in pages[0].frames)
    assert running_head_runs(pages[0]) == []
    assert all(not any(f.kind == "masthead" for f in p.frames) for p in pages[1:])


def test_inside_pages_carry_running_heads_with_the_outer_edge_page_number(
    lib: Library, composer: IssueComposer
) -> None:
    pages = compose(lib, composer)
    doc = IssueDoc.load(lib, 1809)
    right_edge = GRID.type_left + GRID.type_width
    for page, model in zip(pages[1:], doc.pages[1:], strict=True):
        n = page.number
        runs = running_head_runs(page)
        text = "".join(r.text for r in runs)
        for field in (f"第{n}版", model.section, "石景山报", "2019年4月25日", "星期四"):
            assert field in text, (n, field)
        for credit in ("责任编辑：示例编辑", "美术编辑：示例美编", "校对：示例校对"):
            assert credit in text, (n, credit)
        head = [r for r in runs if r.y < GRID.type_top]
        foot = [r for r in runs if r.y > GRID.type_bottom]
        assert head and foot and "责任编辑" in "".join(r.text for r in foot)
        number = next(r for r in head if f"第{n}版" in r.text)
        paper = next(r for r in head if "石景山报" in r.text)
        if n % 2 == 0:  # even pages: left-hand, page number on the left edge
            assert number.xs[0] == pytest.approx(GRID.type_left, abs=0.5)
            assert paper.xs[-1] > number.xs[-1]
        else:  # odd pages: right-hand, page number on the right edge
            assert number.xs[-1] + number.size == pytest.approx(right_edge, abs=1.0)
            assert paper.xs[0] == pytest.approx(GRID.type_left, abs=0.5)
            assert paper.xs[0] < number.xs[0]


def test_running_heads_follow_the_page_data(lib: Library, composer: IssueComposer) -> None:
    issue = lib.issue_by_number(1809)
    page4 = lib.pages(issue.id)[3]  # type: ignore[arg-type]
    page4.section = "社区"
    page4.credits.editor = "李编辑"
    lib.update_page(page4)
    text = "".join(r.text for r in running_head_runs(compose(lib, composer)[3]))
    assert "第4版" in text and "社区" in text and "城市管理" not in text
    assert "责任编辑：李编辑" in text


# -- QR slots -------------------------------------------------------------------------------


def test_the_sample_qr_slot_is_vector_error_m_and_big_enough(
    lib: Library, composer: IssueComposer
) -> None:
    page = compose(lib, composer)[0]
    (qr,) = qr_items(page)
    assert qr.payload == "http://www.sjs.gov.cn" and qr.error == "M"
    assert to_mm(module_size(qr)) >= MIN_MODULE_MM
    assert not any(isinstance(i, ImageItem) and i.owner == qr.owner for i in page.items)
    assert "北京石景山公众号" in owned_text(page, qr.owner)
    # It decodes to its payload and nothing covers it.
    assert check_qr_codes([page], frame_names(lib)) == []


def test_a_wide_qr_slot_sets_its_caption_beside_a_larger_code(
    lib: Library, composer: IssueComposer
) -> None:
    """Two columns by six lines: under the code, its caption would leave the code 70 pt and
    white either side of it; beside, the code takes the slot's height and the caption ends an
    em before it, level with the top of its dark modules."""
    frame = frame_named(lib, "qr-wechat")
    page = compose(lib, composer)[0]
    (qr,) = qr_items(page)
    cap = HAO["小五"]
    assert qr_arrangement(frame.w, frame.h, cap, 8) == (frame.h, True)
    assert qr.size == pytest.approx(frame.h)
    assert qr.size > qr_arrangement(frame.w, frame.h, cap, 0)[0]  # caption under the code
    assert qr.x + qr.size == pytest.approx(frame.x + frame.w) and qr.y == pytest.approx(frame.y)
    runs = [r for r in page.glyph_runs() if r.owner == qr.owner]
    assert "".join(r.text for r in runs) == "北京石景山公众号"
    assert max(runs[-1].xs) + cap <= qr.x + 0.01  # the caption ends before the code
    cap_top = runs[0].y - cap * 0.88
    assert cap_top == pytest.approx(qr.y + qr.size * QUIET_SHARE)
    # a slot narrower than code and caption side by side keeps the caption under the code
    assert qr_arrangement(100, 130, cap, 8) == (100, False)


def test_preflight_refuses_modules_under_half_a_millimetre(
    lib: Library, composer: IssueComposer
) -> None:
    frame = frame_named(lib, "qr-wechat")
    # Version 2 at level M: 25 modules and a 4-module quiet zone each side.
    need = mm(MIN_MODULE_MM) * (25 + 8)
    caption_room = HAO["小五"] * 1.6
    for side, refused in ((need * 1.01, False), (need * 0.97, True)):
        frame = lib.update_frame(replace(frame, w=side, h=side + caption_room))
        page = compose(lib, composer)[0]
        (qr,) = qr_items(page)
        assert qr.size == pytest.approx(side)
        found = check_qr_codes([page], frame_names(lib), decode=False)
        codes = [(f.code, f.frame_name) for f in found]
        assert (("qr_module_size", "qr-wechat") in codes) is refused, codes


# -- title art ------------------------------------------------------------------------------


def title_art_png(w: int = 900, h: int = 240) -> bytes:
    im = Image.new("RGB", (w, h), "white")
    ImageDraw.Draw(im).rectangle((20, 20, w - 20, h - 20), fill=(220, 0, 0))
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def test_masthead_title_art_replaces_the_set_name(
    lib: Library, composer: IssueComposer, tmp_path: Path
) -> None:
    masthead = frame_named(lib, "masthead")
    set_title_art(lib, masthead.id, title_art_png())  # type: ignore[arg-type]
    page = compose(lib, composer)[0]
    owner = owner_id(masthead)
    (art,) = [i for i in page.items if isinstance(i, ImageItem) and i.owner == owner]
    assert art.asset == frame_named(lib, "masthead").props[TITLE_ASSET]
    assert art.w / art.h == pytest.approx(900 / 240)  # proportions kept
    assert art.x == pytest.approx(masthead.x)
    assert art.y >= masthead.y and art.y + art.h <= masthead.y + masthead.h
    assert art.w <= masthead.w * 0.6 + 1e-6  # the info block keeps its room
    text = owned_text(page, owner)
    assert "石景山报" not in text  # the art is the name now
    assert "农历己亥年三月廿一" in text and "第30期（总第1809期）" in text
    # The art reaches the PDF: the middle of its box prints red.
    pdf = tmp_path / "p1.pdf"
    export_pdf([page], pdf, image_loader=lambda a: lib.asset(a).data)
    scale = 36 / 72
    middle = render_pdf_page(pdf, 0, 36).crop(
        tuple(
            round(v * scale)
            for v in (
                art.x + art.w * 0.3,
                art.y + art.h * 0.3,
                art.x + art.w * 0.7,
                art.y + art.h * 0.7,
            )
        )
    )
    r, g, b = (ImageStat.Stat(middle).mean[i] for i in range(3))
    assert r > 180 and g < 80 and b < 80
    # The next issue keeps its title art (the masthead is standing furniture).
    create_next_issue(lib, 1809)
    assert TITLE_ASSET in frame_named(lib, "masthead", 1810).props


def test_title_art_is_checked(lib: Library) -> None:
    masthead = frame_named(lib, "masthead")
    with pytest.raises(UserError, match="不是可识别的图片"):
        set_title_art(lib, masthead.id, b"%PDF-1.4 not yet")  # type: ignore[arg-type]
    with pytest.raises(UserError, match="报头框"):
        set_title_art(lib, frame_named(lib, "banner").id, title_art_png())  # type: ignore[arg-type]
    assert frame_named(lib, "masthead") == masthead
