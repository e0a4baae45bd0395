"""The PDF renderer: takes composed pages (the display list), writes one CMYK PDF with ReportLab."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from PIL import Image
from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from app.export.fonts import blank_font_name, load_font
from app.export.geometry import PageGeometry
from app.export.images import draw_image, to_cmyk
from app.export.paint import Paint, overprints
from app.export.shapes import draw_box, draw_qr, draw_rule
from app.export.text import glyph_run_ops
from layouts.display import Box, ComposedPage, GlyphRun, ImageItem, QRItem, Rule

ImageLoader = Callable[[str], bytes]


def export_pdf(
    pages: Sequence[ComposedPage],
    out_path: str,
    *,
    title: str = "",
    author: str = "",
    image_loader: ImageLoader | None = None,
) -> None:
    """Draw exactly the display list of `pages` into one PDF at `out_path`.

    Every font is embedded and subset, colour is DeviceCMYK only, 100 % K type and rules
    overprint, and the bytes depend only on the input (ReportLab invariant mode).
    """
    if not pages:
        raise ValueError("nothing to export: no pages")
    with _invariant():
        canvas = Canvas(
            out_path,
            pagesize=PageGeometry.for_page(pages[0]).media_size,
            invariant=1,
            enforceColorSpace="cmyk",
            # never the default Helvetica, which would be referenced but not embedded
            initialFontName=blank_font_name(),
            pageCompression=1,
            lang="zh-CN",
        )
        canvas.setTitle(title)
        canvas.setAuthor(author)
        canvas.setCreator("Banmian")
        images = _ImageCache(image_loader)
        for page in pages:
            _draw_page(canvas, page, PageGeometry.for_page(page), images)
        canvas.save()


def _draw_page(canvas: Canvas, page: ComposedPage, g: PageGeometry, images: _ImageCache) -> None:
    """One dispatch over the item kinds, in display-list order (later items paint on top)."""
    canvas.setPageSize(g.media_size)
    canvas.setTrimBox(g.trim_box)
    canvas.setBleedBox(g.bleed_box if g.bleed > 0 else None)  # boxes carry over to later pages
    paint = Paint(canvas)
    for item in page.items:
        match item:
            case GlyphRun():
                ops = glyph_run_ops(item, load_font(page.font(item.font)), canvas._doc, g)
                if ops:
                    paint.fill(item.color, overprint=overprints(item.color))
                    canvas.addLiteral(ops)
            case Rule():
                draw_rule(canvas, paint, g, item)
            case Box():
                draw_box(canvas, paint, g, item)
            case QRItem():
                draw_qr(canvas, paint, g, item)
            case ImageItem():
                draw_image(canvas, g, item, images.get(item.asset, black_only=page.black_only))
            case _:
                raise TypeError(f"the PDF renderer cannot draw {type(item).__name__}")
    canvas.showPage()


class _ImageCache:
    """Asset bytes → CMYK image, decoded once per export even if placed on several pages."""

    def __init__(self, loader: ImageLoader | None) -> None:
        self._loader = loader
        self._images: dict[tuple[str, bool], Image.Image] = {}

    def get(self, asset: str, *, black_only: bool) -> Image.Image:
        key = (asset, black_only)
        image = self._images.get(key)
        if image is None:
            if self._loader is None:
                raise ValueError(f"image {asset!r} on the page but no image_loader given")
            image = to_cmyk(self._loader(asset), black_only=black_only)
            self._images[key] = image
        return image


@contextmanager
def _invariant() -> Iterator[None]:
    """ReportLab invariant mode for the export only (fixed dates and ids, no comments)."""
    saved = rl_config.invariant
    rl_config.invariant = 1
    try:
        yield
    finally:
        rl_config.invariant = saved
