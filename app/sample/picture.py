"""A generated stand-in picture for the sample issue, labelled as such (示例图片), never a photo."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw
from PIL.PngImagePlugin import PngInfo

from app.model.placeholder import PNG_KEY


def placeholder_picture(width_px: int, height_px: int) -> bytes:
    """A grey diagonal-hatched PNG, crossed corner to corner as layout sketches mark a picture
    place, carrying a text chunk that says it is a stand-in; deterministic bytes per size."""
    im = Image.new("L", (width_px, height_px), 225)
    draw = ImageDraw.Draw(im)
    step = max(width_px // 24, 8)
    for x in range(-height_px, width_px, step):
        draw.line([(x, height_px), (x + height_px, 0)], fill=200, width=max(step // 6, 2))
    draw.rectangle([0, 0, width_px - 1, height_px - 1], outline=120, width=max(step // 8, 2))
    for corners in ([(0, 0), (width_px, height_px)], [(0, height_px), (width_px, 0)]):
        draw.line(corners, fill=150, width=max(step // 8, 2))
    info = PngInfo()
    info.add_text(PNG_KEY, "sample picture / 示例图片")
    out = io.BytesIO()
    im.save(out, format="PNG", optimize=True, pnginfo=info)
    return out.getvalue()
