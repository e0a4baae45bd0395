"""Pictures: takes image bytes, gives a checked Asset (or a UserError), effective ppi and print notes."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, replace

from PIL import Image, ImageChops, ImageStat, UnidentifiedImageError

from app.errors import UserError
from app.intake.limits import MAX_PIXELS
from app.model import Asset
from layouts.picture import upright

# What the print shop takes (NEWSPAPER.md): photos at 170–200 ppi at placed size, line art 600+.
PHOTO_MIN_PPI = 170.0
LINE_ART_MIN_PPI = 600.0
MAX_INK_PERCENT = 240.0  # newsprint total area coverage, upper end of 220–240 %

_MIME = {"JPEG": "image/jpeg", "MPO": "image/jpeg", "PNG": "image/png", "TIFF": "image/tiff"}
_GREY = {"1", "L", "LA", "I", "I;16", "I;16B", "I;16L", "F"}
_SAMPLE = 256  # side of the thumbnail that colour and ink are judged on
_COLOUR_SPREAD = 12  # max channel difference (of 255) still counted as grey: JPEG noise


@dataclass(frozen=True)
class Picture:
    """An image that decoded whole, with what the desk needs to know before placing it."""

    asset: Asset
    format: str  # JPEG, PNG, TIFF
    mode: str  # Pillow's mode: RGB, CMYK, L, 1 …
    colour: bool  # False for grey or black-and-white content, whatever the mode
    dpi: float | None = None  # as the file states it, if it does
    orientation: int = 1  # EXIF orientation; 1 = upright
    max_ink: float | None = None  # highest C+M+Y+K in percent, CMYK files only
    caption: str = ""

    @property
    def line_art(self) -> bool:
        return self.mode == "1"

    def with_caption(self, caption: str) -> Picture:
        return replace(self, caption=caption)


def _refuse(name: str, zh: str, en: str) -> UserError:
    return UserError(f"{zh}：{name} / {en}: {name}")


def _open(data: bytes, name: str) -> Image.Image:
    try:
        with warnings.catch_warnings():
            # Pillow warns past 89 MP and raises past 179 MP; we refuse before either.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _bomb(name) from None
    except UnidentifiedImageError:
        raise _refuse(name, "不是可识别的图片", "not an image Banmian can read") from None
    except (OSError, ValueError, SyntaxError, EOFError) as e:
        raise _refuse(name, "图片已损坏", f"damaged image ({_one_line(e)})") from None


def _bomb(name: str) -> UserError:
    return _refuse(
        name,
        f"图片像素过多（超过{MAX_PIXELS // 1_000_000}百万像素），可能是解压炸弹",
        f"image too large (over {MAX_PIXELS // 1_000_000} megapixels), possibly a decompression bomb",
    )


def _one_line(e: BaseException) -> str:
    return " ".join(str(e).split())[:120] or type(e).__name__


def _decode(im: Image.Image, name: str) -> Image.Image:
    """Decode every byte of the first frame (a truncated file fails here), small where possible."""
    w, h = im.size
    if w < 1 or h < 1 or w * h > MAX_PIXELS:
        raise _bomb(name)
    try:
        if im.format in ("JPEG", "MPO"):
            # JPEG decodes at 1/8 scale in its DCT: the whole stream is still read, so truncation
            # shows, in 1/64 of the memory.
            im.draft(None, (max(1, w // 8), max(1, h // 8)))
        im.load()
    except Image.DecompressionBombError:
        raise _bomb(name) from None
    except (OSError, ValueError, SyntaxError, EOFError, MemoryError) as e:
        raise _refuse(
            name, "图片已损坏或不完整", f"damaged or truncated image ({_one_line(e)})"
        ) from None
    return im


def _is_colour(sample: Image.Image) -> bool:
    if sample.mode in _GREY:
        return False
    r, g, b = sample.convert("RGB").split()
    spread = max(
        ImageStat.Stat(ImageChops.difference(x, y)).extrema[0][1] for x, y in ((r, g), (g, b))
    )
    return spread > _COLOUR_SPREAD


def _max_ink(sample: Image.Image) -> float | None:
    if sample.mode != "CMYK":
        return None
    data = sample.tobytes()  # C, M, Y, K bytes per pixel
    total = max(sum(data[i : i + 4]) for i in range(0, len(data), 4))
    return round(total * 100 / 255, 1)


def load_picture(data: bytes, name: str) -> Picture:
    """Check and describe a JPEG, PNG or TIFF (CMYK JPEG too); raise UserError for anything else.

    Refused: bytes that are no image, truncated or corrupt files, decompression bombs (more than
    MAX_PIXELS pixels), and formats the PDF path does not take (GIF, BMP, WebP …).
    """
    im = _open(data, name)
    with im:
        fmt = im.format or ""
        if fmt not in _MIME:
            raise _refuse(
                name,
                f"不支持的图片格式（{fmt or '未知'}），请转为JPEG、PNG或TIFF",
                f"unsupported image format ({fmt or 'unknown'}): use JPEG, PNG or TIFF",
            )
        width, height = im.size  # before draft() shrinks it
        dpi = im.info.get("dpi")
        try:
            orientation = int(im.getexif().get(0x0112, 1))
        except Exception:  # a broken EXIF block is no reason to refuse the photo
            orientation = 1
        width, height = upright(width, height, orientation)  # as it prints: turned upright
        decoded = _decode(im, name)
        mode = decoded.mode
        sample = decoded.copy()
    sample.thumbnail((_SAMPLE, _SAMPLE))
    return Picture(
        asset=Asset(data=data, mime=_MIME[fmt], width=width, height=height),
        format="JPEG" if fmt == "MPO" else fmt,
        mode=mode,
        colour=_is_colour(sample),
        dpi=float(dpi[0]) if dpi and dpi[0] else None,
        orientation=orientation,
        max_ink=_max_ink(sample),
    )


def effective_ppi(width_px: int, height_px: int, placed_w_pt: float, placed_h_pt: float) -> float:
    """Pixels per inch the picture has at its placed size: the lower of the two axes."""
    if placed_w_pt <= 0 or placed_h_pt <= 0:
        raise ValueError("a placed picture needs a positive size")
    return min(width_px * 72.0 / placed_w_pt, height_px * 72.0 / placed_h_pt)


def placement_notes(
    picture: Picture, placed_w_pt: float, placed_h_pt: float, *, black_only: bool
) -> list[str]:
    """What the print rules say about this picture at this size on this page (empty: all good)."""
    notes = []
    ppi = effective_ppi(picture.asset.width, picture.asset.height, placed_w_pt, placed_h_pt)
    need = LINE_ART_MIN_PPI if picture.line_art else PHOTO_MIN_PPI
    if ppi < need:
        notes.append(
            f"分辨率不足：{ppi:.0f} ppi，至少需要{need:.0f} ppi / resolution too low: "
            f"{ppi:.0f} ppi at placed size, {need:.0f} needed"
        )
    if black_only and picture.colour:
        notes.append(
            "彩色图片在黑白版上，将只印黑版 / colour picture on a black-only page: "
            "it will print on the K plate only"
        )
    if picture.max_ink is not None and picture.max_ink > MAX_INK_PERCENT:
        notes.append(
            f"总墨量{picture.max_ink:.0f}%超过{MAX_INK_PERCENT:.0f}% / total ink "
            f"{picture.max_ink:.0f}% over the newsprint limit of {MAX_INK_PERCENT:.0f}%"
        )
    if picture.orientation != 1:
        notes.append(
            "照片已按EXIF旋转标记转正，请确认方向 / the photo is turned upright as its EXIF "
            "rotation says: check it is the right way up"
        )
    return notes
