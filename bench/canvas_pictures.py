"""Benchmark the canvas's pictures: an 80-megapixel JPEG drawn on screen from a copy decoded at the size the zoom needs (widgets/pictures.PictureCache) beside decoding it whole, as the canvas did before; prints median milliseconds and the decoded copy's pixels.

    QT_QPA_PLATFORM=offscreen python bench/canvas_pictures.py [--runs 5]

The photo is 10000 × 8000 (made once, photo-like). Each run decodes afresh (a new cache):
a two-column picture (207 pt) at zoom 1, 4 and 16 on a 96-dpi screen, then the whole file
with QImage.fromData, as the canvas decoded pictures before (Qt refuses it: past its 256 MB
allocation limit, so an 80-MP photo showed as a placeholder).
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def photo(w: int = 10000, h: int = 8000) -> bytes:
    from PIL import Image

    fields = Image.effect_noise((w // 64, h // 64), 90).convert("L").resize((w, h))
    grain = Image.effect_noise((w, h), 12).convert("L")
    green = Image.linear_gradient("L").resize((w, h))
    rgb = Image.merge("RGB", (Image.blend(fields, grain, 0.3), green, grain))
    buf = io.BytesIO()
    rgb.save(buf, "JPEG", quality=90)
    return buf.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from PySide6.QtGui import QGuiApplication, QImage

    from widgets.pictures import PictureCache

    QGuiApplication(sys.argv[:1])
    data = photo()
    print(f"photo: 10000 × 8000, {len(data) / 1e6:.1f} MB JPEG")
    placed_px = 207 * 96 / 72  # a two-column picture on a 96-dpi screen at zoom 1
    for zoom in (1, 4, 16):
        times, size = [], (0, 0)
        for _ in range(args.runs):
            cache = PictureCache(lambda _a: data)
            start = time.perf_counter()
            image = cache.image("p", placed_px * zoom)
            times.append((time.perf_counter() - start) * 1000)
            assert image is not None
            size = (image.width(), image.height())
        print(
            f"zoom {zoom:>2}: {statistics.median(times):7.1f} ms, copy {size[0]} × {size[1]}"
            f" ({size[0] * size[1] / 1e6:.1f} MP, {size[0] * size[1] * 4 / 2**20:.0f} MiB)"
        )
    times = []
    for _ in range(max(1, args.runs // 2)):
        start = time.perf_counter()
        whole = QImage.fromData(data)
        times.append((time.perf_counter() - start) * 1000)
    if whole.isNull():  # Qt refuses images past its allocation limit (256 MB by default)
        print(f"whole:   {statistics.median(times):7.1f} ms, refused by Qt: a placeholder before")
    else:
        print(
            f"whole:   {statistics.median(times):7.1f} ms, {whole.width()} × {whole.height()}"
            f" ({whole.sizeInBytes() / 2**20:.0f} MiB) — what the canvas decoded before"
        )


if __name__ == "__main__":
    main()
