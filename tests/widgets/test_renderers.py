"""Both renderers, the Qt painter and the PDF renderer, draw every display item kind, refuse one they do not know, and paint the one QR geometry."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

import pypdfium2 as pdfium
import pytest
from PIL import Image
from PySide6.QtGui import QColor, QImage

from app.export import export_pdf
from layouts.color import CMYK
from layouts.display import (
    Box,
    ComposedPage,
    FontSource,
    GlyphRun,
    ImageItem,
    Item,
    QRItem,
    Rule,
)
from layouts.qr import QRModules
from widgets.painter import PagePainter, item_bounds, render_page

ROOT = Path(__file__).resolve().parents[2]
FONT = FontSource("song", str(ROOT / "tests" / "fonts" / "BanmianTestSerifSC-Regular.ttf"))
W, H = 200.0, 160.0

# One item of every kind the display list has: a new kind fails the first test until both
# renderers (and this list) know it.
EVERY_KIND: dict[type, Item] = {
    GlyphRun: GlyphRun("frame-1", "song", 24.0, 60.0, "版面", (40.0, 64.0)),
    Rule: Rule("frame-2", 20.0, 100.0, 180.0, 100.0, 2.0),
    Box: Box("frame-3", 30.0, 110.0, 60.0, 30.0, fill=CMYK(0, 0, 0, 1)),
    ImageItem: ImageItem("frame-4", "swatch", 120.0, 20.0, 50.0, 40.0),
    QRItem: QRItem("frame-5", "http://www.sjs.gov.cn", 100.0, 70.0, 80.0),
}


@dataclass(frozen=True, slots=True)
class Ellipse:
    """A display item kind neither renderer knows."""

    owner: str
    x: float
    y: float
    w: float
    h: float


def page_of(*items: object) -> ComposedPage:
    return ComposedPage(1, W, H, items=tuple(items), fonts=(FONT,))  # type: ignore[arg-type]


def png_swatch() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (10, 10), (0, 0, 0)).save(buf, "PNG")
    return buf.getvalue()


def qt_ink(page: ComposedPage, painter: PagePainter | None = None) -> tuple | None:
    swatch = QImage(10, 10, QImage.Format.Format_RGB32)
    swatch.fill(QColor(0, 0, 0))
    painter = painter or PagePainter(images=lambda asset: swatch)
    image = render_page(page, 2.0, painter=painter)
    assert painter.problems == []
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    pil = Image.frombuffer(
        "RGB", (rgb.width(), rgb.height()), bytes(rgb.constBits()), "raw", "RGB",
        rgb.bytesPerLine(), 1,
    )  # fmt: skip
    return pil.convert("L").point(lambda v: 255 if v < 160 else 0).getbbox()


def pdf_ink(page: ComposedPage) -> tuple | None:
    buf = io.BytesIO()
    export_pdf([page], buf, image_loader=lambda asset: png_swatch())
    doc = pdfium.PdfDocument(buf.getvalue())
    try:
        image = doc[0].render(scale=2.0, fill_color=(255, 255, 255, 255)).to_pil()
    finally:
        doc.close()
    return image.convert("L").point(lambda v: 255 if v < 160 else 0).getbbox()


def test_the_list_above_holds_every_kind_the_display_list_has() -> None:
    assert set(EVERY_KIND) == set(get_args(Item))


@pytest.mark.parametrize("kind", list(EVERY_KIND), ids=lambda k: k.__name__)
def test_both_renderers_draw_every_kind_where_it_is(qapp, kind: type) -> None:
    item = EVERY_KIND[kind]
    box = item_bounds(item)
    on_screen, in_print = qt_ink(page_of(item)), pdf_ink(page_of(item))
    assert on_screen is not None and in_print is not None, kind.__name__
    for found in (on_screen, in_print):
        left, top, right, bottom = (v / 2.0 for v in found)
        assert box.left() - 1 <= left and right <= box.right() + 1, (kind.__name__, found)
        assert box.top() - 1 <= top and bottom <= box.bottom() + 1, (kind.__name__, found)


def test_both_renderers_refuse_a_kind_they_do_not_know(qapp) -> None:
    page = page_of(EVERY_KIND[Rule], Ellipse("frame-9", 10.0, 10.0, 50.0, 30.0))
    with pytest.raises(TypeError, match="Qt painter cannot draw Ellipse"):
        render_page(page, 1.0)
    with pytest.raises(TypeError, match="PDF renderer cannot draw Ellipse"):
        export_pdf([page], io.BytesIO())
    with pytest.raises(TypeError, match="Ellipse"):
        item_bounds(Ellipse("frame-9", 10.0, 10.0, 50.0, 30.0))  # type: ignore[arg-type]


def test_both_renderers_paint_the_one_qr_geometry(qapp, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever layouts/qr.py says the symbol is, both paint exactly that: here one square."""
    import app.export.shapes
    import widgets.painter

    one = QRModules(21, 2.0, ((50.0, 40.0, 30.0, 20.0),))
    monkeypatch.setattr(widgets.painter, "item_modules", lambda item: one)
    monkeypatch.setattr(app.export.shapes, "item_modules", lambda item: one)
    page = page_of(QRItem("frame-5", "anything", 20.0, 20.0, 100.0))
    want = (100, 80, 160, 120)  # the rectangle at 2 px per point
    for found in (qt_ink(page, PagePainter()), pdf_ink(page)):
        assert found is not None and all(abs(a - b) <= 1 for a, b in zip(found, want, strict=True))
