"""Proof view: the exported PDF's own pixels, page navigation and facing pages, marks made by clicking."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops, ImageStat
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage

from app.model.document import IssueDoc
from app.model.proof import Mark, Rect, article_text
from app.proof.rounds import add_mark, close_round, open_round
from app.proof.session import ProofSession, facing_spreads
from app.sample.issue import build_sample
from app.services import font_registry, make_composer
from app.store import Library
from layouts.display import ComposedPage, GlyphRun
from layouts.units import mm
from widgets.proof_view import ProofView

ROUND_PAGES = 4  # 第1版 alone, 第2|3版 facing, 第4版 alone


@pytest.fixture(scope="module")
def composed(tmp_path_factory: pytest.TempPathFactory) -> list[ComposedPage]:
    """The sample issue's pages (the same in every fresh sample library: ids are too)."""
    with Library.create(tmp_path_factory.mktemp("proof-view") / "sample.banmian") as lib:
        build_sample(lib)
        doc = IssueDoc.load(lib, 1809)
        return make_composer(font_registry()).compose(doc)


@pytest.fixture
def session(tmp_path: Path, composed: list[ComposedPage]) -> Iterator[ProofSession]:
    with Library.create(tmp_path / "sample.banmian") as lib:
        build_sample(lib)
        doc = IssueDoc.load(lib, 1809)
        rnd = open_round(lib, doc.issue.id, "一校", "王校对", composed[:ROUND_PAGES])  # type: ignore[arg-type]
        yield ProofSession.export(lib, rnd.id, doc, composed)  # type: ignore[arg-type]


@pytest.fixture
def view(qtbot, session: ProofSession) -> ProofView:
    v = ProofView(session)
    qtbot.addWidget(v)
    v.resize(1400, 1000)
    v.show()
    qtbot.waitExposed(v)
    return v


def to_pil(image: QImage) -> Image.Image:
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    data = bytes(rgb.constBits())[: rgb.bytesPerLine() * rgb.height()]
    return Image.frombytes(
        "RGB", (rgb.width(), rgb.height()), data, "raw", "RGB", rgb.bytesPerLine()
    )


def on_screen(view: ProofView, index: int) -> Image.Image:
    """The pixels the sheet shows for PDF page `index`."""
    r = view.page_rect(index)
    sheet = to_pil(view.sheet.grab().toImage())
    return sheet.crop((r.x(), r.y(), r.x() + r.width(), r.y() + r.height()))


def direct_render(pdf: bytes, index: int, scale: float) -> Image.Image:
    doc = pdfium.PdfDocument(pdf)
    try:
        return (
            doc[index].render(scale=scale, fill_color=(255, 255, 255, 255)).to_pil().convert("RGB")
        )
    finally:
        doc.close()


def mean_difference(a: Image.Image, b: Image.Image) -> float:
    assert a.size == b.size
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


def red_pixels(image: Image.Image) -> int:
    """Pixels of the 一校 red (the page's own red masthead is elsewhere)."""
    r, g, b = image.split()
    mask = ImageChops.multiply(
        ImageChops.multiply(
            r.point(lambda v: 255 if v > 180 else 0), g.point(lambda v: 255 if v < 90 else 0)
        ),
        b.point(lambda v: 255 if v < 90 else 0),
    )
    return mask.histogram()[255]


def body_run(page: ComposedPage, owner: str) -> GlyphRun:
    """A body line of the frame's story: the most common size, a run of several characters."""
    runs = [r for r in page.glyph_runs() if r.owner == owner and len(r.text) >= 6]
    size = min(r.size for r in runs)
    return next(r for r in runs if r.size == size and "（" not in r.text)


def lead_owner(session: ProofSession) -> str:
    frame = next(f for f in session.library.frames(session.pages[0].page_id) if f.name == "lead")
    return f"frame-{frame.id}"


def test_facing_spreads() -> None:
    assert facing_spreads(list(range(1, 9))) == [(0,), (1, 2), (3, 4), (5, 6), (7,)]
    assert facing_spreads([1, 2, 5]) == [(0,), (1,), (2,)]
    assert facing_spreads([3, 4, 5]) == [(0,), (1, 2)]


def test_the_view_shows_the_exported_pdf_itself(view: ProofView, session: ProofSession) -> None:
    assert [p.number for p in session.pages] == [1, 2, 3, 4]
    assert session.pdf.startswith(b"%PDF")
    for zoom in (0.5, 0.75):
        view.set_zoom(zoom)
        shown = on_screen(view, 0)
        expected = direct_render(session.pdf, 0, view.pixels_per_point())
        assert shown.size == expected.size
        assert mean_difference(shown, expected) < 0.5
        # Not two blank sheets: the page has ink (type and the red masthead).
        assert ImageStat.Stat(shown.convert("L")).extrema[0][0] < 60
    # Another page's render is not what page 1 shows: the comparison can tell pages apart.
    other = direct_render(session.pdf, 3, view.pixels_per_point())
    assert mean_difference(on_screen(view, 0), other.resize(shown.size)) > 3


def test_page_navigation(view: ProofView, session: ProofSession) -> None:
    assert view.shown() == (0,) and view.page_box.currentText() == "第1版 要闻"
    assert not view.act_previous.isEnabled() and view.act_next.isEnabled()
    seen = [view.shown()]
    for _ in range(5):  # one more than there are pages: the last step stays put
        view.next_page()
        seen.append(view.shown())
    assert seen == [(0,), (1,), (2,), (3,), (3,), (3,)]
    assert not view.act_next.isEnabled()
    assert view.page_box.currentText() == session.pages[3].label == "第4版 城市管理"
    view.previous_page()
    assert view.shown() == (2,)
    view.go_to(1)
    assert view.shown() == (1,)
    with pytest.raises(IndexError):
        view.go_to(4)
    shown = on_screen(view, 1)
    assert mean_difference(shown, direct_render(session.pdf, 1, view.pixels_per_point())) < 0.5


def test_two_pages_side_by_side(view: ProofView, session: ProofSession) -> None:
    view.set_two_up(True)
    assert view.shown() == (0,)  # 第1版 faces nothing
    view.next_page()
    assert view.shown() == (1, 2)  # 第2版 left, 第3版 right
    left, right = view.page_rect(1), view.page_rect(2)
    assert left.right() < right.left() and left.top() == right.top()
    scale = view.pixels_per_point()
    for index in (1, 2):
        shown = on_screen(view, index)
        assert mean_difference(shown, direct_render(session.pdf, index, scale)) < 0.5
    view.next_page()
    assert view.shown() == (3,)
    view.previous_page()
    assert view.shown() == (1, 2)
    view.go_to(2)  # a page of a spread brings the whole spread
    assert view.shown() == (1, 2)
    view.set_two_up(False)
    assert view.shown() == (1,)


def test_zoom_steps_and_fit(view: ProofView, session: ProofSession) -> None:
    view.set_zoom(0.5)
    small = view.page_rect(0).size()
    view.zoom_in()
    view.zoom_in()
    assert view.zoom == pytest.approx(0.75)
    view.set_zoom(1.0)
    big = view.page_rect(0).size()
    assert big.width() == pytest.approx(2 * small.width(), abs=2)
    view.fit_page()
    room = view.scroll.viewport().size()
    r = view.page_rect(0)
    assert r.width() <= room.width() and r.height() <= room.height()
    view.set_zoom(100)
    assert view.zoom == 4.0


def test_a_click_with_the_mark_tool_stores_a_mark_on_the_text(
    qtbot, view: ProofView, session: ProofSession
) -> None:
    page = session.pages[0].composed
    run = body_run(page, lead_owner(session))
    i = 3
    cx = (run.xs[i] + run.xs[i + 1]) / 2
    cy = run.y - run.size * 0.38  # the middle of the em box (0.88 above, 0.12 below the baseline)
    before = on_screen(view, 0)
    view.kind_box.setCurrentText("改正")
    view.proposed_edit.setText("新字")
    view.set_mark_tool(True)
    with qtbot.waitSignal(view.markAdded, timeout=2000) as signal:
        qtbot.mouseClick(view.sheet, Qt.MouseButton.LeftButton, pos=view.point_to_sheet(0, cx, cy))
    mark: Mark = signal.args[0]
    stored = session.library.marks(round_id=session.round_id)
    assert [m.id for m in stored] == [mark.id]
    m = stored[0]
    assert (m.kind, m.proposed, m.status, m.page_id) == ("改正", "新字", "open", mark.page_id)
    assert m.page_id == session.pages[0].page_id
    one_pixel = 1 / view.pixels_per_point()
    assert m.box.centre[0] == pytest.approx(cx, abs=one_pixel)
    assert m.box.centre[1] == pytest.approx(cy, abs=one_pixel)
    # Tied to the character under the click, in the lead story.
    lead = next(f for f in session.library.frames(m.page_id) if f.name == "lead")
    assert m.article_id == lead.article_id
    text = article_text(session.library.article(lead.article_id).paragraphs)  # type: ignore[arg-type]
    assert run.text[i] in text[m.start : m.end]  # type: ignore[misc]
    # Listed, and drawn over the page in the round's colour (一校: red).
    rows = [view.mark_list.topLevelItem(k) for k in range(view.mark_list.topLevelItemCount())]
    assert [(r.text(0), r.text(1), r.text(2), r.text(3), r.text(4)) for r in rows] == [
        ("1", "一校", "改正", "新字", "待改")
    ]
    after = on_screen(view, 0)

    px, py = round(cx * view.pixels_per_point()), round(cy * view.pixels_per_point())
    near = (px - 20, py - 40, px + 20, py + 20)  # the box and its label above it
    assert red_pixels(after.crop(near)) > red_pixels(before.crop(near)) + 10
    assert view.proposed_edit.text() == ""  # ready for the next mark


def test_dragging_marks_a_box(qtbot, view: ProofView, session: ProofSession) -> None:
    view.go_to(2)
    view.kind_box.setCurrentText("删除")
    view.set_mark_tool(True)
    a, b = view.point_to_sheet(2, 100.0, 200.0), view.point_to_sheet(2, 220.0, 260.0)
    qtbot.mousePress(view.sheet, Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseRelease(view.sheet, Qt.MouseButton.LeftButton, pos=b)
    (m,) = session.library.marks(round_id=session.round_id)
    assert m.kind == "删除" and m.page_id == session.pages[2].page_id
    tol = 1 / view.pixels_per_point()
    assert (m.box.x, m.box.y) == pytest.approx((100.0, 200.0), abs=tol)
    assert (m.box.w, m.box.h) == pytest.approx((120.0, 60.0), abs=2 * tol)


def test_without_the_mark_tool_a_click_selects_a_mark(
    qtbot, view: ProofView, session: ProofSession
) -> None:
    rnd = session.round
    mark = add_mark(
        session.library,
        Mark(rnd.id, session.pages[3].page_id, Rect(100, 300, 40, 20), "增补", proposed="的"),  # type: ignore[arg-type]
    )
    qtbot.mouseClick(view.sheet, Qt.MouseButton.LeftButton, pos=view.point_to_sheet(0, 120, 310))
    assert session.library.marks(round_id=rnd.id) == [mark]  # no new mark: the tool is off
    assert view.mark_list.topLevelItemCount() == 0  # made elsewhere: not read yet
    view.refresh_marks()
    assert view.mark_list.topLevelItemCount() == 1
    view.mark_list.setCurrentItem(None)
    view.select_mark(mark.id)  # e.g. from the list: its page comes up
    assert view.shown() == (3,) and view.selected_mark == mark.id
    assert view.mark_list.currentItem().text(2) == "增补"
    view.selected_mark = None
    qtbot.mouseClick(view.sheet, Qt.MouseButton.LeftButton, pos=view.point_to_sheet(3, 120, 310))
    assert view.selected_mark == mark.id


def test_a_closed_round_takes_no_marks(qtbot, view: ProofView, session: ProofSession) -> None:
    close_round(session.library, session.round_id)
    view.set_mark_tool(True)
    qtbot.mouseClick(view.sheet, Qt.MouseButton.LeftButton, pos=view.point_to_sheet(0, 200, 400))
    assert session.library.marks(round_id=session.round_id) == []
    assert "已结束" in view.last_error
    assert "已结束" in view.statusBar().currentMessage()


def test_the_view_refuses_a_pdf_that_is_not_the_rounds(qtbot, session: ProofSession) -> None:
    one_page = direct_pdf_with_pages(session.pdf, 1)
    wrong = ProofSession(
        session.library, session.round_id, [p.composed for p in session.pages], one_page
    )
    with pytest.raises(ValueError):
        ProofView(wrong)


def direct_pdf_with_pages(pdf: bytes, n: int) -> bytes:
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as src:
        del src.pages[n:]
        out = io.BytesIO()
        src.save(out)
        return out.getvalue()


def test_point_mapping_round_trips(view: ProofView) -> None:
    p = view.point_to_sheet(0, 100.0, 50.0)
    r = view.page_rect(0)
    scale = view.pixels_per_point()
    assert p == QPoint(r.x() + round(100 * scale), r.y() + round(50 * scale))


def test_a_print_proof_with_bleed_and_crop_marks_maps_marks_to_the_trim_box(
    qtbot, session: ProofSession, composed: list[ComposedPage]
) -> None:
    lib = session.library
    doc = IssueDoc.load(lib, 1809)
    printed = ProofSession.export(lib, session.round_id, doc, composed, preset="print")
    view = ProofView(printed)
    qtbot.addWidget(view)
    view.show()
    offset = mm(3) + mm(10)  # bleed and slug round the trim box (app/export/presets.py)
    geometry = view.page_geometry(0)
    assert (geometry.trim_x, geometry.trim_y) == pytest.approx((offset, offset), abs=0.01)
    assert geometry.width == pytest.approx(composed[0].width + 2 * offset, abs=0.01)
    scale = view.pixels_per_point()
    shown = on_screen(view, 0)
    assert mean_difference(shown, direct_render(printed.pdf, 0, scale)) < 0.5
    view.set_mark_tool(True)
    qtbot.mouseClick(view.sheet, Qt.MouseButton.LeftButton, pos=view.point_to_sheet(0, 150, 420))
    (mark,) = lib.marks(round_id=session.round_id)
    assert mark.box.centre == pytest.approx((150, 420), abs=1 / scale)
    # The same place in both proofs: the trim box's top-left sits `offset` in on the sheet.
    r = view.page_rect(0)
    corner = view.point_to_sheet(0, 0, 0)
    assert (corner.x() - r.x(), corner.y() - r.y()) == (round(offset * scale),) * 2


def yellow_share(image: Image.Image) -> float:
    """The share of pixels the changed-line highlighter turned yellow (white → 255, 232, 90)."""
    r, g, b = image.split()
    mask = ImageChops.multiply(
        ImageChops.multiply(
            r.point(lambda v: 255 if v > 200 else 0), g.point(lambda v: 255 if v > 180 else 0)
        ),
        b.point(lambda v: 255 if v < 150 else 0),
    )
    return mask.histogram()[255] / (image.width * image.height)


def line_pixels(view: ProofView, index: int, box: Rect) -> Image.Image:
    """The sheet's pixels over a line's box, one pixel in from its edges."""
    a = view.point_to_sheet(index, box.x, box.y)
    b = view.point_to_sheet(index, box.x2, box.y2)
    sheet = to_pil(view.sheet.grab().toImage())
    return sheet.crop((a.x() + 1, a.y() + 1, b.x() - 1, b.y() - 1))


def test_the_second_round_highlights_the_lines_changed_since_the_first(
    qtbot, tmp_path: Path, composed: list[ComposedPage]
) -> None:
    from app.proof.snapshot import page_lines

    inserted = "增补的一句话"
    with Library.create(tmp_path / "rounds.banmian") as lib:
        build_sample(lib)
        doc = IssueDoc.load(lib, 1809)
        first = open_round(lib, doc.issue.id, "一校", "王校对", composed[:1])  # type: ignore[arg-type]
        session = ProofSession.export(lib, first.id, doc, composed)  # type: ignore[arg-type]
        assert session.changed_lines() == {}  # a first round has nothing to compare with
        close_round(lib, first.id)  # type: ignore[arg-type]
        # The editors fix the lead between the rounds: its first paragraph re-flows.
        lead = next(f for f in lib.frames(session.pages[0].page_id) if f.name == "lead")
        article = lib.article(lead.article_id)  # type: ignore[arg-type]
        article.paragraphs[0] = inserted + article.paragraphs[0]
        lib.update_article(article)
        doc = IssueDoc.load(lib, 1809)
        now = make_composer(font_registry()).compose(doc)
        second = open_round(lib, doc.issue.id, "二校", "李校对", now[:1])  # type: ignore[arg-type]
        session = ProofSession.export(lib, second.id, doc, now)  # type: ignore[arg-type]
        view = ProofView(session)
        qtbot.addWidget(view)
        view.resize(1400, 1000)
        view.set_zoom(1.0)
        view.show()
        qtbot.waitExposed(view)

        boxes = session.changed_lines()[0]
        lines = page_lines(now[0])
        owner = f"frame-{lead.id}"
        by_box = {line.box: line for line in lines}
        changed = [by_box[b] for b in boxes]
        assert changed and all(line.frame == owner for line in changed)
        assert inserted[:4] in changed[0].text  # the edited line, then the ones it re-flowed
        untouched = next(
            line
            for line in lines
            if line.frame != owner and len(line.text) >= 8 and line.box not in boxes
        )
        assert yellow_share(line_pixels(view, 0, changed[0].box)) > 0.3
        assert yellow_share(line_pixels(view, 0, untouched.box)) < 0.01
        assert "改动" in view.statusBar().currentMessage()
        view.set_show_changes(False)  # 改动 off: the page as printed
        assert yellow_share(line_pixels(view, 0, changed[0].box)) < 0.01
        view.close()
