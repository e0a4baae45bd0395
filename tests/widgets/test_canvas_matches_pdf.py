"""Screen and print agree: the canvas's rendering of page 2 matches the exported PDF's page 2 rendered by pypdfium2."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator
from pathlib import Path

import pypdfium2
import pytest
from PIL import Image, ImageChops
from PySide6.QtCore import QRectF, QSettings
from PySide6.QtGui import QColor, QImage, QPainter

from app.edit.editor import IssueEditor
from app.model.document import IssueDoc
from app.sample.issue import build_sample
from app.services import font_registry, make_composer
from app.store import Library
from layouts.display import ComposedPage, GlyphRun
from widgets.editor_window import EditorWindow

SCALE = 2.0  # pixels per point (144 dpi): a 1 pt shift is 2 pixels
# Pixels differing by more than a quarter of the grey range count as different. Each pixel is
# compared with the best of its 3 × 3 neighbours in the other image: the two rasterisers may
# place an antialiased edge a pixel apart, a 1 pt shift moves it by two.
LEVEL = 64
# Both grow with the ink on the page. Measured on the sample's filled page 2 (5.5 % ink): the
# same page 0.009 different and a mean of 13.5; its text 1 pt off 0.012 (down) to 0.034
# different, a mean of 13.7–22 (when the page was half empty: 0.0045 and 8.3 the same page).
MAX_DIFFERENT = 0.0105
MAX_MEAN = 15.0


def grey(image: QImage) -> Image.Image:
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    return Image.frombuffer(
        "RGB",
        (rgb.width(), rgb.height()),
        bytes(rgb.constBits()),
        "raw",
        "RGB",
        rgb.bytesPerLine(),
        1,
    ).convert("L")


def canvas_image(window: EditorWindow, page: ComposedPage | None = None) -> Image.Image:
    """The page as the canvas's scene paints it (PageItem and PagePainter), overlays off."""
    item = window.canvas.page_item()
    assert item is not None
    shown, overlays = item.page, (item.show_frames, item.guides)
    item.page = page or shown
    item.show_frames, item.guides = False, None
    w, h = item.page.width, item.page.height
    image = QImage(math.ceil(w * SCALE), math.ceil(h * SCALE), QImage.Format.Format_RGB32)
    image.fill(QColor(255, 255, 255))
    qp = QPainter(image)
    try:
        window.canvas.scene().render(qp, QRectF(0, 0, w * SCALE, h * SCALE), QRectF(0, 0, w, h))
    finally:
        qp.end()
        item.page = shown
        item.show_frames, item.guides = overlays
    return grey(image)


def compare(a: Image.Image, b: Image.Image) -> tuple[float, float]:
    """(mean absolute difference, fraction of pixels differing from all 3 × 3 neighbours)."""
    assert a.size == b.size
    plain = ImageChops.difference(a, b).histogram()
    best = None
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            d = ImageChops.difference(a, ImageChops.offset(b, dx, dy))
            best = d if best is None else ImageChops.darker(best, d)
    near = best.histogram()  # type: ignore[union-attr]
    n = sum(plain)
    return sum(i * c for i, c in enumerate(plain)) / n, sum(near[LEVEL + 1 :]) / n


def matches(a: Image.Image, b: Image.Image) -> bool:
    mean, different = compare(a, b)
    return mean <= MAX_MEAN and different <= MAX_DIFFERENT


def shifted(page: ComposedPage, dx: float, dy: float) -> ComposedPage:
    items = tuple(
        dataclasses.replace(i, xs=tuple(x + dx for x in i.xs), y=i.y + dy)
        if isinstance(i, GlyphRun)
        else i
        for i in page.items
    )
    return dataclasses.replace(page, items=items)


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[EditorWindow]:
    lib = Library.create(tmp_path / "lib.banmian")
    build_sample(lib)
    doc = IssueDoc.load(lib, 1809)
    editor = IssueEditor(lib, doc, make_composer(font_registry()))
    win = EditorWindow(editor, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    yield win
    lib.close()


def test_canvas_page_matches_the_exported_pdf(window: EditorWindow, tmp_path: Path) -> None:
    window.pages.setCurrentRow(1)
    page = window.canvas.page()
    assert page is not None and page.number == 2 and len(page.glyph_runs()) > 100
    out = tmp_path / "issue.pdf"
    window.editor.export(out)
    pdf = pypdfium2.PdfDocument(out)
    printed = pdf[1].render(scale=SCALE, fill_color=(255, 255, 255, 255)).to_pil().convert("L")
    screen = canvas_image(window)
    mean, different = compare(screen, printed)
    assert mean <= MAX_MEAN and different <= MAX_DIFFERENT, (mean, different)
    # The thresholds are strict enough: the same page with its text 1 pt off fails them.
    for dx, dy in ((1.0, 0.0), (0.0, 1.0), (-1.0, 0.0), (0.0, -1.0)):
        assert not matches(canvas_image(window, shifted(page, dx, dy)), printed), (dx, dy)
    # And the page is not blank on either side (ink where the text is).
    assert screen.getextrema()[0] < 50 and printed.getextrema()[0] < 50
