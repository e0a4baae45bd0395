"""The PDF renderer: takes composed pages (the display list) and a preset, writes one CMYK PDF with ReportLab."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import BinaryIO

from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from app.export.embed import embeddable
from app.export.fonts import blank_font_name, load_font
from app.export.geometry import PageGeometry
from app.export.images import ImageCache, ImageLoader, draw_image
from app.export.marks import draw_marks
from app.export.paint import Paint, overprints
from app.export.presets import SCREEN, ExportPreset
from app.export.reportlab_compat import document, export_settings
from app.export.shapes import draw_box, draw_qr, draw_rule
from app.export.text import glyph_run_ops
from layouts.display import Box, ComposedPage, FontSource, GlyphRun, ImageItem, QRItem, Rule

SlugText = Callable[[ComposedPage], str]
PageDrawn = Callable[[int, int], object]  # (pages drawn, pages in all), after each page
Target = str | os.PathLike[str] | BinaryIO


def default_slug(page: ComposedPage) -> str:
    """Page and colour for the slug line when the caller knows nothing about the issue."""
    return f"第{page.number}版  {'黑白 K' if page.black_only else '彩色 CMYK'}"


def export_pdf(
    pages: Sequence[ComposedPage],
    out: Target,
    *,
    title: str = "",
    author: str = "",
    image_loader: ImageLoader | None = None,
    preset: ExportPreset = SCREEN,
    slug_text: SlugText = default_slug,
    compress: bool = True,
    on_page: PageDrawn | None = None,
) -> None:
    """Draw exactly the display list of `pages` into one PDF at `out` (a path or binary file).

    Every font is embedded and subset, colour is DeviceCMYK only, 100 % K type and rules
    overprint, and the bytes depend only on the input (ReportLab invariant mode). Each page
    gets MediaBox, TrimBox and BleedBox from `preset`; the page is clipped to its bleed box,
    and with marks on, crop marks and the slug line (`slug_text(page)`) go outside it.

    `compress=False` leaves the streams uncompressed, for a caller that rewrites the file
    and compresses every stream itself (make_pdfx): compressing here would be undone there.

    `on_page(drawn, total)` is called after each page is drawn; an exception it raises (a
    cancel) stops the export, and nothing is written to a path `out`.
    """
    if not pages:
        raise ValueError("nothing to export: no pages")
    pages = embeddable(pages)  # CFF faces → TrueType (callers that converted already: a no-op)
    target = os.fspath(out) if isinstance(out, str | os.PathLike) else out
    with export_settings():
        canvas = Canvas(
            target,
            pagesize=_geometry(pages[0], preset).media_size,
            invariant=1,
            enforceColorSpace="cmyk",
            # never the default Helvetica, which would be referenced but not embedded
            initialFontName=blank_font_name(),
            pageCompression=1 if compress else 0,
            lang="zh-CN",
        )
        canvas.setTitle(title)
        canvas.setAuthor(author)
        canvas.setCreator("Banmian")
        images = ImageCache(image_loader)
        fonts: dict[FontSource, TTFont] = {}  # load_font stats the file: once per export
        for drawn, page in enumerate(pages, start=1):
            g = _geometry(page, preset)
            _draw_page(canvas, page, g, images, fonts)
            if preset.marks:
                draw_marks(canvas, page, g, slug_text(page))
            canvas.showPage()
            if on_page is not None:
                on_page(drawn, len(pages))
        canvas.save()


def _geometry(page: ComposedPage, preset: ExportPreset) -> PageGeometry:
    return PageGeometry.for_page(page, bleed=preset.bleed, slug=preset.slug)


def _draw_page(
    canvas: Canvas,
    page: ComposedPage,
    g: PageGeometry,
    images: ImageCache,
    fonts: dict[FontSource, TTFont],
) -> None:
    """One dispatch over the item kinds, in display-list order (later items paint on top).

    Drawn inside a clip to the bleed box: artwork may run into the bleed but never into the
    slug, where the marks are.
    """
    canvas.setPageSize(g.media_size)
    canvas.setTrimBox(g.trim_box)
    canvas.setBleedBox(g.bleed_box)  # always written: boxes would carry over to later pages
    canvas.saveState()
    clip = canvas.beginPath()
    x0, y0, x1, y1 = g.bleed_box
    clip.rect(x0, y0, x1 - x0, y1 - y0)
    canvas.clipPath(clip, stroke=0, fill=0)
    paint = Paint(canvas)
    doc = document(canvas)
    for item in page.items:
        match item:
            case GlyphRun():
                source = page.font(item.font)
                font = fonts.get(source)
                if font is None:
                    font = fonts[source] = load_font(source)
                ops = glyph_run_ops(item, font, doc, g)
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
                draw_image(canvas, g, item, images.get(item, black_only=page.black_only))
            case _:
                raise TypeError(f"the PDF renderer cannot draw {type(item).__name__}")
    canvas.restoreState()
