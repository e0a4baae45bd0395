"""Pictures at export: at most 300 ppi at placed size (line art 1200), CMYK, decoded once per size; the library keeps the original."""

from __future__ import annotations

import hashlib
import io
from collections import Counter
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageStat

from app.export import export_pdf
from app.export.images import LINE_ART_MAX_PPI, PHOTO_MAX_PPI
from app.model import Asset
from app.store import Library
from layouts.display import ComposedPage, ImageItem


def photo(size: tuple[int, int], fmt: str = "JPEG", mode: str = "RGB") -> bytes:
    """A photo-like picture: gradients in two channels, grain in the third."""
    w, h = size
    ramp = Image.linear_gradient("L").resize((w, h))
    rgb = Image.merge(
        "RGB", (ramp, ramp.transpose(Image.Transpose.ROTATE_180), Image.effect_noise((w, h), 40))
    )
    buf = io.BytesIO()
    rgb.convert(mode).save(buf, fmt, **({"quality": 85} if fmt == "JPEG" else {}))
    return buf.getvalue()


def solid(mode: str, size: tuple[int, int], colour: object, fmt: str = "PNG") -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, colour).save(buf, fmt)  # type: ignore[arg-type]
    return buf.getvalue()


def images_of(path: Path) -> list[tuple[tuple[int, int], str, str, Image.Image]]:
    """(pixel size, colour space, filter, decoded pixels) of each image XObject, once each."""
    out = []
    with pikepdf.open(path) as pdf:
        seen = set()
        for page in pdf.pages:
            for xobj in page.obj.Resources.get("/XObject", {}).values():
                if xobj.get("/Subtype") != "/Image" or xobj.objgen in seen:
                    continue
                seen.add(xobj.objgen)
                filters = xobj.Filter if isinstance(xobj.Filter, pikepdf.Array) else [xobj.Filter]
                out.append(
                    (
                        (int(xobj.Width), int(xobj.Height)),
                        str(xobj.ColorSpace),
                        str(filters[-1]),
                        pikepdf.PdfImage(xobj).as_pil_image(),
                    )
                )
    return out


def ppi(pixels: int, points: float) -> float:
    return pixels / (points / 72)


def test_a_large_photo_is_embedded_at_300_ppi_and_the_library_keeps_it(tmp_path: Path) -> None:
    original = photo((4000, 3200))
    lib = Library.create(tmp_path / "lib.banmian")
    try:
        asset_id = lib.put_asset(Asset(original, "image/jpeg", 4000, 3200))
        w, h = 144.0, 115.2  # 2 × 1.6 inches: 600 × 480 pixels at 300 ppi
        page = ComposedPage(1, 595, 842, (ImageItem("pic", asset_id, 50, 60, w, h),))
        out = tmp_path / "photo.pdf"
        export_pdf([page], out, image_loader=lambda a: lib.asset(a).data)
        ((size, space, filt, pixels),) = images_of(out)
        assert PHOTO_MAX_PPI - 1 <= ppi(size[0], w) <= PHOTO_MAX_PPI  # was 4000 px: 2000 ppi
        assert PHOTO_MAX_PPI - 1 <= ppi(size[1], h) <= PHOTO_MAX_PPI
        assert space == "/DeviceCMYK" and filt == "/DCTDecode"  # a photo stays a JPEG
        assert out.stat().st_size < 400_000
        # the same picture, only smaller: compare it with the original brought down in Pillow
        with Image.open(io.BytesIO(original)) as im:
            expected = im.convert("RGB").convert("CMYK").resize(size)
        c, m, y, k = (ImageStat.Stat(p).mean[0] for p in pixels.split())
        c0, m0, y0, _ = ImageStat.Stat(expected).mean
        # grey component replacement moves the common part of C, M, Y into K
        assert abs((c + k) - c0) < 6 and abs((m + k) - m0) < 6 and abs((y + k) - y0) < 6
        # the library still holds the original, byte for byte, at full size
        kept = lib.asset(asset_id)
        assert kept.data == original and hashlib.sha256(kept.data).hexdigest() == asset_id
        with Image.open(io.BytesIO(kept.data)) as im:
            assert im.size == (4000, 3200)
    finally:
        lib.close()


def test_each_axis_is_capped_for_a_stretched_placement(tmp_path: Path) -> None:
    assets = {"p": photo((3000, 3000))}
    page = ComposedPage(1, 595, 842, (ImageItem("pic", "p", 10, 10, 300, 48),))
    export_pdf([page], tmp_path / "x.pdf", image_loader=assets.__getitem__)
    ((size, *_),) = images_of(tmp_path / "x.pdf")
    assert size == (1250, 200)


def test_a_picture_below_300_ppi_is_not_enlarged(tmp_path: Path) -> None:
    assets = {"p": photo((300, 200))}
    page = ComposedPage(1, 595, 842, (ImageItem("pic", "p", 10, 10, 300, 200),))
    export_pdf([page], tmp_path / "x.pdf", image_loader=assets.__getitem__)
    ((size, *_),) = images_of(tmp_path / "x.pdf")
    assert size == (300, 200)


def test_decoded_once_per_placed_size_and_reused_across_pages(tmp_path: Path) -> None:
    data = photo((2400, 1800))
    loads: Counter[str] = Counter()

    def loader(asset: str) -> bytes:
        loads[asset] += 1
        return data

    big = ImageItem("pic", "p", 10, 10, 240, 180)  # 1000 × 750 at 300 ppi
    small = ImageItem("pic", "p", 10, 300, 72, 54)  # 300 × 225
    pages = [
        ComposedPage(1, 595, 842, (big, small)),
        ComposedPage(2, 595, 842, (big,)),
        ComposedPage(3, 595, 842, (small,)),
    ]
    out = tmp_path / "x.pdf"
    export_pdf(pages, out, image_loader=loader)
    assert loads == {"p": 2}  # one decode for each size, not one for each placement
    assert sorted(size for size, *_ in images_of(out)) == [(300, 225), (1000, 750)]
    again = tmp_path / "again.pdf"
    export_pdf(pages, again, image_loader=loader)
    assert again.read_bytes() == out.read_bytes()  # downsampling and JPEG coding are exact


def test_cmyk_photo_keeps_its_separations(tmp_path: Path) -> None:
    colour = (30, 160, 10, 40)
    assets = {"p": solid("CMYK", (3000, 2000), colour, "JPEG")}
    page = ComposedPage(1, 595, 842, (ImageItem("pic", "p", 10, 10, 72, 48),))
    export_pdf([page], tmp_path / "x.pdf", image_loader=assets.__getitem__)
    ((size, space, _, pixels),) = images_of(tmp_path / "x.pdf")
    assert size == (300, 200) and space == "/DeviceCMYK"
    got = tuple(round(v) for v in ImageStat.Stat(pixels).mean)
    assert all(abs(a - b) <= 2 for a, b in zip(got, colour, strict=True)), got


def test_on_a_black_only_page_a_large_colour_photo_is_k_only(tmp_path: Path) -> None:
    assets = {"p": photo((3000, 2000))}
    page = ComposedPage(1, 595, 842, (ImageItem("pic", "p", 10, 10, 144, 96),), black_only=True)
    export_pdf([page], tmp_path / "x.pdf", image_loader=assets.__getitem__)
    ((size, _, _, pixels),) = images_of(tmp_path / "x.pdf")
    assert size == (600, 400)
    c, m, y, k = pixels.split()
    assert max(p.getextrema()[1] for p in (c, m, y)) <= 2 and k.getextrema()[1] > 100


def test_transparent_png_is_downsampled_onto_white_and_kept_lossless(tmp_path: Path) -> None:
    rgba = Image.new("RGBA", (2000, 2000), (0, 0, 0, 0))
    rgba.paste((200, 30, 30, 255), (500, 500, 1500, 1500))
    buf = io.BytesIO()
    rgba.save(buf, "PNG")
    page = ComposedPage(1, 595, 842, (ImageItem("pic", "p", 10, 10, 72, 72),))
    export_pdf([page], tmp_path / "x.pdf", image_loader={"p": buf.getvalue()}.__getitem__)
    ((size, space, filt, pixels),) = images_of(tmp_path / "x.pdf")
    assert size == (300, 300) and space == "/DeviceCMYK" and filt == "/FlateDecode"
    assert pixels.getpixel((5, 5)) == (0, 0, 0, 0)  # paper where it was transparent
    assert pixels.getpixel((150, 150)) == (0, 170, 170, 55)  # the red, converted as before


def test_line_art_keeps_1200_ppi_and_is_filtered_not_decimated(tmp_path: Path) -> None:
    art = Image.new("1", (6000, 600), 1)
    for x in range(0, 6000, 7):  # hairlines one pixel wide, every 7 pixels
        art.paste(0, (x, 0, x + 1, 600))
    buf = io.BytesIO()
    art.save(buf, "PNG")
    page = ComposedPage(1, 595, 842, (ImageItem("pic", "p", 10, 10, 180, 18),))
    export_pdf([page], tmp_path / "x.pdf", image_loader={"p": buf.getvalue()}.__getitem__)
    ((size, _, filt, pixels),) = images_of(tmp_path / "x.pdf")
    assert size == (round(180 / 72 * LINE_ART_MAX_PPI), round(18 / 72 * LINE_ART_MAX_PPI))
    assert filt == "/FlateDecode"
    k = pixels.split()[3]
    row = [k.getpixel((x, 100)) for x in range(size[0])]
    # every hairline leaves ink (picking every 2nd pixel would drop some and keep others black)
    assert all(max(row[i : i + 4]) > 40 for i in range(0, size[0] - 4, 4))
    assert abs(sum(row) / len(row) / 255 - 1 / 7) < 0.03  # the same ink overall


@pytest.mark.parametrize("mode", ["L", "P", "I;16"])
def test_other_modes_are_downsampled_with_their_tones(tmp_path: Path, mode: str) -> None:
    ramp = Image.linear_gradient("L").resize((1200, 1200))  # black at the top, white below
    if mode == "I;16":  # a 16-bit scan: 0 … 65535
        source = Image.frombytes(
            "I;16", ramp.size, bytes(b for v in ramp.tobytes() for b in (v, v))
        )
    else:
        source = ramp.convert(mode)
    buf = io.BytesIO()
    source.save(buf, "PNG")
    page = ComposedPage(1, 595, 842, (ImageItem("pic", "p", 10, 10, 72, 72),))
    export_pdf([page], tmp_path / "x.pdf", image_loader={"p": buf.getvalue()}.__getitem__)
    ((size, space, _, pixels),) = images_of(tmp_path / "x.pdf")
    assert size == (300, 300) and space == "/DeviceCMYK"
    k = pixels.split()[3]
    top, middle, bottom = (k.getpixel((150, y)) for y in (2, 150, 297))
    assert top > 240 and 100 < middle < 155 and bottom < 15, (top, middle, bottom)
