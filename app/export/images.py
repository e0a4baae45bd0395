"""Images to PDF: takes an ImageItem and its asset bytes, gives a CMYK raster drawn in the item's box."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from app.export.geometry import PageGeometry
from layouts.display import ImageItem

if TYPE_CHECKING:  # Pillow is imported when a page has an image, not for every export
    from PIL import Image

_GREY_MODES = {"1", "L", "LA", "I", "I;16", "I;16B", "I;16L", "F"}


def to_cmyk(data: bytes, *, black_only: bool = False) -> Image.Image:
    """Decode image bytes into a CMYK image for newsprint.

    Transparency is flattened onto white paper. Grey images (and every image on a black-only
    page, which must separate to K alone) become pure K. Colour goes RGB → CMY → full grey
    component replacement (K = min(C, M, Y), taken out of C, M and Y): neutral tones print on
    the black plate only and total ink stays ≤ 200 %, inside the 220–240 % newsprint limit.
    A basic conversion without ICC profiles; colour management comes with PDF/X output.
    """
    from PIL import Image, ImageChops

    with Image.open(io.BytesIO(data)) as src:
        src.load()
        im = _flatten(src)
    if im.mode == "CMYK" and not black_only:
        return im
    if black_only or im.mode in _GREY_MODES:
        grey = im.convert("L")
        zero = Image.new("L", grey.size, 0)
        return Image.merge("CMYK", (zero, zero, zero, ImageChops.invert(grey)))
    c, m, y, _ = im.convert("RGB").convert("CMYK").split()
    k = ImageChops.darker(ImageChops.darker(c, m), y)
    return Image.merge(
        "CMYK",
        (ImageChops.subtract(c, k), ImageChops.subtract(m, k), ImageChops.subtract(y, k), k),
    )


def _flatten(im: Image.Image) -> Image.Image:
    """`im` without alpha, composited onto white."""
    from PIL import Image

    if im.mode == "P":
        im = im.convert("RGBA")
    if im.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = im.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(paper, rgba).convert("RGB")
    if im.mode not in ("CMYK", "RGB") and im.mode not in _GREY_MODES:
        return im.convert("RGB")
    return im


def draw_image(canvas: Canvas, g: PageGeometry, item: ImageItem, cmyk: Image.Image) -> None:
    """Scale `cmyk` into the item's box (the composer has already fitted and cropped it)."""
    canvas.drawImage(ImageReader(cmyk), g.x(item.x), g.y(item.y + item.h), item.w, item.h)
