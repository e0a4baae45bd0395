"""Qt painter tests: a hand-built ComposedPage painted to a QImage lands ink where the list says."""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp
from fontTools.ttLib import TTFont
from PIL import Image, ImageChops
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from layouts.color import BLACK, CMYK, RED
from layouts.display import Box, ComposedPage, FontSource, GlyphRun, ImageItem, QRItem, Rule
from layouts.fonts.metrics import Face
from widgets.painter import (
    OUTLINE_PX,
    FontCache,
    FontLoadError,
    PagePainter,
    cmyk_to_qcolor,
    render_page,
    sfnt_face_bytes,
)

TEST_FONTS = Path(__file__).resolve().parents[1] / "fonts"
SONG = str(TEST_FONTS / "BanmianTestSerifSC-Regular.ttf")
HEI = str(TEST_FONTS / "BanmianTestSerifSC-CFF.otf")  # CFF outlines: Qt paints them as they are
UMING = "/usr/share/fonts/truetype/arphic/uming.ttc"  # a collection (face 1 is the TW face)
FONTS = (FontSource("song", SONG, 0), FontSource("hei", HEI, 0))
FACES = {"song": Face("song", SONG, 0), "hei": Face("hei", HEI, 0)}
needs_uming = pytest.mark.skipif(not Path(UMING).exists(), reason="needs fonts-arphic-uming")
TOL = 2  # pixels of slack for antialiased edges


def to_pil(image: QImage) -> Image.Image:
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    data = bytes(rgb.constBits())
    return Image.frombuffer(
        "RGB", (rgb.width(), rgb.height()), data, "raw", "RGB", rgb.bytesPerLine(), 1
    )


def ink_box(image: QImage | Image.Image, box: tuple[int, int, int, int] | None = None):
    """Bounding box (l, t, r, b) of dark pixels, optionally inside `box`; None if blank."""
    pil = to_pil(image) if isinstance(image, QImage) else image
    if box is not None:
        pil = pil.crop(box)
    dark = pil.convert("L").point(lambda v: 255 if v < 160 else 0)
    found = dark.getbbox()
    if found is None or box is None:
        return found
    return (found[0] + box[0], found[1] + box[1], found[2] + box[0], found[3] + box[1])


def expected_run_box(run: GlyphRun, scale: float) -> tuple[float, float, float, float]:
    """Ink extent of a run in pixels, from fontTools outlines (independent of Qt)."""
    face = FACES[run.font]
    boxes = [
        (x + b[0] * run.size, run.y - b[3] * run.size, x + b[2] * run.size, run.y - b[1] * run.size)
        for ch, x in zip(run.text, run.xs, strict=True)
        if (b := face.ink(ch)) is not None
    ]
    return (
        min(b[0] for b in boxes) * scale,
        min(b[1] for b in boxes) * scale,
        max(b[2] for b in boxes) * scale,
        max(b[3] for b in boxes) * scale,
    )


def assert_box_close(found, expected, tol: float = TOL) -> None:
    assert found is not None, "nothing was drawn"
    for got, want in zip(found, expected, strict=True):
        assert abs(got - want) <= tol, (found, expected)


def page_of(*items, width: float = 200.0, height: float = 120.0) -> ComposedPage:
    return ComposedPage(1, width, height, items=tuple(items), fonts=FONTS)


@pytest.mark.parametrize(
    ("font", "size", "scale"),
    [
        ("song", 12.0, 2.0),  # glyph-cache route
        ("hei", 18.0, 3.0),  # glyph-cache route
        ("song", 24.0, 4.0),  # 96 px glyphs: the outline route
        ("hei", 60.0, 1.5),  # a headline size: the outline route
    ],
)
def test_glyph_ink_matches_run_extent(qapp, font: str, size: float, scale: float) -> None:
    run = GlyphRun(
        "f", font, size, 80.0, "版面新闻", (10.0, 10 + size, 10 + 2 * size, 10 + 3 * size)
    )
    page = page_of(run, width=20 + 4 * size, height=100.0)
    image = render_page(page, scale)
    assert_box_close(ink_box(image), expected_run_box(run, scale))


def test_both_glyph_routes_cover_the_same_ink(qapp) -> None:
    """A size just under and just over OUTLINE_PX draws (almost) the same pixel coverage."""
    below = OUTLINE_PX * 0.98
    above = OUTLINE_PX * 1.02
    areas = []
    for px in (below, above):
        # TrueType: FreeType draws CFF a little softer through Qt's glyph cache than as a path
        run = GlyphRun("f", "song", px, px, "国", (0.0,))
        image = to_pil(render_page(page_of(run, width=px * 1.2, height=px * 1.3), 1.0))
        dark = sum(image.convert("L").histogram()[:128])
        areas.append(dark / (px * px))
    assert areas[0] > 0.05
    assert abs(areas[0] - areas[1]) / areas[0] < 0.1, areas


@pytest.mark.parametrize("scale", [2.0, 3.0])
def test_a_cff_face_is_as_heavy_as_its_truetype_twin_when_zoomed(qapp, scale: float) -> None:
    """The same outlines, CFF and converted to TrueType, ink the canvas alike at 200 % and
    300 %: glyphs are rasterised at the zoomed size, not hinted small and then scaled."""
    inks = []
    for key in ("song", "hei"):  # TrueType test font, its CFF twin
        text = "个字为的一"
        run = GlyphRun("f", key, 9.0, 12.0, text, tuple(2 + 9.0 * i for i in range(len(text))))
        image = to_pil(render_page(page_of(run, width=60.0, height=16.0), scale)).convert("L")
        inks.append(sum(255 - v for v in image.tobytes()))
    assert inks[1] == pytest.approx(inks[0], rel=0.1), inks


def test_moving_one_x_moves_only_that_glyph(qapp) -> None:
    scale = 2.0
    before = GlyphRun("f", "song", 20.0, 40.0, "中文", (10.0, 40.0))
    after = GlyphRun("f", "song", 20.0, 40.0, "中文", (10.0, 70.0))
    a = render_page(page_of(before), scale)
    b = render_page(page_of(after), scale)
    first = (0, 0, int(35 * scale), a.height())
    assert ink_box(a, first) == ink_box(b, first)  # the first glyph stays put
    rest = (int(35 * scale), 0, a.width(), a.height())
    moved_from, moved_to = ink_box(a, rest), ink_box(b, rest)
    assert moved_from is not None and moved_to is not None
    assert moved_to[0] - moved_from[0] == pytest.approx(30 * scale, abs=1)
    assert moved_to[2] - moved_from[2] == pytest.approx(30 * scale, abs=1)
    assert moved_to[1] == moved_from[1]


def test_glyph_colour_is_the_runs_cmyk(qapp) -> None:
    run = GlyphRun("f", "hei", 40.0, 60.0, "国", (20.0,), color=RED)
    image = to_pil(render_page(page_of(run), 2.0))
    data = image.tobytes()
    pixels = [tuple(data[i : i + 3]) for i in range(0, len(data), 3)]
    inked = [p for p in pixels if p != (255, 255, 255)]
    darkest = min(inked, key=lambda p: p[1])
    assert darkest[0] > 240 and darkest[1] < 20 and darkest[2] < 20


def test_cmyk_to_rgb_formula() -> None:
    assert cmyk_to_qcolor(BLACK).getRgb()[:3] == (0, 0, 0)
    assert cmyk_to_qcolor(RED).getRgb()[:3] == (255, 0, 0)
    assert cmyk_to_qcolor(CMYK(1, 0, 0, 0)).getRgb()[:3] == (0, 255, 255)
    grey = cmyk_to_qcolor(CMYK(0, 0, 0, 0.5)).getRgb()[:3]
    assert all(abs(v - 127.5) <= 1 for v in grey)


@needs_uming
def test_face_index_of_a_collection_is_honoured(qapp) -> None:
    names = []
    for index in (0, 1):
        expected = TTFont(UMING, fontNumber=index, lazy=True)["name"].getDebugName(1)
        loaded = FontCache().raw_font(FontSource("s", UMING, index), 12.0)
        names.append(loaded.familyName())
        assert loaded.familyName() == expected
    assert names[0] != names[1]
    run = GlyphRun("f", "tw", 20.0, 40.0, "中文", (10.0, 30.0))
    page = ComposedPage(1, 80, 60, items=(run,), fonts=(FontSource("tw", UMING, 1),))
    painter = PagePainter()
    assert ink_box(render_page(page, 2.0, painter=painter)) is not None
    assert painter.problems == []


def test_face_bytes_reject_missing_faces() -> None:
    with pytest.raises(FontLoadError):
        sfnt_face_bytes(SONG, 1)  # a single-face file has no face 1


@needs_uming
def test_face_bytes_reject_missing_faces_of_a_collection() -> None:
    with pytest.raises(FontLoadError):
        sfnt_face_bytes(UMING, 99)


def test_missing_glyph_is_reported_not_drawn(qapp) -> None:
    rare = "\U00020000"  # CJK Ext. B: not in the test font, and a surrogate pair in Qt
    assert not FACES["song"].has(rare)
    run = GlyphRun("f", "song", 20.0, 40.0, f"中{rare}文", (10.0, 40.0, 70.0))
    painter = PagePainter()
    image = render_page(page_of(run), 2.0, painter=painter)
    assert ink_box(image, (int(36 * 2), 0, int(66 * 2), image.height())) is None  # no tofu
    drawn = GlyphRun("f", "song", 20.0, 40.0, "中文", (10.0, 70.0))
    assert_box_close(ink_box(image), expected_run_box(drawn, 2.0))
    assert any("lacks 1" in p for p in painter.problems)


def test_unknown_font_key_is_reported(qapp) -> None:
    painter = PagePainter()
    image = render_page(
        page_of(GlyphRun("f", "nope", 20.0, 40.0, "中", (10.0,))), 2.0, painter=painter
    )
    assert ink_box(image) is None
    assert painter.problems and "nope" in painter.problems[0]


def test_rule_lands_at_its_coordinates(qapp) -> None:
    scale = 3.0
    rule = Rule("f", 20.0, 50.0, 180.0, 50.0, width=2.0)
    found = ink_box(render_page(page_of(rule), scale))
    assert_box_close(found, (20 * scale, 49 * scale, 180 * scale, 51 * scale), tol=1)


def test_box_stroke_lands_at_its_coordinates(qapp) -> None:
    scale = 2.0
    box = Box("f", 30.0, 20.0, 100.0, 60.0, stroke=BLACK, stroke_width=2.0)
    image = render_page(page_of(box), scale)
    # the stroke is centred on the edge: 1 pt outside to 1 pt inside
    assert_box_close(ink_box(image), (29 * scale, 19 * scale, 131 * scale, 81 * scale), tol=1)
    inner = (int(32 * scale) + 1, int(22 * scale) + 1, int(128 * scale) - 1, int(78 * scale) - 1)
    assert ink_box(image, inner) is None  # hollow
    left_edge = (int(29 * scale), int(40 * scale), int(31 * scale), int(60 * scale))
    assert ink_box(image, left_edge) is not None


def test_box_fill_uses_its_colour(qapp) -> None:
    fill = CMYK(0.0, 0.2, 0.6, 0.0)
    box = Box("f", 30.0, 20.0, 100.0, 60.0, stroke=None, fill=fill)
    image = render_page(page_of(box), 2.0)
    assert QColor(image.pixel(160, 100)).getRgb()[:3] == cmyk_to_qcolor(fill).getRgb()[:3]
    assert QColor(image.pixel(40, 20)).getRgb()[:3] == (255, 255, 255)


def test_qr_decodes_and_sits_in_its_box(qapp) -> None:
    payload = "https://example.com/石景山报/2019-04-25"
    scale = 3.0
    qr = QRItem("q", payload, 60.0, 20.0, 80.0)
    image = to_pil(render_page(page_of(qr), scale))
    results = zxingcpp.read_barcodes(image)
    assert [r.text for r in results] == [payload]
    found = ink_box(image)
    module = 80.0 / (PagePainter().qr_modules(qr).modules + 8)  # 4-module quiet zone each side
    inner = (60 + 4 * module, 20 + 4 * module, 140 - 4 * module, 100 - 4 * module)
    assert_box_close(found, tuple(v * scale for v in inner), tol=1)


def test_qr_symbol_matches_the_pdf_renderer() -> None:
    """Screen and print must draw the same symbol (segno would otherwise boost the level):
    the painter's modules are the ones the PDF renderer draws (app/export/qrcache.py)."""
    from app.export.qrcache import item_modules

    for error in ("L", "M", "Q", "H"):
        item = QRItem("q", "版面 Banmian", 0.0, 0.0, 40.0, error=error)
        assert PagePainter().qr_modules(item) == item_modules(item)


def test_image_from_loader_fills_its_box(qapp) -> None:
    swatch = QImage(10, 10, QImage.Format.Format_RGB32)
    swatch.fill(QColor(0, 90, 200))
    asked: list[str] = []

    def load(asset: str) -> QImage | None:
        asked.append(asset)
        return swatch if asset == "abc123" else None

    item = ImageItem("p", "abc123", 40.0, 30.0, 50.0, 40.0)
    image = render_page(page_of(item), 2.0, painter=PagePainter(images=load))
    assert asked == ["abc123"]
    assert QColor(image.pixel(130, 100)).getRgb()[:3] == (0, 90, 200)
    assert QColor(image.pixel(70, 50)).getRgb()[:3] == (255, 255, 255)  # outside the box


def test_missing_image_is_a_placeholder_and_a_problem(qapp) -> None:
    painter = PagePainter(images=lambda asset: None)
    item = ImageItem("p", "deadbeef", 40.0, 30.0, 50.0, 40.0)
    image = render_page(page_of(item), 2.0, painter=painter)
    assert painter.problems == ["image deadbeef unavailable"]
    assert QColor(image.pixel(100, 62)).getRgb()[:3] != (255, 255, 255)


def test_a_whole_page_inks_only_where_its_items_are(qapp) -> None:
    scale = 2.0
    head = GlyphRun("h", "hei", 24.0, 34.0, "石景山报", (10.0, 34.0, 58.0, 82.0))
    body = GlyphRun(
        "b", "song", 10.5, 60.0, "春风十里不如你", tuple(10 + 10.5 * i for i in range(7))
    )
    rule = Rule("r", 10.0, 42.0, 190.0, 42.0, width=1.0)
    box = Box("x", 120.0, 50.0, 30.0, 20.0)
    qr = QRItem("q", "版面", 150.0, 75.0, 40.0)
    page = page_of(head, body, rule, box, qr)
    image = to_pil(render_page(page, scale))
    expected = {
        "head": expected_run_box(head, scale),
        "body": expected_run_box(body, scale),
        "rule": (10 * scale, 41.5 * scale, 190 * scale, 42.5 * scale),
        "box": (119.75 * scale, 49.75 * scale, 150.25 * scale, 70.25 * scale),
    }
    for name, want in expected.items():
        window = tuple(int(v) + d for v, d in zip(want, (-3, -3, 4, 4), strict=True))
        assert_box_close(ink_box(image, window), want), name
    assert zxingcpp.read_barcodes(image)[0].text == "版面"
    # Blank out every expected area (and the QR) and nothing dark may remain.
    mask = Image.new("RGB", image.size, (255, 255, 255))
    rest = image.copy()
    for want in [*expected.values(), (150 * scale, 75 * scale, 190 * scale, 115 * scale)]:
        window = tuple(
            int(v) + d for v, d in zip(want, (-TOL, -TOL, TOL + 1, TOL + 1), strict=True)
        )
        rest.paste(mask.crop(window), window)
    assert ink_box(rest) is None
    assert ImageChops.difference(image, rest).getbbox() is not None


def test_exposed_rect_limits_what_is_painted(qapp) -> None:
    left = GlyphRun("f", "song", 20.0, 40.0, "版", (10.0,))
    right = GlyphRun("f", "song", 20.0, 40.0, "面", (150.0,))
    image = QImage(200, 120, QImage.Format.Format_RGB32)
    image.fill(QColor(255, 255, 255))
    qp = QPainter(image)
    PagePainter().paint(qp, page_of(left, right), QRectF(100.0, 0.0, 100.0, 120.0))
    qp.end()
    found = ink_box(image)
    assert found is not None and found[0] >= 140
