"""Images to PDF: takes an ImageItem and its asset bytes, gives a CMYK raster of the part the item shows (upright by its EXIF orientation, cropped as layouts/picture.shown says) at no more than 300 ppi at placed size, drawn in the item's box."""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from app.export.geometry import PageGeometry
from layouts.display import ImageItem
from layouts.picture import Crop, shown, upright

if TYPE_CHECKING:  # Pillow is imported when a page has an image, not for every export
    from PIL import Image

_GREY_MODES = {"1", "L", "LA", "I", "I;16", "I;16B", "I;16L", "F"}

# What goes into the PDF; the library keeps the original. Newsprint screens photos at 85–100
# lpi and needs about 200 ppi: 300 leaves room for a later enlargement on the plate. Bilevel
# line art is not screened, so its edges need more (NEWSPAPER.md: 600+); 1200 is the usual cap.
PHOTO_MAX_PPI = 300.0
LINE_ART_MAX_PPI = 1200.0
JPEG_QUALITY = 92

ImageLoader = Callable[[str], bytes]


def placed_pixels(w_pt: float, h_pt: float, ppi: float) -> tuple[int, int]:
    """The most pixels a picture placed w × h points needs at `ppi` (at least one each way)."""
    return max(1, math.floor(w_pt / 72 * ppi + 1e-6)), max(1, math.floor(h_pt / 72 * ppi + 1e-6))


def pdf_raster(
    data: bytes, *, black_only: bool, placed: tuple[float, float], crop: Crop | None = None
) -> Image.Image | bytes:
    """What the PDF gets for a picture placed w × h points: CMYK pixels at no more than
    PHOTO_MAX_PPI (see to_cmyk), as a CMYK JPEG if the original was one, else as pixels that
    ReportLab compresses losslessly (Flate).

    A photo delivered as JPEG is re-encoded at high quality with every plate at full
    resolution (no chroma subsampling): what Acrobat's press presets do, a quarter of the
    Flate size and a fraction of its time. Drawings and screenshots (PNG, TIFF) stay lossless.
    """
    im, fmt = _decode(data, black_only, placed, crop)
    if fmt not in ("JPEG", "MPO"):
        return im
    out = io.BytesIO()
    im.save(out, "JPEG", quality=JPEG_QUALITY, subsampling=0)
    return out.getvalue()


def to_cmyk(
    data: bytes,
    *,
    black_only: bool = False,
    placed: tuple[float, float] | None = None,
    crop: Crop | None = None,
) -> Image.Image:
    """Decode image bytes into a CMYK image for newsprint.

    With `placed` (the width and height it is drawn at, in points), the image is brought down
    to at most PHOTO_MAX_PPI (LINE_ART_MAX_PPI for bilevel art) each way, never up: a JPEG is
    decoded at 1/2, 1/4 or 1/8 scale straight from its DCT data (Pillow's draft mode) when
    that still leaves enough pixels, and what remains is resampled with Lanczos; flattening
    and colour conversion come after, on the small image (so, besides the decode, only
    bilevel and palette images are copied at full size, to be filtered rather than decimated).

    Transparency is flattened onto white paper. Grey images (and every image on a black-only
    page, which must separate to K alone) become pure K. Colour goes RGB → CMY → full grey
    component replacement (K = min(C, M, Y), taken out of C, M and Y): neutral tones print on
    the black plate only and total ink stays ≤ 200 %, inside the 220–240 % newsprint limit.
    A basic conversion without ICC profiles; colour management comes with PDF/X output.

    The picture is turned upright by its EXIF orientation; with `placed`, only the part the
    box shows (layouts/picture.shown of `crop`, None: the middle, filling the box) is kept.
    """
    return _decode(data, black_only, placed, crop)[0]


def _decode(
    data: bytes, black_only: bool, placed: tuple[float, float] | None, crop: Crop | None = None
) -> tuple[Image.Image, str]:
    """The CMYK image (see to_cmyk) and the format the bytes were in."""
    from PIL import Image, ImageChops

    with Image.open(io.BytesIO(data)) as src:
        fmt = src.format or ""
        orientation = _orientation(src)
        target = part = None
        if placed is not None:
            ppi = LINE_ART_MAX_PPI if src.mode == "1" else PHOTO_MAX_PPI
            up_w, up_h = upright(src.width, src.height, orientation)
            part = shown(up_w, up_h, *placed, crop)
            w, h = placed_pixels(*placed, ppi)
            # the whole picture at the size that gives the shown part `target` pixels
            frac_w, frac_h = part[2] - part[0], part[3] - part[1]
            target = (min(w, math.ceil(up_w * frac_w)), min(h, math.ceil(up_h * frac_h)))
            whole = upright(
                math.ceil(target[0] / frac_w), math.ceil(target[1] / frac_h), orientation
            )
            if whole[0] < src.width and whole[1] < src.height:
                src.draft(src.mode, whole)  # JPEG only; a no-op for other formats
        src.load()
        im = _upright(src, orientation)
        if part is not None and target is not None:
            box = (
                round(part[0] * im.width),
                round(part[1] * im.height),
                max(round(part[2] * im.width), round(part[0] * im.width) + 1),
                max(round(part[3] * im.height), round(part[1] * im.height) + 1),
            )
            if box != (0, 0, im.width, im.height):
                im = im.crop(box)
            im = _downsample(im, target)
        im = _flatten(im)
    if im.mode == "CMYK" and not black_only:
        return im, fmt
    if black_only or im.mode in _GREY_MODES:
        grey = im.convert("L")
        zero = Image.new("L", grey.size, 0)
        return Image.merge("CMYK", (zero, zero, zero, ImageChops.invert(grey))), fmt
    c, m, y, _ = im.convert("RGB").convert("CMYK").split()
    k = ImageChops.darker(ImageChops.darker(c, m), y)
    planes = (ImageChops.subtract(c, k), ImageChops.subtract(m, k), ImageChops.subtract(y, k), k)
    return Image.merge("CMYK", planes), fmt


def _orientation(im: Image.Image) -> int:
    try:
        return int(im.getexif().get(0x0112, 1))
    except Exception:  # a broken EXIF block: drawn as it is stored
        return 1


def _upright(im: Image.Image, orientation: int) -> Image.Image:
    """The picture turned as its EXIF orientation says (what cameras and phones record)."""
    from PIL import Image

    turns = {
        2: (Image.Transpose.FLIP_LEFT_RIGHT,),
        3: (Image.Transpose.ROTATE_180,),
        4: (Image.Transpose.FLIP_TOP_BOTTOM,),
        5: (Image.Transpose.TRANSPOSE,),
        6: (Image.Transpose.ROTATE_270,),
        7: (Image.Transpose.TRANSVERSE,),
        8: (Image.Transpose.ROTATE_90,),
    }.get(orientation, ())
    for turn in turns:
        im = im.transpose(turn)
    return im


def _downsample(im: Image.Image, target: tuple[int, int]) -> Image.Image:
    """`im` resampled to `target` if larger (draft mode may have done part of it already)."""
    from PIL import Image

    size = (min(target[0], im.width), min(target[1], im.height))
    if size == im.size:
        return im
    if im.mode == "1":
        im = im.convert("L")  # Pillow resizes bilevel and palette images by nearest pixel:
    elif im.mode in ("P", "PA"):  # thin lines would drop out
        im = im.convert("RGBA")
    # reduce() by whole factors first (box filter, cheap), Lanczos for the last step
    return im.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def _flatten(im: Image.Image) -> Image.Image:
    """`im` without alpha, composited onto white, 16-bit grey brought to 8 bits."""
    from PIL import Image

    # Pillow's I;16 → L conversion clips at 255 instead of scaling: a 16-bit scan came out
    # white. Mode I may hold 16-bit samples too (older Pillow opens such PNGs so).
    if im.mode.startswith("I;16") or (im.mode == "I" and im.getextrema()[1] > 255):
        return im.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    if im.mode == "P":
        im = im.convert("RGBA")
    if im.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = im.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(paper, rgba).convert("RGB")
    if im.mode not in ("CMYK", "RGB") and im.mode not in _GREY_MODES:
        return im.convert("RGB")
    return im


class ImageCache:
    """Rasters for one export (see pdf_raster), decoded and downsampled once per asset, placed
    size and colour (black-only pages), however many pages show them."""

    def __init__(self, loader: ImageLoader | None) -> None:
        self._loader = loader
        self._images: dict[tuple[object, ...], Image.Image | bytes] = {}

    def get(self, item: ImageItem, *, black_only: bool) -> Image.Image | bytes:
        key = (item.asset, black_only, item.w, item.h, item.crop)
        image = self._images.get(key)
        if image is None:
            if self._loader is None:
                raise ValueError(f"image {item.asset!r} on the page but no image_loader given")
            data = self._loader(item.asset)
            image = pdf_raster(data, black_only=black_only, placed=(item.w, item.h), crop=item.crop)
            self._images[key] = image
        return image


def draw_image(
    canvas: Canvas, g: PageGeometry, item: ImageItem, raster: Image.Image | bytes
) -> None:
    """Scale `raster` (CMYK pixels, or CMYK JPEG data, embedded as it is) into the item's box
    (pdf_raster has already cut out the part the box shows, at the box's shape)."""
    source = ImageReader(io.BytesIO(raster) if isinstance(raster, bytes) else raster)
    canvas.drawImage(source, g.x(item.x), g.y(item.y + item.h), item.w, item.h)
