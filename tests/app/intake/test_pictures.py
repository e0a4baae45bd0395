"""Pictures: formats the print path takes, colour and ink, effective ppi, and files that must be refused."""

from __future__ import annotations

import io
import random
import struct
import warnings
import zlib

import pytest
from PIL import Image

from app.errors import UserError
from app.intake.limits import MAX_PIXELS
from app.intake.pictures import effective_ppi, load_picture, placement_notes
from app.model import Asset


def encode(im: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    im.save(buffer, fmt, **options)
    return buffer.getvalue()


def noise(size: tuple[int, int], mode: str = "RGB") -> Image.Image:
    """Deterministic noise, which no codec can shrink: truncating the file cuts pixels."""
    channels = len(Image.new(mode, (1, 1)).getbands())
    data = random.Random(8).randbytes(size[0] * size[1] * channels)
    return Image.frombytes(mode, size, data)


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(width: int, height: int, *, rows: bool = True) -> bytes:
    """A 1-bit PNG whose pixels are all zero: megabytes of pixels from kilobytes of file."""
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    packer = zlib.compressobj(9)
    idat = b""
    if rows:
        row = b"\x00" * (1 + (width + 7) // 8)
        block = row * 500
        for _ in range(height // 500):
            idat += packer.compress(block)
    idat += packer.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", idat)
        + png_chunk(b"IEND", b"")
    )


# -- what goes in -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "mode", "mime", "options"),
    [
        ("JPEG", "RGB", "image/jpeg", {"quality": 90}),
        ("JPEG", "CMYK", "image/jpeg", {}),
        ("JPEG", "L", "image/jpeg", {}),
        ("PNG", "RGB", "image/png", {}),
        ("PNG", "1", "image/png", {}),
        ("TIFF", "RGB", "image/tiff", {"compression": "tiff_lzw"}),
        ("TIFF", "CMYK", "image/tiff", {}),
    ],
)
def test_print_formats_are_taken(fmt: str, mode: str, mime: str, options: dict) -> None:
    data = encode(noise((120, 80), mode if mode != "1" else "L").convert(mode), fmt, **options)
    picture = load_picture(data, f"x.{fmt.lower()}")
    assert (picture.format, picture.mode, picture.asset.mime) == (fmt, mode, mime)
    assert (picture.asset.width, picture.asset.height) == (120, 80)
    assert picture.asset.data == data and picture.asset.id == Asset(data, mime).id
    assert picture.line_art == (mode == "1")


def test_stated_resolution_is_read() -> None:
    for fmt in ("JPEG", "PNG", "TIFF"):
        data = encode(Image.new("RGB", (60, 40), "white"), fmt, dpi=(300, 300))
        assert load_picture(data, "x").dpi == pytest.approx(300, abs=0.01)
    assert load_picture(encode(Image.new("RGB", (60, 40)), "PNG"), "x").dpi is None


@pytest.mark.parametrize(
    ("mode", "colour", "expected"),
    [
        ("RGB", (180, 40, 40), True),
        ("RGB", (128, 128, 128), False),  # a grey photo saved as RGB is not colour
        ("CMYK", (0, 0, 0, 200), False),  # K only
        ("CMYK", (200, 0, 0, 0), True),
        ("L", 90, False),
    ],
)
def test_colour_is_judged_by_content(mode: str, colour: object, expected: bool) -> None:
    data = encode(Image.new(mode, (64, 64), colour), "JPEG", quality=95)  # type: ignore[arg-type]
    assert load_picture(data, "x.jpg").colour is expected


def test_total_ink_of_cmyk_pictures() -> None:
    heavy = load_picture(encode(Image.new("CMYK", (32, 32), (255, 255, 255, 255)), "TIFF"), "x")
    assert heavy.max_ink == pytest.approx(400, abs=0.5)
    light = load_picture(encode(Image.new("CMYK", (32, 32), (51, 51, 51, 51)), "TIFF"), "x")
    assert light.max_ink == pytest.approx(80, abs=0.5)
    assert load_picture(encode(Image.new("RGB", (32, 32)), "PNG"), "x").max_ink is None


def test_effective_ppi_at_placed_size() -> None:
    # 2000 px over 254 mm (720 pt = 10 in) is 200 ppi; the short axis decides.
    assert effective_ppi(2000, 1500, 720, 540) == pytest.approx(200)
    assert effective_ppi(2000, 1000, 720, 540) == pytest.approx(1000 / 7.5)
    with pytest.raises(ValueError):
        effective_ppi(10, 10, 0, 10)


def test_placement_notes_follow_the_print_rules() -> None:
    photo = load_picture(encode(Image.new("RGB", (2000, 1500), (200, 30, 30)), "JPEG"), "x")
    assert placement_notes(photo, 720, 540, black_only=False) == []  # 200 ppi, colour page
    (low,) = placement_notes(photo, 1440, 1080, black_only=False)  # 100 ppi
    assert "100 ppi" in low and "170" in low
    (grey,) = placement_notes(photo, 720, 540, black_only=True)
    assert "K plate" in grey
    art = load_picture(encode(Image.new("1", (2000, 1500), 1), "PNG"), "x")
    (need,) = placement_notes(art, 720, 540, black_only=True)  # line art needs 600
    assert "600" in need
    heavy = load_picture(encode(Image.new("CMYK", (64, 64), (200, 200, 200, 200)), "TIFF"), "x")
    assert any("total ink" in n for n in placement_notes(heavy, 10, 10, black_only=False))


def test_exif_rotation_is_reported() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6
    rotated = load_picture(encode(Image.new("RGB", (400, 300)), "JPEG", exif=exif), "x")
    assert rotated.orientation == 6
    assert any("EXIF" in n for n in placement_notes(rotated, 10, 10, black_only=False))


# -- what is refused ----------------------------------------------------------------------


def refused(data: bytes, match: str) -> UserError:
    with pytest.raises(UserError, match=match) as caught:
        load_picture(data, "坏图.jpg")
    message = str(caught.value)
    assert "\n" not in message and " / " in message and "坏图.jpg" in message
    return caught.value


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "TIFF"])
def test_truncated_pictures_are_refused(fmt: str) -> None:
    data = encode(noise((200, 150)), fmt)
    refused(data[: len(data) * 2 // 3], "图片已损坏")


def test_bytes_that_are_no_picture_are_refused() -> None:
    refused(b"\xff\xd8\xff\xe0 this is not a JPEG at all", "damaged|not an image")
    refused(b"hello world", "不是可识别的图片.* / not an image")


def test_formats_outside_the_print_path_are_refused() -> None:
    refused(encode(Image.new("RGB", (10, 10)), "GIF"), "不支持的图片格式（GIF）")
    refused(encode(Image.new("RGB", (10, 10)), "BMP"), "unsupported image format")


def test_decompression_bomb_is_refused_before_decoding() -> None:
    data = png_bomb(20_000, 20_000)  # 400 megapixels in a file of some kilobytes
    assert len(data) < 200_000
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # not even Pillow's DecompressionBombWarning gets out
        refused(data, "解压炸弹.* / .*decompression bomb")
        # Between our limit and Pillow's warning: still ours, and still no warning.
        side = int((MAX_PIXELS * 1.05) ** 0.5)
        refused(png_bomb(side, side, rows=False), "解压炸弹")
        # Past Pillow's own warning threshold (89 MP), below its error (179 MP).
        refused(png_bomb(10_000, 10_000, rows=False), "解压炸弹")
