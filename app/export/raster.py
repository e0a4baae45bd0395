"""PDF to pixels: takes PDF bytes or a file, gives page images rendered by pypdfium2 on white and where each page's trim box lies."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

WHITE = (255, 255, 255, 255)  # newsprint white; a transparent render defeats QR decoders


@dataclass(frozen=True, slots=True)
class SheetGeometry:
    """A rendered PDF page in points: the sheet (its crop box) and the trim box on it.

    `trim_x`/`trim_y` are the distance from the sheet's top-left to the trim box's top-left
    (y down), so a point (x, y) of the display list sits at (trim_x + x, trim_y + y) on the
    sheet — with the print preset's bleed and slug as much as with the bare screen preset.
    """

    width: float
    height: float
    trim_x: float
    trim_y: float
    trim_w: float
    trim_h: float

    def to_sheet(self, x: float, y: float) -> tuple[float, float]:
        return self.trim_x + x, self.trim_y + y

    def to_trim(self, x: float, y: float) -> tuple[float, float]:
        return x - self.trim_x, y - self.trim_y


class PdfPages:
    """An open PDF whose pages render to RGB images; close it (or use `with`) when done."""

    def __init__(self, source: bytes | str | os.PathLike[str]) -> None:
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
        self._doc = pdfium.PdfDocument(data)
        self._geometry: dict[int, SheetGeometry] = {}
        self.closed = False

    def __len__(self) -> int:
        return len(self._doc)

    def __enter__(self) -> PdfPages:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if not self.closed:
            self._doc.close()
            self.closed = True

    def geometry(self, index: int) -> SheetGeometry:
        found = self._geometry.get(index)
        if found is None:
            page = self._doc[index]
            try:
                cx0, cy0, cx1, cy1 = page.get_cropbox()
                tx0, ty0, tx1, ty1 = page.get_trimbox()  # pdfium falls back to the crop box
            finally:
                page.close()
            found = SheetGeometry(
                width=cx1 - cx0,
                height=cy1 - cy0,
                trim_x=tx0 - cx0,
                trim_y=cy1 - ty1,  # PDF space is y up: from the sheet's top down to the trim's
                trim_w=tx1 - tx0,
                trim_h=ty1 - ty0,
            )
            self._geometry[index] = found
        return found

    def render(self, index: int, scale: float) -> Image.Image:
        """Page `index` at `scale` pixels per point, RGB on white, as a viewer shows it."""
        if not 0 <= index < len(self._doc):
            raise IndexError(f"the PDF has {len(self._doc)} pages, not {index + 1}")
        page = self._doc[index]
        try:
            bitmap = page.render(scale=scale, fill_color=WHITE, may_draw_forms=False)
            return bitmap.to_pil().convert("RGB")
        finally:
            page.close()


def render_pdf_page(
    source: bytes | str | os.PathLike[str], index: int = 0, dpi: float = 72.0
) -> Image.Image:
    """One page of a PDF at `dpi`, RGB on white (PNG proofs, thumbnails, the golden sample)."""
    with PdfPages(source) as pages:
        return pages.render(index, dpi / 72.0)
