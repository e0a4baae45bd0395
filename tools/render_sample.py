"""Render the sample issue's page 1 to docs/sample-page1.png: sample library → compose → PDF/X export → pypdfium2 → PNG.

    python tools/render_sample.py            # rewrite the golden file (review the diff)
    python tools/render_sample.py --out X.png

tests/app/test_sample_render.py compares a fresh render with the golden file, so layout drift
shows up; after an intended change to page 1, run this and commit the new PNG with it.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "docs" / "sample-page1.png"
DPI = 100  # body type (小五) ≈ 12 px: readable in the README, ~180 KB
COLOURS = 64  # a fixed palette keeps the file small; the same pipeline renders for the test
MAX_BYTES = 400_000

if TYPE_CHECKING:
    from PIL import Image

    from app.store import Library


def render_sample_page1(
    dpi: float = DPI, edit: Callable[[Library], None] | None = None
) -> Image.Image:
    """Page 1 of the built-in sample as exported for print (screen preset, PDF/X-1a), rendered
    by pypdfium2 on white and reduced to COLOURS colours; `edit` may change the library first."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from PIL import Image

    from app.export.issue import export_issue
    from app.export.raster import render_pdf_page
    from app.services import compose_issue, create_sample_library, load_issue

    with tempfile.TemporaryDirectory(prefix="banmian-render-") as folder:
        with create_sample_library(Path(folder) / "sample.banmian") as lib:
            if edit is not None:
                edit(lib)
            doc = load_issue(lib, None)
            pages = compose_issue(doc)
            pdf = Path(folder) / "page1.pdf"
            export_issue(
                doc, pages[:1], pdf, image_loader=lambda asset_id: lib.asset(asset_id).data
            )
        image = render_pdf_page(pdf, 0, dpi)
    return image.quantize(colors=COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)


def png_bytes(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=GOLDEN, help=f"default: {GOLDEN.relative_to(ROOT)}")
    ap.add_argument("--dpi", type=float, default=DPI)
    args = ap.parse_args(argv)
    data = png_bytes(render_sample_page1(args.dpi))
    if len(data) > MAX_BYTES:
        print(f"error: {len(data)} bytes, over {MAX_BYTES}: use a lower --dpi", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"written {args.out} ({len(data) // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
